//! Generators: a suspended frame plus the running flag and the exception state the
//! generator saw when it last yielded. Resumption (`send`, `throw`, `close`,
//! `yield from` delegation) and the Python-visible methods are in
//! `eval/generator.rs`.

use std::cell::{Cell, RefCell};

use crate::heap::{PyObjectRef, PyPayload};
use crate::vm::Vm;

pub struct PyGenerator {
    /// The suspended frame; None once finished (or while running: the resuming
    /// call holds it).
    pub frame: RefCell<Option<Box<crate::eval::frame::Frame>>>,
    pub running: Cell<bool>,
    /// True once the first `send`/`next` has started the frame.
    pub started: Cell<bool>,
    /// The exception being handled inside the generator when it yielded.
    pub exc_state: RefCell<Option<PyObjectRef>>,
    pub name: RefCell<PyObjectRef>,
    pub qualname: RefCell<PyObjectRef>,
}

impl PyPayload for PyGenerator {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        out.extend(self.exc_state.borrow_mut().take());
        if let Some(mut f) = self.frame.borrow_mut().take() {
            out.extend(f.fastlocals.drain(..).flatten());
            out.extend(f.stack.drain(..));
            out.extend(f.cells.drain(..).map(Into::into));
            out.extend(f.locals.take());
            out.extend(f.frame_obj.take().map(Into::into));
        }
    }
}

pub(crate) fn init(vm: &Vm) {
    crate::eval::init(vm);
}
