# replace, translate and the is* predicates.
print("aaaa".replace("a", "b", 2))
print("hello".replace("l", ""))
print("abc".replace("", "-"))
table = str.maketrans("abc", "xyz", "d")
print("aabbccdd".translate(table))
for s in ["123", "12.3", "abc", "abc123", "   ", "", "Hello World", "ⅷ", "²"]:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isnumeric(), s.isdecimal())
print("hello_1".isidentifier(), "1abc".isidentifier())
print("abc".islower(), "Hello".isprintable(), "a\nb".isprintable())
