//! Compile-time errors: every case in `tests/support/compile_errors.tsv` must fail
//! with CPython 3.11's message at CPython's position. Cases the parser already
//! rejects (its message is checked by the parser's own tests) are skipped.

use mempy_ast::LineIndex;

#[test]
fn compile_errors_match_cpython() {
    let table = std::fs::read_to_string("tests/support/compile_errors.tsv").unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [source, message, position] = fields[..] else {
            panic!("bad line: {line}")
        };
        let source = source.replace("\\n", "\n");
        let Ok(module) = mempy_parser::parse(&source) else {
            continue;
        };
        checked += 1;
        match mempy_compiler::compile(&module, &source, "<test>", mempy_compiler::Mode::Module) {
            Ok(_) => failures.push(format!("{source:?}: compiled, expected {message}")),
            Err(e) => {
                let index = LineIndex::new(&source);
                let (start, end) = (index.line_col(e.span.start), index.line_col(e.span.end));
                let ours = format!(
                    "{}:{}-{}:{}",
                    start.line,
                    start.col + 1,
                    end.line,
                    end.col + 1
                );
                if e.message != message || ours != position {
                    failures.push(format!(
                        "{source:?}: got {} at {ours}, expected {message} at {position}",
                        e.message
                    ));
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} cases reached the compiler");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn deep_expressions_raise_recursion_error_instead_of_overflowing() {
    // CPython 3.11 gives up near 3000 levels; 2500 must compile on a small stack
    // (4 MiB; it also passes on 2 MiB), which proves the compiler's frames stay lean.
    let handle = std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(|| {
            let deep = format!("x = 1{}", " + a".repeat(2500));
            let too_deep = format!("x = 1{}", " + a".repeat(3500));
            let ok = mempy_parser::parse(&deep)
                .map(|m| mempy_compiler::compile(&m, &deep, "<t>", mempy_compiler::Mode::Module));
            let err = mempy_parser::parse(&too_deep).map(|m| {
                mempy_compiler::compile(&m, &too_deep, "<t>", mempy_compiler::Mode::Module)
            });
            (ok.map(|r| r.is_ok()), err.map(|r| r.err().map(|e| e.kind)))
        })
        .unwrap();
    let (ok, err) = handle.join().unwrap();
    if let Ok(ok) = ok {
        assert!(ok, "2500 levels compile, as in CPython");
    }
    if let Ok(err) = err {
        assert_eq!(err, Some(mempy_compiler::CompileErrorKind::Recursion));
    }
}

#[test]
fn trees_deeper_than_the_limit_are_refused() {
    use mempy_ast::{Expr, ExprContext, ExprKind, Module, Operator, Span, Stmt, StmtKind};
    // Built by hand: the parser refuses such depth before the compiler sees it.
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            let name = |id: &str| {
                Expr::new(
                    ExprKind::Name {
                        id: id.into(),
                        ctx: ExprContext::Load,
                    },
                    Span::new(0, 1),
                )
            };
            let mut e = name("a");
            for _ in 0..(mempy_compiler::MAX_RECURSION_DEPTH + 10) {
                e = Expr::new(
                    ExprKind::BinOp {
                        left: Box::new(e),
                        op: Operator::Add,
                        right: Box::new(name("b")),
                    },
                    Span::new(0, 1),
                );
            }
            let module = Module {
                body: vec![Stmt::new(
                    StmtKind::Expr { value: Box::new(e) },
                    Span::new(0, 1),
                )],
            };
            mempy_compiler::compile(&module, "a", "<t>", mempy_compiler::Mode::Module)
                .err()
                .map(|e| e.kind)
        })
        .unwrap();
    assert_eq!(
        handle.join().unwrap(),
        Some(mempy_compiler::CompileErrorKind::Recursion)
    );
}
