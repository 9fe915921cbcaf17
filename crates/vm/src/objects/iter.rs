//! Iterators over builtin containers, dict views, and the lazy builtins (`enumerate`,
//! `zip`, `map`, `filter`, `reversed`, two-argument `iter`).

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyBytes, PyDict, PyList, PySet, PyStr, PyTuple, PyType, PyTypeRef};
use crate::vm::{PyResult, Vm};

/// Iterator over an indexable container (`kind` says which), or a reversed one.
pub struct PySeqIter {
    pub seq: RefCell<Option<PyObjectRef>>,
    pub index: Cell<usize>,
    pub kind: u8,
    pub version: Cell<u64>,
    pub len0: Cell<usize>,
}

const K_LIST: u8 = 0;
const K_TUPLE: u8 = 1;
const K_STR: u8 = 2;
const K_BYTES: u8 = 3;
const K_SET: u8 = 4;
const K_DICT_KEYS: u8 = 5;
const K_DICT_VALUES: u8 = 6;
const K_DICT_ITEMS: u8 = 7;
const K_REVERSED: u8 = 8;
const K_GETITEM: u8 = 9;

impl PyPayload for PySeqIter {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        out.extend(self.seq.borrow_mut().take());
    }
}

fn seq_iter(seq: PyObjectRef, kind: u8) -> PySeqIter {
    PySeqIter {
        seq: RefCell::new(Some(seq)),
        index: Cell::new(0),
        kind,
        version: Cell::new(0),
        len0: Cell::new(0),
    }
}

pub fn new_seq_iter(vm: &Vm, seq: PyObjectRef, typ: &PyTypeRef) -> PyObjectRef {
    let kind = if seq.payload::<PyList>().is_some() {
        K_LIST
    } else if seq.payload::<PyTuple>().is_some() {
        K_TUPLE
    } else if seq.payload::<PyStr>().is_some() {
        K_STR
    } else if seq.payload::<PyBytes>().is_some() {
        K_BYTES
    } else {
        K_GETITEM
    };
    vm.new_object(seq_iter(seq, kind), typ).into()
}

/// `iter(obj)` for objects with only `__getitem__`.
pub fn new_getitem_iter(vm: &Vm, seq: PyObjectRef) -> PyObjectRef {
    vm.new_object(seq_iter(seq, K_GETITEM), &vm.ctx.types.seq_iterator_type)
        .into()
}

pub fn new_rev_iter(vm: &Vm, seq: PyObjectRef, len: usize, typ: &PyTypeRef) -> PyObjectRef {
    let it = seq_iter(seq, K_REVERSED);
    it.index.set(len);
    vm.new_object(it, typ).into()
}

pub fn new_set_iter(vm: &Vm, set: PyObjectRef) -> PyObjectRef {
    let it = seq_iter(set.clone(), K_SET);
    if let Some(s) = set.payload::<PySet>() {
        it.version.set(s.version());
        it.len0.set(s.len());
    }
    vm.new_object(it, &vm.ctx.types.set_iterator_type).into()
}

pub fn new_dict_iter(vm: &Vm, dict: PyObjectRef, which: u8) -> PyObjectRef {
    let it = seq_iter(dict.clone(), K_DICT_KEYS + which);
    if let Some(d) = dict.payload::<PyDict>() {
        it.len0.set(d.len());
    }
    let t = match which {
        0 => &vm.ctx.types.dict_keyiterator_type,
        1 => &vm.ctx.types.dict_valueiterator_type,
        _ => &vm.ctx.types.dict_itemiterator_type,
    };
    vm.new_object(it, t).into()
}

/// Advances any builtin iterator; `Ok(None)` when exhausted.
pub fn seq_iter_next(vm: &Vm, it: &PySeqIter) -> PyResult<Option<PyObjectRef>> {
    let seq = match it.seq.borrow().as_ref() {
        Some(s) => s.clone(),
        None => return Ok(None),
    };
    let i = it.index.get();
    let r = match it.kind {
        K_LIST => seq.payload::<PyList>().and_then(|l| l.get(i)),
        K_TUPLE => seq
            .payload::<PyTuple>()
            .and_then(|t| t.as_slice().get(i).cloned()),
        K_STR => {
            let s = seq.payload::<PyStr>().unwrap();
            if s.is_ascii() {
                s.as_str()
                    .as_bytes()
                    .get(i)
                    .map(|&b| vm.ctx.latin1_chars[b as usize].clone().into())
            } else {
                // `index` is a byte offset for non-ASCII strings.
                let rest = &s.as_str()[i.min(s.as_str().len())..];
                rest.chars().next().map(|c| {
                    it.index.set(i + c.len_utf8() - 1);
                    vm.new_str(c.encode_utf8(&mut [0; 4]))
                })
            }
        }
        K_BYTES => seq
            .payload::<PyBytes>()
            .and_then(|b| b.value.get(i).map(|&c| vm.new_int(c as i64))),
        K_SET => {
            let s = seq.payload::<PySet>().unwrap();
            if s.len() != it.len0.get() {
                *it.seq.borrow_mut() = None;
                return Err(vm.new_runtime_error("Set changed size during iteration"));
            }
            match s.item_at(i) {
                Some((next, k)) => {
                    it.index.set(next);
                    return Ok(Some(k));
                }
                None => None,
            }
        }
        K_DICT_KEYS | K_DICT_VALUES | K_DICT_ITEMS => {
            let d = seq.payload::<PyDict>().unwrap();
            if d.len() != it.len0.get() {
                it.len0.set(usize::MAX);
                return Err(vm.new_runtime_error("dictionary changed size during iteration"));
            }
            match d.entry_at(i) {
                Some((next, e)) => {
                    it.index.set(next);
                    return Ok(Some(match it.kind {
                        K_DICT_KEYS => e.key,
                        K_DICT_VALUES => e.value,
                        _ => vm.new_tuple(vec![e.key, e.value]),
                    }));
                }
                None => None,
            }
        }
        K_REVERSED => {
            if i == 0 {
                None
            } else {
                it.index.set(i - 1);
                let v = match vm.getitem(&seq, &vm.new_int((i - 1) as i64)) {
                    Ok(v) => v,
                    Err(e) if e.as_object().class().is_subtype(&vm.ctx.exc.index_error) => {
                        *it.seq.borrow_mut() = None;
                        return Ok(None);
                    }
                    Err(e) => return Err(e),
                };
                return Ok(Some(v));
            }
        }
        _ => match vm.getitem(&seq, &vm.new_int(i as i64)) {
            Ok(v) => Some(v),
            Err(e)
                if e.as_object().class().is_subtype(&vm.ctx.exc.index_error)
                    || e.as_object().class().is_subtype(&vm.ctx.exc.stop_iteration) =>
            {
                None
            }
            Err(e) => return Err(e),
        },
    };
    match r {
        Some(v) => {
            it.index.set(it.index.get() + 1);
            Ok(Some(v))
        }
        None => {
            *it.seq.borrow_mut() = None;
            Ok(None)
        }
    }
}

fn iter_self(_vm: &Vm, args: Args) -> PyResult {
    Ok(args.args[0].clone())
}

fn seq_next(vm: &Vm, args: Args) -> PyResult {
    let it = args.args[0]
        .payload::<PySeqIter>()
        .ok_or_else(|| vm.new_type_error("iterator expected"))?;
    match seq_iter_next(vm, it)? {
        Some(v) => Ok(v),
        None => Err(vm.new_stop_iteration(None)),
    }
}

fn seq_length_hint(vm: &Vm, args: Args) -> PyResult {
    let it = args.args[0]
        .payload::<PySeqIter>()
        .ok_or_else(|| vm.new_type_error("iterator expected"))?;
    let seq = it.seq.borrow().clone();
    let n = match seq {
        None => 0,
        Some(s) => match it.kind {
            K_REVERSED => it.index.get(),
            _ => vm.len(&s).unwrap_or(0).saturating_sub(it.index.get()),
        },
    };
    Ok(vm.new_int(n as i64))
}

pub struct PyRangeIter {
    pub next: Cell<i64>,
    pub step: i64,
    pub remaining: Cell<usize>,
}
impl PyPayload for PyRangeIter {
    const GC: bool = false;
}

fn range_next(vm: &Vm, args: Args) -> PyResult {
    let it = args.args[0]
        .payload::<PyRangeIter>()
        .ok_or_else(|| vm.new_type_error("range_iterator expected"))?;
    match range_iter_next(it) {
        Some(v) => Ok(vm.new_int(v)),
        None => Err(vm.new_stop_iteration(None)),
    }
}

#[inline]
pub fn range_iter_next(it: &PyRangeIter) -> Option<i64> {
    let r = it.remaining.get();
    if r == 0 {
        return None;
    }
    it.remaining.set(r - 1);
    let v = it.next.get();
    it.next.set(v.wrapping_add(it.step));
    Some(v)
}

fn range_length_hint(vm: &Vm, args: Args) -> PyResult {
    let it = args.args[0]
        .payload::<PyRangeIter>()
        .ok_or_else(|| vm.new_type_error("range_iterator expected"))?;
    Ok(vm.new_int(it.remaining.get() as i64))
}

/// `dict.keys()`, `.values()`, `.items()`.
pub struct PyDictView {
    pub dict: PyObjectRef,
    pub which: u8,
}
impl PyPayload for PyDictView {
    const GC: bool = true;
}

pub fn new_dict_view(vm: &Vm, dict: PyObjectRef, which: u8) -> PyObjectRef {
    let t = match which {
        0 => &vm.ctx.types.dict_keys_type,
        1 => &vm.ctx.types.dict_values_type,
        _ => &vm.ctx.types.dict_items_type,
    };
    vm.new_object(PyDictView { dict, which }, t).into()
}

fn view_of<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyDictView> {
    o.payload::<PyDictView>()
        .ok_or_else(|| vm.new_type_error("dict view expected"))
}

fn view_items(vm: &Vm, v: &PyDictView) -> Vec<PyObjectRef> {
    let d = v.dict.payload::<PyDict>().unwrap();
    match v.which {
        0 => d.keys_vec(),
        1 => d.values_vec(),
        _ => d
            .items_vec()
            .into_iter()
            .map(|(k, x)| vm.new_tuple(vec![k, x]))
            .collect(),
    }
}

fn view_iter(vm: &Vm, args: Args) -> PyResult {
    let v = view_of(vm, &args.args[0])?;
    Ok(new_dict_iter(vm, v.dict.clone(), v.which))
}

fn view_len(vm: &Vm, args: Args) -> PyResult {
    let v = view_of(vm, &args.args[0])?;
    Ok(vm.new_int(v.dict.payload::<PyDict>().unwrap().len() as i64))
}

fn view_repr(vm: &Vm, args: Args) -> PyResult {
    let v = view_of(vm, &args.args[0])?;
    let name = args.args[0].class().name().clone();
    let Some(_g) = vm.repr_enter(&args.args[0]) else {
        return Ok(vm.new_string(format!("{name}(...)")));
    };
    let body = crate::objects::list::seq_repr(vm, &view_items(vm, v), "[", "]")?;
    Ok(vm.new_string(format!("{name}({body})")))
}

fn view_contains(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "__contains__")?;
    let v = view_of(vm, o)?;
    let d = v.dict.payload::<PyDict>().unwrap();
    match v.which {
        0 => Ok(vm.new_bool(d.contains(vm, x)?)),
        1 => {
            for val in d.values_vec() {
                if vm.eq(&val, x)? {
                    return Ok(vm.new_bool(true));
                }
            }
            Ok(vm.new_bool(false))
        }
        _ => {
            let Some(t) = x.payload::<PyTuple>().filter(|t| t.len() == 2) else {
                return Ok(vm.new_bool(false));
            };
            match d.get_item(vm, &t.as_slice()[0])? {
                Some(val) => Ok(vm.new_bool(vm.eq(&val, &t.as_slice()[1])?)),
                None => Ok(vm.new_bool(false)),
            }
        }
    }
}

fn view_reversed(vm: &Vm, args: Args) -> PyResult {
    let v = view_of(vm, &args.args[0])?;
    let items: Vec<PyObjectRef> = view_items(vm, v).into_iter().rev().collect();
    let l = vm.new_list(items);
    vm.get_iter(&l)
}

fn view_setop(vm: &Vm, args: Args, op: &str) -> PyResult {
    let [a, b] = args.exact::<2>(vm, op)?;
    let left = crate::objects::set::new_set(vm, vm.iterate(a)?, false)?;
    vm.call_method(&left, op, &[b.clone()])
}
fn view_and(vm: &Vm, a: Args) -> PyResult {
    view_setop(vm, a, "__and__")
}
fn view_or(vm: &Vm, a: Args) -> PyResult {
    view_setop(vm, a, "__or__")
}
fn view_sub(vm: &Vm, a: Args) -> PyResult {
    view_setop(vm, a, "__sub__")
}
fn view_xor(vm: &Vm, a: Args) -> PyResult {
    view_setop(vm, a, "__xor__")
}
fn view_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    let v = view_of(vm, a)?;
    if v.which == 1 {
        return Ok(vm.new_bool(a.is(b)));
    }
    let left = crate::objects::set::new_set(vm, vm.iterate(a)?, false)?;
    let right = if b.payload::<PyDictView>().is_some() || b.payload::<PySet>().is_some() {
        crate::objects::set::new_set(vm, vm.iterate(b)?, false)?
    } else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.new_bool(vm.eq(&left, &right)?))
}

/// `iter(callable, sentinel)`.
pub struct PyCallableIter {
    pub callable: RefCell<Option<PyObjectRef>>,
    pub sentinel: PyObjectRef,
}
impl PyPayload for PyCallableIter {
    const GC: bool = true;
}

fn callable_next(vm: &Vm, args: Args) -> PyResult {
    let it = args.args[0]
        .payload::<PyCallableIter>()
        .ok_or_else(|| vm.new_type_error("callable_iterator expected"))?;
    let Some(c) = it.callable.borrow().clone() else {
        return Err(vm.new_stop_iteration(None));
    };
    let v = vm.call(&c, &[])?;
    if vm.eq(&v, &it.sentinel)? {
        *it.callable.borrow_mut() = None;
        return Err(vm.new_stop_iteration(None));
    }
    Ok(v)
}

pub struct PyEnumerate {
    pub iter: PyObjectRef,
    pub count: RefCell<PyObjectRef>,
}
impl PyPayload for PyEnumerate {
    const GC: bool = true;
}

fn enumerate_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("enumerate.__new__"))?;
    let a = args
        .shift()
        .bind(vm, "enumerate", &["iterable", "start"], 1)?;
    let iter = vm.get_iter(a[0].as_ref().unwrap())?;
    let start = match &a[1] {
        Some(s) => {
            if !vm.is_index(s) {
                return Err(vm.new_type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    s.class().name()
                )));
            }
            s.clone()
        }
        None => vm.new_int(0),
    };
    Ok(vm
        .new_instance(
            PyEnumerate {
                iter,
                count: RefCell::new(start),
            },
            &cls,
        )
        .into())
}

fn enumerate_next(vm: &Vm, args: Args) -> PyResult {
    let e = args.args[0]
        .payload::<PyEnumerate>()
        .ok_or_else(|| vm.new_type_error("enumerate expected"))?;
    match vm.next(&e.iter)? {
        Some(v) => {
            let c = e.count.borrow().clone();
            let n = vm.binary_op(&c, &vm.new_int(1), mempy_bytecode::BinaryOperator::Add)?;
            *e.count.borrow_mut() = n;
            Ok(vm.new_tuple(vec![c, v]))
        }
        None => Err(vm.new_stop_iteration(None)),
    }
}

pub struct PyZip {
    pub iters: Vec<PyObjectRef>,
    pub strict: bool,
}
impl PyPayload for PyZip {
    const GC: bool = true;
}

fn zip_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("zip.__new__"))?;
    let mut strict = false;
    for (k, v) in args.kwargs() {
        if k == "strict" {
            strict = vm.is_true(v)?;
        } else {
            return Err(
                vm.new_type_error(format!("zip() got an unexpected keyword argument '{k}'"))
            );
        }
    }
    let iters = args
        .shift()
        .positional()
        .iter()
        .map(|o| vm.get_iter(o))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(vm.new_instance(PyZip { iters, strict }, &cls).into())
}

fn zip_next(vm: &Vm, args: Args) -> PyResult {
    let z = args.args[0]
        .payload::<PyZip>()
        .ok_or_else(|| vm.new_type_error("zip expected"))?;
    if z.iters.is_empty() {
        return Err(vm.new_stop_iteration(None));
    }
    let mut out = Vec::with_capacity(z.iters.len());
    for (i, it) in z.iters.iter().enumerate() {
        match vm.next(it)? {
            Some(v) => out.push(v),
            None => {
                if z.strict {
                    if i > 0 {
                        let s = if i == 1 { " " } else { "s 1-" };
                        return Err(vm.new_value_error(format!(
                            "zip() argument {} is shorter than argument{}{}",
                            i + 1,
                            s,
                            i
                        )));
                    }
                    for (j, other) in z.iters.iter().enumerate().skip(1) {
                        if vm.next(other)?.is_some() {
                            let s = if j == 1 { " " } else { "s 1-" };
                            return Err(vm.new_value_error(format!(
                                "zip() argument {} is longer than argument{}{}",
                                j + 1,
                                s,
                                j
                            )));
                        }
                    }
                }
                return Err(vm.new_stop_iteration(None));
            }
        }
    }
    Ok(vm.new_tuple(out))
}

pub struct PyMap {
    pub func: PyObjectRef,
    pub iters: Vec<PyObjectRef>,
}
impl PyPayload for PyMap {
    const GC: bool = true;
}

fn map_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("map.__new__"))?;
    args.shift().no_kwargs(vm, "map")?;
    let p = args.shift().positional();
    if p.len() < 2 {
        return Err(vm.new_type_error("map() must have at least two arguments."));
    }
    let iters = p[1..]
        .iter()
        .map(|o| vm.get_iter(o))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(vm
        .new_instance(
            PyMap {
                func: p[0].clone(),
                iters,
            },
            &cls,
        )
        .into())
}

fn map_next(vm: &Vm, args: Args) -> PyResult {
    let m = args.args[0]
        .payload::<PyMap>()
        .ok_or_else(|| vm.new_type_error("map expected"))?;
    let mut vals = Vec::with_capacity(m.iters.len());
    for it in &m.iters {
        match vm.next(it)? {
            Some(v) => vals.push(v),
            None => return Err(vm.new_stop_iteration(None)),
        }
    }
    vm.call(&m.func, &vals)
}

pub struct PyFilter {
    pub func: PyObjectRef,
    pub iter: PyObjectRef,
}
impl PyPayload for PyFilter {
    const GC: bool = true;
}

fn filter_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("filter.__new__"))?;
    let p = args.shift().range(vm, "filter", 2, 2)?;
    let iter = vm.get_iter(&p[1])?;
    Ok(vm
        .new_instance(
            PyFilter {
                func: p[0].clone(),
                iter,
            },
            &cls,
        )
        .into())
}

fn filter_next(vm: &Vm, args: Args) -> PyResult {
    let f = args.args[0]
        .payload::<PyFilter>()
        .ok_or_else(|| vm.new_type_error("filter expected"))?;
    loop {
        let Some(v) = vm.next(&f.iter)? else {
            return Err(vm.new_stop_iteration(None));
        };
        let keep = if vm.is_none(&f.func) {
            vm.is_true(&v)?
        } else {
            {
                let r = vm.call(&f.func, &[v.clone()])?;
                vm.is_true(&r)?
            }
        };
        if keep {
            return Ok(v);
        }
    }
}

fn reversed_new(vm: &Vm, args: Args) -> PyResult {
    let p = args.shift().range(vm, "reversed", 1, 1)?;
    let o = &p[0];
    if let Some(m) = vm.lookup_special(o, "__reversed__") {
        return vm.call(&m, &[o.clone()]);
    }
    if vm.lookup_special(o, "__getitem__").is_none() || o.payload::<PyDict>().is_some() {
        return Err(vm.new_type_error(format!("'{}' object is not reversible", o.class().name())));
    }
    let n = vm.len(o)?;
    Ok(new_rev_iter(vm, o.clone(), n, &vm.ctx.types.reversed_type))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types;
    for typ in [
        &t.list_iterator_type,
        &t.list_reverseiterator_type,
        &t.tuple_iterator_type,
        &t.str_iterator_type,
        &t.bytes_iterator_type,
        &t.bytearray_iterator_type,
        &t.set_iterator_type,
        &t.dict_keyiterator_type,
        &t.dict_valueiterator_type,
        &t.dict_itemiterator_type,
        &t.seq_iterator_type,
        &t.reversed_type,
    ] {
        vm.add_methods(
            typ,
            &[
                ("__iter__", iter_self),
                ("__next__", seq_next),
                ("__length_hint__", seq_length_hint),
            ],
        );
    }
    vm.add_new(&t.reversed_type, reversed_new);
    vm.add_methods(
        &t.range_iterator_type,
        &[
            ("__iter__", iter_self),
            ("__next__", range_next),
            ("__length_hint__", range_length_hint),
        ],
    );
    for typ in [&t.dict_keys_type, &t.dict_values_type, &t.dict_items_type] {
        vm.add_methods(
            typ,
            &[
                ("__iter__", view_iter),
                ("__len__", view_len),
                ("__repr__", view_repr),
                ("__contains__", view_contains),
                ("__reversed__", view_reversed),
                ("__and__", view_and),
                ("__or__", view_or),
                ("__sub__", view_sub),
                ("__xor__", view_xor),
                ("__eq__", view_eq),
            ],
        );
    }
    vm.add_methods(
        &t.callable_iterator_type,
        &[("__iter__", iter_self), ("__next__", callable_next)],
    );
    vm.add_new(&t.enumerate_type, enumerate_new);
    vm.add_methods(
        &t.enumerate_type,
        &[("__iter__", iter_self), ("__next__", enumerate_next)],
    );
    vm.add_new(&t.zip_type, zip_new);
    vm.add_methods(
        &t.zip_type,
        &[("__iter__", iter_self), ("__next__", zip_next)],
    );
    vm.add_new(&t.map_type, map_new);
    vm.add_methods(
        &t.map_type,
        &[("__iter__", iter_self), ("__next__", map_next)],
    );
    vm.add_new(&t.filter_type, filter_new);
    vm.add_methods(
        &t.filter_type,
        &[("__iter__", iter_self), ("__next__", filter_next)],
    );
}
