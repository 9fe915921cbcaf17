//! The lexer: raw tokens (`token.rs`) and the indentation pass (`indent.rs`) that
//! makes the logical stream for the grammar.
//!
//! This module also defines [`LexError`], a lexical error together with the rule
//! deciding whether it beats a parser error found earlier in the file: CPython's
//! tokenizer keeps running after a generic syntax error, and some of its errors
//! (unterminated strings, bad characters, bad number literals, unmatched brackets)
//! replace the parser's message.

mod indent;
pub mod token;

pub use indent::{line_of, tokenize, Spanned, Tokens};
pub use token::Token;

use crate::error::ParseError;

/// A lexical error and its precedence over a parser error found before it.
#[derive(Debug, Clone)]
pub struct LexError {
    pub error: ParseError,
    pub precedence: Precedence,
}

/// When a lexical error replaces a parser error that occurred earlier in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precedence {
    /// Errors CPython's tokenizer raises as exceptions: they always win.
    Always,
    /// Errors CPython's tokenizer only signals (TabError, dedent mismatch, line
    /// continuation): the parser's earlier error wins.
    Never,
    /// An unclosed bracket at end of file (opened at this offset) wins when the
    /// parser error sits on a later line than the bracket.
    IfLaterThan(usize),
}

impl LexError {
    /// Marks the error as one more input could fix (for the REPL).
    pub fn incomplete(mut self) -> LexError {
        self.error.incomplete = true;
        self
    }
}

#[cfg(test)]
mod tests;
