//! Calling objects: builtin functions, method descriptors, bound methods, types and
//! Python functions (argument binding with CPython's messages).

use crate::args::Args;
use crate::heap::PyObject;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

/// `f(*args)` for any callable.
pub fn call_object(vm: &Vm, f: &PyObject, args: Args) -> PyResult {
    if let Some(b) = f.payload::<PyBuiltinFunction>() {
        return match &b.bound_self {
            None => (b.func)(vm, args),
            Some(s) => {
                let mut full = Vec::with_capacity(args.args.len() + 1);
                full.push(s.clone());
                full.extend_from_slice(args.args);
                (b.func)(vm, Args::new(&full, args.kwnames))
            }
        };
    }
    if let Some(m) = f.payload::<PyBoundMethod>() {
        let mut full = Vec::with_capacity(args.args.len() + 1);
        full.push(m.obj.clone());
        full.extend_from_slice(args.args);
        return call_object(vm, &m.func, Args::new(&full, args.kwnames));
    }
    if let Some(d) = f.payload::<PyMethodDescr>() {
        return (d.func)(vm, args);
    }
    if let Some(t) = f.downcast_ref::<PyType>() {
        return vm.call_type(&t.to_owned(), args);
    }
    if f.payload::<PyFunction>().is_some() {
        return Err(vm.new_runtime_error("calling Python functions needs the eval loop (not in this build yet)"));
    }
    match f.class().lookup(&vm.intern("__call__")) {
        Some(c) => {
            let mut full = Vec::with_capacity(args.args.len() + 1);
            full.push(f.to_owned());
            full.extend_from_slice(args.args);
            vm.check_recursion(" while calling a Python object")?;
            let r = match c.payload::<PyMethodDescr>() {
                Some(d) => (d.func)(vm, Args::new(&full, args.kwnames)),
                None => call_object(vm, &c, Args::new(&full, args.kwnames)),
            };
            vm.leave_recursion();
            r
        }
        None => Err(vm.new_type_error(format!("'{}' object is not callable", f.class().name()))),
    }
}
