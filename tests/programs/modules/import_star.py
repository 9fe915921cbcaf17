# from module import * skips names starting with an underscore.
from _helper_mod import *
print(GREETING, add(4, 5))
try:
    print(_private)
except NameError as e:
    print("NameError:", e)
