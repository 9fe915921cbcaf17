//! Weak reference objects: `weakref.ref` (`ReferenceType`), `weakref.proxy`
//! (`ProxyType`, `CallableProxyType`). The non-owning pointer, the per-referent lists and
//! their clearing live in `heap/weak.rs`; this file is the Python side: construction
//! with CPython's list order (callback-less refs are shared), calling, `__callback__`,
//! hash and equality rules, reprs, and proxies forwarding to a live referent or raising
//! `ReferenceError`. The type objects are created once per VM by [`types`].

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::heap::weak::{weakrefs_of, WeakCore};
use crate::heap::{new_object, Py, PyObject, PyObjectRef, PyPayload};
use crate::objects::typeobj::{flags, ObjectClass};
use crate::objects::*;
use crate::vm::{PyResult, Vm};

/// Which of the three weak reference types an object is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WeakKind {
    Ref,
    Proxy,
    CallableProxy,
}

/// The payload of every weak reference object.
pub struct PyWeakRef {
    pub core: WeakCore,
    pub kind: WeakKind,
    hash: Cell<Option<i64>>,
}

impl PyPayload for PyWeakRef {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        self.core.clear();
        if let Some(cb) = self.core.callback.borrow_mut().take() {
            out.push(cb);
        }
    }
}

/// The weakref type objects: (ReferenceType, ProxyType, CallableProxyType).
pub struct WeakTypes {
    pub reference: PyTypeRef,
    pub proxy: PyTypeRef,
    pub callable_proxy: PyTypeRef,
}

thread_local! {
    static TYPES: RefCell<Option<std::rc::Rc<WeakTypes>>> = const { RefCell::new(None) };
}

/// The weakref types of this thread's VM, created on first use.
pub fn types(vm: &Vm) -> std::rc::Rc<WeakTypes> {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let tt = &vm.ctx.types.type_type;
    let o = Some(&vm.ctx.types.object_type);
    let mk = |name: &str, qual: &str, base: bool| {
        let t = typeobj::new_static_type::<PyWeakRef>(tt, name, o, base);
        *t.qualname.borrow_mut() = qual.to_string();
        t
    };
    let reference = mk("ReferenceType", "weakref.ReferenceType", true);
    let proxy = mk("ProxyType", "weakref.ProxyType", false);
    let callable_proxy = mk("CallableProxyType", "weakref.CallableProxyType", false);
    vm.add_new(&reference, ref_new);
    vm.add_methods(
        &reference,
        &[
            ("__call__", ref_call),
            ("__repr__", ref_repr),
            ("__hash__", ref_hash),
            ("__eq__", ref_eq),
            ("__ne__", ref_ne),
            ("__init__", ref_init),
        ],
    );
    vm.add_getset(&reference, "__callback__", ref_get_callback, None);
    for p in [&proxy, &callable_proxy] {
        p.flags
            .set(p.flags.get() | flags::CUSTOM_GETATTRIBUTE | flags::CUSTOM_SETATTR);
        vm.add_methods(
            p,
            &[
                ("__getattribute__", proxy_getattribute),
                ("__setattr__", proxy_setattr),
                ("__delattr__", proxy_delattr),
                ("__repr__", proxy_repr),
                ("__str__", proxy_str),
                ("__bool__", proxy_bool),
                ("__len__", proxy_len),
                ("__eq__", proxy_eq),
                ("__hash__", proxy_hash),
                ("__getitem__", proxy_getitem),
                ("__setitem__", proxy_setitem),
                ("__iter__", proxy_iter),
                ("__contains__", proxy_contains),
            ],
        );
    }
    vm.add_methods(&callable_proxy, &[("__call__", proxy_call)]);
    let t = std::rc::Rc::new(WeakTypes {
        reference,
        proxy,
        callable_proxy,
    });
    TYPES.with(|s| *s.borrow_mut() = Some(t.clone()));
    t
}

/// Drops the type objects (teardown).
pub fn release_types() {
    TYPES.with(|t| t.borrow_mut().take());
}

/// Whether objects like `o` accept weak references (CPython's `tp_weaklistoffset`).
pub fn weakrefable(o: &PyObject) -> bool {
    let cls = o.class();
    if o.payload::<PyType>().is_some() {
        return true;
    }
    if cls.is_heap_type() {
        return cls.has_flag(flags::HAS_WEAKREF);
    }
    o.payload::<PyFunction>().is_some()
        || o.payload::<PySet>().is_some()
        || o.payload::<PyGenerator>().is_some()
        || o.payload::<PyModule>().is_some()
        || o.payload::<PyBoundMethod>().is_some()
        || o.payload::<PyBuiltinFunction>().is_some()
        || o.payload::<PyCode>().is_some()
        || o.payload::<PyProperty>().is_none()
            && o.payload::<PyBaseObject>().is_some()
            && cls.is_heap_type()
}

fn kind_of(o: &PyObject) -> Option<(WeakKind, bool)> {
    let w = o.payload::<PyWeakRef>()?;
    let basic = w.core.callback.borrow().is_none() && !o.class().is_heap_type();
    Some((w.kind, basic))
}

/// Creates a weak reference of `kind` to `obj` (CPython's `weakref___new__` and
/// `PyWeakref_NewProxy`): shares a basic one when there is no callback, and inserts at
/// CPython's list position.
pub fn new_weakref(
    vm: &Vm,
    cls: &PyTypeRef,
    kind: WeakKind,
    obj: &PyObjectRef,
    callback: Option<PyObjectRef>,
) -> PyResult {
    if !weakrefable(obj) {
        return Err(vm.new_type_error(format!(
            "cannot create weak reference to '{}' object",
            obj.class().name()
        )));
    }
    let callback = callback.filter(|c| !vm.is_none(c));
    let list = weakrefs_of(obj);
    // get_basic_refs: the head if it is a basic ref, then the next if a basic proxy.
    let mut basic_ref = None;
    let mut basic_proxy = None;
    let mut i = 0;
    if let Some(h) = list.first() {
        if kind_of(h) == Some((WeakKind::Ref, true)) {
            basic_ref = Some(0);
            i = 1;
        }
    }
    if let Some(h) = list.get(i) {
        if matches!(
            kind_of(h),
            Some((WeakKind::Proxy | WeakKind::CallableProxy, true))
        ) {
            basic_proxy = Some(i);
        }
    }
    let exact_ref = kind == WeakKind::Ref && !cls.is_heap_type();
    if callback.is_none() {
        if exact_ref {
            if let Some(r) = basic_ref {
                return Ok(list[r].clone());
            }
        } else if kind != WeakKind::Ref {
            if let Some(p) = basic_proxy {
                return Ok(list[p].clone());
            }
        }
    }
    let index = if callback.is_none() && exact_ref {
        0
    } else if callback.is_none() && kind != WeakKind::Ref {
        basic_ref.map_or(0, |r| r + 1)
    } else {
        match basic_proxy.or(basic_ref) {
            Some(p) => p + 1,
            None => 0,
        }
    };
    let payload = PyWeakRef {
        core: WeakCore::new(callback),
        kind,
        hash: Cell::new(None),
    };
    let wr: PyObjectRef = if cls.is_heap_type() {
        vm.new_instance(payload, cls).into()
    } else {
        new_object(payload, cls.as_object()).into()
    };
    if let Some(w) = wr.payload::<PyWeakRef>() {
        w.core.register(&wr, obj, index);
    }
    Ok(wr)
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyWeakRef> {
    o.payload::<PyWeakRef>()
        .ok_or_else(|| vm.new_type_error("descriptor requires a 'weakref' object"))
}

fn ref_new(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let cls = p[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("ref.__new__(X): X is not a type object"))?;
    let rest = &p[1..];
    if rest.is_empty() || rest.len() > 2 {
        return Err(vm.new_type_error(format!(
            "__new__ expected at most 2 arguments, got {}",
            rest.len()
        )));
    }
    new_weakref(vm, &cls, WeakKind::Ref, &rest[0], rest.get(1).cloned())
}

fn ref_init(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.none())
}

fn ref_call(vm: &Vm, args: Args) -> PyResult {
    let w = this(vm, &args.args[0])?;
    if args.positional().len() > 1 {
        return Err(vm.new_type_error(format!(
            "weakref() takes no arguments ({} given)",
            args.positional().len() - 1
        )));
    }
    Ok(w.core.get().unwrap_or_else(|| vm.none()))
}

fn ref_get_callback(vm: &Vm, o: &PyObject) -> PyResult {
    let w = this(vm, o)?;
    Ok(w.core
        .callback
        .borrow()
        .clone()
        .unwrap_or_else(|| vm.none()))
}

fn ref_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let w = this(vm, o)?;
    let s = match w.core.get() {
        None => format!("<weakref at {:#x}; dead>", o.addr()),
        Some(t) => {
            let name = vm
                .get_attribute_opt(&t, "__name__")
                .ok()
                .flatten()
                .and_then(|n| n.payload::<PyStr>().map(|s| s.as_str().to_string()));
            match name {
                Some(n) => format!(
                    "<weakref at {:#x}; to '{}' at {:#x} ({})>",
                    o.addr(),
                    t.class().name(),
                    t.addr(),
                    n
                ),
                None => format!(
                    "<weakref at {:#x}; to '{}' at {:#x}>",
                    o.addr(),
                    t.class().name(),
                    t.addr()
                ),
            }
        }
    };
    Ok(vm.new_string(s))
}

fn ref_hash(vm: &Vm, args: Args) -> PyResult {
    let w = this(vm, &args.args[0])?;
    if let Some(h) = w.hash.get() {
        return Ok(vm.new_int(h));
    }
    let t = w
        .core
        .get()
        .ok_or_else(|| vm.new_type_error("weak object has gone away"))?;
    let h = vm.hash(&t)?;
    w.hash.set(Some(h));
    Ok(vm.new_int(h))
}

fn ref_eq_impl(vm: &Vm, args: &Args) -> PyResult<Option<bool>> {
    let a = &args.args[0];
    let b = &args.args[1];
    let (Some(wa), Some(wb)) = (a.payload::<PyWeakRef>(), b.payload::<PyWeakRef>()) else {
        return Ok(None);
    };
    match (wa.core.get(), wb.core.get()) {
        (Some(x), Some(y)) => Ok(Some(vm.eq(&x, &y)?)),
        _ => Ok(Some(a.is(b))),
    }
}

fn ref_eq(vm: &Vm, args: Args) -> PyResult {
    Ok(match ref_eq_impl(vm, &args)? {
        Some(b) => vm.new_bool(b),
        None => vm.not_implemented(),
    })
}

fn ref_ne(vm: &Vm, args: Args) -> PyResult {
    Ok(match ref_eq_impl(vm, &args)? {
        Some(b) => vm.new_bool(!b),
        None => vm.not_implemented(),
    })
}

// ----- Proxies -----

fn referent(vm: &Vm, o: &PyObject) -> PyResult {
    let w = this(vm, o)?;
    w.core.get().ok_or_else(|| {
        vm.new_exception_msg(
            &vm.ctx.exc.reference_error,
            "weakly-referenced object no longer exists",
        )
    })
}

fn name_arg<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a Py<PyStr>> {
    o.downcast_ref::<PyStr>().ok_or_else(|| {
        vm.new_type_error(format!(
            "attribute name must be string, not '{}'",
            o.class().name()
        ))
    })
}

fn proxy_getattribute(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    let name = name_arg(vm, &args.args[1])?;
    vm.get_attribute(&t, &vm.intern_str(&name.to_owned()))
}

fn proxy_setattr(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    let name = name_arg(vm, &args.args[1])?;
    vm.set_attribute(
        &t,
        &vm.intern_str(&name.to_owned()),
        Some(args.args[2].clone()),
    )?;
    Ok(vm.none())
}

fn proxy_delattr(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    let name = name_arg(vm, &args.args[1])?;
    vm.set_attribute(&t, &vm.intern_str(&name.to_owned()), None)?;
    Ok(vm.none())
}

fn proxy_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let w = this(vm, o)?;
    let (name, addr) = match w.core.get() {
        Some(t) => (t.class().name().clone(), t.addr()),
        None => ("NoneType".to_string(), vm.ctx.none.addr()),
    };
    Ok(vm.new_string(format!(
        "<weakproxy at {:#x} to {} at {:#x}>",
        o.addr(),
        name,
        addr
    )))
}

fn proxy_str(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    Ok(vm.str(&t)?.into())
}

fn proxy_bool(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    Ok(vm.new_bool(vm.is_true(&t)?))
}

fn proxy_len(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    vm.call_method(&t, "__len__", &[])
}

fn proxy_eq(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    let other = match args.args[1].payload::<PyWeakRef>() {
        Some(_) => referent(vm, &args.args[1])?,
        None => args.args[1].clone(),
    };
    Ok(vm.new_bool(vm.eq(&t, &other)?))
}

fn proxy_hash(vm: &Vm, _args: Args) -> PyResult {
    Err(vm.new_type_error("unhashable type: 'weakref.ProxyType'"))
}

fn proxy_getitem(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    vm.call_method(&t, "__getitem__", &[args.args[1].clone()])
}

fn proxy_setitem(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    vm.call_method(
        &t,
        "__setitem__",
        &[args.args[1].clone(), args.args[2].clone()],
    )
}

fn proxy_iter(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    vm.call_method(&t, "__iter__", &[])
}

fn proxy_contains(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    vm.call_method(&t, "__contains__", &[args.args[1].clone()])
}

fn proxy_call(vm: &Vm, args: Args) -> PyResult {
    let t = referent(vm, &args.args[0])?;
    vm.call_args(&t, args.shift())
}
