# Building strings in loops: join versus +=, and str() of common values.
parts = []
for i in range(5):
    parts.append(str(i * i))
print(",".join(parts))
acc = ""
for word in ["memory", "is", "managed"]:
    acc += word + " "
print(acc.strip() + ".")
print(str(1.0), str(True), str(None), str([1, "a"]), str({"k": (1,)}))
print(str(), repr(str()))
lines = ["%2d: %s" % (i, w) for i, w in enumerate("abc")]
print("\n".join(lines))
