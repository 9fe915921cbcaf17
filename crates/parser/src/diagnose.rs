//! Choosing CPython's message for a token the grammar did not expect.
//!
//! CPython's PEG parser has a second pass of `invalid_*` rules that recognise
//! common mistakes. An LR parser only knows the offending token and the tokens it
//! expected, so this module looks at the surrounding tokens to recognise the same
//! mistakes: an unexpected indent, a block header without a body, a missing colon,
//! two expressions side by side in brackets, Python 2's print statement, an `if`
//! expression without `else`. Everything else is "invalid syntax" on the
//! offending token, as CPython reports it.

use crate::actions::Ctx;
use crate::error::{ParseError, ParseErrorKind};
use crate::lexer::{line_of, LexError, Precedence, Spanned, Token};

/// Builds the error for an unexpected token at `tokens[index]` (or end of input
/// when `index == tokens.len()`), given lalrpop's expected terminals.
pub fn diagnose(
    ctx: &Ctx,
    tokens: &[Spanned],
    index: usize,
    expected: &[String],
    lex: Option<&LexError>,
) -> ParseError {
    let expects = |name: &str| expected.iter().any(|e| e == name);
    let at_eof = index >= tokens.len();
    let end = tokens.last().map_or(ctx.base, |t| t.2);
    let (start, tok, stop) = tokens
        .get(index)
        .copied()
        .unwrap_or((end, Token::Newline, end));

    // A block header followed by something other than an indented block.
    if expected.len() == 1 && expects("Indent") {
        let header = logical_line_start(tokens, index.saturating_sub(1));
        let kw = tokens.get(header).map(|t| t.1);
        let line = tokens
            .get(header)
            .map_or(1, |t| line_of(ctx.src, t.0 - ctx.base));
        let what = match kw {
            Some(Token::Def) => format!("function definition on line {line}"),
            Some(Token::Class) => format!("class definition on line {line}"),
            Some(k) => format!("'{}' statement on line {line}", keyword_text(k)),
            None => format!("statement on line {line}"),
        };
        let msg = format!("expected an indented block after {what}");
        let mut err = if at_eof
            || tok == Token::Dedent && tokens[index..].iter().all(|t| t.1 == Token::Dedent)
        {
            // CPython reports the end of input: the end of the last line.
            let text = ctx.src;
            let body = text.strip_suffix('\n').unwrap_or(text);
            let body = body.strip_suffix('\r').unwrap_or(body);
            let at = ctx.base + body.len();
            let mut e = ParseError::new(ParseErrorKind::Indentation(msg), at, at);
            e.at_eof = true;
            e
        } else {
            // One caret at the first token of the unindented line.
            let next = tokens[index..]
                .iter()
                .find(|t| t.1 != Token::Dedent)
                .copied()
                .unwrap_or((start, tok, stop));
            ParseError::new(ParseErrorKind::Indentation(msg), next.0, next.0)
        };
        err.incomplete = at_eof || tokens[index..].iter().all(|t| t.1 == Token::Dedent);
        return err;
    }
    if tok == Token::Indent && !at_eof {
        return ParseError::new(
            ParseErrorKind::Indentation("unexpected indent".into()),
            start,
            start,
        );
    }
    if tok == Token::Dedent && !at_eof {
        return ParseError::new(
            ParseErrorKind::Indentation("unexpected unindent".into()),
            start,
            start,
        );
    }

    // A compound statement header that ends without its colon.
    if (tok == Token::Newline || at_eof) && expects("\":\"") {
        let header = logical_line_start(tokens, index.saturating_sub(1));
        if tokens.get(header).is_some_and(|t| is_block_keyword(t.1)) {
            return ParseError::syntax("expected ':'", start, start);
        }
    }

    // A `try` block followed by neither handler nor `finally`.
    if expects("\"except\"")
        && expects("\"finally\"")
        && !matches!(tok, Token::Except | Token::Finally)
    {
        let rest_dedent = tokens[index.min(tokens.len())..]
            .iter()
            .all(|t| t.1 == Token::Dedent);
        let (s, e) = if at_eof || rest_dedent {
            let nl = tokens[..index.min(tokens.len())]
                .iter()
                .rev()
                .find(|t| t.1 == Token::Newline);
            nl.map_or((end, end), |t| (t.0, t.0))
        } else {
            let next = tokens[index..]
                .iter()
                .find(|t| t.1 != Token::Dedent)
                .copied()
                .unwrap_or((start, tok, stop));
            (next.0, next.2)
        };
        let mut err = ParseError::syntax("expected 'except' or 'finally' block", s, e);
        err.incomplete = at_eof || rest_dedent;
        return err;
    }
    if tok == Token::Equal {
        if let Some(e) = equals_in_condition(ctx, tokens, index) {
            return e;
        }
    }
    if let Some(e) = legacy_print(ctx, tokens, index) {
        return e;
    }
    if expects("\"else\"") && tok != Token::Else {
        if let Some(e) = if_without_else(tokens, index) {
            return e;
        }
    }
    if let Some(e) = missing_comma(ctx, tokens, index) {
        // Looking for the end of the second expression, CPython reads on to the end
        // of the file when a bracket is left open, and reports that instead.
        if let Some(lex) = lex.filter(|l| matches!(l.precedence, Precedence::IfLaterThan(_))) {
            if expr_end(tokens, index) >= tokens.len() {
                return lex.error.clone();
            }
        }
        return e;
    }
    let mut err = ParseError::syntax("invalid syntax", start, stop);
    err.incomplete = at_eof;
    err
}

/// The index of the first token of the logical line holding `tokens[index]`.
fn logical_line_start(tokens: &[Spanned], index: usize) -> usize {
    let mut i = index.min(tokens.len());
    // Skip the Newline that ends the header itself.
    if tokens.get(i).is_some_and(|t| t.1 == Token::Newline) && i > 0 {
        i -= 1;
    }
    while i > 0
        && !matches!(
            tokens[i - 1].1,
            Token::Newline | Token::Indent | Token::Dedent
        )
    {
        i -= 1;
    }
    i
}

fn is_block_keyword(t: Token) -> bool {
    use Token::*;
    matches!(
        t,
        If | Elif | Else | While | For | With | Try | Except | Finally | Def | Class
    )
}

fn keyword_text(t: Token) -> &'static str {
    use Token::*;
    match t {
        If => "if",
        Elif => "elif",
        Else => "else",
        While => "while",
        For => "for",
        With => "with",
        Try => "try",
        Except => "except",
        Finally => "finally",
        _ => "statement",
    }
}

/// Whether a token can end an expression.
fn ends_expr(t: Token) -> bool {
    use Token::*;
    matches!(
        t,
        Name | Int
            | Float
            | Imag
            | String
            | RParen
            | RSqb
            | RBrace
            | True
            | False
            | None
            | Ellipsis
    )
}

/// Whether a token can start an expression that cannot continue the one before.
fn starts_expr(t: Token) -> bool {
    use Token::*;
    matches!(
        t,
        Name | Int
            | Float
            | Imag
            | String
            | LParen
            | LSqb
            | LBrace
            | True
            | False
            | None
            | Ellipsis
            | Lambda
    )
}

/// The bracket depth just before `tokens[index]`.
fn depth_before(tokens: &[Spanned], index: usize) -> i32 {
    let mut d = 0;
    for t in &tokens[..index.min(tokens.len())] {
        if t.1.is_open_bracket() {
            d += 1;
        } else if t.1.is_close_bracket() {
            d -= 1;
        } else if d <= 0 && t.1 == Token::Newline {
            d = 0;
        }
    }
    d
}

/// Tokens that end an expression when scanning backwards at one bracket level.
fn separates(t: Token) -> bool {
    use Token::*;
    t.is_open_bracket()
        || matches!(
            t,
            Comma
                | Colon
                | Equal
                | ColonEqual
                | If
                | Else
                | For
                | Lambda
                | Yield
                | Return
                | Newline
                | Indent
                | Dedent
                | Semi
                | Star
                | DoubleStar
                | Assert
                | Del
                | In
                | With
                | As
                | While
                | Elif
                | RArrow
                | At
        )
        || is_aug(t)
}

fn is_aug(t: Token) -> bool {
    use Token::*;
    matches!(
        t,
        PlusEqual
            | MinEqual
            | StarEqual
            | SlashEqual
            | PercentEqual
            | AmperEqual
            | VBarEqual
            | CircumflexEqual
            | LeftShiftEqual
            | RightShiftEqual
            | DoubleStarEqual
            | DoubleSlashEqual
            | AtEqual
    )
}

/// The index where the expression ending just before `index` starts.
fn expr_start(tokens: &[Spanned], index: usize) -> usize {
    let mut depth = 0;
    let mut i = index;
    while i > 0 {
        let t = tokens[i - 1].1;
        if t.is_close_bracket() {
            depth += 1;
        } else if t.is_open_bracket() {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if depth == 0 && separates(t) {
            break;
        }
        i -= 1;
    }
    i
}

/// The index just after the expression starting at `index`.
fn expr_end(tokens: &[Spanned], index: usize) -> usize {
    let mut depth = 0;
    let mut i = index;
    while i < tokens.len() {
        let t = tokens[i].1;
        if t.is_open_bracket() {
            depth += 1;
        } else if t.is_close_bracket() {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if depth == 0
            && (matches!(
                t,
                Token::Comma
                    | Token::Colon
                    | Token::Equal
                    | Token::For
                    | Token::Newline
                    | Token::Semi
            ) || is_aug(t))
        {
            break;
        }
        i += 1;
    }
    i
}

/// "invalid syntax. Perhaps you forgot a comma?": two expressions side by side
/// inside brackets.
fn missing_comma(ctx: &Ctx, tokens: &[Spanned], index: usize) -> Option<ParseError> {
    let (_, tok, _) = *tokens.get(index)?;
    let prev = tokens.get(index.checked_sub(1)?)?.1;
    if !ends_expr(prev) || !starts_expr(tok) || depth_before(tokens, index) <= 0 {
        return None;
    }
    let a = expr_start(tokens, index);
    // CPython tries this rule only where a plain expression list is parsed: after
    // an opening bracket, a comma, a key's colon or a keyword argument's `=`.
    let before = tokens.get(a.checked_sub(1)?)?.1;
    if !(before.is_open_bracket() || matches!(before, Token::Comma | Token::Colon | Token::Equal)) {
        return None;
    }
    // CPython exempts a name followed by a string (`f"..."`-like prefixes) and
    // Python 2's print and exec.
    if a + 1 == index && prev == Token::Name && tok == Token::String {
        return None;
    }
    let b = expr_end(tokens, index);
    let last = tokens.get(b.checked_sub(1)?)?;
    let _ = ctx;
    Some(ParseError::syntax(
        "invalid syntax. Perhaps you forgot a comma?",
        tokens[a].0,
        last.2,
    ))
}

/// Python 2's `print x` / `exec code`.
fn legacy_print(ctx: &Ctx, tokens: &[Spanned], index: usize) -> Option<ParseError> {
    let (_, tok, _) = *tokens.get(index)?;
    let (ps, prev, pe) = *tokens.get(index.checked_sub(1)?)?;
    if prev != Token::Name
        || !starts_expr(tok)
            && !matches!(tok, Token::Minus | Token::Plus | Token::Tilde | Token::Not)
    {
        return None;
    }
    let name = ctx.text(ps, pe);
    if name != "print" && name != "exec" {
        return None;
    }
    let mut end = index;
    let mut depth = 0;
    while end < tokens.len() {
        let t = tokens[end].1;
        if t.is_open_bracket() {
            depth += 1;
        } else if t.is_close_bracket() {
            depth -= 1;
        } else if depth <= 0 && matches!(t, Token::Newline | Token::Semi | Token::Equal) {
            break;
        }
        end += 1;
    }
    let last = tokens.get(end.checked_sub(1)?)?;
    let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
    Some(ParseError::syntax(msg, ps, last.2))
}

/// "expected 'else' after 'if' expression".
fn if_without_else(tokens: &[Spanned], index: usize) -> Option<ParseError> {
    let mut depth = 0;
    let mut i = index;
    while i > 0 {
        let t = tokens[i - 1].1;
        if t.is_close_bracket() {
            depth += 1;
        } else if t.is_open_bracket() {
            if depth == 0 {
                return None;
            }
            depth -= 1;
        } else if depth == 0 && t == Token::If {
            break;
        } else if depth == 0 && matches!(t, Token::Newline | Token::Comma | Token::Equal) {
            return None;
        }
        i -= 1;
    }
    if i == 0 {
        return None;
    }
    let start = expr_start(tokens, i - 1);
    if start + 1 > i - 1 {
        return None;
    }
    let last = tokens.get(index - 1)?;
    Some(ParseError::syntax(
        "expected 'else' after 'if' expression",
        tokens[start].0,
        last.2,
    ))
}

/// `if x = 1:`: CPython suggests `==` or `:=` (or names what cannot be assigned).
fn equals_in_condition(ctx: &Ctx, tokens: &[Spanned], index: usize) -> Option<ParseError> {
    let header = logical_line_start(tokens, index);
    if !matches!(
        tokens.get(header)?.1,
        Token::If | Token::Elif | Token::While
    ) || depth_before(tokens, index) != 0
    {
        return None;
    }
    let a = expr_start(tokens, index);
    if a >= index {
        return None;
    }
    let b_end = expr_end(tokens, index + 1);
    let last = tokens.get(b_end.checked_sub(1)?)?;
    if a + 1 == index && tokens[a].1 == Token::Name {
        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
        return Some(ParseError::syntax(msg, tokens[a].0, last.2));
    }
    let target = crate::grammar::reparse_expr(ctx, &tokens[a..index])?;
    use mempy_ast::{Constant, ExprKind};
    if matches!(
        target.kind,
        ExprKind::List { .. }
            | ExprKind::Tuple { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Constant {
                value: Constant::None | Constant::Bool(_)
            }
    ) || matches!(
        target.kind,
        ExprKind::UnaryOp {
            op: mempy_ast::UnaryOperator::Not,
            ..
        }
    ) {
        return None;
    }
    let msg = format!(
        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
        crate::actions::expr_name(&target)
    );
    Some(ParseError::at(msg, target.span))
}
