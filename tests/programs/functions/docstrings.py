# Docstrings of modules, functions and classes are available at run time.
"""Module docstring for the test."""
def f():
    """Function docstring."""
class C:
    """Class docstring."""
    def m(self):
        """Method docstring."""
print(__doc__)
print(f.__doc__, C.__doc__, C.m.__doc__, C().m.__doc__)
def nodoc():
    x = "not a docstring"
print(nodoc.__doc__)
