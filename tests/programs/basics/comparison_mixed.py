# Comparison results across types and what raises TypeError.
print(1 < 1.5, 2 >= 2.0, -1 < False)
print("abc" < "abd", "Z" < "a", "" < "a")
print((1, 2, 3) < (1, 2, 4), (1, 2) < (1, 2, 0))
print([3] > [2, 9])
print(None == 0, None == None, [] == ())
try:
    print(1 < "a")
except TypeError as e:
    print("TypeError:", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print(None < None)
except TypeError as e:
    print("TypeError:", e)
