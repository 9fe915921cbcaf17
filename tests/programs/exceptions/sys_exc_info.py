# sys.exc_info reports the exception being handled, and nothing outside handlers.
import sys
print(sys.exc_info())
try:
    raise ValueError("inside")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, type(tb).__name__, tb.tb_lineno)
print(sys.exc_info())
def handler():
    try:
        raise KeyError("nested")
    except KeyError:
        return sys.exc_info()[1]
print(repr(handler()))
