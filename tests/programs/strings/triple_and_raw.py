# Triple-quoted strings keep newlines; raw strings keep backslashes.
s = """line one
line two
    indented"""
print(s)
print(len(s.splitlines()))
t = '''it's "quoted"'''
print(t)
print(r"C:\new\table")
print(R"\d+\.\d+")
print(len(r"\n"), len("\n"))
print(repr(r"a\'b"))
u = """\
no leading newline\
 and joined"""
print(u)
