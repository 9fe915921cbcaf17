# Returning tuples and unpacking them at the call site.
def min_max(seq):
    return min(seq), max(seq)
lo, hi = min_max([4, 9, 1, 7])
print(lo, hi)
def divmod_like(a, b):
    return a // b, a % b
print(divmod_like(17, 5), type(divmod_like(1, 1)).__name__)
def stats(nums):
    n = len(nums)
    mean = sum(nums) / n
    var = sum((x - mean) ** 2 for x in nums) / n
    return {"n": n, "mean": mean, "var": var}
print(stats([2, 4, 4, 4, 5, 5, 7, 9]))
