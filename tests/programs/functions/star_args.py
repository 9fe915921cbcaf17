# *args collects extra positionals as a tuple, **kwargs extra keywords as a dict.
def f(a, *args, **kwargs):
    print(a, args, kwargs)
f(1)
f(1, 2, 3)
f(1, x=2, y=3)
f(*[1, 2], **{"k": "v"})
def total(*nums):
    return sum(nums)
print(total(), total(1, 2, 3))
def describe(**info):
    for k, v in info.items():
        print(f"  {k} = {v}")
describe(name="mempy", lang="rust")
def wrapper(*a, **k):
    return f(*a, **k)
wrapper("w", 1, z=0)
try:
    f()
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, a=2)
except TypeError as e:
    print("TypeError:", e)
