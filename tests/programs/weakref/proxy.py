# A proxy forwards attribute access and raises ReferenceError once the referent is gone.
import weakref
class Account:
    def __init__(self):
        self.balance = 10
    def deposit(self, n):
        self.balance += n
        return self.balance
acct = Account()
p = weakref.proxy(acct)
print(p.balance, p.deposit(5), acct.balance)
p.balance = 100
print(acct.balance, type(p).__name__)
del acct
try:
    p.balance
except ReferenceError as e:
    print("ReferenceError:", e)
def notify(proxy):
    print("proxy callback ran")
class Item:
    pass
i = Item()
q = weakref.proxy(i, notify)
del i
print("done")
