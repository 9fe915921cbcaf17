//! AST snapshots (`{:#?}`) of a few representative programs, plus assertions on
//! statement-level shapes: targets and their contexts, imports, f-strings.

mod common;
use common::{expr, module, render};
use mempy_ast::*;

#[test]
fn snapshot_functions_and_classes() {
    let src = "@dec(1)\ndef f(a, /, b: int = 2, *args, c, d=4, **kw) -> str:\n    \"\"\"Doc.\"\"\"\n    return a, b\n\nclass C(B, metaclass=M):\n    x: int = 1\n    def m(self):\n        yield from g()\n";
    insta::assert_snapshot!(format!("{:#?}", module(src)));
}

#[test]
fn snapshot_control_flow() {
    let src = "for i, (j, *k) in enumerate(x):\n    if i: break\n    elif j:\n        continue\n    else:\n        pass\nelse:\n    del a[0], b.c\nwhile not done:\n    try:\n        raise E from c\n    except (A, B) as e:\n        pass\n    finally:\n        x += 1\nwith open(p) as f, g() as (a, b):\n    pass\n";
    insta::assert_snapshot!(format!("{:#?}", module(src)));
}

#[test]
fn snapshot_fstrings() {
    let src = "f'a{x!r:>{w}} {y = }{{}}' 'tail'\n";
    insta::assert_snapshot!(format!("{:#?}", module(src)));
}

fn first(src: &str) -> StmtKind {
    module(src)
        .body
        .into_iter()
        .next()
        .map(|s| s.kind)
        .unwrap_or(StmtKind::Pass)
}

#[test]
fn assignment_targets_get_store_context() {
    let StmtKind::Assign { targets, value } = first("a, *b, c.d, e[0] = x = 1, 2\n") else {
        panic!()
    };
    let t: Vec<String> = targets.iter().map(render).collect();
    assert_eq!(
        t,
        [
            "(Tuple! a! (Starred! b!) (Attribute! c d) (Subscript! e 0))",
            "x!"
        ]
    );
    assert_eq!(render(&value), "(Tuple 1 2)");
    let StmtKind::AugAssign { target, op, .. } = first("x.y **= 2\n") else {
        panic!()
    };
    assert_eq!(
        (render(&target), op),
        ("(Attribute! x y)".to_string(), Operator::Pow)
    );
    let StmtKind::Delete { targets } = first("del a, (b, c)\n") else {
        panic!()
    };
    assert_eq!(
        targets.iter().map(render).collect::<Vec<_>>(),
        ["a~", "(Tuple~ b~ c~)"]
    );
}

#[test]
fn annotated_assignment_simple_flag() {
    assert!(matches!(
        first("x: int = 1\n"),
        StmtKind::AnnAssign { simple: true, .. }
    ));
    assert!(matches!(
        first("(x): int\n"),
        StmtKind::AnnAssign { simple: false, .. }
    ));
    assert!(matches!(
        first("a.b: int\n"),
        StmtKind::AnnAssign { simple: false, .. }
    ));
}

#[test]
fn imports() {
    let StmtKind::ImportFrom {
        module: m,
        names,
        level,
    } = first("from ..pkg.mod import (a as b, c,)\n")
    else {
        panic!()
    };
    assert_eq!((m.as_deref(), level, names.len()), (Some("pkg.mod"), 2, 2));
    assert_eq!(names[0].asname.as_deref(), Some("b"));
    let StmtKind::ImportFrom {
        module: m, level, ..
    } = first("from ... import x\n")
    else {
        panic!()
    };
    assert_eq!((m, level), (None, 3));
    let StmtKind::Import { names } = first("import os.path as p, sys\n") else {
        panic!()
    };
    assert_eq!(
        (
            names[0].name.as_str(),
            names[0].asname.as_deref(),
            names[1].name.as_str()
        ),
        ("os.path", Some("p"), "sys")
    );
}

#[test]
fn strings_and_numbers() {
    assert_eq!(render(&expr("'a' \"b\" '''c'''")), "'abc'");
    assert_eq!(
        render(&expr(r"'\x41\101\u0042\N{BULLET}\t\d'")),
        "'AAB•\\t\\\\d'"
    );
    assert_eq!(render(&expr(r"rb'\n' b'\x00'")), "b\"\\\\n\\0\"");
    assert_eq!(
        render(&expr("1_000_000 + 0xFF + 0o7 + 0b1")),
        "(Add (Add (Add 1000000 255) 7) 1)"
    );
    assert_eq!(render(&expr("1.5e3 + 2j")), "(Add 1500.0 2.0j)");
    assert_eq!(
        render(&expr("123456789012345678901234567890")),
        "123456789012345678901234567890"
    );
    assert_eq!(render(&expr("f'{x=}'")), "(JoinedStr 'x=' (Fmt x !r))");
    assert_eq!(
        render(&expr("f'{x = :>5}'")),
        "(JoinedStr 'x = ' (Fmt x :(JoinedStr '>5')))"
    );
    assert_eq!(
        render(&expr("f'{a[\"k\"]!s}' f''")),
        "(JoinedStr (Fmt (Subscript a 'k') !s))"
    );
    assert_eq!(
        render(&expr("f'{x:{y}.{z}f}'")),
        "(JoinedStr (Fmt x :(JoinedStr (Fmt y) '.' (Fmt z) 'f')))"
    );
}

#[test]
fn parenthesised_with_items_and_print_call() {
    let StmtKind::With { items, .. } = first("with (open(a) as f, open(b) as g,):\n    pass\n")
    else {
        panic!()
    };
    assert_eq!(items.len(), 2);
    let StmtKind::With { items, .. } = first("with (a, b) as c:\n    pass\n") else {
        panic!()
    };
    assert_eq!(render(&items[0].context_expr), "(Tuple a b)");
    assert_eq!(
        render(&expr("print(*a, sep='')")),
        "(Call print (Starred a) sep='')"
    );
}

#[test]
fn spans_are_byte_offsets() {
    let m = module("x = 1\nif x:\n    y = 'é' + z\n");
    let StmtKind::If { body, .. } = &m.body[1].kind else {
        panic!()
    };
    let StmtKind::Assign { value, .. } = &body[0].kind else {
        panic!()
    };
    let ExprKind::BinOp { right, .. } = &value.kind else {
        panic!()
    };
    assert_eq!((right.span.start, right.span.end), (27, 28));
    assert_eq!((m.body[1].span.start, m.body[1].span.end), (6, 28));
}
