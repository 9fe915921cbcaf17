//! `range`: a lazy arithmetic sequence of ints.
//!
//! Two representations: the common one keeps `start`, `stop`, `step` as `i64` (its
//! length fits in `i64`), and every operation takes an `i64` fast path; a range whose
//! bounds or length do not fit (`range(10**20)`) carries a [`BigRange`] and goes through
//! `BigInt` arithmetic, as CPython's `PyLong`-based `rangeobject.c` does. `len()` of such
//! a range raises CPython's `OverflowError`; indexing, slicing and `in` work. Iterators
//! are in `iter.rs` (`PyRangeIter`, the `i64` case).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload};
use crate::objects::slice::SliceIndices;
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyInt, PySlice};
use crate::vm::{PyResult, Vm};

pub struct PyRange {
    /// The bounds when `big` is None (unused otherwise).
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    /// The bounds of a range that does not fit the `i64` representation.
    pub big: Option<Box<BigRange>>,
}

/// Bounds of a range whose bounds or length exceed `i64`.
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
}

impl PyPayload for PyRange {
    const GC: bool = false;
}

/// The number of items of `range(start, stop, step)` (`step != 0`).
fn big_length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let (lo, hi, st) = if step.is_positive() {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if lo >= hi {
        return BigInt::zero();
    }
    (hi - lo - BigInt::one()) / st + BigInt::one()
}

impl PyRange {
    /// A range with the `i64` representation when it fits, the big one otherwise.
    pub fn from_bigints(start: BigInt, stop: BigInt, step: BigInt) -> PyRange {
        if let (Some(a), Some(b), Some(c)) = (start.to_i64(), stop.to_i64(), step.to_i64()) {
            if big_length(&start, &stop, &step).to_i64().is_some() {
                return PyRange {
                    start: a,
                    stop: b,
                    step: c,
                    big: None,
                };
            }
        }
        PyRange {
            start: 0,
            stop: 0,
            step: 1,
            big: Some(Box::new(BigRange { start, stop, step })),
        }
    }

    /// The length of an `i64` range (0 for a big one: use `big_len`).
    pub fn len(&self) -> usize {
        if self.big.is_some() {
            return 0;
        }
        let (s, e, st) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if st > 0 {
            if e > s {
                (e - s - 1) / st + 1
            } else {
                0
            }
        } else if s > e {
            (s - e - 1) / (-st) + 1
        } else {
            0
        };
        n as usize
    }

    pub fn is_empty(&self) -> bool {
        match &self.big {
            Some(_) => self.big_len().is_zero(),
            None => self.len() == 0,
        }
    }

    /// Item `i` of an `i64` range (`i < len`).
    pub fn item(&self, i: usize) -> i64 {
        (self.start as i128 + self.step as i128 * i as i128) as i64
    }

    /// `(start, stop, step)` as big ints, whatever the representation.
    pub fn bounds(&self) -> (BigInt, BigInt, BigInt) {
        match &self.big {
            Some(b) => (b.start.clone(), b.stop.clone(), b.step.clone()),
            None => (self.start.into(), self.stop.into(), self.step.into()),
        }
    }

    pub fn big_len(&self) -> BigInt {
        match &self.big {
            Some(b) => big_length(&b.start, &b.stop, &b.step),
            None => BigInt::from(self.len()),
        }
    }
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyRange> {
    o.payload::<PyRange>()
        .ok_or_else(|| vm.new_type_error("range expected"))
}

fn new_range(vm: &Vm, r: PyRange) -> PyObjectRef {
    vm.new_object(r, &vm.ctx.types.range_type).into()
}

fn range_new(vm: &Vm, args: Args) -> PyResult {
    let p = args.shift();
    p.no_kwargs(vm, "range")?;
    let p = p.positional();
    let (start, stop, step) = match p.len() {
        0 => return Err(vm.new_type_error("range expected at least 1 argument, got 0")),
        1 => (
            BigInt::zero(),
            crate::objects::int::index_bigint(vm, &p[0])?,
            BigInt::one(),
        ),
        2 => (
            crate::objects::int::index_bigint(vm, &p[0])?,
            crate::objects::int::index_bigint(vm, &p[1])?,
            BigInt::one(),
        ),
        3 => (
            crate::objects::int::index_bigint(vm, &p[0])?,
            crate::objects::int::index_bigint(vm, &p[1])?,
            crate::objects::int::index_bigint(vm, &p[2])?,
        ),
        n => return Err(vm.new_type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if step.is_zero() {
        return Err(vm.new_value_error("range() arg 3 must not be zero"));
    }
    Ok(new_range(vm, PyRange::from_bigints(start, stop, step)))
}

fn range_len(vm: &Vm, args: Args) -> PyResult {
    let r = this(vm, &args.args[0])?;
    if r.big.is_none() {
        return Ok(vm.new_int(r.len() as i64));
    }
    match r.big_len().to_i64() {
        Some(n) => Ok(vm.new_int(n)),
        None => Err(vm.new_overflow_error("Python int too large to convert to C ssize_t")),
    }
}

fn range_bool(vm: &Vm, args: Args) -> PyResult {
    let r = this(vm, &args.args[0])?;
    Ok(vm.new_bool(!r.is_empty()))
}

fn range_repr(vm: &Vm, args: Args) -> PyResult {
    let r = this(vm, &args.args[0])?;
    let (start, stop, step) = r.bounds();
    Ok(vm.new_string(if step.is_one() {
        format!("range({start}, {stop})")
    } else {
        format!("range({start}, {stop}, {step})")
    }))
}

/// CPython's `_PySlice_GetLongIndices`: a slice's `(start, stop, step)` for a
/// sequence of big length.
fn slice_long_indices(vm: &Vm, s: &PySlice, length: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
    let step = if vm.is_none(&s.step) {
        BigInt::one()
    } else {
        crate::objects::int::index_bigint(vm, &s.step)?
    };
    if step.is_zero() {
        return Err(vm.new_value_error("slice step cannot be zero"));
    }
    let neg = step.is_negative();
    let (lower, upper) = if neg {
        (BigInt::from(-1), length - BigInt::one())
    } else {
        (BigInt::zero(), length.clone())
    };
    let adjust = |v: &PyObjectRef, default: &BigInt| -> PyResult<BigInt> {
        if vm.is_none(v) {
            return Ok(default.clone());
        }
        let mut i = crate::objects::int::index_bigint(vm, v)?;
        if i.is_negative() {
            i += length;
            if i < lower {
                i = lower.clone();
            }
        } else if i > upper {
            i = upper.clone();
        }
        Ok(i)
    };
    let start = adjust(&s.start, if neg { &upper } else { &lower })?;
    let stop = adjust(&s.stop, if neg { &lower } else { &upper })?;
    Ok((start, stop, step))
}

fn range_getitem(vm: &Vm, args: Args) -> PyResult {
    let [o, i] = args.exact::<2>(vm, "__getitem__")?;
    let r = this(vm, o)?;
    if let Some(s) = i.payload::<PySlice>() {
        if r.big.is_none() {
            let si = SliceIndices::new(vm, s, r.len())?;
            let start = r.start as i128 + si.start as i128 * r.step as i128;
            let step = r.step as i128 * si.step as i128;
            let stop = r.start as i128 + si.stop as i128 * r.step as i128;
            return Ok(new_range(
                vm,
                PyRange::from_bigints(start.into(), stop.into(), step.into()),
            ));
        }
        let (start, _, step) = r.bounds();
        let (s0, s1, s2) = slice_long_indices(vm, s, &r.big_len())?;
        let new_start = &start + &s0 * &step;
        let new_stop = &start + &s1 * &step;
        let new_step = &step * &s2;
        return Ok(new_range(
            vm,
            PyRange::from_bigints(new_start, new_stop, new_step),
        ));
    }
    if i.payload::<PyInt>().is_none() && vm.lookup_special(i, "__index__").is_none() {
        return Err(vm.new_type_error(format!(
            "range indices must be integers or slices, not {}",
            i.class().name()
        )));
    }
    if r.big.is_none() {
        if let Some(k) = i.payload::<PyInt>().and_then(PyInt::as_small) {
            let n = r.len() as i64;
            let j = if k < 0 { k + n } else { k };
            if j < 0 || j >= n {
                return Err(vm.new_index_error("range object index out of range"));
            }
            return Ok(vm.new_int(r.item(j as usize)));
        }
    }
    let mut k = crate::objects::int::index_bigint(vm, i)?;
    let n = r.big_len();
    if k.is_negative() {
        k += &n;
    }
    if k.is_negative() || k >= n {
        return Err(vm.new_index_error("range object index out of range"));
    }
    let (start, _, step) = r.bounds();
    Ok(vm.new_bigint(start + k * step))
}

/// Whether the int `v` is an item of `r`.
fn contains_int(r: &PyRange, v: &BigInt) -> bool {
    let (start, stop, step) = r.bounds();
    let inside = if step.is_positive() {
        *v >= start && *v < stop
    } else {
        *v <= start && *v > stop
    };
    inside && (v - &start).mod_floor(&step).is_zero()
}

fn is_exact_int(vm: &Vm, x: &PyObject) -> bool {
    x.class().as_object().is(vm.ctx.types.int_type.as_object())
        || x.class().as_object().is(vm.ctx.types.bool_type.as_object())
}

/// `x in r` for non-int `x`: compares with every item, as CPython's fallback.
fn contains_by_eq(vm: &Vm, r: &PyRange, x: &PyObject) -> PyResult<Option<BigInt>> {
    let (start, _, step) = r.bounds();
    let n = r.big_len();
    let mut i = BigInt::zero();
    while i < n {
        let item = vm.new_bigint(&start + &i * &step);
        if vm.eq(&item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn range_contains(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "__contains__")?;
    let r = this(vm, o)?;
    if is_exact_int(vm, x) {
        if let (None, Some(v)) = (&r.big, x.payload::<PyInt>().and_then(PyInt::as_small)) {
            let inside = if r.step > 0 {
                v >= r.start && v < r.stop
            } else {
                v <= r.start && v > r.stop
            };
            return Ok(vm.new_bool(inside && (v as i128 - r.start as i128) % r.step as i128 == 0));
        }
        let v = x
            .payload::<PyInt>()
            .map(PyInt::to_bigint)
            .unwrap_or_default();
        return Ok(vm.new_bool(contains_int(r, &v)));
    }
    Ok(vm.new_bool(contains_by_eq(vm, r, x)?.is_some()))
}

fn range_iter(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let r = this(vm, o)?;
    if r.big.is_some() {
        return Ok(crate::objects::iter::new_getitem_iter(vm, o.clone()));
    }
    Ok(vm
        .new_object(
            crate::objects::iter::PyRangeIter {
                next: std::cell::Cell::new(r.start),
                step: r.step,
                remaining: std::cell::Cell::new(r.len()),
            },
            &vm.ctx.types.range_iterator_type,
        )
        .into())
}

fn range_reversed(vm: &Vm, args: Args) -> PyResult {
    let r = this(vm, &args.args[0])?;
    if r.big.is_some() {
        let (start, _, step) = r.bounds();
        let n = r.big_len();
        let last = &start + (&n - BigInt::one()) * &step;
        let rev = new_range(
            vm,
            PyRange::from_bigints(last.clone(), &last - &n * &step, -step),
        );
        return Ok(crate::objects::iter::new_getitem_iter(vm, rev));
    }
    let n = r.len();
    let start = if n == 0 { r.start } else { r.item(n - 1) };
    Ok(vm
        .new_object(
            crate::objects::iter::PyRangeIter {
                next: std::cell::Cell::new(start),
                step: r.step.wrapping_neg(),
                remaining: std::cell::Cell::new(n),
            },
            &vm.ctx.types.range_iterator_type,
        )
        .into())
}

fn range_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    let (Some(x), Some(y)) = (a.payload::<PyRange>(), b.payload::<PyRange>()) else {
        return Ok(vm.not_implemented());
    };
    let (n, m) = (x.big_len(), y.big_len());
    let (xs, _, xst) = x.bounds();
    let (ys, _, yst) = y.bounds();
    let eq = n == m && (n.is_zero() || (xs == ys && (n.is_one() || xst == yst)));
    Ok(vm.new_bool(eq))
}

fn range_hash(vm: &Vm, args: Args) -> PyResult {
    // CPython: hash((len, start, step)) with None for the parts that do not matter.
    let r = this(vm, &args.args[0])?;
    let n = r.big_len();
    let (start, _, step) = r.bounds();
    let items = if n.is_zero() {
        vec![vm.new_int(0), vm.none(), vm.none()]
    } else if n.is_one() {
        vec![vm.new_int(1), vm.new_bigint(start), vm.none()]
    } else {
        vec![vm.new_bigint(n), vm.new_bigint(start), vm.new_bigint(step)]
    };
    let t = vm.new_tuple(items);
    Ok(vm.new_int(vm.hash(&t)?))
}

fn range_index(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "index")?;
    let r = this(vm, o)?;
    if is_exact_int(vm, x) {
        let v = x
            .payload::<PyInt>()
            .map(PyInt::to_bigint)
            .unwrap_or_default();
        if contains_int(r, &v) {
            let (start, _, step) = r.bounds();
            return Ok(vm.new_bigint((v - start) / step));
        }
    } else if let Some(i) = contains_by_eq(vm, r, x)? {
        return Ok(vm.new_bigint(i));
    }
    Err(vm.new_value_error(format!("{} is not in range", vm.repr(x)?.as_str())))
}

fn range_count(vm: &Vm, args: Args) -> PyResult {
    let [o, x] = args.exact::<2>(vm, "count")?;
    let r = this(vm, o)?;
    if is_exact_int(vm, x) {
        let v = x
            .payload::<PyInt>()
            .map(PyInt::to_bigint)
            .unwrap_or_default();
        return Ok(vm.new_int(contains_int(r, &v) as i64));
    }
    let (start, _, step) = r.bounds();
    let n = r.big_len();
    let mut count = 0i64;
    let mut i = BigInt::zero();
    while i < n {
        if vm.eq(&vm.new_bigint(&start + &i * &step), x)? {
            count += 1;
        }
        i += 1;
    }
    Ok(vm.new_int(count))
}

fn get_start(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_bigint(this(vm, o)?.bounds().0))
}
fn get_stop(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_bigint(this(vm, o)?.bounds().1))
}
fn get_step(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_bigint(this(vm, o)?.bounds().2))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.range_type;
    vm.add_new(t, range_new);
    vm.add_methods(
        t,
        &[
            ("__len__", range_len),
            ("__bool__", range_bool),
            ("__repr__", range_repr),
            ("__getitem__", range_getitem),
            ("__contains__", range_contains),
            ("__iter__", range_iter),
            ("__reversed__", range_reversed),
            ("__eq__", range_eq),
            ("__hash__", range_hash),
            ("index", range_index),
            ("count", range_count),
        ],
    );
    vm.add_getset(t, "start", get_start, None);
    vm.add_getset(t, "stop", get_stop, None);
    vm.add_getset(t, "step", get_step, None);
}
