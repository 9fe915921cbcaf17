//! The runtime frame of one code object: fast locals, cells, the value stack and the
//! block stack of the exception model in `mempy_bytecode::instruction`.
//!
//! A frame lives on the Rust stack of the call that runs it (`call.rs`), or in a
//! `Box` owned by its generator object (`generator.rs`). The frame object that
//! tracebacks point at (`objects::PyFrame`) is created lazily, the first time an
//! exception unwinds through the frame; when the frame finishes its fast locals are
//! moved into that object so a traceback keeps them alive, as in CPython.
//! The loop that runs a frame is `dispatch.rs`.

use crate::heap::{PyObjectRef, PyRef};
use crate::objects::{PyCell, PyCode, PyDictRef, PyFrame};
use crate::vm::Vm;

/// At most this many spare buffer pairs are kept per code object, each of at most
/// `MAX_POOLED` slots: a call then allocates neither its fast locals nor its stack.
const SPARES_PER_CODE: usize = 8;
const MAX_POOLED: usize = 256;

impl Drop for Frame {
    /// Releases the locals, cells and stack in that order (the order of the fields),
    /// then gives the emptied buffers back to the code object. The values are dropped
    /// before its spares are borrowed: a `__del__` they run may create frames.
    fn drop(&mut self) {
        let mut fastlocals = std::mem::take(&mut self.fastlocals);
        fastlocals.clear();
        drop(std::mem::take(&mut self.cells));
        let mut stack = std::mem::take(&mut self.stack);
        stack.clear();
        if fastlocals.capacity() <= MAX_POOLED && stack.capacity() <= MAX_POOLED {
            if let Ok(mut spares) = self.code.spare_buffers.try_borrow_mut() {
                if spares.len() < SPARES_PER_CODE {
                    spares.push((fastlocals, stack));
                }
            }
        }
    }
}

/// A block of the block stack.
#[derive(Clone, Copy, Debug)]
pub enum Block {
    /// `SetupFinally(handler)` at value-stack height `level`.
    Finally { handler: u32, level: u32 },
    /// An exception handler is running; unwinding restores the previous exception.
    ExceptHandler { level: u32 },
}

pub struct Frame {
    pub code: PyRef<PyCode>,
    pub globals: PyDictRef,
    pub builtins: PyDictRef,
    /// The locals mapping of module and class bodies.
    pub locals: Option<PyObjectRef>,
    pub fastlocals: Vec<Option<PyObjectRef>>,
    /// `cellvars` followed by `freevars`.
    pub cells: Vec<PyRef<PyCell>>,
    /// The value stack. The NULL marker of `LoadMethod` is `NotImplemented` in the
    /// method slot (a method found by `LoadMethod` is always a function, so the
    /// marker cannot be confused with one).
    pub stack: Vec<PyObjectRef>,
    pub blocks: Vec<Block>,
    /// Index of the next instruction.
    pub lasti: usize,
    /// The frame object, created lazily for tracebacks.
    pub frame_obj: Option<PyRef<PyFrame>>,
    /// Suspended in `YieldFrom` (generator `throw()`/`close()` go to the iterator).
    pub delegating: bool,
}

impl Frame {
    /// A frame for `code` with empty fast locals and fresh cells for its cell
    /// variables (free variables are appended by the caller from the closure).
    #[inline(always)]
    pub fn new(
        vm: &Vm,
        code: PyRef<PyCode>,
        globals: PyDictRef,
        locals: Option<PyObjectRef>,
    ) -> Frame {
        let c = &code.code;
        let nlocals = c.varnames.len();
        let mut cells = Vec::with_capacity(c.cellvars.len() + c.freevars.len());
        for _ in 0..c.cellvars.len() {
            cells.push(vm.new_object(PyCell::default(), &vm.ctx.types.cell_type));
        }
        let spare = code
            .spare_buffers
            .try_borrow_mut()
            .ok()
            .and_then(|mut s| s.pop());
        let (mut fastlocals, mut stack) = spare.unwrap_or_default();
        fastlocals.resize_with(nlocals, || None);
        stack.reserve(c.max_stack as usize + 2);
        Frame {
            globals,
            builtins: vm.builtins.dict.clone(),
            locals,
            fastlocals,
            cells,
            stack,
            blocks: Vec::new(),
            lasti: 0,
            frame_obj: None,
            delegating: false,
            code,
        }
    }

    /// The frame object of this frame (created on first use).
    pub fn frame_object(&mut self, vm: &Vm) -> PyRef<PyFrame> {
        if let Some(f) = &self.frame_obj {
            return f.clone();
        }
        let f = vm.new_object(
            PyFrame {
                code: self.code.clone(),
                globals: self.globals.clone(),
                lineno: std::cell::Cell::new(self.current_line()),
                locals: std::cell::RefCell::new(Vec::new()),
            },
            &vm.ctx.types.frame_type,
        );
        self.frame_obj = Some(f.clone());
        f
    }

    /// The source line of the instruction being run (`lasti - 1`).
    pub fn current_line(&self) -> u32 {
        let i = self.lasti.saturating_sub(1);
        self.code.code.locations.get(i).map(|l| l.line).unwrap_or(0)
    }

    /// Called when the frame finishes: hands the locals to the frame object if a
    /// traceback holds it.
    pub fn finish(&mut self) {
        if let Some(fo) = &self.frame_obj {
            fo.lineno.set(self.current_line());
            let locals = std::mem::take(&mut self.fastlocals);
            *fo.locals.borrow_mut() = locals;
        }
    }
}
