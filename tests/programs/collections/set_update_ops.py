# In-place set operators and the update methods.
s = {1, 2, 3}
s |= {4}
print(s)
s &= {1, 2, 4, 5}
print(s)
s -= {1}
print(s)
s ^= {4, 6}
print(s)
s.update([7, 8], (9,))
print(s)
s.intersection_update(range(8))
print(s)
s.difference_update({2})
print(s)
s.symmetric_difference_update({0, 6})
print(s)
print(sorted({"b", "a", "c"}))
