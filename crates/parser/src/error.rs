//! `ParseError`: the single error type of the crate, a kind plus a byte span.
//!
//! Messages are CPython 3.11's, word for word, because the driver prints them as
//! CPython prints a SyntaxError. The span is where CPython puts its caret: `start`
//! is the first caret, and an empty span (`start == end`) means a single caret at
//! `start`. Nothing here decides *which* error is reported; that is
//! `crate::grammar` (parser errors) and `crate::lexer` (tokenizer errors).

use mempy_ast::Span;

/// What went wrong, grouped by the Python exception class that reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// A `SyntaxError` with this message.
    Syntax(String),
    /// An `IndentationError` with this message.
    Indentation(String),
    /// A `TabError`: "inconsistent use of tabs and spaces in indentation".
    Tab,
    /// The source nests too deeply to be compiled safely. CPython reports
    /// `RecursionError: maximum recursion depth exceeded during compilation`.
    TooDeep,
}

/// A parse failure: its kind, where it is, and whether more input could fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// Byte offsets into the source; see the module doc for the caret convention.
    pub span: Span,
    pub(crate) incomplete: bool,
    /// The error is at end of input (a block header with no body): `span` is the end
    /// of the last line, where CPython's string tokenizer puts the caret; its file
    /// tokenizer (a script run from a file) reports offset 0, so no caret.
    pub(crate) at_eof: bool,
}

impl ParseError {
    pub(crate) fn new(kind: ParseErrorKind, start: usize, end: usize) -> ParseError {
        ParseError {
            kind,
            span: Span::new(start, end),
            incomplete: false,
            at_eof: false,
        }
    }

    /// A `SyntaxError` with `msg` over `start..end`.
    pub(crate) fn syntax(msg: impl Into<String>, start: usize, end: usize) -> ParseError {
        ParseError::new(ParseErrorKind::Syntax(msg.into()), start, end)
    }

    /// A `SyntaxError` with `msg` over `span`.
    pub(crate) fn at(msg: impl Into<String>, span: Span) -> ParseError {
        ParseError {
            kind: ParseErrorKind::Syntax(msg.into()),
            span,
            incomplete: false,
            at_eof: false,
        }
    }

    /// True for an error at end of input, which CPython reports without a caret when
    /// the script is read from a file.
    pub fn at_end_of_input(&self) -> bool {
        self.at_eof
    }

    /// The message as CPython prints it after `SyntaxError: `.
    pub fn message(&self) -> String {
        match &self.kind {
            ParseErrorKind::Syntax(m) | ParseErrorKind::Indentation(m) => m.clone(),
            ParseErrorKind::Tab => "inconsistent use of tabs and spaces in indentation".to_string(),
            ParseErrorKind::TooDeep => {
                "maximum recursion depth exceeded during compilation".to_string()
            }
        }
    }

    /// The Python exception class CPython raises for this error.
    pub fn class_name(&self) -> &'static str {
        match self.kind {
            ParseErrorKind::Syntax(_) => "SyntaxError",
            ParseErrorKind::Indentation(_) => "IndentationError",
            ParseErrorKind::Tab => "TabError",
            ParseErrorKind::TooDeep => "RecursionError",
        }
    }

    /// True when more lines could complete the input: an unclosed bracket or
    /// triple-quoted string at end of file, a trailing backslash, or a block header
    /// with no body yet. The REPL uses it to ask for a continuation line.
    pub fn is_incomplete_input(&self) -> bool {
        self.incomplete
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.class_name(), self.message())
    }
}

impl std::error::Error for ParseError {}
