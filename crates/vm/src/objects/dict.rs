//! `dict`: CPython's compact, insertion-ordered table (an index array of slots into a
//! dense entry array) with its growth rule (`GROWTH_RATE` = 3·used, minimum 8 slots).
//!
//! Key comparison may run Python code (`__eq__`), so a lookup never holds the
//! `RefCell` borrow across a call: it clones the candidate key, compares, and restarts
//! if the table changed meanwhile (as CPython's `lookdict`). Views and iterators are
//! in `iter.rs`; methods are registered in `init`.

use std::cell::RefCell;

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload, PyRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyInt, PyStr, PyType};
use crate::vm::{PyResult, Vm};

pub type PyDictRef = PyRef<PyDict>;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: PyObjectRef,
    pub value: PyObjectRef,
}

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;

#[derive(Default)]
pub struct DictInner {
    indices: Vec<i32>,
    pub entries: Vec<Option<Entry>>,
    pub used: usize,
    /// Changed on every insertion of a new key, deletion or clear, to a value no
    /// other table state of any dict ever had ([`next_keys_version`]): iteration
    /// checks compare it, and `LoadGlobal`'s cache (`eval/global_cache.rs`) trusts an
    /// entry index as long as it is unchanged. A value update keeps it.
    pub version: u64,
    /// CPython's DICT_KEYS_GENERAL: some key was not an exact str (24-byte entries).
    /// Set at the first such insertion (which resizes, as `insertion_resize`), kept
    /// after deletions; a new table starts from its first key's kind.
    pub general: bool,
}

#[derive(Default)]
pub struct PyDict {
    pub inner: RefCell<DictInner>,
    /// True while this is an instance's never-exposed attribute storage (CPython's inline
    /// values): untracked and traversed through its owner (see `heap/raw.rs`).
    pub inline_values: std::cell::Cell<bool>,
    /// Address of the class whose shared-key table this instance dict uses (0: none);
    /// see `modules/sys_memory.rs`.
    pub shared_keys_owner: std::cell::Cell<usize>,
}

impl PyPayload for PyDict {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        let mut d = self.inner.borrow_mut();
        for e in d.entries.drain(..).flatten() {
            out.push(e.key);
            out.push(e.value);
        }
        d.indices.clear();
        d.used = 0;
        d.version = next_keys_version();
    }
}

/// A fresh keys version, distinct from every one handed out before (0 is never
/// returned: it is the version of a dict that has never had a key).
pub fn next_keys_version() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

enum Probe {
    Found(usize),
    Missing,
}

/// Fast equality that never runs Python code; None when it would have to.
#[inline]
fn quick_eq(a: &PyObject, b: &PyObject) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    if let (Some(x), Some(y)) = (a.payload::<PyStr>(), b.payload::<PyStr>()) {
        if !a.class().is_heap_type() && !b.class().is_heap_type() {
            return Some(x.as_str() == y.as_str());
        }
    }
    if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyInt>()) {
        if !a.class().is_heap_type() && !b.class().is_heap_type() {
            return Some(crate::objects::int::cmp(x, y) == std::cmp::Ordering::Equal);
        }
    }
    None
}

impl DictInner {
    fn mask(&self) -> usize {
        self.indices.len().wrapping_sub(1)
    }

    fn usable(&self) -> usize {
        self.indices.len() * 2 / 3
    }

    fn resize(&mut self, minsize: usize) {
        let mut size = 8;
        while size < minsize {
            size <<= 1;
        }
        let entries: Vec<Option<Entry>> = std::mem::take(&mut self.entries)
            .into_iter()
            .filter(|e| e.is_some())
            .collect();
        self.entries = entries;
        self.indices = vec![EMPTY; size];
        let mask = size - 1;
        for (i, e) in self.entries.iter().enumerate() {
            let h = e.as_ref().unwrap().hash;
            let mut perturb = h as u64;
            let mut j = (h as u64 as usize) & mask;
            while self.indices[j] != EMPTY {
                perturb >>= 5;
                j = (j * 5 + perturb as usize + 1) & mask;
            }
            self.indices[j] = i as i32;
        }
    }

    fn insert_new(&mut self, hash: i64, key: PyObjectRef, value: PyObjectRef) {
        let str_key = crate::heap::raw::payload_is_exact::<PyStr>(&key);
        let switch = !self.indices.is_empty() && !self.general && !str_key;
        if self.indices.is_empty() || switch {
            self.general = !str_key;
        }
        if switch || self.indices.is_empty() || self.entries.len() >= self.usable() {
            let need = (3 * self.used) | 8;
            self.resize(need.max(8));
        }
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut j = (hash as u64 as usize) & mask;
        while self.indices[j] >= 0 {
            perturb >>= 5;
            j = (j * 5 + perturb as usize + 1) & mask;
        }
        self.indices[j] = self.entries.len() as i32;
        self.entries.push(Some(Entry { hash, key, value }));
        self.used += 1;
        self.version = next_keys_version();
    }

    /// Slot index in `indices` holding entry `ei`.
    fn slot_of(&self, hash: i64, ei: usize) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut j = (hash as u64 as usize) & mask;
        loop {
            let ix = self.indices[j];
            if ix == EMPTY {
                return None;
            }
            if ix == ei as i32 {
                return Some(j);
            }
            perturb >>= 5;
            j = (j * 5 + perturb as usize + 1) & mask;
        }
    }
}

impl PyDict {
    fn probe(&self, vm: &Vm, key: &PyObject, hash: i64) -> PyResult<Probe> {
        'restart: loop {
            let d = self.inner.borrow();
            if d.indices.is_empty() {
                return Ok(Probe::Missing);
            }
            let mask = d.mask();
            let mut perturb = hash as u64;
            let mut j = (hash as u64 as usize) & mask;
            loop {
                let ix = d.indices[j];
                if ix == EMPTY {
                    return Ok(Probe::Missing);
                }
                if ix >= 0 {
                    let e = d.entries[ix as usize].as_ref().unwrap();
                    if e.hash == hash {
                        match quick_eq(&e.key, key) {
                            Some(true) => return Ok(Probe::Found(ix as usize)),
                            Some(false) => {}
                            None => {
                                let k = e.key.clone();
                                let version = d.version;
                                drop(d);
                                let eq = vm.eq(&k, key)?;
                                let d2 = self.inner.borrow();
                                if d2.version != version {
                                    continue 'restart;
                                }
                                if eq {
                                    return Ok(Probe::Found(ix as usize));
                                }
                                drop(d2);
                                // Re-borrow and continue probing from the next slot.
                                let d3 = self.inner.borrow();
                                let _ = &d3;
                                drop(d3);
                                return self.probe_from(vm, key, hash, j, perturb);
                            }
                        }
                    }
                }
                perturb >>= 5;
                j = (j * 5 + perturb as usize + 1) & mask;
            }
        }
    }

    fn probe_from(
        &self,
        vm: &Vm,
        key: &PyObject,
        hash: i64,
        j0: usize,
        perturb0: u64,
    ) -> PyResult<Probe> {
        let d = self.inner.borrow();
        let mask = d.mask();
        let mut perturb = perturb0 >> 5;
        let mut j = (j0 * 5 + perturb as usize + 1) & mask;
        loop {
            let ix = d.indices[j];
            if ix == EMPTY {
                return Ok(Probe::Missing);
            }
            if ix >= 0 {
                let e = d.entries[ix as usize].as_ref().unwrap();
                if e.hash == hash {
                    match quick_eq(&e.key, key) {
                        Some(true) => return Ok(Probe::Found(ix as usize)),
                        Some(false) => {}
                        None => {
                            let k = e.key.clone();
                            drop(d);
                            if vm.eq(&k, key)? {
                                return Ok(Probe::Found(ix as usize));
                            }
                            return self.probe_from(vm, key, hash, j, perturb);
                        }
                    }
                }
            }
            perturb >>= 5;
            j = (j * 5 + perturb as usize + 1) & mask;
        }
    }

    pub fn len(&self) -> usize {
        self.inner.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get_item(&self, vm: &Vm, key: &PyObject) -> PyResult<Option<PyObjectRef>> {
        let hash = vm.hash(key)?;
        self.get_item_hashed(vm, key, hash)
    }

    pub fn get_item_hashed(
        &self,
        vm: &Vm,
        key: &PyObject,
        hash: i64,
    ) -> PyResult<Option<PyObjectRef>> {
        match self.probe(vm, key, hash)? {
            Probe::Found(i) => Ok(self.inner.borrow().entries[i]
                .as_ref()
                .map(|e| e.value.clone())),
            Probe::Missing => Ok(None),
        }
    }

    /// Lookup by a str key without running Python code.
    #[inline]
    pub fn get_item_str_opt(&self, key: &PyStrRef) -> Option<PyObjectRef> {
        self.find_str(key).map(|(v, _, _)| v)
    }

    /// Lookup by a str key without running Python code: the value, its entry index
    /// and the keys version under which that index holds (see [`Self::value_at`]).
    #[inline]
    pub fn find_str(&self, key: &PyStrRef) -> Option<(PyObjectRef, u32, u64)> {
        let hash = key.hash();
        let d = self.inner.borrow();
        if d.indices.is_empty() {
            return None;
        }
        let mask = d.mask();
        let mut perturb = hash as u64;
        let mut j = (hash as u64 as usize) & mask;
        loop {
            let ix = d.indices[j];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0 {
                let e = d.entries[ix as usize].as_ref().unwrap();
                if e.hash == hash {
                    let same = e.key.is(key.as_object())
                        || e.key
                            .payload::<PyStr>()
                            .is_some_and(|s| s.as_str() == key.as_str());
                    if same {
                        return Some((e.value.clone(), ix as u32, d.version));
                    }
                }
            }
            perturb >>= 5;
            j = (j * 5 + perturb as usize + 1) & mask;
        }
    }

    /// The value of entry `ix` if the keys version is still `version` (the entry then
    /// still holds the key it held when the index was found).
    #[inline]
    pub fn value_at(&self, version: u64, ix: u32) -> Option<PyObjectRef> {
        let d = self.inner.borrow();
        if d.version != version {
            return None;
        }
        d.entries
            .get(ix as usize)
            .and_then(|e| e.as_ref())
            .map(|e| e.value.clone())
    }

    /// The current keys version (see [`DictInner::version`]).
    #[inline]
    pub fn keys_version(&self) -> u64 {
        self.inner.borrow().version
    }

    pub fn get_item_str(&self, vm: &Vm, key: &PyStrRef) -> PyResult<Option<PyObjectRef>> {
        let _ = vm;
        Ok(self.get_item_str_opt(key))
    }

    pub fn set_item(&self, vm: &Vm, key: PyObjectRef, value: PyObjectRef) -> PyResult<()> {
        let hash = vm.hash(&key)?;
        self.set_item_hashed(vm, key, hash, value)
    }

    pub fn set_item_hashed(
        &self,
        vm: &Vm,
        key: PyObjectRef,
        hash: i64,
        value: PyObjectRef,
    ) -> PyResult<()> {
        crate::heap::collect::maybe_track_dict(self, &key, &value);
        match self.probe(vm, &key, hash)? {
            Probe::Found(i) => {
                let old = {
                    let mut d = self.inner.borrow_mut();
                    let e = d.entries[i].as_mut().unwrap();
                    std::mem::replace(&mut e.value, value)
                };
                drop(old);
            }
            Probe::Missing => self.inner.borrow_mut().insert_new(hash, key, value),
        }
        Ok(())
    }

    /// Stores under a str key (never fails: str hashing and equality run no Python).
    pub fn set_item_str(&self, vm: &Vm, key: &PyStrRef, value: PyObjectRef) {
        let _ = self.set_item_hashed(vm, key.clone().into(), key.hash(), value);
    }

    pub fn del_item(&self, vm: &Vm, key: &PyObject) -> PyResult<Option<PyObjectRef>> {
        let hash = vm.hash(key)?;
        match self.probe(vm, key, hash)? {
            Probe::Found(i) => {
                let e = {
                    let mut d = self.inner.borrow_mut();
                    let slot = d.slot_of(hash, i).expect("dict index out of sync");
                    d.indices[slot] = DUMMY;
                    d.used -= 1;
                    d.version = next_keys_version();
                    d.entries[i].take()
                };
                Ok(e.map(|e| {
                    drop(e.key);
                    e.value
                }))
            }
            Probe::Missing => Ok(None),
        }
    }

    pub fn contains(&self, vm: &Vm, key: &PyObject) -> PyResult<bool> {
        Ok(self.get_item(vm, key)?.is_some())
    }

    pub fn keys_vec(&self) -> Vec<PyObjectRef> {
        self.inner
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| e.key.clone())
            .collect()
    }

    pub fn values_vec(&self) -> Vec<PyObjectRef> {
        self.inner
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| e.value.clone())
            .collect()
    }

    pub fn items_vec(&self) -> Vec<(PyObjectRef, PyObjectRef)> {
        self.inner
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// The entry at dense position `i` or later (for iterators): `(next position, entry)`.
    pub fn entry_at(&self, mut i: usize) -> Option<(usize, Entry)> {
        let d = self.inner.borrow();
        while i < d.entries.len() {
            if let Some(e) = &d.entries[i] {
                return Some((i + 1, e.clone()));
            }
            i += 1;
        }
        None
    }

    pub fn clear_all(&self) {
        let old = std::mem::take(&mut *self.inner.borrow_mut());
        self.inner.borrow_mut().version = next_keys_version();
        drop(old);
    }

    pub fn version(&self) -> u64 {
        self.inner.borrow().version
    }

    /// The table size (slots), for `__sizeof__`.
    pub fn table_size(&self) -> usize {
        self.inner.borrow().indices.len()
    }

    pub fn copy_from(&self, vm: &Vm, other: &PyDict) -> PyResult<()> {
        for (k, v) in other.items_vec() {
            self.set_item(vm, k, v)?;
        }
        Ok(())
    }
}

pub use crate::objects::str::PyStrRef;

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyDict> {
    o.payload::<PyDict>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'dict' object but received a '{}'",
            o.class().name()
        ))
    })
}

/// `dict.update` semantics: a mapping (keys()) or an iterable of pairs.
pub fn update_from(vm: &Vm, d: &PyDict, src: &PyObject) -> PyResult<()> {
    if let Some(s) = src.payload::<PyDict>() {
        for (k, v) in s.items_vec() {
            d.set_item(vm, k, v)?;
        }
        return Ok(());
    }
    if vm.has_attr(src, "keys")? {
        let keys = vm.call_method(src, "keys", &[])?;
        for k in vm.iterate(&keys)? {
            let v = vm.getitem(src, &k)?;
            d.set_item(vm, k, v)?;
        }
        return Ok(());
    }
    let items = vm.iterate(src).map_err(|e| {
        if e.as_object()
            .class()
            .as_object()
            .is(vm.ctx.exc.type_error.as_object())
        {
            vm.new_type_error(format!("'{}' object is not iterable", src.class().name()))
        } else {
            e
        }
    })?;
    for (i, item) in items.into_iter().enumerate() {
        let pair = vm.iterate(&item).map_err(|_| {
            vm.new_type_error(format!(
                "cannot convert dictionary update sequence element #{i} to a sequence"
            ))
        })?;
        if pair.len() != 2 {
            return Err(vm.new_value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut it = pair.into_iter();
        let k = it.next().unwrap();
        let v = it.next().unwrap();
        d.set_item(vm, k, v)?;
    }
    Ok(())
}

fn dict_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("dict.__new__(X): X is not a type object"))?;
    Ok(vm.new_instance(PyDict::default(), &cls).into())
}

fn dict_init(vm: &Vm, args: Args) -> PyResult {
    let d = this(vm, &args.args[0])?;
    let p = args.positional();
    if p.len() > 2 {
        return Err(vm.new_type_error(format!(
            "dict expected at most 1 argument, got {}",
            p.len() - 1
        )));
    }
    if let Some(src) = p.get(1) {
        update_from(vm, d, src)?;
    }
    for (k, v) in args.kwargs() {
        d.set_item(vm, vm.new_str(k), v.clone())?;
    }
    Ok(vm.none())
}

fn dict_getitem(vm: &Vm, args: Args) -> PyResult {
    let [o, k] = args.exact::<2>(vm, "__getitem__")?;
    let d = this(vm, o)?;
    match d.get_item(vm, k)? {
        Some(v) => Ok(v),
        None => {
            if !o.class().as_object().is(vm.ctx.types.dict_type.as_object()) {
                if let Some(missing) = o.class().lookup(&vm.intern("__missing__")) {
                    return vm.call(&missing, &[o.clone(), k.clone()]);
                }
            }
            Err(vm.new_key_error(k.clone()))
        }
    }
}

fn dict_setitem(vm: &Vm, args: Args) -> PyResult {
    let [o, k, v] = args.exact::<3>(vm, "__setitem__")?;
    this(vm, o)?.set_item(vm, k.clone(), v.clone())?;
    Ok(vm.none())
}

fn dict_delitem(vm: &Vm, args: Args) -> PyResult {
    let [o, k] = args.exact::<2>(vm, "__delitem__")?;
    match this(vm, o)?.del_item(vm, k)? {
        Some(_) => Ok(vm.none()),
        None => Err(vm.new_key_error(k.clone())),
    }
}

fn dict_contains(vm: &Vm, args: Args) -> PyResult {
    let [o, k] = args.exact::<2>(vm, "__contains__")?;
    Ok(vm.new_bool(this(vm, o)?.contains(vm, k)?))
}

fn dict_len(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this(vm, &args.args[0])?.len() as i64))
}

fn dict_get(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "get", 2, 3)?;
    let d = this(vm, &p[0])?;
    Ok(d.get_item(vm, &p[1])?
        .unwrap_or_else(|| p.get(2).cloned().unwrap_or_else(|| vm.none())))
}

fn dict_setdefault(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "setdefault", 2, 3)?;
    let d = this(vm, &p[0])?;
    if let Some(v) = d.get_item(vm, &p[1])? {
        return Ok(v);
    }
    let v = p.get(2).cloned().unwrap_or_else(|| vm.none());
    d.set_item(vm, p[1].clone(), v.clone())?;
    Ok(v)
}

fn dict_pop(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "pop", 2, 3)?;
    let d = this(vm, &p[0])?;
    match d.del_item(vm, &p[1])? {
        Some(v) => Ok(v),
        None => match p.get(2) {
            Some(dv) => Ok(dv.clone()),
            None => Err(vm.new_key_error(p[1].clone())),
        },
    }
}

fn dict_popitem(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "popitem")?;
    let d = this(vm, o)?;
    let last = d
        .inner
        .borrow()
        .entries
        .iter()
        .rev()
        .flatten()
        .next()
        .cloned();
    match last {
        Some(e) => {
            d.del_item(vm, &e.key)?;
            Ok(vm.new_tuple(vec![e.key, e.value]))
        }
        None => Err(vm.new_key_error_msg("popitem(): dictionary is empty")),
    }
}

fn dict_keys(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "keys")?;
    this(vm, o)?;
    Ok(crate::objects::iter::new_dict_view(vm, o.clone(), 0))
}
fn dict_values(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "values")?;
    this(vm, o)?;
    Ok(crate::objects::iter::new_dict_view(vm, o.clone(), 1))
}
fn dict_items(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "items")?;
    this(vm, o)?;
    Ok(crate::objects::iter::new_dict_view(vm, o.clone(), 2))
}

fn dict_iter(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "__iter__")?;
    this(vm, o)?;
    Ok(crate::objects::iter::new_dict_iter(vm, o.clone(), 0))
}

fn dict_reversed(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "__reversed__")?;
    let keys = this(vm, o)?.keys_vec();
    let l = vm.new_list(keys.into_iter().rev().collect());
    vm.get_iter(&l)
}

fn dict_update(vm: &Vm, args: Args) -> PyResult {
    let d = this(vm, &args.args[0])?;
    let p = args.positional();
    if p.len() > 2 {
        return Err(vm.new_type_error(format!(
            "update expected at most 1 argument, got {}",
            p.len() - 1
        )));
    }
    if let Some(src) = p.get(1) {
        update_from(vm, d, src)?;
    }
    for (k, v) in args.kwargs() {
        d.set_item(vm, vm.new_str(k), v.clone())?;
    }
    Ok(vm.none())
}

fn dict_clear(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "clear")?;
    this(vm, o)?.clear_all();
    Ok(vm.none())
}

fn dict_copy(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "copy")?;
    let d = this(vm, o)?;
    let n = vm.new_dict();
    n.copy_from(vm, d)?;
    Ok(n.into())
}

fn dict_fromkeys(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "fromkeys", 2, 3)?;
    let cls = p[0].clone();
    let d = vm.call(&cls, &[])?;
    let v = p.get(2).cloned().unwrap_or_else(|| vm.none());
    for k in vm.iterate(&p[1])? {
        vm.setitem(&d, k, v.clone())?;
    }
    Ok(d)
}

fn dict_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let d = this(vm, o)?;
    let Some(_guard) = vm.repr_enter(o) else {
        return Ok(vm.new_str("{...}"));
    };
    let mut out = String::from("{");
    for (i, (k, v)) in d.items_vec().into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(vm.repr(&k)?.as_str());
        out.push_str(": ");
        out.push_str(vm.repr(&v)?.as_str());
    }
    out.push('}');
    Ok(vm.new_string(out))
}

fn dict_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    let Some(db) = b.payload::<PyDict>() else {
        return Ok(vm.not_implemented());
    };
    let da = this(vm, a)?;
    Ok(vm.new_bool(dict_equal(vm, da, db)?))
}

fn dict_ne(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__ne__")?;
    let Some(db) = b.payload::<PyDict>() else {
        return Ok(vm.not_implemented());
    };
    let da = this(vm, a)?;
    Ok(vm.new_bool(!dict_equal(vm, da, db)?))
}

pub fn dict_equal(vm: &Vm, a: &PyDict, b: &PyDict) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (k, v) in a.items_vec() {
        match b.get_item(vm, &k)? {
            Some(w) => {
                if !vm.eq(&v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn dict_or(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__or__")?;
    let (Some(da), Some(db)) = (a.payload::<PyDict>(), b.payload::<PyDict>()) else {
        return Ok(vm.not_implemented());
    };
    let n = vm.new_dict();
    n.copy_from(vm, da)?;
    n.copy_from(vm, db)?;
    Ok(n.into())
}

fn dict_ior(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__ior__")?;
    update_from(vm, this(vm, a)?, b)?;
    Ok(a.clone())
}

fn dict_sizeof(vm: &Vm, args: Args) -> PyResult {
    let d = this(vm, &args.args[0])?;
    let extra = crate::modules::sys_memory::subclass_extra(&args.args[0]);
    if d.shared_keys_owner.get() != 0 {
        return Ok(vm.new_int(crate::modules::sys_memory::shared_keys_sizeof(
            d.shared_keys_owner.get(),
        ) as i64));
    }
    let s = d.table_size();
    if s == 0 {
        return Ok(vm.new_int(48 + extra as i64));
    }
    let w = if s <= 128 {
        1
    } else if s <= 65536 {
        2
    } else {
        4
    };
    let e = if d.inner.borrow().general { 24 } else { 16 };
    Ok(vm.new_int((48 + extra + 32 + s * w + (2 * s / 3) * e) as i64))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.dict_type;
    vm.add_new(t, dict_new);
    vm.add_methods(
        t,
        &[
            ("__init__", dict_init),
            ("__getitem__", dict_getitem),
            ("__setitem__", dict_setitem),
            ("__delitem__", dict_delitem),
            ("__contains__", dict_contains),
            ("__len__", dict_len),
            ("__iter__", dict_iter),
            ("__reversed__", dict_reversed),
            ("__repr__", dict_repr),
            ("__eq__", dict_eq),
            ("__ne__", dict_ne),
            ("__or__", dict_or),
            ("__ior__", dict_ior),
            ("__sizeof__", dict_sizeof),
            ("get", dict_get),
            ("setdefault", dict_setdefault),
            ("pop", dict_pop),
            ("popitem", dict_popitem),
            ("keys", dict_keys),
            ("values", dict_values),
            ("items", dict_items),
            ("update", dict_update),
            ("clear", dict_clear),
            ("copy", dict_copy),
        ],
    );
    vm.add_classmethod(t, "fromkeys", dict_fromkeys);
    vm.add_attr(t, "__hash__", vm.none());
}
