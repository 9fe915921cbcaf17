//! The abstract object protocol (CPython's `abstract.c` + `object.c` + `typeobject.c`
//! slot wrappers): attribute access with descriptors, calls, repr/str/hash/compare,
//! truth, iteration, length and subscription. Exact builtin types take Rust fast
//! paths; everything else goes through dunder lookup on the type's MRO.

use mempy_bytecode::{BinaryOperator, ComparisonOperator};

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyRef};
use crate::objects::descriptor::*;
use crate::objects::typeobj::{flags, ObjectClass};
use crate::objects::*;
use crate::vm::{PyResult, Vm};

/// Guard for self-referential repr (`[[...]]`).
pub struct ReprGuard<'a> {
    vm: &'a Vm,
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        self.vm.repr_guard.borrow_mut().pop();
    }
}

pub(crate) fn install_heap_hooks(vm: &std::rc::Rc<Vm>) {
    crate::modules::gc::install_hooks(vm);
    let weak = std::rc::Rc::downgrade(vm);
    crate::heap::with_heap(|h| {
        h.set_finalizer(Some(std::rc::Rc::new(move |obj: &PyObjectRef| {
            if let Some(vm) = weak.upgrade() {
                if let Some(del) = obj.class().lookup(&vm.intern("__del__")) {
                    if let Err(e) = vm.call(&del, &[obj.clone()]) {
                        vm.report_unraisable(&e, Some(&del));
                    }
                }
            }
        })))
    });
}

impl Vm {
    // ----- Errors -----

    pub fn new_exception(&self, typ: &PyTypeRef, args: Vec<PyObjectRef>) -> PyBaseExceptionRef {
        let e = self.new_instance(PyBaseException::new(self.new_tuple_ref(args.clone())), typ);
        // Run the class's own __init__ logic for builtin attributes.
        if let Some(init) = typ.lookup(&self.intern("__init__")) {
            let mut full = vec![e.clone().into()];
            full.extend(args);
            let _ = self.call(&init, &full);
        }
        e
    }

    pub fn new_exception_msg(&self, typ: &PyTypeRef, msg: impl Into<String>) -> PyBaseExceptionRef {
        let m = self.new_string(msg.into());
        self.new_exception(typ, vec![m])
    }

    pub fn new_type_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.type_error, msg)
    }
    pub fn new_value_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.value_error, msg)
    }
    pub fn new_index_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.index_error, msg)
    }
    pub fn new_attribute_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.attribute_error, msg)
    }
    pub fn new_name_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.name_error, msg)
    }
    pub fn new_runtime_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.runtime_error, msg)
    }
    pub fn new_overflow_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.overflow_error, msg)
    }
    pub fn new_zero_division_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.zero_division_error, msg)
    }
    pub fn new_recursion_error(&self, msg: impl Into<String>) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.recursion_error, msg)
    }
    pub fn new_memory_error(&self) -> PyBaseExceptionRef {
        self.new_exception(&self.ctx.exc.memory_error, vec![])
    }
    pub fn new_key_error(&self, key: PyObjectRef) -> PyBaseExceptionRef {
        self.new_exception(&self.ctx.exc.key_error, vec![key])
    }
    pub fn new_key_error_msg(&self, msg: &str) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.key_error, msg)
    }
    pub fn new_stop_iteration(&self, value: Option<PyObjectRef>) -> PyBaseExceptionRef {
        self.new_exception(&self.ctx.exc.stop_iteration, value.into_iter().collect())
    }

    /// Prints CPython's "Exception ignored in: ..." report.
    pub fn report_unraisable(&self, e: &PyBaseExceptionRef, obj: Option<&PyObjectRef>) {
        let what = match obj {
            Some(o) => self
                .repr(o)
                .map(|s| s.as_str().to_string())
                .unwrap_or_else(|_| "<object repr() failed>".into()),
            None => "None".into(),
        };
        self.write_stderr(&format!("Exception ignored in: {what}\n"));
        let text = crate::traceback::format_exception(self, e);
        self.write_stderr(&text);
    }

    // ----- Type checks and conversions -----

    pub fn isinstance(&self, o: &PyObject, t: &PyType) -> bool {
        let c = o.class();
        std::ptr::eq(&**c, t) || c.mro.borrow().iter().any(|m| std::ptr::eq(&***m, t))
    }

    pub fn is_index(&self, o: &PyObject) -> bool {
        o.payload::<PyInt>().is_some()
            || (o.class().is_heap_type() && o.class().lookup(&self.intern("__index__")).is_some())
    }

    pub fn to_index_i64(&self, o: &PyObject) -> PyResult<i64> {
        if let Some(i) = o.payload::<PyInt>() {
            return i.as_small().ok_or_else(|| {
                self.new_overflow_error("Python int too large to convert to C ssize_t")
            });
        }
        if let Some(m) = self.lookup_special(o, "__index__") {
            let r = self.call(&m, &[o.to_owned()])?;
            return self.to_index_i64(&r);
        }
        Err(self.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            o.class().name()
        )))
    }

    pub fn to_index_isize(&self, o: &PyObject) -> PyResult<isize> {
        if let Some(i) = o.payload::<PyInt>() {
            return i.as_small().map(|v| v as isize).ok_or_else(|| {
                self.new_index_error(format!("cannot fit 'int' into an index-sized integer"))
            });
        }
        self.to_index_i64(o).map(|v| v as isize)
    }

    /// A slice bound: clamps huge values like `PyEval_SliceIndex`.
    pub fn slice_index(&self, o: &PyObject) -> PyResult<isize> {
        if let Some(i) = o.payload::<PyInt>() {
            return Ok(match i.as_small() {
                Some(v) => v as isize,
                None => {
                    if i.to_bigint().sign() == num_bigint::Sign::Minus {
                        isize::MIN
                    } else {
                        isize::MAX
                    }
                }
            });
        }
        if self.lookup_special(o, "__index__").is_some() {
            return self.to_index_isize(o);
        }
        Err(self
            .new_type_error("slice indices must be integers or None or have an __index__ method"))
    }

    /// `int(x)` for one argument.
    pub fn to_int_value(&self, x: &PyObject) -> PyResult<num_bigint::BigInt> {
        if let Some(i) = x.payload::<PyInt>() {
            return Ok(i.to_bigint());
        }
        if let Some(f) = x.payload::<PyFloat>() {
            let r = crate::objects::float::float_to_int(self, f.value)?;
            return Ok(r.payload::<PyInt>().unwrap().to_bigint());
        }
        if let Some(s) = x.payload::<PyStr>() {
            return crate::objects::int::parse_int(s.as_str(), 10).ok_or_else(|| {
                self.new_value_error(format!(
                    "invalid literal for int() with base 10: {}",
                    crate::objects::str::repr_str(s.as_str())
                ))
            });
        }
        if let Some(b) = x.payload::<PyBytes>() {
            let s = String::from_utf8_lossy(&b.value).into_owned();
            return crate::objects::int::parse_int(&s, 10).ok_or_else(|| {
                self.new_value_error(format!(
                    "invalid literal for int() with base 10: {}",
                    crate::objects::bytes::bytes_repr(&b.value)
                ))
            });
        }
        for name in ["__int__", "__index__", "__trunc__"] {
            if let Some(m) = self.lookup_special(x, name) {
                let r = self.call(&m, &[x.to_owned()])?;
                return match r.payload::<PyInt>() {
                    Some(i) => Ok(i.to_bigint()),
                    None => Err(self.new_type_error(format!(
                        "{name} returned non-int (type {})",
                        r.class().name()
                    ))),
                };
            }
        }
        Err(self.new_type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            x.class().name()
        )))
    }

    pub fn to_float_value(&self, x: &PyObject) -> PyResult<f64> {
        if let Some(f) = x.payload::<PyFloat>() {
            return Ok(f.value);
        }
        if let Some(i) = x.payload::<PyInt>() {
            return i
                .to_f64()
                .ok_or_else(|| self.new_overflow_error("int too large to convert to float"));
        }
        if let Some(s) = x.payload::<PyStr>() {
            return crate::objects::float::parse_float(s.as_str()).ok_or_else(|| {
                self.new_value_error(format!(
                    "could not convert string to float: {}",
                    crate::objects::str::repr_str(s.as_str())
                ))
            });
        }
        if let Some(m) = self.lookup_special(x, "__float__") {
            let r = self.call(&m, &[x.to_owned()])?;
            return r.payload::<PyFloat>().map(|f| f.value).ok_or_else(|| {
                self.new_type_error(format!(
                    "{}.__float__ returned non-float (type {})",
                    x.class().name(),
                    r.class().name()
                ))
            });
        }
        if let Some(m) = self.lookup_special(x, "__index__") {
            let r = self.call(&m, &[x.to_owned()])?;
            return self.to_float_value(&r);
        }
        Err(self.new_type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            x.class().name()
        )))
    }

    pub fn bytes_like(&self, o: &PyObject) -> PyResult<Vec<u8>> {
        crate::objects::bytes::buffer_of(o)
            .map(|b| b.into_owned())
            .ok_or_else(|| {
                self.new_type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    o.class().name()
                ))
            })
    }

    /// `str(o)` as a Rust string.
    pub fn str_of(&self, o: &PyObject) -> PyResult<String> {
        Ok(self.str(o)?.as_str().to_string())
    }

    pub fn repr_string(&self, o: &PyObject) -> String {
        self.repr(o)
            .map(|s| s.as_str().to_string())
            .unwrap_or_default()
    }

    pub fn default_repr(&self, o: &PyObject) -> String {
        let c = o.class();
        let module = if c.is_heap_type() {
            c.lookup(&self.intern("__module__"))
                .and_then(|m| m.payload::<PyStr>().map(|s| s.as_str().to_string()))
        } else {
            None
        };
        match module {
            Some(m) if m != "builtins" => {
                format!("<{}.{} object at {:#x}>", m, c.qualname.borrow(), o.addr())
            }
            _ => format!("<{} object at {:#x}>", c.qualname.borrow(), o.addr()),
        }
    }

    /// Enters a repr of a container; None if it is already being repr'd.
    pub fn repr_enter(&self, o: &PyObject) -> Option<ReprGuard<'_>> {
        let mut g = self.repr_guard.borrow_mut();
        if g.contains(&o.addr()) {
            return None;
        }
        g.push(o.addr());
        Some(ReprGuard { vm: self })
    }

    /// Is the type's `name` attribute the given builtin object (`object.__new__`)?
    pub fn type_slot_is(
        &self,
        cls: &PyTypeRef,
        name: &str,
        target: &std::cell::RefCell<Option<PyObjectRef>>,
    ) -> bool {
        match (cls.lookup(&self.intern(name)), target.borrow().as_ref()) {
            (Some(v), Some(t)) => v.is(t),
            _ => false,
        }
    }

    // ----- Special method lookup -----

    /// Looks a dunder up on the type (never the instance), unbound.
    #[inline]
    pub fn lookup_special(&self, o: &PyObject, name: &str) -> Option<PyObjectRef> {
        o.class().lookup(&self.intern(name))
    }

    /// Calls a dunder found on the type with `o` as self; None if absent.
    pub fn call_special(
        &self,
        o: &PyObject,
        name: &str,
        args: &[PyObjectRef],
    ) -> PyResult<Option<PyObjectRef>> {
        match self.lookup_special(o, name) {
            None => Ok(None),
            Some(m) => {
                let full = crate::args::prepend(o.to_owned(), args);
                self.call_unbound(&m, &full).map(Some)
            }
        }
    }

    /// Calls an attribute found on a type with explicit self (no bound-method object).
    pub fn call_unbound(&self, m: &PyObjectRef, args: &[PyObjectRef]) -> PyResult {
        if let Some(d) = m.payload::<PyMethodDescr>() {
            return (d.func)(self, Args::positional_only(args));
        }
        if m.payload::<PyFunction>().is_some() {
            return self.call(m, args);
        }
        // Other descriptors: bind then call.
        let bound = self.descr_get(m, Some(&args[0]), Some(args[0].class().as_object()))?;
        self.call(&bound, &args[1..])
    }

    // ----- Attributes -----

    /// `descr.__get__(obj, type)` for the descriptor kinds implemented in Rust, or via
    /// a Python `__get__`.
    pub fn descr_get(
        &self,
        descr: &PyObjectRef,
        obj: Option<&PyObjectRef>,
        typ: Option<&PyObject>,
    ) -> PyResult {
        if descr.payload::<PyFunction>().is_some() {
            return Ok(match obj {
                Some(o) => self.new_bound_method(descr.clone(), o.clone()),
                None => descr.clone(),
            });
        }
        if descr.payload::<PyMethodDescr>().is_some() {
            return Ok(match obj {
                Some(o) => crate::objects::descriptor::bind_method_descr(self, descr, o.clone())
                    .unwrap_or_else(|| descr.clone()),
                None => descr.clone(),
            });
        }
        if let Some(g) = descr.payload::<PyGetSet>() {
            return match obj {
                Some(o) => (g.get)(self, o),
                None => Ok(descr.clone()),
            };
        }
        if let Some(m) = descr.payload::<PyMemberDescr>() {
            return match obj {
                Some(o) => {
                    let slots = crate::heap::slot_values(o)
                        .ok_or_else(|| self.new_type_error("bad slot access"))?;
                    let v = slots.get(m.index).and_then(|c| c.borrow().clone());
                    v.ok_or_else(|| {
                        self.new_attribute_error(format!(
                            "'{}' object has no attribute '{}'",
                            o.class().name(),
                            m.name
                        ))
                    })
                }
                None => Ok(descr.clone()),
            };
        }
        if let Some(p) = descr.payload::<PyProperty>() {
            return match obj {
                Some(o) => {
                    let g = p.fget.borrow().clone();
                    match g {
                        Some(f) => self.call(&f, &[o.clone()]),
                        None => Err(self.new_attribute_error(format!(
                            "property {}of '{}' object has no getter",
                            self.property_name(descr),
                            o.class().name()
                        ))),
                    }
                }
                None => Ok(descr.clone()),
            };
        }
        if let Some(s) = descr.payload::<PyStaticMethod>() {
            return Ok(s.callable.borrow().clone());
        }
        if let Some(c) = descr.payload::<PyClassMethod>() {
            let cls = match (typ, obj) {
                (Some(t), _) => t.to_owned(),
                (None, Some(o)) => o.class_obj().to_owned(),
                _ => return Ok(descr.clone()),
            };
            let f = c.callable.borrow().clone();
            if let Some(d) = f.payload::<PyMethodDescr>() {
                return Ok(self.new_builtin_function(d.name, d.func, Some(cls)));
            }
            return Ok(self.new_bound_method(f, cls));
        }
        if let Some(get) = self.lookup_special(descr, "__get__") {
            let o = obj.cloned().unwrap_or_else(|| self.none());
            let t = typ.map(|t| t.to_owned()).unwrap_or_else(|| self.none());
            return self.call_unbound(&get, &[descr.clone(), o, t]);
        }
        Ok(descr.clone())
    }

    fn property_name(&self, descr: &PyObjectRef) -> String {
        let p = descr.payload::<PyProperty>().unwrap();
        if let Some(f) = p.fget.borrow().as_ref() {
            if let Ok(Some(n)) = self.get_attribute_opt(f, "__name__") {
                if let Ok(s) = self.str_of(&n) {
                    return format!("'{s}' ");
                }
            }
        }
        String::new()
    }

    pub fn is_data_descriptor(&self, d: &PyObject) -> bool {
        if d.payload::<PyGetSet>().is_some()
            || d.payload::<PyProperty>().is_some()
            || d.payload::<PyMemberDescr>().is_some()
        {
            return true;
        }
        if d.payload::<PyFunction>().is_some()
            || d.payload::<PyMethodDescr>().is_some()
            || d.payload::<PyStr>().is_some()
            || d.payload::<PyInt>().is_some()
        {
            return false;
        }
        let c = d.class();
        c.is_heap_type()
            && (c.lookup(&self.intern("__set__")).is_some()
                || c.lookup(&self.intern("__delete__")).is_some())
    }

    fn has_get(&self, d: &PyObject) -> bool {
        d.payload::<PyFunction>().is_some()
            || d.payload::<PyMethodDescr>().is_some()
            || d.payload::<PyGetSet>().is_some()
            || d.payload::<PyProperty>().is_some()
            || d.payload::<PyMemberDescr>().is_some()
            || d.payload::<PyStaticMethod>().is_some()
            || d.payload::<PyClassMethod>().is_some()
            || (d.class().is_heap_type() && d.class().lookup(&self.intern("__get__")).is_some())
    }

    fn instance_dict(&self, o: &PyObject) -> Option<PyObjectRef> {
        o.dict_slot().and_then(|s| s.borrow().clone())
    }

    /// `object.__getattribute__`.
    pub fn generic_getattr(&self, o: &PyObjectRef, name: &PyStrRef) -> PyResult {
        match self.generic_getattr_opt(o, name)? {
            Some(v) => Ok(v),
            None => Err(self.attribute_error(o, name)),
        }
    }

    pub fn attribute_error(&self, o: &PyObject, name: &PyStrRef) -> PyBaseExceptionRef {
        if let Some(t) = o.downcast_ref::<PyType>() {
            return self.new_attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                t.name(),
                name.as_str()
            ));
        }
        if let Some(m) = o.payload::<PyModule>() {
            let n = m
                .dict
                .get_item_str_opt(&self.intern("__name__"))
                .and_then(|n| n.payload::<PyStr>().map(|s| s.as_str().to_string()));
            if let Some(n) = n {
                return self.new_attribute_error(format!(
                    "module '{}' has no attribute '{}'",
                    n,
                    name.as_str()
                ));
            }
        }
        self.new_attribute_error(format!(
            "'{}' object has no attribute '{}'",
            o.class().name(),
            name.as_str()
        ))
    }

    pub fn generic_getattr_opt(
        &self,
        o: &PyObjectRef,
        name: &PyStrRef,
    ) -> PyResult<Option<PyObjectRef>> {
        // Types: look in the MRO, binding with obj=None.
        if let Some(t) = o.downcast_ref::<PyType>() {
            let meta_attr = o.class().lookup(name);
            if let Some(ma) = &meta_attr {
                if self.is_data_descriptor(ma) {
                    return self.descr_get(ma, Some(o), Some(o.class_obj())).map(Some);
                }
            }
            if let Some(v) = t.lookup(name) {
                if v.payload::<PyFunction>().is_some() || v.payload::<PyMethodDescr>().is_some() {
                    return Ok(Some(v));
                }
                if self.has_get(&v) {
                    return self.descr_get(&v, None, Some(o)).map(Some);
                }
                return Ok(Some(v));
            }
            if let Some(ma) = meta_attr {
                if self.has_get(&ma) {
                    return self.descr_get(&ma, Some(o), Some(o.class_obj())).map(Some);
                }
                return Ok(Some(ma));
            }
            return Ok(None);
        }
        let cls = o.class();
        let attr = cls.lookup(name);
        if let Some(a) = &attr {
            if self.is_data_descriptor(a) {
                return self.descr_get(a, Some(o), Some(cls.as_object())).map(Some);
            }
        }
        if let Some(d) = self.instance_dict(o) {
            if let Some(d) = d.payload::<PyDict>() {
                if let Some(v) = d.get_item_str_opt(name) {
                    return Ok(Some(v));
                }
            }
        }
        if let Some(a) = attr {
            if self.has_get(&a) {
                return self.descr_get(&a, Some(o), Some(cls.as_object())).map(Some);
            }
            return Ok(Some(a));
        }
        Ok(None)
    }

    /// `getattr(o, name)` including `__getattribute__`/`__getattr__` overrides.
    pub fn get_attribute(&self, o: &PyObjectRef, name: &PyStrRef) -> PyResult {
        let cls = o.class();
        if o.payload::<PySuper>().is_some() {
            return crate::eval::class::super_getattr(self, o, name);
        }
        let fl = cls.flags.get();
        if fl & (flags::CUSTOM_GETATTRIBUTE | flags::HAS_GETATTR) == 0 {
            return self.generic_getattr(o, name);
        }
        let r = if fl & flags::CUSTOM_GETATTRIBUTE != 0 {
            let ga = cls.lookup(&self.intern("__getattribute__")).unwrap();
            self.call_unbound(&ga, &[o.clone(), name.clone().into()])
        } else {
            self.generic_getattr(o, name)
        };
        match r {
            Err(e)
                if fl & flags::HAS_GETATTR != 0
                    && e.as_object()
                        .class()
                        .is_subtype(&self.ctx.exc.attribute_error) =>
            {
                let ga = cls.lookup(&self.intern("__getattr__")).unwrap();
                self.call_unbound(&ga, &[o.clone(), name.clone().into()])
            }
            r => r,
        }
    }

    pub fn get_attribute_opt(&self, o: &PyObject, name: &str) -> PyResult<Option<PyObjectRef>> {
        match self.get_attribute(&o.to_owned(), &self.intern(name)) {
            Ok(v) => Ok(Some(v)),
            Err(e)
                if e.as_object()
                    .class()
                    .is_subtype(&self.ctx.exc.attribute_error) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    pub fn has_attr(&self, o: &PyObject, name: &str) -> PyResult<bool> {
        Ok(self.get_attribute_opt(o, name)?.is_some())
    }

    /// `object.__setattr__` / `__delattr__` (value None deletes).
    pub fn generic_setattr(
        &self,
        o: &PyObjectRef,
        name: &PyStrRef,
        value: Option<PyObjectRef>,
    ) -> PyResult<()> {
        if let Some(t) = o.downcast_ref::<PyType>() {
            if !t.is_heap_type() {
                return Err(self.new_type_error(format!(
                    "cannot set '{}' attribute of immutable type '{}'",
                    name.as_str(),
                    t.name()
                )));
            }
            if let Some(ma) = o.class().lookup(name) {
                if let Some(g) = ma.payload::<PyGetSet>() {
                    if let Some(set) = g.set {
                        return set(self, o, value);
                    }
                }
            }
            let key = self.intern_str(name);
            match value {
                Some(v) => {
                    t.set_attr(key, v);
                }
                None => {
                    if t.attrs.borrow_mut().remove(name).is_none() {
                        return Err(self.attribute_error(o, name));
                    }
                }
            }
            crate::objects::typeobj::update_special_flags(self, t);
            if name.as_str() == "__del__" {
                t.core
                    .has_finalizer
                    .set(t.lookup(&self.intern("__del__")).is_some());
            }
            return Ok(());
        }
        let cls = o.class();
        if let Some(a) = cls.lookup(name) {
            if let Some(g) = a.payload::<PyGetSet>() {
                return match g.set {
                    Some(set) => set(self, o, value),
                    None => Err(self.new_attribute_error(format!(
                        "attribute '{}' of '{}' objects is not writable",
                        name.as_str(),
                        cls.name()
                    ))),
                };
            }
            if let Some(m) = a.payload::<PyMemberDescr>() {
                let slots = crate::heap::slot_values(o)
                    .ok_or_else(|| self.new_type_error("bad slot access"))?;
                let cell = &slots[m.index];
                if value.is_none() && cell.borrow().is_none() {
                    return Err(self.new_attribute_error(format!(
                        "'{}' object has no attribute '{}'",
                        cls.name(),
                        m.name
                    )));
                }
                let old = std::mem::replace(&mut *cell.borrow_mut(), value);
                drop(old);
                return Ok(());
            }
            if let Some(p) = a.payload::<PyProperty>() {
                let f = if value.is_some() {
                    p.fset.borrow().clone()
                } else {
                    p.fdel.borrow().clone()
                };
                return match f {
                    Some(f) => {
                        let mut args = vec![o.clone()];
                        args.extend(value);
                        self.call(&f, &args).map(|_| ())
                    }
                    None => Err(self.new_attribute_error(format!(
                        "property {}of '{}' object has no {}",
                        self.property_name(&a),
                        cls.name(),
                        if value.is_some() { "setter" } else { "deleter" }
                    ))),
                };
            }
            if a.class().is_heap_type() {
                let m = if value.is_some() {
                    "__set__"
                } else {
                    "__delete__"
                };
                if let Some(f) = a.class().lookup(&self.intern(m)) {
                    let mut args = vec![a.clone(), o.clone()];
                    args.extend(value);
                    return self.call_unbound(&f, &args).map(|_| ());
                }
            }
        }
        // Instances of `__slots__` classes without `__dict__` have the storage but no dict.
        let dict_slot = o
            .dict_slot()
            .filter(|_| !cls.is_heap_type() || cls.has_flag(flags::HAS_DICT));
        let Some(slot) = dict_slot else {
            return Err(if cls.lookup(name).is_some() {
                self.new_attribute_error(format!(
                    "'{}' object attribute '{}' is read-only",
                    cls.name(),
                    name.as_str()
                ))
            } else {
                self.new_attribute_error(format!(
                    "'{}' object has no attribute '{}'",
                    cls.name(),
                    name.as_str()
                ))
            });
        };
        if slot.borrow().is_none() {
            if value.is_none() {
                return Err(self.attribute_error(o, name));
            }
            *slot.borrow_mut() = Some(self.new_dict().into());
        }
        let d = slot.borrow().clone().unwrap();
        let d = d.payload::<PyDict>().unwrap();
        match value {
            Some(v) => d.set_item_str(self, name, v),
            None => {
                if d.del_item(self, name.as_object())?.is_none() {
                    return Err(self.attribute_error(o, name));
                }
            }
        }
        Ok(())
    }

    /// `setattr(o, name, value)` / `delattr` with `__setattr__` overrides.
    pub fn set_attribute(
        &self,
        o: &PyObjectRef,
        name: &PyStrRef,
        value: Option<PyObjectRef>,
    ) -> PyResult<()> {
        let cls = o.class();
        if cls.flags.get() & flags::CUSTOM_SETATTR != 0 {
            let (m, args) = match value {
                Some(v) => ("__setattr__", vec![o.clone(), name.clone().into(), v]),
                None => ("__delattr__", vec![o.clone(), name.clone().into()]),
            };
            let f = cls.lookup(&self.intern(m)).unwrap();
            return self.call_unbound(&f, &args).map(|_| ());
        }
        self.generic_setattr(o, name, value)
    }

    pub fn new_bound_method(&self, func: PyObjectRef, obj: PyObjectRef) -> PyObjectRef {
        self.new_object(
            PyBoundMethod { func, obj },
            &self.ctx.types.bound_method_type,
        )
        .into()
    }

    /// `obj.name(*args)`.
    pub fn call_method(&self, o: &PyObject, name: &str, args: &[PyObjectRef]) -> PyResult {
        let f = self.get_attribute(&o.to_owned(), &self.intern(name))?;
        self.call(&f, args)
    }

    // ----- repr / str / hash / compare / truth -----

    pub fn repr(&self, o: &PyObject) -> PyResult<PyStrRef> {
        let cls = o.class();
        if !cls.is_heap_type() {
            if let Some(s) = o.payload::<PyStr>() {
                return Ok(self.new_str_ref(&crate::objects::str::repr_str(s.as_str())));
            }
            if let Some(i) = o.payload::<PyInt>() {
                if cls.as_object().is(self.ctx.types.int_type.as_object()) {
                    return Ok(self.new_str_ref(&i.to_string_radix(10)));
                }
            }
        }
        let Some(m) = cls.lookup(&self.intern("__repr__")) else {
            return Ok(self.new_str_ref(&self.default_repr(o)));
        };
        self.check_recursion(" while getting the repr of an object")?;
        let r = self.call_unbound(&m, &[o.to_owned()]);
        self.leave_recursion();
        let r = r?;
        r.clone().downcast::<PyStr>().map_err(|_| {
            self.new_type_error(format!(
                "__repr__ returned non-string (type {})",
                r.class().name()
            ))
        })
    }

    pub fn str(&self, o: &PyObject) -> PyResult<PyStrRef> {
        let cls = o.class();
        if cls.as_object().is(self.ctx.types.str_type.as_object()) {
            return Ok(o.to_owned().downcast::<PyStr>().ok().unwrap());
        }
        if !cls.is_heap_type() {
            if let Some(f) = o.payload::<PyFloat>() {
                return Ok(self.new_str_ref(&crate::objects::float::float_repr(f.value)));
            }
        }
        let Some(m) = cls.lookup(&self.intern("__str__")) else {
            return self.repr(o);
        };
        self.check_recursion(" while getting the str of an object")?;
        let r = self.call_unbound(&m, &[o.to_owned()]);
        self.leave_recursion();
        let r = r?;
        r.clone().downcast::<PyStr>().map_err(|_| {
            self.new_type_error(format!(
                "__str__ returned non-string (type {})",
                r.class().name()
            ))
        })
    }

    pub fn hash(&self, o: &PyObject) -> PyResult<i64> {
        if let Some(s) = o.payload::<PyStr>() {
            if !o.class().is_heap_type() {
                return Ok(s.hash());
            }
        }
        if let Some(i) = o.payload::<PyInt>() {
            if !o.class().is_heap_type() {
                return Ok(i.hash());
            }
        }
        let cls = o.class();
        match cls.lookup(&self.intern("__hash__")) {
            Some(h) if !self.is_none(&h) => {
                let r = self.call_unbound(&h, &[o.to_owned()])?;
                match r.payload::<PyInt>() {
                    Some(i) => Ok(match i.as_small() {
                        Some(v) if v == -1 => -2,
                        Some(v) => v,
                        None => i.hash(),
                    }),
                    None => Err(self.new_type_error("__hash__ method should return an integer")),
                }
            }
            _ => Err(self.new_type_error(format!("unhashable type: '{}'", cls.name()))),
        }
    }

    /// `a == b` as a bool (identity implies equality, as CPython's containers).
    pub fn eq(&self, a: &PyObject, b: &PyObject) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        let r = self.rich_compare(a, b, ComparisonOperator::Equal)?;
        self.is_true(&r)
    }

    pub fn lt(&self, a: &PyObject, b: &PyObject) -> PyResult<bool> {
        let r = self.rich_compare(a, b, ComparisonOperator::Less)?;
        self.is_true(&r)
    }

    pub fn rich_compare(&self, a: &PyObject, b: &PyObject, op: ComparisonOperator) -> PyResult {
        if let Some(r) = crate::eval::ops::fast_compare(self, a, b, op) {
            return r;
        }
        use ComparisonOperator::*;
        let (name, rname) = match op {
            Less => ("__lt__", "__gt__"),
            LessOrEqual => ("__le__", "__ge__"),
            Equal => ("__eq__", "__eq__"),
            NotEqual => ("__ne__", "__ne__"),
            Greater => ("__gt__", "__lt__"),
            GreaterOrEqual => ("__ge__", "__le__"),
        };
        let ca = a.class();
        let cb = b.class();
        let reflected_first = !ca.as_object().is(cb.as_object())
            && cb.is_subtype(ca)
            && cb.lookup(&self.intern(rname)).is_some();
        self.check_recursion(" in comparison")?;
        let result = (|| {
            if reflected_first {
                if let Some(r) = self.call_special(b, rname, &[a.to_owned()])? {
                    if !r.is(&self.ctx.not_implemented) {
                        return Ok(r);
                    }
                }
            }
            if let Some(r) = self.call_special(a, name, &[b.to_owned()])? {
                if !r.is(&self.ctx.not_implemented) {
                    return Ok(r);
                }
            }
            if !reflected_first {
                if let Some(r) = self.call_special(b, rname, &[a.to_owned()])? {
                    if !r.is(&self.ctx.not_implemented) {
                        return Ok(r);
                    }
                }
            }
            match op {
                Equal => Ok(self.new_bool(a.is(b))),
                NotEqual => Ok(self.new_bool(!a.is(b))),
                _ => Err(self.new_type_error(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    ca.name(),
                    cb.name()
                ))),
            }
        })();
        self.leave_recursion();
        result
    }

    /// Truth value (`bool(o)`).
    pub fn is_true(&self, o: &PyObject) -> PyResult<bool> {
        if o.is(&self.ctx.true_obj) {
            return Ok(true);
        }
        if o.is(&self.ctx.false_obj) || o.is(&self.ctx.none) {
            return Ok(false);
        }
        let cls = o.class();
        if !cls.is_heap_type() {
            if let Some(i) = o.payload::<PyInt>() {
                return Ok(!i.is_zero() && !matches!(i.as_small(), Some(0)));
            }
            if let Some(s) = o.payload::<PyStr>() {
                return Ok(!s.as_str().is_empty());
            }
            if let Some(l) = o.payload::<PyList>() {
                return Ok(!l.is_empty());
            }
            if let Some(t) = o.payload::<PyTuple>() {
                return Ok(!t.is_empty());
            }
            if let Some(d) = o.payload::<PyDict>() {
                return Ok(!d.is_empty());
            }
            if let Some(f) = o.payload::<PyFloat>() {
                return Ok(f.value != 0.0);
            }
        }
        if let Some(m) = cls.lookup(&self.intern("__bool__")) {
            let r = self.call_unbound(&m, &[o.to_owned()])?;
            if let Some(i) = r.payload::<PyInt>().filter(|_| {
                r.class()
                    .as_object()
                    .is(self.ctx.types.bool_type.as_object())
            }) {
                return Ok(!i.is_zero());
            }
            return Err(self.new_type_error(format!(
                "__bool__ should return bool, returned {}",
                r.class().name()
            )));
        }
        if let Some(m) = cls.lookup(&self.intern("__len__")) {
            let r = self.call_unbound(&m, &[o.to_owned()])?;
            let n = self.len_result(&r)?;
            return Ok(n > 0);
        }
        Ok(true)
    }

    fn len_result(&self, r: &PyObject) -> PyResult<usize> {
        match r.payload::<PyInt>() {
            Some(i) => match i.as_small() {
                Some(v) if v < 0 => Err(self.new_value_error("__len__() should return >= 0")),
                Some(v) => Ok(v as usize),
                None => {
                    Err(self.new_overflow_error("cannot fit 'int' into an index-sized integer"))
                }
            },
            None => Err(self.new_type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                r.class().name()
            ))),
        }
    }

    // ----- Containers -----

    pub fn len(&self, o: &PyObject) -> PyResult<usize> {
        let cls = o.class();
        if !cls.is_heap_type() {
            if let Some(l) = o.payload::<PyList>() {
                return Ok(l.len());
            }
            if let Some(t) = o.payload::<PyTuple>() {
                return Ok(t.len());
            }
            if let Some(s) = o.payload::<PyStr>() {
                return Ok(s.char_len());
            }
            if let Some(d) = o.payload::<PyDict>() {
                return Ok(d.len());
            }
        }
        match cls.lookup(&self.intern("__len__")) {
            Some(m) => {
                let r = self.call_unbound(&m, &[o.to_owned()])?;
                self.len_result(&r)
            }
            None => {
                Err(self.new_type_error(format!("object of type '{}' has no len()", cls.name())))
            }
        }
    }

    pub fn getitem(&self, o: &PyObject, key: &PyObject) -> PyResult {
        let cls = o.class();
        if !cls.is_heap_type() {
            if let Some(l) = o.payload::<PyList>() {
                return crate::objects::list::list_getitem_impl(self, l, key);
            }
            if let Some(t) = o.payload::<PyTuple>() {
                return crate::objects::tuple::tuple_getitem_impl(self, t, key);
            }
            if let Some(d) = o.payload::<PyDict>() {
                return match d.get_item(self, key)? {
                    Some(v) => Ok(v),
                    None => Err(self.new_key_error(key.to_owned())),
                };
            }
        }
        if let Some(m) = cls.lookup(&self.intern("__getitem__")) {
            return self.call_unbound(&m, &[o.to_owned(), key.to_owned()]);
        }
        if let Some(t) = o.downcast_ref::<PyType>() {
            if let Some(cg) = t.lookup(&self.intern("__class_getitem__")) {
                let f = self.descr_get(&cg, None, Some(o))?;
                return self.call(&f, &[key.to_owned()]);
            }
            return Err(self.new_type_error(format!("type '{}' is not subscriptable", t.name())));
        }
        Err(self.new_type_error(format!("'{}' object is not subscriptable", cls.name())))
    }

    pub fn setitem(&self, o: &PyObject, key: PyObjectRef, value: PyObjectRef) -> PyResult<()> {
        let cls = o.class();
        if !cls.is_heap_type() {
            if let Some(l) = o.payload::<PyList>() {
                return crate::objects::list::list_setitem_impl(self, l, &key, value);
            }
            if let Some(d) = o.payload::<PyDict>() {
                return d.set_item(self, key, value);
            }
        }
        match cls.lookup(&self.intern("__setitem__")) {
            Some(m) => self
                .call_unbound(&m, &[o.to_owned(), key, value])
                .map(|_| ()),
            None => Err(self.new_type_error(format!(
                "'{}' object does not support item assignment",
                cls.name()
            ))),
        }
    }

    pub fn delitem(&self, o: &PyObject, key: &PyObject) -> PyResult<()> {
        let cls = o.class();
        match cls.lookup(&self.intern("__delitem__")) {
            Some(m) => self
                .call_unbound(&m, &[o.to_owned(), key.to_owned()])
                .map(|_| ()),
            None => Err(self.new_type_error(format!(
                "'{}' object does not support item deletion",
                cls.name()
            ))),
        }
    }

    pub fn contains(&self, container: &PyObject, item: &PyObject) -> PyResult<bool> {
        let cls = container.class();
        if let Some(m) = cls.lookup(&self.intern("__contains__")) {
            let r = self.call_unbound(&m, &[container.to_owned(), item.to_owned()])?;
            return self.is_true(&r);
        }
        let it = self.get_iter(container).map_err(|_| {
            self.new_type_error(format!("argument of type '{}' is not iterable", cls.name()))
        })?;
        while let Some(x) = self.next(&it)? {
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    // ----- Iteration -----

    pub fn get_iter(&self, o: &PyObject) -> PyResult {
        let cls = o.class();
        if let Some(m) = cls.lookup(&self.intern("__iter__")) {
            if self.is_none(&m) {
                return Err(self.new_type_error(format!("'{}' object is not iterable", cls.name())));
            }
            let it = self.call_unbound(&m, &[o.to_owned()])?;
            if it.class().lookup(&self.intern("__next__")).is_none() {
                return Err(self.new_type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    it.class().name()
                )));
            }
            return Ok(it);
        }
        if cls.lookup(&self.intern("__getitem__")).is_some() && o.payload::<PyType>().is_none() {
            return Ok(crate::objects::iter::new_getitem_iter(self, o.to_owned()));
        }
        Err(self.new_type_error(format!("'{}' object is not iterable", cls.name())))
    }

    /// `next(it)`: `Ok(None)` on exhaustion (StopIteration swallowed).
    pub fn next(&self, it: &PyObject) -> PyResult<Option<PyObjectRef>> {
        if let Some(s) = it.payload::<PySeqIter>() {
            return crate::objects::iter::seq_iter_next(self, s);
        }
        if let Some(r) = it.payload::<PyRangeIter>() {
            // Native loops over a range (`sum(range(10**10))`) meet the periodic check here.
            crate::interrupt::tick(self)?;
            return Ok(crate::objects::iter::range_iter_next(r).map(|v| self.new_int(v)));
        }
        if it.payload::<PyGenerator>().is_some() {
            return crate::eval::generator::gen_next(self, &it.to_owned());
        }
        let cls = it.class();
        let Some(m) = cls.lookup(&self.intern("__next__")) else {
            return Err(self.new_type_error(format!("'{}' object is not an iterator", cls.name())));
        };
        match self.call_unbound(&m, &[it.to_owned()]) {
            Ok(v) => Ok(Some(v)),
            Err(e)
                if e.as_object()
                    .class()
                    .is_subtype(&self.ctx.exc.stop_iteration) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Collects an iterable into a Vec.
    pub fn iterate(&self, o: &PyObject) -> PyResult<Vec<PyObjectRef>> {
        if !o.class().is_heap_type() {
            if let Some(l) = o.payload::<PyList>() {
                return Ok(l.to_vec());
            }
            if let Some(t) = o.payload::<PyTuple>() {
                return Ok(t.as_slice().to_vec());
            }
        }
        // A range knows its length: CPython preallocates from the length hint, so
        // `list(range(10**12))` is a MemoryError at once, not a slow death.
        let mut out = Vec::new();
        if let Some(r) = o.payload::<crate::objects::PyRange>() {
            let n = if r.big.is_some() { usize::MAX } else { r.len() };
            crate::objects::list::check_size(self, n, 8)?;
            out.try_reserve_exact(n)
                .map_err(|_| self.new_memory_error())?;
        }
        let it = self.get_iter(o)?;
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    // ----- Calls -----

    /// Calls with positional arguments.
    pub fn call(&self, f: &PyObject, args: &[PyObjectRef]) -> PyResult {
        self.call_args(f, Args::positional_only(args))
    }

    /// Calls with positional and keyword arguments (vectorcall layout).
    pub fn call_args(&self, f: &PyObject, args: Args) -> PyResult {
        crate::eval::call::call_object(self, f, args)
    }

    /// `cls(*args, **kwargs)`.
    pub fn call_type(&self, cls: &PyTypeRef, args: Args) -> PyResult {
        if cls.as_object().is(self.ctx.types.type_type.as_object())
            && args.args.len() == 1
            && args.kwnames.is_empty()
        {
            return Ok(args.args[0].class_obj().to_owned());
        }
        let new = cls.lookup(&self.intern("__new__")).ok_or_else(|| {
            self.new_type_error(format!("cannot create '{}' instances", cls.name()))
        })?;
        let full = crate::args::prepend(cls.clone().into(), args.args);
        let new_args = Args::new(&full, args.kwnames);
        let new_f = if let Some(s) = new.payload::<PyStaticMethod>() {
            s.callable.borrow().clone()
        } else {
            new
        };
        let obj = self.call_args(&new_f, new_args)?;
        if !obj.class().is_subtype(cls) {
            return Ok(obj);
        }
        if let Some(init) = obj.class().lookup(&self.intern("__init__")) {
            let full = crate::args::prepend(obj.clone(), args.args);
            let r = if let Some(d) = init.payload::<PyMethodDescr>() {
                (d.func)(self, Args::new(&full, args.kwnames))?
            } else {
                self.call_args(&init, Args::new(&full, args.kwnames))?
            };
            if !self.is_none(&r) {
                return Err(self.new_type_error(format!(
                    "__init__() should return None, not '{}'",
                    r.class().name()
                )));
            }
        }
        Ok(obj)
    }

    /// `__init_subclass__` of the parent and `__set_name__` of descriptors.
    pub fn init_subclass(&self, t: &PyTypeRef, args: Args) -> PyResult<()> {
        for (k, v) in t.attrs.borrow().entries().to_vec() {
            if let Some(sn) = v.class().lookup(&self.intern("__set_name__")) {
                if v.class().is_heap_type() {
                    self.call_unbound(&sn, &[v.clone(), t.clone().into(), k.clone().into()])?;
                }
            }
        }
        let sup = t.mro.borrow().first().cloned();
        if let Some(parent) = sup {
            if let Some(f) = parent.lookup(&self.intern("__init_subclass__")) {
                let bound = self.descr_get(&f, None, Some(t.as_object()))?;
                let bound = if let Some(c) = f.payload::<PyClassMethod>() {
                    let cf = c.callable.borrow().clone();
                    if let Some(d) = cf.payload::<PyMethodDescr>() {
                        self.new_builtin_function(d.name, d.func, Some(t.clone().into()))
                    } else {
                        self.new_bound_method(cf, t.clone().into())
                    }
                } else {
                    bound
                };
                let kw_start = args.args.len() - args.kwnames.len();
                self.call_args(&bound, Args::new(&args.args[kw_start..], args.kwnames))?;
            }
        }
        Ok(())
    }

    // ----- Arithmetic -----

    pub fn binary_op(&self, a: &PyObject, b: &PyObject, op: BinaryOperator) -> PyResult {
        crate::eval::ops::binary_op(self, a, b, op)
    }

    // ----- Recursion -----

    /// Enters one level of Python-visible recursion.
    #[inline]
    pub fn check_recursion(&self, what: &str) -> PyResult<()> {
        let d = self.recursion_depth.get() + 1;
        self.recursion_depth.set(d);
        if d > self.recursion_limit.get() || self.native_stack_exhausted() {
            self.recursion_depth.set(d - 1);
            return Err(self.new_recursion_error(format!("maximum recursion depth exceeded{what}")));
        }
        Ok(())
    }

    #[inline]
    pub fn leave_recursion(&self) {
        self.recursion_depth.set(self.recursion_depth.get() - 1);
    }

    /// True when the native stack used since the outermost eval exceeds the budget.
    #[inline]
    pub fn native_stack_exhausted(&self) -> bool {
        let marker = 0u8;
        let here = &marker as *const u8 as usize;
        let base = self.stack_base.get();
        base != 0 && base.saturating_sub(here) > self.stack_budget.get()
    }

    #[allow(dead_code)]
    fn unused(&self, _r: PyRef<PyList>) {}
}
