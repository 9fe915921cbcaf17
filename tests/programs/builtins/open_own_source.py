# open() can read the script's own file through __file__.
with open(__file__) as f:
    lines = f.readlines()
print(len(lines))
print(lines[0].rstrip())
print(lines[-1].rstrip())
# last line of the file
