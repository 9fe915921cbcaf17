# pass, docstring-only bodies and Ellipsis bodies are valid empty blocks.
def nothing():
    pass
def documented():
    "Only a docstring."
def dots():
    ...
class Empty:
    pass
for i in range(2):
    pass
if True:
    pass
else:
    pass
print(nothing(), documented(), dots(), Empty.__name__, documented.__doc__)
