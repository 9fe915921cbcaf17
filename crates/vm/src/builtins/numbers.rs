//! Numeric builtins: `abs`, `round`, `divmod`, `pow`, `sum`, `hex`, `oct`, `bin`,
//! `chr`, `ord`. Arithmetic itself is in `eval/ops.rs` and `objects/int.rs`.

use mempy_bytecode::BinaryOperator;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef};
use crate::objects::int::index_bigint;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

use super::introspection::one_arg;

pub(super) fn builtin_abs(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "abs")
        .map_err(|_| one_arg(vm, "abs", args))?;
    if let Some(r) = crate::eval::ops::exact_abs(vm, o) {
        return Ok(r);
    }
    vm.call_special(o, "__abs__", &[])?.ok_or_else(|| {
        vm.new_type_error(format!(
            "bad operand type for abs(): '{}'",
            o.class().name()
        ))
    })
}

pub(super) fn builtin_round(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "round", &["number", "ndigits"], 1)?;
    let x = a[0].as_ref().unwrap();
    let Some(m) = vm.lookup_special(x, "__round__") else {
        return Err(vm.new_type_error(format!(
            "type {} doesn't define __round__ method",
            x.class().name()
        )));
    };
    match &a[1] {
        Some(n) if !vm.is_none(n) => vm.call_unbound(&m, &[x.clone(), n.clone()]),
        _ => vm.call_unbound(&m, &[x.clone()]),
    }
}

pub(super) fn builtin_divmod(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "divmod", 2, 2)?;
    let (a, b) = (&p[0], &p[1]);
    let ca = a.class();
    let cb = b.class();
    let same = ca.as_object().is(cb.as_object());
    let rfirst = !same && cb.is_subtype(ca);
    let try_r = |x: &PyObject, y: &PyObject| vm.call_special(y, "__rdivmod__", &[x.to_owned()]);
    if rfirst {
        if let Some(r) = try_r(a, b)?.filter(|r| !r.is(&vm.ctx.not_implemented)) {
            return Ok(r);
        }
    }
    if let Some(r) = vm
        .call_special(a, "__divmod__", &[b.clone()])?
        .filter(|r| !r.is(&vm.ctx.not_implemented))
    {
        return Ok(r);
    }
    if !same && !rfirst {
        if let Some(r) = try_r(a, b)?.filter(|r| !r.is(&vm.ctx.not_implemented)) {
            return Ok(r);
        }
    }
    Err(vm.new_type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        ca.name(),
        cb.name()
    )))
}

pub(super) fn builtin_pow(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "pow", &["base", "exp", "mod"], 2)?;
    let base = a[0].as_ref().unwrap();
    let exp = a[1].as_ref().unwrap();
    match &a[2] {
        Some(m) if !vm.is_none(m) => {
            let (Some(b), Some(e), Some(md)) = (
                base.payload::<PyInt>(),
                exp.payload::<PyInt>(),
                m.payload::<PyInt>(),
            ) else {
                if base.class().is_heap_type() {
                    if let Some(r) = vm.call_special(base, "__pow__", &[exp.clone(), m.clone()])? {
                        if !r.is(&vm.ctx.not_implemented) {
                            return Ok(r);
                        }
                    }
                }
                return Err(vm.new_type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            modpow(vm, b.to_bigint(), e.to_bigint(), md.to_bigint())
        }
        _ => vm.binary_op(base, exp, BinaryOperator::Power),
    }
}

fn modpow(vm: &Vm, b: BigInt, e: BigInt, m: BigInt) -> PyResult {
    if m.is_zero() {
        return Err(vm.new_value_error("pow() 3rd argument cannot be 0"));
    }
    let mabs = m.abs();
    let (b, e) = if e.is_negative() {
        let inv = mod_inverse(&b.mod_floor(&mabs), &mabs)
            .ok_or_else(|| vm.new_value_error("base is not invertible for the given modulus"))?;
        (inv, -e)
    } else {
        (b, e)
    };
    let mut r = b.mod_floor(&mabs).modpow(&e, &mabs);
    if mabs.is_one() {
        r = BigInt::zero();
    }
    if m.is_negative() && !r.is_zero() {
        r += &m;
    }
    Ok(vm.new_bigint(r))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let g = a.extended_gcd(m);
    if !g.gcd.is_one() {
        return None;
    }
    Some(g.x.mod_floor(m))
}

pub(super) fn builtin_sum(vm: &Vm, args: Args) -> PyResult {
    let pos = args.positional();
    if pos.is_empty() && args.kwarg("iterable").is_none() {
        return Err(vm.new_type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    let a = args.bind(vm, "sum", &["iterable", "start"], 1)?;
    let mut acc: PyObjectRef = a[1].clone().unwrap_or_else(|| vm.new_int(0));
    if acc.payload::<PyStr>().is_some() {
        return Err(vm.new_type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if acc.payload::<PyBytes>().is_some() {
        return Err(vm.new_type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    let it = vm.get_iter(a[0].as_ref().unwrap())?;
    // Fast paths on exact ints (i64 until overflow) and floats (plain double sums, as 3.11).
    while let Some(x) = vm.next(&it)? {
        let exact_int = |o: &PyObject| o.class().as_object().is(vm.ctx.types.int_type.as_object());
        let exact_float = |o: &PyObject| {
            o.class()
                .as_object()
                .is(vm.ctx.types.float_type.as_object())
        };
        if exact_float(&acc) {
            if exact_float(&x) {
                acc = vm.new_float(
                    acc.payload::<PyFloat>().unwrap().value + x.payload::<PyFloat>().unwrap().value,
                );
                continue;
            }
            if exact_int(&x) {
                if let Some(v) = x
                    .payload::<PyInt>()
                    .unwrap()
                    .as_small()
                    .filter(|v| v.unsigned_abs() < (1 << 53))
                {
                    acc = vm.new_float(acc.payload::<PyFloat>().unwrap().value + v as f64);
                    continue;
                }
            }
        }
        if exact_int(&acc) && exact_int(&x) {
            if let (Some(p), Some(q)) = (
                acc.payload::<PyInt>().unwrap().as_small(),
                x.payload::<PyInt>().unwrap().as_small(),
            ) {
                if let Some(r) = p.checked_add(q) {
                    acc = vm.new_int(r);
                    continue;
                }
            }
        }
        acc = vm.binary_op(&acc, &x, BinaryOperator::Add)?;
    }
    Ok(acc)
}

fn radix_builtin(vm: &Vm, args: Args, name: &str, radix: u32, prefix: &str) -> PyResult {
    let [o] = args
        .exact::<1>(vm, name)
        .map_err(|_| one_arg(vm, name, args))?;
    let v = index_bigint(vm, o)?;
    let digits = v.magnitude().to_str_radix(radix);
    let sign = if v.is_negative() { "-" } else { "" };
    Ok(vm.new_string(format!("{sign}{prefix}{digits}")))
}

pub(super) fn builtin_hex(vm: &Vm, args: Args) -> PyResult {
    radix_builtin(vm, args, "hex", 16, "0x")
}
pub(super) fn builtin_oct(vm: &Vm, args: Args) -> PyResult {
    radix_builtin(vm, args, "oct", 8, "0o")
}
pub(super) fn builtin_bin(vm: &Vm, args: Args) -> PyResult {
    radix_builtin(vm, args, "bin", 2, "0b")
}

pub(super) fn builtin_chr(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "chr")
        .map_err(|_| one_arg(vm, "chr", args))?;
    let i = index_bigint(vm, o)?;
    let c = i64::try_from(&i)
        .map_err(|_| vm.new_overflow_error("Python int too large to convert to C int"))?;
    if c > i32::MAX as i64 || c < i32::MIN as i64 {
        return Err(vm.new_overflow_error(if c < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        }));
    }
    match u32::try_from(c).ok().filter(|&c| c < 0x110000) {
        // Lone surrogates cannot live in a Rust string; they map to U+FFFD.
        Some(c) => Ok(vm.new_str(
            char::from_u32(c)
                .unwrap_or('\u{fffd}')
                .encode_utf8(&mut [0; 4]),
        )),
        None => Err(vm.new_value_error("chr() arg not in range(0x110000)")),
    }
}

pub(super) fn builtin_ord(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "ord")
        .map_err(|_| one_arg(vm, "ord", args))?;
    if let Some(s) = o.payload::<PyStr>() {
        if s.char_len() != 1 {
            return Err(vm.new_type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.char_len()
            )));
        }
        return Ok(vm.new_int(s.char_at(0) as i64));
    }
    if let Some(b) = o.payload::<PyBytes>() {
        if b.value.len() != 1 {
            return Err(vm.new_type_error(format!(
                "ord() expected a character, but string of length {} found",
                b.value.len()
            )));
        }
        return Ok(vm.new_int(b.value[0] as i64));
    }
    Err(vm.new_type_error(format!(
        "ord() expected string of length 1, but {} found",
        o.class().name()
    )))
}
