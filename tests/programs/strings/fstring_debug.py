# f-string = specifier prints the expression text and its repr.
x = 10
name = "Ada"
print(f"{x=}")
print(f"{x = }")
print(f"{x*2=}")
print(f"{name=}")
print(f"{name=!s}")
print(f"{x=:5d}|")
print(f"{3.0/4=:.2f}")
items = [1, 2]
print(f"{len(items)=} {items=}")
