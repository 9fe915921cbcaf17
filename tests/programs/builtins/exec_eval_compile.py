# exec, eval and compile: namespaces, defaults from the caller, code objects and their errors.
x = 10
print(eval("x + 1"))
print(eval("  x * 2"))
print(eval("y", {"y": 5}))
print(eval("a + b", {"a": 1}, {"b": 2}))
ns = {}
exec("z = 3\ndef f(n):\n    return n + z\n", ns)
print(ns["z"], ns["f"](4), sorted(k for k in ns if k != "__builtins__"), "__builtins__" in ns)
exec("x = 42")
print(x)

def inside():
    local_v = 7
    print(eval("local_v + x"))
    exec("local_v = 99")
    print(local_v)
    return eval("local_v * 3")
print(inside())

code = compile("print('compiled', q)", "<mine>", "exec")
print(type(code).__name__, code.co_filename)
exec(code, {"q": 1})
exec(code, {"q": 2})
expr = compile("q * 10", "<e>", "eval")
print(eval(expr, {"q": 3}), eval(expr, {"q": "ab"}))
single = compile("1 + 1", "<s>", "single")
exec(single)

for bad in ["x = 1", "1 +", "def"]:
    try:
        eval(bad)
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)
try:
    exec("1 +")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.filename, e.lineno)
for f in (eval, exec):
    for args in [(1,), ("1", 5), ("1", {}, 5), ("1", None, 5)]:
        try:
            f(*args)
        except TypeError as e:
            print("TypeError", e)
try:
    compile("1", "f", "other")
except ValueError as e:
    print("ValueError", e)
try:
    eval("undefined_name")
except NameError as e:
    print("NameError", e)
print(eval(b"6 * 7"))
