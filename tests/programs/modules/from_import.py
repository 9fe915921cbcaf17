# from-import binds names; later changes to module globals are not seen by the copies.
from _helper_mod import add, counter, bump
from _helper_mod import Shape as S, GREETING as G
print(add(1, 1), counter, G, S("sq"))
print(bump(), counter)
import _helper_mod
print(_helper_mod.counter)
try:
    from _helper_mod import does_not_exist
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
