# A .py file next to the script is importable; its top level runs once.
import _helper_mod
print(_helper_mod.GREETING)
print(_helper_mod.add(2, 3))
print(_helper_mod.Shape("circle"))
print(_helper_mod.__name__, type(_helper_mod).__name__)
import _helper_mod
import _helper_mod as h
print(h is _helper_mod)
print(h.bump(), h.bump(), _helper_mod.counter)
