//! Statements: dispatch, `if`, `while`, `for`, `return`, `break`, `continue`,
//! `assert` and expression statements.
//!
//! Loops are laid out as CPython 3.11 does: `while` tests at the top and again at
//! the bottom (jumping back into the body), `for` runs `GetIter` once and loops on
//! `ForIter`. Exception-related statements are in `exceptions.rs`, assignments in
//! `targets.rs`, definitions in `functions.rs`, imports in `imports.rs`.

use mempy_ast::{Expr, ExprKind, Stmt, StmtKind};
use mempy_bytecode::{Constant, Instruction as I};

use super::fblock::FBlock;
use super::Compiler;
use crate::error::{CompileError, CompileResult};
use crate::fold::truthy;
use crate::symtable::ScopeKind;
use crate::Mode;

impl<'a> Compiler<'a> {
    pub(super) fn compile_body(&mut self, body: &'a [Stmt]) -> CompileResult<()> {
        body.iter().try_for_each(|s| self.compile_stmt(s))
    }

    fn compile_stmt(&mut self, stmt: &'a Stmt) -> CompileResult<()> {
        self.enter_depth(stmt.span)?;
        self.set_loc(stmt.span);
        match &stmt.kind {
            StmtKind::FunctionDef(def) => self.compile_function_def(stmt, def)?,
            StmtKind::ClassDef(def) => self.compile_class_def(stmt, def)?,
            StmtKind::Return { value } => self.compile_return(stmt, value.as_deref())?,
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.compile_delete(t)?;
                }
            }
            StmtKind::Assign { targets, value } => self.compile_assign(targets, value)?,
            StmtKind::AugAssign { target, op, value } => {
                self.compile_aug_assign(stmt, target, *op, value)?
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.compile_ann_assign(stmt, target, annotation, value.as_deref(), *simple)?,
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.compile_for(stmt, target, iter, body, orelse)?,
            StmtKind::While { test, body, orelse } => {
                self.compile_while(stmt, test, body, orelse)?
            }
            StmtKind::If { test, body, orelse } => self.compile_if(test, body, orelse)?,
            StmtKind::With { items, body } => self.compile_with(stmt, items, body)?,
            StmtKind::Raise { exc, cause } => {
                self.compile_raise(exc.as_deref(), cause.as_deref())?
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.compile_try(stmt, body, handlers, orelse, finalbody)?,
            StmtKind::Assert { test, msg } => self.compile_assert(test, msg.as_deref())?,
            StmtKind::Import { names } => self.compile_import(names)?,
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.compile_import_from(stmt, module.as_deref(), names, *level)?,
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } | StmtKind::Pass => {}
            StmtKind::Expr { value } => self.compile_expr_stmt(value)?,
            StmtKind::Break => self.compile_break(stmt)?,
            StmtKind::Continue => self.compile_continue(stmt)?,
        }
        self.leave_depth();
        Ok(())
    }

    fn compile_expr_stmt(&mut self, value: &'a Expr) -> CompileResult<()> {
        if self.mode == Mode::Interactive && self.units.len() == 1 {
            self.compile_expr(value)?;
            self.emit(I::PrintExpr);
            return Ok(());
        }
        if self.folds.is_constant(value) {
            return Ok(());
        }
        self.compile_expr(value)?;
        self.set_loc(value.span);
        self.emit(I::PopTop);
        Ok(())
    }

    fn compile_if(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CompileResult<()> {
        let end = self.new_label();
        let next = if orelse.is_empty() {
            end
        } else {
            self.new_label()
        };
        self.compile_jump_if(test, next, false)?;
        self.compile_body(body)?;
        if !orelse.is_empty() {
            self.emit_jump(I::Jump, end);
            self.bind(next);
            self.compile_body(orelse)?;
        }
        self.bind(end);
        Ok(())
    }

    fn compile_while(
        &mut self,
        stmt: &'a Stmt,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CompileResult<()> {
        let start = self.new_label();
        let body_label = self.new_label();
        let anchor = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.push_fblock(FBlock::WhileLoop { start, exit }, stmt.span)?;
        self.compile_jump_if(test, anchor, false)?;
        self.bind(body_label);
        self.compile_body(body)?;
        self.set_loc(stmt.span);
        self.compile_jump_if(test, body_label, true)?;
        self.pop_fblock();
        self.bind(anchor);
        self.compile_body(orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn compile_for(
        &mut self,
        stmt: &'a Stmt,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CompileResult<()> {
        let start = self.new_label();
        let cleanup = self.new_label();
        let exit = self.new_label();
        self.push_fblock(FBlock::ForLoop { start, exit }, stmt.span)?;
        self.compile_iterable(iter)?;
        self.set_loc(stmt.span);
        self.emit(I::GetIter);
        self.bind(start);
        self.emit_jump(I::ForIter, cleanup);
        self.compile_store(target)?;
        self.compile_body(body)?;
        self.emit_jump(I::Jump, start);
        self.bind(cleanup);
        self.pop_fblock();
        self.compile_body(orelse)?;
        self.bind(exit);
        Ok(())
    }

    /// An iterable of `for` or of a comprehension: a list or set display of
    /// constants becomes a constant tuple or frozenset (CPython's `fold_iter`).
    pub(super) fn compile_iterable(&mut self, iter: &'a Expr) -> CompileResult<()> {
        if let Some(c) = self.constant_sequence(iter) {
            let saved = self.unit().loc;
            self.set_loc(iter.span);
            self.load_const(c);
            self.unit_mut().loc = saved;
            return Ok(());
        }
        self.compile_expr(iter)
    }

    /// The constant a list/set display of constants folds to in an iteration or
    /// membership context.
    pub(super) fn constant_sequence(&self, e: &Expr) -> Option<Constant> {
        let (elts, set) = match &e.kind {
            ExprKind::List { elts, .. } => (elts, false),
            ExprKind::Set { elts } => (elts, true),
            _ => return None,
        };
        let items: Option<Vec<Constant>> = elts
            .iter()
            .map(|x| {
                if matches!(x.kind, ExprKind::Starred { .. }) {
                    None
                } else {
                    self.folds.constant(x)
                }
            })
            .collect();
        let items = items?;
        Some(if set {
            Constant::FrozenSet(items)
        } else {
            Constant::Tuple(items)
        })
    }

    fn compile_return(&mut self, stmt: &'a Stmt, value: Option<&'a Expr>) -> CompileResult<()> {
        let scope = self.table.scope(self.unit().scope);
        if scope.kind != ScopeKind::Function {
            return Err(CompileError::syntax("'return' outside function", stmt.span));
        }
        let constant = value.and_then(|v| self.folds.constant(v));
        let preserve_tos = value.is_some() && constant.is_none();
        if let (Some(v), true) = (value, preserve_tos) {
            self.compile_expr(v)?;
        }
        self.set_loc(stmt.span);
        self.unwind_fblock_stack(preserve_tos, false)?;
        if !preserve_tos {
            if let Some(v) = value {
                self.set_loc(v.span);
            }
            self.load_const(constant.unwrap_or(Constant::None));
        }
        self.set_loc(stmt.span);
        self.emit(I::ReturnValue);
        Ok(())
    }

    fn compile_break(&mut self, stmt: &'a Stmt) -> CompileResult<()> {
        let found = self.unwind_fblock_stack(false, true)?;
        let Some(block) = found else {
            return Err(CompileError::syntax("'break' outside loop", stmt.span));
        };
        self.unwind_fblock(block, false)?;
        match block {
            FBlock::WhileLoop { exit, .. } | FBlock::ForLoop { exit, .. } => {
                self.emit_jump(I::Jump, exit)
            }
            _ => {}
        }
        Ok(())
    }

    fn compile_continue(&mut self, stmt: &'a Stmt) -> CompileResult<()> {
        let found = self.unwind_fblock_stack(false, true)?;
        match found {
            Some(FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. }) => {
                self.emit_jump(I::Jump, start);
                Ok(())
            }
            _ => Err(CompileError::syntax(
                "'continue' not properly in loop",
                stmt.span,
            )),
        }
    }

    fn compile_assert(&mut self, test: &'a Expr, msg: Option<&'a Expr>) -> CompileResult<()> {
        let end = self.new_label();
        if let Some(c) = self.folds.constant(test) {
            if truthy(&c) {
                return Ok(());
            }
        }
        // The raise keeps the location `compile_jump_if` leaves: the statement's, or
        // that of the last comparison in the test, as CPython 3.11 (so a traceback
        // marks `x > 0` in `assert x > 0, msg`).
        self.compile_jump_if(test, end, true)?;
        self.emit(I::LoadAssertionError);
        if let Some(m) = msg {
            self.compile_expr(m)?;
            self.emit(I::Call(1));
        }
        self.emit(I::RaiseVarargs(1));
        self.bind(end);
        Ok(())
    }
}
