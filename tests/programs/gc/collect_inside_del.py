# gc.collect() called from a __del__ run by the collector returns 0.
import gc
gc.disable()
results = []
class Inner:
    def __del__(self):
        results.append(gc.collect())
i = Inner()
i.me = i
del i
print(gc.collect())
print(results)
