# String building, joining, splitting and methods.
parts = []
for i in range(100_000):
    parts.append(str(i))
text = ",".join(parts)
fields = text.split(",")
upper = [f.upper() for f in fields if f.startswith("1")]
print(len(text), len(fields), len(upper), text[:20].replace(",", ";"))
