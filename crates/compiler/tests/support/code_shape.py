# Prints the shape of every code object of a program, for comparison with mempy's
# compiler (crates/compiler/tests/cpython_shape.rs): one line per code object.
import sys

def doc(co):
    c = co.co_consts
    return repr(c[0]) if co.co_flags & 0x2 and c and isinstance(c[0], str) else "-"

def show(co, out):
    out.append(" | ".join([
        co.co_name, co.co_qualname, str(co.co_firstlineno), hex(co.co_flags & 0x3f),
        str(co.co_argcount), str(co.co_posonlyargcount), str(co.co_kwonlyargcount),
        ",".join(co.co_varnames), ",".join(co.co_cellvars), ",".join(co.co_freevars),
    ]))
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            show(c, out)

src = open(sys.argv[1], encoding="utf-8").read()
out = []
show(compile(src, sys.argv[1], "exec"), out)
print("\n".join(out))
