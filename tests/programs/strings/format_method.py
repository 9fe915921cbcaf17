# str.format with positional, named, indexed and attribute fields.
print("{} {}".format("a", "b"))
print("{1} {0} {1}".format("a", "b"))
print("{name} is {age}".format(name="Bo", age=7))
print("{0[1]} {d[k]}".format([10, 20], d={"k": "v"}))
class P:
    x = 3
print("{p.x}".format(p=P()))
print("{{literal}} {}".format(1))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("{:*^9}".format("mid"))
print("{!r} {!s}".format("q", "q"))
print("{:,}".format(1234567))
print("{:08.3f}".format(-3.14159))
