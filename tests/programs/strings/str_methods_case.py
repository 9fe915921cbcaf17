# Case methods: upper, lower, title, capitalize, swapcase, casefold.
s = "hello World of PYTHON"
print(s.upper())
print(s.lower())
print(s.title())
print(s.capitalize())
print(s.swapcase())
print("Straße".casefold(), "Straße".upper())
print("ß".lower(), "İ".lower() == "i̇")
print("abc".isupper(), "ABC".isupper(), "Abc".istitle())
print("they're bill's".title())
