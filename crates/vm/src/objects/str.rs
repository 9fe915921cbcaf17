//! `str`: immutable UTF-8 text with a cached hash and character count (O(1) `len` and
//! indexing for ASCII strings). Methods are registered in `init`; formatting
//! (`format`, `%`, format specs) lives in `format.rs`.

use std::cell::Cell;

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload, PyRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::PyType;
use crate::vm::{PyResult, Vm};

pub type PyStrRef = PyRef<PyStr>;

pub struct PyStr {
    value: Box<str>,
    char_len: usize,
    hash: Cell<i64>,
    interned: Cell<bool>,
}

impl PyPayload for PyStr {
    const GC: bool = false;
}

impl PyStr {
    pub fn from_string(s: String) -> PyStr {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            value: s.into_boxed_str(),
            char_len,
            hash: Cell::new(-1),
            interned: Cell::new(false),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.value
    }

    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.value.len()
    }

    pub fn is_interned(&self) -> bool {
        self.interned.get()
    }

    pub(crate) fn mark_interned(&self) {
        self.interned.set(true)
    }

    /// The (cached) hash: FNV-1a over the UTF-8 bytes, never -1.
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let mut x: u64 = 0xcbf29ce484222325;
        for &b in self.value.as_bytes() {
            x ^= b as u64;
            x = x.wrapping_mul(0x100000001b3);
        }
        let mut h = (x >> 1) as i64;
        if h == -1 {
            h = -2;
        }
        self.hash.set(h);
        h
    }

    /// The `i`-th character (0 <= i < char_len).
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            self.value.as_bytes()[i] as char
        } else {
            self.value.chars().nth(i).unwrap_or('\0')
        }
    }

    /// Byte offset of character index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.value.len())
        } else {
            self.value
                .char_indices()
                .nth(i)
                .map(|(b, _)| b)
                .unwrap_or(self.value.len())
        }
    }

    /// Characters `start..stop` (character indices).
    pub fn substring(&self, start: usize, stop: usize) -> &str {
        let a = self.byte_offset(start);
        let b = self.byte_offset(stop);
        &self.value[a..b.max(a)]
    }
}

/// CPython's `repr(str)`: quote choice and escapes.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// An approximation of `str.isprintable` for single characters.
pub fn is_printable(c: char) -> bool {
    let u = c as u32;
    if u < 0x20 || u == 0x7f {
        return false;
    }
    if (0x80..0xa0).contains(&u) || u == 0xad {
        return false;
    }
    if c.is_whitespace() && c != ' ' {
        return false;
    }
    if (0xd800..0xe000).contains(&u) || (0xe000..0xf900).contains(&u) || u >= 0xf0000 {
        return false;
    }
    if matches!(u, 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x2064 | 0xfeff | 0xfff9..=0xfffb) {
        return false;
    }
    true
}

pub(crate) fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyStr> {
    o.payload::<PyStr>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'str' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn arg_str<'a>(vm: &Vm, o: &'a PyObject, fname: &str) -> PyResult<&'a str> {
    o.payload::<PyStr>()
        .map(|s| s.as_str())
        .ok_or_else(|| vm.new_type_error(format!("{fname} arg must be None or str")))
}

fn must_str<'a>(vm: &Vm, o: &'a PyObject, what: &str) -> PyResult<&'a str> {
    o.payload::<PyStr>()
        .map(|s| s.as_str())
        .ok_or_else(|| vm.new_type_error(format!("{what}, not {}", o.class().name())))
}

fn str_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("str.__new__(X): X is not a type object"))?;
    let a = args
        .shift()
        .bind(vm, "str", &["object", "encoding", "errors"], 0)?;
    let s: PyObjectRef = match (&a[0], &a[1]) {
        (None, _) => vm.ctx.empty_str.clone().into(),
        (Some(o), None) => vm.str(o)?.into(),
        (Some(o), Some(_enc)) => {
            let b = vm.bytes_like(o)?;
            vm.new_string(String::from_utf8_lossy(&b).into_owned())
        }
    };
    if cls.as_object().is(vm.ctx.types.str_type.as_object()) {
        Ok(s)
    } else {
        let v = s.payload::<PyStr>().unwrap().as_str().to_string();
        Ok(vm.new_instance(PyStr::from_string(v), &cls).into())
    }
}

fn str_repr(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_string(repr_str(this(vm, &args.args[0])?.as_str())))
}

fn str_str(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?;
    if args.args[0]
        .class()
        .as_object()
        .is(vm.ctx.types.str_type.as_object())
    {
        Ok(args.args[0].clone())
    } else {
        Ok(vm.new_str(s.as_str()))
    }
}

fn str_hash(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this(vm, &args.args[0])?.hash()))
}

fn str_len(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this(vm, &args.args[0])?.char_len() as i64))
}

fn map_str(vm: &Vm, args: Args, f: fn(&str) -> String) -> PyResult {
    let s = this(vm, &args.args[0])?;
    Ok(vm.new_string(f(s.as_str())))
}

fn str_upper(vm: &Vm, args: Args) -> PyResult {
    map_str(vm, args, |s| s.to_uppercase())
}
fn str_lower(vm: &Vm, args: Args) -> PyResult {
    map_str(vm, args, |s| s.to_lowercase())
}
fn str_casefold(vm: &Vm, args: Args) -> PyResult {
    map_str(vm, args, |s| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                'ß' | 'ẞ' => out.push_str("ss"),
                'ς' => out.push('σ'),
                'ﬁ' => out.push_str("fi"),
                'ﬂ' => out.push_str("fl"),
                'ﬀ' => out.push_str("ff"),
                'ſ' => out.push('s'),
                c => out.extend(c.to_lowercase()),
            }
        }
        out
    })
}
fn str_swapcase(vm: &Vm, args: Args) -> PyResult {
    map_str(vm, args, |s| {
        s.chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect()
                }
            })
            .collect()
    })
}
fn str_capitalize(vm: &Vm, args: Args) -> PyResult {
    map_str(vm, args, |s| {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f
                .to_uppercase()
                .chain(c.flat_map(|x| x.to_lowercase()))
                .collect(),
            None => String::new(),
        }
    })
}
fn str_title(vm: &Vm, args: Args) -> PyResult {
    map_str(vm, args, |s| {
        let mut out = String::new();
        let mut prev_cased = false;
        for c in s.chars() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = c.is_alphabetic();
        }
        out
    })
}

fn pred(vm: &Vm, args: Args, f: fn(char) -> bool) -> PyResult {
    let s = this(vm, &args.args[0])?;
    Ok(vm.new_bool(!s.as_str().is_empty() && s.as_str().chars().all(f)))
}
/// Numeric characters without a digit value (letter numbers, vulgar fractions):
/// `isnumeric` but not `isdigit`.
fn is_non_digit_numeric(c: char) -> bool {
    matches!(c as u32, 0xbc..=0xbe | 0x2150..=0x218f | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303a | 0x2cfd | 0x10140..=0x1018f | 0x16ee..=0x16f0)
}
fn str_isdigit(vm: &Vm, a: Args) -> PyResult {
    pred(vm, a, |c| {
        c.is_ascii_digit() || c.is_numeric() && !c.is_alphabetic() && !is_non_digit_numeric(c)
    })
}
fn str_isdecimal(vm: &Vm, a: Args) -> PyResult {
    pred(vm, a, |c| c.is_ascii_digit())
}
fn str_isnumeric(vm: &Vm, a: Args) -> PyResult {
    pred(vm, a, |c| c.is_numeric())
}
fn str_isalpha(vm: &Vm, a: Args) -> PyResult {
    // Rust's Alphabetic property includes letter numbers (Nl); Python's isalpha is L* only.
    pred(vm, a, |c| {
        c.is_alphabetic()
            && !matches!(c as u32, 0x2160..=0x2188 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303a | 0x16ee..=0x16f0 | 0x10140..=0x10174)
    })
}
fn str_isalnum(vm: &Vm, a: Args) -> PyResult {
    pred(vm, a, |c| c.is_alphanumeric())
}
fn str_isspace(vm: &Vm, a: Args) -> PyResult {
    pred(vm, a, |c| c.is_whitespace())
}
fn str_isascii(vm: &Vm, a: Args) -> PyResult {
    let s = this(vm, &a.args[0])?;
    Ok(vm.new_bool(s.is_ascii()))
}
fn str_isidentifier(vm: &Vm, a: Args) -> PyResult {
    let s = this(vm, &a.args[0])?.as_str();
    let mut c = s.chars();
    let ok = match c.next() {
        Some(f) => (f == '_' || f.is_alphabetic()) && c.all(|x| x == '_' || x.is_alphanumeric()),
        None => false,
    };
    Ok(vm.new_bool(ok))
}
fn str_isprintable(vm: &Vm, a: Args) -> PyResult {
    let s = this(vm, &a.args[0])?.as_str();
    Ok(vm.new_bool(s.chars().all(is_printable)))
}
fn str_isupper(vm: &Vm, a: Args) -> PyResult {
    let s = this(vm, &a.args[0])?.as_str();
    Ok(vm.new_bool(s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())))
}
fn str_islower(vm: &Vm, a: Args) -> PyResult {
    let s = this(vm, &a.args[0])?.as_str();
    Ok(vm.new_bool(s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase())))
}
fn str_istitle(vm: &Vm, a: Args) -> PyResult {
    let s = this(vm, &a.args[0])?.as_str();
    let mut prev_cased = false;
    let mut any = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return Ok(vm.new_bool(false));
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(vm.new_bool(false));
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(vm.new_bool(any))
}

fn strip_impl(vm: &Vm, args: Args, left: bool, right: bool, name: &str) -> PyResult {
    let s = this(vm, &args.args[0])?.as_str();
    let p = args.range(vm, name, 1, 2)?;
    let chars: Option<Vec<char>> = match p.get(1) {
        Some(c) if !vm.is_none(c) => Some(arg_str(vm, c, name)?.chars().collect()),
        _ => None,
    };
    let test = |c: char| match &chars {
        Some(cs) => cs.contains(&c),
        None => c.is_whitespace(),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(test);
    }
    if right {
        r = r.trim_end_matches(test);
    }
    if r.len() == s.len()
        && args.args[0]
            .class()
            .as_object()
            .is(vm.ctx.types.str_type.as_object())
    {
        return Ok(args.args[0].clone());
    }
    Ok(vm.new_str(r))
}
fn str_strip(vm: &Vm, a: Args) -> PyResult {
    strip_impl(vm, a, true, true, "strip")
}
fn str_lstrip(vm: &Vm, a: Args) -> PyResult {
    strip_impl(vm, a, true, false, "lstrip")
}
fn str_rstrip(vm: &Vm, a: Args) -> PyResult {
    strip_impl(vm, a, false, true, "rstrip")
}

fn split_impl(vm: &Vm, args: Args, right: bool) -> PyResult {
    let name = if right { "rsplit" } else { "split" };
    let a = args.bind(vm, name, &["self", "sep", "maxsplit"], 1)?;
    let s = this(vm, a[0].as_ref().unwrap())?.as_str();
    let maxsplit = match &a[2] {
        Some(m) => vm.to_index_i64(m)?,
        None => -1,
    };
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let parts: Vec<String> = match &a[1] {
        Some(sep) if !vm.is_none(sep) => {
            let sep = must_str(vm, sep, "must be str or None")?;
            if sep.is_empty() {
                return Err(vm.new_value_error("empty separator"));
            }
            if right {
                let mut v: Vec<String> = s
                    .rsplitn(max.saturating_add(1), sep)
                    .map(String::from)
                    .collect();
                v.reverse();
                v
            } else {
                s.splitn(max.saturating_add(1), sep)
                    .map(String::from)
                    .collect()
            }
        }
        _ => {
            let mut out = Vec::new();
            if right {
                let mut rest = s.trim_end();
                while !rest.is_empty() {
                    if out.len() == max {
                        out.push(rest.to_string());
                        break;
                    }
                    match rest.rfind(char::is_whitespace) {
                        Some(i) => {
                            let w = &rest[i..];
                            let ch = w.chars().next().unwrap();
                            out.push(rest[i + ch.len_utf8()..].to_string());
                            rest = rest[..i].trim_end();
                        }
                        None => {
                            out.push(rest.to_string());
                            break;
                        }
                    }
                }
                out.reverse();
            } else {
                let mut rest = s.trim_start();
                while !rest.is_empty() {
                    if out.len() == max {
                        out.push(rest.to_string());
                        break;
                    }
                    match rest.find(char::is_whitespace) {
                        Some(i) => {
                            out.push(rest[..i].to_string());
                            rest = rest[i..].trim_start();
                        }
                        None => {
                            out.push(rest.to_string());
                            break;
                        }
                    }
                }
            }
            out
        }
    };
    Ok(vm.new_list(parts.into_iter().map(|p| vm.new_string(p)).collect()))
}
fn str_split(vm: &Vm, a: Args) -> PyResult {
    split_impl(vm, a, false)
}
fn str_rsplit(vm: &Vm, a: Args) -> PyResult {
    split_impl(vm, a, true)
}

fn str_splitlines(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "splitlines", &["self", "keepends"], 1)?;
    let s = this(vm, a[0].as_ref().unwrap())?.as_str();
    let keep = match &a[1] {
        Some(k) => vm.is_true(k)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = b + c.len_utf8();
            if c == '\r' && i + 1 < chars.len() && chars[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            out.push(vm.new_str(if keep { &s[start..end] } else { &s[start..b] }));
            start = end;
        }
        i += 1;
    }
    if start < s.len() {
        out.push(vm.new_str(&s[start..]));
    }
    Ok(vm.new_list(out))
}

fn str_join(vm: &Vm, args: Args) -> PyResult {
    let [sep, it] = args.exact::<2>(vm, "join")?;
    let sep = this(vm, sep)?.as_str();
    let items = vm.iterate(it)?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match x.payload::<PyStr>() {
            Some(s) => out.push_str(s.as_str()),
            None => {
                return Err(vm.new_type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    x.class().name()
                )))
            }
        }
    }
    Ok(vm.new_string(out))
}

fn str_replace(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "replace", 3, 4)?;
    let s = this(vm, &p[0])?.as_str();
    let old = must_str(vm, &p[1], "replace() argument 1 must be str")?;
    let new = must_str(vm, &p[2], "replace() argument 2 must be str")?;
    let count = match p.get(3) {
        Some(c) => vm.to_index_i64(c)?,
        None => -1,
    };
    let r = if count < 0 {
        s.replace(old, new)
    } else if old.is_empty() {
        let mut out = String::new();
        let mut n = 0;
        for c in s.chars() {
            if (n as i64) < count {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if (n as i64) < count {
            out.push_str(new);
        }
        out
    } else {
        s.replacen(old, new, count as usize)
    };
    Ok(vm.new_string(r))
}

/// Resolves optional `start`/`end` character arguments to a byte range of `s`.
fn sub_range(
    vm: &Vm,
    s: &PyStr,
    start: Option<&PyObjectRef>,
    end: Option<&PyObjectRef>,
) -> PyResult<(usize, usize, usize)> {
    let n = s.char_len() as i64;
    let norm = |v: Option<&PyObjectRef>, default: i64| -> PyResult<i64> {
        match v {
            Some(v) if !vm.is_none(v) => {
                let i = vm.to_index_i64(v)?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
            _ => Ok(default),
        }
    };
    let a = norm(start, 0)?;
    let b = norm(end, n)?;
    Ok((
        s.byte_offset(a as usize),
        s.byte_offset(b.max(a) as usize),
        a as usize,
    ))
}

fn char_index(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn find_impl(vm: &Vm, args: Args, name: &str, right: bool) -> PyResult<i64> {
    let p = args.range(vm, name, 2, 4)?;
    let s = this(vm, &p[0])?;
    let sub = must_str(vm, &p[1], "must be str")?;
    let (a, b, _) = sub_range(vm, s, p.get(2), p.get(3))?;
    if b < a || (p.get(2).is_some() && a > s.as_str().len()) {
        return Ok(-1);
    }
    let hay = &s.as_str()[a..b];
    let r = if right { hay.rfind(sub) } else { hay.find(sub) };
    Ok(match r {
        Some(i) => char_index(s.as_str(), a + i) as i64,
        None => -1,
    })
}
fn str_find(vm: &Vm, a: Args) -> PyResult {
    Ok(vm.new_int(find_impl(vm, a, "find", false)?))
}
fn str_rfind(vm: &Vm, a: Args) -> PyResult {
    Ok(vm.new_int(find_impl(vm, a, "rfind", true)?))
}
fn str_index(vm: &Vm, a: Args) -> PyResult {
    match find_impl(vm, a, "index", false)? {
        -1 => Err(vm.new_value_error("substring not found")),
        i => Ok(vm.new_int(i)),
    }
}
fn str_rindex(vm: &Vm, a: Args) -> PyResult {
    match find_impl(vm, a, "rindex", true)? {
        -1 => Err(vm.new_value_error("substring not found")),
        i => Ok(vm.new_int(i)),
    }
}
fn str_count(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "count", 2, 4)?;
    let s = this(vm, &p[0])?;
    let sub = must_str(vm, &p[1], "must be str")?;
    let (a, b, _) = sub_range(vm, s, p.get(2), p.get(3))?;
    let hay = &s.as_str()[a..b];
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub).count()
    };
    Ok(vm.new_int(n as i64))
}

fn affix_impl(vm: &Vm, args: Args, name: &str, end: bool) -> PyResult {
    let p = args.range(vm, name, 2, 4)?;
    let s = this(vm, &p[0])?;
    let (a, b, _) = sub_range(vm, s, p.get(2), p.get(3))?;
    let hay = if a <= b { &s.as_str()[a..b] } else { "" };
    let test = |x: &PyObject| -> PyResult<bool> {
        let t = x.payload::<PyStr>().ok_or_else(|| {
            vm.new_type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                x.class().name()
            ))
        })?;
        Ok(if end {
            hay.ends_with(t.as_str())
        } else {
            hay.starts_with(t.as_str())
        })
    };
    if let Some(t) = p[1].payload::<crate::objects::PyTuple>() {
        for x in t.as_slice() {
            if test(x)? {
                return Ok(vm.new_bool(true));
            }
        }
        return Ok(vm.new_bool(false));
    }
    Ok(vm.new_bool(test(&p[1])?))
}
fn str_startswith(vm: &Vm, a: Args) -> PyResult {
    affix_impl(vm, a, "startswith", false)
}
fn str_endswith(vm: &Vm, a: Args) -> PyResult {
    affix_impl(vm, a, "endswith", true)
}

fn pad_impl(vm: &Vm, args: Args, name: &str, align: char) -> PyResult {
    let p = args.range(vm, name, 2, 3)?;
    let s = this(vm, &p[0])?;
    let width = vm.to_index_i64(&p[1])?;
    let fill = match p.get(2) {
        Some(f) => {
            let f = must_str(vm, f, "The fill character must be a unicode character")?;
            let mut it = f.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        vm.new_type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
        None => ' ',
    };
    let n = s.char_len() as i64;
    if width <= n {
        return Ok(vm.new_str(s.as_str()));
    }
    let total = (width - n) as usize;
    crate::objects::list::check_size(vm, total, fill.len_utf8())?;
    let (l, r) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        _ => {
            let l = total / 2 + (total & width as usize & 1);
            (l, total - l)
        }
    };
    let mut out = String::new();
    out.extend(std::iter::repeat(fill).take(l));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat(fill).take(r));
    Ok(vm.new_string(out))
}
fn str_center(vm: &Vm, a: Args) -> PyResult {
    pad_impl(vm, a, "center", '^')
}
fn str_ljust(vm: &Vm, a: Args) -> PyResult {
    pad_impl(vm, a, "ljust", '<')
}
fn str_rjust(vm: &Vm, a: Args) -> PyResult {
    pad_impl(vm, a, "rjust", '>')
}
fn str_zfill(vm: &Vm, args: Args) -> PyResult {
    let [s, w] = args.exact::<2>(vm, "zfill")?;
    let s = this(vm, s)?.as_str();
    let w = vm.to_index_i64(w)?;
    let n = s.chars().count() as i64;
    if w <= n {
        return Ok(vm.new_str(s));
    }
    crate::objects::list::check_size(vm, (w - n) as usize, 1)?;
    let pad = "0".repeat((w - n) as usize);
    let r = if s.starts_with('+') || s.starts_with('-') {
        format!("{}{}{}", &s[..1], pad, &s[1..])
    } else {
        format!("{pad}{s}")
    };
    Ok(vm.new_string(r))
}

fn partition_impl(vm: &Vm, args: Args, right: bool) -> PyResult {
    let [s, sep] = args.exact::<2>(vm, if right { "rpartition" } else { "partition" })?;
    let s = this(vm, s)?.as_str();
    let sep = must_str(vm, sep, "must be str")?;
    if sep.is_empty() {
        return Err(vm.new_value_error("empty separator"));
    }
    let r = if right { s.rfind(sep) } else { s.find(sep) };
    let parts = match r {
        Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
        None if right => ["", "", s],
        None => [s, "", ""],
    };
    Ok(vm.new_tuple(parts.iter().map(|p| vm.new_str(p)).collect()))
}
fn str_partition(vm: &Vm, a: Args) -> PyResult {
    partition_impl(vm, a, false)
}
fn str_rpartition(vm: &Vm, a: Args) -> PyResult {
    partition_impl(vm, a, true)
}

fn str_removeprefix(vm: &Vm, args: Args) -> PyResult {
    let [s, p] = args.exact::<2>(vm, "removeprefix")?;
    let s = this(vm, s)?.as_str();
    let p = must_str(vm, p, "removeprefix() argument must be str")?;
    Ok(vm.new_str(s.strip_prefix(p).unwrap_or(s)))
}
fn str_removesuffix(vm: &Vm, args: Args) -> PyResult {
    let [s, p] = args.exact::<2>(vm, "removesuffix")?;
    let s = this(vm, s)?.as_str();
    let p = must_str(vm, p, "removesuffix() argument must be str")?;
    Ok(vm.new_str(s.strip_suffix(p).unwrap_or(s)))
}

fn str_encode(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "encode", &["self", "encoding", "errors"], 1)?;
    let s = this(vm, a[0].as_ref().unwrap())?.as_str();
    let enc = match &a[1] {
        Some(e) => vm
            .str_of(e)?
            .to_lowercase()
            .replace('-', "")
            .replace('_', ""),
        None => "utf8".into(),
    };
    let errors = match &a[2] {
        Some(e) => vm.str_of(e)?,
        None => "strict".into(),
    };
    let bytes = match enc.as_str() {
        "utf8" => s.as_bytes().to_vec(),
        "ascii" | "latin1" | "iso88591" | "latin" => {
            let limit = if enc == "ascii" { 128 } else { 256 };
            let mut out = Vec::new();
            for (i, c) in s.chars().enumerate() {
                if (c as u32) >= limit {
                    match errors.as_str() {
                        "replace" => out.push(b'?'),
                        "ignore" => {}
                        "backslashreplace" => {
                            out.extend(crate::builtins::ascii_escape(&c.to_string()).bytes())
                        }
                        "xmlcharrefreplace" => out.extend(format!("&#{};", c as u32).bytes()),
                        _ => {
                            let codec = if enc == "ascii" { "ascii" } else { "latin-1" };
                            let u = c as u32;
                            let shown = if u < 0x100 {
                                format!("\\x{u:02x}")
                            } else if u < 0x10000 {
                                format!("\\u{u:04x}")
                            } else {
                                format!("\\U{u:08x}")
                            };
                            return Err(vm.new_exception_msg(
                                &vm.ctx.exc.unicode_encode_error,
                                format!("'{codec}' codec can't encode character '{shown}' in position {i}: ordinal not in range({limit})"),
                            ));
                        }
                    }
                    continue;
                }
                out.push(c as u8);
            }
            out
        }
        other => {
            return Err(vm.new_exception_msg(
                &vm.ctx.exc.lookup_error,
                format!("unknown encoding: {other}"),
            ))
        }
    };
    Ok(vm
        .new_object(
            crate::objects::PyBytes { value: bytes },
            &vm.ctx.types.bytes_type,
        )
        .into())
}

fn str_format(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?.as_str().to_string();
    crate::format::str_format(vm, &s, args.shift()).map(|r| vm.new_string(r))
}

fn str_format_map(vm: &Vm, args: Args) -> PyResult {
    let [s, mapping] = args.exact::<2>(vm, "format_map")?;
    let s = this(vm, s)?.as_str().to_string();
    crate::format::str_format_map(vm, &s, mapping).map(|r| vm.new_string(r))
}

fn str_format_spec(vm: &Vm, args: Args) -> PyResult {
    let [o, spec] = args.exact::<2>(vm, "__format__")?;
    let s = this(vm, o)?.as_str();
    let spec = must_str(vm, spec, "format spec must be str")?;
    crate::format::format_str(vm, s, spec).map(|r| vm.new_string(r))
}

fn str_mod(vm: &Vm, args: Args) -> PyResult {
    let [s, v] = args.exact::<2>(vm, "__mod__")?;
    let s = this(vm, s)?.as_str().to_string();
    crate::format::percent_format(vm, &s, v).map(|r| vm.new_string(r))
}

fn str_expandtabs(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "expandtabs", 1, 2)?;
    let s = this(vm, &p[0])?.as_str();
    let ts = match p.get(1) {
        Some(t) => vm.to_index_i64(t)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in s.chars() {
        if c == '\t' {
            if ts > 0 {
                let n = ts - col % ts;
                crate::objects::list::check_size(vm, out.len().saturating_add(n as usize), 1)?;
                out.extend(std::iter::repeat(' ').take(n as usize));
                col += n;
            }
        } else {
            out.push(c);
            col = if c == '\n' || c == '\r' { 0 } else { col + 1 };
        }
    }
    Ok(vm.new_string(out))
}

fn str_translate(vm: &Vm, args: Args) -> PyResult {
    let [s, table] = args.exact::<2>(vm, "translate")?;
    let s = this(vm, s)?.as_str();
    let mut out = String::new();
    for c in s.chars() {
        let key = vm.new_int(c as i64);
        match vm.getitem(table, &key) {
            Ok(v) => {
                if vm.is_none(&v) {
                    continue;
                }
                if let Some(i) = v.payload::<crate::objects::PyInt>() {
                    out.push(
                        i.as_small()
                            .and_then(|x| char::from_u32(x as u32))
                            .unwrap_or('?'),
                    );
                } else {
                    out.push_str(&vm.str_of(&v)?);
                }
            }
            Err(e) if e.as_object().class().is_subtype(&vm.ctx.exc.lookup_error) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(vm.new_string(out))
}

fn str_maketrans(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "maketrans", 1, 3)?;
    let d = vm.new_dict();
    if p.len() == 1 {
        let src = p[0].payload::<crate::objects::PyDict>().ok_or_else(|| {
            vm.new_type_error("if you give only one argument to maketrans it must be a dict")
        })?;
        for (k, v) in src.items_vec() {
            let key = match k.payload::<PyStr>() {
                Some(s) => vm.new_int(s.as_str().chars().next().map(|c| c as i64).unwrap_or(0)),
                None => k,
            };
            d.set_item(vm, key, v)?;
        }
    } else {
        let a: Vec<char> = must_str(vm, &p[0], "maketrans() argument 1 must be str")?
            .chars()
            .collect();
        let b: Vec<char> = must_str(vm, &p[1], "maketrans() argument 2 must be str")?
            .chars()
            .collect();
        if a.len() != b.len() {
            return Err(
                vm.new_value_error("the first two maketrans arguments must have equal length")
            );
        }
        for (x, y) in a.iter().zip(b.iter()) {
            d.set_item(vm, vm.new_int(*x as i64), vm.new_int(*y as i64))?;
        }
        if let Some(z) = p.get(2) {
            for c in must_str(vm, z, "maketrans() argument 3 must be str")?.chars() {
                d.set_item(vm, vm.new_int(c as i64), vm.none())?;
            }
        }
    }
    Ok(d.into())
}

fn str_getnewargs(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?.as_str();
    Ok(vm.new_tuple(vec![vm.new_str(s)]))
}

fn str_sizeof(vm: &Vm, args: Args) -> PyResult {
    let s = this(vm, &args.args[0])?;
    let max = s.as_str().chars().map(|c| c as u32).max().unwrap_or(0);
    let n = s.char_len() as i64;
    let size = if max < 128 {
        49 + n
    } else if max < 256 {
        73 + n
    } else if max < 65536 {
        74 + 2 * n
    } else {
        76 + 4 * n
    };
    Ok(vm.new_int(size))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.str_type;
    vm.add_new(t, str_new);
    vm.add_methods(
        t,
        &[
            ("__repr__", str_repr),
            ("__str__", str_str),
            ("__hash__", str_hash),
            ("__len__", str_len),
            ("__format__", str_format_spec),
            ("__mod__", str_mod),
            ("__getnewargs__", str_getnewargs),
            ("__sizeof__", str_sizeof),
            ("upper", str_upper),
            ("lower", str_lower),
            ("casefold", str_casefold),
            ("swapcase", str_swapcase),
            ("capitalize", str_capitalize),
            ("title", str_title),
            ("isdigit", str_isdigit),
            ("isdecimal", str_isdecimal),
            ("isnumeric", str_isnumeric),
            ("isalpha", str_isalpha),
            ("isalnum", str_isalnum),
            ("isspace", str_isspace),
            ("isascii", str_isascii),
            ("isidentifier", str_isidentifier),
            ("isprintable", str_isprintable),
            ("isupper", str_isupper),
            ("islower", str_islower),
            ("istitle", str_istitle),
            ("strip", str_strip),
            ("lstrip", str_lstrip),
            ("rstrip", str_rstrip),
            ("split", str_split),
            ("rsplit", str_rsplit),
            ("splitlines", str_splitlines),
            ("join", str_join),
            ("replace", str_replace),
            ("find", str_find),
            ("rfind", str_rfind),
            ("index", str_index),
            ("rindex", str_rindex),
            ("count", str_count),
            ("startswith", str_startswith),
            ("endswith", str_endswith),
            ("center", str_center),
            ("ljust", str_ljust),
            ("rjust", str_rjust),
            ("zfill", str_zfill),
            ("partition", str_partition),
            ("rpartition", str_rpartition),
            ("removeprefix", str_removeprefix),
            ("removesuffix", str_removesuffix),
            ("encode", str_encode),
            ("format", str_format),
            ("format_map", str_format_map),
            ("expandtabs", str_expandtabs),
            ("translate", str_translate),
        ],
    );
    vm.add_staticmethod(t, "maketrans", str_maketrans);
    crate::eval::ops::add_sequence_dunders(vm, t);
}
