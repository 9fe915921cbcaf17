# nonlocal at module level is a SyntaxError.
print("never runs")
nonlocal x
