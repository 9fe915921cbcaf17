//! Python functions: code + globals + defaults + closure. Calling one is in
//! `eval/call.rs`; `__get__` binding in `protocol.rs`.

use std::cell::RefCell;

use crate::args::Args;
use crate::heap::{DictSlot, PyObject, PyObjectRef, PyPayload, PyRef};
use crate::objects::code::PyCode;
use crate::objects::{PyDict, PyDictRef, PyStr, PyTuple, PyTupleRef};
use crate::vm::{PyResult, Vm};

pub struct PyFunction {
    pub code: PyRef<PyCode>,
    pub globals: PyDictRef,
    pub name: RefCell<PyObjectRef>,
    pub qualname: RefCell<PyObjectRef>,
    pub defaults: RefCell<Option<PyTupleRef>>,
    pub kwdefaults: RefCell<Option<PyDictRef>>,
    pub closure: Option<PyTupleRef>,
    pub doc: RefCell<PyObjectRef>,
    pub module: RefCell<PyObjectRef>,
    pub annotations: RefCell<Option<PyObjectRef>>,
    pub dict: DictSlot,
}

impl PyPayload for PyFunction {
    const GC: bool = true;
    fn dict_slot(&self) -> Option<&DictSlot> {
        Some(&self.dict)
    }
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        out.extend(self.defaults.borrow_mut().take().map(Into::into));
        out.extend(self.kwdefaults.borrow_mut().take().map(Into::into));
        out.extend(self.annotations.borrow_mut().take());
        out.extend(self.dict.borrow_mut().take());
    }
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyFunction> {
    o.payload::<PyFunction>()
        .ok_or_else(|| vm.new_type_error("function expected"))
}

fn func_repr(vm: &Vm, args: Args) -> PyResult {
    let f = this(vm, &args.args[0])?;
    let q = vm.str_of(&f.qualname.borrow())?;
    Ok(vm.new_string(format!("<function {} at {:#x}>", q, args.args[0].addr())))
}

fn func_get(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "__get__", 2, 3)?;
    if vm.is_none(&p[1]) {
        return Ok(p[0].clone());
    }
    Ok(vm.new_bound_method(p[0].clone(), p[1].clone()))
}

fn func_call(vm: &Vm, args: Args) -> PyResult {
    vm.call_args(&args.args[0], args.shift())
}

macro_rules! str_attr {
    ($get:ident, $set:ident, $field:ident, $what:literal) => {
        fn $get(vm: &Vm, o: &PyObject) -> PyResult {
            Ok(this(vm, o)?.$field.borrow().clone())
        }
        fn $set(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
            let f = this(vm, o)?;
            match v {
                Some(v) if v.payload::<PyStr>().is_some() => {
                    *f.$field.borrow_mut() = v;
                    Ok(())
                }
                _ => Err(vm.new_type_error(concat!($what, " must be set to a string object"))),
            }
        }
    };
}
str_attr!(get_name, set_name, name, "__name__");
str_attr!(get_qualname, set_qualname, qualname, "__qualname__");

fn get_doc(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?.doc.borrow().clone())
}
fn set_doc(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    *this(vm, o)?.doc.borrow_mut() = v.unwrap_or_else(|| vm.none());
    Ok(())
}
fn get_module(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?.module.borrow().clone())
}
fn set_module(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    *this(vm, o)?.module.borrow_mut() = v.unwrap_or_else(|| vm.none());
    Ok(())
}
fn get_defaults(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?
        .defaults
        .borrow()
        .clone()
        .map(Into::into)
        .unwrap_or_else(|| vm.none()))
}
fn set_defaults(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let f = this(vm, o)?;
    let v = match v {
        None => None,
        Some(v) if vm.is_none(&v) => None,
        Some(v) => Some(
            v.downcast::<PyTuple>()
                .map_err(|_| vm.new_type_error("__defaults__ must be set to a tuple object"))?,
        ),
    };
    *f.defaults.borrow_mut() = v;
    Ok(())
}
fn get_kwdefaults(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?
        .kwdefaults
        .borrow()
        .clone()
        .map(Into::into)
        .unwrap_or_else(|| vm.none()))
}
fn set_kwdefaults(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let f = this(vm, o)?;
    let v = match v {
        None => None,
        Some(v) if vm.is_none(&v) => None,
        Some(v) => Some(
            v.downcast::<PyDict>()
                .map_err(|_| vm.new_type_error("__kwdefaults__ must be set to a dict object"))?,
        ),
    };
    *f.kwdefaults.borrow_mut() = v;
    Ok(())
}
fn get_code(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?.code.clone().into())
}
fn get_globals(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?.globals.clone().into())
}
fn get_closure(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?
        .closure
        .clone()
        .map(Into::into)
        .unwrap_or_else(|| vm.none()))
}
fn get_annotations(vm: &Vm, o: &PyObject) -> PyResult {
    let f = this(vm, o)?;
    let mut a = f.annotations.borrow_mut();
    if a.is_none() {
        *a = Some(vm.new_dict().into());
    }
    Ok(a.clone().unwrap())
}
fn set_annotations(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    *this(vm, o)?.annotations.borrow_mut() = v;
    Ok(())
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.function_type;
    vm.add_methods(
        t,
        &[
            ("__repr__", func_repr),
            ("__get__", func_get),
            ("__call__", func_call),
        ],
    );
    vm.add_getset(t, "__name__", get_name, Some(set_name));
    vm.add_getset(t, "__qualname__", get_qualname, Some(set_qualname));
    vm.add_getset(t, "__doc__", get_doc, Some(set_doc));
    vm.add_getset(t, "__module__", get_module, Some(set_module));
    vm.add_getset(t, "__defaults__", get_defaults, Some(set_defaults));
    vm.add_getset(t, "__kwdefaults__", get_kwdefaults, Some(set_kwdefaults));
    vm.add_getset(t, "__code__", get_code, None);
    vm.add_getset(t, "__globals__", get_globals, None);
    vm.add_getset(t, "__closure__", get_closure, None);
    vm.add_getset(t, "__annotations__", get_annotations, Some(set_annotations));
    let (g, s) = crate::objects::object::dict_getset();
    vm.add_getset(t, "__dict__", g, Some(s));
}
