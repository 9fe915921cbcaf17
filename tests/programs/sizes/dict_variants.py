# dict sizes of displays, constructors, copies, deletions and key-kind switches.
import sys
print(sys.getsizeof({}), sys.getsizeof(dict()))
print(sys.getsizeof({"a": 1}), sys.getsizeof({1: 1}))
print(sys.getsizeof(dict(a=1, b=2, c=3, d=4, e=5, f=6)))
print(sys.getsizeof(dict.fromkeys(range(5))), sys.getsizeof({i: i for i in range(10)}))
print(sys.getsizeof(dict(zip("abcdefghijk", range(11)))))
d = {i: i for i in range(20)}
print(sys.getsizeof(d), sys.getsizeof(d.copy()))
for i in range(20):
    del d[i]
print(len(d), sys.getsizeof(d))
d.clear()
print(sys.getsizeof(d))
s = {"a": 1}
print(sys.getsizeof(s))
s[1] = 2
print(sys.getsizeof(s))
