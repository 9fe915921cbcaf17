# Using a list as a dict key is an uncaught TypeError.
seen = {}
key = [1, 2]
seen[key] = True
