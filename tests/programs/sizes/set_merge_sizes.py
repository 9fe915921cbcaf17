# Set sizes after merges: constant displays, set(set), copy, union, update, set operators and set(dict) resize once, as CPython's set_merge.
import sys
def show(label, s):
    print(label, len(s), sys.getsizeof(s), list(s)[:6])
for n in [3, 4, 5, 6, 10, 11, 12, 20, 22, 40, 43, 90]:
    src = set(range(0, 3 * n, 3))
    print(n, sys.getsizeof(src), sys.getsizeof(set(src)), sys.getsizeof(src.copy()), sys.getsizeof(frozenset(src)),
          sys.getsizeof(set(dict.fromkeys(src))), sys.getsizeof(set(list(src))), sys.getsizeof({*src}), sys.getsizeof(src | set()))
show("display5", {1, 2, 3, 4, 5})
show("display6", {10, 20, 30, 40, 50, 60})
x = 7
show("build5", {x, 2, 3, 4, 5})
a = {1, 2, 3, 4, 5, 6, 7, 8}
b = {5, 6, 7, 8, 9, 10, 11, 12, 13}
show("union", a | b)
show("union_m", a.union(b, [100, 200], (300,)))
show("inter", a & b)
show("inter_m", a.intersection(b, range(7, 20)))
show("diff", a - b)
show("diff_small", set(range(100)) - {1, 2})
show("diff_m", a.difference([1], {2}, (3,)))
show("xor", a ^ b)
c = set(a)
c |= b
show("ior", c)
c &= {1, 2, 3, 9, 10}
show("iand", c)
c ^= {1, 50, 60}
show("ixor", c)
c -= {50}
show("isub", c)
c.update(range(30), {99: 1})
show("update", c)
c.intersection_update(range(5, 200, 2))
show("inter_update", c)
c.symmetric_difference_update([1, 2, 3])
show("xor_update", c)
c.difference_update(range(10))
show("diff_update", c)
f = frozenset(range(6))
print(frozenset(f) is f, f.copy() is f, type(f | {9}).__name__, sys.getsizeof(f | {9}))
big = set(range(1000))
for i in range(990):
    big.discard(i)
show("after_discard", big)
show("copy_after_discard", big.copy())
show("set_after_discard", set(big))
