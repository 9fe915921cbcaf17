# A materialised instance __dict__ is tracked only if an attribute value may be tracked.
import gc
class P:
    pass
p = P()
p.a = 1
p.b = "s"
print(gc.is_tracked(p), gc.is_tracked(p.__dict__))
q = P()
q.items = []
print(gc.is_tracked(q), gc.is_tracked(q.__dict__))
