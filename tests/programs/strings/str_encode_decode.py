# Encoding to UTF-8 and Latin-1 and decoding with error handlers.
s = "naïve café"
b = s.encode("utf-8")
print(b, len(s), len(b))
print(b.decode("utf-8") == s)
print(s.encode("latin-1"))
try:
    "€".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print("€uro".encode("ascii", "replace"), "€uro".encode("ascii", "ignore"))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(b"\xffok".decode("utf-8", "replace"))
