//! Class statements and `super`.
//!
//! `__build_class__(func, name, *bases, metaclass=None, **kw)` picks the most derived
//! metaclass, asks it for a namespace (`__prepare__`), runs the class body `func`
//! with that namespace as its locals mapping, calls the metaclass, and fills the
//! `__class__` cell the body returned (the `__classcell__`) with the new class.
//!
//! `super()` without arguments is resolved by the dispatch loop from the calling
//! frame ([`super_from_frame`]): its first argument and its `__class__` free
//! variable. Attribute lookup on a super object ([`super_getattr`]) walks the MRO
//! of the instance's type after the given class.

use crate::args::Args;
use crate::eval::call::frame_for;
use crate::eval::dispatch::{run_frame, FrameResult};
use crate::eval::frame::Frame;
use crate::heap::{PyObject, PyObjectRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

pub(crate) fn init(vm: &Vm) {
    vm.add_functions(&vm.builtins, &[("__build_class__", build_class)]);
    let t = &vm.ctx.types.super_type;
    vm.add_new(t, super_new);
    vm.add_methods(
        t,
        &[
            ("__init__", super_init),
            ("__repr__", super_repr),
            ("__get__", super_get),
        ],
    );
    vm.add_getset(t, "__thisclass__", super_thisclass, None);
    vm.add_getset(t, "__self__", super_self, None);
    vm.add_getset(t, "__self_class__", super_self_class, None);
}

fn build_class(vm: &Vm, args: Args) -> PyResult {
    let pos = args.positional();
    if pos.len() < 2 {
        return Err(vm.new_type_error("__build_class__: not enough arguments"));
    }
    let Some(func) = pos[0].payload::<PyFunction>() else {
        return Err(vm.new_type_error("__build_class__: func must be a function"));
    };
    if pos[1].payload::<PyStr>().is_none() {
        return Err(vm.new_type_error("__build_class__: name is not a string"));
    }
    let name = pos[1].clone();
    let bases: Vec<PyObjectRef> = pos[2..].to_vec();
    let mut meta: Option<PyObjectRef> = None;
    let mut kwnames = Vec::new();
    let mut kwvals = Vec::new();
    for (k, v) in args.kwnames.iter().zip(&args.args[pos.len()..]) {
        if k.payload::<PyStr>()
            .is_some_and(|s| s.as_str() == "metaclass")
        {
            meta = Some(v.clone());
        } else {
            kwnames.push(k.clone());
            kwvals.push(v.clone());
        }
    }
    let mut meta = match meta {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => b.class_obj().to_owned(),
            None => vm.ctx.types.type_type.clone().into(),
        },
    };
    if let Some(mt) = meta.downcast_ref::<PyType>() {
        let mut winner: PyTypeRef = mt.to_owned();
        for b in &bases {
            let bt = b.class();
            if winner.is_subtype(bt) {
                continue;
            }
            if bt.is_subtype(&winner) {
                winner = bt.to_owned();
                continue;
            }
            return Err(vm.new_type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        meta = winner.into();
    }
    let bases_t = vm.new_tuple(bases);
    let ns = match vm.get_attribute_opt(&meta, "__prepare__")? {
        Some(prep) => {
            let mut a = vec![name.clone(), bases_t.clone()];
            a.extend(kwvals.iter().cloned());
            vm.call_args(&prep, Args::new(&a, &kwnames))?
        }
        None => vm.new_dict().into(),
    };
    let mut frame: Frame = frame_for(vm, func, Some(ns.clone()));
    vm.check_recursion("")?;
    let r = run_frame(vm, &mut frame, None);
    vm.leave_recursion();
    let cell = match r? {
        FrameResult::Return(v) => v,
        FrameResult::Yield(_) => return Err(vm.new_system_error_msg("yield in a class body")),
    };
    let mut a = vec![name, bases_t, ns];
    a.extend(kwvals);
    let cls = vm.call_args(&meta, Args::new(&a, &kwnames))?;
    if let Some(c) = cell.payload::<PyCell>() {
        c.set(Some(cls.clone()));
    }
    Ok(cls)
}

/// `super()` in a method: the class from the `__class__` cell and the first
/// argument of the calling frame.
pub fn super_from_frame(vm: &Vm, f: &Frame) -> PyResult {
    let code = &f.code;
    if code.code.argcount == 0 && code.code.flags.0 & 0x4 == 0 {
        return Err(vm.new_runtime_error("super(): no arguments"));
    }
    let first = match code.cell2arg.iter().find(|&&(_, ai)| ai == 0) {
        Some(&(ci, _)) => f.cells[ci].get(),
        None => f.fastlocals.first().cloned().flatten(),
    };
    let Some(first) = first else {
        return Err(vm.new_runtime_error("super(): arg[0] deleted"));
    };
    let ncell = code.code.cellvars.len();
    let Some(idx) = code.code.freevars.iter().position(|n| n == "__class__") else {
        return Err(vm.new_runtime_error("super(): __class__ cell not found"));
    };
    let Some(cls) = f.cells.get(ncell + idx).and_then(|c| c.get()) else {
        return Err(vm.new_runtime_error("super(): empty __class__ cell"));
    };
    let Ok(cls) = cls.downcast::<PyType>() else {
        return Err(vm.new_runtime_error("super(): __class__ is not a type"));
    };
    new_super(vm, cls, Some(first))
}

fn new_super(vm: &Vm, typ: PyTypeRef, obj: Option<PyObjectRef>) -> PyResult {
    let obj_type = match &obj {
        None => None,
        Some(o) => Some(supercheck(vm, &typ, o)?),
    };
    Ok(vm
        .new_object(PySuper { typ, obj, obj_type }, &vm.ctx.types.super_type)
        .into())
}

fn supercheck(vm: &Vm, typ: &PyTypeRef, obj: &PyObjectRef) -> PyResult<PyTypeRef> {
    if let Some(t) = obj.downcast_ref::<PyType>() {
        if t.is_subtype(typ) {
            return Ok(t.to_owned());
        }
    }
    if obj.class().is_subtype(typ) {
        return Ok(obj.class().to_owned());
    }
    Err(vm.new_type_error("super(type, obj): obj must be an instance or subtype of type"))
}

fn super_new(vm: &Vm, args: Args) -> PyResult {
    let p = args.shift().positional();
    match p.len() {
        0 => Err(vm.new_runtime_error("super(): no arguments")),
        1 | 2 => {
            let typ = p[0].clone().downcast::<PyType>().map_err(|o| {
                vm.new_type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    o.class().name()
                ))
            })?;
            new_super(vm, typ, p.get(1).cloned().filter(|o| !vm.is_none(o)))
        }
        n => Err(vm.new_type_error(format!("super() takes at most 2 arguments ({n} given)"))),
    }
}

fn super_init(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.none())
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PySuper> {
    o.payload::<PySuper>()
        .ok_or_else(|| vm.new_type_error("super expected"))
}

fn super_repr(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?;
    let tn = s.typ.name().clone();
    Ok(vm.new_string(match &s.obj_type {
        Some(ot) => format!("<super: <class '{}'>, <{} object>>", tn, ot.name()),
        None => format!("<super: <class '{}'>, NULL>", tn),
    }))
}

fn super_get(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "__get__", 2, 3)?;
    let s = this(vm, &p[0])?;
    if vm.is_none(&p[1]) || s.obj.is_some() {
        return Ok(p[0].clone());
    }
    new_super(vm, s.typ.clone(), Some(p[1].clone()))
}

fn super_thisclass(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?.typ.clone().into())
}
fn super_self(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?.obj.clone().unwrap_or_else(|| vm.none()))
}
fn super_self_class(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?
        .obj_type
        .clone()
        .map(Into::into)
        .unwrap_or_else(|| vm.none()))
}

/// `super(...).name`.
pub fn super_getattr(vm: &Vm, o: &PyObjectRef, name: &PyStrRef) -> PyResult {
    let s = this(vm, o)?;
    if let (Some(obj), Some(ot)) = (&s.obj, &s.obj_type) {
        if name.as_str() != "__class__" {
            let mro: Vec<PyTypeRef> = PyType::mro_with_self(ot);
            let start = mro
                .iter()
                .position(|t| t.as_object().is(s.typ.as_object()))
                .map(|i| i + 1)
                .unwrap_or(mro.len());
            for t in &mro[start..] {
                let found = t.attrs.borrow().get(name).cloned();
                if let Some(attr) = found {
                    let inst = if obj.is(ot.as_object()) {
                        None
                    } else {
                        Some(obj)
                    };
                    return vm.descr_get(&attr, inst, Some(ot.as_object()));
                }
            }
        }
    }
    match vm.generic_getattr_opt(o, name)? {
        Some(v) => Ok(v),
        None => Err(vm.new_attribute_error(format!(
            "'super' object has no attribute '{}'",
            name.as_str()
        ))),
    }
}
