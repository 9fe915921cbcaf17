# An uncaught custom exception prints its qualified name and its __str__.
class InsufficientFunds(Exception):
    def __init__(self, needed):
        self.needed = needed
        super().__init__(needed)
    def __str__(self):
        return f"need {self.needed} more"
def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(amount - balance)
    return balance - amount
print(withdraw(10, 3))
withdraw(10, 30)
