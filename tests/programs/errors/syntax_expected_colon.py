# A compound statement header without a colon is "expected ':'".
def greet(name)
    print("hi", name)
