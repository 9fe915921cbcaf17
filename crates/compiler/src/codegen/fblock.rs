//! Frame blocks: what a `break`, `continue` or `return` must undo on its way out.
//!
//! The code generator keeps a stack of the constructs around the current position
//! (loops, `try` bodies, `finally` bodies, `with` bodies, exception handlers).
//! Leaving them early emits, innermost first, the cleanup each needs — CPython
//! 3.10's `compiler_unwind_fblock`, adapted to mempy's exception model (an
//! exception handler runs with `[.., prev, exc]` on the stack and an
//! except-handler block on the block stack; see `mempy_bytecode::Instruction`).

use mempy_ast::{Span, Stmt};
use mempy_bytecode::{Constant, Instruction as I};

use super::unit::Label;
use super::Compiler;
use crate::error::{CompileError, CompileResult};

/// CPython's `CO_MAXBLOCKS`.
const MAX_BLOCKS: usize = 20;

#[derive(Debug, Clone, Copy)]
pub enum FBlock<'a> {
    /// A `while` loop: `continue` jumps to `start`, `break` to `exit`.
    WhileLoop { start: Label, exit: Label },
    /// A `for` loop: the iterator is on the stack.
    ForLoop { start: Label, exit: Label },
    /// The body of a `try` with handlers: a finally block is on the block stack.
    TryExcept,
    /// The body of a `try` with `finally`: leaving runs a copy of the final body.
    FinallyTry { body: &'a [Stmt] },
    /// The exceptional copy of a final body: `[prev, exc]` and an except-handler
    /// block are live.
    FinallyEnd,
    /// A `with` body: `__exit__` is on the stack, a finally block on the block stack.
    With { span: Span },
    /// An `except` body: `prev` and an except-handler block are live; with a name,
    /// also the finally block that clears it.
    HandlerCleanup { name: Option<&'a str> },
    /// Matching the handlers of a `try`.
    ExceptionHandler,
    /// A value (a `return` value being kept across a `finally` copy) to pop.
    PopValue,
}

impl<'a> Compiler<'a> {
    pub(super) fn push_fblock(&mut self, block: FBlock<'a>, span: Span) -> CompileResult<()> {
        if self.unit().fblocks.len() >= MAX_BLOCKS {
            return Err(CompileError::syntax(
                "too many statically nested blocks",
                span,
            ));
        }
        self.unit_mut().fblocks.push(block);
        Ok(())
    }

    pub(super) fn pop_fblock(&mut self) {
        self.unit_mut().fblocks.pop();
    }

    /// Emits the cleanup for leaving `block`; `preserve_tos` keeps the value on top
    /// of the stack (a return value) above whatever is removed.
    pub(super) fn unwind_fblock(
        &mut self,
        block: FBlock<'a>,
        preserve_tos: bool,
    ) -> CompileResult<()> {
        match block {
            FBlock::WhileLoop { .. } | FBlock::ExceptionHandler => {}
            FBlock::ForLoop { .. } | FBlock::PopValue => {
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopTop);
            }
            FBlock::TryExcept => self.emit(I::PopBlock),
            FBlock::FinallyTry { body } => {
                self.emit(I::PopBlock);
                if preserve_tos {
                    self.push_fblock(FBlock::PopValue, Span::default())?;
                }
                let saved = self.unit().loc;
                self.compile_body(body)?;
                self.unit_mut().loc = saved;
                if preserve_tos {
                    self.pop_fblock();
                }
            }
            FBlock::FinallyEnd => {
                // [prev, exc, (tos)] -> [(tos)]
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopTop);
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopExcept);
            }
            FBlock::With { span } => {
                let saved = self.unit().loc;
                self.set_loc(span);
                self.emit(I::PopBlock);
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.call_exit_with_nones();
                self.emit(I::PopTop);
                self.unit_mut().loc = saved;
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.emit(I::PopBlock);
                }
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopExcept);
                if let Some(name) = name {
                    self.load_const(Constant::None);
                    self.store_name(name)?;
                    self.delete_name(name)?;
                }
            }
        }
        Ok(())
    }

    /// `compiler_unwind_fblock_stack`: unwinds every block up to (not including) the
    /// innermost loop when `loop_only`, or all blocks. Returns the loop found.
    pub(super) fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        stop_at_loop: bool,
    ) -> CompileResult<Option<FBlock<'a>>> {
        let Some(&top) = self.unit().fblocks.last() else {
            return Ok(None);
        };
        if stop_at_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(top));
        }
        self.unit_mut().fblocks.pop();
        let result = self
            .unwind_fblock(top, preserve_tos)
            .and_then(|()| self.unwind_fblock_stack(preserve_tos, stop_at_loop));
        self.unit_mut().fblocks.push(top);
        result
    }

    /// `exit(None, None, None)` for the `__exit__` on top of the stack.
    pub(super) fn call_exit_with_nones(&mut self) {
        for _ in 0..3 {
            self.load_const(Constant::None);
        }
        self.emit(I::Call(3));
    }
}
