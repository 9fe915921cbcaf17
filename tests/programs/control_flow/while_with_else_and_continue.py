# Numbers guessing loop with continue and a while/else summary.
secret = 7
guesses = [3, 9, 7, 8]
tries = 0
while guesses:
    g = guesses.pop(0)
    tries += 1
    if g < secret:
        print(g, "too low")
        continue
    if g > secret:
        print(g, "too high")
        continue
    print(g, "correct after", tries, "tries")
    break
else:
    print("ran out of guesses")
print("left:", guesses)
