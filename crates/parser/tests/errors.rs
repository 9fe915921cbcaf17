//! Syntax error messages and locations, each compared with CPython 3.11.
//!
//! Every row was measured with `python3` (`compile(src, "f", "exec")`, reading
//! `type(e).__name__, e.msg, e.lineno, e.offset`); none is guessed. The offset is
//! CPython's 1-based character column of the caret's start.

/// (source, class, message, line, offset)
const CASES: &[(&str, &str, &str, u32, usize)] = &[
    ("a = $", "SyntaxError", "invalid syntax", 1, 5),
    ("a = 1 ! 2", "SyntaxError", "invalid syntax", 1, 7),
    ("a = €", "SyntaxError", "invalid character '€' (U+20AC)", 1, 5),
    ("x = 1abc", "SyntaxError", "invalid decimal literal", 1, 5),
    ("x = 1_", "SyntaxError", "invalid decimal literal", 1, 6),
    ("x = 012", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5),
    ("x = 0x", "SyntaxError", "invalid hexadecimal literal", 1, 6),
    ("x = 0xg", "SyntaxError", "invalid hexadecimal literal", 1, 6),
    ("x = 0b12", "SyntaxError", "invalid digit '2' in binary literal", 1, 8),
    ("x = 0o8", "SyntaxError", "invalid digit '8' in octal literal", 1, 7),
    ("x = 1.2.3", "SyntaxError", "invalid syntax", 1, 8),
    ("x = 1e", "SyntaxError", "invalid decimal literal", 1, 5),
    ("x = 1__0", "SyntaxError", "invalid decimal literal", 1, 6),
    ("a = 1 \\ b", "SyntaxError", "unexpected character after line continuation character", 1, 8),
    ("a = \"abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5),
    ("a = '''abc\nd\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5),
    ("a = (1,\n2", "SyntaxError", "'(' was never closed", 1, 5),
    ("a = )", "SyntaxError", "unmatched ')'", 1, 5),
    ("a = (]", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '('", 1, 6),
    ("a = (\n]", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 1),
    ("x = 1\n  y = 2", "IndentationError", "unexpected indent", 2, 2),
    ("if x:\n    y\n  z", "IndentationError", "unindent does not match any outer indentation level", 3, 4),
    ("if x:\ny", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1),
    ("if x:\n\n# c\ny = 1\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 4, 1),
    ("if x\n  y", "SyntaxError", "expected ':'", 1, 5),
    ("for x in y\n  pass", "SyntaxError", "expected ':'", 1, 11),
    ("class A\n  pass", "SyntaxError", "expected ':'", 1, 8),
    ("if True:\n\tx\n        y", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("if True:\n        x\n\ty", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("def f():\n    pass\n  x", "IndentationError", "unindent does not match any outer indentation level", 3, 4),
    ("x = (1,\n2,\n", "SyntaxError", "'(' was never closed", 1, 5),
    ("x = [1, 2\ny = 3\n", "SyntaxError", "'[' was never closed", 1, 5),
    ("x = [1, 2 3\n", "SyntaxError", "'[' was never closed", 1, 5),
    ("x = = 1\ns = \"abc\n", "SyntaxError", "unterminated string literal (detected at line 2)", 2, 5),
    ("x = = 1\ny = (\n", "SyntaxError", "invalid syntax", 1, 5),
    ("f(\nx = = 1\n", "SyntaxError", "'(' was never closed", 1, 2),
    ("x = 1 +\n", "SyntaxError", "invalid syntax", 1, 8),
    ("while x\n  pass", "SyntaxError", "expected ':'", 1, 8),
    ("while x y:\n  pass", "SyntaxError", "invalid syntax", 1, 9),
    ("if x:\n  pass\nelse\n  pass", "SyntaxError", "expected ':'", 3, 5),
    ("def f()\n  pass", "SyntaxError", "expected ':'", 1, 8),
    ("def f() -> int\n  pass", "SyntaxError", "expected ':'", 1, 15),
    ("try\n  pass", "SyntaxError", "expected ':'", 1, 4),
    ("try:\n  pass\nexcept E\n  pass", "SyntaxError", "expected ':'", 3, 9),
    ("with a\n  pass", "SyntaxError", "expected ':'", 1, 7),
    ("if x:\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6),
    ("if x:", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6),
    ("def f():\nreturn 1", "IndentationError", "expected an indented block after function definition on line 1", 2, 1),
    ("class A:\npass", "IndentationError", "expected an indented block after class definition on line 1", 2, 1),
    ("try:\n  pass\nexcept:\npass", "IndentationError", "expected an indented block after 'except' statement on line 3", 4, 1),
    ("@d\ndef f():\nreturn 1", "IndentationError", "expected an indented block after function definition on line 2", 3, 1),
    ("x = \"\"\"abc\nd\n\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 3)", 1, 5),
    ("x = 'abc\ny'", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5),
    ("x = \"abc\\\ny", "SyntaxError", "unterminated string literal (detected at line 2)", 1, 5),
    ("a = 1 \\", "SyntaxError", "unexpected EOF while parsing", 1, 8),
    ("a = 1 \\\n", "SyntaxError", "unexpected EOF while parsing", 1, 8),
    ("x = 5 if", "SyntaxError", "invalid syntax", 1, 9),
    ("def f(:", "SyntaxError", "invalid syntax", 1, 7),
    ("f(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3),
    ("print \"x\"", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
    ("a = 1 = 2", "SyntaxError", "cannot assign to literal", 1, 5),
    ("f() = 1", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
    ("1 = x", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
    ("f(a=1, b)", "SyntaxError", "positional argument follows keyword argument", 1, 9),
    ("a + = 1", "SyntaxError", "invalid syntax", 1, 5),
    ("x = \"a\" b\"b\"", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 13),
    ("(a, b) += 1", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1),
    ("del f()", "SyntaxError", "cannot delete function call", 1, 5),
    ("del 1", "SyntaxError", "cannot delete literal", 1, 5),
    ("x := 1", "SyntaxError", "invalid syntax", 1, 3),
    ("f(**a, *b)", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking", 1, 8),
    ("a b", "SyntaxError", "invalid syntax", 1, 3),
    ("lambda x x", "SyntaxError", "invalid syntax", 1, 10),
    ("import", "SyntaxError", "invalid syntax", 1, 7),
    ("x = 1\n    y = 2", "IndentationError", "unexpected indent", 2, 4),
    ("if x:\n        y\n    z", "IndentationError", "unindent does not match any outer indentation level", 3, 6),
    ("  x = 1", "IndentationError", "unexpected indent", 1, 2),
    ("x = (\n  1\n    )\n  y", "IndentationError", "unexpected indent", 4, 2),
    ("x = 1 if 2", "SyntaxError", "expected 'else' after 'if' expression", 1, 5),
    ("f() = 1 = 2", "SyntaxError", "cannot assign to function call", 1, 1),
    ("x = f() = 1", "SyntaxError", "cannot assign to function call", 1, 5),
    ("f() = a, b", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
    ("(a, f()) = 1", "SyntaxError", "cannot assign to function call", 1, 5),
    ("a, f() = 1", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 4),
    ("[f()] = 1", "SyntaxError", "cannot assign to function call", 1, 2),
    ("f() += 1", "SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1),
    ("[a] += 1", "SyntaxError", "'list' is an illegal expression for augmented assignment", 1, 1),
    ("for f() in x: pass", "SyntaxError", "cannot assign to function call", 1, 5),
    ("with a as f(): pass", "SyntaxError", "cannot assign to function call", 1, 11),
    ("del (a, 1)", "SyntaxError", "cannot delete literal", 1, 9),
    ("(yield) = 1", "SyntaxError", "cannot assign to yield expression here. Maybe you meant '==' instead of '='?", 1, 2),
    ("a + 1 = 2", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1),
    ("-a = 1", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1),
    ("a if b else c = 1", "SyntaxError", "cannot assign to conditional expression", 1, 1),
    ("lambda: 1 = 1", "SyntaxError", "cannot assign to lambda", 1, 1),
    ("\"s\" = 1", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
    ("... = 1", "SyntaxError", "cannot assign to ellipsis here. Maybe you meant '==' instead of '='?", 1, 1),
    ("None = 1", "SyntaxError", "cannot assign to None", 1, 1),
    ("True = 1", "SyntaxError", "cannot assign to True", 1, 1),
    ("(*a)", "SyntaxError", "cannot use starred expression here", 1, 2),
    ("a < b = 1", "SyntaxError", "cannot assign to comparison", 1, 1),
    ("a and b = 1", "SyntaxError", "cannot assign to expression", 1, 1),
    ("not a = 1", "SyntaxError", "cannot assign to expression", 1, 1),
    ("[x for x in y] = 1", "SyntaxError", "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?", 1, 1),
    ("{a: 1} = 1", "SyntaxError", "cannot assign to dict literal here. Maybe you meant '==' instead of '='?", 1, 1),
    ("{a} = 1", "SyntaxError", "cannot assign to set display here. Maybe you meant '==' instead of '='?", 1, 1),
    ("f\"{x}\" = 1", "SyntaxError", "cannot assign to f-string expression here. Maybe you meant '==' instead of '='?", 1, 1),
    ("(a := 1) = 2", "SyntaxError", "cannot assign to named expression here. Maybe you meant '==' instead of '='?", 1, 2),
    ("(a.b := 1)", "SyntaxError", "cannot use assignment expressions with attribute", 1, 2),
    ("a: int, b: int", "SyntaxError", "invalid syntax", 1, 7),
    ("a, b: int", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1),
    ("[a]: int", "SyntaxError", "only single target (not list) can be annotated", 1, 1),
    ("f(): int", "SyntaxError", "illegal target for annotation", 1, 1),
    ("x = f() += 1", "SyntaxError", "invalid syntax", 1, 9),
    ("a = yield = 1", "SyntaxError", "assignment to yield expression not possible", 1, 5),
    ("del *a", "SyntaxError", "cannot delete starred", 1, 5),
    ("del a + b", "SyntaxError", "cannot delete expression", 1, 5),
    ("def f(a=1, b): pass", "SyntaxError", "non-default argument follows default argument", 1, 12),
    ("def f(*): pass", "SyntaxError", "named arguments must follow bare *", 1, 7),
    ("def f(*, **k): pass", "SyntaxError", "named arguments must follow bare *", 1, 7),
    ("def f(**k, a): pass", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12),
    ("def f(/, a): pass", "SyntaxError", "at least one argument must precede /", 1, 7),
    ("def f(a, /, b, /): pass", "SyntaxError", "/ may appear only once", 1, 16),
    ("def f(*a, /): pass", "SyntaxError", "/ must be ahead of *", 1, 11),
    ("lambda *: 1", "SyntaxError", "named arguments must follow bare *", 1, 9),
    ("f(a for a in b, c)", "SyntaxError", "Generator expression must be parenthesized", 1, 3),
    ("f(c, a for a in b)", "SyntaxError", "Generator expression must be parenthesized", 1, 6),
    ("f(a.b=1)", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
    ("f(1=2)", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
    ("f(**a, b)", "SyntaxError", "positional argument follows keyword argument unpacking", 1, 9),
    ("class A(x for x in y): pass", "SyntaxError", "invalid syntax", 1, 11),
    ("x = b\"a\" \"b\"  # c", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 15),
    ("x = \"\\x4\"", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 10),
    ("x = \"ab\\x4g\"", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape", 1, 13),
    ("x = \"\\N{foo}\"", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name", 1, 14),
    ("x = \"\\N{BULLET\"", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-8: malformed \\N character escape", 1, 16),
    ("x = \"\\u12\"", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape", 1, 11),
    ("x = \"\\U0011ffff\"", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character", 1, 17),
    ("x = b\"\\x4\"", "SyntaxError", "(value error) invalid \\x escape at position 0", 1, 11),
    ("x = b\"é\"", "SyntaxError", "bytes can only contain ASCII literal characters", 1, 5),
    ("x = f\"{a b}\"", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 1, 2),
    ("x = f\"{}\"", "SyntaxError", "f-string: empty expression not allowed", 1, 10),
    ("x = f\"{ }\"", "SyntaxError", "f-string: empty expression not allowed", 1, 11),
    ("x = f\"{a!x}\"", "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 13),
    ("x = f\"{a!}\"", "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 12),
    ("x = f\"{a\"", "SyntaxError", "f-string: expecting '}'", 1, 10),
    ("x = f\"}\"", "SyntaxError", "f-string: single '}' is not allowed", 1, 9),
    ("x = f\"{a:{b:{c}}}\"", "SyntaxError", "f-string: expressions nested too deeply", 1, 19),
    ("x = f\"{#}\"", "SyntaxError", "f-string expression part cannot include '#'", 1, 11),
    ("x = f\"{a\\n}\"", "SyntaxError", "f-string expression part cannot include a backslash", 1, 13),
    ("x = f\"{a)}\"", "SyntaxError", "f-string: unmatched ')'", 1, 12),
    ("x = f\"{(a}\"", "SyntaxError", "f-string: closing parenthesis '}' does not match opening parenthesis '('", 1, 12),
    ("x = f\"{a]}\"", "SyntaxError", "f-string: unmatched ']'", 1, 12),
    ("x = 1\ny = f\"{a b}\"", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 2, 2),
    ("x = f\"{lambda x: 1}\"", "SyntaxError", "f-string: invalid syntax", 1, 10),
    ("x = f\"{a!r=}\"", "SyntaxError", "f-string: expecting '}'", 1, 14),
    ("x = f\"{*a}\"", "SyntaxError", "f-string: cannot use starred expression here", 1, 2),
    ("if x = 1:\n  pass", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4),
    ("if x.y = 1:\n  pass", "SyntaxError", "cannot assign to attribute here. Maybe you meant '==' instead of '='?", 1, 4),
    ("f(a, b c)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6),
    ("f(a, b\n  c)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6),
    ("[1 2]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 2),
    ("(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 2),
    ("x = (1 2)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6),
    ("print x, y", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
    ("x = [i for i in range(3) if i 2]", "SyntaxError", "invalid syntax", 1, 31),
    ("def f(x):\n  return x +", "SyntaxError", "invalid syntax", 2, 13),
    ("class A(:\n  pass", "SyntaxError", "invalid syntax", 1, 9),
    ("import a.b as", "SyntaxError", "invalid syntax", 1, 14),
    ("from . import", "SyntaxError", "invalid syntax", 1, 14),
    ("from x import (a, b", "SyntaxError", "'(' was never closed", 1, 15),
    ("for x in range(3):\n    print(x)\n  print(x)", "IndentationError", "unindent does not match any outer indentation level", 3, 11),
    ("if x:\n    pass\n        y = 1", "IndentationError", "unexpected indent", 3, 8),
    ("else:\n  pass", "SyntaxError", "invalid syntax", 1, 1),
    ("x = 1\nelif y:\n  pass", "SyntaxError", "invalid syntax", 2, 1),
    ("def f(x)\n  return x", "SyntaxError", "expected ':'", 1, 9),
    ("x = {1: 2\ny = 3", "SyntaxError", "'{' was never closed", 1, 5),
    ("x = \"hello", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5),
    ("try:\n  x\n", "SyntaxError", "expected 'except' or 'finally' block", 2, 4),
    ("try:\n  x\ny = 1", "SyntaxError", "expected 'except' or 'finally' block", 3, 1),
    ("x = 3 +* 4", "SyntaxError", "invalid syntax", 1, 8),
    ("def = 5", "SyntaxError", "invalid syntax", 1, 5),
    ("class = 1", "SyntaxError", "invalid syntax", 1, 7),
    ("x = if", "SyntaxError", "invalid syntax", 1, 5),
    ("return = 1", "SyntaxError", "invalid syntax", 1, 8),
    ("x.1", "SyntaxError", "invalid syntax", 1, 2),
    ("x = 1 2", "SyntaxError", "invalid syntax", 1, 7),
    ("f(*)", "SyntaxError", "invalid syntax", 1, 4),
    ("f(**)", "SyntaxError", "invalid syntax", 1, 5),
    ("x = [1, 2,, 3]", "SyntaxError", "invalid syntax", 1, 11),
    ("x = (,)", "SyntaxError", "invalid syntax", 1, 6),
    ("pass pass", "SyntaxError", "invalid syntax", 1, 6),
    ("x = 1;;", "SyntaxError", "invalid syntax", 1, 7),
    (";", "SyntaxError", "invalid syntax", 1, 1),
    ("x = 08", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5),
    ("x = 0_", "SyntaxError", "invalid decimal literal", 1, 6),
    ("x = 1e+", "SyntaxError", "invalid decimal literal", 1, 7),
    ("while True:\n\tif x:\n\t\tpass\n        else:\n\t\tpass", "TabError", "inconsistent use of tabs and spaces in indentation", 4, 1),
    ("if True:\n    x = (\n1)\n  y", "IndentationError", "unindent does not match any outer indentation level", 4, 4),
];

#[test]
fn messages_and_locations_match_cpython() {
    let mut failures = Vec::new();
    for &(src, class, msg, line, offset) in CASES {
        let Err(e) = mempy_parser::parse(src) else {
            failures.push(format!("{src:?}: parsed, want {class}: {msg}"));
            continue;
        };
        let idx = mempy_ast::LineIndex::new(src);
        let lc = idx.line_col(e.span.start);
        let start = idx.line_start(lc.line).unwrap_or(0) as usize;
        let col = src[start..e.span.start as usize].chars().count() + 1;
        let got = (e.class_name(), e.message(), lc.line, col);
        if got != (class, msg.to_string(), line, offset) {
            failures.push(format!(
                "{src:?}: got {got:?}, want {:?}",
                (class, msg, line, offset)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn incomplete_input_is_flagged_for_the_repl() {
    for src in [
        "if x:\n",
        "x = (1,\n",
        "s = \"\"\"abc\n",
        "x = 1 + \\\n",
        "def f():\n",
        "try:\n    pass\n",
    ] {
        let e = mempy_parser::parse(src).expect_err(src);
        assert!(e.is_incomplete_input(), "{src:?}: {e}");
    }
    for src in ["x = = 1\n", "x = )\n", "if x\n"] {
        let e = mempy_parser::parse(src).expect_err(src);
        assert!(!e.is_incomplete_input(), "{src:?}: {e}");
    }
}

#[test]
fn null_bytes_are_rejected() {
    let e = mempy_parser::parse("x = 1\0").expect_err("null byte");
    assert_eq!(e.message(), "source code cannot contain null bytes");
}
