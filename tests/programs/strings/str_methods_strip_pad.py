# strip family, padding, zfill and centering.
s = "  xx hello xx  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcba".strip("ab"))
print(repr("7".zfill(3)), repr("-7".zfill(4)), repr("+12".zfill(5)))
print(repr("ab".center(7)), repr("ab".center(7, "*")))
print(repr("ab".ljust(5, ".")), repr("ab".rjust(5, ".")))
print(repr("abc".center(2)))
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"))
print(repr("\tindent".expandtabs(4)))
