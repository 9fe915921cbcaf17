//! The raw token set, recognised by logos.
//!
//! This file owns only the shape of single tokens: keywords, operators, names,
//! numbers and whole string literals (prefix and quotes included). It knows nothing
//! about lines or indentation; `indent.rs` turns the raw stream into the logical
//! stream the grammar reads (adding `Newline`, `Indent` and `Dedent`, dropping
//! whitespace and comments). String bodies are decoded later, in `crate::strings`.

use logos::Logos;

/// Why logos could not produce a token at some offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawError {
    /// A character that starts no token (reported by the caller with its code point).
    #[default]
    BadChar,
    /// A single-quoted string that reaches the end of its line.
    UnterminatedString,
    /// A triple-quoted string that reaches the end of the file.
    UnterminatedTripleString,
}

/// One token. The variants without a logos attribute are made by the indentation
/// pass; `Whitespace`, `Comment` and `Continuation` never leave it.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[logos(error = RawError)]
pub enum Token {
    // Layout.
    #[regex(r"\r\n|\r|\n")]
    Newline,
    Indent,
    Dedent,
    /// Brackets of a `with (...)` header, told apart by the indentation pass so the
    /// grammar can read parenthesised with-items without conflicts.
    WithLParen,
    WithRParen,
    #[regex(r"[ \t\x0c]+")]
    Whitespace,
    #[regex(r"#[^\r\n]*", allow_greedy = true)]
    Comment,
    #[regex(r"\\(\r\n|\r|\n)")]
    Continuation,
    #[token("\\")]
    Backslash,

    // Names and literals.
    #[regex(r"[a-zA-Z_\u{80}-\u{10FFFF}][a-zA-Z0-9_\u{80}-\u{10FFFF}]*")]
    Name,
    #[regex(r"[1-9](_?[0-9])*|0(_?0)*")]
    #[regex(r"0[xX](_?[0-9a-fA-F])+")]
    #[regex(r"0[oO](_?[0-7])+")]
    #[regex(r"0[bB](_?[01])+")]
    Int,
    #[regex(r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?")]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?")]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*")]
    Float,
    #[regex(r"([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?[jJ]")]
    Imag,
    #[regex(r#"([rRuUfFbB]|[rR][fFbB]|[fFbB][rR])?['"]"#, scan_string)]
    String,

    // Keywords.
    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    // Brackets.
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,

    // Operators and delimiters.
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("|")]
    VBar,
    #[token("&")]
    Amper,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("=")]
    Equal,
    #[token(".")]
    Dot,
    #[token("%")]
    Percent,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("~")]
    Tilde,
    #[token("^")]
    Circumflex,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("**")]
    DoubleStar,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VBarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("//")]
    DoubleSlash,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("@")]
    At,
    #[token("@=")]
    AtEqual,
    #[token("->")]
    RArrow,
    #[token("...")]
    Ellipsis,
    #[token(":=")]
    ColonEqual,
    #[token("!")]
    Exclamation,
}

impl Token {
    /// Whether this token opens a bracket pair.
    pub fn is_open_bracket(self) -> bool {
        matches!(
            self,
            Token::LParen | Token::LSqb | Token::LBrace | Token::WithLParen
        )
    }

    /// Whether this token closes a bracket pair.
    pub fn is_close_bracket(self) -> bool {
        matches!(
            self,
            Token::RParen | Token::RSqb | Token::RBrace | Token::WithRParen
        )
    }

    /// Whether this token is a reserved keyword (so it cannot be a name).
    pub fn is_keyword(self) -> bool {
        use Token::*;
        matches!(
            self,
            False
                | None
                | True
                | And
                | As
                | Assert
                | Async
                | Await
                | Break
                | Class
                | Continue
                | Def
                | Del
                | Elif
                | Else
                | Except
                | Finally
                | For
                | From
                | Global
                | If
                | Import
                | In
                | Is
                | Lambda
                | Nonlocal
                | Not
                | Or
                | Pass
                | Raise
                | Return
                | Try
                | While
                | With
                | Yield
        )
    }
}

/// Logos callback for a string opener (prefix and first quote): consumes the rest of
/// the literal, honouring triple quotes and backslash escapes, without decoding it.
fn scan_string(lex: &mut logos::Lexer<'_, Token>) -> Result<(), RawError> {
    let opener = lex.slice();
    let quote = opener.as_bytes()[opener.len() - 1];
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    let mut i = if triple { 2 } else { 0 };
    loop {
        match rest.get(i) {
            None => {
                lex.bump(rest.len());
                return Err(if triple {
                    RawError::UnterminatedTripleString
                } else {
                    RawError::UnterminatedString
                });
            }
            Some(b'\\') => {
                // A backslash always takes the next character with it, even in raw
                // strings (where it is kept), so an escaped quote never closes.
                match rest.get(i + 1) {
                    Some(b'\r') if rest.get(i + 2) == Some(&b'\n') => i += 3,
                    Some(_) => i += 2,
                    None => i += 1,
                }
            }
            Some(&c) if (c == b'\n' || c == b'\r') && !triple => {
                lex.bump(i);
                return Err(RawError::UnterminatedString);
            }
            Some(&c) if c == quote => {
                if !triple {
                    lex.bump(i + 1);
                    return Ok(());
                }
                if rest.get(i + 1) == Some(&quote) && rest.get(i + 2) == Some(&quote) {
                    lex.bump(i + 3);
                    return Ok(());
                }
                i += 1;
            }
            Some(_) => i += 1,
        }
    }
}
