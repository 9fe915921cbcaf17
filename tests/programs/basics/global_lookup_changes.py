# A global name read in a loop sees every rebinding, deletion and builtin shadowing at once.
def read_len():
    return len("abc")

def read_x():
    return x

results = []
for step in range(6):
    if step == 1:
        x = 10
    elif step == 2:
        x = 20
    elif step == 3:
        len = lambda s: 99
    elif step == 4:
        del len
    elif step == 5:
        del x
    try:
        results.append((read_len(), read_x()))
    except NameError as e:
        results.append((read_len(), str(e)))
print(results)

# Many keys added between reads: the dict grows and is rebuilt, the read still finds z.
z = "z"
def read_z():
    return z
seen = []
for i in range(40):
    globals()["k%d" % i] = i
    seen.append(read_z())
print(len(seen), set(seen))
import builtins
builtins.my_builtin = 1
def read_b():
    return my_builtin
print(read_b())
builtins.my_builtin = 2
print(read_b())
my_builtin = 3
print(read_b())
del my_builtin
print(read_b())
del builtins.my_builtin
try:
    read_b()
except NameError as e:
    print(e)
