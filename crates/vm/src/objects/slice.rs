//! `slice` objects and the index arithmetic of `PySlice_AdjustIndices`.

use crate::args::Args;
use crate::heap::{PyObjectRef, PyPayload};
use crate::vm::{PyResult, Vm};

pub struct PySlice {
    pub start: PyObjectRef,
    pub stop: PyObjectRef,
    pub step: PyObjectRef,
}

impl PyPayload for PySlice {
    const GC: bool = true;
}

/// Resolved `start`, `stop`, `step` for a sequence of a given length.
pub struct SliceIndices {
    pub start: isize,
    pub stop: isize,
    pub step: isize,
    pub len: usize,
}

impl SliceIndices {
    pub fn new(vm: &Vm, s: &PySlice, length: usize) -> PyResult<SliceIndices> {
        let n = length as isize;
        let step = if vm.is_none(&s.step) {
            1
        } else {
            vm.slice_index(&s.step)?
        };
        if step == 0 {
            return Err(vm.new_value_error("slice step cannot be zero"));
        }
        let (lo_def, hi_def) = if step < 0 { (n - 1, -1) } else { (0, n) };
        let adjust = |v: &PyObjectRef, def: isize| -> PyResult<isize> {
            if vm.is_none(v) {
                return Ok(def);
            }
            let mut i = vm.slice_index(v)?;
            if i < 0 {
                i += n;
                if i < 0 {
                    i = if step < 0 { -1 } else { 0 };
                }
            } else if i >= n {
                i = if step < 0 { n - 1 } else { n };
            }
            Ok(i)
        };
        let start = adjust(&s.start, lo_def)?;
        let stop = adjust(&s.stop, hi_def)?;
        let len = if step < 0 {
            if stop < start {
                ((start - stop - 1) / (-step) + 1) as usize
            } else {
                0
            }
        } else if start < stop {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        };
        Ok(SliceIndices {
            start,
            stop,
            step,
            len,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> {
        let (start, step) = (self.start, self.step);
        (0..self.len).map(move |k| (start + k as isize * step) as usize)
    }
}

fn slice_new(vm: &Vm, args: Args) -> PyResult {
    let p = args.shift().range(vm, "slice", 1, 3)?;
    let (start, stop, step) = match p.len() {
        1 => (vm.none(), p[0].clone(), vm.none()),
        2 => (p[0].clone(), p[1].clone(), vm.none()),
        _ => (p[0].clone(), p[1].clone(), p[2].clone()),
    };
    Ok(vm
        .new_object(PySlice { start, stop, step }, &vm.ctx.types.slice_type)
        .into())
}

fn slice_repr(vm: &Vm, args: Args) -> PyResult {
    let s = args.args[0]
        .payload::<PySlice>()
        .ok_or_else(|| vm.new_type_error("slice expected"))?;
    Ok(vm.new_string(format!(
        "slice({}, {}, {})",
        vm.repr(&s.start)?.as_str(),
        vm.repr(&s.stop)?.as_str(),
        vm.repr(&s.step)?.as_str()
    )))
}

fn slice_indices(vm: &Vm, args: Args) -> PyResult {
    let [s, n] = args.exact::<2>(vm, "indices")?;
    let s = s
        .payload::<PySlice>()
        .ok_or_else(|| vm.new_type_error("slice expected"))?;
    let n = vm.to_index_i64(n)?;
    if n < 0 {
        return Err(vm.new_value_error("length should not be negative"));
    }
    let si = SliceIndices::new(vm, s, n as usize)?;
    Ok(vm.new_tuple(vec![
        vm.new_int(si.start as i64),
        vm.new_int(si.stop as i64),
        vm.new_int(si.step as i64),
    ]))
}

fn get_start(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(o.payload::<PySlice>()
        .map(|s| s.start.clone())
        .unwrap_or_else(|| vm.none()))
}
fn get_stop(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(o.payload::<PySlice>()
        .map(|s| s.stop.clone())
        .unwrap_or_else(|| vm.none()))
}
fn get_step(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(o.payload::<PySlice>()
        .map(|s| s.step.clone())
        .unwrap_or_else(|| vm.none()))
}

fn slice_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    let (Some(x), Some(y)) = (a.payload::<PySlice>(), b.payload::<PySlice>()) else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.new_bool(
        vm.eq(&x.start, &y.start)? && vm.eq(&x.stop, &y.stop)? && vm.eq(&x.step, &y.step)?,
    ))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.slice_type;
    vm.add_new(t, slice_new);
    vm.add_methods(
        t,
        &[
            ("__repr__", slice_repr),
            ("indices", slice_indices),
            ("__eq__", slice_eq),
        ],
    );
    vm.add_getset(t, "start", get_start, None);
    vm.add_getset(t, "stop", get_stop, None);
    vm.add_getset(t, "step", get_step, None);
    vm.add_attr(t, "__hash__", vm.none());
}
