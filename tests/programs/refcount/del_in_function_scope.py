# Locals are released when the function returns; returned objects survive.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("released", self.name)
def work():
    tmp = Res("temporary")
    keep = Res("kept")
    print("returning")
    return keep
k = work()
print("after call")
del k
print("end")
