//! Generators: a suspended frame plus the running flag. Resumption (`send`,
//! `throw`, `close`, `yield from` delegation) is driven by `eval/`.

use std::cell::{Cell, RefCell};

use crate::heap::{PyObjectRef, PyPayload};
use crate::vm::Vm;

pub struct PyGenerator {
    /// The suspended frame; None once finished.
    pub frame: RefCell<Option<Box<crate::eval::frame::Frame>>>,
    pub running: Cell<bool>,
    pub name: RefCell<PyObjectRef>,
    pub qualname: RefCell<PyObjectRef>,
}

impl PyPayload for PyGenerator {
    const GC: bool = true;
}

pub(crate) fn init(vm: &Vm) {
    crate::eval::generator::init(vm);
}
