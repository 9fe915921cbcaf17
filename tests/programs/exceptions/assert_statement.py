# assert raises AssertionError with an optional message when the condition is false.
assert 1 + 1 == 2
assert True, "not shown"
try:
    assert 1 > 2
except AssertionError as e:
    print("AssertionError:", repr(e), e.args)
try:
    assert [], f"empty list is falsy ({len([])})"
except AssertionError as e:
    print("AssertionError:", e)
def positive(n):
    assert n > 0, n
    return n
try:
    positive(-3)
except AssertionError as e:
    print("args", e.args)
