# A closing bracket that does not match the opening one.
pairs = [(1, 2), (3, 4]]
