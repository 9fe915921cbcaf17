# A memoizing cache built on WeakValueDictionary shares live objects and forgets dead ones.
import weakref
class Point:
    _cache = weakref.WeakValueDictionary()
    created = 0
    def __new__(cls, x, y):
        key = (x, y)
        existing = cls._cache.get(key)
        if existing is not None:
            return existing
        obj = super().__new__(cls)
        obj.x, obj.y = x, y
        cls._cache[key] = obj
        cls.created += 1
        return obj
a = Point(1, 2)
b = Point(1, 2)
c = Point(3, 4)
print(a is b, Point.created, len(Point._cache))
del a, b
print(len(Point._cache))
d = Point(1, 2)
print(Point.created, len(Point._cache))
