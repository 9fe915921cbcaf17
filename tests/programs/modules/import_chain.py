# A module imported by another module is shared through sys.modules.
import sys
import _second_helper
print(_second_helper.add_three(1, 2, 3))
print("_helper_mod" in sys.modules, "_second_helper" in sys.modules)
import _helper_mod
print(_second_helper._helper_mod is _helper_mod, sys.modules["_helper_mod"] is _helper_mod)
print(_second_helper.helper_counter_at_import)
