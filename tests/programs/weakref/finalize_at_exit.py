# finalize callbacks of objects still alive run at interpreter exit, in reverse order of creation.
import weakref
class Conn:
    pass
a = Conn()
b = Conn()
weakref.finalize(a, print, "closing a")
weakref.finalize(b, print, "closing b")
c = Conn()
fc = weakref.finalize(c, print, "closing c (never at exit)")
fc.atexit = False
print("end of script")
