# Importing a module that does not exist raises ModuleNotFoundError.
import sys
print("sys imported")
import no_such_module_here
