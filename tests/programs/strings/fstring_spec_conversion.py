# f-strings with format specs, nested specs and !r/!s/!a conversions.
pi = 3.14159265
width = 10
prec = 3
print(f"{pi:.2f}|{pi:10.4f}|{pi:<10}|")
print(f"{pi:{width}.{prec}f}|")
print(f"{42:{'>' if width > 5 else '<'}{width}}|")
s = "héllo"
print(f"{s!r} {s!s} {s!a}")
print(f"{s!r:>12}|")
print(f"{1234567:,} {255:#x} {255:08b} {0.5:.0%}")
class T:
    def __str__(self):
        return "str-form"
    def __repr__(self):
        return "repr-form"
    def __format__(self, spec):
        return "format(" + spec + ")"
t = T()
print(f"{t} {t!s} {t!r} {t:xyz}")
