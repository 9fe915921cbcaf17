# An exception whose args are several values prints the args tuple.
raise ValueError("bad value", 42)
