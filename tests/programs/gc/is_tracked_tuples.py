# Tuples of atomic items are untracked by the first collection that sees them.
import gc
gc.disable()
items = [tuple([1, 2]), tuple([1, "a", None, 2.5]), (tuple([1, 2]), tuple([3])), tuple([1, []]), tuple([{}]), tuple([frozenset([1])]), tuple([object()])]
print([gc.is_tracked(t) for t in items])
gc.collect()
print([gc.is_tracked(t) for t in items])
print(gc.is_tracked(()))
fresh = tuple([1, 2, 3])
print(gc.is_tracked(fresh))
gc.collect(0)
print(gc.is_tracked(fresh))
