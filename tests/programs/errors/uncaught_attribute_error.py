# A missing attribute on an instance is reported with a hint for a close name.
class Account:
    def __init__(self):
        self.balance = 10
acct = Account()
print(acct.balance)
print(acct.balanse)
