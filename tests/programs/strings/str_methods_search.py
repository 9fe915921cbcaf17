# find, index, count, startswith, endswith and in.
s = "banana bandana"
print(s.find("an"), s.find("an", 3), s.find("xyz"))
print(s.rfind("an"), s.rindex("ban"))
print(s.index("dan"))
print(s.count("an"), s.count("a"), s.count(""))
print(s.startswith("ban"), s.startswith(("x", "bana")), s.endswith("na"))
print(s.startswith("nan", 2))
try:
    s.index("zzz")
except ValueError as e:
    print("ValueError:", e)
print("ana" in s)
