//! Snapshot tests of the indentation pass on its own: each case renders the
//! logical token stream as `line:col Kind "text"` lines, then the error if any.

use super::{tokenize, Token};

fn render(src: &str) -> String {
    let toks = tokenize(src);
    let idx = mempy_ast::LineIndex::new(src);
    let mut out = String::new();
    for (s, t, e) in &toks.tokens {
        let lc = idx.line_col(*s as u32);
        let text = &src[*s..*e];
        let text = if matches!(t, Token::Newline | Token::Indent | Token::Dedent) {
            String::new()
        } else {
            format!(" {text:?}")
        };
        out.push_str(&format!("{}:{} {t:?}{text}\n", lc.line, lc.col));
    }
    if let Some(e) = &toks.error {
        let lc = idx.line_col(e.error.span.start);
        out.push_str(&format!(
            "error at {}:{}: {}: {} ({:?})\n",
            lc.line,
            lc.col,
            e.error.class_name(),
            e.error.message(),
            e.precedence
        ));
    }
    out
}

#[test]
fn blocks_and_dedent_to_outer_levels() {
    insta::assert_snapshot!(render("if a:\n    if b:\n        c\nd\n"));
}

#[test]
fn dedent_to_unknown_level() {
    insta::assert_snapshot!(render("if a:\n        b\n    c\n"));
}

#[test]
fn tabs_count_to_multiples_of_eight() {
    insta::assert_snapshot!(render("if a:\n\tb\n        c\n"));
}

#[test]
fn tabs_and_spaces_inconsistent() {
    insta::assert_snapshot!(render("if a:\n    b\n\tc\n"));
}

#[test]
fn crlf_and_lone_cr() {
    insta::assert_snapshot!(render("a = 1\r\nif a:\r    b\r\n"));
}

#[test]
fn backslash_continuation() {
    insta::assert_snapshot!(render("x = 1 + \\\n        2\ny = 3\n"));
}

#[test]
fn brackets_span_lines() {
    insta::assert_snapshot!(render("f(a,\n  b,\n        c)\nd\n"));
}

#[test]
fn comments_at_odd_indents_and_blank_lines() {
    insta::assert_snapshot!(render(
        "if a:\n  # odd\n        # odder\n\n    b  # trailing\n# end\n"
    ));
}

#[test]
fn empty_file() {
    insta::assert_snapshot!(render(""));
}

#[test]
fn no_final_newline() {
    insta::assert_snapshot!(render("def f():\n    return 1"));
}

#[test]
fn unclosed_bracket_at_eof() {
    insta::assert_snapshot!(render("x = [1,\n 2\n"));
}

#[test]
fn unmatched_and_mismatched_brackets() {
    insta::assert_snapshot!(render("a = (1]\n") + &render("a = 1)\n"));
}

#[test]
fn with_parentheses_are_told_apart() {
    insta::assert_snapshot!(render(
        "with (a as b, c):\n    pass\nwith (a).b:\n    pass\n"
    ));
}
