//! Operators: fast paths for exact int/float/str/list/tuple operands, then the
//! dunder protocol (`__add__`, reflected `__radd__` first for subclasses, in-place
//! `__iadd__`), with CPython's TypeError messages.

use std::cmp::Ordering;

use mempy_bytecode::{BinaryOperator, ComparisonOperator};

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef};
use crate::objects::float as fl;
use crate::objects::int as it;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

fn dunders(op: BinaryOperator) -> (&'static str, &'static str) {
    use BinaryOperator::*;
    match op.without_inplace() {
        Add => ("__add__", "__radd__"),
        Subtract => ("__sub__", "__rsub__"),
        Multiply => ("__mul__", "__rmul__"),
        MatrixMultiply => ("__matmul__", "__rmatmul__"),
        TrueDivide => ("__truediv__", "__rtruediv__"),
        FloorDivide => ("__floordiv__", "__rfloordiv__"),
        Remainder => ("__mod__", "__rmod__"),
        Power => ("__pow__", "__rpow__"),
        LShift => ("__lshift__", "__rlshift__"),
        RShift => ("__rshift__", "__rrshift__"),
        And => ("__and__", "__rand__"),
        Or => ("__or__", "__ror__"),
        Xor => ("__xor__", "__rxor__"),
        _ => ("__add__", "__radd__"),
    }
}

fn inplace_name(op: BinaryOperator) -> &'static str {
    use BinaryOperator::*;
    match op {
        InplaceAdd => "__iadd__",
        InplaceSubtract => "__isub__",
        InplaceMultiply => "__imul__",
        InplaceMatrixMultiply => "__imatmul__",
        InplaceTrueDivide => "__itruediv__",
        InplaceFloorDivide => "__ifloordiv__",
        InplaceRemainder => "__imod__",
        InplacePower => "__ipow__",
        InplaceLShift => "__ilshift__",
        InplaceRShift => "__irshift__",
        InplaceAnd => "__iand__",
        InplaceOr => "__ior__",
        _ => "__ixor__",
    }
}

/// Numeric fast path on exact or subclassed int/float payloads; None when not numeric.
pub fn numeric_op(vm: &Vm, a: &PyObject, b: &PyObject, op: BinaryOperator) -> Option<PyResult> {
    use BinaryOperator::*;
    let op = op.without_inplace();
    if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyInt>()) {
        return Some(match op {
            Add => Ok(it::add(vm, x, y)),
            Subtract => Ok(it::sub(vm, x, y)),
            Multiply => it::mul(vm, x, y),
            FloorDivide => it::floordiv(vm, x, y),
            Remainder => it::modulo(vm, x, y),
            TrueDivide => it::truediv(vm, x, y),
            Power => it::pow(vm, x, y),
            LShift => it::lshift(vm, x, y),
            RShift => it::rshift(vm, x, y),
            And => Ok(it::bitop(vm, x, y, '&')),
            Or => Ok(it::bitop(vm, x, y, '|')),
            Xor => Ok(it::bitop(vm, x, y, '^')),
            _ => return None,
        });
    }
    let fa = fl::to_f64_lossy(a)?;
    let fb = fl::to_f64_lossy(b)?;
    if a.payload::<PyFloat>().is_none() && b.payload::<PyFloat>().is_none() {
        return None;
    }
    let (Some(x), Some(y)) = (fa, fb) else {
        return Some(Err(
            vm.new_overflow_error("int too large to convert to float")
        ));
    };
    Some(match op {
        Add => Ok(vm.new_float(x + y)),
        Subtract => Ok(vm.new_float(x - y)),
        Multiply => Ok(vm.new_float(x * y)),
        TrueDivide => {
            if y == 0.0 {
                Err(vm.new_zero_division_error("float division by zero"))
            } else {
                Ok(vm.new_float(x / y))
            }
        }
        FloorDivide => {
            if y == 0.0 {
                Err(vm.new_zero_division_error("float floor division by zero"))
            } else {
                Ok(vm.new_float(fl::floordiv(x, y)))
            }
        }
        Remainder => {
            if y == 0.0 {
                Err(vm.new_zero_division_error("float modulo"))
            } else {
                Ok(vm.new_float(fl::modulo(x, y)))
            }
        }
        Power => {
            if x == 0.0 && y < 0.0 {
                Err(vm.new_zero_division_error("0.0 cannot be raised to a negative power"))
            } else if x < 0.0 && y.fract() != 0.0 {
                Err(vm.new_value_error("math domain error"))
            } else {
                let r = x.powf(y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    Err(vm.new_overflow_error("(34, 'Numerical result out of range')"))
                } else {
                    Ok(vm.new_float(r))
                }
            }
        }
        _ => return None,
    })
}

/// `a op b` with the full protocol.
pub fn binary_op(vm: &Vm, a: &PyObject, b: &PyObject, op: BinaryOperator) -> PyResult {
    let ca = a.class();
    let cb = b.class();
    if !ca.is_heap_type() && !cb.is_heap_type() {
        if let Some(r) = numeric_op(vm, a, b, op) {
            return r;
        }
        if op.without_inplace() == BinaryOperator::Add {
            if let (Some(x), Some(y)) = (a.payload::<PyStr>(), b.payload::<PyStr>()) {
                let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                return Ok(vm.new_string(s));
            }
        }
    }
    if op.is_inplace() {
        if let Some(r) = vm.call_special(a, inplace_name(op), &[b.to_owned()])? {
            if !r.is(&vm.ctx.not_implemented) {
                return Ok(r);
            }
        }
    }
    let (name, rname) = dunders(op);
    let reflected_first = !ca.as_object().is(cb.as_object()) && cb.is_subtype(ca) && {
        let rb = cb.lookup(&vm.intern(rname));
        let ra = ca.lookup(&vm.intern(rname));
        match (rb, ra) {
            (Some(x), Some(y)) => !x.is(&y),
            (Some(_), None) => true,
            _ => false,
        }
    };
    if reflected_first {
        if let Some(r) = vm.call_special(b, rname, &[a.to_owned()])? {
            if !r.is(&vm.ctx.not_implemented) {
                return Ok(r);
            }
        }
    }
    if let Some(r) = vm.call_special(a, name, &[b.to_owned()])? {
        if !r.is(&vm.ctx.not_implemented) {
            return Ok(r);
        }
    }
    if !reflected_first && !ca.as_object().is(cb.as_object()) {
        if let Some(r) = vm.call_special(b, rname, &[a.to_owned()])? {
            if !r.is(&vm.ctx.not_implemented) {
                return Ok(r);
            }
        }
    }
    if op.without_inplace() == BinaryOperator::Add && a.payload::<PyStr>().is_some() {
        return Err(vm.new_type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            cb.name()
        )));
    }
    if op.without_inplace() == BinaryOperator::Multiply {
        // CPython falls back to the sequence's `sq_repeat`, which rejects a non-int count.
        let other = if is_sequence(a) {
            Some(cb)
        } else if is_sequence(b) {
            Some(ca)
        } else {
            None
        };
        if let Some(t) = other {
            return Err(vm.new_type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                t.name()
            )));
        }
    }
    Err(vm.new_type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        if op == BinaryOperator::Power {
            "** or pow()"
        } else {
            op.symbol()
        },
        ca.name(),
        cb.name()
    )))
}

/// Objects with CPython's `sq_repeat` (str, bytes, list, tuple and their subclasses).
fn is_sequence(o: &PyObject) -> bool {
    o.payload::<PyStr>().is_some()
        || o.payload::<crate::objects::bytes::PyBytes>().is_some()
        || o.payload::<PyList>().is_some()
        || o.payload::<PyTuple>().is_some()
}

fn ord_result(vm: &Vm, o: Option<Ordering>, op: ComparisonOperator) -> PyResult {
    use ComparisonOperator::*;
    let r = match o {
        None => op == NotEqual,
        Some(o) => match op {
            Less => o == Ordering::Less,
            LessOrEqual => o != Ordering::Greater,
            Equal => o == Ordering::Equal,
            NotEqual => o != Ordering::Equal,
            Greater => o == Ordering::Greater,
            GreaterOrEqual => o != Ordering::Less,
        },
    };
    Ok(vm.new_bool(r))
}

/// Comparison fast path for exact numbers and strings.
pub fn fast_compare(
    vm: &Vm,
    a: &PyObject,
    b: &PyObject,
    op: ComparisonOperator,
) -> Option<PyResult> {
    if a.class().is_heap_type() || b.class().is_heap_type() {
        return None;
    }
    if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyInt>()) {
        return Some(ord_result(vm, Some(it::cmp(x, y)), op));
    }
    if let (Some(x), Some(y)) = (a.payload::<PyStr>(), b.payload::<PyStr>()) {
        return Some(ord_result(vm, Some(x.as_str().cmp(y.as_str())), op));
    }
    if let (Some(x), Some(y)) = (a.payload::<PyFloat>(), b.payload::<PyFloat>()) {
        return Some(ord_result(vm, x.value.partial_cmp(&y.value), op));
    }
    if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyFloat>()) {
        return Some(ord_result(vm, it::cmp_int_float(x, y.value), op));
    }
    if let (Some(x), Some(y)) = (a.payload::<PyFloat>(), b.payload::<PyInt>()) {
        return Some(ord_result(
            vm,
            it::cmp_int_float(y, x.value).map(Ordering::reverse),
            op,
        ));
    }
    None
}

macro_rules! op_dunder {
    ($name:ident, $op:expr, $swap:expr) => {
        fn $name(vm: &Vm, args: Args) -> PyResult {
            let [a, b] = args.exact::<2>(vm, "op")?;
            let (x, y) = if $swap { (b, a) } else { (a, b) };
            match numeric_op(vm, x, y, $op) {
                Some(r) => r,
                None => Ok(vm.not_implemented()),
            }
        }
    };
}
use BinaryOperator as B;
op_dunder!(d_add, B::Add, false);
op_dunder!(d_radd, B::Add, true);
op_dunder!(d_sub, B::Subtract, false);
op_dunder!(d_rsub, B::Subtract, true);
op_dunder!(d_mul, B::Multiply, false);
op_dunder!(d_rmul, B::Multiply, true);
op_dunder!(d_truediv, B::TrueDivide, false);
op_dunder!(d_rtruediv, B::TrueDivide, true);
op_dunder!(d_floordiv, B::FloorDivide, false);
op_dunder!(d_rfloordiv, B::FloorDivide, true);
op_dunder!(d_mod, B::Remainder, false);
op_dunder!(d_rmod, B::Remainder, true);
op_dunder!(d_pow, B::Power, false);
op_dunder!(d_rpow, B::Power, true);
op_dunder!(d_lshift, B::LShift, false);
op_dunder!(d_rlshift, B::LShift, true);
op_dunder!(d_rshift, B::RShift, false);
op_dunder!(d_rrshift, B::RShift, true);
op_dunder!(d_and, B::And, false);
op_dunder!(d_rand, B::And, true);
op_dunder!(d_or, B::Or, false);
op_dunder!(d_ror, B::Or, true);
op_dunder!(d_xor, B::Xor, false);
op_dunder!(d_rxor, B::Xor, true);

macro_rules! cmp_dunder {
    ($name:ident, $op:expr) => {
        fn $name(vm: &Vm, args: Args) -> PyResult {
            let [a, b] = args.exact::<2>(vm, "cmp")?;
            let num =
                |o: &PyObject| o.payload::<PyInt>().is_some() || o.payload::<PyFloat>().is_some();
            let strs = a.payload::<PyStr>().is_some() && b.payload::<PyStr>().is_some();
            if !(num(a) && num(b)) && !strs {
                return Ok(vm.not_implemented());
            }
            let o = if strs {
                Some(
                    a.payload::<PyStr>()
                        .unwrap()
                        .as_str()
                        .cmp(b.payload::<PyStr>().unwrap().as_str()),
                )
            } else if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyInt>()) {
                Some(it::cmp(x, y))
            } else if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyFloat>()) {
                it::cmp_int_float(x, y.value)
            } else if let (Some(x), Some(y)) = (a.payload::<PyFloat>(), b.payload::<PyInt>()) {
                it::cmp_int_float(y, x.value).map(Ordering::reverse)
            } else {
                a.payload::<PyFloat>()
                    .unwrap()
                    .value
                    .partial_cmp(&b.payload::<PyFloat>().unwrap().value)
            };
            ord_result(vm, o, $op)
        }
    };
}
cmp_dunder!(d_eq, ComparisonOperator::Equal);
cmp_dunder!(d_ne, ComparisonOperator::NotEqual);
cmp_dunder!(d_lt, ComparisonOperator::Less);
cmp_dunder!(d_le, ComparisonOperator::LessOrEqual);
cmp_dunder!(d_gt, ComparisonOperator::Greater);
cmp_dunder!(d_ge, ComparisonOperator::GreaterOrEqual);

fn d_neg(vm: &Vm, args: Args) -> PyResult {
    let a = &args.args[0];
    if let Some(i) = a.payload::<PyInt>() {
        return Ok(it::neg(vm, i));
    }
    Ok(vm.new_float(-a.payload::<PyFloat>().map(|f| f.value).unwrap_or(0.0)))
}
fn d_pos(vm: &Vm, args: Args) -> PyResult {
    let a = &args.args[0];
    if let Some(i) = a.payload::<PyInt>() {
        return Ok(vm.new_bigint(i.to_bigint()));
    }
    Ok(vm.new_float(a.payload::<PyFloat>().map(|f| f.value).unwrap_or(0.0)))
}
fn d_abs(vm: &Vm, args: Args) -> PyResult {
    let a = &args.args[0];
    if let Some(r) = exact_abs(vm, a) {
        return Ok(r);
    }
    if let Some(i) = a.payload::<PyInt>() {
        let v = i.to_bigint();
        return Ok(vm.new_bigint(if v.sign() == num_bigint::Sign::Minus {
            -v
        } else {
            v
        }));
    }
    Ok(vm.new_float(a.payload::<PyFloat>().map(|f| f.value.abs()).unwrap_or(0.0)))
}
/// `abs()` of an exact int or float without a method lookup: a non-negative exact
/// int is returned itself, as CPython's `long_abs` does.
#[inline]
pub fn exact_abs(vm: &Vm, a: &PyObjectRef) -> Option<PyObjectRef> {
    let class = a.class_obj();
    if class.is(vm.ctx.types.int_type.as_object()) {
        let i = a.payload::<PyInt>()?;
        return match i.as_small() {
            Some(v) if v >= 0 => Some(a.clone()),
            Some(v) if v != i64::MIN => Some(vm.new_int(-v)),
            _ if i.to_bigint().sign() != num_bigint::Sign::Minus => Some(a.clone()),
            _ => None,
        };
    }
    if class.is(vm.ctx.types.float_type.as_object()) {
        return Some(vm.new_float(a.payload::<PyFloat>()?.value.abs()));
    }
    None
}
fn d_invert(vm: &Vm, args: Args) -> PyResult {
    match args.args[0].payload::<PyInt>() {
        Some(i) => Ok(it::invert(vm, i)),
        None => Err(vm.new_type_error("bad operand type for unary ~")),
    }
}
fn d_divmod(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__divmod__")?;
    if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyInt>()) {
        return it::divmod(vm, x, y);
    }
    let q = match numeric_op(vm, a, b, B::FloorDivide) {
        Some(q) => q?,
        None => return Ok(vm.not_implemented()),
    };
    let r = numeric_op(vm, a, b, B::Remainder).unwrap()?;
    Ok(vm.new_tuple(vec![q, r]))
}

/// Registers the arithmetic and comparison dunders of `int`/`float`.
pub(crate) fn add_number_dunders(vm: &Vm, t: &PyTypeRef) {
    vm.add_methods(
        t,
        &[
            ("__add__", d_add),
            ("__radd__", d_radd),
            ("__sub__", d_sub),
            ("__rsub__", d_rsub),
            ("__mul__", d_mul),
            ("__rmul__", d_rmul),
            ("__truediv__", d_truediv),
            ("__rtruediv__", d_rtruediv),
            ("__floordiv__", d_floordiv),
            ("__rfloordiv__", d_rfloordiv),
            ("__mod__", d_mod),
            ("__rmod__", d_rmod),
            ("__pow__", d_pow),
            ("__rpow__", d_rpow),
            ("__divmod__", d_divmod),
            ("__eq__", d_eq),
            ("__ne__", d_ne),
            ("__lt__", d_lt),
            ("__le__", d_le),
            ("__gt__", d_gt),
            ("__ge__", d_ge),
            ("__neg__", d_neg),
            ("__pos__", d_pos),
            ("__abs__", d_abs),
        ],
    );
    if t.as_object().is(vm.ctx.types.int_type.as_object()) {
        vm.add_methods(
            t,
            &[
                ("__lshift__", d_lshift),
                ("__rlshift__", d_rlshift),
                ("__rshift__", d_rshift),
                ("__rrshift__", d_rrshift),
                ("__and__", d_and),
                ("__rand__", d_rand),
                ("__or__", d_or),
                ("__ror__", d_ror),
                ("__xor__", d_xor),
                ("__rxor__", d_rxor),
                ("__invert__", d_invert),
            ],
        );
    }
}

fn bool_bitop(vm: &Vm, args: Args, c: char) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "op")?;
    let is_bool = |o: &PyObject| o.class().as_object().is(vm.ctx.types.bool_type.as_object());
    if is_bool(a) && is_bool(b) {
        let x = vm.is_true(a)?;
        let y = vm.is_true(b)?;
        return Ok(vm.new_bool(match c {
            '&' => x & y,
            '|' => x | y,
            _ => x ^ y,
        }));
    }
    match (a.payload::<PyInt>(), b.payload::<PyInt>()) {
        (Some(x), Some(y)) => Ok(it::bitop(vm, x, y, c)),
        _ => Ok(vm.not_implemented()),
    }
}
fn bool_and(vm: &Vm, a: Args) -> PyResult {
    bool_bitop(vm, a, '&')
}
fn bool_or(vm: &Vm, a: Args) -> PyResult {
    bool_bitop(vm, a, '|')
}
fn bool_xor(vm: &Vm, a: Args) -> PyResult {
    bool_bitop(vm, a, '^')
}

pub(crate) fn add_bool_dunders(vm: &Vm, t: &PyTypeRef) {
    vm.add_methods(
        t,
        &[
            ("__and__", bool_and),
            ("__rand__", bool_and),
            ("__or__", bool_or),
            ("__ror__", bool_or),
            ("__xor__", bool_xor),
            ("__rxor__", bool_xor),
        ],
    );
}

fn str_add(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__add__")?;
    let x = a
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("str expected"))?;
    match b.payload::<PyStr>() {
        Some(y) => Ok(vm.new_string(format!("{}{}", x.as_str(), y.as_str()))),
        None => Err(vm.new_type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            b.class().name()
        ))),
    }
}
fn str_mul(vm: &Vm, args: Args) -> PyResult {
    let [a, n] = args.exact::<2>(vm, "__mul__")?;
    let x = a
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("str expected"))?;
    let Some(n) = crate::objects::list::repeat_count(vm, n)? else {
        return Ok(vm.not_implemented());
    };
    crate::objects::list::check_size(vm, x.as_str().len().saturating_mul(n), 1)?;
    Ok(vm.new_string(x.as_str().repeat(n)))
}
fn str_getitem(vm: &Vm, args: Args) -> PyResult {
    let [a, i] = args.exact::<2>(vm, "__getitem__")?;
    let s = a
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("str expected"))?;
    if let Some(sl) = i.payload::<PySlice>() {
        let si = crate::objects::slice::SliceIndices::new(vm, sl, s.char_len())?;
        if si.step == 1 {
            return Ok(vm.new_str(s.substring(
                si.start.max(0) as usize,
                (si.start.max(0) as usize) + si.len,
            )));
        }
        let chars: Vec<char> = s.as_str().chars().collect();
        return Ok(vm.new_string(si.iter().map(|k| chars[k]).collect()));
    }
    if !vm.is_index(i) {
        return Err(vm.new_type_error(format!(
            "string indices must be integers, not '{}'",
            i.class().name()
        )));
    }
    let k = crate::objects::list::norm_index(vm, i, s.char_len(), "string index out of range")?;
    let c = s.char_at(k);
    Ok(vm.new_str(c.encode_utf8(&mut [0; 4])))
}
fn str_contains(vm: &Vm, args: Args) -> PyResult {
    let [a, x] = args.exact::<2>(vm, "__contains__")?;
    let s = a
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("str expected"))?;
    match x.payload::<PyStr>() {
        Some(y) => Ok(vm.new_bool(s.as_str().contains(y.as_str()))),
        None => Err(vm.new_type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            x.class().name()
        ))),
    }
}
fn str_iter(vm: &Vm, args: Args) -> PyResult {
    Ok(crate::objects::iter::new_seq_iter(
        vm,
        args.args[0].clone(),
        &vm.ctx.types.str_iterator_type,
    ))
}

pub(crate) fn add_sequence_dunders(vm: &Vm, t: &PyTypeRef) {
    vm.add_methods(
        t,
        &[
            ("__add__", str_add),
            ("__mul__", str_mul),
            ("__rmul__", str_mul),
            ("__getitem__", str_getitem),
            ("__contains__", str_contains),
            ("__iter__", str_iter),
            ("__eq__", d_eq),
            ("__ne__", d_ne),
            ("__lt__", d_lt),
            ("__le__", d_le),
            ("__gt__", d_gt),
            ("__ge__", d_ge),
        ],
    );
}

// ----- Fast paths and helpers of the dispatch loop -----

/// The value of an exact `int` that fits an i64.
#[inline]
pub fn exact_small_int(vm: &Vm, o: &PyObject) -> Option<i64> {
    if o.class_obj().is(vm.ctx.types.int_type.as_object()) {
        o.payload::<PyInt>()?.as_small()
    } else {
        None
    }
}

/// `a op b` for two exact small ints when the result needs no big-int or float
/// path; None otherwise.
#[inline]
pub fn small_int_binop(
    vm: &Vm,
    a: &PyObject,
    b: &PyObject,
    op: BinaryOperator,
) -> Option<PyObjectRef> {
    let x = exact_small_int(vm, a)?;
    let y = exact_small_int(vm, b)?;
    use BinaryOperator::*;
    let r = match op {
        Add | InplaceAdd => x.checked_add(y)?,
        Subtract | InplaceSubtract => x.checked_sub(y)?,
        Multiply | InplaceMultiply => x.checked_mul(y)?,
        FloorDivide | InplaceFloorDivide => {
            if y == 0 || (x == i64::MIN && y == -1) {
                return None;
            }
            let q = x / y;
            if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        Remainder | InplaceRemainder => {
            if y == 0 || (x == i64::MIN && y == -1) {
                return None;
            }
            let r = x % y;
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        And | InplaceAnd => x & y,
        Or | InplaceOr => x | y,
        Xor | InplaceXor => x ^ y,
        _ => return None,
    };
    Some(vm.new_int(r))
}

/// `-a`, `+a`, `~a`.
pub fn unary_op(vm: &Vm, a: &PyObject, op: mempy_bytecode::UnaryOperator) -> PyResult {
    use mempy_bytecode::UnaryOperator::*;
    if let Some(x) = exact_small_int(vm, a) {
        match op {
            Negative => {
                if let Some(r) = x.checked_neg() {
                    return Ok(vm.new_int(r));
                }
            }
            Positive => return Ok(a.to_owned()),
            Invert => return Ok(vm.new_int(!x)),
            Not => {}
        }
    }
    let (name, sym) = match op {
        Negative => ("__neg__", "unary -"),
        Positive => ("__pos__", "unary +"),
        Invert => ("__invert__", "unary ~"),
        Not => return Ok(vm.new_bool(!vm.is_true(a)?)),
    };
    match vm.call_special(a, name, &[])? {
        Some(r) => Ok(r),
        None => Err(vm.new_type_error(format!(
            "bad operand type for {sym}: '{}'",
            a.class().name()
        ))),
    }
}

/// `c[k]` with a fast path for `list[int]`.
#[inline]
pub fn subscript(vm: &Vm, c: &PyObject, k: &PyObject) -> PyResult {
    if c.class_obj().is(vm.ctx.types.list_type.as_object()) {
        if let (Some(l), Some(i)) = (c.payload::<PyList>(), exact_small_int(vm, k)) {
            let items = l.items.borrow();
            let n = items.len() as i64;
            let j = if i < 0 { i + n } else { i };
            if (0..n).contains(&j) {
                return Ok(items[j as usize].clone());
            }
        }
    }
    vm.getitem(c, k)
}

pub fn build_map(vm: &Vm, items: Vec<PyObjectRef>) -> PyResult {
    let d = vm.new_dict();
    let mut it = items.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        d.set_item(vm, k, v)?;
    }
    Ok(d.into())
}

pub fn build_const_key_map(vm: &Vm, keys: &PyObject, values: Vec<PyObjectRef>) -> PyResult {
    let d = vm.new_dict();
    let keys = keys
        .payload::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    for (k, v) in keys.into_iter().zip(values) {
        d.set_item(vm, k, v)?;
    }
    Ok(d.into())
}

pub fn build_string(vm: &Vm, items: &[PyObjectRef]) -> PyObjectRef {
    let mut s = String::new();
    for i in items {
        if let Some(p) = i.payload::<PyStr>() {
            s.push_str(p.as_str());
        }
    }
    vm.new_string(s)
}

pub fn list_extend(vm: &Vm, l: &PyObject, it: &PyObject) -> PyResult<()> {
    let Some(l) = l.payload::<PyList>() else {
        return Err(vm.new_type_error("ListExtend on a non-list"));
    };
    if vm.get_iter(it).is_err() && it.class().lookup(&vm.intern("__getitem__")).is_none() {
        return Err(vm.new_type_error(format!(
            "Value after * must be an iterable, not {}",
            it.class().name()
        )));
    }
    let items = vm.iterate(it)?;
    l.extend_vec(items);
    Ok(())
}

pub fn set_update(vm: &Vm, s: &PyObject, it: &PyObject) -> PyResult<()> {
    let Some(s) = s.payload::<PySet>() else {
        return Err(vm.new_type_error("SetUpdate on a non-set"));
    };
    for x in vm.iterate(it)? {
        s.add(vm, x)?;
    }
    Ok(())
}

fn is_mapping(vm: &Vm, m: &PyObject) -> bool {
    m.payload::<PyDict>().is_some() || m.class().lookup(&vm.intern("keys")).is_some()
}

pub fn dict_update(vm: &Vm, d: &PyObject, m: &PyObject) -> PyResult<()> {
    let Some(dd) = d.payload::<PyDict>() else {
        return Err(vm.new_type_error("DictUpdate on a non-dict"));
    };
    if !is_mapping(vm, m) {
        return Err(vm.new_type_error(format!("'{}' object is not a mapping", m.class().name())));
    }
    crate::objects::dict::update_from(vm, dd, m)
}

/// `f(**m)`: merge `m` into `d`, rejecting duplicate keys.
pub fn dict_merge(
    vm: &Vm,
    d: &PyObject,
    m: &PyObject,
    callee: Option<&PyObjectRef>,
) -> PyResult<()> {
    let Some(dd) = d.payload::<PyDict>() else {
        return Err(vm.new_type_error("DictMerge on a non-dict"));
    };
    let fname = || {
        callee
            .map(|c| crate::eval::call::function_str(vm, c))
            .unwrap_or_else(|| "function".into())
    };
    if !is_mapping(vm, m) {
        return Err(vm.new_type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            fname(),
            m.class().name()
        )));
    }
    let items: Vec<(PyObjectRef, PyObjectRef)> = match m.payload::<PyDict>() {
        Some(md) if !m.class().is_heap_type() => md.items_vec(),
        _ => {
            let keys = vm.call_method(m, "keys", &[])?;
            let mut v = Vec::new();
            for k in vm.iterate(&keys)? {
                let val = vm.getitem(m, &k)?;
                v.push((k, val));
            }
            v
        }
    };
    for (k, v) in items {
        if dd.contains(vm, &k)? {
            if k.payload::<PyStr>().is_none() {
                return Err(vm.new_type_error(format!("{} keywords must be strings", fname())));
            }
            return Err(vm.new_type_error(format!(
                "{} got multiple values for keyword argument '{}'",
                fname(),
                vm.str_of(&k)?
            )));
        }
        dd.set_item(vm, k, v)?;
    }
    Ok(())
}

fn unpack_items(vm: &Vm, seq: &PyObject) -> PyResult<Vec<PyObjectRef>> {
    if !seq.class().is_heap_type() {
        if let Some(t) = seq.payload::<PyTuple>() {
            return Ok(t.as_slice().to_vec());
        }
        if let Some(l) = seq.payload::<PyList>() {
            return Ok(l.to_vec());
        }
    }
    if vm.get_iter(seq).is_err() {
        return Err(vm.new_type_error(format!(
            "cannot unpack non-iterable {} object",
            seq.class().name()
        )));
    }
    Ok(Vec::new())
}

/// `a, b = seq`: pushes the items, first on top.
pub fn unpack_sequence(
    vm: &Vm,
    seq: &PyObject,
    n: usize,
    stack: &mut Vec<PyObjectRef>,
) -> PyResult<()> {
    let items = if seq.payload::<PyTuple>().is_some() || seq.payload::<PyList>().is_some() {
        unpack_items(vm, seq)?
    } else {
        let it = vm.get_iter(seq).map_err(|_| {
            vm.new_type_error(format!(
                "cannot unpack non-iterable {} object",
                seq.class().name()
            ))
        })?;
        let mut v = Vec::with_capacity(n);
        while v.len() < n {
            match vm.next(&it)? {
                Some(x) => v.push(x),
                None => {
                    return Err(vm.new_value_error(format!(
                        "not enough values to unpack (expected {n}, got {})",
                        v.len()
                    )))
                }
            }
        }
        if vm.next(&it)?.is_some() {
            return Err(vm.new_value_error(format!("too many values to unpack (expected {n})")));
        }
        v
    };
    if items.len() < n {
        return Err(vm.new_value_error(format!(
            "not enough values to unpack (expected {n}, got {})",
            items.len()
        )));
    }
    if items.len() > n {
        return Err(vm.new_value_error(format!("too many values to unpack (expected {n})")));
    }
    stack.extend(items.into_iter().rev());
    Ok(())
}

/// `a, *b, c = seq`.
pub fn unpack_ex(
    vm: &Vm,
    seq: &PyObject,
    before: usize,
    after: usize,
    stack: &mut Vec<PyObjectRef>,
) -> PyResult<()> {
    if vm.get_iter(seq).is_err() {
        return Err(vm.new_type_error(format!(
            "cannot unpack non-iterable {} object",
            seq.class().name()
        )));
    }
    let items = vm.iterate(seq)?;
    if items.len() < before + after {
        return Err(vm.new_value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let mid_end = items.len() - after;
    let tail: Vec<PyObjectRef> = items[mid_end..].to_vec();
    let mid = vm.new_list(items[before..mid_end].to_vec());
    for x in tail.into_iter().rev() {
        stack.push(x);
    }
    stack.push(mid);
    for x in items[..before].iter().rev() {
        stack.push(x.clone());
    }
    Ok(())
}

/// `FormatValue`: `format(conv(value), spec)`.
pub fn format_value(
    vm: &Vm,
    v: &PyObjectRef,
    conv: mempy_bytecode::Conversion,
    spec: Option<&PyObjectRef>,
) -> PyResult {
    use mempy_bytecode::Conversion;
    let v = match conv {
        Conversion::None => v.clone(),
        Conversion::Str => vm.str(v)?.into(),
        Conversion::Repr => vm.repr(v)?.into(),
        Conversion::Ascii => {
            let r = vm.repr(v)?;
            vm.new_string(ascii_escape(r.as_str()))
        }
    };
    let spec_s = match spec {
        Some(s) => vm.str_of(s)?,
        None => String::new(),
    };
    if spec_s.is_empty() && v.class_obj().is(vm.ctx.types.str_type.as_object()) {
        return Ok(v);
    }
    if spec_s.is_empty() && !v.class().is_heap_type() {
        return Ok(vm.str(&v)?.into());
    }
    Ok(vm.new_string(crate::format::format_value(vm, &v, &spec_s)?))
}

/// `ascii()` of an already computed repr.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// `BeforeWith`: `(bound __exit__, mgr.__enter__())`.
pub fn before_with(vm: &Vm, mgr: &PyObjectRef) -> PyResult<(PyObjectRef, PyObjectRef)> {
    let cls = mgr.class();
    let Some(enter) = cls.lookup(&vm.intern("__enter__")) else {
        return Err(vm.new_type_error(format!(
            "'{}' object does not support the context manager protocol",
            cls.name()
        )));
    };
    let Some(exit) = cls.lookup(&vm.intern("__exit__")) else {
        return Err(vm.new_type_error(format!(
            "'{}' object does not support the context manager protocol (missed __exit__ method)",
            cls.name()
        )));
    };
    let exit = vm.descr_get(&exit, Some(mgr), Some(cls.as_object()))?;
    let res = vm.call_unbound(&enter, &[mgr.clone()])?;
    Ok((exit, res))
}
