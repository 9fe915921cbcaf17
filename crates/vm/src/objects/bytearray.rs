//! `bytearray`: a mutable byte string that keeps CPython 3.11's allocation bookkeeping.
//!
//! CPython's `PyByteArrayObject` has `ob_alloc` (bytes allocated, the trailing NUL
//! included) and `ob_start` (deleting from the front only advances the logical start).
//! `sys.getsizeof(b)` is 56 + `ob_alloc`, so every mutation here goes through
//! [`PyByteArray::resize`], CPython's `PyByteArray_Resize` rule:
//! - growing past the buffer: to `n + n/8 + (3 if n < 9 else 6)` when `n` is at most
//!   1.125 times the old allocation, else to exactly `n + 1`;
//! - shrinking below half the allocation: to exactly `n + 1`; otherwise in place;
//! - a new bytearray of `n > 0` bytes (copy, slice, `+`, `*`) allocates `n + 1`, an empty
//!   one nothing.
//!
//! The read-only methods are `bytes`' (`objects/bytes.rs`, instantiated for bytearray).

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload};
use crate::objects::bytes::{buffer_of, bytes_from_source, repr_literal, SourceKind};
use crate::objects::slice::SliceIndices;
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PySlice, PyStr, PyType};
use crate::vm::{PyResult, Vm};

/// CPython's `sizeof(PyByteArrayObject)`.
const BASIC_SIZE: usize = 56;

pub struct PyByteArray {
    data: RefCell<Vec<u8>>,
    /// CPython's `ob_alloc`.
    alloc: Cell<usize>,
    /// CPython's `ob_start - ob_bytes`: bytes dropped from the front in place.
    offset: Cell<usize>,
}

impl PyPayload for PyByteArray {
    const GC: bool = false;
}

impl PyByteArray {
    /// A bytearray allocated as `PyByteArray_FromStringAndSize` does.
    pub fn new(v: Vec<u8>) -> PyByteArray {
        let alloc = if v.is_empty() { 0 } else { v.len() + 1 };
        PyByteArray {
            data: RefCell::new(v),
            alloc: Cell::new(alloc),
            offset: Cell::new(0),
        }
    }

    pub fn to_vec(&self) -> Vec<u8> {
        self.data.borrow().clone()
    }

    pub fn len(&self) -> usize {
        self.data.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// CPython's `ob_alloc`.
    pub fn allocated(&self) -> usize {
        self.alloc.get()
    }

    /// `PyByteArray_Resize(self, size)` on the bookkeeping: call it before changing the
    /// contents, while `len()` is still the old size.
    fn resize(&self, size: usize) {
        if size == self.len() {
            return;
        }
        let alloc = self.alloc.get();
        let new_alloc = if size + self.offset.get() < alloc {
            if size < alloc / 2 {
                size + 1
            } else {
                return;
            }
        } else if (size as f64) <= alloc as f64 * 1.125 {
            size + (size >> 3) + if size < 9 { 3 } else { 6 }
        } else {
            size + 1
        };
        self.alloc.set(new_alloc);
        self.offset.set(0);
    }

    /// CPython's `bytearray_setslice_linear`: replaces `data[lo..hi]` with `bytes`.
    fn set_slice_linear(&self, lo: usize, hi: usize, bytes: &[u8]) {
        let n = self.len();
        let removed = hi - lo;
        if bytes.len() < removed {
            if lo == 0 {
                // Shrinks by advancing the logical start.
                self.offset.set(self.offset.get() + removed - bytes.len());
            }
            self.resize(n - (removed - bytes.len()));
        } else if bytes.len() > removed {
            self.resize(n + (bytes.len() - removed));
        }
        self.data.borrow_mut().splice(lo..hi, bytes.iter().copied());
    }

    fn push(&self, c: u8) {
        self.resize(self.len() + 1);
        self.data.borrow_mut().push(c);
    }

    /// `bytearray.__init__`'s filling of an empty bytearray.
    fn fill(&self, v: Vec<u8>, kind: SourceKind) {
        match kind {
            SourceKind::Exact => {
                self.resize(v.len());
                *self.data.borrow_mut() = v;
            }
            SourceKind::SequenceSlowPath | SourceKind::Iterated => {
                if kind == SourceKind::SequenceSlowPath && !v.is_empty() {
                    self.resize(v.len());
                    self.data.borrow_mut().resize(v.len(), 0);
                    self.resize(0);
                    self.data.borrow_mut().clear();
                }
                for c in v {
                    self.push(c);
                }
            }
        }
    }
}

/// A new exact `bytearray` holding `v`.
pub fn new_bytearray(vm: &Vm, v: Vec<u8>) -> PyObjectRef {
    vm.new_object(PyByteArray::new(v), &vm.ctx.types.bytearray_type)
        .into()
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyByteArray> {
    o.payload::<PyByteArray>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'bytearray' object but received a '{}'",
            o.class().name()
        ))
    })
}

/// An int in range(0, 256) (CPython's `_getbytevalue`).
fn byte_value(vm: &Vm, x: &PyObject) -> PyResult<u8> {
    let i = vm.to_index_i64(x)?;
    if !(0..256).contains(&i) {
        return Err(vm.new_value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

fn ba_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("bytearray.__new__(X): X is not a type object"))?;
    Ok(vm.new_instance(PyByteArray::new(Vec::new()), &cls).into())
}

fn ba_init(vm: &Vm, args: Args) -> PyResult {
    let b = this(vm, &args.args[0])?;
    let a = args
        .shift()
        .bind(vm, "bytearray", &["source", "encoding", "errors"], 0)?;
    let (v, kind) = bytes_from_source(vm, &a, "bytearray")?;
    // CPython empties the previous contents first.
    b.resize(0);
    b.data.borrow_mut().clear();
    b.fill(v, kind);
    Ok(vm.none())
}

fn ba_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let b = this(vm, o)?;
    Ok(vm.new_string(format!(
        "{}({})",
        o.class().name(),
        repr_literal(&b.data.borrow(), true)
    )))
}

fn ba_sizeof(vm: &Vm, args: Args) -> PyResult {
    let b = this(vm, &args.args[0])?;
    Ok(vm.new_int((BASIC_SIZE + b.allocated()) as i64))
}

fn ba_alloc(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "__alloc__")?;
    Ok(vm.new_int(this(vm, o)?.allocated() as i64))
}

fn ba_iter(vm: &Vm, args: Args) -> PyResult {
    let [a] = args.exact::<1>(vm, "__iter__")?;
    this(vm, a)?;
    Ok(crate::objects::iter::new_seq_iter(
        vm,
        a.clone(),
        &vm.ctx.types.bytearray_iterator_type,
    ))
}

fn ba_append(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "append")?;
    let b = this(vm, o)?;
    let c = byte_value(vm, x)?;
    b.push(c);
    Ok(vm.none())
}

fn ba_extend(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "extend")?;
    let b = this(vm, o)?;
    let v = match buffer_of(x) {
        Some(v) => v.into_owned(),
        None => {
            let it = vm.get_iter(x).map_err(|e| {
                if e.as_object().class().is_subtype(&vm.ctx.exc.type_error) {
                    vm.new_type_error(format!("can't extend bytearray with {}", x.class().name()))
                } else {
                    e
                }
            })?;
            let mut v = Vec::new();
            while let Some(item) = vm.next(&it)? {
                v.push(byte_value(vm, &item)?);
            }
            v
        }
    };
    let n = b.len();
    b.set_slice_linear(n, n, &v);
    Ok(vm.none())
}

fn ba_insert(vm: &Vm, args: Args) -> PyResult {
    let [o, i, x] = args.exact::<3>(vm, "insert")?;
    let b = this(vm, o)?;
    let mut i = vm.to_index_isize(i)?;
    let c = byte_value(vm, x)?;
    let n = b.len() as isize;
    b.resize(n as usize + 1);
    if i < 0 {
        i = (i + n).max(0);
    }
    b.data.borrow_mut().insert(i.min(n) as usize, c);
    Ok(vm.none())
}

fn ba_pop(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "pop", 1, 2)?;
    let b = this(vm, &p[0])?;
    let n = b.len();
    let i = match p.get(1) {
        Some(i) => vm.to_index_isize(i)?,
        None => -1,
    };
    if n == 0 {
        return Err(vm.new_index_error("pop from empty bytearray"));
    }
    let k = if i < 0 { i + n as isize } else { i };
    if k < 0 || k >= n as isize {
        return Err(vm.new_index_error("pop index out of range"));
    }
    b.resize(n - 1);
    let c = b.data.borrow_mut().remove(k as usize);
    Ok(vm.new_int(c as i64))
}

fn ba_remove(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "remove")?;
    let b = this(vm, o)?;
    let c = byte_value(vm, x)?;
    let n = b.len();
    let Some(k) = b.data.borrow().iter().position(|&y| y == c) else {
        return Err(vm.new_value_error("value not found in bytearray"));
    };
    b.resize(n - 1);
    b.data.borrow_mut().remove(k);
    Ok(vm.none())
}

fn ba_clear(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "clear")?;
    let b = this(vm, o)?;
    b.resize(0);
    b.data.borrow_mut().clear();
    Ok(vm.none())
}

fn ba_copy(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "copy")?;
    Ok(new_bytearray(vm, this(vm, o)?.to_vec()))
}

fn ba_reverse(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "reverse")?;
    this(vm, o)?.data.borrow_mut().reverse();
    Ok(vm.none())
}

/// The bytes a slice assignment stores: a buffer, or any iterable of ints except a
/// number or a str (CPython's `bytearray_ass_subscript`).
fn assigned_bytes(vm: &Vm, values: &PyObject) -> PyResult<Vec<u8>> {
    if let Some(v) = buffer_of(values) {
        return Ok(v.into_owned());
    }
    let number = ["__index__", "__int__", "__float__"]
        .iter()
        .any(|m| vm.lookup_special(values, m).is_some());
    if number || values.payload::<PyStr>().is_some() {
        return Err(vm.new_type_error(
            "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
        ));
    }
    let a = [Some(values.to_owned()), None, None];
    Ok(bytes_from_source(vm, &a, "bytearray")?.0)
}

/// `b[index] = value` (`value` Some) or `del b[index]` (None).
fn assign_subscript(
    vm: &Vm,
    b: &PyByteArray,
    index: &PyObject,
    value: Option<&PyObject>,
) -> PyResult<()> {
    let n = b.len();
    if let Some(s) = index.payload::<PySlice>() {
        let bytes = match value {
            Some(v) => assigned_bytes(vm, v)?,
            None => Vec::new(),
        };
        let si = SliceIndices::new(vm, s, n)?;
        let (start, mut stop, step) = (si.start, si.stop, si.step);
        // Make sure b[5:2] = ... inserts before 5, not before 2.
        if (step < 0 && start < stop) || (step > 0 && start > stop) {
            stop = start;
        }
        if step == 1 {
            b.set_slice_linear(start as usize, stop as usize, &bytes);
            return Ok(());
        }
        if bytes.is_empty() {
            // CPython deletes an extended slice assigned an empty buffer.
            let drop: std::collections::HashSet<usize> = si.iter().collect();
            let kept: Vec<u8> = b
                .data
                .borrow()
                .iter()
                .enumerate()
                .filter(|(k, _)| !drop.contains(k))
                .map(|(_, &c)| c)
                .collect();
            b.resize(n - si.len);
            *b.data.borrow_mut() = kept;
            return Ok(());
        }
        if bytes.len() != si.len {
            return Err(vm.new_value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                bytes.len(),
                si.len
            )));
        }
        let mut data = b.data.borrow_mut();
        for (k, &c) in si.iter().zip(bytes.iter()) {
            data[k] = c;
        }
        return Ok(());
    }
    if !vm.is_index(index) {
        return Err(vm.new_type_error(format!(
            "bytearray indices must be integers or slices, not {}",
            index.class().name()
        )));
    }
    let i = vm.to_index_isize(index)?;
    let k = if i < 0 { i + n as isize } else { i };
    if k < 0 || k >= n as isize {
        return Err(vm.new_index_error("bytearray index out of range"));
    }
    let k = k as usize;
    match value {
        Some(v) => {
            let c = byte_value(vm, v)?;
            b.data.borrow_mut()[k] = c;
        }
        None => b.set_slice_linear(k, k + 1, &[]),
    }
    Ok(())
}

fn ba_setitem(vm: &Vm, args: Args) -> PyResult {
    let [o, i, v] = args.exact::<3>(vm, "__setitem__")?;
    assign_subscript(vm, this(vm, o)?, i, Some(v))?;
    Ok(vm.none())
}

fn ba_delitem(vm: &Vm, args: Args) -> PyResult {
    let [o, i] = args.exact::<2>(vm, "__delitem__")?;
    assign_subscript(vm, this(vm, o)?, i, None)?;
    Ok(vm.none())
}

fn ba_iadd(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "__iadd__")?;
    let b = this(vm, o)?;
    let v = buffer_of(x).ok_or_else(|| {
        vm.new_type_error(format!(
            "can't concat {} to {}",
            x.class().name(),
            o.class().name()
        ))
    })?;
    let n = b.len();
    b.resize(n + v.len());
    b.data.borrow_mut().extend_from_slice(&v);
    Ok(o.clone())
}

fn ba_imul(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "__imul__")?;
    let b = this(vm, o)?;
    let count = vm.to_index_i64(x)?.max(0) as usize;
    let n = b.len();
    crate::objects::list::check_size(vm, n.saturating_mul(count), 1)?;
    b.resize(n * count);
    let v = b.data.borrow().repeat(count);
    *b.data.borrow_mut() = v;
    Ok(o.clone())
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.bytearray_type;
    vm.add_new(t, ba_new);
    vm.add_methods(t, &crate::objects::bytes::shared_methods::<true>());
    vm.add_methods(
        t,
        &[
            ("__init__", ba_init),
            ("__repr__", ba_repr),
            ("__sizeof__", ba_sizeof),
            ("__alloc__", ba_alloc),
            ("__iter__", ba_iter),
            ("__setitem__", ba_setitem),
            ("__delitem__", ba_delitem),
            ("__iadd__", ba_iadd),
            ("__imul__", ba_imul),
            ("append", ba_append),
            ("extend", ba_extend),
            ("insert", ba_insert),
            ("pop", ba_pop),
            ("remove", ba_remove),
            ("clear", ba_clear),
            ("copy", ba_copy),
            ("reverse", ba_reverse),
        ],
    );
    vm.add_classmethod(
        t,
        "fromhex",
        crate::objects::bytes::fromhex_method::<true>(),
    );
    vm.add_attr(t, "__hash__", vm.none());
}
