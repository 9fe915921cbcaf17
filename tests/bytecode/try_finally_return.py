# try/except/else/finally: return unwinding through finally, except-as cleanup.
def parse(text):
    try:
        value = int(text)
    except ValueError as e:
        print("bad", e)
        return None
    else:
        return value
    finally:
        print("finally")
