# return inside loops and nested ifs leaves the function at once.
def first_negative(nums):
    for n in nums:
        if n < 0:
            return n
    return None
print(first_negative([3, 4, -1, -5]), first_negative([1]))
def classify(n):
    if n > 0:
        if n > 100:
            return "huge"
        return "positive"
    return "not positive"
print(classify(500), classify(5), classify(-5))
def no_return():
    x = 1
print(no_return())
