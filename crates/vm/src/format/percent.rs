//! `%` formatting of str (`PyUnicode_Format`): `%(key)s` mapping form, flags
//! `-+ #0`, `*` width and precision, conversions `s r a d i u o x X e E f F g G c %`,
//! with CPython's TypeError/ValueError messages.

use num_bigint::{BigInt, Sign};

use crate::heap::{PyObject, PyObjectRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyFloat, PyInt, PyStr, PyTuple};
use crate::vm::{PyResult, Vm};

#[derive(Default)]
struct Flags {
    left: bool,
    sign: bool,
    space: bool,
    alt: bool,
    zero: bool,
}

/// `fmt % values`.
pub fn percent_format(vm: &Vm, fmt: &str, values: &PyObject) -> PyResult<String> {
    let tuple: Option<Vec<PyObjectRef>> =
        values.payload::<PyTuple>().map(|t| t.as_slice().to_vec());
    let is_mapping = tuple.is_none()
        && values.payload::<PyStr>().is_none()
        && values.class().lookup(&vm.intern("__getitem__")).is_some();
    let items: Vec<PyObjectRef> = tuple.clone().unwrap_or_else(|| vec![values.to_owned()]);
    let mut idx = 0usize;
    let mut used_key = false;
    let mut next_arg = |vm: &Vm| -> PyResult<PyObjectRef> {
        let v = items
            .get(idx)
            .cloned()
            .ok_or_else(|| vm.new_type_error("not enough arguments for format string"))?;
        idx += 1;
        Ok(v)
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut keyed: Option<PyObjectRef> = None;
        if chars.get(i) == Some(&'(') {
            if !is_mapping {
                return Err(vm.new_type_error("format requires a mapping"));
            }
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                if chars[j] == '(' {
                    depth += 1;
                } else if chars[j] == ')' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth > 0 {
                return Err(vm.new_value_error("incomplete format key"));
            }
            let key: String = chars[i + 1..j - 1].iter().collect();
            keyed = Some(vm.getitem(values, &vm.new_string(key))?);
            used_key = true;
            i = j;
        }
        let mut fl = Flags::default();
        while let Some(&c) = chars.get(i) {
            match c {
                '-' => fl.left = true,
                '+' => fl.sign = true,
                ' ' => fl.space = true,
                '#' => fl.alt = true,
                '0' => fl.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        if chars.get(i) == Some(&'*') {
            let w = next_arg(vm)?;
            let w = w
                .payload::<PyInt>()
                .and_then(|w| w.as_small())
                .ok_or_else(|| vm.new_type_error("* wants int"))?;
            if w < 0 {
                fl.left = true;
            }
            width = Some(w.unsigned_abs() as usize);
            crate::objects::list::check_size(vm, w.unsigned_abs() as usize, 1)?;
            i += 1;
        } else {
            let st = i;
            while chars.get(i).map_or(false, |c| c.is_ascii_digit()) {
                i += 1;
            }
            if i > st {
                let t: String = chars[st..i].iter().collect();
                width = Some(
                    t.parse::<usize>()
                        .ok()
                        .filter(|&w| w < (1 << 40))
                        .ok_or_else(|| vm.new_value_error("width too big"))?,
                );
            }
        }
        let mut prec: Option<usize> = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            if chars.get(i) == Some(&'*') {
                let p = next_arg(vm)?;
                let p = p
                    .payload::<PyInt>()
                    .and_then(|p| p.as_small())
                    .ok_or_else(|| vm.new_type_error("* wants int"))?;
                prec = Some(p.max(0) as usize);
                i += 1;
            } else {
                let st = i;
                while chars.get(i).map_or(false, |c| c.is_ascii_digit()) {
                    i += 1;
                }
                let t: String = chars[st..i].iter().collect();
                prec = Some(if t.is_empty() {
                    0
                } else {
                    t.parse::<usize>()
                        .ok()
                        .filter(|&p| p < (1 << 30))
                        .ok_or_else(|| vm.new_value_error("precision too big"))?
                });
            }
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.new_value_error("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match keyed {
            Some(v) => v,
            None => next_arg(vm)?,
        };
        let piece = convert(vm, conv, &v, &fl, prec, i - 1)?;
        let (sign_pfx, body, numeric) = piece;
        out.push_str(&pad(&sign_pfx, &body, width, &fl, numeric));
    }
    let all_used = if tuple.is_some() {
        idx >= items.len()
    } else {
        idx >= 1 || is_mapping
    };
    if !all_used && !used_key {
        return Err(vm.new_type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

fn pad(sign_pfx: &str, body: &str, width: Option<usize>, fl: &Flags, numeric: bool) -> String {
    let w = width.unwrap_or(0);
    let len = sign_pfx.chars().count() + body.chars().count();
    if len >= w {
        return format!("{sign_pfx}{body}");
    }
    let n = w - len;
    if fl.left {
        format!("{sign_pfx}{body}{}", " ".repeat(n))
    } else if fl.zero && numeric {
        format!("{sign_pfx}{}{body}", "0".repeat(n))
    } else {
        format!("{}{sign_pfx}{body}", " ".repeat(n))
    }
}

fn sign_of(neg: bool, fl: &Flags) -> &'static str {
    if neg {
        "-"
    } else if fl.sign {
        "+"
    } else if fl.space {
        " "
    } else {
        ""
    }
}

/// The integer value for `%d`-style conversions.
fn int_value(vm: &Vm, conv: char, v: &PyObject) -> PyResult<BigInt> {
    if let Some(i) = v.payload::<PyInt>() {
        return Ok(i.to_bigint());
    }
    let numeric_types = matches!(conv, 'd' | 'i' | 'u');
    if numeric_types {
        if let Some(f) = v.payload::<PyFloat>() {
            let r = crate::objects::float::float_to_int(vm, f.value)?;
            return Ok(r
                .payload::<PyInt>()
                .map(|i| i.to_bigint())
                .unwrap_or_default());
        }
        if vm.lookup_special(v, "__int__").is_some() || vm.lookup_special(v, "__index__").is_some()
        {
            return vm.to_int_value(v);
        }
        return Err(vm.new_type_error(format!(
            "%{conv} format: a real number is required, not {}",
            v.class().name()
        )));
    }
    if vm.lookup_special(v, "__index__").is_some() {
        return crate::builtins::index_bigint(vm, v);
    }
    Err(vm.new_type_error(format!(
        "%{conv} format: an integer is required, not {}",
        v.class().name()
    )))
}

/// One conversion: `(sign and prefix, body, numeric?)`.
fn convert(
    vm: &Vm,
    conv: char,
    v: &PyObject,
    fl: &Flags,
    prec: Option<usize>,
    at: usize,
) -> PyResult<(String, String, bool)> {
    let trunc = |s: String| match prec {
        Some(p) => s.chars().take(p).collect(),
        None => s,
    };
    Ok(match conv {
        's' => (String::new(), trunc(vm.str_of(v)?), false),
        'r' => (
            String::new(),
            trunc(vm.repr(v)?.as_str().to_string()),
            false,
        ),
        'a' => (
            String::new(),
            trunc(crate::builtins::ascii_escape(vm.repr(v)?.as_str())),
            false,
        ),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let n = int_value(vm, conv, v)?;
            let neg = n.sign() == Sign::Minus;
            let mag = n.magnitude();
            let (mut digits, pfx) = match conv {
                'o' => (mag.to_str_radix(8), "0o"),
                'x' => (mag.to_str_radix(16), "0x"),
                'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
                _ => (mag.to_str_radix(10), ""),
            };
            if let Some(p) = prec {
                if digits.len() < p {
                    digits = format!("{}{digits}", "0".repeat(p - digits.len()));
                }
            }
            let pfx = if fl.alt { pfx } else { "" };
            (format!("{}{pfx}", sign_of(neg, fl)), digits, true)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = match v.payload::<PyFloat>() {
                Some(f) => f.value,
                None => {
                    if v.payload::<PyInt>().is_none()
                        && vm.lookup_special(v, "__float__").is_none()
                        && vm.lookup_special(v, "__index__").is_none()
                    {
                        return Err(vm.new_type_error(format!(
                            "must be real number, not {}",
                            v.class().name()
                        )));
                    }
                    vm.to_float_value(v)?
                }
            };
            let p = prec.unwrap_or(6);
            let neg = f.is_sign_negative() && !f.is_nan();
            let a = f.abs();
            let upper = conv.is_ascii_uppercase();
            let body = if !a.is_finite() {
                let s = if a.is_nan() { "nan" } else { "inf" };
                if upper {
                    s.to_uppercase()
                } else {
                    s.to_string()
                }
            } else {
                match conv {
                    'e' | 'E' => super::fmt_e(a, p, fl.alt, upper),
                    'f' | 'F' => super::fmt_f(a, p, fl.alt),
                    _ => super::fmt_g(a, p, fl.alt, upper, false),
                }
            };
            (sign_of(neg, fl).to_string(), body, a.is_finite())
        }
        'c' => {
            if let Some(s) = v.payload::<PyStr>() {
                if s.char_len() != 1 {
                    return Err(vm.new_type_error("%c requires int or char"));
                }
                (String::new(), s.as_str().to_string(), false)
            } else if let Some(i) = v.payload::<PyInt>() {
                let c = i
                    .as_small()
                    .filter(|c| (0..0x110000).contains(c))
                    .ok_or_else(|| vm.new_overflow_error("%c arg not in range(0x110000)"))?;
                (
                    String::new(),
                    char::from_u32(c as u32).unwrap_or('\u{fffd}').to_string(),
                    false,
                )
            } else {
                return Err(vm.new_type_error("%c requires int or char"));
            }
        }
        other => {
            let code = other as u32;
            let shown = if (32..127).contains(&code) {
                other.to_string()
            } else {
                format!("\\x{code:x}")
            };
            return Err(vm.new_value_error(format!(
                "unsupported format character '{shown}' (0x{code:x}) at index {at}"
            )));
        }
    })
}
