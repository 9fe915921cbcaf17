# Assignments: swap without a tuple, star unpacking, augmented assignment on an
# attribute and a subscript (container and key evaluated once), chained comparison.
a, b = b, a
first, *rest = items
obj.count += 1
table[key] -= 2
ok = 0 < a < 10
