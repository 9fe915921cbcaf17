# Objects still alive at the end of the script are finalized at exit.
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("finalized", self.name)
keep = Noisy("global")
holder = [Noisy("in list")]
print("script ends")
