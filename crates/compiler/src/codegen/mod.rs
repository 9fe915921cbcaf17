//! Code generation: the syntax tree and its symbol table become code objects.
//!
//! [`Compiler`] keeps a stack of [`Unit`]s, one per code object being built (the
//! module at the bottom, then enclosing functions and classes). Each concern lives
//! in its own file: `statements.rs`, `expressions.rs`, `calls.rs`, `targets.rs`
//! (assignment, `del`, augmented assignment), `functions.rs` (def, lambda, class,
//! closures), `comprehensions.rs`, `exceptions.rs` (try/with/raise),
//! `fblock.rs` (unwinding for break/continue/return), `imports.rs`, and
//! `assemble.rs` (labels, dead code, stack depth). This file holds the shared
//! machinery: units, emission, locations and name resolution.
//!
//! Emission follows CPython 3.11 wherever the result is observable (constant
//! tables, display building, qualnames, positions used by tracebacks), and
//! CPython 3.10's block-stack exception handling, which is mempy's model.

mod assemble;
mod calls;
mod comprehensions;
mod exceptions;
mod expressions;
mod fblock;
mod functions;
mod imports;
mod statements;
mod targets;
mod unit;

use std::rc::Rc;

use mempy_ast::{ExprContext, LineIndex, Module, Span, Stmt, StmtKind};
use mempy_bytecode::{CodeFlags, CodeObject, Constant, Instruction as I, Location};

pub(crate) use assemble::stack_depths;
use unit::{Label, NameTable, Unit, UnitKind};

use crate::error::{CompileError, CompileResult, MAX_RECURSION_DEPTH};
use crate::fold::FoldTable;
use crate::symtable::{mangle, NameScope, ScopeKind, SymbolTable, DEF_FREE_CLASS};
use crate::Mode;

/// The code generator for one module.
pub(crate) struct Compiler<'a> {
    table: &'a SymbolTable,
    folds: FoldTable,
    lines: LineIndex,
    filename: String,
    mode: Mode,
    units: Vec<Unit<'a>>,
    /// Current recursion depth, bounded by [`MAX_RECURSION_DEPTH`].
    depth: u32,
}

/// How a name is accessed, from its scope (CPython's `OP_FAST`, `OP_GLOBAL`,
/// `OP_DEREF`, `OP_NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameOp {
    Fast,
    Global,
    Deref,
    Name,
}

impl<'a> Compiler<'a> {
    pub(crate) fn new(
        table: &'a SymbolTable,
        folds: FoldTable,
        source: &str,
        filename: &str,
        mode: Mode,
    ) -> Self {
        Compiler {
            table,
            folds,
            lines: LineIndex::new(source),
            filename: filename.to_string(),
            mode,
            units: Vec::new(),
            depth: 0,
        }
    }

    /// Compiles the whole module into its code object.
    pub(crate) fn compile_module(mut self, module: &'a Module) -> CompileResult<Rc<CodeObject>> {
        self.enter_unit(UnitKind::Module, 0, "<module>".to_string(), 1);
        if let Some(first) = module.body.first() {
            self.set_loc(first.span);
        }
        match self.mode {
            Mode::Module => self.compile_namespace_body(&module.body)?,
            Mode::Interactive => {
                if find_annotations(&module.body) {
                    self.emit(I::SetupAnnotations);
                }
                self.compile_body(&module.body)?;
            }
            Mode::Eval => {
                let [Stmt {
                    kind: StmtKind::Expr { value },
                    ..
                }] = module.body.as_slice()
                else {
                    let span = module
                        .body
                        .get(1)
                        .or(module.body.first())
                        .map_or(Span { start: 0, end: 0 }, |s| s.span);
                    return Err(CompileError::syntax("invalid syntax", span));
                };
                self.compile_expr(value)?;
                self.set_loc(value.span);
                self.emit(I::ReturnValue);
                return Ok(self.exit_unit());
            }
        }
        self.implicit_return();
        Ok(self.exit_unit())
    }

    // ----- Units -----

    fn unit(&self) -> &Unit<'a> {
        self.units
            .last()
            .expect("a unit is always open while compiling")
    }

    fn unit_mut(&mut self) -> &mut Unit<'a> {
        self.units
            .last_mut()
            .expect("a unit is always open while compiling")
    }

    /// Opens a unit for the scope at `scope` (CPython's `compiler_enter_scope` plus
    /// `compiler_set_qualname`).
    fn enter_unit(&mut self, kind: UnitKind, scope: usize, name: String, first_line: u32) {
        let symbols = self.table.scope(scope);
        let qualname = self.qualname_for(kind, &name);
        let mut unit = Unit::new(kind, scope, name.clone(), qualname, first_line);
        unit.private = match kind {
            UnitKind::Class => Some(name),
            _ => self.units.last().and_then(|u| u.private.clone()),
        };
        unit.varnames = NameTable::from_names(symbols.params.clone());
        if symbols.needs_class_closure {
            unit.cellvars.add("__class__");
        }
        for n in symbols.sorted_names(|s| s.scope == Some(NameScope::Cell)) {
            unit.cellvars.add(&n);
        }
        for n in symbols
            .sorted_names(|s| s.scope == Some(NameScope::Free) || s.flags & DEF_FREE_CLASS != 0)
        {
            unit.freevars.add(&n);
        }
        self.units.push(unit);
    }

    fn qualname_for(&self, kind: UnitKind, name: &str) -> String {
        let Some(parent) = self.units.last() else {
            return name.to_string();
        };
        if self.units.len() == 1 {
            // Directly inside the module.
            return name.to_string();
        }
        if matches!(kind, UnitKind::Function | UnitKind::Class) {
            let mangled = mangle(parent.private.as_deref(), name);
            if self.table.scope(parent.scope).scope_of(&mangled) == Some(NameScope::GlobalExplicit)
            {
                return name.to_string();
            }
        }
        match parent.kind {
            UnitKind::Function | UnitKind::Lambda => format!("{}.<locals>.{name}", parent.qualname),
            _ => format!("{}.{name}", parent.qualname),
        }
    }

    /// Closes the current unit and assembles its code object.
    fn exit_unit(&mut self) -> Rc<CodeObject> {
        let unit = self.units.pop().expect("exit_unit pairs with enter_unit");
        let scope = self.table.scope(unit.scope);
        let mut flags = CodeFlags::default();
        if scope.kind == ScopeKind::Function {
            flags |= CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS;
            if scope.nested {
                flags |= CodeFlags::NESTED;
            }
            if scope.is_generator {
                flags |= CodeFlags::GENERATOR;
            }
            if scope.has_varargs {
                flags |= CodeFlags::VARARGS;
            }
            if scope.has_varkeywords {
                flags |= CodeFlags::VARKEYWORDS;
            }
        }
        Rc::new(assemble::assemble(unit, &self.filename, flags))
    }

    // ----- Emission -----

    fn emit(&mut self, instr: I) {
        self.unit_mut().emit(instr);
    }

    fn new_label(&mut self) -> Label {
        self.unit_mut().new_label()
    }

    fn bind(&mut self, label: Label) {
        self.unit_mut().bind(label);
    }

    /// Emits a jump-family instruction towards `label` (`make` builds it from the
    /// label number, which assembly replaces with the instruction index).
    fn emit_jump(&mut self, make: fn(u32) -> I, label: Label) {
        self.emit(make(label.0));
    }

    fn load_const(&mut self, c: Constant) {
        let i = self.unit_mut().add_const(c);
        self.emit(I::LoadConst(i));
    }

    /// The index of a name in `co_names`, mangled as CPython's `ADDOP_NAME` does.
    fn name_index(&mut self, name: &str) -> u32 {
        let mangled = mangle(self.unit().private.as_deref(), name).into_owned();
        self.unit_mut().names.add(&mangled)
    }

    /// The index of a name in `co_names`, unmangled (`ADDOP_N`).
    fn raw_name_index(&mut self, name: &str) -> u32 {
        self.unit_mut().names.add(name)
    }

    /// Emits `BuildTuple(n)`, folding it into one constant when the `n` items just
    /// emitted are all `LoadConst` (CPython's `fold_tuple_on_constants`).
    fn build_tuple(&mut self, n: u32) {
        let unit = self.unit();
        let len = unit.instructions.len();
        let n_us = n as usize;
        if n_us > 0 && len >= n_us {
            let start = len - n_us;
            let label_ok = unit.no_label_from(start as u32 + 1);
            let consts: Option<Vec<Constant>> = unit.instructions[start..]
                .iter()
                .map(|i| match i {
                    I::LoadConst(c) => Some(unit.constants[*c as usize].clone()),
                    _ => None,
                })
                .collect();
            if let (true, Some(items)) = (label_ok, consts) {
                let loc = unit.locations[start];
                let unit = self.unit_mut();
                unit.instructions.truncate(start);
                unit.locations.truncate(start);
                let saved = unit.loc;
                unit.loc = loc;
                self.load_const(Constant::Tuple(items));
                self.unit_mut().loc = saved;
                return;
            }
        }
        self.emit(I::BuildTuple(n));
    }

    /// `return None` at the end of a body, unless the end is unreachable.
    fn implicit_return(&mut self) {
        if self.unit().ends_in_terminator() {
            return;
        }
        if let Some(last) = self.unit().locations.last().copied() {
            self.unit_mut().loc = last;
        }
        self.load_const(Constant::None);
        self.emit(I::ReturnValue);
    }

    // ----- Locations -----

    fn location(&self, span: Span) -> Location {
        let start = self.lines.line_col(span.start);
        let end = self.lines.line_col(span.end.max(span.start));
        Location {
            line: start.line,
            end_line: end.line,
            col: start.col,
            end_col: end.col,
        }
    }

    fn line_of(&self, span: Span) -> u32 {
        self.lines.line_col(span.start).line
    }

    fn set_loc(&mut self, span: Span) {
        let loc = self.location(span);
        self.unit_mut().loc = loc;
    }

    /// Counts one level of recursion; fails past the limit.
    fn enter_depth(&mut self, span: Span) -> CompileResult<()> {
        self.depth += 1;
        if self.depth > MAX_RECURSION_DEPTH {
            return Err(CompileError::recursion(span));
        }
        Ok(())
    }

    fn leave_depth(&mut self) {
        self.depth -= 1;
    }

    // ----- Names -----

    fn name_op(&self, mangled: &str) -> NameOp {
        let unit = self.unit();
        let scope = self.table.scope(unit.scope);
        let is_function = scope.kind == ScopeKind::Function;
        match scope.scope_of(mangled) {
            Some(NameScope::Free) | Some(NameScope::Cell) => NameOp::Deref,
            Some(NameScope::Local) if is_function => NameOp::Fast,
            Some(NameScope::GlobalImplicit) if is_function => NameOp::Global,
            Some(NameScope::GlobalExplicit) => NameOp::Global,
            _ => NameOp::Name,
        }
    }

    /// The deref slot of `name`: its index in `cellvars ++ freevars`.
    fn deref_index(&mut self, name: &str) -> u32 {
        let unit = self.unit_mut();
        if let Some(i) = unit.cellvars.get(name) {
            return i;
        }
        let cells = unit.cellvars.names.len() as u32;
        cells + unit.freevars.add(name)
    }

    /// Loads, stores or deletes `name` (CPython's `compiler_nameop`).
    fn name_access(&mut self, name: &str, ctx: ExprContext, span: Span) -> CompileResult<()> {
        if name == "__debug__" {
            match ctx {
                ExprContext::Load => {
                    self.load_const(Constant::Bool(true));
                    return Ok(());
                }
                ExprContext::Store => {
                    return Err(CompileError::syntax("cannot assign to __debug__", span))
                }
                ExprContext::Del => {
                    return Err(CompileError::syntax("cannot delete __debug__", span))
                }
            }
        }
        let mangled = mangle(self.unit().private.as_deref(), name).into_owned();
        let op = self.name_op(&mangled);
        let is_class = self.unit().kind == UnitKind::Class;
        let instr = match op {
            NameOp::Fast => {
                let i = self.unit_mut().varnames.add(&mangled);
                match ctx {
                    ExprContext::Load => I::LoadFast(i),
                    ExprContext::Store => I::StoreFast(i),
                    ExprContext::Del => I::DeleteFast(i),
                }
            }
            NameOp::Deref => {
                let i = self.deref_index(&mangled);
                match ctx {
                    ExprContext::Load if is_class => I::LoadClassDeref(i),
                    ExprContext::Load => I::LoadDeref(i),
                    ExprContext::Store => I::StoreDeref(i),
                    ExprContext::Del => I::DeleteDeref(i),
                }
            }
            NameOp::Global => {
                let i = self.unit_mut().names.add(&mangled);
                match ctx {
                    ExprContext::Load => I::LoadGlobal(i),
                    ExprContext::Store => I::StoreGlobal(i),
                    ExprContext::Del => I::DeleteGlobal(i),
                }
            }
            NameOp::Name => {
                let i = self.unit_mut().names.add(&mangled);
                match ctx {
                    ExprContext::Load => I::LoadName(i),
                    ExprContext::Store => I::StoreName(i),
                    ExprContext::Del => I::DeleteName(i),
                }
            }
        };
        self.emit(instr);
        Ok(())
    }

    fn load_name(&mut self, name: &str) -> CompileResult<()> {
        self.name_access(name, ExprContext::Load, Span::default())
    }

    fn store_name(&mut self, name: &str) -> CompileResult<()> {
        self.name_access(name, ExprContext::Store, Span::default())
    }

    fn delete_name(&mut self, name: &str) -> CompileResult<()> {
        self.name_access(name, ExprContext::Del, Span::default())
    }

    /// The docstring of a body: its first statement, when that is a string constant.
    fn docstring_of(&self, body: &[Stmt]) -> Option<String> {
        let StmtKind::Expr { value } = &body.first()?.kind else {
            return None;
        };
        match self.folds.constant(value) {
            Some(Constant::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// A module or class body (CPython's `compiler_body`): `SetupAnnotations` when
    /// the body annotates names, the docstring stored as `__doc__`, then the rest.
    fn compile_namespace_body(&mut self, body: &'a [Stmt]) -> CompileResult<()> {
        if find_annotations(body) {
            self.emit(I::SetupAnnotations);
        }
        let mut rest = body;
        if let Some(doc) = self.docstring_of(body) {
            let first = &body[0];
            self.set_loc(first.span);
            self.load_const(Constant::Str(doc.clone()));
            self.store_name("__doc__")?;
            self.unit_mut().docstring = Some(doc);
            rest = &body[1..];
        }
        self.compile_body(rest)
    }
}

/// True when `body` (not counting nested functions and classes) contains an
/// annotated assignment (CPython's `find_ann`).
fn find_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match &stmt.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => find_annotations(body) || find_annotations(orelse),
        StmtKind::With { body, .. } => find_annotations(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            find_annotations(body)
                || handlers.iter().any(|h| find_annotations(&h.body))
                || find_annotations(orelse)
                || find_annotations(finalbody)
        }
        _ => false,
    })
}
