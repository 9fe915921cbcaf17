//! `type`: type objects, their attribute tables, C3 MRO, class creation and `type.__call__`.
//!
//! A type object's payload is [`PyType`], `repr(C)` with the heap's [`TypeCore`] first
//! (the vtable of its instances' payload). Attributes live in an [`AttrTable`] keyed by
//! interned strings (pointer identity), so lookups along the MRO never run Python
//! code. `cls.__dict__` is a `mappingproxy` over it. Instance construction and the
//! attribute protocol of instances are in `protocol.rs`; `super` is in `super_.rs`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::args::Args;
use crate::heap::{
    ext_vtable_of, new_object, new_self_typed, vtable_of, Py, PyObject, PyObjectRef, PyPayload,
    PyRef, TypeCore, VTable,
};
use crate::objects::{PyStr, PyStrRef, PyTuple};
use crate::vm::{PyResult, Vm};

pub type PyTypeRef = PyRef<PyType>;

/// Flags of a type object.
pub mod flags {
    /// Can be subclassed.
    pub const BASETYPE: u32 = 1;
    /// Instances have a `__dict__`.
    pub const HAS_DICT: u32 = 2;
    /// Defines `__getattribute__` other than `object`'s (checked by `getattr`).
    pub const CUSTOM_GETATTRIBUTE: u32 = 4;
    /// Defines `__getattr__`.
    pub const HAS_GETATTR: u32 = 8;
    /// Defines `__setattr__` or `__delattr__` other than `object`'s.
    pub const CUSTOM_SETATTR: u32 = 16;
    /// Is BaseException or a subclass.
    pub const EXCEPTION: u32 = 32;
    /// Instances have a weakref slot (no `__slots__`, or `'__weakref__'` in them).
    pub const HAS_WEAKREF: u32 = 64;
}

/// The attributes of a type, keyed by interned strings, in insertion order.
#[derive(Default)]
pub struct AttrTable {
    entries: Vec<(PyStrRef, PyObjectRef)>,
    index: HashMap<usize, usize, PtrHash>,
}

/// Hashes an object address (an interned name's pointer) with one multiply: the keys
/// are already unique, SipHash only cost time on every attribute lookup.
#[derive(Default, Clone, Copy)]
pub struct PtrHash;

impl std::hash::BuildHasher for PtrHash {
    type Hasher = PtrHasher;
    fn build_hasher(&self) -> PtrHasher {
        PtrHasher(0)
    }
}

#[derive(Default)]
pub struct PtrHasher(u64);

impl std::hash::Hasher for PtrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = ((n as u64) >> 4)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(26);
    }
}

impl AttrTable {
    pub fn get(&self, name: &Py<PyStr>) -> Option<&PyObjectRef> {
        if name.is_interned() {
            self.index
                .get(&name.as_object().addr())
                .map(|&i| &self.entries[i].1)
        } else {
            self.entries
                .iter()
                .find(|(k, _)| k.as_str() == name.as_str())
                .map(|(_, v)| v)
        }
    }

    /// Inserts or replaces; `name` must be interned. Returns the old value.
    pub fn insert(&mut self, name: PyStrRef, value: PyObjectRef) -> Option<PyObjectRef> {
        debug_assert!(name.is_interned());
        let key = name.as_object().addr();
        if let Some(&i) = self.index.get(&key) {
            Some(std::mem::replace(&mut self.entries[i].1, value))
        } else {
            self.index.insert(key, self.entries.len());
            self.entries.push((name, value));
            None
        }
    }

    pub fn remove(&mut self, name: &Py<PyStr>) -> Option<PyObjectRef> {
        let pos = self
            .entries
            .iter()
            .position(|(k, _)| k.as_str() == name.as_str())?;
        let (_, v) = self.entries.remove(pos);
        self.index.clear();
        for (i, (k, _)) in self.entries.iter().enumerate() {
            self.index.insert(k.as_object().addr(), i);
        }
        Some(v)
    }

    pub fn entries(&self) -> &[(PyStrRef, PyObjectRef)] {
        &self.entries
    }
}

/// The payload of a type object.
#[repr(C)]
pub struct PyType {
    pub core: TypeCore,
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    /// `__bases__`.
    pub bases: RefCell<Vec<PyTypeRef>>,
    /// `__base__`: the solid base (None for `object`).
    pub base: RefCell<Option<PyTypeRef>>,
    /// The MRO without the type itself (avoids a self-reference).
    pub mro: RefCell<Vec<PyTypeRef>>,
    pub attrs: RefCell<AttrTable>,
    pub flags: Cell<u32>,
    /// The vtable of instances of subclasses created by `class` statements.
    pub ext_vtable: Option<&'static VTable>,
    /// Number of `__slots__` values per instance, bases included.
    pub nslots: usize,
    /// This class's own `__slots__` names (for `member_descriptor`s).
    pub slot_names: Vec<String>,
}

impl PyPayload for PyType {
    const GC: bool = true;
}

impl PyType {
    pub fn name(&self) -> std::cell::Ref<'_, String> {
        self.name.borrow()
    }

    pub fn has_flag(&self, f: u32) -> bool {
        self.flags.get() & f != 0
    }

    pub fn is_heap_type(&self) -> bool {
        self.core.heap_type
    }

    /// Looks `name` up in the type and its MRO (CPython `_PyType_Lookup`).
    pub fn lookup(&self, name: &Py<PyStr>) -> Option<PyObjectRef> {
        if let Some(v) = self.attrs.borrow().get(name) {
            return Some(v.clone());
        }
        for t in self.mro.borrow().iter() {
            if let Some(v) = t.attrs.borrow().get(name) {
                return Some(v.clone());
            }
        }
        None
    }

    /// Like `lookup` but also tells which class had it.
    pub fn lookup_with_owner(
        self_ref: &PyTypeRef,
        name: &Py<PyStr>,
    ) -> Option<(PyObjectRef, PyTypeRef)> {
        if let Some(v) = self_ref.attrs.borrow().get(name) {
            return Some((v.clone(), self_ref.clone()));
        }
        for t in self_ref.mro.borrow().iter() {
            if let Some(v) = t.attrs.borrow().get(name) {
                return Some((v.clone(), t.clone()));
            }
        }
        None
    }

    /// Is `self` the same as or a subclass of `other`?
    pub fn is_subtype(&self, other: &Py<PyType>) -> bool {
        if std::ptr::eq(self, &**other) {
            return true;
        }
        self.mro
            .borrow()
            .iter()
            .any(|t| t.as_object().is(other.as_object()))
    }

    /// The full MRO including the type itself.
    pub fn mro_with_self(self_ref: &PyTypeRef) -> Vec<PyTypeRef> {
        let mut v = vec![self_ref.clone()];
        v.extend(self_ref.mro.borrow().iter().cloned());
        v
    }

    pub fn set_attr(&self, name: PyStrRef, value: PyObjectRef) {
        let old = self.attrs.borrow_mut().insert(name, value);
        drop(old);
    }
}

/// Extension: the type object of any object, typed.
pub trait ObjectClass {
    fn class(&self) -> &Py<PyType>;
}

impl ObjectClass for PyObject {
    #[inline]
    fn class(&self) -> &Py<PyType> {
        // Every type object's payload is a `PyType` (metaclass instances included).
        self.class_obj()
            .downcast_ref::<PyType>()
            .expect("type object without PyType payload")
    }
}

fn blank_type(
    name: &str,
    vtable: &'static VTable,
    heap: bool,
    basetype: bool,
    ext: Option<&'static VTable>,
) -> PyType {
    PyType {
        core: TypeCore::new(vtable, heap),
        name: RefCell::new(name.to_string()),
        qualname: RefCell::new(name.to_string()),
        bases: RefCell::new(Vec::new()),
        base: RefCell::new(None),
        mro: RefCell::new(Vec::new()),
        attrs: RefCell::new(AttrTable::default()),
        flags: Cell::new(if basetype { flags::BASETYPE } else { 0 }),
        ext_vtable: if basetype { ext } else { None },
        nslots: 0,
        slot_names: Vec::new(),
    }
}

/// Creates `type` itself (its type is itself).
pub(crate) fn new_type_type() -> PyTypeRef {
    new_self_typed(blank_type(
        "type",
        vtable_of::<PyType>(),
        false,
        true,
        Some(vtable_of::<PyType>()),
    ))
}

/// Creates `object`.
pub(crate) fn new_object_type(type_type: &PyTypeRef) -> PyTypeRef {
    let t = new_object(
        blank_type(
            "object",
            vtable_of::<crate::objects::PyBaseObject>(),
            false,
            true,
            Some(ext_vtable_of::<crate::objects::PyBaseObject>()),
        ),
        type_type.as_object(),
    );
    crate::heap::keep_immortal(t.as_object().addr());
    crate::heap::keep_immortal(type_type.as_object().addr());
    // object_type_untracked: static types are never tracked by the gc.
    crate::heap::collect::untrack(t.as_object());
    *type_type.base.borrow_mut() = Some(t.clone());
    *type_type.bases.borrow_mut() = vec![t.clone()];
    *type_type.mro.borrow_mut() = vec![t.clone()];
    t
}

/// Creates a static builtin type whose instances have payload `T`.
pub(crate) fn new_static_type<T: PyPayload>(
    type_type: &PyTypeRef,
    name: &str,
    base: Option<&PyTypeRef>,
    basetype: bool,
) -> PyTypeRef {
    let t = new_static_type_vt(type_type, name, base, basetype, vtable_of::<T>());
    t
}

pub(crate) fn new_static_type_vt(
    type_type: &PyTypeRef,
    name: &str,
    base: Option<&PyTypeRef>,
    basetype: bool,
    vtable: &'static VTable,
) -> PyTypeRef {
    let ext = ext_vtable_for(vtable);
    let ty = blank_type(name, vtable, false, basetype, ext);
    let t = new_object(ty, type_type.as_object());
    // Static types are never freed: keep them reachable for leak checkers.
    crate::heap::keep_immortal(t.as_object().addr());
    // CPython's static types are never tracked by the gc.
    crate::heap::collect::untrack(t.as_object());
    if let Some(b) = base {
        *t.base.borrow_mut() = Some(b.clone());
        *t.bases.borrow_mut() = vec![b.clone()];
        let mut mro = vec![b.clone()];
        mro.extend(b.mro.borrow().iter().cloned());
        *t.mro.borrow_mut() = mro;
        if b.has_flag(flags::EXCEPTION) {
            t.flags.set(t.flags.get() | flags::EXCEPTION);
        }
    }
    t
}

/// Maps a payload vtable to the vtable of its class-statement subclasses. Vtables are
/// compared by content (`same_vtable`): their addresses differ across codegen units.
fn ext_vtable_for(vtable: &'static VTable) -> Option<&'static VTable> {
    use crate::heap::same_vtable;
    use crate::objects::*;
    macro_rules! pick {
        ($($t:ty),*) => {
            $(if same_vtable(vtable, vtable_of::<$t>()) { return Some(ext_vtable_of::<$t>()); })*
        };
    }
    pick!(
        PyBaseObject,
        PyInt,
        PyFloat,
        PyComplex,
        PyStr,
        PyBytes,
        PyByteArray,
        PyList,
        PyTuple,
        PyDict,
        PySet,
        PyBaseException,
        PyProperty,
        PyStaticMethod,
        PyClassMethod,
        PyModule,
        PySuper,
        PyEnumerate,
        PyZip,
        PyMap,
        PyFilter,
        PySeqIter
    );
    if same_vtable(vtable, vtable_of::<PyType>()) {
        return Some(vtable_of::<PyType>());
    }
    // Exception classes already use the extended layout.
    if same_vtable(vtable, ext_vtable_of::<PyBaseException>()) {
        return Some(vtable);
    }
    None
}

/// C3 linearisation of `bases` for a new class.
pub fn compute_mro(vm: &Vm, bases: &[PyTypeRef]) -> PyResult<Vec<PyTypeRef>> {
    let mut seqs: Vec<Vec<PyTypeRef>> = bases.iter().map(PyType::mro_with_self).collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|x| x.as_object().is(cand.as_object())));
            if !in_tail {
                found = Some(cand.clone());
                break;
            }
        }
        let Some(c) = found else {
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = s[0].name().clone();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(vm.new_type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].as_object().is(c.as_object()) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// `type(name, bases, ns)` and class statements: builds a heap type.
pub fn new_heap_type(
    vm: &Vm,
    metatype: &PyTypeRef,
    name: &str,
    bases: Vec<PyTypeRef>,
    ns: &crate::objects::PyDictRef,
) -> PyResult<PyTypeRef> {
    let bases = if bases.is_empty() {
        vec![vm.ctx.types.object_type.clone()]
    } else {
        bases
    };
    for b in &bases {
        if !b.has_flag(flags::BASETYPE) {
            return Err(vm.new_type_error(format!(
                "type '{}' is not an acceptable base type",
                b.name()
            )));
        }
    }
    let mro = compute_mro(vm, &bases)?;
    // The solid base: the most derived base whose instances have a non-object layout.
    let mut solid = bases[0].clone();
    let object_vt = vtable_of::<crate::objects::PyBaseObject>();
    for b in &bases {
        let bv = b.core.vtable.get();
        if bv.base_type_id != object_vt.base_type_id {
            let sv = solid.core.vtable.get();
            if sv.base_type_id == object_vt.base_type_id {
                solid = b.clone();
            } else if sv.base_type_id != bv.base_type_id {
                return Err(vm.new_type_error("multiple bases have instance lay-out conflict"));
            }
        }
    }
    let vtable = if solid.is_heap_type() {
        solid.core.vtable.get()
    } else {
        solid.ext_vtable.ok_or_else(|| {
            vm.new_type_error(format!(
                "type '{}' is not an acceptable base type",
                solid.name()
            ))
        })?
    };
    // __slots__
    let slots_key = vm.intern("__slots__");
    let mut slot_names = Vec::new();
    let mut has_dict = true;
    let mut has_weakref = true;
    if let Some(slots) = ns.get_item_str(vm, &slots_key)? {
        has_dict = false;
        has_weakref = false;
        let items: Vec<PyObjectRef> = if let Some(s) = slots.payload::<PyStr>() {
            let _ = s;
            vec![slots.clone()]
        } else {
            vm.iterate(&slots)?
        };
        for it in items {
            let Some(s) = it.payload::<PyStr>() else {
                return Err(vm.new_type_error(format!(
                    "__slots__ items must be strings, not '{}'",
                    it.class().name()
                )));
            };
            if s.as_str() == "__dict__" {
                has_dict = true;
            } else if s.as_str() == "__weakref__" {
                has_weakref = true;
            } else {
                slot_names.push(s.as_str().to_string());
            }
        }
    }
    let base_slots: usize = bases.iter().map(|b| b.nslots).max().unwrap_or(0);
    let inherits_dict = bases.iter().any(|b| b.has_flag(flags::HAS_DICT));
    let mut fl = flags::BASETYPE;
    if has_dict || inherits_dict {
        fl |= flags::HAS_DICT;
    }
    if has_weakref || bases.iter().any(|b| b.has_flag(flags::HAS_WEAKREF)) {
        fl |= flags::HAS_WEAKREF;
    }
    if bases.iter().any(|b| b.has_flag(flags::EXCEPTION)) {
        fl |= flags::EXCEPTION;
    }
    let ty = PyType {
        core: TypeCore::new(vtable, true),
        name: RefCell::new(name.to_string()),
        qualname: RefCell::new(name.to_string()),
        bases: RefCell::new(bases.clone()),
        base: RefCell::new(Some(solid)),
        mro: RefCell::new(mro),
        attrs: RefCell::new(AttrTable::default()),
        flags: Cell::new(fl),
        ext_vtable: Some(vtable),
        nslots: base_slots + slot_names.len(),
        slot_names: slot_names.clone(),
    };
    let t = new_object(ty, metatype.as_object());
    // Copy the namespace.
    for (k, v) in ns.items_vec() {
        let Some(ks) = k.payload::<PyStr>() else {
            continue;
        };
        let key = vm.intern(ks.as_str());
        let v = if ks.as_str() == "__new__"
            || ks.as_str() == "__init_subclass__"
            || ks.as_str() == "__class_getitem__"
        {
            if v.payload::<crate::objects::PyFunction>().is_some() {
                if ks.as_str() == "__new__" {
                    vm.new_object(
                        crate::objects::PyStaticMethod::new(v),
                        &vm.ctx.types.staticmethod_type,
                    )
                    .into()
                } else {
                    vm.new_object(
                        crate::objects::PyClassMethod::new(v),
                        &vm.ctx.types.classmethod_type,
                    )
                    .into()
                }
            } else {
                v
            }
        } else {
            v
        };
        if ks.as_str() == "__qualname__" {
            if let Some(q) = v.payload::<PyStr>() {
                *t.qualname.borrow_mut() = q.as_str().to_string();
            }
            continue;
        }
        t.set_attr(key, v);
    }
    for (i, sname) in slot_names.iter().enumerate() {
        let d = crate::objects::descriptor::PyMemberDescr {
            name: sname.clone(),
            index: base_slots + i,
            owner: t.as_object().addr(),
            owner_name: name.to_string(),
        };
        let key = vm.intern(sname);
        t.set_attr(
            key,
            vm.new_object(d, &vm.ctx.types.member_descriptor_type)
                .into(),
        );
    }
    // The class that introduces the instance `__dict__` / weakref slot gets their
    // getset descriptors (CPython's `subtype_getsets_full`), before `__doc__` and
    // `__hash__` as in CPython's dict order.
    if fl & flags::HAS_DICT != 0 && !inherits_dict {
        let (g, s) = crate::objects::object::dict_getset();
        let d = crate::objects::PyGetSet {
            name: "__dict__",
            get: g,
            set: Some(s),
            owner_name: name.to_string(),
        };
        t.set_attr(
            vm.intern("__dict__"),
            vm.new_object(d, &vm.ctx.types.getset_type).into(),
        );
    }
    if fl & flags::HAS_WEAKREF != 0 && !bases.iter().any(|b| b.has_flag(flags::HAS_WEAKREF)) {
        let d = crate::objects::PyGetSet {
            name: "__weakref__",
            get: get_weakref,
            set: None,
            owner_name: name.to_string(),
        };
        t.set_attr(
            vm.intern("__weakref__"),
            vm.new_object(d, &vm.ctx.types.getset_type).into(),
        );
    }
    if t.attrs.borrow().get(&vm.intern("__doc__")).is_none() {
        t.set_attr(vm.intern("__doc__"), vm.none());
    }
    // CPython's type_new: a class defining `__eq__` but not `__hash__` is unhashable.
    {
        let has_eq = t.attrs.borrow().get(&vm.intern("__eq__")).is_some();
        let has_hash = t.attrs.borrow().get(&vm.intern("__hash__")).is_some();
        if has_eq && !has_hash {
            t.set_attr(vm.intern("__hash__"), vm.none());
        }
    }
    update_special_flags(vm, &t);
    if t.lookup(&vm.intern("__del__")).is_some() {
        t.core.has_finalizer.set(true);
    }
    crate::heap::heap_types::heap_type_created(t.as_object());
    Ok(t)
}

/// `obj.__weakref__`: the first weak reference to `obj`, or None.
fn get_weakref(vm: &Vm, obj: &PyObject) -> PyResult {
    Ok(crate::heap::weak::weakrefs_of(obj)
        .into_iter()
        .next()
        .unwrap_or_else(|| vm.none()))
}

/// Recomputes the flags that depend on which dunders the MRO defines.
pub fn update_special_flags(vm: &Vm, t: &Py<PyType>) {
    let mut fl =
        t.flags.get() & !(flags::CUSTOM_GETATTRIBUTE | flags::HAS_GETATTR | flags::CUSTOM_SETATTR);
    let obj = &vm.ctx.types.object_type;
    let defined_below_object = |name: &str| -> bool {
        let key = vm.intern(name);
        match t.lookup(&key) {
            None => false,
            Some(v) => match obj.attrs.borrow().get(&key) {
                Some(o) => !o.is(&v),
                None => true,
            },
        }
    };
    if t.is_heap_type() {
        if defined_below_object("__getattribute__") {
            fl |= flags::CUSTOM_GETATTRIBUTE;
        }
        if defined_below_object("__getattr__") {
            fl |= flags::HAS_GETATTR;
        }
        if defined_below_object("__setattr__") || defined_below_object("__delattr__") {
            fl |= flags::CUSTOM_SETATTR;
        }
    }
    t.flags.set(fl);
}

/// `cls.__dict__`: a read-only view of a type's attributes.
pub struct PyMappingProxy {
    pub typ: PyTypeRef,
}

impl PyPayload for PyMappingProxy {
    const GC: bool = true;
}

/// `super()` objects.
pub struct PySuper {
    pub typ: PyTypeRef,
    pub obj: Option<PyObjectRef>,
    /// The type the MRO walk uses (`type(obj)` or `obj` itself for a class).
    pub obj_type: Option<PyTypeRef>,
}

impl PyPayload for PySuper {
    const GC: bool = true;
}

fn type_repr(vm: &Vm, args: Args) -> PyResult {
    let t = args.args[0].class_obj();
    let _ = t;
    let me = args.args[0]
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("descriptor '__repr__' requires a 'type' object"))?;
    let module = me.lookup(&vm.intern("__module__"));
    let module = match &module {
        Some(m) if m.payload::<PyStr>().is_some() && me.is_heap_type() => {
            m.payload::<PyStr>().unwrap().as_str().to_string()
        }
        _ => "builtins".to_string(),
    };
    let s = if module == "builtins" {
        format!("<class '{}'>", me.qualname.borrow())
    } else {
        format!("<class '{}.{}'>", module, me.qualname.borrow())
    };
    Ok(vm.new_str(&s))
}

fn type_new(vm: &Vm, args: Args) -> PyResult {
    let pos = args.positional();
    // pos[0] is the metatype.
    let meta = pos[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("type.__new__(X): X is not a type object"))?;
    if pos.len() == 2 && args.kwnames.is_empty() {
        return Ok(pos[1].class_obj().to_owned());
    }
    if pos.len() != 4 {
        return Err(vm.new_type_error("type() takes 1 or 3 arguments"));
    }
    let name = pos[1].payload::<PyStr>().ok_or_else(|| {
        vm.new_type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            pos[1].class().name()
        ))
    })?;
    let bases_t = pos[2].payload::<PyTuple>().ok_or_else(|| {
        vm.new_type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            pos[2].class().name()
        ))
    })?;
    let ns = pos[3]
        .clone()
        .downcast::<crate::objects::PyDict>()
        .map_err(|o| {
            vm.new_type_error(format!(
                "type.__new__() argument 3 must be dict, not {}",
                o.class().name()
            ))
        })?;
    let mut bases = Vec::new();
    for b in bases_t.as_slice() {
        bases.push(
            b.clone()
                .downcast::<PyType>()
                .map_err(|_| vm.new_type_error("bases must be types"))?,
        );
    }
    let t = new_heap_type(vm, &meta, name.as_str(), bases, &ns)?;
    // CPython's type_new: `__module__` defaults to the caller's `__name__`.
    let module_key = vm.intern("__module__");
    if t.attrs.borrow().get(&module_key).is_none() {
        if let Some((globals, _)) = vm.current_scope() {
            if let Some(m) = globals.get_item_str(vm, &vm.intern("__name__"))? {
                t.set_attr(module_key, m);
            }
        }
    }
    vm.init_subclass(&t, args)?;
    Ok(t.into())
}

fn type_call(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("descriptor '__call__' requires a 'type' object"))?;
    vm.call_type(&cls, args.shift())
}

fn type_mro(vm: &Vm, args: Args) -> PyResult {
    let t = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("mro() needs a type"))?;
    Ok(vm.new_list(
        PyType::mro_with_self(&t)
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

fn type_get_mro(vm: &Vm, obj: &PyObject) -> PyResult {
    let t = obj
        .to_owned()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("needs a type"))?;
    Ok(vm.new_tuple(
        PyType::mro_with_self(&t)
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

fn type_get_name(vm: &Vm, obj: &PyObject) -> PyResult {
    let t = obj
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    Ok(vm.new_str(&t.name()))
}

fn type_set_name(vm: &Vm, obj: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let t = obj
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    let v = v.ok_or_else(|| vm.new_type_error("cannot delete '__name__' attribute"))?;
    let s = v
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("can only assign string to __name__"))?;
    *t.name.borrow_mut() = s.as_str().to_string();
    Ok(())
}

fn type_get_qualname(vm: &Vm, obj: &PyObject) -> PyResult {
    let t = obj
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    let q = t.qualname.borrow().clone();
    Ok(vm.new_str(&q))
}

fn type_get_bases(vm: &Vm, obj: &PyObject) -> PyResult {
    let t = obj
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    let b: Vec<PyObjectRef> = t.bases.borrow().iter().map(|b| b.clone().into()).collect();
    Ok(vm.new_tuple(b))
}

fn type_get_base(vm: &Vm, obj: &PyObject) -> PyResult {
    let t = obj
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    let b = t.bases.borrow().first().cloned();
    Ok(b.map(Into::into).unwrap_or_else(|| vm.none()))
}

fn type_get_dict(vm: &Vm, obj: &PyObject) -> PyResult {
    let t = obj
        .to_owned()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("needs a type"))?;
    Ok(vm
        .new_object(PyMappingProxy { typ: t }, &vm.ctx.types.mappingproxy_type)
        .into())
}

fn type_get_module(vm: &Vm, obj: &PyObject) -> PyResult {
    let t = obj
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    if t.is_heap_type() {
        if let Some(m) = t.attrs.borrow().get(&vm.intern("__module__")) {
            return Ok(m.clone());
        }
    }
    Ok(vm.new_str("builtins"))
}

fn type_get_doc(vm: &Vm, obj: &PyObject) -> PyResult {
    let t = obj
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    Ok(t.attrs
        .borrow()
        .get(&vm.intern("__doc__"))
        .cloned()
        .unwrap_or_else(|| vm.none()))
}

fn type_subclasscheck(vm: &Vm, args: Args) -> PyResult {
    let [t, sub] = args.exact::<2>(vm, "__subclasscheck__")?;
    let t = t
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    let s = sub
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("issubclass() arg 1 must be a class"))?;
    Ok(vm.new_bool(s.is_subtype(t)))
}

fn type_instancecheck(vm: &Vm, args: Args) -> PyResult {
    let [t, o] = args.exact::<2>(vm, "__instancecheck__")?;
    let t = t
        .downcast_ref::<PyType>()
        .ok_or_else(|| vm.new_type_error("needs a type"))?;
    Ok(vm.new_bool(o.class().is_subtype(t)))
}

fn type_subclasses(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_list(vec![]))
}

fn type_prepare(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_dict().into())
}

fn mappingproxy_getitem(vm: &Vm, args: Args) -> PyResult {
    let [p, k] = args.exact::<2>(vm, "__getitem__")?;
    let p = p
        .payload::<PyMappingProxy>()
        .ok_or_else(|| vm.new_type_error("mappingproxy expected"))?;
    let Some(ks) = k.payload::<PyStr>() else {
        return Err(vm.new_key_error(k.clone()));
    };
    let key = vm.intern(ks.as_str());
    let v = p.typ.attrs.borrow().get(&key).cloned();
    v.ok_or_else(|| vm.new_key_error(k.clone()))
}

/// The attributes of a proxy's type as `(key, value)` pairs.
pub fn mappingproxy_items(p: &PyMappingProxy) -> Vec<(PyStrRef, PyObjectRef)> {
    p.typ.attrs.borrow().entries().to_vec()
}

/// A dict with the proxy's current contents; view methods delegate to it.
fn mappingproxy_dict(vm: &Vm, o: &PyObject) -> PyResult<crate::objects::PyDictRef> {
    let p = o
        .payload::<PyMappingProxy>()
        .ok_or_else(|| vm.new_type_error("mappingproxy expected"))?;
    let d = vm.new_dict();
    for (k, v) in mappingproxy_items(p) {
        d.set_item_str(vm, &k, v);
    }
    Ok(d)
}

/// `proxy.name(*args)` answered by the snapshot dict.
fn mappingproxy_delegate(vm: &Vm, args: &Args, name: &str) -> PyResult {
    let d = mappingproxy_dict(vm, &args.args[0])?;
    vm.call_method(d.as_object(), name, &args.args[1..])
}

fn mappingproxy_keys(vm: &Vm, args: Args) -> PyResult {
    mappingproxy_delegate(vm, &args, "keys")
}

fn mappingproxy_values(vm: &Vm, args: Args) -> PyResult {
    mappingproxy_delegate(vm, &args, "values")
}

fn mappingproxy_items_m(vm: &Vm, args: Args) -> PyResult {
    mappingproxy_delegate(vm, &args, "items")
}

fn mappingproxy_copy(vm: &Vm, args: Args) -> PyResult {
    Ok(mappingproxy_dict(vm, &args.args[0])?.into())
}

fn mappingproxy_eq(vm: &Vm, args: Args) -> PyResult {
    let [p, other] = args.exact::<2>(vm, "__eq__")?;
    let d = mappingproxy_dict(vm, p)?;
    vm.rich_compare(
        d.as_object(),
        other,
        mempy_bytecode::ComparisonOperator::Equal,
    )
}

fn mappingproxy_ne(vm: &Vm, args: Args) -> PyResult {
    let [p, other] = args.exact::<2>(vm, "__ne__")?;
    let d = mappingproxy_dict(vm, p)?;
    vm.rich_compare(
        d.as_object(),
        other,
        mempy_bytecode::ComparisonOperator::NotEqual,
    )
}

fn mappingproxy_repr(vm: &Vm, args: Args) -> PyResult {
    let d = mappingproxy_dict(vm, &args.args[0])?;
    Ok(vm.new_string(format!(
        "mappingproxy({})",
        vm.repr(d.as_object())?.as_str()
    )))
}

fn mappingproxy_str(vm: &Vm, args: Args) -> PyResult {
    let d = mappingproxy_dict(vm, &args.args[0])?;
    Ok(vm.str(d.as_object())?.into())
}

fn mappingproxy_iter(vm: &Vm, args: Args) -> PyResult {
    let d = mappingproxy_dict(vm, &args.args[0])?;
    vm.get_iter(d.as_object())
}

fn mappingproxy_contains(vm: &Vm, args: Args) -> PyResult {
    let [p, k] = args.exact::<2>(vm, "__contains__")?;
    let p = p
        .payload::<PyMappingProxy>()
        .ok_or_else(|| vm.new_type_error("mappingproxy expected"))?;
    let Some(ks) = k.payload::<PyStr>() else {
        return Ok(vm.new_bool(false));
    };
    let key = vm.intern(ks.as_str());
    let has = p.typ.attrs.borrow().get(&key).is_some();
    Ok(vm.new_bool(has))
}

fn mappingproxy_get(vm: &Vm, args: Args) -> PyResult {
    match mappingproxy_getitem(vm, Args::new(&args.args[..2.min(args.args.len())], &[])) {
        Ok(v) => Ok(v),
        Err(_) => Ok(args.args.get(2).cloned().unwrap_or_else(|| vm.none())),
    }
}

fn mappingproxy_len(vm: &Vm, args: Args) -> PyResult {
    let p = args.args[0]
        .payload::<PyMappingProxy>()
        .ok_or_else(|| vm.new_type_error("mappingproxy expected"))?;
    Ok(vm.new_int(p.typ.attrs.borrow().entries().len() as i64))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.type_type;
    vm.add_methods(
        t,
        &[
            ("__repr__", type_repr),
            ("__call__", type_call),
            ("mro", type_mro),
            ("__subclasscheck__", type_subclasscheck),
            ("__instancecheck__", type_instancecheck),
            ("__subclasses__", type_subclasses),
        ],
    );
    vm.add_classmethod(t, "__prepare__", type_prepare);
    vm.add_new(t, type_new);
    vm.add_getset(t, "__mro__", type_get_mro, None);
    vm.add_getset(t, "__name__", type_get_name, Some(type_set_name));
    vm.add_getset(t, "__qualname__", type_get_qualname, None);
    vm.add_getset(t, "__bases__", type_get_bases, None);
    vm.add_getset(t, "__base__", type_get_base, None);
    vm.add_getset(t, "__dict__", type_get_dict, None);
    vm.add_getset(t, "__module__", type_get_module, None);
    vm.add_getset(t, "__doc__", type_get_doc, None);
    let m = &vm.ctx.types.mappingproxy_type;
    vm.add_methods(
        m,
        &[
            ("__getitem__", mappingproxy_getitem),
            ("keys", mappingproxy_keys),
            ("values", mappingproxy_values),
            ("items", mappingproxy_items_m),
            ("copy", mappingproxy_copy),
            ("__eq__", mappingproxy_eq),
            ("__ne__", mappingproxy_ne),
            ("__repr__", mappingproxy_repr),
            ("__str__", mappingproxy_str),
            ("__iter__", mappingproxy_iter),
            ("__contains__", mappingproxy_contains),
            ("get", mappingproxy_get),
            ("__len__", mappingproxy_len),
        ],
    );
}
