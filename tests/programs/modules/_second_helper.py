# Second helper module: imports the first one itself.
import _helper_mod
from _helper_mod import add

def add_three(a, b, c):
    return add(add(a, b), c)

helper_counter_at_import = _helper_mod.counter
