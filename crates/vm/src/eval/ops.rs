//! Operators: fast paths for exact int/float/str/list/tuple operands, then the
//! dunder protocol (`__add__`, reflected `__radd__` first for subclasses, in-place
//! `__iadd__`), with CPython's TypeError messages.

use std::cmp::Ordering;

use mempy_bytecode::{BinaryOperator, ComparisonOperator};

use crate::args::Args;
use crate::heap::PyObject;
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
        return Some(Err(vm.new_overflow_error("int too large to convert to float")));
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
        return Err(vm.new_type_error(format!("can only concatenate str (not \"{}\") to str", cb.name())));
    }
    Err(vm.new_type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        if op == BinaryOperator::Power { "** or pow()" } else { op.symbol() },
        ca.name(),
        cb.name()
    )))
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
pub fn fast_compare(vm: &Vm, a: &PyObject, b: &PyObject, op: ComparisonOperator) -> Option<PyResult> {
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
        return Some(ord_result(vm, it::cmp_int_float(y, x.value).map(Ordering::reverse), op));
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
            let num = |o: &PyObject| o.payload::<PyInt>().is_some() || o.payload::<PyFloat>().is_some();
            let strs = a.payload::<PyStr>().is_some() && b.payload::<PyStr>().is_some();
            if !(num(a) && num(b)) && !strs {
                return Ok(vm.not_implemented());
            }
            let o = if strs {
                Some(a.payload::<PyStr>().unwrap().as_str().cmp(b.payload::<PyStr>().unwrap().as_str()))
            } else if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyInt>()) {
                Some(it::cmp(x, y))
            } else if let (Some(x), Some(y)) = (a.payload::<PyInt>(), b.payload::<PyFloat>()) {
                it::cmp_int_float(x, y.value)
            } else if let (Some(x), Some(y)) = (a.payload::<PyFloat>(), b.payload::<PyInt>()) {
                it::cmp_int_float(y, x.value).map(Ordering::reverse)
            } else {
                a.payload::<PyFloat>().unwrap().value.partial_cmp(&b.payload::<PyFloat>().unwrap().value)
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
    if let Some(i) = a.payload::<PyInt>() {
        let v = i.to_bigint();
        return Ok(vm.new_bigint(if v.sign() == num_bigint::Sign::Minus { -v } else { v }));
    }
    Ok(vm.new_float(a.payload::<PyFloat>().map(|f| f.value.abs()).unwrap_or(0.0)))
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
    vm.add_methods(t, &[
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
    ]);
    if t.as_object().is(vm.ctx.types.int_type.as_object()) {
        vm.add_methods(t, &[
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
        ]);
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
    vm.add_methods(t, &[
        ("__and__", bool_and),
        ("__rand__", bool_and),
        ("__or__", bool_or),
        ("__ror__", bool_or),
        ("__xor__", bool_xor),
        ("__rxor__", bool_xor),
    ]);
}

fn str_add(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__add__")?;
    let x = a.payload::<PyStr>().ok_or_else(|| vm.new_type_error("str expected"))?;
    match b.payload::<PyStr>() {
        Some(y) => Ok(vm.new_string(format!("{}{}", x.as_str(), y.as_str()))),
        None => Err(vm.new_type_error(format!("can only concatenate str (not \"{}\") to str", b.class().name()))),
    }
}
fn str_mul(vm: &Vm, args: Args) -> PyResult {
    let [a, n] = args.exact::<2>(vm, "__mul__")?;
    let x = a.payload::<PyStr>().ok_or_else(|| vm.new_type_error("str expected"))?;
    let Some(n) = crate::objects::list::repeat_count(vm, n)? else { return Ok(vm.not_implemented()) };
    crate::objects::list::check_size(vm, x.as_str().len().saturating_mul(n), 1)?;
    Ok(vm.new_string(x.as_str().repeat(n)))
}
fn str_getitem(vm: &Vm, args: Args) -> PyResult {
    let [a, i] = args.exact::<2>(vm, "__getitem__")?;
    let s = a.payload::<PyStr>().ok_or_else(|| vm.new_type_error("str expected"))?;
    if let Some(sl) = i.payload::<PySlice>() {
        let si = crate::objects::slice::SliceIndices::new(vm, sl, s.char_len())?;
        if si.step == 1 {
            return Ok(vm.new_str(s.substring(si.start.max(0) as usize, (si.start.max(0) as usize) + si.len)));
        }
        let chars: Vec<char> = s.as_str().chars().collect();
        return Ok(vm.new_string(si.iter().map(|k| chars[k]).collect()));
    }
    if !vm.is_index(i) {
        return Err(vm.new_type_error(format!("string indices must be integers, not '{}'", i.class().name())));
    }
    let k = crate::objects::list::norm_index(vm, i, s.char_len(), "string index out of range")?;
    let c = s.char_at(k);
    Ok(vm.new_str(c.encode_utf8(&mut [0; 4])))
}
fn str_contains(vm: &Vm, args: Args) -> PyResult {
    let [a, x] = args.exact::<2>(vm, "__contains__")?;
    let s = a.payload::<PyStr>().ok_or_else(|| vm.new_type_error("str expected"))?;
    match x.payload::<PyStr>() {
        Some(y) => Ok(vm.new_bool(s.as_str().contains(y.as_str()))),
        None => Err(vm.new_type_error(format!("'in <string>' requires string as left operand, not {}", x.class().name()))),
    }
}
fn str_iter(vm: &Vm, args: Args) -> PyResult {
    Ok(crate::objects::iter::new_seq_iter(vm, args.args[0].clone(), &vm.ctx.types.str_iterator_type))
}

pub(crate) fn add_sequence_dunders(vm: &Vm, t: &PyTypeRef) {
    vm.add_methods(t, &[
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
    ]);
}
