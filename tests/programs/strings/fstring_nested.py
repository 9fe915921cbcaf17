# f-strings nested inside f-strings and inside comprehensions.
rows = [("a", 1), ("bb", 22), ("ccc", 333)]
w = max(len(k) for k, _ in rows)
for k, v in rows:
    print(f"{k:<{w}} | {v:>{w}}")
print(f"{f'{1 + 1}' * 3}")
print([f"{i}:{i * i}" for i in range(4)])
print(f"{'-'.join(f'{c}{c}' for c in 'xyz')}")
d = {"k": "v"}
print(f"{d['k']} {d!r}")
