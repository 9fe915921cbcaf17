//! The seam to the generated parser: the only file that sees lalrpop's output.
//!
//! It feeds the token stream of `crate::lexer` to the LR parser built from
//! `grammar/python.lalrpop`, and holds the single conversion from lalrpop's error
//! to [`ParseError`]. That conversion is where CPython's generic messages are
//! chosen ("invalid syntax", "expected ':'", "unexpected indent", "expected an
//! indented block after ...", "Perhaps you forgot a comma?") and where a parser
//! error is weighed against a later tokenizer error, as CPython's
//! `_PyPegen_set_syntax_error` does.

use std::cell::Cell;

use lalrpop_util::lalrpop_mod;
use mempy_ast::{Expr, Module, Span};

use crate::actions::Ctx;
use crate::depth::DepthGuard;
use crate::error::{ParseError, ParseErrorKind};
use crate::lexer::{self, line_of, Precedence, Spanned, Token, Tokens};

lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, unused_imports, dead_code)]
    #[rustfmt::skip]
    python
);

type LalrError = lalrpop_util::ParseError<usize, Token, ParseError>;

/// Parses a whole module.
pub fn parse_module(source: &str) -> Result<Module, ParseError> {
    let toks = lexer::tokenize(source);
    let depth = DepthGuard::default();
    let ctx = Ctx {
        src: source,
        base: 0,
        depth: &depth,
        tokens: &toks.tokens,
    };
    let reached = Cell::new(false);
    let result = python::ModuleParser::new().parse(&ctx, stream(&toks, 0, &reached));
    let module = finish(result, &toks, &ctx, &reached)?;
    if let Some(span) = depth.exceeded() {
        return Err(ParseError {
            kind: ParseErrorKind::TooDeep,
            span,
            incomplete: false,
            at_eof: false,
        });
    }
    Ok(module)
}

/// Parses the parenthesised text of an f-string field; `base` is the absolute
/// offset of its opening parenthesis.
pub fn parse_fstring_expr(
    wrapped: &str,
    base: usize,
    depth: &DepthGuard,
) -> Result<Expr, ParseError> {
    let mut toks = lexer::tokenize(wrapped);
    for t in &mut toks.tokens {
        t.0 += base;
        t.2 += base;
    }
    // The wrapped text is one line in brackets: drop the final Newline.
    toks.tokens.retain(|t| t.1 != Token::Newline);
    if let Some(e) = &mut toks.error {
        e.error.span = Span::new(
            e.error.span.start as usize + base,
            e.error.span.end as usize + base,
        );
    }
    let ctx = Ctx {
        src: wrapped,
        base,
        depth,
        tokens: &toks.tokens,
    };
    let reached = Cell::new(false);
    let result = python::FStringExprParser::new().parse(&ctx, stream(&toks, base, &reached));
    finish(result, &toks, &ctx, &reached)
}

/// Re-parses `tokens` (a slice of an already lexed module) as one expression, for
/// error messages that must name what kind of expression sits somewhere.
pub fn reparse_expr(ctx: &Ctx, tokens: &[Spanned]) -> Option<Expr> {
    let (first, last) = (tokens.first()?, tokens.last()?);
    let depth = DepthGuard::default();
    let inner = Ctx {
        src: ctx.src,
        base: ctx.base,
        depth: &depth,
        tokens: ctx.tokens,
    };
    let open = (first.0, Token::LParen, first.0);
    let close = (last.2, Token::RParen, last.2);
    let stream = std::iter::once(open)
        .chain(tokens.iter().copied())
        .chain(std::iter::once(close))
        .map(Ok);
    python::FStringExprParser::new().parse(&inner, stream).ok()
}

/// The token stream for lalrpop: every token, then the lexical error if any.
fn stream<'a>(
    toks: &'a Tokens,
    _base: usize,
    reached: &'a Cell<bool>,
) -> impl Iterator<Item = Result<Spanned, ParseError>> + 'a {
    let err = toks.error.as_ref().map(|e| e.error.clone());
    toks.tokens
        .iter()
        .copied()
        .map(Ok)
        .chain(err.into_iter().map(move |e| {
            reached.set(true);
            Err(e)
        }))
}

/// Turns lalrpop's result into ours, choosing between parser and lexer errors.
fn finish<T>(
    result: Result<T, LalrError>,
    toks: &Tokens,
    ctx: &Ctx,
    reached: &Cell<bool>,
) -> Result<T, ParseError> {
    let e = match result {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    if reached.get() {
        if let (LalrError::User { error }, Some(lex)) = (&e, &toks.error) {
            if *error == lex.error {
                return Err(error.clone());
            }
        }
    }
    let perr = convert(e, toks, ctx);
    if let Some(lex) = &toks.error {
        let wins = match lex.precedence {
            Precedence::Always => true,
            Precedence::Never => false,
            Precedence::IfLaterThan(pos) => {
                line_of(ctx.src, (perr.span.end as usize).saturating_sub(ctx.base))
                    > line_of(ctx.src, pos.saturating_sub(ctx.base))
            }
        };
        if wins {
            return Err(lex.error.clone());
        }
    }
    Err(perr)
}

/// The single conversion from lalrpop's error to [`ParseError`].
fn convert(e: LalrError, toks: &Tokens, ctx: &Ctx) -> ParseError {
    let tokens = &toks.tokens;
    let (index, expected) = match e {
        LalrError::User { error } => return error,
        LalrError::InvalidToken { location } => {
            return ParseError::syntax("invalid syntax", location, location)
        }
        LalrError::ExtraToken { token: (s, _, e) } => {
            return ParseError::syntax("invalid syntax", s, e)
        }
        LalrError::UnrecognizedEof { expected, .. } => (tokens.len(), expected),
        LalrError::UnrecognizedToken { token, expected } => {
            let from = tokens.partition_point(|t| t.0 < token.0);
            let at = tokens[from..]
                .iter()
                .position(|t| *t == token)
                .map_or(from, |i| from + i);
            (at.min(tokens.len()), expected)
        }
    };
    crate::diagnose::diagnose(ctx, tokens, index, &expected, toks.error.as_ref())
}
