# Comments, blank lines and odd indentation widths do not change meaning.

# a comment on its own line
x = 1  # trailing comment


if x:
        # deeper comment
        y = 2   # eight spaces
        if y:
         print("one space nested")
   # misaligned comments are ignored
print(x, y)  # done
def f():
  return "two-space function"
print(f())
