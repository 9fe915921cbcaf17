//! Frame and traceback objects (minimal but real): `tb_lineno`, `tb_next`,
//! `tb_frame`, `f_lineno`, `f_code`, `f_globals`.

use std::cell::{Cell, RefCell};

use crate::heap::{PyObject, PyObjectRef, PyPayload, PyRef};
use crate::objects::code::PyCode;
use crate::objects::PyDictRef;
use crate::vm::{PyResult, Vm};

pub struct PyFrame {
    pub code: PyRef<PyCode>,
    pub globals: PyDictRef,
    pub lineno: Cell<u32>,
    /// The frame's locals once it has finished (moved in at exit), for refcounts.
    pub locals: RefCell<Vec<Option<PyObjectRef>>>,
}

impl PyPayload for PyFrame {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        out.extend(self.locals.borrow_mut().drain(..).flatten());
    }
}

pub struct PyTraceback {
    pub frame: PyRef<PyFrame>,
    pub lasti: usize,
    pub lineno: u32,
    pub next: RefCell<Option<PyObjectRef>>,
}

impl PyPayload for PyTraceback {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        out.extend(self.next.borrow_mut().take());
    }
}

fn tb_lineno(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyTraceback>()
            .map(|t| t.lineno as i64)
            .unwrap_or(0),
    ))
}
fn tb_next(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(o.payload::<PyTraceback>()
        .and_then(|t| t.next.borrow().clone())
        .unwrap_or_else(|| vm.none()))
}
fn tb_frame(vm: &Vm, o: &PyObject) -> PyResult {
    o.payload::<PyTraceback>()
        .map(|t| t.frame.clone().into())
        .ok_or_else(|| vm.new_type_error("traceback expected"))
}
fn tb_lasti(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyTraceback>()
            .map(|t| t.lasti as i64 * 2)
            .unwrap_or(0),
    ))
}
fn f_lineno(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyFrame>()
            .map(|f| f.lineno.get() as i64)
            .unwrap_or(0),
    ))
}
fn f_code(vm: &Vm, o: &PyObject) -> PyResult {
    o.payload::<PyFrame>()
        .map(|f| f.code.clone().into())
        .ok_or_else(|| vm.new_type_error("frame expected"))
}
fn f_globals(vm: &Vm, o: &PyObject) -> PyResult {
    o.payload::<PyFrame>()
        .map(|f| f.globals.clone().into())
        .ok_or_else(|| vm.new_type_error("frame expected"))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types;
    vm.add_getset(&t.traceback_type, "tb_lineno", tb_lineno, None);
    vm.add_getset(&t.traceback_type, "tb_next", tb_next, None);
    vm.add_getset(&t.traceback_type, "tb_frame", tb_frame, None);
    vm.add_getset(&t.traceback_type, "tb_lasti", tb_lasti, None);
    vm.add_getset(&t.frame_type, "f_lineno", f_lineno, None);
    vm.add_getset(&t.frame_type, "f_code", f_code, None);
    vm.add_getset(&t.frame_type, "f_globals", f_globals, None);
}
