//! Comprehensions and generator expressions: each is a function of its own.
//!
//! The code object (`<listcomp>`, `<setcomp>`, `<dictcomp>`, `<genexpr>`) takes
//! the outermost iterator as its only argument `.0`; the enclosing code builds the
//! function, evaluates the outermost iterable in its own scope, calls `GetIter`
//! and calls the function with it (CPython 3.11's `compiler_comprehension`).
//! Inside, each `for` clause is a `ForIter` loop (except the `for y in [expr]`
//! idiom, which just binds `y`), each `if` jumps back to its loop, and the
//! innermost clause appends to the result (`ListAppend`/`SetAdd`/`MapAdd` at the
//! depth of the result below the iterators) or yields.

use mempy_ast::{Comprehension, Expr, ExprKind};
use mempy_bytecode::Instruction as I;

use super::unit::UnitKind;
use super::Compiler;
use crate::error::{CompileError, CompileResult};
use crate::symtable::ComprehensionKind;

impl<'a> Compiler<'a> {
    pub(super) fn compile_comprehension(&mut self, e: &'a Expr) -> CompileResult<()> {
        let (kind, name, generators, elt, value) = match &e.kind {
            ExprKind::ListComp { elt, generators } => (
                ComprehensionKind::List,
                "<listcomp>",
                generators,
                &**elt,
                None,
            ),
            ExprKind::SetComp { elt, generators } => (
                ComprehensionKind::Set,
                "<setcomp>",
                generators,
                &**elt,
                None,
            ),
            ExprKind::GeneratorExp { elt, generators } => (
                ComprehensionKind::Generator,
                "<genexpr>",
                generators,
                &**elt,
                None,
            ),
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => (
                ComprehensionKind::Dict,
                "<dictcomp>",
                generators,
                &**key,
                Some(&**value),
            ),
            _ => return Ok(()),
        };
        let Some(outermost) = generators.first() else {
            return Err(CompileError::syntax(
                "comprehension without a for clause",
                e.span,
            ));
        };
        let scope = self
            .table
            .scope_of(e)
            .ok_or_else(|| CompileError::syntax("internal error: scope not found", e.span))?;
        let line = self.line_of(e.span);
        self.enter_unit(UnitKind::Comprehension, scope, name.to_string(), line);
        self.set_loc(e.span);
        self.unit_mut().argcount = 1;
        match kind {
            ComprehensionKind::List => self.emit(I::BuildList(0)),
            ComprehensionKind::Set => self.emit(I::BuildSet(0)),
            ComprehensionKind::Dict => self.emit(I::BuildMap(0)),
            ComprehensionKind::Generator => {}
        }
        self.compile_generator_clause(generators, 0, 0, elt, value, kind)?;
        if kind == ComprehensionKind::Generator {
            self.implicit_return();
        } else {
            self.set_loc(e.span);
            self.emit(I::ReturnValue);
        }
        let code = self.exit_unit();
        self.set_loc(e.span);
        self.make_closure(code, 0);
        self.compile_iterable(&outermost.iter)?;
        self.set_loc(e.span);
        self.emit(I::GetIter);
        self.emit(I::Call(1));
        Ok(())
    }

    /// One `for` clause of a comprehension and, recursively, the clauses after it.
    fn compile_generator_clause(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: ComprehensionKind,
    ) -> CompileResult<()> {
        let gen = &generators[index];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        let mut looping = true;
        if index == 0 {
            self.emit(I::LoadFast(0));
        } else {
            let single = match &gen.iter.kind {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. }
                    if elts.len() == 1
                        && !self.folds.is_constant(&gen.iter)
                        && self.constant_sequence(&gen.iter).is_none() =>
                {
                    elts.first()
                        .filter(|x| !matches!(x.kind, ExprKind::Starred { .. }))
                }
                _ => None,
            };
            match single {
                Some(x) => {
                    self.compile_expr(x)?;
                    looping = false;
                }
                None => {
                    self.compile_iterable(&gen.iter)?;
                    self.emit(I::GetIter);
                }
            }
        }
        if looping {
            depth += 1;
            self.bind(start);
            self.emit_jump(I::ForIter, anchor);
        }
        self.compile_store(&gen.target)?;
        for cond in &gen.ifs {
            self.compile_jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.compile_generator_clause(generators, index + 1, depth, elt, value, kind)?;
        } else {
            match kind {
                ComprehensionKind::Generator => {
                    self.compile_expr(elt)?;
                    self.emit(I::YieldValue);
                    self.emit(I::PopTop);
                }
                ComprehensionKind::List => {
                    self.compile_expr(elt)?;
                    self.emit(I::ListAppend(depth + 1));
                }
                ComprehensionKind::Set => {
                    self.compile_expr(elt)?;
                    self.emit(I::SetAdd(depth + 1));
                }
                ComprehensionKind::Dict => {
                    self.compile_expr(elt)?;
                    if let Some(v) = value {
                        self.compile_expr(v)?;
                    }
                    self.emit(I::MapAdd(depth + 1));
                }
            }
        }
        self.bind(if_cleanup);
        if looping {
            self.emit_jump(I::Jump, start);
            self.bind(anchor);
        }
        Ok(())
    }
}
