# while loops with counters, break, continue and else.
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n =", n)
else:
    print("while finished normally")
while True:
    n -= 1
    if n < 2:
        break
print("after break n =", n)
m = 3
while m > 0:
    m -= 1
    if m == 10:
        break
else:
    print("else runs when no break")
k = 0
while k < 3:
    k += 1
    if k == 2:
        break
else:
    print("not printed")
print("k =", k)
