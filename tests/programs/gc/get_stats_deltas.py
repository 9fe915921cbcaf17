# get_stats lists three generations; collections and collected grow by what each collection did.
import gc
gc.disable()
before = gc.get_stats()
print(len(before), sorted(before[0]))
class C:
    pass
for _ in range(3):
    c = C()
    c.me = c
del c
gc.collect()
after = gc.get_stats()
for g in range(3):
    print(g, {k: after[g][k] - before[g][k] for k in after[g]})
gc.collect(0)
again = gc.get_stats()
print(again[0]["collections"] - after[0]["collections"], again[2]["collections"] - after[2]["collections"])
