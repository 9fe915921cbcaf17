//! `cell`: the box a closed-over variable lives in.

use std::cell::RefCell;

use crate::args::Args;
use crate::heap::{PyObjectRef, PyPayload};
use crate::vm::{PyResult, Vm};

#[derive(Default)]
pub struct PyCell {
    pub value: RefCell<Option<PyObjectRef>>,
}

impl PyPayload for PyCell {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        out.extend(self.value.borrow_mut().take());
    }
}

impl PyCell {
    pub fn get(&self) -> Option<PyObjectRef> {
        self.value.borrow().clone()
    }

    pub fn set(&self, v: Option<PyObjectRef>) {
        let old = std::mem::replace(&mut *self.value.borrow_mut(), v);
        drop(old);
    }
}

fn cell_repr(vm: &Vm, args: Args) -> PyResult {
    let c = args.args[0]
        .payload::<PyCell>()
        .ok_or_else(|| vm.new_type_error("cell expected"))?;
    Ok(vm.new_string(match c.get() {
        None => format!("<cell at {:#x}: empty>", args.args[0].addr()),
        Some(v) => format!(
            "<cell at {:#x}: {} object at {:#x}>",
            args.args[0].addr(),
            crate::objects::typeobj::ObjectClass::class(&*v).name(),
            v.addr()
        ),
    }))
}

fn get_contents(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    let c = o
        .payload::<PyCell>()
        .ok_or_else(|| vm.new_type_error("cell expected"))?;
    c.get().ok_or_else(|| vm.new_value_error("Cell is empty"))
}

fn set_contents(vm: &Vm, o: &crate::heap::PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let c = o
        .payload::<PyCell>()
        .ok_or_else(|| vm.new_type_error("cell expected"))?;
    c.set(v);
    Ok(())
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.cell_type;
    vm.add_methods(t, &[("__repr__", cell_repr)]);
    vm.add_getset(t, "cell_contents", get_contents, Some(set_contents));
}
