//! Symbol tables: which scope every name belongs to.
//!
//! This is CPython's `Python/symtable.c` in two passes. The first pass
//! ([`builder`]) walks the tree once, opens a [`Scope`] for the module, every class,
//! function, lambda and comprehension (each comprehension and generator expression
//! is a function scope of its own, as in 3.11), and records for every name the
//! `DEF_*`/`USE` flags of how it is used there. The second pass ([`analyze`]) walks
//! the scope tree and decides each name's [`NameScope`]: local, global (explicit
//! or implicit), free or cell, with the class-body rules (class bindings are not
//! visible to methods; `__class__` becomes a cell of the class when a method uses
//! `super` or `__class__`).
//!
//! The code generator looks a scope up by the address of the AST node that opens it
//! ([`SymbolTable::scope_of`]); the tree is borrowed for the whole compilation, so the
//! addresses are stable. Errors carry CPython's messages. Read `codegen` next.

mod analyze;
mod builder;
mod mangle;

use std::collections::HashMap;

use mempy_ast::{Module, Span};

pub use mangle::mangle;

use crate::error::CompileResult;

/// The name was assigned to (or deleted, or bound by `for`, `with`, `except`, `def`).
pub const DEF_LOCAL: u32 = 1 << 1;
/// The name was declared `global`.
pub const DEF_GLOBAL: u32 = 1 << 0;
/// The name is a parameter.
pub const DEF_PARAM: u32 = 1 << 2;
/// The name was declared `nonlocal`.
pub const DEF_NONLOCAL: u32 = 1 << 3;
/// The name was read.
pub const USE: u32 = 1 << 4;
/// A method uses the name freely while the class body also binds it.
pub const DEF_FREE_CLASS: u32 = 1 << 6;
/// The name was bound by an import.
pub const DEF_IMPORT: u32 = 1 << 7;
/// The name has an annotation (`x: int`).
pub const DEF_ANNOT: u32 = 1 << 8;
/// The name is a comprehension iteration variable.
pub const DEF_COMP_ITER: u32 = 1 << 9;
/// Any binding in this scope.
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// The kind of block a scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    /// Functions, lambdas and comprehensions (CPython's `FunctionBlock`).
    Function,
}

/// Which comprehension a function scope implements, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
    Generator,
}

/// Where a name lives, as decided by the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameScope {
    /// A local of this scope (fast slot in functions, namespace entry elsewhere).
    Local,
    /// Declared `global` here (or by a directive the analysis propagated).
    GlobalExplicit,
    /// Not bound in any enclosing function: globals, then builtins.
    GlobalImplicit,
    /// Bound in an enclosing function and reached through a cell.
    Free,
    /// A local of this function that inner scopes capture.
    Cell,
}

/// One name in one scope: its flags and, after analysis, its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbol {
    pub flags: u32,
    pub scope: Option<NameScope>,
}

/// One block of code: module, class body, function, lambda or comprehension.
#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    /// `top`, the class or function name, `lambda`, `listcomp`, ...
    pub name: String,
    /// The symbols in first-seen order (the order of `symbols` is irrelevant to the
    /// analysis, but a stable order keeps the output deterministic).
    pub order: Vec<String>,
    pub symbols: HashMap<String, Symbol>,
    /// Parameters in `co_varnames` order.
    pub params: Vec<String>,
    /// Child scopes (indices into [`SymbolTable::scopes`]) in source order.
    pub children: Vec<usize>,
    pub comprehension: Option<ComprehensionKind>,
    pub is_generator: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// Nested inside a function (CPython's `ste_nested`).
    pub nested: bool,
    /// This scope has free variables.
    pub has_free: bool,
    /// Some child scope has free variables.
    pub child_free: bool,
    /// A class whose methods use `super` or `__class__`.
    pub needs_class_closure: bool,
    /// The `global`/`nonlocal` statement (or walrus) that declared each name.
    pub directives: HashMap<String, Span>,
    pub span: Span,
    /// Private-name mangling: the innermost enclosing class name.
    pub private: Option<String>,
    // Builder state.
    pub(crate) comp_iter_target: bool,
    pub(crate) comp_iter_expr: u32,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, span: Span, private: Option<String>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            order: Vec::new(),
            symbols: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            comprehension: None,
            is_generator: false,
            has_varargs: false,
            has_varkeywords: false,
            nested: false,
            has_free: false,
            child_free: false,
            needs_class_closure: false,
            directives: HashMap::new(),
            span,
            private,
            comp_iter_target: false,
            comp_iter_expr: 0,
        }
    }

    /// The flags of `name` (already mangled), 0 when unknown.
    pub fn flags(&self, name: &str) -> u32 {
        self.symbols.get(name).map_or(0, |s| s.flags)
    }

    /// The analysed scope of `name` (already mangled), `None` when the name does not
    /// occur in this block (CPython's scope 0: use the `*Name` instructions).
    pub fn scope_of(&self, name: &str) -> Option<NameScope> {
        self.symbols.get(name).and_then(|s| s.scope)
    }

    /// Names with the given scope, sorted (CPython sorts `co_cellvars` and
    /// `co_freevars`).
    pub fn sorted_names(&self, pred: impl Fn(&Symbol) -> bool) -> Vec<String> {
        let mut names: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, s)| pred(s))
            .map(|(n, _)| n.clone())
            .collect();
        names.sort();
        names
    }

    /// True for functions, lambdas and comprehensions.
    pub fn is_function(&self) -> bool {
        self.kind == ScopeKind::Function
    }
}

/// All scopes of one module; scope 0 is the module.
#[derive(Debug, Clone)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

impl SymbolTable {
    /// Builds and analyses the symbol table of `module`.
    pub fn build(module: &Module) -> CompileResult<SymbolTable> {
        let mut table = builder::build(module)?;
        analyze::analyze(&mut table)?;
        Ok(table)
    }

    /// The scope opened by the node at `node` (a `FunctionDef`, `ClassDef`, `Lambda`
    /// or comprehension, identified by address).
    pub fn scope_of<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&node_key(node)).copied()
    }

    pub fn scope(&self, index: usize) -> &Scope {
        &self.scopes[index]
    }
}

/// The identity of an AST node: its address in the borrowed tree.
pub(crate) fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}
