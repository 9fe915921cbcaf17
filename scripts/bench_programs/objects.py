# Object creation and attribute access on instances of a user class.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

total = 0
for i in range(300_000):
    p = Point(i, -i)
    total += p.norm1()
print(total)
