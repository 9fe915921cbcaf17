# An unclosed call parenthesis at the end of the file.
print("hello"
