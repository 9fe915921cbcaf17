# Arbitrary precision integers: huge products, powers and divisions stay exact.
x = 2 ** 100
print(x)
print(x * x)
print(x - 1)
print(-x)
print(x // 3, x % 3)
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(f // (2 ** 20))
print(10 ** 40 + 1)
print((10 ** 40 + 1) % 97)
print(-(10 ** 30) // 7, -(10 ** 30) % 7)
print(2 ** 64 - 1 == 18446744073709551615)
print(len(str(3 ** 500)))
