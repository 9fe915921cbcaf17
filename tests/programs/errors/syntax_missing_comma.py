# Two literals in a list without a comma suggest a missing comma.
items = ["a" "b", 1 2]
