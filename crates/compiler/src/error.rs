//! `CompileError`: what the compiler reports when a syntactically valid tree still
//! breaks one of Python's compile-time rules.
//!
//! CPython raises these as `SyntaxError` (from its symbol-table pass and its code
//! generator) or, for trees nested too deeply, as `RecursionError`. The message is
//! CPython's text word for word; the span is the node CPython points at. Rendering
//! (file, line, caret) is the driver's job.

use std::fmt;

use mempy_ast::Span;

/// Which Python exception a compile error becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompileErrorKind {
    /// `SyntaxError` (CPython's symtable and compiler errors).
    Syntax,
    /// `RecursionError: maximum recursion depth exceeded during compilation`.
    Recursion,
}

/// A compile-time error: CPython's message and the span of the offending node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub message: String,
    pub span: Span,
    pub kind: CompileErrorKind,
}

impl CompileError {
    /// A `SyntaxError` with CPython's `message` at `span`.
    pub fn syntax(message: impl Into<String>, span: Span) -> CompileError {
        CompileError {
            message: message.into(),
            span,
            kind: CompileErrorKind::Syntax,
        }
    }

    /// The `RecursionError` CPython raises for trees nested too deeply to compile.
    pub fn recursion(span: Span) -> CompileError {
        CompileError {
            message: "maximum recursion depth exceeded during compilation".to_string(),
            span,
            kind: CompileErrorKind::Recursion,
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

/// The result type of every compiler pass.
pub type CompileResult<T> = Result<T, CompileError>;

/// How deep the passes may recurse into the tree before giving up with
/// `RecursionError`. The parser already limits bracket nesting; this bounds the
/// remaining deep shapes (long operator chains, deeply nested statements) so that the
/// native stack never overflows.
pub const MAX_RECURSION_DEPTH: u32 = 2990;
