# Using a keyword as a variable name is invalid syntax.
class = "math"
