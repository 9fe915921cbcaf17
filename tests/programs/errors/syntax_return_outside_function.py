# return at module level is a SyntaxError reported by the compiler.
print("never runs")
return 5
