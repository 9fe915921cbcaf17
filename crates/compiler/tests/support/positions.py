# Prints, per code object, the instructions that can raise together with their
# source positions, for comparison with mempy's compiler
# (crates/compiler/tests/cpython_positions.rs). Opcodes are normalised to the
# names both instruction sets share.
import dis, sys

KEEP = {"BINARY_OP", "BINARY_SUBSCR", "COMPARE_OP", "CONTAINS_OP", "LOAD_ATTR", "LOAD_METHOD",
        "STORE_ATTR", "STORE_SUBSCR", "DELETE_ATTR", "DELETE_SUBSCR", "RAISE_VARARGS",
        "IMPORT_NAME", "IMPORT_FROM", "UNPACK_SEQUENCE", "UNPACK_EX", "GET_ITER", "LOAD_GLOBAL",
        "LOAD_NAME", "LOAD_FAST", "LOAD_DEREF", "CALL", "CALL_FUNCTION_EX", "FORMAT_VALUE",
        "UNARY_NEGATIVE", "UNARY_INVERT", "UNARY_POSITIVE", "BUILD_SLICE", "FOR_ITER"}

def show(co, out):
    out.append("== " + co.co_qualname)
    for ins in dis.get_instructions(co):
        name = ins.opname
        if name in ("JUMP_BACKWARD",):
            continue
        if name not in KEEP:
            continue
        if name == "LOAD_METHOD":
            name = "LOAD_ATTR"
        p = ins.positions
        out.append(f"{name} {ins.argval if isinstance(ins.argval, str) and name not in ('FOR_ITER', 'COMPARE_OP') else ''} {p.lineno}:{p.col_offset}-{p.end_lineno}:{p.end_col_offset}")
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            show(c, out)

src = open(sys.argv[1], encoding="utf-8").read()
out = []
show(compile(src, sys.argv[1], "exec"), out)
print("\n".join(out))
