# Sizes of classes and of instances with and without __slots__.
import sys
class Plain:
    pass
class WithAttrs:
    def __init__(self):
        self.a = 1
        self.b = 2
class S0:
    __slots__ = ()
class S1:
    __slots__ = ("a",)
class S2:
    __slots__ = ("a", "b")
class S3:
    __slots__ = ("a", "b", "c")
class SW:
    __slots__ = ("a", "__weakref__")
class SD:
    __slots__ = ("a", "__dict__")
print(sys.getsizeof(Plain()), sys.getsizeof(WithAttrs()))
print(sys.getsizeof(S0()), sys.getsizeof(S1()), sys.getsizeof(S2()), sys.getsizeof(S3()), sys.getsizeof(SW()), sys.getsizeof(SD()))
print(sys.getsizeof(Plain), sys.getsizeof(WithAttrs), sys.getsizeof(S1))
print(sys.getsizeof(int), sys.getsizeof(type), sys.getsizeof(object))
