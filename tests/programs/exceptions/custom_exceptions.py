# Custom exception classes with extra attributes and hierarchy.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, what):
        super().__init__(f"{what} not found")
        self.what = what
class Invalid(AppError):
    def __str__(self):
        return "invalid: " + ", ".join(map(str, self.args))
for exc in [NotFound("user"), Invalid("a", "b"), AppError()]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, "|", e, "|", repr(e), "|", getattr(e, "what", "-"))
print(issubclass(NotFound, Exception), NotFound.__mro__[1:])
