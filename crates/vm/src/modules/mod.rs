//! Importable native modules: the registry `sys.modules` starts from.
//!
//! # How to add a module
//! Write `modules/<name>.rs` with `pub(crate) fn make(vm: &Vm) -> PyRef<PyModule>`
//! (create it with `vm.new_module`, add functions with `vm.add_functions`, values
//! with `vm.module_set`) and add it to `BUILTIN_MODULES`. The memory modules (`gc`,
//! `weakref`, `psutil`, the memory parts of `sys`) belong to the gc issue; the
//! collector they drive is `heap/collect.rs`.

pub mod io;

use crate::heap::PyRef;
use crate::objects::PyModule;
use crate::vm::Vm;

/// Native modules that `import` can create on demand.
pub const BUILTIN_MODULES: &[(&str, fn(&Vm) -> PyRef<PyModule>)] = &[];

pub(crate) fn init(vm: &Vm) {
    io::init(vm);
    vm.sys_modules.set_item_str(vm, &vm.intern("builtins"), vm.builtins.clone().into());
}
