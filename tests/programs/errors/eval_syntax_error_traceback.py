# A SyntaxError raised by eval() shows the calling frames, then the <string> source line and caret.
def f():
    return eval("1 +* 2")
f()
