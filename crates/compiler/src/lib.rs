//! `mempy-compiler`: Python syntax trees to bytecode code objects.
//!
//! [`compile`] runs three passes over a parsed module:
//! 1. `symtable`: scopes and the classification of every name (local, global,
//!    free, cell), with CPython's compile-time `SyntaxError`s;
//! 2. `fold`: CPython's constant folding (tuples of constants, arithmetic on
//!    literals within CPython's size limits);
//! 3. `codegen`: one `CodeObject` per module, class body, function, lambda and
//!    comprehension, with CPython 3.11's observable choices (constant tables,
//!    display building, qualnames, source positions) and the block-stack exception
//!    model of `mempy-bytecode`.
//!
//! The compiler emits compile-time constants only and knows nothing about runtime
//! objects. It never panics on a tree the parser can produce and never recurses
//! deeper than [`error::MAX_RECURSION_DEPTH`] levels (CPython raises
//! `RecursionError` there too). Start reading at `codegen/mod.rs`.

mod codegen;
mod error;
mod fold;
pub mod symtable;

use std::rc::Rc;

use mempy_ast::Module;
use mempy_bytecode::CodeObject;

pub use error::{CompileError, CompileErrorKind, CompileResult, MAX_RECURSION_DEPTH};

/// What kind of source is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A file or `-c` string.
    Module,
    /// One REPL input: expression statements at top level print their value
    /// (`PrintExpr`).
    Interactive,
    /// `eval()`'s input: the module must be one expression statement, whose value
    /// the code returns.
    Eval,
}

/// Compiles `module` (parsed from `source`, used for positions) into the code
/// object of its top level. `filename` is recorded in every code object.
pub fn compile(
    module: &Module,
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<Rc<CodeObject>, CompileError> {
    let table = symtable::SymbolTable::build(module)?;
    let mut folds = fold::FoldTable::default();
    folds.fold_body(&module.body);
    codegen::Compiler::new(&table, folds, source, filename, mode).compile_module(module)
}

/// The maximum stack depth of `code` recomputed from its instructions, and whether
/// every instruction is reached with a single stack depth (a property every code
/// object the compiler produces has; tests check it).
pub fn check_stack_depth(code: &CodeObject) -> (u32, bool) {
    let (_, max, consistent) = codegen::stack_depths(&code.instructions);
    (max, consistent)
}
