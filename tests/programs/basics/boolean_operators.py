# and/or return one of their operands and short-circuit; not returns a bool.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2)
print("" or "default", "x" or "default")
print(None and 1, [] or {})
print(not 0, not "a", not None)
def loud(x):
    print("called", x)
    return x
print(loud(0) and loud(1))
print(loud(1) or loud(2))
print(loud(1) and loud(0) or loud(3))
print(True + True, True * 5, False - 1)
