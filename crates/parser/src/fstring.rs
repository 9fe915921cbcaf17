//! f-strings: splits the body of an f-string literal into text and replacement
//! fields, and parses each field's expression with the grammar (recursively, with
//! the field's real byte offsets), following CPython 3.11's `fstring_find_expr`.
//!
//! A field is `{expr[=][!conv][:spec]}`. The expression text is wrapped in
//! parentheses and parsed with the `FStringExpr` start symbol, as CPython does; the
//! spec is itself an f-string body, nested at most twice. `{x=}` is expanded into
//! the text `x=` followed by the value, formatted with `!r` unless a conversion or
//! a spec is given. Errors use CPython's "f-string: ..." messages.

use mempy_ast::{Expr, ExprKind, Span};

use crate::actions::Ctx;
use crate::error::{ParseError, ParseErrorKind};
use crate::strings::{decode, next_token_span, Joined, Literal, Sink};

/// Parses an f-string body (or format spec) `text` at absolute offset `at` into
/// `out`. Returns the offset in `text` where a format spec ended (at its `}`).
pub fn parse_body(
    ctx: &Ctx,
    lit: &Literal,
    text: &str,
    at: usize,
    out: &mut Joined,
    nesting: u32,
    concat_end: usize,
) -> Result<usize, ParseError> {
    let fail =
        |msg: &str| ParseError::at(format!("f-string: {msg}"), next_token_span(ctx, concat_end));
    let b = text.as_bytes();
    let mut chunk = String::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => {
                chunk.push('{');
                i += 2;
            }
            b'}' if b.get(i + 1) == Some(&b'}') && nesting == 0 => {
                chunk.push('}');
                i += 2;
            }
            b'}' if nesting > 0 => break,
            b'}' => return Err(fail("single '}' is not allowed")),
            b'{' => {
                flush_chunk(ctx, lit, &mut chunk, out, concat_end)?;
                i = field(ctx, lit, text, at, i + 1, out, nesting, concat_end)?;
            }
            b'\\' if !lit.raw && b.get(i + 1) == Some(&b'N') && b.get(i + 2) == Some(&b'{') => {
                let close = text[i..].find('}').map_or(b.len(), |c| i + c + 1);
                chunk.push_str(&text[i..close]);
                i = close;
            }
            _ => {
                let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
                chunk.push_str(&text[i..i + ch_len]);
                i += ch_len;
            }
        }
    }
    flush_chunk(ctx, lit, &mut chunk, out, concat_end)?;
    Ok(i)
}

fn flush_chunk(
    ctx: &Ctx,
    lit: &Literal,
    chunk: &mut String,
    out: &mut Joined,
    concat_end: usize,
) -> Result<(), ParseError> {
    if lit.raw {
        out.pending.push_str(chunk);
    } else {
        let mut s = String::new();
        decode(chunk, Sink::Str(&mut s))
            .map_err(|m| ParseError::at(m, next_token_span(ctx, concat_end)))?;
        out.pending.push_str(&s);
    }
    chunk.clear();
    Ok(())
}

/// Parses one replacement field whose expression starts at `start` (just after
/// `{`); returns the offset just after its closing `}`.
#[allow(clippy::too_many_arguments)]
fn field(
    ctx: &Ctx,
    lit: &Literal,
    text: &str,
    at: usize,
    start: usize,
    out: &mut Joined,
    nesting: u32,
    concat_end: usize,
) -> Result<usize, ParseError> {
    let fail =
        |msg: &str| ParseError::at(format!("f-string: {msg}"), next_token_span(ctx, concat_end));
    if nesting >= 2 {
        return Err(fail("expressions nested too deeply"));
    }
    let b = text.as_bytes();
    let mut i = start;
    let mut stack: Vec<u8> = Vec::new();
    let mut quote: Option<(u8, bool)> = None;
    while i < b.len() {
        let ch = b[i];
        if ch == b'\\' {
            let msg = "f-string expression part cannot include a backslash";
            return Err(ParseError::at(msg, next_token_span(ctx, concat_end)));
        }
        if let Some((q, triple)) = quote {
            if ch == q {
                if !triple {
                    quote = None;
                } else if b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
                    quote = None;
                    i += 2;
                }
            }
            i += 1;
            continue;
        }
        match ch {
            b'\'' | b'"' => {
                let triple = b.get(i + 1) == Some(&ch) && b.get(i + 2) == Some(&ch);
                quote = Some((ch, triple));
                i += if triple { 3 } else { 1 };
                continue;
            }
            b'[' | b'(' | b'{' => stack.push(ch),
            b'#' => {
                let msg = "f-string expression part cannot include '#'";
                return Err(ParseError::at(msg, next_token_span(ctx, concat_end)));
            }
            b']' | b')' | b'}' => {
                let Some(open) = stack.pop() else {
                    if ch == b'}' {
                        break;
                    }
                    return Err(fail(&format!("unmatched '{}'", ch as char)));
                };
                let want = match open {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if ch != want {
                    let msg = format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        ch as char, open as char
                    );
                    return Err(fail(&msg));
                }
            }
            b'!' | b':' | b'=' | b'<' | b'>' if stack.is_empty() => {
                if b.get(i + 1) == Some(&b'=') && ch != b':' {
                    i += 2;
                    continue;
                }
                if ch != b'<' && ch != b'>' {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if quote.is_some() {
        return Err(fail("unterminated string"));
    }
    if i >= b.len() {
        return Err(fail("expecting '}'"));
    }
    let expr_text = &text[start..i];
    if expr_text.trim().is_empty() {
        return Err(fail("empty expression not allowed"));
    }
    let value = parse_expr(ctx, lit, expr_text, at + start)?;
    let mut debug_text = None;
    if b[i] == b'=' {
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        debug_text = Some(&text[start..i]);
    }
    let mut conversion = None;
    if b.get(i) == Some(&b'!') {
        match b.get(i + 1) {
            Some(&c @ (b's' | b'r' | b'a')) => conversion = Some(c as char),
            Some(_) => {
                return Err(fail(
                    "invalid conversion character: expected 's', 'r', or 'a'",
                ))
            }
            None => return Err(fail("expecting '}'")),
        }
        i += 2;
    }
    let mut format_spec = None;
    if b.get(i) == Some(&b':') {
        let mut spec = Joined::new(out.span);
        let used = parse_body(
            ctx,
            lit,
            &text[i + 1..],
            at + i + 1,
            &mut spec,
            nesting + 1,
            concat_end,
        )?;
        i += 1 + used;
        format_spec = Some(Box::new(spec.finish()));
    }
    if b.get(i) != Some(&b'}') {
        return Err(fail("expecting '}'"));
    }
    if let Some(t) = debug_text {
        out.pending.push_str(t);
        if conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
    }
    out.flush();
    let kind = ExprKind::FormattedValue {
        value: Box::new(value),
        conversion,
        format_spec,
    };
    out.values.push(Expr::new(kind, out.span));
    Ok(i + 1)
}

/// Parses the expression `text` found at absolute offset `at`.
fn parse_expr(ctx: &Ctx, lit: &Literal, text: &str, at: usize) -> Result<Expr, ParseError> {
    let wrapped = format!("({text})");
    let base = at - 1;
    crate::grammar::parse_fstring_expr(&wrapped, base, ctx.depth).map_err(|mut e| {
        if let ParseErrorKind::Syntax(m) = &e.kind {
            // CPython 3.11 reports columns inside the parenthesised copy of the
            // expression, on the line where the string starts.
            let rel_start = (e.span.start as usize).saturating_sub(base);
            let rel_end = (e.span.end as usize).saturating_sub(base);
            let line_start = line_start(ctx, lit.body_start);
            e.kind = ParseErrorKind::Syntax(format!("f-string: {m}"));
            e.span = Span::new(line_start + rel_start, line_start + rel_end);
        }
        e
    })
}

/// The absolute offset of the start of the line holding absolute offset `at`.
fn line_start(ctx: &Ctx, at: usize) -> usize {
    let rel = at.saturating_sub(ctx.base).min(ctx.src.len());
    let before = &ctx.src.as_bytes()[..rel];
    let start = before
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map_or(0, |p| p + 1);
    start + ctx.base
}
