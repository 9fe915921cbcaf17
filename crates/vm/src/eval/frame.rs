//! The runtime frame of one code object: fast locals, cells, the value stack and the
//! block stack of the exception model in `mempy_bytecode::instruction`.

use crate::heap::{PyObjectRef, PyRef};
use crate::objects::{PyCell, PyCode, PyDictRef, PyFrame};

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
    pub cells: Vec<PyRef<PyCell>>,
    /// The value stack; `None` is the NULL marker of `LoadMethod`.
    pub stack: Vec<Option<PyObjectRef>>,
    pub blocks: Vec<Block>,
    /// Index of the next instruction.
    pub lasti: usize,
    /// The frame object, created lazily for tracebacks.
    pub frame_obj: Option<PyRef<PyFrame>>,
}
