# Nested try statements: inner handlers first, then outer ones; exceptions in handlers propagate.
def risky(level):
    try:
        try:
            if level == 1:
                raise KeyError("inner")
            if level == 2:
                raise TypeError("goes outer")
            print("no error")
        except KeyError as e:
            print("inner handler", e)
            if level == 1:
                raise ValueError("raised in handler")
        finally:
            print("inner finally")
    except (TypeError, ValueError) as e:
        print("outer handler", type(e).__name__, e)
    finally:
        print("outer finally")
for lvl in [0, 1, 2]:
    risky(lvl)
    print("--")
