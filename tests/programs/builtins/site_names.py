# The names the site module adds for people at a prompt: help, copyright, credits and
# license, whose reprs are their texts (issue 5), and calling credits() and copyright().
print(repr(help))
print(repr(license))
print(copyright)
print(type(help).__name__, type(license).__name__, type(help).__module__)
credits()
copyright()
print(callable(help), callable(credits))
