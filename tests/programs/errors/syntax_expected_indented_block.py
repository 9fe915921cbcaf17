# A block header followed by an unindented line needs an indented block.
for i in range(3):
print(i)
