# Instances of subclasses of int and list include the managed dict pre-header.
import sys
class MyInt(int):
    pass
class MyList(list):
    pass
print(sys.getsizeof(MyInt(5)), sys.getsizeof(MyInt(2 ** 40)))
print(sys.getsizeof(MyList()), sys.getsizeof(MyList([1, 2, 3])))
