//! The special functions of `math`: `gamma`, `lgamma`, `erf` and `erfc`.
//!
//! CPython 3.11 computes `gamma` and `lgamma` itself with a Lanczos approximation
//! (g = 6.024680040776729583740234375, 13 terms, exact factorials for the integers
//! 1..=23) and takes `erf`/`erfc` from the C library: glibc's are Sun's fdlibm rational
//! approximations with the polynomials evaluated in pairs. Both are reproduced here step for step so the
//! results agree with CPython to the last bit; `exp`, `log`, `pow`, `sin` and `cos` come
//! from the same C library through Rust's `f64` methods.

use crate::args::Args;
use crate::vm::{PyResult, Vm};

use super::math::to_f64;

const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;

/// Why a special function failed: CPython's `errno` values.
enum MathError {
    /// `ValueError: math domain error`.
    Domain,
    /// `OverflowError: math range error`.
    Range,
}

/// The Lanczos rational sum, evaluated in `x` below 5 and in `1/x` above (to avoid
/// overflow), as CPython does.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// `sin(pi * x)` with the argument reduced first, so integers give exact zeros.
fn sin_pi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i32 {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1f64.copysign(x) * r
}

fn gamma(x: f64) -> Result<f64, MathError> {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 {
            Ok(x)
        } else {
            Err(MathError::Domain)
        };
    }
    if x == 0.0 {
        return Err(MathError::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(MathError::Domain);
        }
        if x <= 23.0 {
            // (n-1)! is exact in a double up to 22!.
            return Ok((1..x as u64).map(|k| k as f64).product());
        }
    }
    let ax = x.abs();
    if ax < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() {
            Err(MathError::Range)
        } else {
            Ok(r)
        };
    }
    if ax > 200.0 {
        return if x < 0.0 {
            Ok(0.0 / sin_pi(x))
        } else {
            Err(MathError::Range)
        };
    }
    let y = ax + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, recovered exactly.
    let z = if ax > LANCZOS_G_MINUS_HALF {
        let q = y - ax;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - ax
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / sin_pi(ax) / ax * y.exp() / lanczos_sum(ax);
        r -= z * r;
        if ax < 140.0 {
            r /= y.powf(ax - 0.5);
        } else {
            let half = y.powf(ax / 2.0 - 0.25);
            r /= half;
            r /= half;
        }
    } else {
        r = lanczos_sum(ax) / y.exp();
        r += z * r;
        if ax < 140.0 {
            r *= y.powf(ax - 0.5);
        } else {
            let half = y.powf(ax / 2.0 - 0.25);
            r *= half;
            r *= half;
        }
    }
    if r.is_infinite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

fn lgamma(x: f64) -> Result<f64, MathError> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 {
            Err(MathError::Domain)
        } else {
            Ok(0.0)
        };
    }
    let ax = x.abs();
    if ax < 1e-20 {
        return Ok(-ax.ln());
    }
    let mut r = lanczos_sum(ax).ln() - LANCZOS_G;
    r += (ax - 0.5) * ((ax + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        // The reflection formula.
        r = LOG_PI - sin_pi(ax).abs().ln() - ax.ln() - r;
    }
    if r.is_infinite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

// fdlibm's coefficients for erf and erfc.
const ERX: f64 = 8.45062911510467529297e-01;
const EFX: f64 = 1.28379167095512586316e-01;
const PP: [f64; 5] = [
    1.28379167095512558561e-01,
    -3.25042107247001499370e-01,
    -2.84817495755985104766e-02,
    -5.77027029648944159157e-03,
    -2.37630166566501626084e-05,
];
const QQ: [f64; 5] = [
    3.97917223959155352819e-01,
    6.50222499887672944485e-02,
    5.08130628187576562776e-03,
    1.32494738004321644526e-04,
    -3.96022827877536812320e-06,
];
const PA: [f64; 7] = [
    -2.36211856075265944077e-03,
    4.14856118683748331666e-01,
    -3.72207876035701323847e-01,
    3.18346619901161753674e-01,
    -1.10894694282396677476e-01,
    3.54783043256182359371e-02,
    -2.16637559486879084300e-03,
];
const QA: [f64; 6] = [
    1.06420880400844228286e-01,
    5.40397917702171048937e-01,
    7.18286544141962662868e-02,
    1.26171219808761642112e-01,
    1.36370839120290507362e-02,
    1.19844998467991074170e-02,
];
const RA: [f64; 8] = [
    -9.86494403484714822705e-03,
    -6.93858572707181764372e-01,
    -1.05586262253232909814e+01,
    -6.23753324503260060396e+01,
    -1.62396669462573470355e+02,
    -1.84605092906711035994e+02,
    -8.12874355063065934246e+01,
    -9.81432934416914548592e+00,
];
const SA: [f64; 8] = [
    1.96512716674392571292e+01,
    1.37657754143519042600e+02,
    4.34565877475229228821e+02,
    6.45387271733267880336e+02,
    4.29008140027567833386e+02,
    1.08635005541779435134e+02,
    6.57024977031928170135e+00,
    -6.04244152148580987438e-02,
];
const RB: [f64; 7] = [
    -9.86494292470009928597e-03,
    -7.99283237680523006574e-01,
    -1.77579549177547519889e+01,
    -1.60636384855821916062e+02,
    -6.37566443368389627722e+02,
    -1.02509513161107724954e+03,
    -4.83519191608651397019e+02,
];
const SB: [f64; 7] = [
    3.03380607434824582924e+01,
    3.25792512996573918826e+02,
    1.53672958608443695994e+03,
    3.19985821950859553908e+03,
    2.55305040643316442583e+03,
    4.74528541206955367215e+02,
    -2.24409524465858183362e+01,
];

/// `c[0] + c[1]*s + c[2]*s^2 + ...` evaluated as glibc does: coefficients in pairs
/// `c[2k] + s*c[2k+1]`, summed left to right with the even powers `s^2`, `s^4`, ...
/// (the rounding, and so the last bit, depends on this order).
fn pairwise(c: &[f64], s: f64) -> f64 {
    let s2 = s * s;
    let s4 = s2 * s2;
    let powers = [1.0, s2, s4, s4 * s2, s4 * s4];
    let mut sum = 0.0;
    for (k, pair) in c.chunks(2).enumerate() {
        let t = match pair {
            [a, b] => a + s * b,
            [a] => *a,
            _ => 0.0,
        };
        sum = if k == 0 { t } else { sum + powers[k] * t };
    }
    sum
}

/// `pairwise` of `[1, c...]`: the denominators, whose constant term is 1.
fn pairwise1(c: &[f64], s: f64) -> f64 {
    let mut all = [0.0; 9];
    all[0] = 1.0;
    all[1..=c.len()].copy_from_slice(c);
    pairwise(&all[..=c.len()], s)
}

/// The high word of a double (sign, exponent and top of the mantissa), as fdlibm
/// classifies its argument.
fn high_word(x: f64) -> i32 {
    (x.to_bits() >> 32) as u32 as i32
}

/// `exp(-x*x - 0.5625) * exp(R/S)` for `erfc(|x|)` with `x >= 1.25`, splitting `x*x` so
/// no precision is lost (fdlibm zeroes the low word of `x`). `split` is where the
/// second approximation starts (near 1/0.35; erf and erfc differ by one unit).
fn erfc_tail(ax: f64, ix: i32, split: i32) -> f64 {
    let s = 1.0 / (ax * ax);
    let (r, q) = if ix < split {
        (pairwise(&RA, s), pairwise1(&SA, s))
    } else {
        (pairwise(&RB, s), pairwise1(&SB, s))
    };
    let z = f64::from_bits(ax.to_bits() & 0xffff_ffff_0000_0000);
    (-z * z - 0.5625).exp() * ((z - ax) * (z + ax) + r / q).exp() / ax
}

fn erf(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix >= 0x7ff0_0000 {
        // NaN stays NaN, erf(+-inf) = +-1.
        return if x.is_nan() { x } else { 1f64.copysign(x) };
    }
    if ix < 0x3feb_0000 {
        // |x| < 0.84375
        if ix < 0x3e30_0000 {
            if ix < 0x0080_0000 {
                return 0.0625 * (16.0 * x + (16.0 * EFX) * x);
            }
            return x + EFX * x;
        }
        let z = x * x;
        let y = pairwise(&PP, z) / pairwise1(&QQ, z);
        return x + x * y;
    }
    if ix < 0x3ff4_0000 {
        // 0.84375 <= |x| < 1.25
        let s = x.abs() - 1.0;
        let pq = pairwise(&PA, s) / pairwise1(&QA, s);
        return if hx >= 0 { ERX + pq } else { -ERX - pq };
    }
    if ix >= 0x4018_0000 {
        // |x| >= 6
        let tiny = 1e-300;
        return if hx >= 0 { 1.0 - tiny } else { tiny - 1.0 };
    }
    let r = erfc_tail(x.abs(), ix, 0x4006_DB6E);
    if hx >= 0 {
        1.0 - r
    } else {
        r - 1.0
    }
}

fn erfc(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix >= 0x7ff0_0000 {
        // erfc(nan) = nan, erfc(+inf) = 0, erfc(-inf) = 2.
        return if x.is_nan() {
            x
        } else if x > 0.0 {
            0.0
        } else {
            2.0
        };
    }
    if ix < 0x3feb_0000 {
        // |x| < 0.84375
        if ix < 0x3c70_0000 {
            return 1.0 - x;
        }
        let z = x * x;
        let y = pairwise(&PP, z) / pairwise1(&QQ, z);
        if hx < 0x3fd0_0000 {
            return 1.0 - (x + x * y);
        }
        let r = x * y + (x - 0.5);
        return 0.5 - r;
    }
    if ix < 0x3ff4_0000 {
        // 0.84375 <= |x| < 1.25
        let s = x.abs() - 1.0;
        let pq = pairwise(&PA, s) / pairwise1(&QA, s);
        return if hx >= 0 {
            (1.0 - ERX) - pq
        } else {
            1.0 + (ERX + pq)
        };
    }
    if ix < 0x403c_0000 {
        // |x| < 28
        if hx < 0 && ix >= 0x4018_0000 {
            return 2.0 - 1e-300;
        }
        let r = erfc_tail(x.abs(), ix, 0x4006_DB6D);
        return if hx > 0 { r } else { 2.0 - r };
    }
    if hx > 0 {
        0.0
    } else {
        2.0 - 1e-300
    }
}

fn result(vm: &Vm, r: Result<f64, MathError>) -> PyResult {
    match r {
        Ok(v) => Ok(vm.new_float(v)),
        Err(MathError::Domain) => Err(vm.new_value_error("math domain error")),
        Err(MathError::Range) => Err(vm.new_overflow_error("math range error")),
    }
}

fn m_gamma(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "gamma", 1, 1)?;
    result(vm, gamma(to_f64(vm, &p[0])?))
}

fn m_lgamma(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "lgamma", 1, 1)?;
    result(vm, lgamma(to_f64(vm, &p[0])?))
}

fn m_erf(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "erf", 1, 1)?;
    Ok(vm.new_float(erf(to_f64(vm, &p[0])?)))
}

fn m_erfc(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "erfc", 1, 1)?;
    Ok(vm.new_float(erfc(to_f64(vm, &p[0])?)))
}

/// The functions this file adds to `math`.
pub(crate) const FUNCTIONS: &[(&str, crate::args::NativeFn)] = &[
    ("gamma", m_gamma),
    ("lgamma", m_lgamma),
    ("erf", m_erf),
    ("erfc", m_erfc),
];
