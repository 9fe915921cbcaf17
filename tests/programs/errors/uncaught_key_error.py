# An uncaught KeyError prints the repr of the key.
prices = {"apple": 1.25}
print(prices["apple"])
print(prices["banana"])
