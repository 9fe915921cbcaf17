//! The `math` module: constants, float functions with CPython's domain and range
//! errors (`ValueError: math domain error`, `OverflowError: math range error`), the
//! exact integer functions (factorial, gcd, lcm, isqrt, comb, perm) and `fsum`
//! (Shewchuk's exact summation, as CPython's `math_fsum`).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::builtins::index_bigint;
use crate::heap::{PyObject, PyObjectRef, PyRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyBaseExceptionRef, PyFloat, PyInt, PyModule};
use crate::vm::{PyResult, Vm};

fn domain(vm: &Vm) -> PyBaseExceptionRef {
    vm.new_value_error("math domain error")
}

fn range_err(vm: &Vm) -> PyBaseExceptionRef {
    vm.new_overflow_error("math range error")
}

/// A real-number argument as f64 (`must be real number, not str` otherwise).
pub fn to_f64(vm: &Vm, o: &PyObject) -> PyResult<f64> {
    if let Some(f) = o.payload::<PyFloat>() {
        return Ok(f.value);
    }
    if let Some(i) = o.payload::<PyInt>() {
        return i
            .to_f64()
            .ok_or_else(|| vm.new_overflow_error("int too large to convert to float"));
    }
    if vm.lookup_special(o, "__float__").is_some() || vm.lookup_special(o, "__index__").is_some() {
        return vm.to_float_value(o);
    }
    Err(vm.new_type_error(format!("must be real number, not {}", o.class().name())))
}

/// Applies a one-argument float function with CPython's error rules: a NaN result from
/// a non-NaN argument is a domain error, an infinite result from a finite argument is
/// a range error (or a domain error when `inf_is_domain`).
fn math_1(vm: &Vm, args: Args, name: &str, f: fn(f64) -> f64, inf_is_domain: bool) -> PyResult {
    let p = args.range(vm, name, 1, 1)?;
    let x = to_f64(vm, &p[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if inf_is_domain {
            domain(vm)
        } else {
            range_err(vm)
        });
    }
    Ok(vm.new_float(r))
}

macro_rules! float_fns {
    ($($name:ident => $py:literal, $f:expr, $dom:expr;)*) => {
        $(fn $name(vm: &Vm, args: Args) -> PyResult {
            math_1(vm, args, $py, $f, $dom)
        })*
    };
}

float_fns! {
    m_sqrt => "sqrt", f64::sqrt, true;
    m_exp => "exp", f64::exp, false;
    m_exp2 => "exp2", f64::exp2, false;
    m_expm1 => "expm1", f64::exp_m1, false;
    m_sin => "sin", f64::sin, true;
    m_cos => "cos", f64::cos, true;
    m_tan => "tan", f64::tan, true;
    m_asin => "asin", f64::asin, true;
    m_acos => "acos", f64::acos, true;
    m_atan => "atan", f64::atan, true;
    m_sinh => "sinh", f64::sinh, false;
    m_cosh => "cosh", f64::cosh, false;
    m_tanh => "tanh", f64::tanh, true;
    m_asinh => "asinh", f64::asinh, true;
    m_acosh => "acosh", f64::acosh, true;
    m_atanh => "atanh", |x: f64| if x.abs() >= 1.0 { f64::NAN } else { x.atanh() }, true;
    m_fabs => "fabs", f64::abs, true;
    m_degrees => "degrees", f64::to_degrees, false;
    m_radians => "radians", f64::to_radians, false;
    m_cbrt => "cbrt", f64::cbrt, false;
}

/// The natural log of a positive int of any size.
fn log_bigint(vm: &Vm, i: &BigInt) -> PyResult<f64> {
    if !i.is_positive() {
        return Err(domain(vm));
    }
    match i.to_f64().filter(|f| f.is_finite()) {
        Some(f) => Ok(f.ln()),
        None => {
            let shift = i.bits() - 60;
            let top = (i >> shift as usize).to_f64().unwrap_or(1.0);
            Ok(top.ln() + shift as f64 * std::f64::consts::LN_2)
        }
    }
}

fn ln_of(vm: &Vm, o: &PyObject) -> PyResult<f64> {
    if let Some(i) = o.payload::<PyInt>() {
        return log_bigint(vm, &i.to_bigint());
    }
    let x = to_f64(vm, o)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(x.ln())
}

fn m_log(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "log", 1, 2)?;
    let num = ln_of(vm, &p[0])?;
    match p.get(1) {
        None => Ok(vm.new_float(num)),
        Some(b) => {
            let den = ln_of(vm, b)?;
            if den == 0.0 {
                return Err(vm.new_zero_division_error("float division by zero"));
            }
            Ok(vm.new_float(num / den))
        }
    }
}

fn log_base(vm: &Vm, args: Args, name: &str, f: fn(f64) -> f64, ln_base: f64) -> PyResult {
    let p = args.range(vm, name, 1, 1)?;
    if let Some(i) = p[0].payload::<PyInt>() {
        let b = i.to_bigint();
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            if x <= 0.0 {
                return Err(domain(vm));
            }
            return Ok(vm.new_float(f(x)));
        }
        return Ok(vm.new_float(log_bigint(vm, &b)? / ln_base));
    }
    let x = to_f64(vm, &p[0])?;
    if x.is_nan() {
        return Ok(vm.new_float(x));
    }
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(vm.new_float(f(x)))
}

fn m_log2(vm: &Vm, args: Args) -> PyResult {
    log_base(vm, args, "log2", f64::log2, std::f64::consts::LN_2)
}

fn m_log10(vm: &Vm, args: Args) -> PyResult {
    log_base(vm, args, "log10", f64::log10, std::f64::consts::LN_10)
}

fn m_log1p(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "log1p", 1, 1)?;
    let x = to_f64(vm, &p[0])?;
    if x <= -1.0 {
        return Err(domain(vm));
    }
    Ok(vm.new_float(x.ln_1p()))
}

fn two_floats(vm: &Vm, args: Args, name: &str) -> PyResult<(f64, f64)> {
    let p = args.range(vm, name, 2, 2)?;
    Ok((to_f64(vm, &p[0])?, to_f64(vm, &p[1])?))
}

fn m_pow(vm: &Vm, args: Args) -> PyResult {
    let (x, y) = two_floats(vm, args, "pow")?;
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(domain(vm));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_err(vm));
    }
    Ok(vm.new_float(r))
}

fn m_atan2(vm: &Vm, args: Args) -> PyResult {
    let (y, x) = two_floats(vm, args, "atan2")?;
    Ok(vm.new_float(y.atan2(x)))
}

fn m_copysign(vm: &Vm, args: Args) -> PyResult {
    let (x, y) = two_floats(vm, args, "copysign")?;
    Ok(vm.new_float(x.copysign(y)))
}

fn m_fmod(vm: &Vm, args: Args) -> PyResult {
    let (x, y) = two_floats(vm, args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(vm.new_float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    Ok(vm.new_float(r))
}

fn m_remainder(vm: &Vm, args: Args) -> PyResult {
    let (x, y) = two_floats(vm, args, "remainder")?;
    if x.is_nan() || y.is_nan() {
        return Ok(vm.new_float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain(vm));
    }
    if y.is_infinite() {
        return Ok(vm.new_float(x));
    }
    let n = (x / y).round();
    let mut r = x - n * y;
    // Ties go to the even multiple.
    let half = (x - (x / y).trunc() * y).abs();
    if (half * 2.0 - y.abs()).abs() == 0.0 && (n % 2.0) != 0.0 {
        r = x - ((x / y).trunc()) * y;
    }
    Ok(vm.new_float(r))
}

fn m_hypot(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "hypot")?;
    let xs = args
        .positional()
        .iter()
        .map(|o| to_f64(vm, o))
        .collect::<PyResult<Vec<f64>>>()?;
    Ok(vm.new_float(vector_norm(&xs)))
}

fn vector_norm(xs: &[f64]) -> f64 {
    if xs.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if xs.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    match xs.len() {
        0 => 0.0,
        1 => xs[0].abs(),
        2 => xs[0].hypot(xs[1]),
        _ => {
            let max = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if max == 0.0 {
                return 0.0;
            }
            let s: f64 = xs.iter().map(|x| (x / max) * (x / max)).sum();
            max * s.sqrt()
        }
    }
}

fn m_dist(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "dist", 2, 2)?;
    let a = vm.iterate(&p[0])?;
    let b = vm.iterate(&p[1])?;
    if a.len() != b.len() {
        return Err(vm.new_value_error("both points must have the same number of dimensions"));
    }
    let mut d = Vec::with_capacity(a.len());
    for (x, y) in a.iter().zip(b.iter()) {
        d.push(to_f64(vm, x)? - to_f64(vm, y)?);
    }
    Ok(vm.new_float(vector_norm(&d)))
}

fn round_to_int(vm: &Vm, args: Args, name: &str, dunder: &str, f: fn(f64) -> f64) -> PyResult {
    let p = args.range(vm, name, 1, 1)?;
    let o = &p[0];
    if o.payload::<PyFloat>().is_some() && !o.class().is_heap_type() {
        return crate::objects::float::float_to_int(vm, f(o.payload::<PyFloat>().unwrap().value));
    }
    if let Some(i) = o.payload::<PyInt>().filter(|_| !o.class().is_heap_type()) {
        return Ok(vm.new_bigint(i.to_bigint()));
    }
    if let Some(r) = vm.call_special(o, dunder, &[])? {
        return Ok(r);
    }
    if dunder == "__trunc__" {
        return Err(vm.new_type_error(format!(
            "type {} doesn't define __trunc__ method",
            o.class().name()
        )));
    }
    crate::objects::float::float_to_int(vm, f(to_f64(vm, o)?))
}

fn m_floor(vm: &Vm, args: Args) -> PyResult {
    round_to_int(vm, args, "floor", "__floor__", f64::floor)
}

fn m_ceil(vm: &Vm, args: Args) -> PyResult {
    round_to_int(vm, args, "ceil", "__ceil__", f64::ceil)
}

fn m_trunc(vm: &Vm, args: Args) -> PyResult {
    round_to_int(vm, args, "trunc", "__trunc__", f64::trunc)
}

fn pred(vm: &Vm, args: Args, name: &str, f: fn(f64) -> bool) -> PyResult {
    let p = args.range(vm, name, 1, 1)?;
    Ok(vm.new_bool(f(to_f64(vm, &p[0])?)))
}

fn m_isnan(vm: &Vm, a: Args) -> PyResult {
    pred(vm, a, "isnan", f64::is_nan)
}
fn m_isinf(vm: &Vm, a: Args) -> PyResult {
    pred(vm, a, "isinf", f64::is_infinite)
}
fn m_isfinite(vm: &Vm, a: Args) -> PyResult {
    pred(vm, a, "isfinite", f64::is_finite)
}

fn m_isclose(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "isclose", &["a", "b", "rel_tol", "abs_tol"], 2)?;
    let x = to_f64(vm, a[0].as_ref().unwrap())?;
    let y = to_f64(vm, a[1].as_ref().unwrap())?;
    let rel = match &a[2] {
        Some(r) => to_f64(vm, r)?,
        None => 1e-9,
    };
    let abs = match &a[3] {
        Some(r) => to_f64(vm, r)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.new_value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(vm.new_bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(vm.new_bool(false));
    }
    let diff = (y - x).abs();
    Ok(vm.new_bool((diff <= (rel * y).abs()) || (diff <= (rel * x).abs()) || diff <= abs))
}

fn m_modf(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "modf", 1, 1)?;
    let x = to_f64(vm, &p[0])?;
    if x.is_infinite() {
        return Ok(vm.new_tuple(vec![vm.new_float(0.0f64.copysign(x)), vm.new_float(x)]));
    }
    let i = x.trunc();
    Ok(vm.new_tuple(vec![vm.new_float((x - i).copysign(x)), vm.new_float(i)]))
}

/// `(m, e)` with `x == m * 2**e` and `0.5 <= abs(m) < 1`.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    (
        f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52)),
        exp - 1022,
    )
}

fn m_frexp(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "frexp", 1, 1)?;
    let (m, e) = frexp(to_f64(vm, &p[0])?);
    Ok(vm.new_tuple(vec![vm.new_float(m), vm.new_int(e as i64)]))
}

fn m_ldexp(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "ldexp", 2, 2)?;
    let x = to_f64(vm, &p[0])?;
    if p[1].payload::<PyInt>().is_none() {
        return Err(vm.new_type_error("Expected an int as second argument to ldexp."));
    }
    let e = index_bigint(vm, &p[1])?;
    if x == 0.0 || !x.is_finite() {
        return Ok(vm.new_float(x));
    }
    let e = e
        .to_i64()
        .unwrap_or(if e.is_negative() { i64::MIN } else { i64::MAX })
        .clamp(-10000, 10000) as i32;
    // Scale in steps so subnormal results round once.
    let mut r = x;
    let mut k = e;
    while k > 1000 {
        r *= 2f64.powi(1000);
        k -= 1000;
    }
    while k < -1000 {
        r *= 2f64.powi(-1000);
        k += 1000;
    }
    let r = if k < -1022 {
        r * 2f64.powi(k + 1022) * 2f64.powi(-1022)
    } else {
        r * 2f64.powi(k)
    };
    if r.is_infinite() {
        return Err(range_err(vm));
    }
    Ok(vm.new_float(r))
}

fn int_arg(vm: &Vm, o: &PyObject) -> PyResult<BigInt> {
    index_bigint(vm, o)
}

fn m_factorial(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "factorial", 1, 1)?;
    let n = int_arg(vm, &p[0])?;
    if n.is_negative() {
        return Err(vm.new_value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= 100_000) else {
        return Err(
            vm.new_overflow_error("factorial() argument should not exceed 9223372036854775807")
        );
    };
    let mut r = BigInt::one();
    for k in 2..=n {
        r *= k;
    }
    Ok(vm.new_bigint(r))
}

fn m_gcd(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "gcd")?;
    let mut g = BigInt::zero();
    for o in args.positional() {
        g = g.gcd(&int_arg(vm, o)?);
    }
    Ok(vm.new_bigint(g))
}

fn m_lcm(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "lcm")?;
    let mut l = BigInt::one();
    for o in args.positional() {
        let v = int_arg(vm, o)?;
        if v.is_zero() || l.is_zero() {
            l = BigInt::zero();
            continue;
        }
        l = l.lcm(&v);
    }
    Ok(vm.new_bigint(l.abs()))
}

fn m_isqrt(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "isqrt", 1, 1)?;
    let n = int_arg(vm, &p[0])?;
    if n.is_negative() {
        return Err(vm.new_value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

fn comb_perm(vm: &Vm, args: Args, name: &str) -> PyResult {
    let p = args.range(vm, name, if name == "perm" { 1 } else { 2 }, 2)?;
    let n = int_arg(vm, &p[0])?;
    let k = match p.get(1) {
        Some(k) if !vm.is_none(k) => int_arg(vm, k)?,
        _ => n.clone(),
    };
    if n.is_negative() {
        return Err(vm.new_value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.new_value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(vm.new_int(0));
    }
    let k = if name == "comb" {
        std::cmp::min(k.clone(), &n - &k)
    } else {
        k
    };
    let Some(kk) = k.to_u64().filter(|&k| k <= 1_000_000) else {
        return Err(vm.new_overflow_error(format!("min(n - k, k) must not exceed {}", i64::MAX)));
    };
    let mut r = BigInt::one();
    for i in 0..kk {
        r *= &n - BigInt::from(i);
        if name == "comb" {
            r /= BigInt::from(i + 1);
        }
    }
    Ok(vm.new_bigint(r))
}

fn m_comb(vm: &Vm, args: Args) -> PyResult {
    comb_perm(vm, args, "comb")
}

fn m_perm(vm: &Vm, args: Args) -> PyResult {
    comb_perm(vm, args, "perm")
}

fn m_prod(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "prod", &["iterable", "start"], 1)?;
    let mut acc: PyObjectRef = a[1].clone().unwrap_or_else(|| vm.new_int(1));
    let it = vm.get_iter(a[0].as_ref().unwrap())?;
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary_op(&acc, &x, mempy_bytecode::BinaryOperator::Multiply)?;
    }
    Ok(acc)
}

/// Exact float summation: CPython's `math_fsum` (Shewchuk's partials).
fn m_fsum(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "fsum", 1, 1)?;
    let it = vm.get_iter(&p[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    while let Some(o) = vm.next(&it)? {
        let mut x = to_f64(vm, &o)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(vm.new_overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.new_value_error("-inf + inf in fsum"));
        }
        return Ok(vm.new_float(special_sum));
    }
    let mut hi = 0.0f64;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(vm.new_float(hi))
}

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("math");
    vm.add_functions(
        &m,
        &[
            ("sqrt", m_sqrt),
            ("exp", m_exp),
            ("exp2", m_exp2),
            ("expm1", m_expm1),
            ("sin", m_sin),
            ("cos", m_cos),
            ("tan", m_tan),
            ("asin", m_asin),
            ("acos", m_acos),
            ("atan", m_atan),
            ("sinh", m_sinh),
            ("cosh", m_cosh),
            ("tanh", m_tanh),
            ("asinh", m_asinh),
            ("acosh", m_acosh),
            ("atanh", m_atanh),
            ("fabs", m_fabs),
            ("degrees", m_degrees),
            ("radians", m_radians),
            ("cbrt", m_cbrt),
            ("log", m_log),
            ("log2", m_log2),
            ("log10", m_log10),
            ("log1p", m_log1p),
            ("pow", m_pow),
            ("atan2", m_atan2),
            ("copysign", m_copysign),
            ("fmod", m_fmod),
            ("remainder", m_remainder),
            ("hypot", m_hypot),
            ("dist", m_dist),
            ("floor", m_floor),
            ("ceil", m_ceil),
            ("trunc", m_trunc),
            ("isnan", m_isnan),
            ("isinf", m_isinf),
            ("isfinite", m_isfinite),
            ("isclose", m_isclose),
            ("modf", m_modf),
            ("frexp", m_frexp),
            ("ldexp", m_ldexp),
            ("factorial", m_factorial),
            ("gcd", m_gcd),
            ("lcm", m_lcm),
            ("isqrt", m_isqrt),
            ("comb", m_comb),
            ("perm", m_perm),
            ("prod", m_prod),
            ("fsum", m_fsum),
        ],
    );
    vm.add_functions(&m, super::math_special::FUNCTIONS);
    vm.module_set(&m, "pi", vm.new_float(std::f64::consts::PI));
    vm.module_set(&m, "e", vm.new_float(std::f64::consts::E));
    vm.module_set(&m, "tau", vm.new_float(std::f64::consts::TAU));
    vm.module_set(&m, "inf", vm.new_float(f64::INFINITY));
    vm.module_set(&m, "nan", vm.new_float(f64::NAN));
    m
}
