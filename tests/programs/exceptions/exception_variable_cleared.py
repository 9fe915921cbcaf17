# The 'as' name is deleted at the end of the except block.
try:
    raise ValueError("x")
except ValueError as err:
    print("inside:", err)
try:
    print(err)
except NameError as e:
    print("NameError:", e)
saved = None
try:
    raise KeyError("kept")
except KeyError as err2:
    saved = err2
print("saved:", repr(saved))
