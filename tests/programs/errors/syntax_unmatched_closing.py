# A closing bracket without an opening one.
total = (1 + 2))
