# Modules carry __name__, __doc__ and their globals as attributes.
import math
import sys
import _helper_mod
print(math.__name__, sys.__name__, _helper_mod.__name__)
print(__name__)
print(_helper_mod.__file__.split("/")[-1])
print(sorted(n for n in vars(_helper_mod) if not n.startswith("__")))
print(hasattr(math, "sqrt"), getattr(math, "nope", None))
_helper_mod.added_later = 5
print(_helper_mod.added_later)
print(type(math).__name__, type(_helper_mod) is type(sys))
