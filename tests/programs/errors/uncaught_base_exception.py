# A BaseException subclass that is not an Exception still prints a traceback and exits 1.
class Abort(BaseException):
    pass
def work():
    raise Abort("stopping now")
work()
