//! `None`, `NotImplemented` and `Ellipsis`: payload-less singletons.

use crate::args::Args;
use crate::heap::PyPayload;
use crate::vm::{PyResult, Vm};

pub struct PyNone;
impl PyPayload for PyNone {
    const GC: bool = false;
}

pub struct PyNotImplemented;
impl PyPayload for PyNotImplemented {
    const GC: bool = false;
}

pub struct PyEllipsis;
impl PyPayload for PyEllipsis {
    const GC: bool = false;
}

fn none_repr(vm: &Vm, _a: Args) -> PyResult {
    Ok(vm.new_str("None"))
}
fn none_bool(vm: &Vm, _a: Args) -> PyResult {
    Ok(vm.new_bool(false))
}
fn none_new(vm: &Vm, a: Args) -> PyResult {
    if a.args.len() > 1 {
        return Err(vm.new_type_error("NoneType takes no arguments"));
    }
    Ok(vm.none())
}
fn ni_repr(vm: &Vm, _a: Args) -> PyResult {
    Ok(vm.new_str("NotImplemented"))
}
fn ellipsis_repr(vm: &Vm, _a: Args) -> PyResult {
    Ok(vm.new_str("Ellipsis"))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types;
    vm.add_methods(
        &t.none_type,
        &[("__repr__", none_repr), ("__bool__", none_bool)],
    );
    vm.add_new(&t.none_type, none_new);
    vm.add_methods(&t.notimplemented_type, &[("__repr__", ni_repr)]);
    vm.add_methods(&t.ellipsis_type, &[("__repr__", ellipsis_repr)]);
}
