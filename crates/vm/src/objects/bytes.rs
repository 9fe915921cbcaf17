//! `bytes`: immutable byte strings (literal repr, decode, the common methods).
//!
//! The read-only methods are shared with `bytearray` (`objects/bytearray.rs`): each is
//! generic over `const BA: bool`, so `b_upper::<false>` is `bytes.upper` (exact receiver
//! check, returns bytes) and `b_upper::<true>` is `bytearray.upper` (returns a bytearray).

use std::borrow::Cow;

use crate::args::Args;
use crate::heap::{PyObject, PyPayload};
use crate::objects::bytearray::{new_bytearray, PyByteArray};
use crate::objects::slice::SliceIndices;
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyInt, PySlice, PyType};
use crate::vm::{PyResult, Vm};

pub struct PyBytes {
    pub value: Vec<u8>,
}

impl PyPayload for PyBytes {
    const GC: bool = false;
}

pub fn bytes_repr(b: &[u8]) -> String {
    repr_literal(b, false)
}

/// `b'...'` for `b`; `escape_single` escapes `'` even inside double quotes, as
/// CPython's `bytearray.__repr__` does.
pub fn repr_literal(b: &[u8], escape_single: bool) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote || (escape_single && c == b'\'') => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// The contents of any bytes-like object (`bytes` borrowed, `bytearray` copied).
pub fn buffer_of(o: &PyObject) -> Option<Cow<'_, [u8]>> {
    if let Some(b) = o.payload::<PyBytes>() {
        return Some(Cow::Borrowed(&b.value[..]));
    }
    o.payload::<PyByteArray>().map(|b| Cow::Owned(b.to_vec()))
}

/// The receiver's bytes: a `bytes` when `BA` is false, a `bytearray` when true.
fn this<'a, const BA: bool>(vm: &Vm, o: &'a PyObject) -> PyResult<Cow<'a, [u8]>> {
    let v = if BA {
        o.payload::<PyByteArray>().map(|b| Cow::Owned(b.to_vec()))
    } else {
        o.payload::<PyBytes>().map(|b| Cow::Borrowed(&b.value[..]))
    };
    v.ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a '{}' object but received a '{}'",
            if BA { "bytearray" } else { "bytes" },
            o.class().name()
        ))
    })
}

fn new_bytes(vm: &Vm, v: Vec<u8>) -> PyResult {
    Ok(vm
        .new_object(PyBytes { value: v }, &vm.ctx.types.bytes_type)
        .into())
}

/// A new object of the receiver's kind: bytes, or a bytearray sized as CPython's
/// `PyByteArray_FromStringAndSize`.
fn new_like<const BA: bool>(vm: &Vm, v: Vec<u8>) -> PyResult {
    if BA {
        Ok(new_bytearray(vm, v))
    } else {
        new_bytes(vm, v)
    }
}

/// How `bytes(source)`/`bytearray(source)` got the bytes: CPython sizes a new bytearray
/// exactly for a count, a buffer or a list/tuple of ints, and by appending otherwise.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceKind {
    /// A count, a buffer, or a list/tuple of exact ints: one exact allocation.
    Exact,
    /// Any other iterable: byte by byte, as `append` grows.
    Iterated,
    /// A list/tuple holding a non-int: CPython sized it, shrank it to 0, then appended.
    SequenceSlowPath,
}

/// The bytes named by the arguments `source, encoding, errors` of `bytes()` and
/// `bytearray()` (`tname` names the type in messages).
pub(crate) fn bytes_from_source(
    vm: &Vm,
    a: &[Option<crate::heap::PyObjectRef>],
    tname: &str,
) -> PyResult<(Vec<u8>, SourceKind)> {
    let Some(s) = &a[0] else {
        if a[1].is_some() {
            return Err(vm.new_type_error("encoding without a string argument"));
        }
        if a[2].is_some() {
            return Err(vm.new_type_error("errors without a string argument"));
        }
        return Ok((Vec::new(), SourceKind::Exact));
    };
    if s.payload::<crate::objects::PyStr>().is_some() {
        let Some(enc) = &a[1] else {
            return Err(vm.new_type_error("string argument without an encoding"));
        };
        let mut args = vec![enc.clone()];
        if let Some(e) = &a[2] {
            args.push(e.clone());
        }
        let r = vm.call_method(s, "encode", &args)?;
        let v = vm.bytes_like(&r)?;
        return Ok((v, SourceKind::Exact));
    }
    if a[1].is_some() {
        return Err(vm.new_type_error("encoding without a string argument"));
    }
    if a[2].is_some() {
        return Err(vm.new_type_error("errors without a string argument"));
    }
    if let Some(b) = buffer_of(s) {
        return Ok((b.into_owned(), SourceKind::Exact));
    }
    if vm.is_index(s) {
        let n = vm.to_index_i64(s).map_err(|e| {
            if e.as_object().class().is_subtype(&vm.ctx.exc.overflow_error) {
                vm.new_overflow_error("cannot fit 'int' into an index-sized integer")
            } else {
                e
            }
        })?;
        if n < 0 {
            return Err(vm.new_value_error("negative count"));
        }
        crate::objects::list::check_size(vm, n as usize, 1)?;
        return Ok((vec![0; n as usize], SourceKind::Exact));
    }
    let range_msg = if tname == "bytes" {
        "bytes must be in range(0, 256)"
    } else {
        "byte must be in range(0, 256)"
    };
    let to_byte = |x: &PyObject| -> PyResult<u8> {
        let i = vm.to_index_i64(x)?;
        if !(0..256).contains(&i) {
            return Err(vm.new_value_error(range_msg));
        }
        Ok(i as u8)
    };
    let seq = if s.class().as_object().is(vm.ctx.types.list_type.as_object()) {
        s.payload::<crate::objects::PyList>().map(|l| l.to_vec())
    } else if s
        .class()
        .as_object()
        .is(vm.ctx.types.tuple_type.as_object())
    {
        s.payload::<crate::objects::PyTuple>()
            .map(|t| t.as_slice().to_vec())
    } else {
        None
    };
    let (items, kind) = match seq {
        Some(items) => {
            let all_int = items
                .iter()
                .all(|x| x.class().as_object().is(vm.ctx.types.int_type.as_object()));
            let kind = if all_int {
                SourceKind::Exact
            } else {
                SourceKind::SequenceSlowPath
            };
            (items, kind)
        }
        None => {
            let it = vm.get_iter(s).map_err(|e| {
                if e.as_object().class().is_subtype(&vm.ctx.exc.type_error) {
                    vm.new_type_error(format!(
                        "cannot convert '{}' object to {tname}",
                        s.class().name()
                    ))
                } else {
                    e
                }
            })?;
            let mut items = Vec::new();
            while let Some(x) = vm.next(&it)? {
                items.push(x);
            }
            (items, SourceKind::Iterated)
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        out.push(to_byte(x)?);
    }
    Ok((out, kind))
}

fn bytes_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("bytes.__new__(X): X is not a type object"))?;
    let a = args
        .shift()
        .bind(vm, "bytes", &["source", "encoding", "errors"], 0)?;
    if let (Some(s), None, None) = (&a[0], &a[1], &a[2]) {
        if let Some(m) = vm.lookup_special(s, "__bytes__") {
            let r = vm.call(&m, &[s.clone()])?;
            if r.payload::<PyBytes>().is_none() {
                return Err(vm.new_type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    r.class().name()
                )));
            }
            if cls.as_object().is(vm.ctx.types.bytes_type.as_object()) {
                return Ok(r);
            }
            let v = vm.bytes_like(&r)?;
            return Ok(vm.new_instance(PyBytes { value: v }, &cls).into());
        }
    }
    let (v, _) = bytes_from_source(vm, &a, "bytes")?;
    if cls.as_object().is(vm.ctx.types.bytes_type.as_object()) {
        new_bytes(vm, v)
    } else {
        Ok(vm.new_instance(PyBytes { value: v }, &cls).into())
    }
}

fn b_repr(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_string(bytes_repr(&this::<false>(vm, &args.args[0])?)))
}

fn b_len<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this::<BA>(vm, &args.args[0])?.len() as i64))
}

fn b_hash(vm: &Vm, args: Args) -> PyResult {
    let b = this::<false>(vm, &args.args[0])?;
    let mut x: u64 = 0xcbf29ce484222325;
    for &c in b.iter() {
        x ^= c as u64;
        x = x.wrapping_mul(0x100000001b3);
    }
    let h = (x >> 1) as i64;
    Ok(vm.new_int(if h == -1 { -2 } else { h }))
}

fn b_getitem<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [o, i] = args.exact::<2>(vm, "__getitem__")?;
    let b = this::<BA>(vm, o)?;
    if let Some(s) = i.payload::<PySlice>() {
        let si = SliceIndices::new(vm, s, b.len())?;
        return new_like::<BA>(vm, si.iter().map(|k| b[k]).collect());
    }
    if !vm.is_index(i) {
        return Err(vm.new_type_error(format!(
            "{} indices must be integers or slices, not {}",
            if BA { "bytearray" } else { "byte" },
            i.class().name()
        )));
    }
    let msg = if BA {
        "bytearray index out of range"
    } else {
        "index out of range"
    };
    let k = crate::objects::list::norm_index(vm, i, b.len(), msg)?;
    Ok(vm.new_int(b[k] as i64))
}

/// The other operand of a comparison: bytes only for `bytes` (CPython's
/// `bytes_richcompare` leaves a bytearray to the reflected method), any buffer for
/// `bytearray`.
fn compare<const BA: bool>(
    vm: &Vm,
    args: Args,
    name: &str,
    f: fn(std::cmp::Ordering) -> bool,
) -> PyResult {
    let [a, b] = args.exact::<2>(vm, name)?;
    let x = this::<BA>(vm, a)?;
    let y = if BA {
        buffer_of(b)
    } else {
        b.payload::<PyBytes>().map(|y| Cow::Borrowed(&y.value[..]))
    };
    match y {
        Some(y) => Ok(vm.new_bool(f(x[..].cmp(&y[..])))),
        None => Ok(vm.not_implemented()),
    }
}

fn b_eq<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    compare::<BA>(vm, args, "__eq__", |o| o.is_eq())
}

fn b_ne<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    compare::<BA>(vm, args, "__ne__", |o| o.is_ne())
}

fn b_lt<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    compare::<BA>(vm, args, "__lt__", |o| o.is_lt())
}

fn b_le<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    compare::<BA>(vm, args, "__le__", |o| o.is_le())
}

fn b_gt<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    compare::<BA>(vm, args, "__gt__", |o| o.is_gt())
}

fn b_ge<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    compare::<BA>(vm, args, "__ge__", |o| o.is_ge())
}

fn b_add<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__add__")?;
    let x = this::<BA>(vm, a)?;
    let y = buffer_of(b).ok_or_else(|| {
        vm.new_type_error(format!(
            "can't concat {} to {}",
            b.class().name(),
            a.class().name()
        ))
    })?;
    let mut v = x.into_owned();
    v.extend_from_slice(&y);
    new_like::<BA>(vm, v)
}

fn b_mul<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [a, n] = args.exact::<2>(vm, "__mul__")?;
    let Some(n) = crate::objects::list::repeat_count(vm, n)? else {
        return Ok(vm.not_implemented());
    };
    let x = this::<BA>(vm, a)?;
    crate::objects::list::check_size(vm, x.len().saturating_mul(n), 1)?;
    new_like::<BA>(vm, x.repeat(n))
}

fn b_contains<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [a, x] = args.exact::<2>(vm, "__contains__")?;
    let b = this::<BA>(vm, a)?;
    if vm.is_index(x) {
        let v = vm.to_index_i64(x)?;
        if !(0..256).contains(&v) {
            return Err(vm.new_value_error("byte must be in range(0, 256)"));
        }
        return Ok(vm.new_bool(b.iter().any(|&c| c as i64 == v)));
    }
    let sub = vm.bytes_like(x)?;
    Ok(vm.new_bool(sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..])))
}

fn b_iter(vm: &Vm, args: Args) -> PyResult {
    let [a] = args.exact::<1>(vm, "__iter__")?;
    this::<false>(vm, a)?;
    Ok(crate::objects::iter::new_seq_iter(
        vm,
        a.clone(),
        &vm.ctx.types.bytes_iterator_type,
    ))
}

fn b_decode<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "decode", &["self", "encoding", "errors"], 1)?;
    let b = this::<BA>(vm, a[0].as_ref().unwrap())?;
    let b: &[u8] = &b;
    let enc = match &a[1] {
        Some(e) => vm.str_of(e)?.to_lowercase().replace(['-', '_'], ""),
        None => "utf8".into(),
    };
    let errors = match &a[2] {
        Some(e) => vm.str_of(e)?,
        None => "strict".into(),
    };
    let lossy = |limit: u8| -> String {
        b.iter()
            .filter_map(|&c| {
                if c < limit || limit == 0 {
                    Some(c as char)
                } else if errors == "replace" {
                    Some('\u{fffd}')
                } else {
                    None
                }
            })
            .collect()
    };
    match enc.as_str() {
        "utf8" => {
            match std::str::from_utf8(b) {
                Ok(s) => Ok(vm.new_str(s)),
                Err(_) if errors == "replace" => {
                    Ok(vm.new_string(String::from_utf8_lossy(b).into_owned()))
                }
                Err(_) if errors == "ignore" => {
                    let mut out = String::new();
                    let mut rest: &[u8] = b;
                    while !rest.is_empty() {
                        match std::str::from_utf8(rest) {
                            Ok(s) => {
                                out.push_str(s);
                                break;
                            }
                            Err(e) => {
                                let ok = e.valid_up_to();
                                out.push_str(std::str::from_utf8(&rest[..ok]).unwrap_or(""));
                                rest = &rest[ok + e.error_len().unwrap_or(rest.len() - ok)..];
                            }
                        }
                    }
                    Ok(vm.new_string(out))
                }
                Err(e) => {
                    let pos = e.valid_up_to();
                    let byte = b[pos];
                    let reason = if e.error_len().is_none() {
                        "unexpected end of data"
                    } else if (0x80..0xc0).contains(&byte) || byte >= 0xf8 {
                        "invalid start byte"
                    } else {
                        "invalid continuation byte"
                    };
                    Err(vm.new_exception_msg(
                    &vm.ctx.exc.unicode_decode_error,
                    format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}"),
                ))
                }
            }
        }
        "latin1" | "iso88591" | "latin" => Ok(vm.new_string(lossy(0))),
        "ascii" => {
            if let Some(pos) = b
                .iter()
                .position(|&c| c >= 128)
                .filter(|_| errors == "strict")
            {
                return Err(vm.new_exception_msg(
                    &vm.ctx.exc.unicode_decode_error,
                    format!("'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)", b[pos]),
                ));
            }
            Ok(vm.new_string(lossy(128)))
        }
        other => Err(vm.new_exception_msg(
            &vm.ctx.exc.lookup_error,
            format!("unknown encoding: {other}"),
        )),
    }
}

fn b_hex<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let b = this::<BA>(vm, &args.args[0])?;
    Ok(vm.new_string(b.iter().map(|c| format!("{c:02x}")).collect()))
}

fn b_upper<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    new_like::<BA>(vm, this::<BA>(vm, &args.args[0])?.to_ascii_uppercase())
}

fn b_lower<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    new_like::<BA>(vm, this::<BA>(vm, &args.args[0])?.to_ascii_lowercase())
}

fn b_join<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [sep, it] = args.exact::<2>(vm, "join")?;
    let sep = this::<BA>(vm, sep)?;
    let mut out = Vec::new();
    for (i, x) in vm.iterate(it)?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(vm.bytes_like(x)?);
    }
    new_like::<BA>(vm, out)
}

fn b_startswith<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [a, p] = args.exact::<2>(vm, "startswith")?;
    Ok(vm.new_bool(this::<BA>(vm, a)?.starts_with(&vm.bytes_like(p)?)))
}

fn b_endswith<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [a, p] = args.exact::<2>(vm, "endswith")?;
    Ok(vm.new_bool(this::<BA>(vm, a)?.ends_with(&vm.bytes_like(p)?)))
}

fn b_find<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [a, p] = args.exact::<2>(vm, "find")?;
    let b = this::<BA>(vm, a)?;
    let sub = vm.bytes_like(p)?;
    let r = if sub.is_empty() {
        Some(0)
    } else {
        b.windows(sub.len()).position(|w| w == &sub[..])
    };
    Ok(vm.new_int(r.map(|i| i as i64).unwrap_or(-1)))
}

fn b_split<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "split", 1, 2)?;
    let b = this::<BA>(vm, &p[0])?;
    let parts: Vec<Vec<u8>> = match p.get(1) {
        Some(s) if !vm.is_none(s) => {
            let sep = vm.bytes_like(s)?;
            if sep.is_empty() {
                return Err(vm.new_value_error("empty separator"));
            }
            let mut out = Vec::new();
            let mut start = 0;
            let mut i = 0;
            while i + sep.len() <= b.len() {
                if b[i..i + sep.len()] == sep[..] {
                    out.push(b[start..i].to_vec());
                    i += sep.len();
                    start = i;
                } else {
                    i += 1;
                }
            }
            out.push(b[start..].to_vec());
            out
        }
        _ => b
            .split(|c| c.is_ascii_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| s.to_vec())
            .collect(),
    };
    let items = parts
        .into_iter()
        .map(|v| new_like::<BA>(vm, v))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(vm.new_list(items))
}

fn b_strip<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let b = this::<BA>(vm, &args.args[0])?;
    let s = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let e = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map(|i| i + 1)
        .unwrap_or(s);
    new_like::<BA>(vm, b[s..e.max(s)].to_vec())
}

fn b_count<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [a, p] = args.exact::<2>(vm, "count")?;
    let b = this::<BA>(vm, a)?;
    if let Some(i) = p.payload::<PyInt>() {
        let v = i.as_small().unwrap_or(-1);
        return Ok(vm.new_int(b.iter().filter(|&&c| c as i64 == v).count() as i64));
    }
    let sub = vm.bytes_like(p)?;
    if sub.is_empty() {
        return Ok(vm.new_int(b.len() as i64 + 1));
    }
    let mut n = 0;
    let mut i = 0;
    while i + sub.len() <= b.len() {
        if b[i..i + sub.len()] == sub[..] {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    Ok(vm.new_int(n))
}

fn b_replace<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [a, old, new] = args.exact::<3>(vm, "replace")?;
    let b = this::<BA>(vm, a)?;
    let (old, new) = (vm.bytes_like(old)?, vm.bytes_like(new)?);
    if old.is_empty() {
        return new_like::<BA>(vm, b.to_vec());
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if i + old.len() <= b.len() && b[i..i + old.len()] == old[..] {
            out.extend_from_slice(&new);
            i += old.len();
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    new_like::<BA>(vm, out)
}

fn b_fromhex<const BA: bool>(vm: &Vm, args: Args) -> PyResult {
    let [cls, s] = args.exact::<2>(vm, "fromhex")?;
    let s = s.payload::<crate::objects::PyStr>().ok_or_else(|| {
        vm.new_type_error(format!(
            "fromhex() argument must be str, not {}",
            s.class().name()
        ))
    })?;
    let chars: Vec<char> = s.as_str().chars().collect();
    let bad = |i: usize| {
        vm.new_value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))
    };
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < chars.len() && chars[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let hi = chars[i].to_digit(16).ok_or_else(|| bad(i))?;
        i += 1;
        let lo = chars
            .get(i)
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| bad(i))?;
        i += 1;
        out.push((hi * 16 + lo) as u8);
    }
    let exact = if BA {
        &vm.ctx.types.bytearray_type
    } else {
        &vm.ctx.types.bytes_type
    };
    if cls.is(exact.as_object()) {
        new_like::<BA>(vm, out)
    } else {
        let v = new_like::<BA>(vm, out)?;
        vm.call(cls, &[v])
    }
}

fn b_sizeof(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(33 + this::<false>(vm, &args.args[0])?.len() as i64))
}

/// The read-only methods `bytes` and `bytearray` share (`BA`: the bytearray versions).
pub(crate) fn shared_methods<const BA: bool>() -> Vec<(&'static str, crate::args::NativeFn)> {
    vec![
        ("__len__", b_len::<BA>),
        ("__getitem__", b_getitem::<BA>),
        ("__eq__", b_eq::<BA>),
        ("__ne__", b_ne::<BA>),
        ("__lt__", b_lt::<BA>),
        ("__le__", b_le::<BA>),
        ("__gt__", b_gt::<BA>),
        ("__ge__", b_ge::<BA>),
        ("__add__", b_add::<BA>),
        ("__mul__", b_mul::<BA>),
        ("__rmul__", b_mul::<BA>),
        ("__contains__", b_contains::<BA>),
        ("decode", b_decode::<BA>),
        ("hex", b_hex::<BA>),
        ("upper", b_upper::<BA>),
        ("lower", b_lower::<BA>),
        ("join", b_join::<BA>),
        ("startswith", b_startswith::<BA>),
        ("endswith", b_endswith::<BA>),
        ("find", b_find::<BA>),
        ("split", b_split::<BA>),
        ("strip", b_strip::<BA>),
        ("count", b_count::<BA>),
        ("replace", b_replace::<BA>),
    ]
}

/// The `fromhex` class method of `bytes` (`BA` false) or `bytearray`.
pub(crate) fn fromhex_method<const BA: bool>() -> crate::args::NativeFn {
    b_fromhex::<BA>
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.bytes_type;
    vm.add_new(t, bytes_new);
    vm.add_methods(t, &shared_methods::<false>());
    vm.add_methods(
        t,
        &[
            ("__repr__", b_repr),
            ("__hash__", b_hash),
            ("__iter__", b_iter),
            ("__sizeof__", b_sizeof),
        ],
    );
    vm.add_classmethod(t, "fromhex", b_fromhex::<false>);
}
