//! `float`: IEEE doubles with CPython's shortest repr, numeric hash and division rules.

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::args::Args;
use crate::heap::{PyObject, PyPayload};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyInt, PyStr, PyType};
use crate::vm::{PyResult, Vm};

pub struct PyFloat {
    pub value: f64,
}

impl PyPayload for PyFloat {
    const GC: bool = false;
}

/// CPython's `repr(float)`: shortest round-tripping digits, scientific notation when
/// the decimal exponent is < -4 or >= 16.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let s = shortest_digits(f);
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let e = exp as usize;
            if digits.len() <= e + 1 {
                out.push_str(&digits);
                out.extend(std::iter::repeat('0').take(e + 1 - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..e + 1]);
                out.push('.');
                out.push_str(&digits[e + 1..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat('0').take((-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

/// The shortest round-tripping digits of `f` in `{:e}` form. When two strings of that
/// length round-trip, CPython (Gay's dtoa, mode 0) takes the one nearest the exact
/// value, rounding half to even; Rust's shortest formatting may take the other, so
/// the correctly rounded string of the same length is preferred when it round-trips.
fn shortest_digits(f: f64) -> String {
    let s = format!("{:e}", f);
    let digits = s
        .split_once('e')
        .map_or(0, |(m, _)| m.chars().filter(|c| c.is_ascii_digit()).count());
    if digits >= 2 {
        let exact = format!("{:.*e}", digits - 1, f);
        if exact != s && exact.parse::<f64>() == Ok(f) {
            return exact;
        }
    }
    s
}

/// CPython's numeric hash of a float.
pub fn float_hash(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return crate::objects::int::hash_i64(f as i64);
    }
    // General algorithm: reduce the mantissa modulo 2**61 - 1.
    let (m, e) = frexp(f.abs());
    let mut m = m;
    let mut e = e;
    let modulus: u64 = (1 << 61) - 1;
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & modulus) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= modulus {
            x -= modulus;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & modulus) | (x >> (61 - e));
    let mut h = x as i64;
    if f < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (0.0, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// Parses `float(s)` text.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0, &lower[1..]),
        Some(b'+') => (1.0, &lower[1..]),
        _ => (1.0, &lower[..]),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'))
    {
        return None;
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    clean.parse::<f64>().ok().map(|v| sign * v)
}

pub fn floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let div = (a - m) / b;
    let mut div = div;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div == 0.0 {
        return 0.0f64.copysign(a / b);
    }
    let fl = div.floor();
    if div - fl > 0.5 {
        fl + 1.0
    } else {
        fl
    }
}

pub fn modulo(a: f64, b: f64) -> f64 {
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    m
}

/// The float value of a float or int object (None for other types).
pub fn to_f64_lossy(o: &PyObject) -> Option<Option<f64>> {
    if let Some(f) = o.payload::<PyFloat>() {
        return Some(Some(f.value));
    }
    o.payload::<PyInt>().map(|i| i.to_f64())
}

fn this(vm: &Vm, o: &PyObject) -> PyResult<f64> {
    o.payload::<PyFloat>().map(|f| f.value).ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'float' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn float_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("float.__new__(X): X is not a type object"))?;
    let p = args.shift();
    p.no_kwargs(vm, "float")?;
    let p = p.positional();
    if p.len() > 1 {
        return Err(vm.new_type_error(format!(
            "float expected at most 1 argument, got {}",
            p.len()
        )));
    }
    let v = match p.first() {
        None => 0.0,
        Some(x) => vm.to_float_value(x)?,
    };
    if cls.as_object().is(vm.ctx.types.float_type.as_object()) {
        Ok(vm.new_float(v))
    } else {
        Ok(vm.new_instance(PyFloat { value: v }, &cls).into())
    }
}

fn float_repr_m(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_string(float_repr(this(vm, &args.args[0])?)))
}

fn float_hash_m(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(float_hash(this(vm, &args.args[0])?)))
}

fn float_bool(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_bool(this(vm, &args.args[0])? != 0.0))
}

pub fn float_to_int(vm: &Vm, f: f64) -> PyResult {
    if f.is_nan() {
        return Err(vm.new_value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.new_overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(vm.new_int(t as i64));
    }
    Ok(vm.new_bigint(num_traits::FromPrimitive::from_f64(t).unwrap_or_else(BigInt::zero)))
}

fn float_int(vm: &Vm, args: Args) -> PyResult {
    float_to_int(vm, this(vm, &args.args[0])?)
}

fn float_floor(vm: &Vm, args: Args) -> PyResult {
    float_to_int(vm, this(vm, &args.args[0])?.floor())
}

fn float_ceil(vm: &Vm, args: Args) -> PyResult {
    float_to_int(vm, this(vm, &args.args[0])?.ceil())
}

fn float_float(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_float(this(vm, &args.args[0])?))
}

/// Round half to even, as Python's `round(x)`.
pub fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

fn float_round(vm: &Vm, args: Args) -> PyResult {
    let x = this(vm, &args.args[0])?;
    match args.args.get(1).filter(|n| !vm.is_none(n)) {
        None => float_to_int(vm, round_half_even(x)),
        Some(nd) => {
            let nd = vm.to_index_i64(nd)?;
            if !x.is_finite() || x == 0.0 {
                return Ok(vm.new_float(x));
            }
            if nd > 320 {
                return Ok(vm.new_float(x));
            }
            if nd < -320 {
                return Ok(vm.new_float(0.0f64.copysign(x)));
            }
            // Correctly rounded through decimal formatting, as CPython's dtoa path.
            let s = if nd >= 0 {
                format!("{:.*}", nd as usize, x)
            } else {
                let p = 10f64.powi((-nd) as i32);
                let y = round_half_even(x / p) * p;
                return Ok(vm.new_float(y));
            };
            Ok(vm.new_float(s.parse().unwrap_or(x)))
        }
    }
}

fn float_is_integer(vm: &Vm, args: Args) -> PyResult {
    let x = this(vm, &args.args[0])?;
    Ok(vm.new_bool(x.is_finite() && x.fract() == 0.0))
}

fn float_as_integer_ratio(vm: &Vm, args: Args) -> PyResult {
    let x = this(vm, &args.args[0])?;
    if x.is_infinite() {
        return Err(vm.new_overflow_error("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(vm.new_value_error("cannot convert NaN to integer ratio"));
    }
    let (m, e) = frexp(x);
    let mut m = m;
    let mut e = e;
    while m != m.floor() {
        m *= 2.0;
        e -= 1;
    }
    let mut num = BigInt::from(m as i64);
    let mut den = BigInt::from(1);
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let g = num_integer::Integer::gcd(&num, &den);
    num /= &g;
    den /= &g;
    Ok(vm.new_tuple(vec![vm.new_bigint(num), vm.new_bigint(den)]))
}

fn float_format(vm: &Vm, args: Args) -> PyResult {
    let [o, spec] = args.exact::<2>(vm, "__format__")?;
    let spec = spec
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("format spec must be str"))?;
    crate::format::format_float(vm, this(vm, o)?, spec.as_str()).map(|s| vm.new_string(s))
}

fn float_get_real(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_float(this(vm, o)?))
}

fn float_get_imag(vm: &Vm, _o: &PyObject) -> PyResult {
    Ok(vm.new_float(0.0))
}

fn float_conjugate(vm: &Vm, args: Args) -> PyResult {
    float_float(vm, args)
}

fn float_hex(vm: &Vm, args: Args) -> PyResult {
    let x = this(vm, &args.args[0])?;
    Ok(vm.new_string(format!("{x:?}")))
}

fn float_sizeof(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_int(24))
}

fn float_getnewargs(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_tuple(vec![vm.new_float(this(vm, &args.args[0])?)]))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.float_type;
    vm.add_new(t, float_new);
    vm.add_methods(
        t,
        &[
            ("__repr__", float_repr_m),
            ("__hash__", float_hash_m),
            ("__bool__", float_bool),
            ("__int__", float_int),
            ("__trunc__", float_int),
            ("__floor__", float_floor),
            ("__ceil__", float_ceil),
            ("__float__", float_float),
            ("__round__", float_round),
            ("__format__", float_format),
            ("__sizeof__", float_sizeof),
            ("__getnewargs__", float_getnewargs),
            ("is_integer", float_is_integer),
            ("as_integer_ratio", float_as_integer_ratio),
            ("conjugate", float_conjugate),
            ("hex", float_hex),
        ],
    );
    vm.add_getset(t, "real", float_get_real, None);
    vm.add_getset(t, "imag", float_get_imag, None);
    crate::eval::ops::add_number_dunders(vm, t);
    let _ = ToPrimitive::to_i64(&1i32);
}
