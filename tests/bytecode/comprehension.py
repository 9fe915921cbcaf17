# Comprehensions: nested loops with a condition, a walrus binding in the enclosing
# function, a generator expression and a dict comprehension.
def squares(rows):
    total = [x * y for x in rows if x for y in range(x)]
    found = any((last := v) > 10 for v in total)
    return {k: str(k) for k in total}, found, last
