//! `object`: the root type; its payload is empty. Holds the generic `__getattribute__`,
//! `__setattr__`, `__repr__`, `__eq__`, `__hash__`, `__init__`, `__new__` that every
//! class inherits (the logic itself is in `protocol.rs`).

use crate::args::Args;
use crate::heap::{PyObjectRef, PyPayload};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyStr, PyType};
use crate::vm::{PyResult, Vm};

/// The payload of plain `object()` instances (and, inside `WithExt`, of instances of
/// classes without a builtin base).
pub struct PyBaseObject;

impl PyPayload for PyBaseObject {
    const GC: bool = false;
}

fn excess_args(args: &Args) -> bool {
    args.args.len() > 1
}

fn object_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args
        .args
        .first()
        .cloned()
        .ok_or_else(|| vm.new_type_error("object.__new__(): not enough arguments"))?;
    let cls = cls.downcast::<PyType>().map_err(|o| {
        vm.new_type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            o.class().name()
        ))
    })?;
    if excess_args(&args) {
        let new_overridden = !vm.type_slot_is(&cls, "__new__", &vm.object_new);
        let init_overridden = !vm.type_slot_is(&cls, "__init__", &vm.object_init);
        if new_overridden {
            return Err(vm.new_type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if !init_overridden {
            return Err(vm.new_type_error(format!("{}() takes no arguments", cls.name())));
        }
    }
    if cls.core.vtable.get().base_type_id != crate::heap::vtable_of::<PyBaseObject>().base_type_id {
        return Err(vm.new_type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            cls.name(),
            cls.name()
        )));
    }
    Ok(vm.new_instance(PyBaseObject, &cls).into())
}

fn object_init(vm: &Vm, args: Args) -> PyResult {
    if excess_args(&args) {
        let cls = args.args[0].class().to_owned();
        let init_overridden = !vm.type_slot_is(&cls, "__init__", &vm.object_init);
        let new_overridden = !vm.type_slot_is(&cls, "__new__", &vm.object_new);
        if init_overridden {
            return Err(vm.new_type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if !new_overridden {
            return Err(vm.new_type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                cls.name()
            )));
        }
    }
    Ok(vm.none())
}

fn object_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    Ok(vm.new_string(vm.default_repr(o)))
}

fn object_str(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.repr(&args.args[0])?.into())
}

fn object_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    Ok(if a.is(b) {
        vm.new_bool(true)
    } else {
        vm.not_implemented()
    })
}

fn object_ne(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__ne__")?;
    let r = vm.rich_compare(a, b, mempy_bytecode::ComparisonOperator::Equal)?;
    if r.is(&vm.ctx.not_implemented) {
        return Ok(r);
    }
    Ok(vm.new_bool(!vm.is_true(&r)?))
}

fn object_cmp_ni(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.not_implemented())
}

fn object_hash(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(crate::objects::int::hash_pointer(args.args[0].addr())))
}

fn object_getattribute(vm: &Vm, args: Args) -> PyResult {
    let [o, name] = args.exact::<2>(vm, "__getattribute__")?;
    let name = name.clone().downcast::<PyStr>().map_err(|n| {
        vm.new_type_error(format!(
            "attribute name must be string, not '{}'",
            n.class().name()
        ))
    })?;
    let name = vm.intern_str(&name);
    vm.generic_getattr(o, &name)
}

fn object_setattr(vm: &Vm, args: Args) -> PyResult {
    let [o, name, v] = args.exact::<3>(vm, "__setattr__")?;
    let name = name.clone().downcast::<PyStr>().map_err(|n| {
        vm.new_type_error(format!(
            "attribute name must be string, not '{}'",
            n.class().name()
        ))
    })?;
    let name = vm.intern_str(&name);
    vm.generic_setattr(o, &name, Some(v.clone()))?;
    Ok(vm.none())
}

fn object_delattr(vm: &Vm, args: Args) -> PyResult {
    let [o, name] = args.exact::<2>(vm, "__delattr__")?;
    let name = name.clone().downcast::<PyStr>().map_err(|n| {
        vm.new_type_error(format!(
            "attribute name must be string, not '{}'",
            n.class().name()
        ))
    })?;
    let name = vm.intern_str(&name);
    vm.generic_setattr(o, &name, None)?;
    Ok(vm.none())
}

fn object_get_class(_vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(o.class_obj().to_owned())
}

fn object_set_class(vm: &Vm, o: &crate::heap::PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| vm.new_type_error("can't delete __class__ attribute"))?;
    let t = v.clone().downcast::<PyType>().map_err(|v| {
        vm.new_type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            v.class().name()
        ))
    })?;
    if !t.is_heap_type() || !o.class().is_heap_type() || !o.set_class(t.clone().into()) {
        return Err(vm.new_type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            t.name(),
            o.class().name()
        )));
    }
    Ok(())
}

fn object_get_dict(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    crate::heap::materialize_dict(o);
    match o.dict_slot() {
        Some(slot) => {
            let mut s = slot.borrow_mut();
            if s.is_none() {
                *s = Some(vm.new_dict().into());
            }
            Ok(s.as_ref().unwrap().clone())
        }
        None => Err(vm.new_attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            o.class().name()
        ))),
    }
}

fn object_set_dict(vm: &Vm, o: &crate::heap::PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| vm.new_type_error("cannot delete __dict__"))?;
    if v.payload::<crate::objects::PyDict>().is_none() {
        return Err(vm.new_type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            v.class().name()
        )));
    }
    match o.dict_slot() {
        Some(slot) => {
            let old = slot.borrow_mut().replace(v);
            drop(old);
            Ok(())
        }
        None => Err(vm.new_attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            o.class().name()
        ))),
    }
}

fn object_dir(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let mut names: Vec<String> = Vec::new();
    if let Some(slot) = o.dict_slot() {
        if let Some(d) = slot.borrow().as_ref() {
            if let Some(d) = d.payload::<crate::objects::PyDict>() {
                for k in d.keys_vec() {
                    if let Some(s) = k.payload::<PyStr>() {
                        names.push(s.as_str().to_string());
                    }
                }
            }
        }
    }
    let cls = o.class().to_owned();
    for t in PyType::mro_with_self(&cls) {
        for (k, _) in t.attrs.borrow().entries() {
            names.push(k.as_str().to_string());
        }
    }
    names.sort();
    names.dedup();
    Ok(vm.new_list(names.iter().map(|n| vm.new_str(n)).collect()))
}

fn object_sizeof(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    Ok(vm.new_int(crate::modules::sys_memory::basic_size(vm, o) as i64))
}

fn object_format(vm: &Vm, args: Args) -> PyResult {
    let [o, spec] = args.exact::<2>(vm, "__format__")?;
    let spec = spec
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("format spec must be a str"))?;
    if !spec.as_str().is_empty() {
        return Err(vm.new_type_error(format!(
            "unsupported format string passed to {}.__format__",
            o.class().name()
        )));
    }
    Ok(vm.str(o)?.into())
}

fn object_reduce(vm: &Vm, _args: Args) -> PyResult {
    Err(vm.new_type_error("cannot pickle object"))
}

fn object_init_subclass(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.none())
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.object_type;
    vm.add_methods(
        t,
        &[
            ("__init__", object_init),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__lt__", object_cmp_ni),
            ("__le__", object_cmp_ni),
            ("__gt__", object_cmp_ni),
            ("__ge__", object_cmp_ni),
            ("__hash__", object_hash),
            ("__getattribute__", object_getattribute),
            ("__setattr__", object_setattr),
            ("__delattr__", object_delattr),
            ("__dir__", object_dir),
            ("__sizeof__", object_sizeof),
            ("__format__", object_format),
            ("__reduce__", object_reduce),
            ("__reduce_ex__", object_reduce),
        ],
    );
    vm.add_classmethod(t, "__init_subclass__", object_init_subclass);
    vm.add_new(t, object_new);
    vm.add_getset(t, "__class__", object_get_class, Some(object_set_class));
    vm.add_attr(t, "__doc__", vm.new_str("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n"));
    *vm.object_new.borrow_mut() = t.attrs.borrow().get(&vm.intern("__new__")).cloned();
    *vm.object_init.borrow_mut() = t.attrs.borrow().get(&vm.intern("__init__")).cloned();
    // `__dict__` of instances lives on each heap type (added by `protocol`); this
    // generic getset serves them all.
    let _ = (object_get_dict, object_set_dict);
}

/// The `__dict__` getset functions, attached to class-statement types with dicts.
pub fn dict_getset() -> (
    crate::objects::descriptor::GetterFn,
    crate::objects::descriptor::SetterFn,
) {
    (object_get_dict, object_set_dict)
}
