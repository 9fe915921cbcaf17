//! `bytes`: immutable byte strings (literal repr, decode, the common methods).

use crate::args::Args;
use crate::heap::{PyObject, PyPayload};
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
            c if c as char == quote => {
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

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a [u8]> {
    o.payload::<PyBytes>().map(|b| &b.value[..]).ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'bytes' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn new_bytes(vm: &Vm, v: Vec<u8>) -> PyResult {
    Ok(vm
        .new_object(PyBytes { value: v }, &vm.ctx.types.bytes_type)
        .into())
}

fn bytes_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("bytes.__new__(X): X is not a type object"))?;
    let a = args
        .shift()
        .bind(vm, "bytes", &["source", "encoding", "errors"], 0)?;
    let v = match (&a[0], &a[1]) {
        (None, _) => Vec::new(),
        (Some(s), Some(_)) => {
            let s = s
                .payload::<crate::objects::PyStr>()
                .ok_or_else(|| vm.new_type_error("encoding without a string argument"))?;
            s.as_str().as_bytes().to_vec()
        }
        (Some(s), None) => {
            if s.payload::<crate::objects::PyStr>().is_some() {
                return Err(vm.new_type_error("string argument without an encoding"));
            }
            if let Some(i) = s.payload::<PyInt>() {
                let n = i.as_small().ok_or_else(|| {
                    vm.new_overflow_error("cannot fit 'int' into an index-sized integer")
                })?;
                if n < 0 {
                    return Err(vm.new_value_error("negative count"));
                }
                crate::objects::list::check_size(vm, n as usize, 1)?;
                vec![0; n as usize]
            } else if let Some(b) = s.payload::<PyBytes>() {
                b.value.clone()
            } else {
                let mut out = Vec::new();
                for x in vm.iterate(s)? {
                    let i = vm.to_index_i64(&x)?;
                    if !(0..256).contains(&i) {
                        return Err(vm.new_value_error("bytes must be in range(0, 256)"));
                    }
                    out.push(i as u8);
                }
                out
            }
        }
    };
    if cls.as_object().is(vm.ctx.types.bytes_type.as_object()) {
        new_bytes(vm, v)
    } else {
        Ok(vm.new_instance(PyBytes { value: v }, &cls).into())
    }
}

fn b_repr(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_string(bytes_repr(this(vm, &args.args[0])?)))
}

fn b_len(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this(vm, &args.args[0])?.len() as i64))
}

fn b_hash(vm: &Vm, args: Args) -> PyResult {
    let b = this(vm, &args.args[0])?;
    let mut x: u64 = 0xcbf29ce484222325;
    for &c in b {
        x ^= c as u64;
        x = x.wrapping_mul(0x100000001b3);
    }
    let h = (x >> 1) as i64;
    Ok(vm.new_int(if h == -1 { -2 } else { h }))
}

fn b_getitem(vm: &Vm, args: Args) -> PyResult {
    let [o, i] = args.exact::<2>(vm, "__getitem__")?;
    let b = this(vm, o)?;
    if let Some(s) = i.payload::<PySlice>() {
        let si = SliceIndices::new(vm, s, b.len())?;
        return new_bytes(vm, si.iter().map(|k| b[k]).collect());
    }
    let k = crate::objects::list::norm_index(vm, i, b.len(), "index out of range")?;
    Ok(vm.new_int(b[k] as i64))
}

fn b_eq(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__eq__")?;
    match b.payload::<PyBytes>() {
        Some(y) => Ok(vm.new_bool(this(vm, a)? == &y.value[..])),
        None => Ok(vm.not_implemented()),
    }
}

fn b_ne(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__ne__")?;
    match b.payload::<PyBytes>() {
        Some(y) => Ok(vm.new_bool(this(vm, a)? != &y.value[..])),
        None => Ok(vm.not_implemented()),
    }
}

fn b_lt(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__lt__")?;
    match b.payload::<PyBytes>() {
        Some(y) => Ok(vm.new_bool(this(vm, a)? < &y.value[..])),
        None => Ok(vm.not_implemented()),
    }
}

fn b_add(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__add__")?;
    let x = this(vm, a)?;
    let y = vm
        .bytes_like(b)
        .map_err(|_| vm.new_type_error(format!("can't concat {} to bytes", b.class().name())))?;
    let mut v = x.to_vec();
    v.extend(y);
    new_bytes(vm, v)
}

fn b_mul(vm: &Vm, args: Args) -> PyResult {
    let [a, n] = args.exact::<2>(vm, "__mul__")?;
    let Some(n) = crate::objects::list::repeat_count(vm, n)? else {
        return Ok(vm.not_implemented());
    };
    let x = this(vm, a)?;
    crate::objects::list::check_size(vm, x.len().saturating_mul(n), 1)?;
    new_bytes(vm, x.repeat(n))
}

fn b_contains(vm: &Vm, args: Args) -> PyResult {
    let [a, x] = args.exact::<2>(vm, "__contains__")?;
    let b = this(vm, a)?;
    if let Some(i) = x.payload::<PyInt>() {
        let v = i.as_small().unwrap_or(-1);
        return Ok(vm.new_bool(b.iter().any(|&c| c as i64 == v)));
    }
    let sub = vm.bytes_like(x)?;
    Ok(vm.new_bool(sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..])))
}

fn b_iter(vm: &Vm, args: Args) -> PyResult {
    let [a] = args.exact::<1>(vm, "__iter__")?;
    this(vm, a)?;
    Ok(crate::objects::iter::new_seq_iter(
        vm,
        a.clone(),
        &vm.ctx.types.bytes_iterator_type,
    ))
}

fn b_decode(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "decode", &["self", "encoding", "errors"], 1)?;
    let b = this(vm, a[0].as_ref().unwrap())?;
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

fn b_hex(vm: &Vm, args: Args) -> PyResult {
    let b = this(vm, &args.args[0])?;
    Ok(vm.new_string(b.iter().map(|c| format!("{c:02x}")).collect()))
}

fn b_upper(vm: &Vm, args: Args) -> PyResult {
    new_bytes(vm, this(vm, &args.args[0])?.to_ascii_uppercase())
}

fn b_lower(vm: &Vm, args: Args) -> PyResult {
    new_bytes(vm, this(vm, &args.args[0])?.to_ascii_lowercase())
}

fn b_join(vm: &Vm, args: Args) -> PyResult {
    let [sep, it] = args.exact::<2>(vm, "join")?;
    let sep = this(vm, sep)?;
    let mut out = Vec::new();
    for (i, x) in vm.iterate(it)?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend(vm.bytes_like(x)?);
    }
    new_bytes(vm, out)
}

fn b_startswith(vm: &Vm, args: Args) -> PyResult {
    let [a, p] = args.exact::<2>(vm, "startswith")?;
    Ok(vm.new_bool(this(vm, a)?.starts_with(&vm.bytes_like(p)?)))
}

fn b_endswith(vm: &Vm, args: Args) -> PyResult {
    let [a, p] = args.exact::<2>(vm, "endswith")?;
    Ok(vm.new_bool(this(vm, a)?.ends_with(&vm.bytes_like(p)?)))
}

fn b_find(vm: &Vm, args: Args) -> PyResult {
    let [a, p] = args.exact::<2>(vm, "find")?;
    let b = this(vm, a)?;
    let sub = vm.bytes_like(p)?;
    let r = if sub.is_empty() {
        Some(0)
    } else {
        b.windows(sub.len()).position(|w| w == &sub[..])
    };
    Ok(vm.new_int(r.map(|i| i as i64).unwrap_or(-1)))
}

fn b_split(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "split", 1, 2)?;
    let b = this(vm, &p[0])?;
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
        .map(|v| new_bytes(vm, v))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(vm.new_list(items))
}

fn b_strip(vm: &Vm, args: Args) -> PyResult {
    let b = this(vm, &args.args[0])?;
    let s = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let e = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map(|i| i + 1)
        .unwrap_or(s);
    new_bytes(vm, b[s..e.max(s)].to_vec())
}

fn b_count(vm: &Vm, args: Args) -> PyResult {
    let [a, p] = args.exact::<2>(vm, "count")?;
    let b = this(vm, a)?;
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

fn b_replace(vm: &Vm, args: Args) -> PyResult {
    let [a, old, new] = args.exact::<3>(vm, "replace")?;
    let b = this(vm, a)?;
    let (old, new) = (vm.bytes_like(old)?, vm.bytes_like(new)?);
    if old.is_empty() {
        return new_bytes(vm, b.to_vec());
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
    new_bytes(vm, out)
}

fn b_fromhex(vm: &Vm, args: Args) -> PyResult {
    let [_, s] = args.exact::<2>(vm, "fromhex")?;
    let s = vm.str_of(s)?;
    let clean: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for pair in clean.chunks(2) {
        let t: String = pair.iter().collect();
        out.push(
            u8::from_str_radix(&t, 16)
                .map_err(|_| vm.new_value_error("non-hexadecimal number found in fromhex() arg"))?,
        );
    }
    new_bytes(vm, out)
}

fn b_sizeof(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(33 + this(vm, &args.args[0])?.len() as i64))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.bytes_type;
    vm.add_new(t, bytes_new);
    vm.add_methods(
        t,
        &[
            ("__repr__", b_repr),
            ("__len__", b_len),
            ("__hash__", b_hash),
            ("__getitem__", b_getitem),
            ("__eq__", b_eq),
            ("__ne__", b_ne),
            ("__lt__", b_lt),
            ("__add__", b_add),
            ("__mul__", b_mul),
            ("__rmul__", b_mul),
            ("__contains__", b_contains),
            ("__iter__", b_iter),
            ("__sizeof__", b_sizeof),
            ("decode", b_decode),
            ("hex", b_hex),
            ("upper", b_upper),
            ("lower", b_lower),
            ("join", b_join),
            ("startswith", b_startswith),
            ("endswith", b_endswith),
            ("find", b_find),
            ("split", b_split),
            ("strip", b_strip),
            ("count", b_count),
            ("replace", b_replace),
        ],
    );
    vm.add_classmethod(t, "fromhex", b_fromhex);
}
