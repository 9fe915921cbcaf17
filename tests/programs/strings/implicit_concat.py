# Adjacent string literals are joined at compile time, across lines too.
s = "abc" "def"
print(s)
msg = ("hello, "
       "world"
       '!')
print(msg)
print("x" 'y' """z""")
print(r"\n" "\n|")
b = b"ab" b"cd"
print(b)
