# A failing call spanning several lines shows the first line of the statement.
def combine(a, b, c):
    return a + b + c
result = combine(
    1,
    "two",
    3,
)
