//! Descriptors and callables implemented in Rust: builtin functions, method
//! descriptors (`list.append`), getset descriptors, `__slots__` member descriptors,
//! `property`, `staticmethod`, `classmethod` and bound methods. The binding logic
//! (`__get__`) is in `protocol.rs::descr_get`.

use std::cell::RefCell;

use crate::args::{Args, NativeFn};
use crate::heap::{DictSlot, PyObject, PyObjectRef, PyPayload};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyStr, PyType};
use crate::vm::{PyResult, Vm};

pub type GetterFn = fn(&Vm, &PyObject) -> PyResult;
pub type SetterFn = fn(&Vm, &PyObject, Option<PyObjectRef>) -> PyResult<()>;

/// `len`, `math.sqrt`, or a bound builtin method such as `[].append`.
pub struct PyBuiltinFunction {
    pub name: &'static str,
    pub func: NativeFn,
    pub bound_self: Option<PyObjectRef>,
    pub module: Option<PyObjectRef>,
}
impl PyPayload for PyBuiltinFunction {
    const GC: bool = true;
}

/// A native method in a type's dict (`list.append`): `func(self, args...)`.
pub struct PyMethodDescr {
    pub name: &'static str,
    pub func: NativeFn,
    pub owner: usize,
    pub owner_name: String,
}
impl PyPayload for PyMethodDescr {
    const GC: bool = false;
}

/// A computed attribute implemented in Rust.
pub struct PyGetSet {
    pub name: &'static str,
    pub get: GetterFn,
    pub set: Option<SetterFn>,
    pub owner_name: String,
}
impl PyPayload for PyGetSet {
    const GC: bool = false;
}

/// A `__slots__` entry: the value lives at `index` in the instance's slot array.
pub struct PyMemberDescr {
    pub name: String,
    pub index: usize,
    pub owner: usize,
    /// The `__name__` of the class whose `__slots__` declared it (for the repr).
    pub owner_name: String,
}
impl PyPayload for PyMemberDescr {
    const GC: bool = false;
}

pub struct PyProperty {
    pub fget: RefCell<Option<PyObjectRef>>,
    pub fset: RefCell<Option<PyObjectRef>>,
    pub fdel: RefCell<Option<PyObjectRef>>,
    pub doc: RefCell<Option<PyObjectRef>>,
}
impl PyPayload for PyProperty {
    const GC: bool = true;
}

pub struct PyStaticMethod {
    pub callable: RefCell<PyObjectRef>,
    pub dict: DictSlot,
}
impl PyStaticMethod {
    pub fn new(c: PyObjectRef) -> PyStaticMethod {
        PyStaticMethod {
            callable: RefCell::new(c),
            dict: DictSlot::new(None),
        }
    }
}
impl PyPayload for PyStaticMethod {
    const GC: bool = true;
}

pub struct PyClassMethod {
    pub callable: RefCell<PyObjectRef>,
    pub dict: DictSlot,
}
impl PyClassMethod {
    pub fn new(c: PyObjectRef) -> PyClassMethod {
        PyClassMethod {
            callable: RefCell::new(c),
            dict: DictSlot::new(None),
        }
    }
}
impl PyPayload for PyClassMethod {
    const GC: bool = true;
}

/// A function bound to an instance.
pub struct PyBoundMethod {
    pub func: PyObjectRef,
    pub obj: PyObjectRef,
}
impl PyPayload for PyBoundMethod {
    const GC: bool = true;
}

fn bf_repr(vm: &Vm, args: Args) -> PyResult {
    let f = args.args[0]
        .payload::<PyBuiltinFunction>()
        .ok_or_else(|| vm.new_type_error("builtin expected"))?;
    Ok(vm.new_string(match &f.bound_self {
        Some(s)
            if !s
                .class()
                .as_object()
                .is(vm.ctx.types.module_type.as_object()) =>
        {
            format!(
                "<built-in method {} of {} object at {:#x}>",
                f.name,
                s.class().name(),
                s.addr()
            )
        }
        _ => format!("<built-in function {}>", f.name),
    }))
}

/// The dunder names CPython implements as type slots (`slotdefs`): in a builtin
/// type's dict they are `wrapper_descriptor`s ("slot wrapper"), and bound to an
/// instance they are 48-byte `method-wrapper`s rather than builtin methods.
const SLOT_NAMES: &[&str] = &[
    "__getattribute__",
    "__getattr__",
    "__setattr__",
    "__delattr__",
    "__repr__",
    "__hash__",
    "__call__",
    "__str__",
    "__lt__",
    "__le__",
    "__eq__",
    "__ne__",
    "__gt__",
    "__ge__",
    "__iter__",
    "__next__",
    "__get__",
    "__set__",
    "__delete__",
    "__init__",
    "__del__",
    "__await__",
    "__aiter__",
    "__anext__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__mod__",
    "__rmod__",
    "__divmod__",
    "__rdivmod__",
    "__pow__",
    "__rpow__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__bool__",
    "__invert__",
    "__lshift__",
    "__rlshift__",
    "__rshift__",
    "__rrshift__",
    "__and__",
    "__rand__",
    "__xor__",
    "__rxor__",
    "__or__",
    "__ror__",
    "__int__",
    "__float__",
    "__iadd__",
    "__isub__",
    "__imul__",
    "__imod__",
    "__ipow__",
    "__ilshift__",
    "__irshift__",
    "__iand__",
    "__ixor__",
    "__ior__",
    "__floordiv__",
    "__rfloordiv__",
    "__truediv__",
    "__rtruediv__",
    "__ifloordiv__",
    "__itruediv__",
    "__index__",
    "__matmul__",
    "__rmatmul__",
    "__imatmul__",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
];

/// Whether `name` on the builtin type `typ` is a slot wrapper. A few types also list a
/// slot method among their ordinary methods (CPython's `METH_COEXIST`), which wins.
pub(crate) fn is_slot_wrapper(vm: &Vm, typ: &crate::objects::PyTypeRef, name: &str) -> bool {
    let t = &vm.ctx.types;
    let is = |x: &crate::objects::PyTypeRef| typ.as_object().is(x.as_object());
    let coexist = match name {
        "__getitem__" => is(&t.list_type) || is(&t.dict_type),
        "__contains__" => is(&t.dict_type) || is(&t.set_type) || is(&t.frozenset_type),
        _ => false,
    };
    !coexist && SLOT_NAMES.contains(&name)
}

/// A native method descriptor bound to `obj`: a `method-wrapper` for a slot wrapper,
/// a builtin method otherwise.
pub fn bind_method_descr(vm: &Vm, descr: &PyObject, obj: PyObjectRef) -> Option<PyObjectRef> {
    let d = descr.payload::<PyMethodDescr>()?;
    let typ = if descr
        .class()
        .as_object()
        .is(vm.ctx.types.wrapper_descriptor_type.as_object())
    {
        &vm.ctx.types.method_wrapper_type
    } else {
        &vm.ctx.types.builtin_function_type
    };
    Some(
        vm.new_object(
            PyBuiltinFunction {
                name: d.name,
                func: d.func,
                bound_self: Some(obj),
                module: None,
            },
            typ,
        )
        .into(),
    )
}

fn mw_repr(vm: &Vm, args: Args) -> PyResult {
    let f = args.args[0]
        .payload::<PyBuiltinFunction>()
        .ok_or_else(|| vm.new_type_error("method-wrapper expected"))?;
    let Some(s) = &f.bound_self else {
        return Ok(vm.new_string(format!("<method-wrapper '{}'>", f.name)));
    };
    Ok(vm.new_string(format!(
        "<method-wrapper '{}' of {} object at {:#x}>",
        f.name,
        s.class().name(),
        s.addr()
    )))
}

fn wd_repr(vm: &Vm, args: Args) -> PyResult {
    let d = args.args[0]
        .payload::<PyMethodDescr>()
        .ok_or_else(|| vm.new_type_error("wrapper descriptor expected"))?;
    Ok(vm.new_string(format!(
        "<slot wrapper '{}' of '{}' objects>",
        d.name, d.owner_name
    )))
}

fn bf_get_name(vm: &Vm, o: &PyObject) -> PyResult {
    let name = o
        .payload::<PyBuiltinFunction>()
        .map(|f| f.name)
        .or_else(|| o.payload::<PyMethodDescr>().map(|f| f.name))
        .unwrap_or("?");
    Ok(vm.new_str(name))
}

fn bf_get_self(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(o.payload::<PyBuiltinFunction>()
        .and_then(|f| f.bound_self.clone().or_else(|| f.module.clone()))
        .unwrap_or_else(|| vm.none()))
}

fn md_repr(vm: &Vm, args: Args) -> PyResult {
    let d = args.args[0]
        .payload::<PyMethodDescr>()
        .ok_or_else(|| vm.new_type_error("method descriptor expected"))?;
    Ok(vm.new_string(format!(
        "<method '{}' of '{}' objects>",
        d.name, d.owner_name
    )))
}

fn md_get(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "__get__", 2, 3)?;
    if p[0].payload::<PyMethodDescr>().is_none() {
        return Err(vm.new_type_error("method descriptor expected"));
    }
    if vm.is_none(&p[1]) {
        return Ok(p[0].clone());
    }
    Ok(bind_method_descr(vm, &p[0], p[1].clone()).unwrap())
}

fn md_call(vm: &Vm, args: Args) -> PyResult {
    let d = args.args[0]
        .payload::<PyMethodDescr>()
        .ok_or_else(|| vm.new_type_error("method descriptor expected"))?;
    let rest = args.shift();
    if rest.positional().is_empty() {
        return Err(vm.new_type_error(format!(
            "unbound method {}.{}() needs an argument",
            d.owner_name, d.name
        )));
    }
    (d.func)(vm, rest)
}

fn gs_repr(vm: &Vm, args: Args) -> PyResult {
    let d = args.args[0]
        .payload::<PyGetSet>()
        .ok_or_else(|| vm.new_type_error("getset expected"))?;
    Ok(vm.new_string(format!(
        "<attribute '{}' of '{}' objects>",
        d.name, d.owner_name
    )))
}

fn member_repr(vm: &Vm, args: Args) -> PyResult {
    let d = args.args[0]
        .payload::<PyMemberDescr>()
        .ok_or_else(|| vm.new_type_error("member expected"))?;
    Ok(vm.new_string(format!(
        "<member '{}' of '{}' objects>",
        d.name, d.owner_name
    )))
}

fn property_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("property.__new__(X): X is not a type"))?;
    let p = PyProperty {
        fget: RefCell::new(None),
        fset: RefCell::new(None),
        fdel: RefCell::new(None),
        doc: RefCell::new(None),
    };
    Ok(vm.new_instance(p, &cls).into())
}

fn property_init(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "property", &["self", "fget", "fset", "fdel", "doc"], 1)?;
    let p = a[0]
        .as_ref()
        .unwrap()
        .payload::<PyProperty>()
        .ok_or_else(|| vm.new_type_error("property expected"))?;
    let norm = |o: &Option<PyObjectRef>| o.clone().filter(|x| !vm.is_none(x));
    *p.fget.borrow_mut() = norm(&a[1]);
    *p.fset.borrow_mut() = norm(&a[2]);
    *p.fdel.borrow_mut() = norm(&a[3]);
    let doc = match norm(&a[4]) {
        Some(d) => Some(d),
        None => match norm(&a[1]) {
            Some(f) => vm
                .get_attribute_opt(&f, "__doc__")?
                .filter(|d| !vm.is_none(d)),
            None => None,
        },
    };
    *p.doc.borrow_mut() = doc;
    Ok(vm.none())
}

fn property_copy(vm: &Vm, args: Args, which: usize) -> PyResult {
    let [o, f] = args.exact::<2>(vm, "setter")?;
    let p = o
        .payload::<PyProperty>()
        .ok_or_else(|| vm.new_type_error("property expected"))?;
    let mut parts = [
        p.fget.borrow().clone(),
        p.fset.borrow().clone(),
        p.fdel.borrow().clone(),
    ];
    parts[which] = Some(f.clone());
    let np = PyProperty {
        fget: RefCell::new(parts[0].clone()),
        fset: RefCell::new(parts[1].clone()),
        fdel: RefCell::new(parts[2].clone()),
        doc: RefCell::new(p.doc.borrow().clone()),
    };
    let cls = o.class().to_owned();
    Ok(vm.new_instance(np, &cls).into())
}
fn property_getter(vm: &Vm, a: Args) -> PyResult {
    property_copy(vm, a, 0)
}
fn property_setter(vm: &Vm, a: Args) -> PyResult {
    property_copy(vm, a, 1)
}
fn property_deleter(vm: &Vm, a: Args) -> PyResult {
    property_copy(vm, a, 2)
}

fn property_get(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "__get__", 2, 3)?;
    vm.descr_get(
        &p[0],
        if vm.is_none(&p[1]) { None } else { Some(&p[1]) },
        p.get(2).map(|x| &**x),
    )
}

fn property_fget(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(o.payload::<PyProperty>()
        .and_then(|p| p.fget.borrow().clone())
        .unwrap_or_else(|| vm.none()))
}
fn property_fset(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(o.payload::<PyProperty>()
        .and_then(|p| p.fset.borrow().clone())
        .unwrap_or_else(|| vm.none()))
}
fn property_fdel(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(o.payload::<PyProperty>()
        .and_then(|p| p.fdel.borrow().clone())
        .unwrap_or_else(|| vm.none()))
}
fn property_doc(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(o.payload::<PyProperty>()
        .and_then(|p| p.doc.borrow().clone())
        .unwrap_or_else(|| vm.none()))
}

fn sm_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("staticmethod.__new__(X)"))?;
    let p = args.shift().range(vm, "staticmethod", 1, 1)?;
    Ok(vm
        .new_instance(PyStaticMethod::new(p[0].clone()), &cls)
        .into())
}
fn cm_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("classmethod.__new__(X)"))?;
    let p = args.shift().range(vm, "classmethod", 1, 1)?;
    Ok(vm
        .new_instance(PyClassMethod::new(p[0].clone()), &cls)
        .into())
}
fn sm_func(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(o.payload::<PyStaticMethod>()
        .map(|s| s.callable.borrow().clone())
        .or_else(|| {
            o.payload::<PyClassMethod>()
                .map(|s| s.callable.borrow().clone())
        })
        .unwrap_or_else(|| vm.none()))
}
fn sm_get(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "__get__", 2, 3)?;
    vm.descr_get(
        &p[0],
        if vm.is_none(&p[1]) { None } else { Some(&p[1]) },
        p.get(2).map(|x| &**x),
    )
}
fn sm_call(vm: &Vm, args: Args) -> PyResult {
    let s = args.args[0]
        .payload::<PyStaticMethod>()
        .ok_or_else(|| vm.new_type_error("staticmethod expected"))?;
    let c = s.callable.borrow().clone();
    vm.call_args(&c, args.shift())
}

fn bm_repr(vm: &Vm, args: Args) -> PyResult {
    let m = args.args[0]
        .payload::<PyBoundMethod>()
        .ok_or_else(|| vm.new_type_error("method expected"))?;
    let qn = vm
        .get_attribute_opt(&m.func, "__qualname__")?
        .map(|q| vm.str_of(&q))
        .transpose()?
        .unwrap_or_else(|| "?".into());
    Ok(vm.new_string(format!(
        "<bound method {} of {}>",
        qn,
        vm.repr(&m.obj)?.as_str()
    )))
}
fn bm_func(vm: &Vm, o: &PyObject) -> PyResult {
    o.payload::<PyBoundMethod>()
        .map(|m| m.func.clone())
        .ok_or_else(|| vm.new_type_error("method expected"))
}
fn bm_self(vm: &Vm, o: &PyObject) -> PyResult {
    o.payload::<PyBoundMethod>()
        .map(|m| m.obj.clone())
        .ok_or_else(|| vm.new_type_error("method expected"))
}
fn bm_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    let (Some(x), Some(y)) = (a.payload::<PyBoundMethod>(), b.payload::<PyBoundMethod>()) else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.new_bool(x.func.is(&y.func) && x.obj.is(&y.obj)))
}
fn bm_hash(vm: &Vm, args: Args) -> PyResult {
    let m = args.args[0]
        .payload::<PyBoundMethod>()
        .ok_or_else(|| vm.new_type_error("method expected"))?;
    Ok(vm.new_int(
        crate::objects::int::hash_pointer(m.func.addr())
            ^ crate::objects::int::hash_pointer(m.obj.addr()),
    ))
}
fn bm_getattr_doc(vm: &Vm, o: &PyObject) -> PyResult {
    let m = o
        .payload::<PyBoundMethod>()
        .ok_or_else(|| vm.new_type_error("method expected"))?;
    Ok(vm
        .get_attribute_opt(&m.func, "__doc__")?
        .unwrap_or_else(|| vm.none()))
}
fn bm_name(vm: &Vm, o: &PyObject) -> PyResult {
    let m = o
        .payload::<PyBoundMethod>()
        .ok_or_else(|| vm.new_type_error("method expected"))?;
    vm.get_attribute(&m.func, &vm.intern("__name__"))
}
fn bm_qualname(vm: &Vm, o: &PyObject) -> PyResult {
    let m = o
        .payload::<PyBoundMethod>()
        .ok_or_else(|| vm.new_type_error("method expected"))?;
    vm.get_attribute(&m.func, &vm.intern("__qualname__"))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types;
    vm.add_methods(&t.builtin_function_type, &[("__repr__", bf_repr)]);
    vm.add_getset(&t.builtin_function_type, "__name__", bf_get_name, None);
    vm.add_getset(&t.builtin_function_type, "__qualname__", bf_get_name, None);
    vm.add_getset(&t.builtin_function_type, "__self__", bf_get_self, None);
    for d in [&t.method_descriptor_type, &t.wrapper_descriptor_type] {
        vm.add_methods(d, &[("__get__", md_get), ("__call__", md_call)]);
        vm.add_getset(d, "__name__", bf_get_name, None);
    }
    vm.add_methods(&t.method_descriptor_type, &[("__repr__", md_repr)]);
    vm.add_methods(&t.wrapper_descriptor_type, &[("__repr__", wd_repr)]);
    vm.add_methods(&t.method_wrapper_type, &[("__repr__", mw_repr)]);
    vm.add_getset(&t.method_wrapper_type, "__name__", bf_get_name, None);
    vm.add_getset(&t.method_wrapper_type, "__self__", bf_get_self, None);
    vm.add_methods(&t.getset_type, &[("__repr__", gs_repr)]);
    vm.add_methods(&t.member_descriptor_type, &[("__repr__", member_repr)]);
    vm.add_new(&t.property_type, property_new);
    vm.add_methods(
        &t.property_type,
        &[
            ("__init__", property_init),
            ("getter", property_getter),
            ("setter", property_setter),
            ("deleter", property_deleter),
            ("__get__", property_get),
        ],
    );
    vm.add_getset(&t.property_type, "fget", property_fget, None);
    vm.add_getset(&t.property_type, "fset", property_fset, None);
    vm.add_getset(&t.property_type, "fdel", property_fdel, None);
    vm.add_getset(&t.property_type, "__doc__", property_doc, None);
    vm.add_new(&t.staticmethod_type, sm_new);
    vm.add_methods(
        &t.staticmethod_type,
        &[("__get__", sm_get), ("__call__", sm_call)],
    );
    vm.add_getset(&t.staticmethod_type, "__func__", sm_func, None);
    vm.add_new(&t.classmethod_type, cm_new);
    vm.add_methods(&t.classmethod_type, &[("__get__", sm_get)]);
    vm.add_getset(&t.classmethod_type, "__func__", sm_func, None);
    vm.add_methods(
        &t.bound_method_type,
        &[
            ("__repr__", bm_repr),
            ("__eq__", bm_eq),
            ("__hash__", bm_hash),
        ],
    );
    vm.add_getset(&t.bound_method_type, "__func__", bm_func, None);
    vm.add_getset(&t.bound_method_type, "__self__", bm_self, None);
    vm.add_getset(&t.bound_method_type, "__doc__", bm_getattr_doc, None);
    vm.add_getset(&t.bound_method_type, "__name__", bm_name, None);
    vm.add_getset(&t.bound_method_type, "__qualname__", bm_qualname, None);
    let _ = PyStr::from_string;
}
