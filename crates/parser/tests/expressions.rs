//! Precedence, associativity and expression context checks, each on a tiny
//! source, written as assertions on a compact rendering of the tree.

mod common;
use common::{expr, render};

#[test]
fn power_binds_tighter_than_unary_minus_on_its_left() {
    assert_eq!(render(&expr("-2**2")), "(USub (Pow 2 2))");
    assert_eq!(render(&expr("2**-1")), "(Pow 2 (USub 1))");
    assert_eq!(render(&expr("2**3**2")), "(Pow 2 (Pow 3 2))");
}

#[test]
fn arithmetic_tiers() {
    assert_eq!(render(&expr("1+2*3-4")), "(Sub (Add 1 (Mult 2 3)) 4)");
    assert_eq!(
        render(&expr("a|b^c&d<<e+f")),
        "(BitOr a (BitXor b (BitAnd c (LShift d (Add e f)))))"
    );
    assert_eq!(
        render(&expr("a//b%c@d")),
        "(MatMult (Mod (FloorDiv a b) c) d)"
    );
    assert_eq!(render(&expr("~a*-b")), "(Mult (Invert a) (USub b))");
}

#[test]
fn comparisons_and_boolean_operators() {
    assert_eq!(render(&expr("a < b <= c")), "(Compare a Lt b LtE c)");
    assert_eq!(
        render(&expr("a not in b is not c")),
        "(Compare a NotIn b IsNot c)"
    );
    assert_eq!(render(&expr("not a == b")), "(Not (Compare a Eq b))");
    assert_eq!(
        render(&expr("a or b and not c or d")),
        "(Or a (And b (Not c)) d)"
    );
    assert_eq!(
        render(&expr("a if b else c if d else e")),
        "(IfExp b a (IfExp d c e))"
    );
}

#[test]
fn trailers_and_atoms() {
    assert_eq!(
        render(&expr("a.b[1:2, 3](x, *y, k=1, **z)")),
        "(Call (Subscript (Attribute a b) (Tuple (Slice 1 2 _) 3)) x (Starred y) k=1 **z)"
    );
    assert_eq!(render(&expr("a[::2]")), "(Subscript a (Slice _ _ 2))");
    assert_eq!(render(&expr("(1,)")), "(Tuple 1)");
    assert_eq!(render(&expr("()")), "(Tuple)");
    assert_eq!(render(&expr("[*a, b]")), "(List (Starred a) b)");
    assert_eq!(render(&expr("{**a, 'k': 1}")), "(Dict **a 'k':1)");
    assert_eq!(render(&expr("{1, 2}")), "(Set 1 2)");
    assert_eq!(render(&expr("...")), "...");
    assert_eq!(render(&expr("(x := 5)")), "(NamedExpr x 5)");
}

#[test]
fn lambda_parameters() {
    let e = expr("lambda a, /, b=1, *c, d, e=2, **f: 0");
    assert_eq!(render(&e), "(Lambda [a / b *c d e **f] 0)");
}

#[test]
fn comprehensions() {
    assert_eq!(
        render(&expr("[x for x in y if x if z for w in x]")),
        "(ListComp x (for x! y if x if z) (for w! x))"
    );
    assert_eq!(
        render(&expr("{k: v for k, v in d}")),
        "(DictComp k v (for (Tuple! k! v!) d))"
    );
    assert_eq!(
        render(&expr("f(x for x in y)")),
        "(Call f (GeneratorExp x (for x! y)))"
    );
}
