//! `list`: a growable array with CPython's over-allocation rule (`list_resize`), so
//! `sys.getsizeof` can report CPython's capacities. Items are never borrowed across a
//! call into Python code (comparisons in `sort`, `index`, `remove` work on copies).

use std::cell::{Cell, RefCell};

use mempy_bytecode::ComparisonOperator;

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload};
use crate::objects::slice::SliceIndices;
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PySlice, PyType};
use crate::vm::{PyResult, Vm};

pub struct PyList {
    pub items: RefCell<Vec<PyObjectRef>>,
    /// CPython's `allocated` (capacity as CPython would have it).
    pub allocated: Cell<usize>,
}

/// CPython's `list_dealloc` releases the items last to first.
impl Drop for PyList {
    fn drop(&mut self) {
        let mut items = std::mem::take(self.items.get_mut());
        while let Some(x) = items.pop() {
            drop(x);
        }
    }
}

impl PyPayload for PyList {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        out.extend(self.items.borrow_mut().drain(..));
        self.allocated.set(0);
    }
}

/// CPython's `list_resize` capacity rule.
pub fn grow_capacity(allocated: usize, oldsize: usize, newsize: usize) -> usize {
    if allocated >= newsize && newsize >= allocated >> 1 {
        return allocated;
    }
    if newsize == 0 {
        return 0;
    }
    let mut new = (newsize + (newsize >> 3) + 6) & !3;
    if newsize - oldsize.min(newsize) > new - newsize {
        new = (newsize + 3) & !3;
    }
    new
}

impl PyList {
    pub fn new(items: Vec<PyObjectRef>) -> PyList {
        let n = items.len();
        PyList {
            items: RefCell::new(items),
            allocated: Cell::new(n),
        }
    }

    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    pub fn append(&self, x: PyObjectRef) {
        let mut v = self.items.borrow_mut();
        let n = v.len();
        if n + 1 > self.allocated.get() {
            self.allocated
                .set(grow_capacity(self.allocated.get(), n, n + 1));
        }
        v.push(x);
    }

    fn resized(&self, newsize: usize) {
        let n = self.len();
        self.allocated
            .set(grow_capacity(self.allocated.get(), n, newsize));
    }

    pub fn to_vec(&self) -> Vec<PyObjectRef> {
        self.items.borrow().clone()
    }

    pub fn get(&self, i: usize) -> Option<PyObjectRef> {
        self.items.borrow().get(i).cloned()
    }
}

/// CPython's `PyObject_LengthHint(o, default)`: `len(o)`, else `o.__length_hint__()`,
/// else `default`.
pub fn length_hint(vm: &Vm, o: &PyObject, default: usize) -> PyResult<usize> {
    if vm.lookup_special(o, "__len__").is_some() {
        return vm.len(o);
    }
    let Some(m) = vm.lookup_special(o, "__length_hint__") else {
        return Ok(default);
    };
    let r = vm.call(&m, &[o.to_owned()])?;
    if r.is(&vm.ctx.not_implemented) {
        return Ok(default);
    }
    if r.payload::<crate::objects::PyInt>().is_none() {
        return Err(vm.new_type_error(format!(
            "__length_hint__ must be an integer, not {}",
            r.class().name()
        )));
    }
    let n = vm.to_index_i64(&r)?;
    if n < 0 {
        return Err(vm.new_value_error("__length_hint__() should return >= 0"));
    }
    Ok(n as usize)
}

/// CPython's `list_extend`, which sets the capacities `sys.getsizeof` shows: an exact
/// list or tuple is copied in one step (an empty list gets exactly `n` rounded up to
/// even); any other iterable first reserves its length hint (8 when unknown), then
/// appends, then gives back spare room by `list_resize`'s rule.
pub fn extend_from(vm: &Vm, l: &PyList, src: &PyObject) -> PyResult<()> {
    let exact_seq = src
        .class()
        .as_object()
        .is(vm.ctx.types.list_type.as_object())
        || src
            .class()
            .as_object()
            .is(vm.ctx.types.tuple_type.as_object());
    if exact_seq {
        let items = vm.iterate(src)?;
        if items.is_empty() {
            return Ok(());
        }
        let n = items.len();
        if l.allocated.get() == 0 {
            l.allocated.set((n + 1) & !1);
        } else {
            l.resized(l.len() + n);
        }
        l.items.borrow_mut().extend(items);
        return Ok(());
    }
    let it = vm.get_iter(src)?;
    let hint = length_hint(vm, src, 8)?;
    if l.allocated.get() == 0 {
        if hint > 0 {
            check_size(vm, hint, 8)?;
            l.allocated.set((hint + 1) & !1);
        }
    } else {
        check_size(vm, l.len().saturating_add(hint), 8)?;
        l.resized(l.len() + hint);
    }
    while let Some(x) = vm.next(&it)? {
        l.append(x);
    }
    if l.len() < l.allocated.get() {
        l.resized(l.len());
    }
    Ok(())
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyList> {
    o.payload::<PyList>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'list' object but received a '{}'",
            o.class().name()
        ))
    })
}

/// Normalises an index for item access; IndexError with `msg` when out of range.
pub fn norm_index(vm: &Vm, idx: &PyObject, len: usize, msg: &str) -> PyResult<usize> {
    let i = vm.to_index_isize(idx)?;
    let j = if i < 0 { i + len as isize } else { i };
    if j < 0 || j >= len as isize {
        return Err(vm.new_index_error(msg));
    }
    Ok(j as usize)
}

/// Requests above this size are tried on the system allocator by [`check_size`].
const TRIAL_ALLOCATION_FROM: usize = 64 << 20;

/// `MemoryError` when `n` items of `item` bytes can't be held: more than the address
/// space allows, or past `-X memlimit`.
pub fn check_size(vm: &Vm, n: usize, item: usize) -> PyResult<()> {
    if n.checked_mul(item).map_or(true, |b| {
        b > (isize::MAX as usize) / 8 || crate::heap::memlimit::would_exceed(b)
    }) || n > (1usize << 40)
    {
        return Err(vm.new_memory_error());
    }
    // A big request the system can't give (`'x' * 2**40`) is CPython's failed malloc: try it
    // (virtual memory only, never touched) rather than abort in an infallible allocation.
    let bytes = n * item;
    if bytes > TRIAL_ALLOCATION_FROM {
        let mut probe: Vec<u8> = Vec::new();
        probe
            .try_reserve_exact(bytes)
            .map_err(|_| vm.new_memory_error())?;
    }
    Ok(())
}

fn list_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("list.__new__(X): X is not a type object"))?;
    Ok(vm.new_instance(PyList::new(Vec::new()), &cls).into())
}

fn list_init(vm: &Vm, args: Args) -> PyResult {
    let l = this(vm, &args.args[0])?;
    args.shift().no_kwargs(vm, "list")?;
    let p = args.positional();
    if p.len() > 2 {
        return Err(vm.new_type_error(format!(
            "list expected at most 1 argument, got {}",
            p.len() - 1
        )));
    }
    let mut old = std::mem::take(&mut *l.items.borrow_mut());
    l.allocated.set(0);
    // CPython's `_list_clear` releases the items last to first.
    while let Some(x) = old.pop() {
        drop(x);
    }
    if let Some(src) = p.get(1) {
        extend_from(vm, l, src)?;
    }
    Ok(vm.none())
}

fn list_append(vm: &Vm, args: Args) -> PyResult {
    let [l, x] = args.exact::<2>(vm, "list.append")?;
    this(vm, l)?.append(x.clone());
    Ok(vm.none())
}

fn list_extend(vm: &Vm, args: Args) -> PyResult {
    let [l, x] = args.exact::<2>(vm, "list.extend")?;
    let l = this(vm, l)?;
    if x.payload::<PyList>().is_some_and(|o| std::ptr::eq(o, l)) {
        // `l.extend(l)`: CPython extends from a snapshot.
        let snapshot = vm.new_list(l.to_vec());
        extend_from(vm, l, &snapshot)?;
    } else {
        extend_from(vm, l, x)?;
    }
    Ok(vm.none())
}

fn list_insert(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "insert", 3, 3)?;
    let l = this(vm, &p[0])?;
    let n = l.len() as isize;
    let mut i = vm.to_index_isize(&p[1])?;
    if i < 0 {
        i = (i + n).max(0);
    }
    let i = (i.min(n)) as usize;
    l.resized(n as usize + 1);
    l.items.borrow_mut().insert(i, p[2].clone());
    Ok(vm.none())
}

fn list_pop(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "pop", 1, 2)?;
    let l = this(vm, &p[0])?;
    let n = l.len();
    if n == 0 {
        return Err(vm.new_index_error("pop from empty list"));
    }
    let i = match p.get(1) {
        Some(i) => norm_index(vm, i, n, "pop index out of range")?,
        None => n - 1,
    };
    l.resized(n - 1);
    let v = l.items.borrow_mut().remove(i);
    Ok(v)
}

fn list_remove(vm: &Vm, args: Args) -> PyResult {
    let [lo, x] = args.exact::<2>(vm, "remove")?;
    let l = this(vm, lo)?;
    let mut i = 0;
    while let Some(item) = l.get(i) {
        if vm.eq(&item, x)? {
            let n = l.len();
            l.resized(n - 1);
            let v = l.items.borrow_mut().remove(i);
            drop(v);
            return Ok(vm.none());
        }
        i += 1;
    }
    Err(vm.new_value_error("list.remove(x): x not in list"))
}

fn list_index(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "index", 2, 4)?;
    let l = this(vm, &p[0])?;
    let n = l.len() as isize;
    let norm = |v: Option<&PyObjectRef>, d: isize| -> PyResult<isize> {
        match v {
            Some(v) => {
                let i = vm.to_index_isize(v)?;
                Ok(if i < 0 { (i + n).max(0) } else { i })
            }
            None => Ok(d),
        }
    };
    let start = norm(p.get(2), 0)?;
    let stop = norm(p.get(3), n)?;
    let mut i = start;
    while i < stop {
        let Some(item) = l.get(i as usize) else { break };
        if vm.eq(&item, &p[1])? {
            return Ok(vm.new_int(i as i64));
        }
        i += 1;
    }
    Err(vm.new_value_error(format!("{} is not in list", vm.repr(&p[1])?.as_str())))
}

fn list_count(vm: &Vm, args: Args) -> PyResult {
    let [lo, x] = args.exact::<2>(vm, "count")?;
    let items = this(vm, lo)?.to_vec();
    let mut n = 0;
    for it in items {
        if vm.eq(&it, x)? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

fn list_clear(vm: &Vm, args: Args) -> PyResult {
    let [lo] = args.exact::<1>(vm, "clear")?;
    let l = this(vm, lo)?;
    let mut old = std::mem::take(&mut *l.items.borrow_mut());
    l.allocated.set(0);
    // CPython's `_list_clear` releases the items last to first.
    while let Some(x) = old.pop() {
        drop(x);
    }
    Ok(vm.none())
}

fn list_copy(vm: &Vm, args: Args) -> PyResult {
    let [lo] = args.exact::<1>(vm, "copy")?;
    Ok(vm.new_list(this(vm, lo)?.to_vec()))
}

fn list_reverse(vm: &Vm, args: Args) -> PyResult {
    let [lo] = args.exact::<1>(vm, "reverse")?;
    this(vm, lo)?.items.borrow_mut().reverse();
    Ok(vm.none())
}

/// Stable merge sort with a fallible comparison (`a < b`).
pub fn sort_values(
    vm: &Vm,
    v: &mut Vec<(PyObjectRef, PyObjectRef)>,
    reverse: bool,
) -> PyResult<()> {
    // Sort on keys; `reverse` keeps stability as CPython (reverse, sort, reverse).
    if reverse {
        v.reverse();
    }
    let n = v.len();
    if n < 2 {
        if reverse {
            v.reverse();
        }
        return Ok(());
    }
    if sort_exact_keys(vm, v) {
        if reverse {
            v.reverse();
        }
        return Ok(());
    }
    let mut buf: Vec<(PyObjectRef, PyObjectRef)> = Vec::with_capacity(n);
    let mut width = 1;
    // Insertion sort runs of 16 first.
    let run = 16;
    let mut start = 0;
    while start < n {
        let end = (start + run).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && vm.lt(&v[j].0, &v[j - 1].0)? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    width = width.max(run);
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            if mid < hi {
                buf.clear();
                let (mut i, mut j) = (lo, mid);
                while i < mid && j < hi {
                    if vm.lt(&v[j].0, &v[i].0)? {
                        buf.push(v[j].clone());
                        j += 1;
                    } else {
                        buf.push(v[i].clone());
                        i += 1;
                    }
                }
                buf.extend(v[i..mid].iter().cloned());
                buf.extend(v[j..hi].iter().cloned());
                for (k, item) in buf.drain(..).enumerate() {
                    v[lo + k] = item;
                }
            }
            lo += 2 * width;
        }
        width *= 2;
    }
    if reverse {
        v.reverse();
    }
    Ok(())
}

/// Sorts `v` stably by its keys without calling `<` when every key is an exact
/// `int` that fits in 64 bits, or every key is an exact `str` (their `<` runs no
/// Python code and is a total order, so the result is the one the comparison sort
/// gives, as CPython's `unsafe_long_compare`/`unsafe_latin_compare` pre-checks).
/// Returns false, leaving `v` untouched, for any other mix of keys.
fn sort_exact_keys(vm: &Vm, v: &mut Vec<(PyObjectRef, PyObjectRef)>) -> bool {
    let str_type = vm.ctx.types.str_type.as_object();
    let order: Vec<usize> = if let Some(ints) = v
        .iter()
        .map(|(k, _)| crate::eval::ops::exact_small_int(vm, k))
        .collect::<Option<Vec<i64>>>()
    {
        let mut order: Vec<usize> = (0..v.len()).collect();
        order.sort_by_key(|&i| ints[i]);
        order
    } else if v.iter().all(|(k, _)| k.class_obj().is(str_type)) {
        let strs: Vec<&str> = v
            .iter()
            .filter_map(|(k, _)| k.payload::<crate::objects::PyStr>().map(|s| s.as_str()))
            .collect();
        if strs.len() != v.len() {
            return false;
        }
        let mut order: Vec<usize> = (0..v.len()).collect();
        order.sort_by(|&a, &b| strs[a].cmp(strs[b]));
        order
    } else {
        return false;
    };
    let mut slots: Vec<Option<(PyObjectRef, PyObjectRef)>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
    true
}

pub fn sort_list(vm: &Vm, l: &PyList, key: Option<&PyObjectRef>, reverse: bool) -> PyResult<()> {
    let items = std::mem::take(&mut *l.items.borrow_mut());
    let mut pairs = Vec::with_capacity(items.len());
    let mut err = None;
    for it in items.iter() {
        let k = match key {
            Some(f) if !vm.is_none(f) => match vm.call(f, &[it.clone()]) {
                Ok(k) => k,
                Err(e) => {
                    err = Some(e);
                    break;
                }
            },
            _ => it.clone(),
        };
        pairs.push((k, it.clone()));
    }
    if let Some(e) = err {
        *l.items.borrow_mut() = items;
        return Err(e);
    }
    let r = sort_values(vm, &mut pairs, reverse);
    let modified = !l.items.borrow().is_empty();
    match r {
        Ok(()) => {
            drop(items);
            *l.items.borrow_mut() = pairs.into_iter().map(|(_, v)| v).collect();
            if modified {
                return Err(vm.new_value_error("list modified during sort"));
            }
            Ok(())
        }
        Err(e) => {
            *l.items.borrow_mut() = items;
            Err(e)
        }
    }
}

fn list_sort(vm: &Vm, args: Args) -> PyResult {
    if args.positional().len() > 1 {
        return Err(vm.new_type_error("sort() takes no positional arguments"));
    }
    let l = this(vm, &args.args[0])?;
    let mut key = None;
    let mut reverse = false;
    for (k, v) in args.kwargs() {
        match k {
            "key" => key = Some(v),
            "reverse" => reverse = vm.is_true(v)?,
            other => {
                return Err(vm.new_type_error(format!(
                    "sort() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    sort_list(vm, l, key, reverse)?;
    Ok(vm.none())
}

fn list_len(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this(vm, &args.args[0])?.len() as i64))
}

pub fn list_getitem_impl(vm: &Vm, l: &PyList, idx: &PyObject) -> PyResult {
    if let Some(s) = idx.payload::<PySlice>() {
        let v = l.items.borrow();
        let si = SliceIndices::new(vm, s, v.len())?;
        return Ok(vm.new_list(si.iter().map(|i| v[i].clone()).collect()));
    }
    if !vm.is_index(idx) {
        return Err(vm.new_type_error(format!(
            "list indices must be integers or slices, not {}",
            idx.class().name()
        )));
    }
    let n = l.len();
    let i = norm_index(vm, idx, n, "list index out of range")?;
    Ok(l.items.borrow()[i].clone())
}

fn list_getitem(vm: &Vm, args: Args) -> PyResult {
    let [l, i] = args.exact::<2>(vm, "__getitem__")?;
    list_getitem_impl(vm, this(vm, l)?, i)
}

pub fn list_setitem_impl(vm: &Vm, l: &PyList, idx: &PyObject, value: PyObjectRef) -> PyResult<()> {
    if let Some(s) = idx.payload::<PySlice>() {
        let new_items = vm.iterate(&value)?;
        let n = l.len();
        let si = SliceIndices::new(vm, s, n)?;
        if si.step == 1 {
            let start = si.start.max(0) as usize;
            let stop = (si.stop.max(si.start)).max(0) as usize;
            let old: Vec<PyObjectRef> = {
                let mut v = l.items.borrow_mut();
                v.splice(start.min(n)..stop.min(n), new_items).collect()
            };
            let m = l.len();
            l.allocated
                .set(grow_capacity(l.allocated.get(), n, m).max(m));
            drop(old);
            return Ok(());
        }
        let idxs: Vec<usize> = si.iter().collect();
        if idxs.len() != new_items.len() {
            return Err(vm.new_value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                new_items.len(),
                idxs.len()
            )));
        }
        let mut old = Vec::new();
        {
            let mut v = l.items.borrow_mut();
            for (i, x) in idxs.into_iter().zip(new_items) {
                old.push(std::mem::replace(&mut v[i], x));
            }
        }
        drop(old);
        return Ok(());
    }
    if !vm.is_index(idx) {
        return Err(vm.new_type_error(format!(
            "list indices must be integers or slices, not {}",
            idx.class().name()
        )));
    }
    let i = norm_index(vm, idx, l.len(), "list assignment index out of range")?;
    let old = std::mem::replace(&mut l.items.borrow_mut()[i], value);
    drop(old);
    Ok(())
}

fn list_setitem(vm: &Vm, args: Args) -> PyResult {
    let [l, i, v] = args.exact::<3>(vm, "__setitem__")?;
    list_setitem_impl(vm, this(vm, l)?, i, v.clone())?;
    Ok(vm.none())
}

pub fn list_delitem_impl(vm: &Vm, l: &PyList, idx: &PyObject) -> PyResult<()> {
    if let Some(s) = idx.payload::<PySlice>() {
        let n = l.len();
        let si = SliceIndices::new(vm, s, n)?;
        let mut del: Vec<usize> = si.iter().collect();
        del.sort_unstable();
        let mut old = Vec::new();
        {
            let mut v = l.items.borrow_mut();
            for &i in del.iter().rev() {
                old.push(v.remove(i));
            }
        }
        let m = l.len();
        l.allocated.set(grow_capacity(l.allocated.get(), n, m));
        drop(old);
        return Ok(());
    }
    if !vm.is_index(idx) {
        return Err(vm.new_type_error(format!(
            "list indices must be integers or slices, not {}",
            idx.class().name()
        )));
    }
    let n = l.len();
    let i = norm_index(vm, idx, n, "list assignment index out of range")?;
    l.resized(n - 1);
    let old = l.items.borrow_mut().remove(i);
    drop(old);
    Ok(())
}

fn list_delitem(vm: &Vm, args: Args) -> PyResult {
    let [l, i] = args.exact::<2>(vm, "__delitem__")?;
    list_delitem_impl(vm, this(vm, l)?, i)?;
    Ok(vm.none())
}

fn list_contains(vm: &Vm, args: Args) -> PyResult {
    let [l, x] = args.exact::<2>(vm, "__contains__")?;
    let l = this(vm, l)?;
    let mut i = 0;
    while let Some(item) = l.get(i) {
        if vm.eq(&item, x)? {
            return Ok(vm.new_bool(true));
        }
        i += 1;
    }
    Ok(vm.new_bool(false))
}

fn list_iter(vm: &Vm, args: Args) -> PyResult {
    let [l] = args.exact::<1>(vm, "__iter__")?;
    this(vm, l)?;
    Ok(crate::objects::iter::new_seq_iter(
        vm,
        l.clone(),
        &vm.ctx.types.list_iterator_type,
    ))
}

fn list_reversed(vm: &Vm, args: Args) -> PyResult {
    let [l] = args.exact::<1>(vm, "__reversed__")?;
    let n = this(vm, l)?.len();
    Ok(crate::objects::iter::new_rev_iter(
        vm,
        l.clone(),
        n,
        &vm.ctx.types.list_reverseiterator_type,
    ))
}

pub fn seq_repr(vm: &Vm, items: &[PyObjectRef], open: &str, close: &str) -> PyResult<String> {
    let mut out = String::from(open);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(vm.repr(x)?.as_str());
    }
    out.push_str(close);
    Ok(out)
}

fn list_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let l = this(vm, o)?;
    if l.is_empty() {
        return Ok(vm.new_str("[]"));
    }
    let Some(_g) = vm.repr_enter(o) else {
        return Ok(vm.new_str("[...]"));
    };
    Ok(vm.new_string(seq_repr(vm, &l.to_vec(), "[", "]")?))
}

/// Lexicographic comparison of two sequences (`list`/`tuple` rich comparisons).
pub fn seq_compare(
    vm: &Vm,
    a: &[PyObjectRef],
    b: &[PyObjectRef],
    op: ComparisonOperator,
) -> PyResult<bool> {
    use ComparisonOperator::*;
    if a.len() != b.len() && matches!(op, Equal | NotEqual) {
        return Ok(op == NotEqual);
    }
    let n = a.len().min(b.len());
    for i in 0..n {
        if !vm.eq(&a[i], &b[i])? {
            return match op {
                Equal => Ok(false),
                NotEqual => Ok(true),
                _ => {
                    let r = vm.rich_compare(&a[i], &b[i], op)?;
                    vm.is_true(&r)
                }
            };
        }
    }
    let (x, y) = (a.len(), b.len());
    Ok(match op {
        Less => x < y,
        LessOrEqual => x <= y,
        Equal => x == y,
        NotEqual => x != y,
        Greater => x > y,
        GreaterOrEqual => x >= y,
    })
}

fn cmp_impl(vm: &Vm, args: Args, op: ComparisonOperator) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__cmp__")?;
    let (Some(x), Some(y)) = (a.payload::<PyList>(), b.payload::<PyList>()) else {
        return Ok(vm.not_implemented());
    };
    let (x, y) = (x.to_vec(), y.to_vec());
    Ok(vm.new_bool(seq_compare(vm, &x, &y, op)?))
}
fn list_eq(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Equal)
}
fn list_ne(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::NotEqual)
}
fn list_lt(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Less)
}
fn list_le(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::LessOrEqual)
}
fn list_gt(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Greater)
}
fn list_ge(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::GreaterOrEqual)
}

fn list_add(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__add__")?;
    let x = this(vm, a)?;
    let Some(y) = b.payload::<PyList>() else {
        return Err(vm.new_type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            b.class().name()
        )));
    };
    let mut v = x.to_vec();
    v.extend(y.to_vec());
    Ok(vm.new_list(v))
}

fn list_iadd(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__iadd__")?;
    let l = this(vm, a)?;
    if a.is(b) {
        let snapshot = vm.new_list(l.to_vec());
        extend_from(vm, l, &snapshot)?;
    } else {
        extend_from(vm, l, b)?;
    }
    Ok(a.clone())
}

pub fn repeat_count(vm: &Vm, n: &PyObject) -> PyResult<Option<usize>> {
    if !vm.is_index(n) {
        return Ok(None);
    }
    let i = vm
        .to_index_i64(n)
        .map_err(|_| vm.new_overflow_error("cannot fit 'int' into an index-sized integer"))?;
    Ok(Some(i.max(0) as usize))
}

fn list_mul(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__mul__")?;
    let x = this(vm, a)?;
    let Some(n) = repeat_count(vm, b)? else {
        return Ok(vm.not_implemented());
    };
    let items = x.to_vec();
    check_size(vm, items.len().saturating_mul(n), 8)?;
    let mut v = Vec::new();
    v.try_reserve_exact(items.len() * n)
        .map_err(|_| vm.new_memory_error())?;
    for _ in 0..n {
        v.extend(items.iter().cloned());
    }
    Ok(vm.new_list(v))
}

fn list_imul(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__imul__")?;
    let x = this(vm, a)?;
    let Some(n) = repeat_count(vm, b)? else {
        return Ok(vm.not_implemented());
    };
    let items = x.to_vec();
    check_size(vm, items.len().saturating_mul(n), 8)?;
    let mut v = Vec::new();
    for _ in 0..n {
        v.extend(items.iter().cloned());
    }
    let old = std::mem::replace(&mut *x.items.borrow_mut(), v);
    x.allocated.set(x.len());
    drop(old);
    Ok(a.clone())
}

fn list_sizeof(vm: &Vm, args: Args) -> PyResult {
    let l = this(vm, &args.args[0])?;
    Ok(vm.new_int(
        (40 + 8 * l.allocated.get() + crate::modules::sys_memory::subclass_extra(&args.args[0]))
            as i64,
    ))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.list_type;
    vm.add_new(t, list_new);
    vm.add_methods(
        t,
        &[
            ("__init__", list_init),
            ("append", list_append),
            ("extend", list_extend),
            ("insert", list_insert),
            ("pop", list_pop),
            ("remove", list_remove),
            ("index", list_index),
            ("count", list_count),
            ("clear", list_clear),
            ("copy", list_copy),
            ("reverse", list_reverse),
            ("sort", list_sort),
            ("__len__", list_len),
            ("__getitem__", list_getitem),
            ("__setitem__", list_setitem),
            ("__delitem__", list_delitem),
            ("__contains__", list_contains),
            ("__iter__", list_iter),
            ("__reversed__", list_reversed),
            ("__repr__", list_repr),
            ("__eq__", list_eq),
            ("__ne__", list_ne),
            ("__lt__", list_lt),
            ("__le__", list_le),
            ("__gt__", list_gt),
            ("__ge__", list_ge),
            ("__add__", list_add),
            ("__iadd__", list_iadd),
            ("__mul__", list_mul),
            ("__rmul__", list_mul),
            ("__imul__", list_imul),
            ("__sizeof__", list_sizeof),
        ],
    );
    vm.add_attr(t, "__hash__", vm.none());
}
