# Annotated assignments bind values; module annotations are recorded.
x: int = 5
y: list[int] = [1, 2]
z: str
print(x, y)
print(__annotations__)
print("z" in globals())
class P:
    a: int = 1
    b: float
print(P.a, P.__annotations__)
def f(n: int, *, k: str = "d") -> bool:
    return True
print(f.__annotations__)
