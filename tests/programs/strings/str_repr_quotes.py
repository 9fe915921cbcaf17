# repr picks the quote that avoids escapes and escapes non-printables.
for s in ["plain", "it's", 'say "x"', "both ' and \"", "tab\there", "é ü", "\u200b", "\x1b[0m", "emoji 😀", "\\"]:
    print(repr(s))
print(ascii("é ü 😀"))
print(str(b"bytes"), repr(b"it's"))
