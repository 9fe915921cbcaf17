//! `types.GenericAlias`: what `list[int]` and `dict[str, int]` evaluate to (PEP 585),
//! with CPython's repr (`list[int]`), equality, hashing, calling the origin and
//! attribute forwarding to the origin.
//!
//! The class is a heap type created at start-up with three `__slots__`
//! (`__origin__`, `__args__`, `__parameters__`), so its instances need no payload of
//! their own: the slots are traversed like any class-statement instance's. The
//! `__class_getitem__` classmethods of the builtin containers that create aliases are
//! registered here too. Typing features (`|` unions, `TypeVar` parameters,
//! `__mro_entries__`) are not implemented.

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyBaseObject, PyStr, PyTuple, PyTypeRef};
use crate::vm::{PyResult, Vm};

const ORIGIN: usize = 0;
const ARGS: usize = 1;

/// The `types.GenericAlias` class.
fn alias_type(vm: &Vm) -> PyResult<PyTypeRef> {
    vm.generic_alias_type
        .borrow()
        .clone()
        .ok_or_else(|| vm.new_runtime_error("GenericAlias is not initialised"))
}

/// `GenericAlias(origin, args)`; a non-tuple `args` becomes a 1-tuple.
pub fn new_generic_alias(vm: &Vm, origin: PyObjectRef, args: PyObjectRef) -> PyResult {
    let cls = alias_type(vm)?;
    let args = if args.payload::<PyTuple>().is_some()
        && args
            .class()
            .as_object()
            .is(vm.ctx.types.tuple_type.as_object())
    {
        args
    } else {
        vm.new_tuple(vec![args])
    };
    let obj: PyObjectRef = vm.new_instance(PyBaseObject, &cls).into();
    let slots = crate::heap::slot_values(&obj)
        .ok_or_else(|| vm.new_runtime_error("GenericAlias without slots"))?;
    *slots[ORIGIN].borrow_mut() = Some(origin);
    *slots[ARGS].borrow_mut() = Some(args);
    *slots[2].borrow_mut() = Some(vm.new_tuple(Vec::new()));
    Ok(obj)
}

/// `(origin, args)` of an alias, None for other objects.
fn parts(vm: &Vm, o: &PyObject) -> Option<(PyObjectRef, PyObjectRef)> {
    let cls = vm.generic_alias_type.borrow().clone()?;
    if !o.class().is_subtype(&cls) {
        return None;
    }
    let slots = crate::heap::slot_values(o)?;
    let origin = slots.get(ORIGIN)?.borrow().clone()?;
    let args = slots.get(ARGS)?.borrow().clone()?;
    Some((origin, args))
}

fn this(vm: &Vm, o: &PyObject) -> PyResult<(PyObjectRef, PyObjectRef)> {
    parts(vm, o)
        .ok_or_else(|| vm.new_type_error("descriptor requires a 'types.GenericAlias' object"))
}

/// CPython's `ga_repr_item`.
fn repr_item(vm: &Vm, o: &PyObjectRef) -> PyResult<String> {
    if o.is(&vm.ctx.ellipsis) {
        return Ok("...".to_string());
    }
    if parts(vm, o).is_some() {
        return Ok(vm.repr(o)?.as_str().to_string());
    }
    let qualname = vm.get_attribute_opt(o, "__qualname__")?;
    let module = vm.get_attribute_opt(o, "__module__")?;
    match (qualname, module) {
        (Some(q), Some(m)) if q.payload::<PyStr>().is_some() => {
            let q = vm.str_of(&q)?;
            match m.payload::<PyStr>() {
                Some(m) if m.as_str() != "builtins" => Ok(format!("{}.{}", m.as_str(), q)),
                _ => Ok(q),
            }
        }
        _ => Ok(vm.repr(o)?.as_str().to_string()),
    }
}

fn ga_repr(vm: &Vm, args: Args) -> PyResult {
    let (origin, a) = this(vm, &args.args[0])?;
    let mut s = repr_item(vm, &origin)?;
    s.push('[');
    let items = a
        .payload::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    if items.is_empty() {
        s.push_str("()");
    }
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&repr_item(vm, it)?);
    }
    s.push(']');
    Ok(vm.new_string(s))
}

fn ga_call(vm: &Vm, args: Args) -> PyResult {
    let (origin, _) = this(vm, &args.args[0])?;
    let obj = vm.call_args(&origin, args.shift())?;
    // CPython sets `__orig_class__` and ignores objects that refuse attributes.
    match vm.set_attribute(
        &obj,
        &vm.intern("__orig_class__"),
        Some(args.args[0].clone()),
    ) {
        Err(e)
            if !e
                .as_object()
                .class()
                .is_subtype(&vm.ctx.exc.attribute_error)
                && !e.as_object().class().is_subtype(&vm.ctx.exc.type_error) =>
        {
            Err(e)
        }
        _ => Ok(obj),
    }
}

fn ga_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    let (Some((o1, a1)), Some((o2, a2))) = (parts(vm, a), parts(vm, b)) else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.new_bool(vm.eq(&o1, &o2)? && vm.eq(&a1, &a2)?))
}

fn ga_ne(vm: &Vm, args: Args) -> PyResult {
    let r = ga_eq(vm, args)?;
    if r.is(&vm.ctx.not_implemented) {
        return Ok(r);
    }
    Ok(vm.new_bool(!vm.is_true(&r)?))
}

fn ga_hash(vm: &Vm, args: Args) -> PyResult {
    let (origin, a) = this(vm, &args.args[0])?;
    Ok(vm.new_int(vm.hash(&origin)? ^ vm.hash(&a)?))
}

/// Attributes not found on the alias come from its origin (`list[int].append`).
fn ga_getattr(vm: &Vm, args: Args) -> PyResult {
    let [o, name] = args.exact::<2>(vm, "__getattr__")?;
    let (origin, _) = this(vm, o)?;
    let name = name
        .clone()
        .downcast::<PyStr>()
        .map_err(|_| vm.new_type_error("attribute name must be string"))?;
    vm.get_attribute(&origin, &vm.intern_str(&name))
}

fn ga_instancecheck(vm: &Vm, _args: Args) -> PyResult {
    Err(vm.new_type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn ga_subclasscheck(vm: &Vm, _args: Args) -> PyResult {
    Err(vm.new_type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

/// `cls.__class_getitem__(item)` of the builtin generic containers.
fn class_getitem(vm: &Vm, args: Args) -> PyResult {
    let [cls, item] = args.exact::<2>(vm, "__class_getitem__")?;
    new_generic_alias(vm, cls.clone(), item.clone())
}

pub(crate) fn init(vm: &Vm) {
    let ns = vm.new_dict();
    let slots = vm.new_tuple(vec![
        vm.new_str("__origin__"),
        vm.new_str("__args__"),
        vm.new_str("__parameters__"),
    ]);
    ns.set_item_str(vm, &vm.intern("__slots__"), slots);
    ns.set_item_str(vm, &vm.intern("__module__"), vm.new_str("types"));
    ns.set_item_str(vm, &vm.intern("__qualname__"), vm.new_str("GenericAlias"));
    let Ok(t) = crate::objects::typeobj::new_heap_type(
        vm,
        &vm.ctx.types.type_type,
        "GenericAlias",
        Vec::new(),
        &ns,
    ) else {
        return;
    };
    // A start-up type, like the static ones: never collected.
    crate::heap::collect::untrack(t.as_object());
    vm.add_methods(
        &t,
        &[
            ("__repr__", ga_repr),
            ("__call__", ga_call),
            ("__eq__", ga_eq),
            ("__ne__", ga_ne),
            ("__hash__", ga_hash),
            ("__getattr__", ga_getattr),
            ("__instancecheck__", ga_instancecheck),
            ("__subclasscheck__", ga_subclasscheck),
        ],
    );
    crate::objects::typeobj::update_special_flags(vm, &t);
    *vm.generic_alias_type.borrow_mut() = Some(t);
    let ty = &vm.ctx.types;
    for cls in [
        &ty.list_type,
        &ty.dict_type,
        &ty.tuple_type,
        &ty.set_type,
        &ty.frozenset_type,
        &ty.type_type,
        &ty.enumerate_type,
    ] {
        vm.add_classmethod(cls, "__class_getitem__", class_getitem);
    }
}
