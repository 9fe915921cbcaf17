# An exception raised in finally replaces the original one and chains it as context.
try:
    try:
        raise KeyError("original")
    finally:
        raise ValueError("from finally")
except ValueError as e:
    print(repr(e), "context:", repr(e.__context__))
def cleanup_fails():
    try:
        return "value"
    finally:
        raise RuntimeError("cleanup failed")
try:
    cleanup_fails()
except RuntimeError as e:
    print(repr(e), e.__context__)
