# f-strings: expressions, method calls and literal braces.
name = "World"
n = 3
print(f"Hello, {name}!")
print(f"{n} + {n} = {n + n}")
print(f"{name.upper()} {name[::-1]} {len(name)}")
print(f"{{braces}} and {n}")
print(f"{'quoted'} {[1, 2][1]} {dict(a=1)['a']}")
items = ["x", "y"]
print(f"items: {', '.join(items)}")
print(F"capital F {n}")
print(f"{n if n > 2 else 0}")
print(f"""triple {n}
quoted""")
print(rf"raw \n {n}", fr"\t{name}")
