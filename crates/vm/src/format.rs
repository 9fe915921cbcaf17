//! String formatting: format specs (`format(x, spec)`), `str.format` and `%`.
//! This first version covers the common cases; the full mini-language (grouping,
//! every presentation type) is being completed by the str/format owner.

use crate::args::Args;
use crate::heap::PyObject;
use crate::objects::{PyFloat, PyInt, PyStr, PyTuple, PyDict};
use crate::vm::{PyResult, Vm};

/// A parsed format spec: `[[fill]align][sign][#][0][width][grouping][.precision][type]`.
#[derive(Default, Debug)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alt: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

pub fn parse_spec(vm: &Vm, s: &str) -> PyResult<Spec> {
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
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let st = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        sp.width = c[st..i].iter().collect::<String>().parse().ok();
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        sp.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let st = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return Err(vm.new_value_error("Format specifier missing precision"));
        }
        sp.precision = c[st..i].iter().collect::<String>().parse().ok();
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(vm.new_value_error("Invalid format specifier"));
    }
    Ok(sp)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn pad(sp: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let width = sp.width.unwrap_or(0);
    let len = sign.chars().count() + body.chars().count();
    if len >= width {
        return format!("{sign}{body}");
    }
    let fill = sp.fill.unwrap_or(if sp.zero && sp.align.is_none() { '0' } else { ' ' });
    let align = sp.align.unwrap_or(if sp.zero { '=' } else { default_align });
    let n = width - len;
    let f = |k: usize| std::iter::repeat(fill).take(k).collect::<String>();
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '>' => format!("{}{sign}{body}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        _ => format!("{sign}{}{body}", f(n)),
    }
}

pub fn format_int(vm: &Vm, o: &PyObject, spec: &str) -> PyResult<String> {
    let i = o.payload::<PyInt>().ok_or_else(|| vm.new_type_error("int expected"))?;
    if spec.is_empty() {
        return Ok(vm.str_of(o)?);
    }
    let sp = parse_spec(vm, spec)?;
    let v = i.to_bigint();
    match sp.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = i.to_f64().ok_or_else(|| vm.new_overflow_error("int too large to convert to float"))?;
            return format_float(vm, f, spec);
        }
        Some('c') => return Ok(pad(&sp, "", &char::from_u32(i.as_small().unwrap_or(0) as u32).unwrap_or('?').to_string(), '<')),
        _ => {}
    }
    let neg = v.sign() == num_bigint::Sign::Minus;
    let mag = v.magnitude();
    let (digits, prefix) = match sp.ty {
        Some('x') => (mag.to_str_radix(16), "0x"),
        Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X"),
        Some('o') => (mag.to_str_radix(8), "0o"),
        Some('b') => (mag.to_str_radix(2), "0b"),
        None | Some('d') | Some('n') => (mag.to_str_radix(10), ""),
        Some(t) => return Err(vm.new_value_error(format!("Unknown format code '{t}' for object of type 'int'"))),
    };
    let digits = match sp.grouping {
        Some(g) => group(&digits, g, if matches!(sp.ty, Some('x' | 'X' | 'o' | 'b')) { 4 } else { 3 }),
        None => digits,
    };
    let sign = if neg { "-" } else { match sp.sign { Some('+') => "+", Some(' ') => " ", _ => "" } };
    let sign = format!("{sign}{}", if sp.alt { prefix } else { "" });
    Ok(pad(&sp, &sign, &digits, '>'))
}

/// `%g`-style formatting as CPython's `format_float_short`.
fn fmt_g(f: f64, prec: usize, alt: bool, upper: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if f == 0.0 {
        return if alt { format!("{:.*}", p - 1, 0.0) } else { "0".into() };
    }
    let e = format!("{:.*e}", p - 1, f);
    let exp: i32 = e.split('e').nth(1).unwrap().parse().unwrap();
    let mut s = if exp < -4 || exp >= p as i32 {
        let (m, _) = e.split_once('e').unwrap();
        let m = if alt { m.to_string() } else { strip_zeros(m) };
        format!("{}{}{}{:02}", m, if upper { 'E' } else { 'e' }, if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        let digits = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{:.*}", digits, f);
        if alt { s } else { strip_zeros(&s) }
    };
    if upper {
        s = s.to_uppercase();
    }
    s
}

fn strip_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

fn fmt_e(f: f64, prec: usize, upper: bool) -> String {
    let e = format!("{:.*e}", prec, f);
    let (m, x) = e.split_once('e').unwrap();
    let x: i32 = x.parse().unwrap();
    let s = format!("{}e{}{:02}", m, if x < 0 { '-' } else { '+' }, x.abs());
    if upper { s.to_uppercase() } else { s }
}

pub fn format_float(vm: &Vm, f: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(crate::objects::float::float_repr(f));
    }
    let sp = parse_spec(vm, spec)?;
    let neg = f.is_sign_negative() && !f.is_nan();
    let a = f.abs();
    let body = if a.is_nan() || a.is_infinite() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        if matches!(sp.ty, Some('E' | 'F' | 'G')) { s.to_uppercase() } else { s.to_string() }
    } else {
        match sp.ty {
            Some('f' | 'F') => format!("{:.*}", sp.precision.unwrap_or(6), a),
            Some('e' | 'E') => fmt_e(a, sp.precision.unwrap_or(6), sp.ty == Some('E')),
            Some('g' | 'G') => fmt_g(a, sp.precision.unwrap_or(6), sp.alt, sp.ty == Some('G')),
            Some('%') => format!("{:.*}%", sp.precision.unwrap_or(6), a * 100.0),
            Some('n') => fmt_g(a, sp.precision.unwrap_or(6), sp.alt, false),
            None => match sp.precision {
                Some(p) => {
                    let s = fmt_g(a, p, sp.alt, false);
                    if s.contains(['.', 'e', 'n', 'i']) { s } else { format!("{s}.0") }
                }
                None => crate::objects::float::float_repr(a),
            },
            Some(t) => return Err(vm.new_value_error(format!("Unknown format code '{t}' for object of type 'float'"))),
        }
    };
    let body = match sp.grouping {
        Some(g) => {
            let (int, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => (&body[..i], &body[i..]),
                None => (&body[..], ""),
            };
            format!("{}{}", group(int, g, 3), rest)
        }
        None => body,
    };
    let sign = if neg { "-" } else { match sp.sign { Some('+') => "+", Some(' ') => " ", _ => "" } };
    Ok(pad(&sp, sign, &body, '>'))
}

pub fn format_str(vm: &Vm, s: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let sp = parse_spec(vm, spec)?;
    if let Some(t) = sp.ty.filter(|&t| t != 's') {
        return Err(vm.new_value_error(format!("Unknown format code '{t}' for object of type 'str'")));
    }
    if sp.sign.is_some() {
        return Err(vm.new_value_error("Sign not allowed in string format specifier"));
    }
    if sp.align == Some('=') {
        return Err(vm.new_value_error("'=' alignment not allowed in string format specifier"));
    }
    let body: String = match sp.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(&sp, "", &body, '<'))
}

/// `format(value, spec)`.
pub fn format_value(vm: &Vm, v: &PyObject, spec: &str) -> PyResult<String> {
    let r = vm.call_special(v, "__format__", &[vm.new_str(spec)])?;
    match r {
        Some(r) => Ok(vm.str_of(&r)?),
        None => Ok(vm.str_of(v)?),
    }
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(vm: &Vm, s: &str, args: Args) -> PyResult<String> {
    let pos = args.positional();
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut auto = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                if chars[j] == '{' {
                    depth += 1;
                } else if chars[j] == '}' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth != 0 {
                return Err(vm.new_value_error("expected '}' before end of string"));
            }
            let field: String = chars[i + 1..j - 1].iter().collect();
            let (head, spec) = match field.find(':') {
                Some(k) => (field[..k].to_string(), field[k + 1..].to_string()),
                None => (field.clone(), String::new()),
            };
            let (name, conv) = match head.find('!') {
                Some(k) => (head[..k].to_string(), head[k + 1..].chars().next()),
                None => (head, None),
            };
            let first_end = name.find(['.', '[']).unwrap_or(name.len());
            let key = &name[..first_end];
            let mut v = if key.is_empty() {
                let v = pos.get(auto).cloned().ok_or_else(|| vm.new_index_error(format!("Replacement index {auto} out of range for positional args tuple")))?;
                auto += 1;
                v
            } else if let Ok(n) = key.parse::<usize>() {
                pos.get(n).cloned().ok_or_else(|| vm.new_index_error(format!("Replacement index {n} out of range for positional args tuple")))?
            } else {
                args.kwarg(key).cloned().ok_or_else(|| vm.new_key_error(vm.new_str(key)))?
            };
            let mut rest = &name[first_end..];
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix('.') {
                    let e = r.find(['.', '[']).unwrap_or(r.len());
                    v = vm.get_attribute(&v, &vm.intern(&r[..e]))?;
                    rest = &r[e..];
                } else if let Some(r) = rest.strip_prefix('[') {
                    let e = r.find(']').ok_or_else(|| vm.new_value_error("Missing ']' in format string"))?;
                    let k = &r[..e];
                    let kobj = match k.parse::<i64>() { Ok(n) => vm.new_int(n), Err(_) => vm.new_str(k) };
                    v = vm.getitem(&v, &kobj)?;
                    rest = &r[e + 1..];
                } else {
                    break;
                }
            }
            let v = match conv {
                Some('r') => vm.repr(&v)?.into(),
                Some('s') => vm.str(&v)?.into(),
                Some('a') => vm.repr(&v)?.into(),
                _ => v,
            };
            let spec = if spec.contains('{') { str_format(vm, &spec, args)? } else { spec };
            out.push_str(&format_value(vm, &v, &spec)?);
            i = j;
        } else if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.new_value_error("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// `fmt % values`.
pub fn percent_format(vm: &Vm, fmt: &str, values: &PyObject) -> PyResult<String> {
    let items: Vec<crate::heap::PyObjectRef> = match values.payload::<PyTuple>() {
        Some(t) => t.as_slice().to_vec(),
        None => vec![values.to_owned()],
    };
    let mapping = values.payload::<PyDict>().is_some();
    let mut idx = 0;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            let e = chars[i..].iter().position(|&c| c == ')').map(|p| p + i).ok_or_else(|| vm.new_value_error("incomplete format key"))?;
            key = Some(chars[i + 1..e].iter().collect::<String>());
            i = e + 1;
        }
        let st = i;
        while i < chars.len() && "-+ #0123456789.*".contains(chars[i]) {
            i += 1;
        }
        let flags: String = chars[st..i].iter().collect();
        let Some(&conv) = chars.get(i) else { return Err(vm.new_value_error("incomplete format")) };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = if let Some(k) = &key {
            vm.getitem(values, &vm.new_str(k))?
        } else if mapping && items.len() == 1 {
            items[0].clone()
        } else {
            let v = items.get(idx).cloned().ok_or_else(|| vm.new_type_error("not enough arguments for format string"))?;
            idx += 1;
            v
        };
        let mut spec = String::new();
        let mut left = false;
        for ch in flags.chars() {
            match ch {
                '-' => left = true,
                _ => spec.push(ch),
            }
        }
        let spec = if left { format!("<{spec}") } else { spec };
        let s = match conv {
            's' => format_str(vm, &vm.str_of(&v)?, &spec)?,
            'r' | 'a' => format_str(vm, vm.repr(&v)?.as_str(), &spec)?,
            'd' | 'i' | 'u' => {
                let iv = vm.new_bigint(vm.to_int_value(&v).map_err(|_| vm.new_type_error(format!("%{conv} format: a real number is required, not {}", crate::objects::typeobj::ObjectClass::class(&*v).name())))?);
                format_int(vm, &iv, &spec)?
            }
            'x' | 'X' | 'o' => {
                let iv = vm.new_bigint(vm.to_int_value(&v)?);
                format_int(vm, &iv, &format!("{spec}{conv}"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => format_float(vm, vm.to_float_value(&v)?, &format!("{spec}{conv}"))?,
            'c' => match v.payload::<PyStr>() {
                Some(s) => s.as_str().to_string(),
                None => char::from_u32(vm.to_index_i64(&v)? as u32).unwrap_or('?').to_string(),
            },
            other => {
                return Err(vm.new_value_error(format!("unsupported format character '{other}' (0x{:x}) at index {}", other as u32, i - 1)))
            }
        };
        out.push_str(&s);
    }
    if !mapping && idx < items.len() && values.payload::<PyTuple>().is_some() {
        return Err(vm.new_type_error("not all arguments converted during string formatting"));
    }
    if !mapping && values.payload::<PyTuple>().is_none() && idx == 0 && !fmt.contains('%') {
        return Err(vm.new_type_error("not all arguments converted during string formatting"));
    }
    let _ = PyFloat { value: 0.0 };
    Ok(out)
}
