//! The evaluation loop: frames (`frame.rs`), the dispatch loop (`dispatch.rs`, on
//! top of the contract in `mempy_bytecode::instruction`), calls and argument
//! binding (`call.rs`), the `LoadGlobal` cache (`global_cache.rs`), operators (`ops.rs`), generators (`generator.rs`), class
//! statements and `super` (`class.rs`) and imports (`import.rs`).
//!
//! Entry point for a module's code: [`Vm::run_code`].

pub mod call;
pub mod class;
pub mod dispatch;
pub mod frame;
pub mod generator;
pub mod global_cache;
pub mod import;
pub mod ops;

use std::rc::Rc;

use crate::eval::dispatch::{run_frame, FrameResult};
use crate::eval::frame::Frame;
use crate::heap::{PyObjectRef, PyRef};
use crate::objects::code::new_code;
use crate::objects::{PyCode, PyDictRef};
use crate::vm::{PyResult, Vm};

/// Registers the builtins and type methods that live in `eval/`.
pub(crate) fn init(vm: &Vm) {
    dispatch::init(vm);
    generator::init(vm);
    class::init(vm);
    import::init(vm);
}

impl Vm {
    /// Runs a module-level code object with `globals` as globals and locals.
    pub fn run_code(&self, code: Rc<mempy_bytecode::CodeObject>, globals: PyDictRef) -> PyResult {
        let code = new_code(self, code);
        let locals: PyObjectRef = globals.clone().into();
        self.run_code_in(code, globals, locals)
    }

    /// Runs the code compiled from a program's source text (the script, `-c`, a REPL
    /// input) with `globals` as globals and locals, as CPython's `run_mod`: while it
    /// runs, the objects the parser made for literals are also held by the AST arena
    /// (one reference each), which `sys.getrefcount` of a constant shows.
    pub fn run_source_code(
        &self,
        code: Rc<mempy_bytecode::CodeObject>,
        globals: PyDictRef,
    ) -> PyResult {
        let code = new_code(self, code);
        let held = crate::objects::code::parser_constants(&code);
        let locals: PyObjectRef = globals.clone().into();
        let r = self.run_code_in(code, globals, locals);
        drop(held);
        r
    }

    /// Runs a module-level (or `eval`) code object with explicit namespaces, adding
    /// `__builtins__` to `globals` if it lacks it (as `exec` and `eval` do).
    pub fn run_code_in(
        &self,
        code: PyRef<PyCode>,
        globals: PyDictRef,
        locals: PyObjectRef,
    ) -> PyResult {
        let key = self.intern("__builtins__");
        if globals.get_item_str_opt(&key).is_none() {
            globals.set_item_str(self, &key, self.builtins.clone().into());
        }
        let mut frame = Frame::new(self, code, globals, Some(locals));
        let marker = 0u8;
        let outermost = self.stack_base.get() == 0;
        if outermost {
            self.stack_base.set(&marker as *const u8 as usize);
        }
        let r = match self.check_recursion("") {
            Ok(()) => {
                let r = run_frame(self, &mut frame, None);
                self.leave_recursion();
                r
            }
            Err(e) => Err(e),
        };
        if outermost {
            self.stack_base.set(0);
        }
        match r? {
            FrameResult::Return(v) => Ok(v),
            FrameResult::Yield(_) => Err(self.new_system_error_msg("yield outside a function")),
        }
    }
}
