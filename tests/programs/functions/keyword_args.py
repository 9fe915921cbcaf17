# Keyword arguments, keyword-only parameters and their errors.
def box(w, h, *, fill="#", border=False):
    return f"{w}x{h} fill={fill} border={border}"
print(box(2, 3))
print(box(h=1, w=5, border=True))
print(box(2, 3, fill="*"))
try:
    box(1, 2, "*")
except TypeError as e:
    print("TypeError:", e)
try:
    box(1)
except TypeError as e:
    print("TypeError:", e)
try:
    box(1, 2, colour="red")
except TypeError as e:
    print("TypeError:", e)
try:
    box(1, w=2)
except TypeError as e:
    print("TypeError:", e)
def req(*, a, b=2):
    return a + b
print(req(a=1))
try:
    req()
except TypeError as e:
    print("TypeError:", e)
