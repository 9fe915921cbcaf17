//! `set` and `frozenset`: CPython's setobject table (open addressing, 9 linear probes
//! then perturbation, same sizes and resize rule), so iteration order matches CPython.

use std::cell::{Cell, RefCell};

use mempy_bytecode::ComparisonOperator;

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyInt, PyStr, PyType};
use crate::vm::{PyResult, Vm};

const LINEAR_PROBES: usize = 9;
const MINSIZE: usize = 8;

#[derive(Clone)]
pub enum Slot {
    Empty,
    Dummy,
    Active(i64, PyObjectRef),
}

pub struct SetTable {
    pub table: Vec<Slot>,
    pub fill: usize,
    pub used: usize,
    pub version: u64,
}

impl Default for SetTable {
    fn default() -> SetTable {
        SetTable {
            table: vec![Slot::Empty; MINSIZE],
            fill: 0,
            used: 0,
            version: 0,
        }
    }
}

pub struct PySet {
    pub inner: RefCell<SetTable>,
    pub hash: Cell<i64>,
}

impl Default for PySet {
    fn default() -> PySet {
        PySet {
            inner: RefCell::new(SetTable::default()),
            hash: Cell::new(-1),
        }
    }
}

impl PyPayload for PySet {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        let mut t = self.inner.borrow_mut();
        for s in std::mem::take(&mut t.table) {
            if let Slot::Active(_, k) = s {
                out.push(k);
            }
        }
        *t = SetTable::default();
    }
}

fn quick_eq(a: &PyObject, b: &PyObject) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    if let (Some(x), Some(y)) = (a.payload::<PyStr>(), b.payload::<PyStr>()) {
        return Some(x.as_str() == y.as_str());
    }
    if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyInt>()) {
        return Some(crate::objects::int::cmp(x, y) == std::cmp::Ordering::Equal);
    }
    None
}

enum Found {
    Active(usize),
    Free(usize, bool),
}

impl SetTable {
    fn insert_clean(table: &mut [Slot], hash: i64, key: PyObjectRef) {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(table[i], Slot::Empty) {
                table[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if matches!(table[i + j], Slot::Empty) {
                        table[i + j] = Slot::Active(hash, key);
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; newsize]);
        for s in old {
            if let Slot::Active(h, k) = s {
                SetTable::insert_clean(&mut self.table, h, k);
            }
        }
        self.fill = self.used;
    }
}

impl PySet {
    pub fn new_from(vm: &Vm, items: Vec<PyObjectRef>) -> PyResult<PySet> {
        let s = PySet::default();
        for x in items {
            s.add(vm, x)?;
        }
        Ok(s)
    }

    fn find(&self, vm: &Vm, key: &PyObject, hash: i64) -> PyResult<Found> {
        'restart: loop {
            let t = self.inner.borrow();
            let mask = t.table.len() - 1;
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            let mut freeslot: Option<usize> = None;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in 0..=probes {
                    let idx = i + j;
                    match &t.table[idx] {
                        Slot::Empty => {
                            return Ok(match freeslot {
                                Some(f) => Found::Free(f, true),
                                None => Found::Free(idx, false),
                            });
                        }
                        Slot::Dummy => {
                            if freeslot.is_none() {
                                freeslot = Some(idx);
                            }
                        }
                        Slot::Active(h, k) => {
                            if *h == hash {
                                match quick_eq(k, key) {
                                    Some(true) => return Ok(Found::Active(idx)),
                                    Some(false) => {}
                                    None => {
                                        let k = k.clone();
                                        let version = t.version;
                                        drop(t);
                                        let eq = vm.eq(&k, key)?;
                                        let t2 = self.inner.borrow();
                                        if t2.version != version {
                                            continue 'restart;
                                        }
                                        if eq {
                                            return Ok(Found::Active(idx));
                                        }
                                        drop(t2);
                                        // Continue probing with a fresh borrow.
                                        return self
                                            .find_after(vm, key, hash, i, j, perturb, freeslot);
                                    }
                                }
                            }
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn find_after(
        &self,
        vm: &Vm,
        key: &PyObject,
        hash: i64,
        i0: usize,
        j0: usize,
        perturb0: u64,
        free0: Option<usize>,
    ) -> PyResult<Found> {
        let t = self.inner.borrow();
        let mask = t.table.len() - 1;
        let mut perturb = perturb0;
        let mut i = i0;
        let mut jstart = j0 + 1;
        let mut freeslot = free0;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in jstart..=probes {
                let idx = i + j;
                match &t.table[idx] {
                    Slot::Empty => {
                        return Ok(match freeslot {
                            Some(f) => Found::Free(f, true),
                            None => Found::Free(idx, false),
                        })
                    }
                    Slot::Dummy => {
                        if freeslot.is_none() {
                            freeslot = Some(idx);
                        }
                    }
                    Slot::Active(h, k) => {
                        if *h == hash {
                            match quick_eq(k, key) {
                                Some(true) => return Ok(Found::Active(idx)),
                                Some(false) => {}
                                None => {
                                    let k = k.clone();
                                    drop(t);
                                    if vm.eq(&k, key)? {
                                        return Ok(Found::Active(idx));
                                    }
                                    return self.find_after(vm, key, hash, i, j, perturb, freeslot);
                                }
                            }
                        }
                    }
                }
            }
            jstart = 0;
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn add(&self, vm: &Vm, key: PyObjectRef) -> PyResult<()> {
        let hash = vm.hash(&key)?;
        self.add_hashed(vm, key, hash)
    }

    /// CPython's `set_update_internal`: a set or frozenset is merged after one big
    /// resize (`set_merge`), an exact dict's keys are added after one big resize, any
    /// other iterable is added item by item.
    pub fn update_from(&self, vm: &Vm, other: &PyObject) -> PyResult<()> {
        if let Some(o) = other.payload::<PySet>() {
            return self.merge(vm, o);
        }
        if other
            .class()
            .as_object()
            .is(vm.ctx.types.dict_type.as_object())
        {
            let d = other.payload::<crate::objects::PyDict>().unwrap();
            {
                let n = d.len();
                let mut t = self.inner.borrow_mut();
                if (t.fill + n) * 5 >= (t.table.len() - 1) * 3 {
                    let minused = (t.used + n) * 2;
                    t.resize(minused);
                }
            }
            for k in d.keys_vec() {
                self.add(vm, k)?;
            }
            return Ok(());
        }
        let it = vm.get_iter(other)?;
        while let Some(x) = vm.next(&it)? {
            self.add(vm, x)?;
        }
        Ok(())
    }

    /// CPython's `set_merge`.
    fn merge(&self, vm: &Vm, other: &PySet) -> PyResult<()> {
        if std::ptr::eq(self, other) || other.is_empty() {
            return Ok(());
        }
        let (slots, ofill, oused) = {
            let o = other.inner.borrow();
            (o.table.clone(), o.fill, o.used)
        };
        let mut t = self.inner.borrow_mut();
        if (t.fill + oused) * 5 >= (t.table.len() - 1) * 3 {
            let minused = (t.used + oused) * 2;
            t.resize(minused);
        }
        if t.fill == 0 {
            if t.table.len() == slots.len() && ofill == oused {
                // Same size, no dummies: the entries keep their slots.
                for (dst, src) in t.table.iter_mut().zip(slots) {
                    if let Slot::Active(..) = src {
                        *dst = src;
                    }
                }
            } else {
                for src in slots {
                    if let Slot::Active(h, k) = src {
                        SetTable::insert_clean(&mut t.table, h, k);
                    }
                }
            }
            t.fill = oused;
            t.used = oused;
            t.version += 1;
            return Ok(());
        }
        drop(t);
        for src in slots {
            if let Slot::Active(h, k) = src {
                self.add_hashed(vm, k, h)?;
            }
        }
        Ok(())
    }

    /// Replaces this set's table with `other`'s (CPython's `set_swap_bodies`, as
    /// `intersection_update` does).
    fn take_table(&self, other: PySet) {
        let mut new = other.inner.into_inner();
        let old = {
            let mut t = self.inner.borrow_mut();
            new.version = t.version + 1;
            std::mem::replace(&mut *t, new)
        };
        drop(old);
    }

    fn add_hashed(&self, vm: &Vm, key: PyObjectRef, hash: i64) -> PyResult<()> {
        match self.find(vm, &key, hash)? {
            Found::Active(_) => Ok(()),
            Found::Free(idx, was_dummy) => {
                let mut t = self.inner.borrow_mut();
                t.table[idx] = Slot::Active(hash, key);
                t.used += 1;
                t.version += 1;
                if !was_dummy {
                    t.fill += 1;
                    let mask = t.table.len() - 1;
                    if t.fill * 5 >= mask * 3 {
                        let n = if t.used > 50000 {
                            t.used * 2
                        } else {
                            t.used * 4
                        };
                        t.resize(n);
                    }
                }
                Ok(())
            }
        }
    }

    pub fn contains(&self, vm: &Vm, key: &PyObject) -> PyResult<bool> {
        let hash = vm.hash(key)?;
        Ok(matches!(self.find(vm, key, hash)?, Found::Active(_)))
    }

    pub fn discard(&self, vm: &Vm, key: &PyObject) -> PyResult<bool> {
        let hash = vm.hash(key)?;
        match self.find(vm, key, hash)? {
            Found::Active(idx) => {
                let old = {
                    let mut t = self.inner.borrow_mut();
                    t.used -= 1;
                    t.version += 1;
                    std::mem::replace(&mut t.table[idx], Slot::Dummy)
                };
                drop(old);
                Ok(true)
            }
            Found::Free(..) => Ok(false),
        }
    }

    pub fn len(&self) -> usize {
        self.inner.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn items(&self) -> Vec<PyObjectRef> {
        self.inner
            .borrow()
            .table
            .iter()
            .filter_map(|s| {
                if let Slot::Active(_, k) = s {
                    Some(k.clone())
                } else {
                    None
                }
            })
            .collect()
    }

    /// Item at table position `i` or later: `(next position, item)`.
    pub fn item_at(&self, mut i: usize) -> Option<(usize, PyObjectRef)> {
        let t = self.inner.borrow();
        while i < t.table.len() {
            if let Slot::Active(_, k) = &t.table[i] {
                return Some((i + 1, k.clone()));
            }
            i += 1;
        }
        None
    }

    pub fn version(&self) -> u64 {
        self.inner.borrow().version
    }

    pub fn clear_all(&self) {
        let old = std::mem::take(&mut *self.inner.borrow_mut());
        self.inner.borrow_mut().version = old.version + 1;
        drop(old);
    }

    pub fn table_size(&self) -> usize {
        self.inner.borrow().table.len()
    }
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PySet> {
    o.payload::<PySet>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'set' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn is_frozen(vm: &Vm, o: &PyObject) -> bool {
    o.class().is_subtype(&vm.ctx.types.frozenset_type)
}

/// A new set (or frozenset when `frozen`) with `items`.
pub fn new_set(vm: &Vm, items: Vec<PyObjectRef>, frozen: bool) -> PyResult {
    let s = PySet::new_from(vm, items)?;
    let t = if frozen {
        &vm.ctx.types.frozenset_type
    } else {
        &vm.ctx.types.set_type
    };
    Ok(vm.new_object(s, t).into())
}

fn set_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("set.__new__(X): X is not a type object"))?;
    let frozen = cls.is_subtype(&vm.ctx.types.frozenset_type);
    let s = PySet::default();
    if frozen {
        let p = args.shift();
        p.no_kwargs(vm, "frozenset")?;
        let p = p.positional();
        if p.len() > 1 {
            return Err(vm.new_type_error(format!(
                "frozenset expected at most 1 argument, got {}",
                p.len()
            )));
        }
        if let Some(src) = p.first() {
            let exact = cls.as_object().is(vm.ctx.types.frozenset_type.as_object());
            if exact
                && src
                    .class()
                    .as_object()
                    .is(vm.ctx.types.frozenset_type.as_object())
            {
                return Ok(src.clone());
            }
            s.update_from(vm, src)?;
        }
    }
    Ok(vm.new_instance(s, &cls).into())
}

fn set_init(vm: &Vm, args: Args) -> PyResult {
    if is_frozen(vm, &args.args[0]) {
        return Ok(vm.none());
    }
    let s = this(vm, &args.args[0])?;
    args.shift().no_kwargs(vm, "set")?;
    let p = args.positional();
    if p.len() > 2 {
        return Err(vm.new_type_error(format!(
            "set expected at most 1 argument, got {}",
            p.len() - 1
        )));
    }
    s.clear_all();
    if let Some(src) = p.get(1) {
        s.update_from(vm, src)?;
    }
    Ok(vm.none())
}

fn set_add(vm: &Vm, args: Args) -> PyResult {
    let [s, x] = args.exact::<2>(vm, "add")?;
    this(vm, s)?.add(vm, x.clone())?;
    Ok(vm.none())
}

fn set_remove(vm: &Vm, args: Args) -> PyResult {
    let [s, x] = args.exact::<2>(vm, "remove")?;
    if !this(vm, s)?.discard(vm, x)? {
        return Err(vm.new_key_error(x.clone()));
    }
    Ok(vm.none())
}

fn set_discard(vm: &Vm, args: Args) -> PyResult {
    let [s, x] = args.exact::<2>(vm, "discard")?;
    this(vm, s)?.discard(vm, x)?;
    Ok(vm.none())
}

fn set_pop(vm: &Vm, args: Args) -> PyResult {
    let [s] = args.exact::<1>(vm, "pop")?;
    let s = this(vm, s)?;
    let Some((_, k)) = s.item_at(0) else {
        return Err(vm.new_key_error_msg("pop from an empty set"));
    };
    s.discard(vm, &k)?;
    Ok(k)
}

fn set_clear(vm: &Vm, args: Args) -> PyResult {
    let [s] = args.exact::<1>(vm, "clear")?;
    this(vm, s)?.clear_all();
    Ok(vm.none())
}

/// A new set or frozenset (the base type of `like`) holding `s`.
fn wrap(vm: &Vm, like: &PyObject, s: PySet) -> PyObjectRef {
    let t = if is_frozen(vm, like) {
        &vm.ctx.types.frozenset_type
    } else {
        &vm.ctx.types.set_type
    };
    vm.new_object(s, t).into()
}

/// CPython's `set_copy`: a new set merged from `s` (one resize, entries reinserted).
fn copy_of(vm: &Vm, s: &PySet) -> PyResult<PySet> {
    let r = PySet::default();
    r.merge(vm, s)?;
    Ok(r)
}

fn set_copy(vm: &Vm, args: Args) -> PyResult {
    let [s] = args.exact::<1>(vm, "copy")?;
    if s.class()
        .as_object()
        .is(vm.ctx.types.frozenset_type.as_object())
    {
        return Ok(s.clone());
    }
    Ok(wrap(vm, s, copy_of(vm, this(vm, s)?)?))
}

fn set_len(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this(vm, &args.args[0])?.len() as i64))
}

fn set_contains(vm: &Vm, args: Args) -> PyResult {
    let [s, x] = args.exact::<2>(vm, "__contains__")?;
    let s = this(vm, s)?;
    match s.contains(vm, x) {
        Ok(b) => Ok(vm.new_bool(b)),
        Err(e)
            if x.payload::<PySet>().is_some()
                && e.as_object()
                    .class()
                    .as_object()
                    .is(vm.ctx.exc.type_error.as_object()) =>
        {
            let f = new_set(vm, x.payload::<PySet>().unwrap().items(), true)?;
            Ok(vm.new_bool(s.contains(vm, &f)?))
        }
        Err(e) => Err(e),
    }
}

fn set_iter(vm: &Vm, args: Args) -> PyResult {
    let [s] = args.exact::<1>(vm, "__iter__")?;
    this(vm, s)?;
    Ok(crate::objects::iter::new_set_iter(vm, s.clone()))
}

fn set_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let s = this(vm, o)?;
    let name = o.class().name().clone();
    let frozen = is_frozen(vm, o);
    if s.is_empty() {
        return Ok(vm.new_string(format!("{name}()")));
    }
    let Some(_g) = vm.repr_enter(o) else {
        return Ok(vm.new_string(format!("{name}(...)")));
    };
    let body = crate::objects::list::seq_repr(vm, &s.items(), "{", "}")?;
    if frozen || name != "set" {
        Ok(vm.new_string(format!("{name}({body})")))
    } else {
        Ok(vm.new_string(body))
    }
}

fn set_union(vm: &Vm, args: Args) -> PyResult {
    let so = &args.args[0];
    let s = this(vm, so)?;
    let r = copy_of(vm, s)?;
    for o in &args.positional()[1..] {
        if !o.is(so) {
            r.update_from(vm, o)?;
        }
    }
    Ok(wrap(vm, so, r))
}

fn intersect(vm: &Vm, s: &PySet, other: &PyObject) -> PyResult<Vec<PyObjectRef>> {
    let mut out = Vec::new();
    if let Some(o) = other.payload::<PySet>() {
        // CPython iterates the other set unless it is the larger one.
        let (small, big) = if o.len() <= s.len() { (o, s) } else { (s, o) };
        for x in small.items() {
            if big.contains(vm, &x)? {
                out.push(x);
            }
        }
        return Ok(out);
    }
    for x in vm.iterate(other)? {
        if s.contains(vm, &x)? && !out.iter().any(|y: &PyObjectRef| y.is(&x)) {
            out.push(x);
        }
    }
    Ok(out)
}

/// CPython's `set_intersection_multi`: each step builds a new set by adding.
fn intersection_of(vm: &Vm, args: &Args) -> PyResult<PySet> {
    let s = this(vm, &args.args[0])?;
    let mut cur: Option<PySet> = None;
    for o in &args.positional()[1..] {
        let items = intersect(vm, cur.as_ref().unwrap_or(s), o)?;
        cur = Some(PySet::new_from(vm, items)?);
    }
    match cur {
        Some(r) => Ok(r),
        None => copy_of(vm, s),
    }
}

fn set_intersection(vm: &Vm, args: Args) -> PyResult {
    let r = intersection_of(vm, &args)?;
    Ok(wrap(vm, &args.args[0], r))
}

/// CPython's `set_difference_update_internal`.
fn discard_all(vm: &Vm, s: &PySet, other: &PyObject) -> PyResult<()> {
    if let Some(o) = other.payload::<PySet>() {
        if std::ptr::eq(s, o) {
            s.clear_all();
            return Ok(());
        }
        for x in o.items() {
            s.discard(vm, &x)?;
        }
        return Ok(());
    }
    for x in vm.iterate(other)? {
        s.discard(vm, &x)?;
    }
    Ok(())
}

/// CPython's `set_difference` and `set_difference_multi`: a copy with the others
/// discarded when the first other is not a set or dict or is much smaller, else a new
/// set built by adding the items not in it.
fn difference_of(vm: &Vm, args: &Args) -> PyResult<PySet> {
    let s = this(vm, &args.args[0])?;
    let p = args.positional();
    let Some(first) = p.get(1) else {
        return copy_of(vm, s);
    };
    let other_size = if let Some(o) = first.payload::<PySet>() {
        Some(o.len())
    } else if first
        .class()
        .as_object()
        .is(vm.ctx.types.dict_type.as_object())
    {
        first.payload::<crate::objects::PyDict>().map(|d| d.len())
    } else {
        None
    };
    let r = match other_size {
        Some(n) if (s.len() >> 2) <= n => {
            let r = PySet::default();
            for x in s.items() {
                let found = match first.payload::<PySet>() {
                    Some(o) => o.contains(vm, &x)?,
                    None => first
                        .payload::<crate::objects::PyDict>()
                        .unwrap()
                        .contains(vm, &x)?,
                };
                if !found {
                    r.add(vm, x)?;
                }
            }
            r
        }
        _ => {
            let r = copy_of(vm, s)?;
            discard_all(vm, &r, first)?;
            r
        }
    };
    for o in &p[2..] {
        discard_all(vm, &r, o)?;
    }
    Ok(r)
}

fn set_difference(vm: &Vm, args: Args) -> PyResult {
    let r = difference_of(vm, &args)?;
    Ok(wrap(vm, &args.args[0], r))
}

/// CPython's `set_symmetric_difference_update`: each item of the other (made a set
/// first unless it is one) is discarded, or added when absent.
fn toggle_all(vm: &Vm, s: &PySet, other: &PyObject) -> PyResult<()> {
    let tmp;
    let o = match other.payload::<PySet>() {
        Some(o) => o,
        None => {
            tmp = PySet::default();
            tmp.update_from(vm, other)?;
            &tmp
        }
    };
    if std::ptr::eq(s, o) {
        s.clear_all();
        return Ok(());
    }
    for x in o.items() {
        if !s.discard(vm, &x)? {
            s.add(vm, x)?;
        }
    }
    Ok(())
}

fn set_symmetric_difference(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "symmetric_difference")?;
    let s = this(vm, a)?;
    // CPython starts from a new set made from the other operand.
    let r = PySet::default();
    r.update_from(vm, b)?;
    for x in s.items() {
        if !r.discard(vm, &x)? {
            r.add(vm, x)?;
        }
    }
    Ok(wrap(vm, a, r))
}

fn set_update(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?;
    for o in &args.positional()[1..] {
        s.update_from(vm, o)?;
    }
    Ok(vm.none())
}

fn set_intersection_update(vm: &Vm, args: Args) -> PyResult {
    let r = intersection_of(vm, &args)?;
    this(vm, &args.args[0])?.take_table(r);
    Ok(vm.none())
}

fn set_difference_update(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?;
    for o in &args.positional()[1..] {
        discard_all(vm, s, o)?;
    }
    Ok(vm.none())
}

fn set_symmetric_difference_update(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "symmetric_difference_update")?;
    toggle_all(vm, this(vm, a)?, b)?;
    Ok(vm.none())
}

fn subset(vm: &Vm, a: &PySet, b: &PySet) -> PyResult<bool> {
    if a.len() > b.len() {
        return Ok(false);
    }
    for x in a.items() {
        if !b.contains(vm, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn as_set(vm: &Vm, o: &PyObject) -> PyResult<PySet> {
    match o.payload::<PySet>() {
        Some(s) => PySet::new_from(vm, s.items()),
        None => PySet::new_from(vm, vm.iterate(o)?),
    }
}

fn set_issubset(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "issubset")?;
    let other = as_set(vm, b)?;
    Ok(vm.new_bool(subset(vm, this(vm, a)?, &other)?))
}

fn set_issuperset(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "issuperset")?;
    let other = as_set(vm, b)?;
    Ok(vm.new_bool(subset(vm, &other, this(vm, a)?)?))
}

fn set_isdisjoint(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "isdisjoint")?;
    let s = this(vm, a)?;
    for x in vm.iterate(b)? {
        if s.contains(vm, &x)? {
            return Ok(vm.new_bool(false));
        }
    }
    Ok(vm.new_bool(true))
}

fn binop(vm: &Vm, args: Args, f: fn(&Vm, Args) -> PyResult) -> PyResult {
    let [_, b] = args.exact::<2>(vm, "op")?;
    if b.payload::<PySet>().is_none() {
        return Ok(vm.not_implemented());
    }
    f(vm, args)
}
fn set_or(vm: &Vm, a: Args) -> PyResult {
    binop(vm, a, set_union)
}
fn set_and(vm: &Vm, a: Args) -> PyResult {
    binop(vm, a, set_intersection)
}
fn set_sub(vm: &Vm, a: Args) -> PyResult {
    binop(vm, a, set_difference)
}
fn set_xor(vm: &Vm, a: Args) -> PyResult {
    binop(vm, a, set_symmetric_difference)
}
fn inplace(vm: &Vm, args: Args, f: fn(&Vm, Args) -> PyResult) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "op")?;
    if b.payload::<PySet>().is_none() {
        return Ok(vm.not_implemented());
    }
    f(vm, args)?;
    Ok(a.clone())
}
fn set_ior(vm: &Vm, a: Args) -> PyResult {
    inplace(vm, a, set_update)
}
fn set_iand(vm: &Vm, a: Args) -> PyResult {
    inplace(vm, a, set_intersection_update)
}
fn set_isub(vm: &Vm, a: Args) -> PyResult {
    inplace(vm, a, set_difference_update)
}
fn set_ixor(vm: &Vm, a: Args) -> PyResult {
    inplace(vm, a, set_symmetric_difference_update)
}

fn cmp_impl(vm: &Vm, args: Args, op: ComparisonOperator) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "cmp")?;
    let (Some(x), Some(y)) = (a.payload::<PySet>(), b.payload::<PySet>()) else {
        return Ok(vm.not_implemented());
    };
    use ComparisonOperator::*;
    let r = match op {
        Equal => x.len() == y.len() && subset(vm, x, y)?,
        NotEqual => !(x.len() == y.len() && subset(vm, x, y)?),
        LessOrEqual => subset(vm, x, y)?,
        Less => x.len() < y.len() && subset(vm, x, y)?,
        GreaterOrEqual => subset(vm, y, x)?,
        Greater => x.len() > y.len() && subset(vm, y, x)?,
    };
    Ok(vm.new_bool(r))
}
fn set_eq(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Equal)
}
fn set_ne(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::NotEqual)
}
fn set_lt(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Less)
}
fn set_le(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::LessOrEqual)
}
fn set_gt(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Greater)
}
fn set_ge(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::GreaterOrEqual)
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

fn frozenset_hash(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?;
    if s.hash.get() != -1 {
        return Ok(vm.new_int(s.hash.get()));
    }
    let t = s.inner.borrow();
    let mut hash: u64 = 0;
    for slot in &t.table {
        if let Slot::Active(h, _) = slot {
            hash ^= shuffle_bits(*h as u64);
        }
    }
    if (t.fill - t.used) & 1 == 1 {
        hash ^= shuffle_bits(u64::MAX);
    }
    hash ^= (t.used as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let mut h = hash as i64;
    if h == -1 {
        h = 590923713;
    }
    s.hash.set(h);
    Ok(vm.new_int(h))
}

fn set_sizeof(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?;
    let n = s.table_size();
    Ok(vm.new_int(200 + if n > 8 { 16 * n as i64 } else { 0 }))
}

pub(crate) fn init(vm: &Vm) {
    let common: &[(&'static str, crate::args::NativeFn)] = &[
        ("copy", set_copy),
        ("__len__", set_len),
        ("__contains__", set_contains),
        ("__iter__", set_iter),
        ("__repr__", set_repr),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
        ("__or__", set_or),
        ("__ror__", set_or),
        ("__and__", set_and),
        ("__rand__", set_and),
        ("__sub__", set_sub),
        ("__xor__", set_xor),
        ("__rxor__", set_xor),
        ("__eq__", set_eq),
        ("__ne__", set_ne),
        ("__lt__", set_lt),
        ("__le__", set_le),
        ("__gt__", set_gt),
        ("__ge__", set_ge),
        ("__sizeof__", set_sizeof),
    ];
    let t = &vm.ctx.types.set_type;
    vm.add_new(t, set_new);
    vm.add_methods(t, common);
    vm.add_methods(
        t,
        &[
            ("__init__", set_init),
            ("add", set_add),
            ("remove", set_remove),
            ("discard", set_discard),
            ("pop", set_pop),
            ("clear", set_clear),
            ("update", set_update),
            ("intersection_update", set_intersection_update),
            ("difference_update", set_difference_update),
            (
                "symmetric_difference_update",
                set_symmetric_difference_update,
            ),
            ("__ior__", set_ior),
            ("__iand__", set_iand),
            ("__isub__", set_isub),
            ("__ixor__", set_ixor),
        ],
    );
    vm.add_attr(t, "__hash__", vm.none());
    let f = &vm.ctx.types.frozenset_type;
    vm.add_new(f, set_new);
    vm.add_methods(f, common);
    vm.add_methods(f, &[("__hash__", frozenset_hash)]);
}
