//! `complex`: a pair of doubles with CPython 3.11's arithmetic, repr, hash and parsing.
//!
//! Sums, differences and products use the textbook formulas; division is Smith's
//! method as in CPython's `_Py_c_quot`; `**` with an integral exponent of magnitude at
//! most 100 multiplies by repeated squaring (`c_powi`), other exponents go through
//! polar form (`_Py_c_pow`). An int operand is converted to float first. A complex
//! object is 32 bytes: the 16-byte header and the two doubles (`object.__sizeof__`).

use crate::args::Args;
use crate::heap::{PyObject, PyPayload};
use crate::objects::float::{float_hash, float_repr, parse_float};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyFloat, PyInt, PyStr, PyType};
use crate::vm::{PyResult, Vm};

pub struct PyComplex {
    pub real: f64,
    pub imag: f64,
}

impl PyPayload for PyComplex {
    const GC: bool = false;
}

type C = (f64, f64);

/// A new exact complex.
pub fn new_complex(vm: &Vm, (real, imag): C) -> crate::heap::PyObjectRef {
    vm.new_object(PyComplex { real, imag }, &vm.ctx.types.complex_type)
        .into()
}

/// CPython's `repr(complex)`: `1j`, `(1+2j)`, `(-0-1j)`; each part as `repr(float)`
/// without the `.0` of integral values.
pub fn complex_repr((re, im): C) -> String {
    let part = |f: f64| {
        let s = float_repr(f);
        match s.strip_suffix(".0") {
            Some(t) => t.to_string(),
            None => s,
        }
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", part(im));
    }
    let i = part(im);
    let sign = if i.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{i}j)", part(re))
}

/// The value of an int, float or complex operand; None for anything else.
fn operand(vm: &Vm, o: &PyObject) -> Option<PyResult<C>> {
    if let Some(c) = o.payload::<PyComplex>() {
        return Some(Ok((c.real, c.imag)));
    }
    if let Some(f) = o.payload::<PyFloat>() {
        return Some(Ok((f.value, 0.0)));
    }
    let i = o.payload::<PyInt>()?;
    Some(
        i.to_f64()
            .map(|f| (f, 0.0))
            .ok_or_else(|| vm.new_overflow_error("int too large to convert to float")),
    )
}

fn this(vm: &Vm, o: &PyObject) -> PyResult<C> {
    o.payload::<PyComplex>()
        .map(|c| (c.real, c.imag))
        .ok_or_else(|| {
            vm.new_type_error(format!(
                "descriptor requires a 'complex' object but received a '{}'",
                o.class().name()
            ))
        })
}

fn prod((a, b): C, (c, d): C) -> C {
    (a * c - b * d, a * d + b * c)
}

/// `_Py_c_quot`; None when dividing by zero.
fn quot((ar, ai): C, (br, bi): C) -> Option<C> {
    let (abs_br, abs_bi) = (br.abs(), bi.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = bi / br;
        let denom = br + bi * ratio;
        Some(((ar + ai * ratio) / denom, (ai - ar * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        Some(((ar * ratio + ai) / denom, (ai * ratio - ar) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

/// Why a power failed: CPython's EDOM and ERANGE.
enum PowError {
    Domain,
    Range,
}

fn pow(a: C, b: C) -> Result<C, PowError> {
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let mut r = (1.0, 0.0);
        let mut p = a;
        let mut k = n.unsigned_abs();
        while k > 0 {
            if k & 1 == 1 {
                r = prod(r, p);
            }
            k >>= 1;
            if k > 0 {
                p = prod(p, p);
            }
        }
        if n > 0 {
            r
        } else {
            quot((1.0, 0.0), r).ok_or(PowError::Domain)?
        }
    } else if b.0 == 0.0 && b.1 == 0.0 {
        (1.0, 0.0)
    } else if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(PowError::Domain);
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(PowError::Range);
    }
    Ok(r)
}

/// The binary operators: `swap` for the reflected methods.
fn arith(vm: &Vm, args: Args, op: char, swap: bool) -> PyResult {
    let p = args.positional();
    if p.len() < 2 {
        return Err(vm.new_type_error("expected 1 argument"));
    }
    let (s, o) = (&p[0], &p[1]);
    this(vm, s)?;
    if op == '*' && p.len() > 2 && !vm.is_none(&p[2]) {
        return Err(vm.new_value_error("complex modulo"));
    }
    let Some(other) = operand(vm, o) else {
        return Ok(vm.not_implemented());
    };
    let (mut x, mut y) = (this(vm, s)?, other?);
    if swap {
        std::mem::swap(&mut x, &mut y);
    }
    let r = match op {
        '+' => (x.0 + y.0, x.1 + y.1),
        '-' => (x.0 - y.0, x.1 - y.1),
        'x' => prod(x, y),
        '/' => quot(x, y).ok_or_else(|| vm.new_zero_division_error("complex division by zero"))?,
        _ => match pow(x, y) {
            Ok(r) => r,
            Err(PowError::Domain) => {
                return Err(vm.new_zero_division_error("0.0 to a negative or complex power"))
            }
            Err(PowError::Range) => return Err(vm.new_overflow_error("complex exponentiation")),
        },
    };
    Ok(new_complex(vm, r))
}

fn c_add(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, '+', false)
}
fn c_radd(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, '+', true)
}
fn c_sub(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, '-', false)
}
fn c_rsub(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, '-', true)
}
fn c_mul(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, 'x', false)
}
fn c_rmul(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, 'x', true)
}
fn c_truediv(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, '/', false)
}
fn c_rtruediv(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, '/', true)
}
fn c_pow(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, '*', false)
}
fn c_rpow(vm: &Vm, a: Args) -> PyResult {
    arith(vm, a, '*', true)
}

/// `==`/`!=` against int, float and complex (`complex_richcompare`); the orderings
/// are NotImplemented, so `<` raises TypeError.
fn compare(vm: &Vm, args: Args, name: &str, eq: Option<bool>) -> PyResult {
    let [a, b] = args.exact::<2>(vm, name)?;
    let (re, im) = this(vm, a)?;
    let Some(want) = eq else {
        return Ok(vm.not_implemented());
    };
    let equal = if let Some(i) = b.payload::<PyInt>() {
        im == 0.0 && crate::objects::int::cmp_int_float(i, re) == Some(std::cmp::Ordering::Equal)
    } else if let Some(f) = b.payload::<PyFloat>() {
        re == f.value && im == 0.0
    } else if let Some(c) = b.payload::<PyComplex>() {
        re == c.real && im == c.imag
    } else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.new_bool(equal == want))
}

fn c_eq(vm: &Vm, a: Args) -> PyResult {
    compare(vm, a, "__eq__", Some(true))
}
fn c_ne(vm: &Vm, a: Args) -> PyResult {
    compare(vm, a, "__ne__", Some(false))
}
fn c_lt(vm: &Vm, a: Args) -> PyResult {
    compare(vm, a, "__lt__", None)
}
fn c_le(vm: &Vm, a: Args) -> PyResult {
    compare(vm, a, "__le__", None)
}
fn c_gt(vm: &Vm, a: Args) -> PyResult {
    compare(vm, a, "__gt__", None)
}
fn c_ge(vm: &Vm, a: Args) -> PyResult {
    compare(vm, a, "__ge__", None)
}

fn c_neg(vm: &Vm, args: Args) -> PyResult {
    let (re, im) = this(vm, &args.args[0])?;
    Ok(new_complex(vm, (-re, -im)))
}

fn c_pos(vm: &Vm, args: Args) -> PyResult {
    let c = this(vm, &args.args[0])?;
    Ok(new_complex(vm, c))
}

fn c_abs(vm: &Vm, args: Args) -> PyResult {
    let (re, im) = this(vm, &args.args[0])?;
    let r = re.hypot(im);
    if r.is_infinite() && re.is_finite() && im.is_finite() {
        return Err(vm.new_overflow_error("absolute value too large"));
    }
    Ok(vm.new_float(r))
}

fn c_bool(vm: &Vm, args: Args) -> PyResult {
    let (re, im) = this(vm, &args.args[0])?;
    Ok(vm.new_bool(re != 0.0 || im != 0.0))
}

fn c_hash(vm: &Vm, args: Args) -> PyResult {
    let (re, im) = this(vm, &args.args[0])?;
    let h = (float_hash(re) as u64).wrapping_add((float_hash(im) as u64).wrapping_mul(1000003));
    let h = h as i64;
    Ok(vm.new_int(if h == -1 { -2 } else { h }))
}

fn c_repr(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_string(complex_repr(this(vm, &args.args[0])?)))
}

fn c_conjugate(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "conjugate")?;
    let (re, im) = this(vm, o)?;
    Ok(new_complex(vm, (re, -im)))
}

fn c_complex(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "__complex__")?;
    let c = this(vm, o)?;
    if o.class()
        .as_object()
        .is(vm.ctx.types.complex_type.as_object())
    {
        return Ok(o.clone());
    }
    Ok(new_complex(vm, c))
}

fn c_getnewargs(vm: &Vm, args: Args) -> PyResult {
    let (re, im) = this(vm, &args.args[0])?;
    Ok(vm.new_tuple(vec![vm.new_float(re), vm.new_float(im)]))
}

fn c_format(vm: &Vm, args: Args) -> PyResult {
    let [o, spec] = args.exact::<2>(vm, "__format__")?;
    this(vm, o)?;
    if vm.str_of(spec)?.is_empty() {
        return vm.str(o).map(Into::into);
    }
    Err(vm.new_value_error("format specifications for complex numbers are not supported by mempy"))
}

fn get_real(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_float(this(vm, o)?.0))
}

fn get_imag(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_float(this(vm, o)?.1))
}

/// `complex(string)` (`complex_from_string_inner`): `a`, `bj`, `a+bj`, `a-j`, `j`,
/// optionally in parentheses, surrounded by whitespace.
pub fn parse_complex(s: &str) -> Option<C> {
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim();
    }
    if t.is_empty() || t.chars().any(|c| c.is_whitespace()) {
        return None;
    }
    let part = |p: &str| -> Option<f64> {
        match p {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => parse_float(p),
        }
    };
    let Some(body) = t.strip_suffix(['j', 'J']) else {
        return Some((parse_float(t)?, 0.0));
    };
    let bytes = body.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&k| matches!(bytes[k], b'+' | b'-') && !matches!(bytes[k - 1], b'e' | b'E'));
    match split {
        Some(k) => Some((parse_float(&body[..k])?, part(&body[k..])?)),
        None => Some((0.0, part(body)?)),
    }
}

/// A number argument of `complex()` as a complex value, and whether it was complex.
fn number_arg(vm: &Vm, o: &PyObject, which: &str) -> PyResult<(C, bool)> {
    if let Some(c) = o.payload::<PyComplex>() {
        if !o.class().is_heap_type() {
            return Ok(((c.real, c.imag), true));
        }
    }
    if let Some(m) = vm.lookup_special(o, "__complex__") {
        let r = vm.call(&m, &[o.to_owned()])?;
        return match r.payload::<PyComplex>() {
            Some(c) => Ok(((c.real, c.imag), true)),
            None => Err(vm.new_type_error(format!(
                "__complex__ returned non-complex (type {})",
                r.class().name()
            ))),
        };
    }
    if let Some(c) = o.payload::<PyComplex>() {
        return Ok(((c.real, c.imag), true));
    }
    let numeric = o.payload::<PyInt>().is_some()
        || o.payload::<PyFloat>().is_some()
        || ["__float__", "__index__"]
            .iter()
            .any(|m| vm.lookup_special(o, m).is_some());
    if !numeric {
        return Err(vm.new_type_error(format!(
            "complex() {which} must be a string or a number, not '{}'",
            o.class().name()
        )));
    }
    Ok(((vm.to_float_value(o)?, 0.0), false))
}

fn complex_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("complex.__new__(X): X is not a type object"))?;
    let a = args.shift().bind(vm, "complex", &["real", "imag"], 0)?;
    let exact = cls.as_object().is(vm.ctx.types.complex_type.as_object());
    let value = match (&a[0], &a[1]) {
        (None, None) => (0.0, 0.0),
        (Some(r), i) if r.payload::<PyStr>().is_some() => {
            if i.is_some() {
                return Err(
                    vm.new_type_error("complex() can't take second arg if first is a string")
                );
            }
            parse_complex(r.payload::<PyStr>().unwrap().as_str())
                .ok_or_else(|| vm.new_value_error("complex() arg is a malformed string"))?
        }
        (_, Some(i)) if i.payload::<PyStr>().is_some() => {
            return Err(vm.new_type_error("complex() second arg can't be a string"));
        }
        (r, i) => {
            if let (Some(r), None) = (r, i) {
                if exact
                    && r.class()
                        .as_object()
                        .is(vm.ctx.types.complex_type.as_object())
                {
                    return Ok(r.clone());
                }
            }
            let (mut cr, cr_complex) = match r {
                Some(r) => number_arg(vm, r, "first argument")?,
                None => ((0.0, 0.0), false),
            };
            let (ci, ci_complex) = match i {
                Some(i) => {
                    if i.payload::<PyComplex>().is_none()
                        && !(i.payload::<PyInt>().is_some()
                            || i.payload::<PyFloat>().is_some()
                            || vm.lookup_special(i, "__float__").is_some()
                            || vm.lookup_special(i, "__index__").is_some())
                    {
                        return Err(vm.new_type_error(format!(
                            "complex() second argument must be a number, not '{}'",
                            i.class().name()
                        )));
                    }
                    number_arg(vm, i, "second argument")?
                }
                None => ((0.0, 0.0), false),
            };
            let mut imag = ci.0;
            if ci_complex {
                cr.0 -= ci.1;
            }
            if cr_complex && i.is_some() {
                imag += cr.1;
            } else if i.is_none() {
                imag = cr.1;
            }
            (cr.0, imag)
        }
    };
    if exact {
        Ok(new_complex(vm, value))
    } else {
        Ok(vm
            .new_instance(
                PyComplex {
                    real: value.0,
                    imag: value.1,
                },
                &cls,
            )
            .into())
    }
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.complex_type;
    vm.add_new(t, complex_new);
    vm.add_methods(
        t,
        &[
            ("__repr__", c_repr),
            ("__hash__", c_hash),
            ("__bool__", c_bool),
            ("__add__", c_add),
            ("__radd__", c_radd),
            ("__sub__", c_sub),
            ("__rsub__", c_rsub),
            ("__mul__", c_mul),
            ("__rmul__", c_rmul),
            ("__truediv__", c_truediv),
            ("__rtruediv__", c_rtruediv),
            ("__pow__", c_pow),
            ("__rpow__", c_rpow),
            ("__eq__", c_eq),
            ("__ne__", c_ne),
            ("__lt__", c_lt),
            ("__le__", c_le),
            ("__gt__", c_gt),
            ("__ge__", c_ge),
            ("__neg__", c_neg),
            ("__pos__", c_pos),
            ("__abs__", c_abs),
            ("__complex__", c_complex),
            ("__format__", c_format),
            ("__getnewargs__", c_getnewargs),
            ("conjugate", c_conjugate),
        ],
    );
    vm.add_getset(t, "real", get_real, None);
    vm.add_getset(t, "imag", get_imag, None);
}
