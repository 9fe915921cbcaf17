# send() passes values into a paused generator; the first send must be None.
def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
print(next(a))
print(a.send(10))
print(a.send(20))
print(a.send(0))
b = averager()
try:
    b.send(5)
except TypeError as e:
    print("TypeError:", e)
def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"
e = echo()
print(e.send(None), e.send("a"), e.send("b"))
