# An unfinished generator runs its finally block when it is discarded.
def resource():
    print("open")
    try:
        yield "data"
        yield "more"
    finally:
        print("close")
g = resource()
print(next(g))
del g
print("after del")
for item in resource():
    print(item)
    break
print("after break")
