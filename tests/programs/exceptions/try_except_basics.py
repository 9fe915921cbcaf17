# try/except catches by type, in order, and the else/finally clauses run as documented.
def attempt(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print("divide by zero")
    except TypeError as e:
        print("bad type:", e)
    else:
        print("result", r)
    finally:
        print("finally for", repr(x))
attempt(2)
attempt(0)
attempt("s")
try:
    int("x")
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
try:
    [][0]
except LookupError as e:
    print("LookupError caught", type(e).__name__)
try:
    {}["k"]
except Exception as e:
    print("Exception caught", type(e).__name__, e)
