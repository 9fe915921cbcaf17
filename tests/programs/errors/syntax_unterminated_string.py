# A string literal that is not closed on its line.
message = "hello
print(message)
