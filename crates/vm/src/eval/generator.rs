//! Generator resumption: `send`, `throw`, `close`, `__next__`.

use crate::heap::PyObjectRef;
use crate::vm::{PyResult, Vm};

pub(crate) fn init(_vm: &Vm) {}

/// `next(gen)`: `Ok(None)` when the generator is exhausted.
pub fn gen_next(vm: &Vm, _gen: &PyObjectRef) -> PyResult<Option<PyObjectRef>> {
    Err(vm.new_runtime_error("generators are not supported by this build yet"))
}
