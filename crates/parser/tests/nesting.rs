//! Absurd nesting must end in an error, never in a stack overflow, and trees
//! just under the limit must parse (CPython compiles them too). These run on the
//! default 2 MiB test-thread stack on purpose.

use mempy_parser::{parse, ParseErrorKind};

fn kind(src: &str) -> Result<(), ParseErrorKind> {
    parse(src).map(|_| ()).map_err(|e| e.kind)
}

#[test]
fn deep_expressions_are_rejected_like_cpython() {
    let cases = [
        "-".repeat(100_000) + "1",
        "not ".repeat(100_000) + "1",
        "1".to_string() + &"+1".repeat(100_000),
        "1".to_string() + &"**1".repeat(100_000),
        "a".to_string() + &".b".repeat(100_000),
        "f".to_string() + &"()".repeat(100_000),
        "lambda:".repeat(100_000) + "1",
        "1 if 1 else ".repeat(100_000) + "1",
    ];
    for src in &cases {
        assert_eq!(kind(src), Err(ParseErrorKind::TooDeep), "{}", &src[..20]);
    }
}

#[test]
fn depth_just_under_the_limit_parses() {
    // CPython 3.11 compiles 2989 unary minus signs and rejects 2990 (measured).
    assert_eq!(kind(&("-".repeat(2989) + "1")), Ok(()));
    assert_eq!(
        kind(&("-".repeat(2990) + "1")),
        Err(ParseErrorKind::TooDeep)
    );
    assert_eq!(kind(&("a".to_string() + &".b".repeat(2989))), Ok(()));
}

#[test]
fn too_many_nested_brackets() {
    let e = parse(&("x = ".to_string() + &"(".repeat(201))).expect_err("201 brackets");
    assert_eq!(e.message(), "too many nested parentheses");
    assert_eq!(e.span.start, 4 + 200);
    assert_eq!(kind(&("(".repeat(200) + &")".repeat(200))), Ok(()));
}

#[test]
fn wide_but_shallow_trees_are_fine() {
    let src = format!("x = [{}]\n", "1, ".repeat(200_000));
    assert_eq!(kind(&src), Ok(()));
    let src = format!("x = {}\n", "a and ".repeat(50_000) + "b");
    assert_eq!(kind(&src), Ok(()));
}

#[test]
fn deep_statement_nesting() {
    let src: String = (0..101)
        .map(|i| " ".repeat(i) + "if 1:\n")
        .collect::<String>()
        + &" ".repeat(101)
        + "pass\n";
    let e = parse(&src).expect_err("101 levels");
    assert_eq!(e.message(), "too many levels of indentation");
    let src = "if a:\n    pass\n".to_string() + &"elif a:\n    pass\n".repeat(20_000);
    let _ = parse(&src);
}
