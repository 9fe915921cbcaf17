# The built-in exception hierarchy as seen through __mro__ and issubclass.
for cls in [ZeroDivisionError, KeyError, IndexError, UnboundLocalError, RecursionError,
            ModuleNotFoundError, NotImplementedError, StopIteration, GeneratorExit,
            KeyboardInterrupt, SystemExit, FileNotFoundError, UnicodeDecodeError, OverflowError]:
    print(cls.__name__, "->", " -> ".join(c.__name__ for c in cls.__mro__[1:]))
print(issubclass(KeyboardInterrupt, Exception), issubclass(OSError, Exception))
print(IOError is OSError, EnvironmentError is OSError)
