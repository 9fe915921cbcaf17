# Division and modulo by zero raise ZeroDivisionError with CPython's messages.
tries = [
    ("1 / 0", lambda: 1 / 0),
    ("1 // 0", lambda: 1 // 0),
    ("1 % 0", lambda: 1 % 0),
    ("1.0 / 0", lambda: 1.0 / 0),
    ("1.0 // 0.0", lambda: 1.0 // 0.0),
    ("5 % 0.0", lambda: 5 % 0.0),
    ("divmod(1, 0)", lambda: divmod(1, 0)),
    ("0 ** -1", lambda: 0 ** -1),
    ("0.0 ** -1", lambda: 0.0 ** -1),
]
for text, fn in tries:
    try:
        fn()
    except ZeroDivisionError as e:
        print(text, "->", e)
