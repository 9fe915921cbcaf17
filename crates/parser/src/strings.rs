//! String literals: prefixes, escape decoding and implicit concatenation.
//!
//! The lexer hands over whole literal tokens (prefix and quotes included). This
//! module decodes each one and joins adjacent literals into one `Constant` (str or
//! bytes) or, when any part is an f-string, one `JoinedStr`; the replacement fields
//! of f-strings are parsed by `crate::fstring`. Invalid escapes such as `\d` stay
//! literal, as in CPython 3.11 (which only warns).

use mempy_ast::{Constant, Expr, ExprKind, Span};

use crate::actions::Ctx;
use crate::error::ParseError;
use crate::fstring;

/// One literal token split into its parts.
pub struct Literal<'s> {
    pub raw: bool,
    pub bytes: bool,
    pub format: bool,
    /// The text between the quotes.
    pub body: &'s str,
    /// The absolute offset of `body`.
    pub body_start: usize,
}

/// Splits the literal token at absolute `start..end`.
pub fn split<'s>(ctx: &Ctx<'s>, start: usize, end: usize) -> Literal<'s> {
    let text = ctx.text(start, end);
    let prefix_len = text.find(['\'', '"']).unwrap_or(0);
    let prefix = text[..prefix_len].to_ascii_lowercase();
    let rest = &text[prefix_len..];
    let q = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body = rest.get(q..rest.len().saturating_sub(q)).unwrap_or("");
    Literal {
        raw: prefix.contains('r'),
        bytes: prefix.contains('b'),
        format: prefix.contains('f'),
        body,
        body_start: start + prefix_len + q,
    }
}

/// Accumulates the parts of a `JoinedStr` (or a plain string).
pub struct Joined {
    pub values: Vec<Expr>,
    pub pending: String,
    pub span: Span,
}

impl Joined {
    pub fn new(span: Span) -> Joined {
        Joined {
            values: Vec::new(),
            pending: String::new(),
            span,
        }
    }

    /// Moves the pending text into `values` as one constant.
    pub fn flush(&mut self) {
        if !self.pending.is_empty() {
            let value = Constant::Str(std::mem::take(&mut self.pending));
            self.values
                .push(Expr::new(ExprKind::Constant { value }, self.span));
        }
    }

    pub fn finish(mut self) -> Expr {
        self.flush();
        Expr::new(
            ExprKind::JoinedStr {
                values: self.values,
            },
            self.span,
        )
    }
}

/// Joins the literal tokens `parts` (absolute spans) spanning `l..r`.
pub fn concat(ctx: &Ctx, parts: &[(usize, usize)], l: usize, r: usize) -> Result<Expr, ParseError> {
    let lits: Vec<Literal> = parts.iter().map(|&(s, e)| split(ctx, s, e)).collect();
    let any_bytes = lits.iter().any(|x| x.bytes);
    if any_bytes && lits.iter().any(|x| !x.bytes) {
        return Err(ParseError::at(
            "cannot mix bytes and nonbytes literals",
            next_token_span(ctx, r),
        ));
    }
    if any_bytes {
        let mut out = Vec::new();
        for (lit, &(s, e)) in lits.iter().zip(parts) {
            if !lit.body.is_ascii() {
                return Err(ParseError::syntax(
                    "bytes can only contain ASCII literal characters",
                    s,
                    e,
                ));
            }
            if lit.raw {
                out.extend_from_slice(lit.body.as_bytes());
            } else {
                decode(lit.body, Sink::Bytes(&mut out))
                    .map_err(|m| ParseError::at(m, next_token_span(ctx, r)))?;
            }
        }
        return Ok(Expr::new(
            ExprKind::Constant {
                value: Constant::Bytes(out),
            },
            Span::new(l, r),
        ));
    }
    let mut joined = Joined::new(Span::new(l, r));
    let any_format = lits.iter().any(|x| x.format);
    for lit in &lits {
        if lit.format {
            fstring::parse_body(ctx, lit, lit.body, lit.body_start, &mut joined, 0, r)?;
        } else if lit.raw {
            joined.pending.push_str(lit.body);
        } else {
            let mut s = String::new();
            decode(lit.body, Sink::Str(&mut s))
                .map_err(|m| ParseError::at(m, next_token_span(ctx, r)))?;
            joined.pending.push_str(&s);
        }
    }
    if any_format {
        Ok(joined.finish())
    } else {
        Ok(Expr::new(
            ExprKind::Constant {
                value: Constant::Str(joined.pending),
            },
            Span::new(l, r),
        ))
    }
}

/// The span of the first token at or after `offset` (CPython reports literal
/// errors on the token that follows the literals).
pub fn next_token_span(ctx: &Ctx, offset: usize) -> Span {
    let i = ctx.tokens.partition_point(|t| t.0 < offset);
    match ctx.tokens.get(i) {
        Some(&(s, _, e)) => Span::new(s, e),
        None => Span::new(offset, offset),
    }
}

/// Where decoded text goes.
pub enum Sink<'a> {
    Str(&'a mut String),
    Bytes(&'a mut Vec<u8>),
}

impl Sink<'_> {
    fn push(&mut self, c: char) {
        match self {
            Sink::Str(s) => s.push(c),
            Sink::Bytes(b) => b.push(c as u32 as u8),
        }
    }

    fn push_str(&mut self, text: &str) {
        match self {
            Sink::Str(s) => s.push_str(text),
            Sink::Bytes(b) => b.extend_from_slice(text.as_bytes()),
        }
    }

    fn is_bytes(&self) -> bool {
        matches!(self, Sink::Bytes(_))
    }
}

/// Decodes the escapes of a non-raw literal body into `out`; the error is
/// CPython's message.
pub fn decode(body: &str, mut out: Sink) -> Result<(), String> {
    let b = body.as_bytes();
    let mut i = 0;
    let mut lit_start = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&body[lit_start..i]);
        let start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            out.push('\\');
            lit_start = i;
            break;
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut v = u32::from(c - b'0');
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + u32::from(b[i] - b'0');
                    i += 1;
                    n += 1;
                }
                if out.is_bytes() {
                    out.push(char::from((v & 0xff) as u8));
                } else {
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                }
            }
            b'x' | b'u' | b'U' if c == b'x' || !out.is_bytes() => {
                let want = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                let mut n = 0;
                while n < want && i < b.len() && b[i].is_ascii_hexdigit() {
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n < want {
                    if out.is_bytes() {
                        return Err(format!(
                            "(value error) invalid \\x escape at position {start}"
                        ));
                    }
                    let name = match c {
                        b'x' => "truncated \\xXX escape",
                        b'u' => "truncated \\uXXXX escape",
                        _ => "truncated \\UXXXXXXXX escape",
                    };
                    return Err(unicode_error(start, i - 1, name));
                }
                match char::from_u32(v) {
                    Some(ch) if out.is_bytes() => out.push(char::from(ch as u32 as u8)),
                    Some(ch) => out.push(ch),
                    None => return Err(unicode_error(start, i - 1, "illegal Unicode character")),
                }
            }
            b'N' if !out.is_bytes() => {
                if b.get(i) != Some(&b'{') {
                    return Err(unicode_error(
                        start,
                        i - 1,
                        "malformed \\N character escape",
                    ));
                }
                let Some(close) = body[i..].find('}') else {
                    return Err(unicode_error(
                        start,
                        b.len() - 1,
                        "malformed \\N character escape",
                    ));
                };
                let name = &body[i + 1..i + close];
                i += close + 1;
                match crate::unicode_names::lookup(name) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(unicode_error(
                            start,
                            i - 1,
                            "unknown Unicode character name",
                        ))
                    }
                }
            }
            _ => {
                // An unknown escape keeps its backslash (a DeprecationWarning in 3.11).
                out.push('\\');
                i = start + 1;
            }
        }
        lit_start = i;
    }
    out.push_str(&body[lit_start.min(body.len())..]);
    Ok(())
}

fn unicode_error(start: usize, end: usize, what: &str) -> String {
    format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {what}")
}
