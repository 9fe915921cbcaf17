# Assigning to a literal is a SyntaxError with a helpful message.
1 = x
