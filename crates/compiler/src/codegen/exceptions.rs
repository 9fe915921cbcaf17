//! `try`/`except`/`else`/`finally`, `with` and `raise`.
//!
//! The layout is CPython 3.10's, on mempy's block stack (see the exception model
//! in `mempy_bytecode::Instruction`): a handler entered through `SetupFinally`
//! starts with `[.., prev, exc]` and an except-handler block, `PopExcept` restores
//! `prev` on the normal way out, `Reraise` propagates and lets the unwinder
//! restore it.
//!
//! ```text
//! try/except:                      try/finally:             with:
//!   SetupFinally(H)                  SetupFinally(F)          <mgr>; BeforeWith
//!   <body>; PopBlock                 <body>; PopBlock         SetupWith(H)
//!   <else>; Jump(END)                <final>; Jump(END)       <store or PopTop>
//! H: <type>; CheckExcMatch         F: <final>; Reraise        <body>; PopBlock
//!   PopJumpIfFalse(NEXT)           END:                       None×3; Call(3); PopTop
//!   <store e or PopTop>                                       Jump(END)
//!   <handler body>; PopExcept                               H: WithExceptStart
//!   Jump(END)                                                 PopJumpIfTrue(S); Reraise
//! NEXT: ...; Reraise                                        S: PopTop; PopExcept; PopTop
//! END:                                                      END:
//! ```
//! `except E as e` runs its body inside an inner try/finally that sets `e = None`
//! and deletes it, on both paths.

use mempy_ast::{ExceptHandler, Expr, Stmt, WithItem};
use mempy_bytecode::{Constant, Instruction as I};

use super::fblock::FBlock;
use super::Compiler;
use crate::error::{CompileError, CompileResult};

impl<'a> Compiler<'a> {
    pub(super) fn compile_raise(
        &mut self,
        exc: Option<&'a Expr>,
        cause: Option<&'a Expr>,
    ) -> CompileResult<()> {
        let mut n = 0;
        if let Some(e) = exc {
            self.compile_expr(e)?;
            n += 1;
            if let Some(c) = cause {
                self.compile_expr(c)?;
                n += 1;
            }
        }
        self.emit(I::RaiseVarargs(n));
        Ok(())
    }

    pub(super) fn compile_try(
        &mut self,
        stmt: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> CompileResult<()> {
        if finalbody.is_empty() {
            return self.compile_try_except(stmt, body, handlers, orelse);
        }
        let end = self.new_label();
        let exit = self.new_label();
        self.emit_jump(I::SetupFinally, end);
        self.push_fblock(FBlock::FinallyTry { body: finalbody }, stmt.span)?;
        if handlers.is_empty() {
            self.compile_body(body)?;
        } else {
            self.compile_try_except(stmt, body, handlers, orelse)?;
        }
        self.pop_fblock();
        self.emit(I::PopBlock);
        self.compile_body(finalbody)?;
        self.emit_jump(I::Jump, exit);
        // The exceptional path: [prev, exc].
        self.bind(end);
        self.push_fblock(FBlock::FinallyEnd, stmt.span)?;
        self.compile_body(finalbody)?;
        self.pop_fblock();
        self.emit(I::Reraise);
        self.bind(exit);
        Ok(())
    }

    fn compile_try_except(
        &mut self,
        stmt: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CompileResult<()> {
        let except = self.new_label();
        let end = self.new_label();
        self.set_loc(stmt.span);
        self.emit_jump(I::SetupFinally, except);
        self.push_fblock(FBlock::TryExcept, stmt.span)?;
        self.compile_body(body)?;
        self.pop_fblock();
        self.emit(I::PopBlock);
        self.compile_body(orelse)?;
        self.emit_jump(I::Jump, end);
        // Handlers start with [prev, exc].
        self.bind(except);
        self.push_fblock(FBlock::ExceptionHandler, stmt.span)?;
        for (i, handler) in handlers.iter().enumerate() {
            self.set_loc(handler.span);
            if handler.type_.is_none() && i + 1 < handlers.len() {
                return Err(CompileError::syntax(
                    "default 'except:' must be last",
                    handler.span,
                ));
            }
            let next = self.new_label();
            if let Some(t) = &handler.type_ {
                self.compile_expr(t)?;
                self.emit(I::CheckExcMatch);
                self.emit_jump(I::PopJumpIfFalse, next);
            }
            match &handler.name {
                Some(name) => {
                    self.store_name(name)?;
                    let cleanup_end = self.new_label();
                    self.emit_jump(I::SetupFinally, cleanup_end);
                    self.push_fblock(FBlock::HandlerCleanup { name: Some(name) }, handler.span)?;
                    self.compile_body(&handler.body)?;
                    self.pop_fblock();
                    self.set_loc(handler.span);
                    self.emit(I::PopBlock);
                    self.emit(I::PopExcept);
                    self.clear_handler_name(name)?;
                    self.emit_jump(I::Jump, end);
                    // The handler body raised: [prev, exc, new exc].
                    self.bind(cleanup_end);
                    self.clear_handler_name(name)?;
                    self.emit(I::Reraise);
                }
                None => {
                    self.emit(I::PopTop);
                    self.push_fblock(FBlock::HandlerCleanup { name: None }, handler.span)?;
                    self.compile_body(&handler.body)?;
                    self.pop_fblock();
                    self.set_loc(handler.span);
                    self.emit(I::PopExcept);
                    self.emit_jump(I::Jump, end);
                }
            }
            self.bind(next);
        }
        self.pop_fblock();
        self.emit(I::Reraise);
        self.bind(end);
        Ok(())
    }

    /// `name = None; del name` at the end of `except ... as name`.
    fn clear_handler_name(&mut self, name: &str) -> CompileResult<()> {
        self.load_const(Constant::None);
        self.store_name(name)?;
        self.delete_name(name)
    }

    pub(super) fn compile_with(
        &mut self,
        stmt: &'a Stmt,
        items: &'a [WithItem],
        body: &'a [Stmt],
    ) -> CompileResult<()> {
        self.compile_with_items(stmt, items, body)
    }

    /// One `with` item; the remaining items nest inside it.
    fn compile_with_items(
        &mut self,
        stmt: &'a Stmt,
        items: &'a [WithItem],
        body: &'a [Stmt],
    ) -> CompileResult<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        let handler = self.new_label();
        let exit = self.new_label();
        let suppress = self.new_label();
        self.compile_expr(&item.context_expr)?;
        self.set_loc(stmt.span);
        self.emit(I::BeforeWith);
        self.emit_jump(I::SetupWith, handler);
        self.push_fblock(FBlock::With { span: stmt.span }, stmt.span)?;
        match &item.optional_vars {
            Some(target) => self.compile_store(target)?,
            None => self.emit(I::PopTop),
        }
        self.compile_with_items(stmt, rest, body)?;
        self.pop_fblock();
        self.set_loc(stmt.span);
        self.emit(I::PopBlock);
        self.call_exit_with_nones();
        self.emit(I::PopTop);
        self.emit_jump(I::Jump, exit);
        // The body raised: [exit, prev, exc].
        self.bind(handler);
        self.emit(I::WithExceptStart);
        self.emit_jump(I::PopJumpIfTrue, suppress);
        self.emit(I::Reraise);
        self.bind(suppress);
        self.emit(I::PopTop);
        self.emit(I::PopExcept);
        self.emit(I::PopTop);
        self.bind(exit);
        Ok(())
    }
}
