//! String formatting. This file is the format-spec mini-language
//! (`[[fill]align][sign][z][#][0][width][grouping][.precision][type]`) used by
//! `format()`, f-strings and `__format__` of int, float and str, with CPython's
//! rendering and error messages. `fields.rs` is `str.format`/`format_map`,
//! `percent.rs` is `%` formatting; both render numbers through the helpers here.

mod fields;
mod percent;

pub use fields::{str_format, str_format_map};
pub use percent::percent_format;

use num_bigint::Sign;

use crate::heap::PyObject;
use crate::objects::typeobj::ObjectClass;
use crate::objects::PyInt;
use crate::vm::{PyResult, Vm};

/// A parsed format spec.
#[derive(Default, Debug, Clone)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub no_neg_zero: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

impl Spec {
    /// The spec numbers are padded with: the `0` flag means fill `0` and align `=`
    /// unless a fill or alignment was given.
    fn numeric(&self) -> Spec {
        let mut s = self.clone();
        if s.zero {
            if s.fill.is_none() {
                s.fill = Some('0');
            }
            if s.align.is_none() {
                s.align = Some('=');
            }
        }
        s
    }
}

/// Parses a spec; `type_name` names the formatted object's type in errors.
pub fn parse_spec(vm: &Vm, s: &str, type_name: &str) -> PyResult<Spec> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut sp = Spec::default();
    let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
    if c.len() >= 2 && is_align(c[1]) {
        sp.fill = Some(c[0]);
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        sp.no_neg_zero = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let digits = |i: &mut usize| -> PyResult<Option<usize>> {
        let st = *i;
        while *i < c.len() && c[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i == st {
            return Ok(None);
        }
        let t: String = c[st..*i].iter().collect();
        t.parse::<usize>()
            .ok()
            .filter(|&n| n < (1usize << 40))
            .map(Some)
            .ok_or_else(|| vm.new_value_error("Too many decimal digits in format string"))
    };
    sp.width = digits(&mut i)?;
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        sp.grouping = Some(c[i]);
        i += 1;
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            return Err(vm.new_value_error("Cannot specify both ',' and '_'."));
        }
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        sp.precision = digits(&mut i)?;
        if sp.precision.is_none() {
            return Err(vm.new_value_error("Format specifier missing precision"));
        }
    }
    if c.len() - i > 1 {
        return Err(vm.new_value_error(format!(
            "Invalid format specifier '{s}' for object of type '{type_name}'"
        )));
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
    }
    if let Some(g) = sp.grouping {
        match sp.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if g == '_' => {}
            Some(t) => return Err(vm.new_value_error(format!("Cannot specify '{g}' with '{t}'."))),
        }
    }
    Ok(sp)
}

fn pad_str(fill: char, n: usize) -> String {
    std::iter::repeat(fill).take(n).collect()
}

/// Pads `sign + prefix + body` to the width with the spec's fill and alignment;
/// `default_align` is `>` for numbers and `<` for strings.
fn pad(sp: &Spec, sign: &str, prefix: &str, body: &str, default_align: char) -> String {
    let width = sp.width.unwrap_or(0);
    let len = sign.chars().count() + prefix.chars().count() + body.chars().count();
    if len >= width {
        return format!("{sign}{prefix}{body}");
    }
    let fill = sp.fill.unwrap_or(' ');
    let n = width - len;
    match sp.align.unwrap_or(default_align) {
        '<' => format!("{sign}{prefix}{body}{}", pad_str(fill, n)),
        '^' => format!(
            "{}{sign}{prefix}{body}{}",
            pad_str(fill, n / 2),
            pad_str(fill, n - n / 2)
        ),
        '=' => format!("{sign}{prefix}{}{body}", pad_str(fill, n)),
        _ => format!("{}{sign}{prefix}{body}", pad_str(fill, n)),
    }
}

/// Inserts `sep` every `every` digits from the right, zero-padding the digits so the
/// result is at least `min_width` long (CPython's `_PyUnicode_InsertThousandsGrouping`).
fn group(digits: &str, sep: char, every: usize, min_width: isize) -> String {
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as isize;
    let mut min_width = min_width.max(0);
    let mut groups: Vec<String> = Vec::new();
    loop {
        let l = remaining.max(min_width).max(1).min(every as isize);
        let n_zeros = (l - remaining).max(0) as usize;
        let n_chars = remaining.min(l).max(0);
        let start = (remaining - n_chars) as usize;
        let mut g = pad_str('0', n_zeros);
        g.extend(&d[start..remaining as usize]);
        groups.push(g);
        remaining -= n_chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Renders a number: sign, prefix (`0x`...), integer digits and the rest (fraction,
/// exponent, `%`), with grouping and zero padding as CPython's `fill_number`.
fn render_number(
    sp0: &Spec,
    neg: bool,
    prefix: &str,
    int_digits: &str,
    rest: &str,
    every: usize,
) -> String {
    let sp = &sp0.numeric();
    let sign = if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let digits = match sp.grouping {
        Some(g) => {
            let zero_fill = sp.fill == Some('0') && sp.align == Some('=');
            let min_width = if zero_fill {
                sp.width.unwrap_or(0) as isize
                    - (sign.len() + prefix.len() + rest.chars().count()) as isize
            } else {
                0
            };
            group(int_digits, g, every, min_width)
        }
        None => int_digits.to_string(),
    };
    pad(sp, sign, prefix, &format!("{digits}{rest}"), '>')
}

/// `format(int, spec)`.
pub fn format_int(vm: &Vm, o: &PyObject, spec: &str) -> PyResult<String> {
    let i = o
        .payload::<PyInt>()
        .ok_or_else(|| vm.new_type_error("int expected"))?;
    if spec.is_empty() {
        // CPython: an empty spec is `str(self)` (`True`, or a subclass's `__str__`).
        if o.class().as_object().is(vm.ctx.types.int_type.as_object()) {
            return Ok(i.to_string_radix(10));
        }
        return vm.str_of(o);
    }
    let tname = o.class().name().clone();
    let sp = parse_spec(vm, spec, &tname)?;
    match sp.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = i
                .to_f64()
                .ok_or_else(|| vm.new_overflow_error("int too large to convert to float"))?;
            return format_float_spec(vm, f, &sp, "float");
        }
        _ => {}
    }
    if sp.no_neg_zero {
        return Err(vm.new_value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if sp.precision.is_some() {
        return Err(vm.new_value_error("Precision not allowed in integer format specifier"));
    }
    let v = i.to_bigint();
    if sp.ty == Some('c') {
        if sp.sign.is_some() {
            return Err(vm.new_value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if sp.alt {
            return Err(vm.new_value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let c = i
            .as_small()
            .filter(|c| (0..0x110000).contains(c))
            .ok_or_else(|| vm.new_overflow_error("%c arg not in range(0x110000)"))?;
        let ch = char::from_u32(c as u32).unwrap_or('\u{fffd}');
        return Ok(pad(&sp.numeric(), "", "", &ch.to_string(), '>'));
    }
    let neg = v.sign() == Sign::Minus;
    let mag = v.magnitude();
    let (digits, prefix, every) = match sp.ty {
        Some('x') => (mag.to_str_radix(16), "0x", 4),
        Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X", 4),
        Some('o') => (mag.to_str_radix(8), "0o", 4),
        Some('b') => (mag.to_str_radix(2), "0b", 4),
        None | Some('d') | Some('n') => (mag.to_str_radix(10), "", 3),
        Some(t) => return Err(unknown_code(vm, t, &tname)),
    };
    Ok(render_number(
        &sp,
        neg,
        if sp.alt { prefix } else { "" },
        &digits,
        "",
        every,
    ))
}

fn unknown_code(vm: &Vm, t: char, tname: &str) -> crate::objects::PyBaseExceptionRef {
    if (t as u32) > 32 && (t as u32) < 128 {
        vm.new_value_error(format!(
            "Unknown format code '{t}' for object of type '{tname}'"
        ))
    } else {
        vm.new_value_error(format!(
            "Unknown format code '\\x{:x}' for object of type '{tname}'",
            t as u32
        ))
    }
}

fn strip_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// `%e`: mantissa with `prec` decimals and an exponent of at least two digits.
pub fn fmt_e(a: f64, prec: usize, alt: bool, upper: bool) -> String {
    let e = format!("{:.*e}", prec, a);
    let (m, x) = e.split_once('e').unwrap_or((&e, "0"));
    let x: i32 = x.parse().unwrap_or(0);
    let dot = if alt && prec == 0 { "." } else { "" };
    let s = format!("{m}{dot}e{}{:02}", if x < 0 { '-' } else { '+' }, x.abs());
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// `%f` with `prec` decimals.
pub fn fmt_f(a: f64, prec: usize, alt: bool) -> String {
    let s = format!("{:.*}", prec, a);
    if alt && prec == 0 {
        format!("{s}.")
    } else {
        s
    }
}

/// `%g` as C's printf / CPython's `format_float_short` with mode 2. `add_dot_0`
/// appends `.0` to integer-looking results (format type `''` with a precision).
pub fn fmt_g(a: f64, prec: usize, alt: bool, upper: bool, add_dot_0: bool) -> String {
    let p = prec.max(1);
    if a == 0.0 {
        let s = if alt {
            format!("{:.*}", p - 1, 0.0)
        } else {
            "0".to_string()
        };
        return if add_dot_0 && !s.contains('.') {
            format!("{s}.0")
        } else {
            s
        };
    }
    let e = format!("{:.*e}", p - 1, a);
    let exp: i32 = e
        .split('e')
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    let s = if exp < -4 || exp >= p as i32 || (add_dot_0 && exp == p as i32 - 1) {
        let (m, _) = e.split_once('e').unwrap_or((&e, ""));
        let m = if alt {
            if m.contains('.') {
                m.to_string()
            } else {
                format!("{m}.")
            }
        } else {
            strip_zeros(m)
        };
        format!("{}e{}{:02}", m, if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        let digits = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{:.*}", digits, a);
        if alt {
            if s.contains('.') {
                s
            } else {
                format!("{s}.")
            }
        } else {
            let s = strip_zeros(&s);
            if add_dot_0 && !s.contains('.') {
                format!("{s}.0")
            } else {
                s
            }
        }
    };
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// `format(float, spec)`.
pub fn format_float(vm: &Vm, f: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(crate::objects::float::float_repr(f));
    }
    let sp = parse_spec(vm, spec, "float")?;
    format_float_spec(vm, f, &sp, "float")
}

fn format_float_spec(vm: &Vm, f: f64, sp: &Spec, tname: &str) -> PyResult<String> {
    if sp.alt && sp.ty.is_none() && sp.precision.is_none() {
        // '#' alone keeps repr's digits.
    }
    let upper = matches!(sp.ty, Some('E' | 'F' | 'G'));
    let mut neg = f.is_sign_negative() && !f.is_nan();
    let a = f.abs();
    let mut body = if !a.is_finite() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        match sp.ty {
            Some('%') => format!("{s}%"),
            _ if upper => s.to_uppercase(),
            _ => s.to_string(),
        }
    } else {
        match sp.ty {
            Some('f' | 'F') => fmt_f(a, sp.precision.unwrap_or(6), sp.alt),
            Some('e' | 'E') => fmt_e(a, sp.precision.unwrap_or(6), sp.alt, upper),
            Some('g' | 'G') => fmt_g(a, sp.precision.unwrap_or(6), sp.alt, upper, false),
            Some('n') => fmt_g(a, sp.precision.unwrap_or(6), sp.alt, false, false),
            Some('%') => format!("{}%", fmt_f(a * 100.0, sp.precision.unwrap_or(6), sp.alt)),
            None => match sp.precision {
                Some(p) => fmt_g(a, p, sp.alt, false, true),
                None => crate::objects::float::float_repr(a),
            },
            Some(t) => return Err(unknown_code(vm, t, tname)),
        }
    };
    if sp.no_neg_zero
        && neg
        && body.chars().all(|c| !c.is_ascii_digit() || c == '0')
        && a.is_finite()
    {
        neg = false;
    }
    if body.is_empty() {
        body.push('0');
    }
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (int_part, rest) = body.split_at(split);
    Ok(render_number(sp, neg, "", int_part, rest, 3))
}

/// `format(str, spec)`.
pub fn format_str(vm: &Vm, s: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let sp = parse_spec(vm, spec, "str")?;
    if let Some(t) = sp.ty.filter(|&t| t != 's') {
        return Err(unknown_code(vm, t, "str"));
    }
    if sp.sign.is_some() {
        return Err(vm.new_value_error("Sign not allowed in string format specifier"));
    }
    if sp.no_neg_zero {
        return Err(
            vm.new_value_error("Negative zero coercion (z) not allowed in string format specifier")
        );
    }
    if sp.alt {
        return Err(vm.new_value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if sp.align == Some('=') {
        return Err(vm.new_value_error("'=' alignment not allowed in string format specifier"));
    }
    if sp.grouping.is_some() {
        return Err(vm.new_value_error(format!(
            "Cannot specify '{}' with 's'.",
            sp.grouping.unwrap()
        )));
    }
    let mut sp = sp;
    if sp.zero && sp.fill.is_none() {
        sp.fill = Some('0');
    }
    Ok(pad(&sp, "", "", &truncate(s, sp.precision), '<'))
}

fn truncate(s: &str, p: Option<usize>) -> String {
    match p {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    }
}

/// `format(value, spec)`: calls `type(value).__format__(value, spec)`.
pub fn format_value(vm: &Vm, v: &PyObject, spec: &str) -> PyResult<String> {
    match vm.call_special(v, "__format__", &[vm.new_str(spec)])? {
        Some(r) => match r.payload::<crate::objects::PyStr>() {
            Some(s) => Ok(s.as_str().to_string()),
            None => Err(vm.new_type_error(format!(
                "__format__ must return a str, not {}",
                r.class().name()
            ))),
        },
        None => Ok(vm.str_of(v)?),
    }
}
