//! Importable native modules: the registry `sys.modules` starts from.
//!
//! # How to add a module
//! Write `modules/<name>.rs` with `pub(crate) fn make(vm: &Vm) -> PyRef<PyModule>`
//! (create it with `vm.new_module`, add functions with `vm.add_functions`, values
//! with `vm.module_set`) and add it to `BUILTIN_MODULES`. The memory modules (`gc`,
//! `weakref`, `psutil`, the memory parts of `sys`) belong to the gc issue; the
//! collector they drive is `heap/collect.rs`.

pub mod dis;
pub mod gc;
pub mod io;
pub mod math;
pub mod math_special;
pub mod mempy;
pub mod os;
pub mod psutil;
pub mod structseq;
pub mod sys;
pub mod sys_memory;
pub mod time;
pub mod weakref;

use crate::heap::PyRef;
use crate::objects::PyModule;
use crate::vm::Vm;

/// Native modules that `import` can create on demand.
pub const BUILTIN_MODULES: &[(&str, fn(&Vm) -> PyRef<PyModule>)] = &[
    ("weakref", weakref::make),
    ("os", os::make),
    ("psutil", psutil::make),
    ("gc", gc::make),
    ("sys", sys::make),
    ("math", math::make),
    ("time", time::make),
    ("dis", dis::make),
    ("mempy", mempy::make),
];

/// Creates the native module `name` (registering it in `sys.modules`), or None if
/// there is no such native module.
pub fn import_builtin(
    vm: &Vm,
    name: &str,
) -> crate::vm::PyResult<Option<crate::heap::PyObjectRef>> {
    let Some((_, make)) = BUILTIN_MODULES.iter().find(|(n, _)| *n == name) else {
        return Ok(None);
    };
    let m: crate::heap::PyObjectRef = make(vm).into();
    vm.sys_modules.set_item(vm, vm.new_str(name), m.clone())?;
    Ok(Some(m))
}

pub(crate) fn init(vm: &Vm) {
    io::init(vm);
    vm.sys_modules
        .set_item_str(vm, &vm.intern("builtins"), vm.builtins.clone().into());
    // `sys` exists from the start, as in CPython (print and input read sys.stdout/stdin).
    vm.sys_modules
        .set_item_str(vm, &vm.intern("sys"), sys::make(vm).into());
}
