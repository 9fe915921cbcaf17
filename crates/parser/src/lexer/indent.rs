//! The indentation pass: turns the raw logos stream into the logical token stream
//! the grammar reads, as `(start, token, end)` byte-offset triples.
//!
//! It owns the layout rules of CPython's tokenizer: logical lines end with `Newline`
//! only outside brackets, blank and comment-only lines vanish, a backslash joins the
//! next physical line, and leading whitespace is compared against a stack of
//! indentation levels to emit `Indent`/`Dedent` (tabs advance to the next multiple
//! of 8; the same line measured with tabs as width 1 must order the same way, or
//! the indentation is ambiguous and a TabError is raised). It also checks bracket
//! pairing and literal endings, the errors CPython's tokenizer reports.
//!
//! It does not decode string literals (see `crate::strings`) and knows nothing of
//! the grammar. The whole stream is produced up front; the first lexical error ends
//! it and is kept aside, so that `crate::grammar` can decide, as CPython does,
//! whether the parser or the tokenizer error is reported.

use logos::Logos;

use super::token::{RawError, Token};
use super::{LexError, Precedence};
use crate::error::{ParseError, ParseErrorKind};

/// One token of the logical stream with its byte range.
pub type Spanned = (usize, Token, usize);

/// CPython's limit on nested brackets (`MAXLEVEL` in the tokenizer).
const MAX_BRACKETS: usize = 200;
/// CPython's limit on indentation levels (`MAXINDENT`).
const MAX_INDENT: usize = 100;

/// The result of the pass: every token before the first error, then that error.
#[derive(Debug)]
pub struct Tokens {
    pub tokens: Vec<Spanned>,
    pub error: Option<LexError>,
}

/// Runs the pass over `source`.
pub fn tokenize(source: &str) -> Tokens {
    let mut pass = Pass::new(source);
    let error = pass.run().err();
    pass.mark_with_parens();
    Tokens {
        tokens: pass.out,
        error,
    }
}

struct Pass<'s> {
    src: &'s str,
    out: Vec<Spanned>,
    /// Indentation levels as (columns with tabs to 8, columns with tabs as 1).
    indents: Vec<(usize, usize)>,
    /// Open brackets: the token and its offset.
    brackets: Vec<(Token, usize)>,
    /// Pairs of `with (` / `)` candidates, as indices into `out`.
    with_parens: Vec<(usize, usize)>,
    /// Indices into `out` of open `(` brackets, parallel to `brackets`.
    open_index: Vec<usize>,
}

impl<'s> Pass<'s> {
    fn new(src: &'s str) -> Self {
        Pass {
            src,
            out: Vec::new(),
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            with_parens: Vec::new(),
            open_index: Vec::new(),
        }
    }

    fn err(
        &self,
        kind: ParseErrorKind,
        start: usize,
        end: usize,
        precedence: Precedence,
    ) -> LexError {
        LexError {
            error: ParseError::new(kind, start, end),
            precedence,
        }
    }

    fn syntax(&self, msg: impl Into<String>, start: usize, end: usize) -> LexError {
        self.err(
            ParseErrorKind::Syntax(msg.into()),
            start,
            end,
            Precedence::Always,
        )
    }

    fn run(&mut self) -> Result<(), LexError> {
        let mut lex = Token::lexer(self.src);
        // True at the start of a physical line whose indentation must be measured.
        let mut at_line_start = true;
        // True when the current logical line has produced a token.
        let mut line_has_tokens = false;
        // The offset just after a backslash continuation, if the last token was one.
        let mut after_continuation: Option<usize> = None;
        let mut pending: Option<(Result<Token, RawError>, logos::Span)> = None;
        // Where a comment started on the current line, after some token.
        let mut comment_start: Option<usize> = None;
        loop {
            let next = match pending.take() {
                Some(t) => Some(t),
                None => lex.next().map(|t| (t, lex.span())),
            };
            let Some((tok, span)) = next else { break };
            if at_line_start {
                at_line_start = false;
                // Measure the indentation, then look at the first real token.
                let (ws_end, first) = if tok == Ok(Token::Whitespace) {
                    (span.end, lex.next().map(|t| (t, lex.span())))
                } else {
                    (span.start, Some((tok, span.clone())))
                };
                let blank = matches!(
                    &first,
                    None | Some((Ok(Token::Newline | Token::Comment), _))
                );
                if !blank && self.brackets.is_empty() {
                    self.indentation(span.start, ws_end)?;
                }
                match first {
                    Some(t) => {
                        pending = Some(t);
                        continue;
                    }
                    None => break,
                }
            }
            let tok = match tok {
                Ok(t) => t,
                Err(e) => return Err(self.raw_error(e, span.start, span.end)),
            };
            after_continuation = None;
            if tok == Token::Newline {
                // The comment (if any) belongs to the line this newline ends.
            } else if tok != Token::Comment {
                comment_start = None;
            }
            match tok {
                Token::Whitespace => {}
                Token::Comment => {
                    if line_has_tokens {
                        comment_start = Some(span.start);
                    }
                }
                Token::Continuation => {
                    // The next physical line continues this one, so its indentation
                    // is not measured; remember where to report an EOF right after.
                    after_continuation = Some(span.start + 1);
                }
                Token::Backslash if span.end == self.src.len() => {
                    after_continuation = Some(span.end);
                }
                Token::Backslash => {
                    return Err(self.err(
                        ParseErrorKind::Syntax(
                            "unexpected character after line continuation character".into(),
                        ),
                        span.end,
                        span.end,
                        Precedence::Never,
                    ));
                }
                Token::Newline => {
                    if self.brackets.is_empty() {
                        if line_has_tokens {
                            // CPython's NEWLINE token starts at a trailing comment.
                            let start = comment_start.unwrap_or(span.start);
                            self.out.push((start, Token::Newline, span.start));
                            line_has_tokens = false;
                        }
                        at_line_start = true;
                    }
                }
                _ => {
                    if tok == Token::Name {
                        self.check_name(span.start, span.end)?;
                    }
                    line_has_tokens = true;
                    self.bracket(tok, span.start, span.end)?;
                    self.number_end(tok, span.start, span.end)?;
                    self.out.push((span.start, tok, span.end));
                }
            }
        }
        let len = self.src.len();
        if let Some(pos) = after_continuation {
            return Err(self
                .err(
                    ParseErrorKind::Syntax("unexpected EOF while parsing".into()),
                    pos,
                    pos,
                    Precedence::Never,
                )
                .incomplete());
        }
        if let Some(&(tok, pos)) = self.brackets.last() {
            let msg = format!("'{}' was never closed", bracket_char(tok));
            let e = self.err(
                ParseErrorKind::Syntax(msg),
                pos,
                pos,
                Precedence::IfLaterThan(pos),
            );
            return Err(e.incomplete());
        }
        if line_has_tokens {
            self.out
                .push((comment_start.unwrap_or(len), Token::Newline, len));
        }
        for _ in 1..self.indents.len() {
            self.out.push((len, Token::Dedent, len));
        }
        Ok(())
    }

    /// Compares the indentation `src[line_start..ws_end]` with the stack.
    fn indentation(&mut self, line_start: usize, ws_end: usize) -> Result<(), LexError> {
        let (mut col, mut alt) = (0usize, 0usize);
        for b in self.src[line_start..ws_end].bytes() {
            match b {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                _ => {
                    col = 0;
                    alt = 0;
                }
            }
        }
        let tab_error = || LexError {
            error: ParseError::new(ParseErrorKind::Tab, line_start, line_start),
            precedence: Precedence::Never,
        };
        let &(top, top_alt) = self.indents.last().unwrap_or(&(0, 0));
        if col == top {
            if alt != top_alt {
                return Err(tab_error());
            }
        } else if col > top {
            if alt <= top_alt {
                return Err(tab_error());
            }
            if self.indents.len() > MAX_INDENT {
                return Err(self.err(
                    ParseErrorKind::Indentation("too many levels of indentation".into()),
                    line_start,
                    line_start,
                    Precedence::Never,
                ));
            }
            self.indents.push((col, alt));
            // CPython's caret for an unexpected indent sits on the last indent column.
            self.out.push((
                ws_end.saturating_sub(1).max(line_start),
                Token::Indent,
                ws_end,
            ));
        } else {
            while self.indents.len() > 1 && col < self.indents[self.indents.len() - 1].0 {
                self.indents.pop();
                self.out.push((ws_end, Token::Dedent, ws_end));
            }
            let &(top, top_alt) = self.indents.last().unwrap_or(&(0, 0));
            if col != top {
                let eol = self.src[ws_end..]
                    .find(['\r', '\n'])
                    .map_or(self.src.len(), |i| ws_end + i);
                return Err(self.err(
                    ParseErrorKind::Indentation(
                        "unindent does not match any outer indentation level".into(),
                    ),
                    eol,
                    eol,
                    Precedence::Never,
                ));
            }
            if alt != top_alt {
                return Err(tab_error());
            }
        }
        Ok(())
    }

    /// Tracks bracket depth and pairing.
    fn bracket(&mut self, tok: Token, start: usize, _end: usize) -> Result<(), LexError> {
        if tok.is_open_bracket() {
            if self.brackets.len() >= MAX_BRACKETS {
                return Err(self.syntax("too many nested parentheses", start, start));
            }
            self.brackets.push((tok, start));
            self.open_index.push(self.out.len());
        } else if tok.is_close_bracket() {
            let Some((open, open_pos)) = self.brackets.pop() else {
                return Err(self.syntax(
                    format!("unmatched '{}'", bracket_char(tok)),
                    start,
                    start,
                ));
            };
            let open_index = self.open_index.pop().unwrap_or(0);
            let expected = match open {
                Token::LParen => Token::RParen,
                Token::LSqb => Token::RSqb,
                _ => Token::RBrace,
            };
            if tok != expected {
                let open_line = line_of(self.src, open_pos);
                let msg = if open_line != line_of(self.src, start) {
                    format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                        bracket_char(tok),
                        bracket_char(open),
                        open_line
                    )
                } else {
                    format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        bracket_char(tok),
                        bracket_char(open)
                    )
                };
                return Err(self.syntax(msg, start, start));
            }
            if tok == Token::RParen && open_index > 0 && self.out[open_index - 1].1 == Token::With {
                self.with_parens.push((open_index, self.out.len()));
            }
        }
        Ok(())
    }

    /// Checks that a name holds only identifier characters (logos accepts any
    /// non-ASCII character so that this check can name the bad one).
    fn check_name(&self, start: usize, end: usize) -> Result<(), LexError> {
        for (i, c) in self.src[start..end].char_indices() {
            let ok = c.is_ascii()
                || if i == 0 {
                    c.is_alphabetic()
                } else {
                    c.is_alphanumeric()
                };
            if !ok {
                let at = start + i;
                return Err(self.syntax(
                    format!("invalid character '{c}' (U+{:04X})", c as u32),
                    at,
                    at,
                ));
            }
        }
        Ok(())
    }

    /// Checks what follows a number, as CPython's `verify_end_of_number` does.
    fn number_end(&self, tok: Token, start: usize, end: usize) -> Result<(), LexError> {
        if !matches!(tok, Token::Int | Token::Float | Token::Imag) {
            return Ok(());
        }
        let text = &self.src[start..end];
        let rest = &self.src[end..];
        let next = rest.chars().next();
        let kind = number_kind(text);
        if tok == Token::Int && kind == "decimal" && text.len() > 1 && text.starts_with('0') {
            // Only zeros (and underscores) are allowed after a leading zero; logos
            // stopped at the first other digit.
            if next.is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    start,
                    start + 1,
                ));
            }
        }
        if text == "0" && matches!(next, Some('x' | 'X' | 'o' | 'O' | 'b' | 'B')) {
            let kind = match next {
                Some('x' | 'X') => "hexadecimal",
                Some('o' | 'O') => "octal",
                _ => "binary",
            };
            if let Some(d) = rest[1..].chars().next().filter(|c| c.is_ascii_digit()) {
                return Err(self.syntax(
                    format!("invalid digit '{d}' in {kind} literal"),
                    end + 1,
                    end + 1,
                ));
            }
            return Err(self.syntax(format!("invalid {kind} literal"), end, end));
        }
        if text == "0" && next.is_some_and(|c| c.is_ascii_digit()) {
            let digits = rest
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'_')
                .count();
            let after = rest[digits..].chars().next();
            if !matches!(after, Some('.' | 'e' | 'E' | 'j' | 'J')) {
                return Err(self.syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    start,
                    start + 1,
                ));
            }
        }
        let Some(c) = next else { return Ok(()) };
        // CPython's tokenizer reports these one character before the position it
        // stopped at, which is where the offset points below.
        if c == '_' {
            return Err(self.syntax(format!("invalid {kind} literal"), end, end));
        }
        if kind == "binary" && c.is_ascii_digit() {
            return Err(self.syntax(format!("invalid digit '{c}' in binary literal"), end, end));
        }
        if kind == "octal" && c.is_ascii_digit() {
            return Err(self.syntax(format!("invalid digit '{c}' in octal literal"), end, end));
        }
        if matches!(c, 'e' | 'E')
            && kind == "decimal"
            && matches!(rest[1..].chars().next(), Some('+' | '-'))
        {
            return Err(self.syntax("invalid decimal literal", end + 1, end + 1));
        }
        if c.is_alphanumeric() || c == '_' {
            // A keyword glued to a number (`1if x else y`) is only a warning.
            for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] {
                if rest.starts_with(kw) {
                    return Ok(());
                }
            }
            let at = end - 1;
            return Err(self.syntax(format!("invalid {kind} literal"), at, at));
        }
        Ok(())
    }

    /// Turns a logos error into CPython's message.
    fn raw_error(&self, e: RawError, start: usize, end: usize) -> LexError {
        match e {
            RawError::BadChar => {
                let c = self.src[start..].chars().next().unwrap_or('\0');
                if c.is_ascii() {
                    // CPython reports stray ASCII characters as plain invalid syntax.
                    let mut e = self.syntax("invalid syntax", start, start + 1);
                    e.precedence = Precedence::Never;
                    e
                } else {
                    self.syntax(
                        format!("invalid character '{c}' (U+{:04X})", c as u32),
                        start,
                        start,
                    )
                }
            }
            RawError::UnterminatedString => {
                let at = self.string_start(start);
                let line = line_of(self.src, end);
                self.syntax(
                    format!("unterminated string literal (detected at line {line})"),
                    at,
                    at,
                )
            }
            RawError::UnterminatedTripleString => {
                let at = self.string_start(start);
                let line = line_of(self.src, self.src.len().saturating_sub(1));
                let e = self.syntax(
                    format!("unterminated triple-quoted string literal (detected at line {line})"),
                    at,
                    at,
                );
                e.incomplete()
            }
        }
    }

    /// The offset of the quote of the string literal starting at `start` (CPython
    /// points its caret at the prefix, which is where the token starts).
    fn string_start(&self, start: usize) -> usize {
        start
    }

    /// Retokens `with (` ... `)` `:` as the parenthesised with-items form.
    fn mark_with_parens(&mut self) {
        for &(open, close) in &self.with_parens {
            if self.out.get(close + 1).map(|t| t.1) == Some(Token::Colon) {
                self.out[open].1 = Token::WithLParen;
                self.out[close].1 = Token::WithRParen;
            }
        }
    }
}

/// The numeric base name CPython uses in literal error messages.
fn number_kind(text: &str) -> &'static str {
    let b = text.as_bytes();
    if b.len() >= 2 && b[0] == b'0' {
        match b[1] {
            b'x' | b'X' => return "hexadecimal",
            b'o' | b'O' => return "octal",
            b'b' | b'B' => return "binary",
            _ => {}
        }
    }
    "decimal"
}

/// The 1-based line holding byte `offset`.
pub fn line_of(src: &str, offset: usize) -> usize {
    let b = src.as_bytes();
    let mut line = 1;
    let mut i = 0;
    let end = offset.min(b.len());
    while i < end {
        match b[i] {
            b'\n' => line += 1,
            b'\r' if b.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
        i += 1;
    }
    line
}

fn bracket_char(tok: Token) -> char {
    match tok {
        Token::LParen | Token::WithLParen => '(',
        Token::RParen | Token::WithRParen => ')',
        Token::LSqb => '[',
        Token::RSqb => ']',
        Token::LBrace => '{',
        _ => '}',
    }
}
