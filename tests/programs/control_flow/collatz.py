# The Collatz sequence: while loop with a conditional update.
def collatz(n):
    steps = [n]
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps.append(n)
    return steps
print(collatz(6))
print(len(collatz(27)), max(collatz(27)))
longest = max(range(1, 1000), key=lambda n: len(collatz(n)))
print(longest, len(collatz(longest)))
