//! `range`: a lazy arithmetic sequence of ints (i64 bounds).

use crate::args::Args;
use crate::heap::{PyObject, PyPayload};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyInt, PySlice};
use crate::objects::slice::SliceIndices;
use crate::vm::{PyResult, Vm};

pub struct PyRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl PyPayload for PyRange {
    const GC: bool = false;
}

impl PyRange {
    pub fn len(&self) -> usize {
        let (s, e, st) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if st > 0 { if e > s { (e - s - 1) / st + 1 } else { 0 } } else if s > e { (s - e - 1) / (-st) + 1 } else { 0 };
        n as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn item(&self, i: usize) -> i64 {
        self.start + self.step * i as i64
    }
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyRange> {
    o.payload::<PyRange>().ok_or_else(|| vm.new_type_error("range expected"))
}

fn range_new(vm: &Vm, args: Args) -> PyResult {
    let p = args.shift();
    p.no_kwargs(vm, "range")?;
    let p = p.positional();
    let int = |o: &PyObject| -> PyResult<i64> {
        if !vm.is_index(o) {
            return Err(vm.new_type_error(format!("'{}' object cannot be interpreted as an integer", o.class().name())));
        }
        vm.to_index_i64(o)
    };
    let (start, stop, step) = match p.len() {
        0 => return Err(vm.new_type_error("range expected at least 1 argument, got 0")),
        1 => (0, int(&p[0])?, 1),
        2 => (int(&p[0])?, int(&p[1])?, 1),
        3 => (int(&p[0])?, int(&p[1])?, int(&p[2])?),
        n => return Err(vm.new_type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if step == 0 {
        return Err(vm.new_value_error("range() arg 3 must not be zero"));
    }
    Ok(vm.new_object(PyRange { start, stop, step }, &vm.ctx.types.range_type).into())
}

fn range_len(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this(vm, &args.args[0])?.len() as i64))
}

fn range_repr(vm: &Vm, args: Args) -> PyResult {
    let r = this(vm, &args.args[0])?;
    Ok(vm.new_string(if r.step == 1 { format!("range({}, {})", r.start, r.stop) } else { format!("range({}, {}, {})", r.start, r.stop, r.step) }))
}

fn range_getitem(vm: &Vm, args: Args) -> PyResult {
    let [o, i] = args.exact::<2>(vm, "__getitem__")?;
    let r = this(vm, o)?;
    if let Some(s) = i.payload::<PySlice>() {
        let si = SliceIndices::new(vm, s, r.len())?;
        let start = r.start + si.start as i64 * r.step;
        let step = r.step * si.step as i64;
        let stop = start + step * si.len as i64;
        return Ok(vm.new_object(PyRange { start, stop, step }, &vm.ctx.types.range_type).into());
    }
    let k = crate::objects::list::norm_index(vm, i, r.len(), "range object index out of range")?;
    Ok(vm.new_int(r.item(k)))
}

fn range_contains(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "__contains__")?;
    let r = this(vm, o)?;
    if let Some(v) = x.payload::<PyInt>().and_then(|i| i.as_small()) {
        if x.class().as_object().is(vm.ctx.types.int_type.as_object()) || x.class().as_object().is(vm.ctx.types.bool_type.as_object()) {
            let inside = if r.step > 0 { v >= r.start && v < r.stop } else { v <= r.start && v > r.stop };
            return Ok(vm.new_bool(inside && (v - r.start) % r.step == 0));
        }
    }
    for i in 0..r.len() {
        if vm.eq(&vm.new_int(r.item(i)), x)? {
            return Ok(vm.new_bool(true));
        }
    }
    Ok(vm.new_bool(false))
}

fn range_iter(vm: &Vm, args: Args) -> PyResult {
    let r = this(vm, &args.args[0])?;
    Ok(vm.new_object(crate::objects::iter::PyRangeIter { next: std::cell::Cell::new(r.start), step: r.step, remaining: std::cell::Cell::new(r.len()) }, &vm.ctx.types.range_iterator_type).into())
}

fn range_reversed(vm: &Vm, args: Args) -> PyResult {
    let r = this(vm, &args.args[0])?;
    let n = r.len();
    let start = if n == 0 { r.start } else { r.item(n - 1) };
    Ok(vm.new_object(crate::objects::iter::PyRangeIter { next: std::cell::Cell::new(start), step: -r.step, remaining: std::cell::Cell::new(n) }, &vm.ctx.types.range_iterator_type).into())
}

fn range_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    let (Some(x), Some(y)) = (a.payload::<PyRange>(), b.payload::<PyRange>()) else { return Ok(vm.not_implemented()) };
    let eq = x.len() == y.len() && (x.is_empty() || (x.start == y.start && (x.len() == 1 || x.step == y.step)));
    Ok(vm.new_bool(eq))
}

fn range_hash(vm: &Vm, args: Args) -> PyResult {
    let r = this(vm, &args.args[0])?;
    Ok(vm.new_int(crate::objects::tuple::tuple_hash_values([r.len() as i64, r.start, r.step].into_iter(), 3)))
}

fn range_index(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "index")?;
    let r = this(vm, o)?;
    for i in 0..r.len() {
        if vm.eq(&vm.new_int(r.item(i)), x)? {
            return Ok(vm.new_int(i as i64));
        }
    }
    Err(vm.new_value_error(format!("{} is not in range", vm.repr(x)?.as_str())))
}

fn range_count(vm: &Vm, args: Args) -> PyResult {
    let r = range_contains(vm, args)?;
    Ok(vm.new_int(if vm.is_true(&r)? { 1 } else { 0 }))
}

fn get_start(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_int(this(vm, o)?.start))
}
fn get_stop(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_int(this(vm, o)?.stop))
}
fn get_step(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_int(this(vm, o)?.step))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.range_type;
    vm.add_new(t, range_new);
    vm.add_methods(t, &[
        ("__len__", range_len),
        ("__repr__", range_repr),
        ("__getitem__", range_getitem),
        ("__contains__", range_contains),
        ("__iter__", range_iter),
        ("__reversed__", range_reversed),
        ("__eq__", range_eq),
        ("__hash__", range_hash),
        ("index", range_index),
        ("count", range_count),
    ]);
    vm.add_getset(t, "start", get_start, None);
    vm.add_getset(t, "stop", get_stop, None);
    vm.add_getset(t, "step", get_step, None);
}
