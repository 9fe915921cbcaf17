# Format specs: fill, align, sign, width, precision, grouping and types.
n = 1234.5678
print(format(n, ".2f"), format(n, "10.1f"), format(n, "<10.1f") + "|")
print(format(n, ",.2f"), format(1234567, "_d"), format(0xABCDEF, "_x"))
print(format(n, "e"), format(n, ".3E"), format(n, "g"), format(1e-7, "g"))
print(format(0.25, "%"), format(0.25, ".1%"))
print(format(42, "b"), format(42, "o"), format(42, "x"), format(42, "X"), format(42, "#b"))
print(format(42, "+"), format(-42, "+"), format(42, " "), format(42, "="))
print(format(-42, "=8"), format(-42, "08"), format(42, "^8") + "|")
print(format("text", ".2"), format("text", ">8"), format("text", "~^10"))
print(format(65, "c"), format(True, "d"), format(3, ".1f"))
print(format(1e16, ""), format(1.0, ""), format(1e16, "n"))
print(format(12345678901234567890, ","))
print(format(float("inf"), "10.2f") + "|", format(float("nan"), "f"))
