# The builtins are ordinary names that can be shadowed and restored.
import builtins
print(builtins.len("abc"), builtins.len is len)
len = lambda obj: "shadowed"
print(len([1, 2]))
del len
print(len([1, 2]))
print(type(builtins).__name__, builtins.__name__)
