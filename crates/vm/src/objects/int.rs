//! `int` (and the payload of `bool`): an i64 fast path with an arbitrary-precision
//! fallback (`num-bigint`). Arithmetic helpers here are called by the eval loop's fast
//! paths (`eval/ops.rs`) and by the `int` methods registered in `init`.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyFloat, PyStr, PyType};
use crate::vm::{PyResult, Vm};

/// An int value: small ints inline, big ones boxed (keeps the payload 16 bytes).
#[derive(Clone, Debug)]
pub enum IntVal {
    Small(i64),
    Big(Box<BigInt>),
}

pub struct PyInt {
    pub value: IntVal,
}

impl PyPayload for PyInt {
    const GC: bool = false;
}

impl PyInt {
    pub fn from_i64(i: i64) -> PyInt {
        PyInt {
            value: IntVal::Small(i),
        }
    }

    pub fn from_bigint(b: BigInt) -> PyInt {
        match b.to_i64() {
            Some(i) => PyInt {
                value: IntVal::Small(i),
            },
            None => PyInt {
                value: IntVal::Big(Box::new(b)),
            },
        }
    }

    #[inline]
    pub fn as_small(&self) -> Option<i64> {
        match self.value {
            IntVal::Small(i) => Some(i),
            IntVal::Big(_) => None,
        }
    }

    pub fn to_bigint(&self) -> BigInt {
        match &self.value {
            IntVal::Small(i) => BigInt::from(*i),
            IntVal::Big(b) => (**b).clone(),
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self.value, IntVal::Small(0))
    }

    pub fn to_f64(&self) -> Option<f64> {
        match &self.value {
            IntVal::Small(i) => Some(*i as f64),
            IntVal::Big(b) => {
                let f = b.to_f64()?;
                if f.is_finite() {
                    Some(f)
                } else {
                    None
                }
            }
        }
    }

    pub fn hash(&self) -> i64 {
        match &self.value {
            IntVal::Small(i) => hash_i64(*i),
            IntVal::Big(b) => {
                let m = BigInt::from(MODULUS);
                let r = (b.abs() % &m).to_i64().unwrap();
                let h = if b.sign() == Sign::Minus { -r } else { r };
                if h == -1 {
                    -2
                } else {
                    h
                }
            }
        }
    }

    pub fn to_string_radix(&self, radix: u32) -> String {
        match &self.value {
            IntVal::Small(i) if radix == 10 => i.to_string(),
            _ => self.to_bigint().to_str_radix(radix),
        }
    }
}

/// CPython's numeric hash modulus `2**61 - 1`.
pub const MODULUS: i64 = (1 << 61) - 1;

pub fn hash_i64(i: i64) -> i64 {
    let h = if i.unsigned_abs() < MODULUS as u64 {
        i
    } else {
        let r = (i.unsigned_abs() % MODULUS as u64) as i64;
        if i < 0 {
            -r
        } else {
            r
        }
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's `_Py_HashPointer`.
pub fn hash_pointer(addr: usize) -> i64 {
    let h = addr.rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `operator.index(o)` as a BigInt: ints directly, other objects through `__index__`.
pub fn index_bigint(vm: &Vm, o: &PyObject) -> PyResult<BigInt> {
    if let Some(i) = o.payload::<PyInt>() {
        return Ok(i.to_bigint());
    }
    if let Some(m) = vm.lookup_special(o, "__index__") {
        let r = vm.call_unbound(&m, &[o.to_owned()])?;
        return match r.payload::<PyInt>() {
            Some(i) => Ok(i.to_bigint()),
            None => Err(vm.new_type_error(format!(
                "__index__ returned non-int (type {})",
                r.class().name()
            ))),
        };
    }
    Err(vm.new_type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        o.class().name()
    )))
}

/// The int value of an int or bool object.
#[inline]
pub fn int_of(o: &PyObject) -> Option<&PyInt> {
    o.payload::<PyInt>()
}

pub fn new_int_obj(vm: &Vm, b: BigInt) -> PyObjectRef {
    vm.new_bigint(b)
}

// ----- Arithmetic on values (used by ops.rs) -----

pub fn add(vm: &Vm, a: &PyInt, b: &PyInt) -> PyObjectRef {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if let Some(r) = x.checked_add(y) {
            return vm.new_int(r);
        }
    }
    vm.new_bigint(a.to_bigint() + b.to_bigint())
}

pub fn sub(vm: &Vm, a: &PyInt, b: &PyInt) -> PyObjectRef {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if let Some(r) = x.checked_sub(y) {
            return vm.new_int(r);
        }
    }
    vm.new_bigint(a.to_bigint() - b.to_bigint())
}

pub fn mul(vm: &Vm, a: &PyInt, b: &PyInt) -> PyResult {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if let Some(r) = x.checked_mul(y) {
            return Ok(vm.new_int(r));
        }
    }
    let bits = a.to_bigint().bits() + b.to_bigint().bits();
    if bits > 1 << 36 {
        return Err(vm.new_memory_error());
    }
    Ok(vm.new_bigint(a.to_bigint() * b.to_bigint()))
}

pub fn floordiv(vm: &Vm, a: &PyInt, b: &PyInt) -> PyResult {
    if b.is_zero() {
        return Err(vm.new_zero_division_error("integer division or modulo by zero"));
    }
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if let Some(_) = x.checked_div(y) {
            return Ok(vm.new_int(num_integer::Integer::div_floor(&x, &y)));
        }
    }
    Ok(vm.new_bigint(a.to_bigint().div_floor(&b.to_bigint())))
}

pub fn modulo(vm: &Vm, a: &PyInt, b: &PyInt) -> PyResult {
    if b.is_zero() {
        return Err(vm.new_zero_division_error("integer modulo by zero"));
    }
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if x.checked_rem(y).is_some() {
            return Ok(vm.new_int(x.mod_floor(&y)));
        }
    }
    Ok(vm.new_bigint(a.to_bigint().mod_floor(&b.to_bigint())))
}

pub fn divmod(vm: &Vm, a: &PyInt, b: &PyInt) -> PyResult {
    if b.is_zero() {
        return Err(vm.new_zero_division_error("integer division or modulo by zero"));
    }
    let (q, r) = a.to_bigint().div_mod_floor(&b.to_bigint());
    Ok(vm.new_tuple(vec![vm.new_bigint(q), vm.new_bigint(r)]))
}

pub fn truediv(vm: &Vm, a: &PyInt, b: &PyInt) -> PyResult {
    if b.is_zero() {
        return Err(vm.new_zero_division_error("division by zero"));
    }
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return Ok(vm.new_float(x as f64 / y as f64));
        }
    }
    let (x, y) = (a.to_bigint(), b.to_bigint());
    // Scale to keep 64+ significant bits, then divide.
    let shift = (x.bits() as i64 - y.bits() as i64 - 64).max(0);
    let q: BigInt = if shift > 0 {
        (&x >> shift as usize) / &y
    } else {
        (&x << 64usize) / &y
    };
    let qf = q.to_f64().unwrap_or(f64::INFINITY);
    let r = if shift > 0 {
        qf * 2f64.powi(shift as i32)
    } else {
        qf / 2f64.powi(64)
    };
    if !r.is_finite() {
        return Err(vm.new_overflow_error("integer division result too large for a float"));
    }
    Ok(vm.new_float(r))
}

pub fn pow(vm: &Vm, a: &PyInt, b: &PyInt) -> PyResult {
    let bb = b.to_bigint();
    if bb.is_negative() {
        let x = a
            .to_f64()
            .ok_or_else(|| vm.new_overflow_error("int too large to convert to float"))?;
        let y = b
            .to_f64()
            .ok_or_else(|| vm.new_overflow_error("int too large to convert to float"))?;
        if x == 0.0 {
            return Err(vm.new_zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(vm.new_float(x.powf(y)));
    }
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if y <= u32::MAX as i64 {
            if let Some(r) = x.checked_pow(y as u32) {
                return Ok(vm.new_int(r));
            }
        }
    }
    let base = a.to_bigint();
    let Some(e) = bb.to_u64() else {
        return Err(vm.new_memory_error());
    };
    if base.is_zero() || base.is_one() {
        return Ok(vm.new_bigint(base));
    }
    if base == BigInt::from(-1) {
        return Ok(vm.new_int(if e % 2 == 0 { 1 } else { -1 }));
    }
    if (base.bits() as u128) * (e as u128) > (1u128 << 36) {
        return Err(vm.new_memory_error());
    }
    Ok(vm.new_bigint(num_traits::pow::Pow::pow(&base, e)))
}

pub fn lshift(vm: &Vm, a: &PyInt, b: &PyInt) -> PyResult {
    let s = b.to_bigint();
    if s.is_negative() {
        return Err(vm.new_value_error("negative shift count"));
    }
    if a.is_zero() {
        return Ok(vm.new_int(0));
    }
    let Some(s) = s.to_u64().filter(|&s| s < (1 << 36)) else {
        return Err(vm.new_overflow_error("too many digits in integer"));
    };
    if let Some(x) = a.as_small() {
        if s < 63 {
            if let Some(r) = x.checked_mul(1i64 << s) {
                return Ok(vm.new_int(r));
            }
        }
    }
    Ok(vm.new_bigint(a.to_bigint() << (s as usize)))
}

pub fn rshift(vm: &Vm, a: &PyInt, b: &PyInt) -> PyResult {
    let s = b.to_bigint();
    if s.is_negative() {
        return Err(vm.new_value_error("negative shift count"));
    }
    let s = s.to_u64().unwrap_or(u64::MAX);
    if let Some(x) = a.as_small() {
        return Ok(vm.new_int(if s >= 64 {
            if x < 0 {
                -1
            } else {
                0
            }
        } else {
            x >> s
        }));
    }
    let v = a.to_bigint();
    if s > v.bits() {
        return Ok(vm.new_int(if v.is_negative() { -1 } else { 0 }));
    }
    Ok(vm.new_bigint(v >> (s as usize)))
}

pub fn bitop(vm: &Vm, a: &PyInt, b: &PyInt, op: char) -> PyObjectRef {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return vm.new_int(match op {
            '&' => x & y,
            '|' => x | y,
            _ => x ^ y,
        });
    }
    let (x, y) = (a.to_bigint(), b.to_bigint());
    vm.new_bigint(match op {
        '&' => x & y,
        '|' => x | y,
        _ => x ^ y,
    })
}

pub fn neg(vm: &Vm, a: &PyInt) -> PyObjectRef {
    match a.as_small().and_then(|x| x.checked_neg()) {
        Some(r) => vm.new_int(r),
        None => vm.new_bigint(-a.to_bigint()),
    }
}

pub fn invert(vm: &Vm, a: &PyInt) -> PyObjectRef {
    match a.as_small() {
        Some(x) => vm.new_int(!x),
        None => vm.new_bigint(-a.to_bigint() - 1),
    }
}

pub fn cmp(a: &PyInt, b: &PyInt) -> std::cmp::Ordering {
    match (a.as_small(), b.as_small()) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.to_bigint().cmp(&b.to_bigint()),
    }
}

/// Compares an int with a float exactly (as CPython).
pub fn cmp_int_float(a: &PyInt, f: f64) -> Option<std::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Greater
        });
    }
    if let Some(x) = a.as_small() {
        if x.unsigned_abs() < (1 << 53) {
            return (x as f64).partial_cmp(&f);
        }
    }
    let fi = f.trunc();
    let bi = BigInt::from_f64_exact(fi);
    let c = a.to_bigint().cmp(&bi);
    if c != std::cmp::Ordering::Equal {
        return Some(c);
    }
    Some(if f > fi {
        std::cmp::Ordering::Less
    } else if f < fi {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    })
}

trait FromF64Exact {
    fn from_f64_exact(f: f64) -> BigInt;
}
impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> BigInt {
        num_traits::FromPrimitive::from_f64(f).unwrap_or_default()
    }
}

/// Parses the text of `int(s, base)`; None on a malformed literal.
pub fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let (base, digits) = {
        let pre = |p: &str| lower.starts_with(p);
        if (base == 16 || base == 0) && pre("0x") {
            (16, &t[2..])
        } else if (base == 8 || base == 0) && pre("0o") {
            (8, &t[2..])
        } else if (base == 2 || base == 0) && pre("0b") {
            (2, &t[2..])
        } else if base == 0 {
            if t.len() > 1 && t.starts_with('0') && t.chars().any(|c| c != '0' && c != '_') {
                return None;
            }
            (10, t)
        } else {
            (base, t)
        }
    };
    let digits = if let Some(d) = digits.strip_prefix('_') {
        if t.len() != digits.len() {
            d
        } else {
            return None;
        }
    } else {
        digits
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    let mut v = BigInt::parse_bytes(clean.as_bytes(), base)?;
    if neg {
        v = -v;
    }
    Some(v)
}

// ----- Methods -----

pub(crate) fn this(vm: &Vm, o: &PyObject) -> PyResult<BigInt> {
    int_of(o).map(|i| i.to_bigint()).ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'int' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn int_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("int.__new__(X): X is not a type object"))?;
    let a = args.shift().bind(vm, "int", &["x", "base"], 0)?;
    let value: BigInt = match (&a[0], &a[1]) {
        (None, None) => BigInt::zero(),
        (None, Some(_)) => return Err(vm.new_type_error("int() missing string argument")),
        (Some(x), None) => return vm.to_int_value(x).and_then(|v| make(vm, &cls, v)),
        (Some(x), Some(b)) => {
            let base = vm.to_index_i64(b)?;
            if base != 0 && !(2..=36).contains(&base) {
                return Err(vm.new_value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            let s = if let Some(s) = x.payload::<PyStr>() {
                s.as_str().to_string()
            } else if let Some(b) = x.payload::<crate::objects::PyBytes>() {
                String::from_utf8_lossy(&b.value).into_owned()
            } else {
                return Err(vm.new_type_error("int() can't convert non-string with explicit base"));
            };
            parse_int(&s, base as u32).ok_or_else(|| {
                vm.new_value_error(format!(
                    "invalid literal for int() with base {}: {}",
                    base,
                    vm.repr_string(x)
                ))
            })?
        }
    };
    make(vm, &cls, value)
}

fn make(vm: &Vm, cls: &crate::objects::PyTypeRef, v: BigInt) -> PyResult {
    if cls.as_object().is(vm.ctx.types.int_type.as_object()) {
        Ok(vm.new_bigint(v))
    } else {
        Ok(vm.new_instance(PyInt::from_bigint(v), cls).into())
    }
}

fn int_repr(vm: &Vm, args: Args) -> PyResult {
    let i = int_of(&args.args[0]).ok_or_else(|| vm.new_type_error("int expected"))?;
    Ok(vm.new_string(i.to_string_radix(10)))
}

fn int_hash(vm: &Vm, args: Args) -> PyResult {
    let i = int_of(&args.args[0]).ok_or_else(|| vm.new_type_error("int expected"))?;
    Ok(vm.new_int(i.hash()))
}

fn int_bool(vm: &Vm, args: Args) -> PyResult {
    let i = int_of(&args.args[0]).ok_or_else(|| vm.new_type_error("int expected"))?;
    Ok(vm.new_bool(!i.to_bigint().is_zero()))
}

fn int_int(vm: &Vm, args: Args) -> PyResult {
    let i = this(vm, &args.args[0])?;
    Ok(vm.new_bigint(i))
}

fn int_float(vm: &Vm, args: Args) -> PyResult {
    let i = int_of(&args.args[0]).ok_or_else(|| vm.new_type_error("int expected"))?;
    let f = i
        .to_f64()
        .ok_or_else(|| vm.new_overflow_error("int too large to convert to float"))?;
    Ok(vm.new_float(f))
}

fn int_bit_length(vm: &Vm, args: Args) -> PyResult {
    let i = this(vm, &args.args[0])?;
    Ok(vm.new_int(i.bits() as i64))
}

fn int_bit_count(vm: &Vm, args: Args) -> PyResult {
    let i = this(vm, &args.args[0])?;
    Ok(vm.new_int(i.magnitude().count_ones() as i64))
}

fn int_conjugate(vm: &Vm, args: Args) -> PyResult {
    int_int(vm, args)
}

fn int_get_real(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_bigint(this(vm, o)?))
}

fn int_get_imag(vm: &Vm, _o: &PyObject) -> PyResult {
    Ok(vm.new_int(0))
}

fn int_get_denominator(vm: &Vm, _o: &PyObject) -> PyResult {
    Ok(vm.new_int(1))
}

fn int_format(vm: &Vm, args: Args) -> PyResult {
    let [o, spec] = args.exact::<2>(vm, "__format__")?;
    let spec = spec
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("format spec must be str"))?;
    crate::format::format_int(vm, o, spec.as_str()).map(|s| vm.new_string(s))
}

fn int_to_bytes(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(
        vm,
        "to_bytes",
        &["self", "length", "byteorder", "signed"],
        1,
    )?;
    let v = this(vm, a[0].as_ref().unwrap())?;
    let len = match &a[1] {
        Some(l) => vm.to_index_i64(l)? as usize,
        None => 1,
    };
    let little = match &a[2] {
        Some(b) => vm.str_of(b)? == "little",
        None => false,
    };
    let signed = match &a[3] {
        Some(s) => vm.is_true(s)?,
        None => false,
    };
    if v.is_negative() && !signed {
        return Err(vm.new_overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        v.to_signed_bytes_le()
    } else {
        v.to_bytes_le().1
    };
    if v.is_zero() {
        bytes = vec![];
    }
    if bytes.len() > len {
        return Err(vm.new_overflow_error("int too big to convert"));
    }
    let fill = if v.is_negative() { 0xff } else { 0 };
    bytes.resize(len, fill);
    if !little {
        bytes.reverse();
    }
    Ok(vm
        .new_object(
            crate::objects::PyBytes { value: bytes },
            &vm.ctx.types.bytes_type,
        )
        .into())
}

fn int_from_bytes(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(
        vm,
        "from_bytes",
        &["cls", "bytes", "byteorder", "signed"],
        2,
    )?;
    let data = vm.bytes_like(a[1].as_ref().unwrap())?;
    let little = match &a[2] {
        Some(b) => vm.str_of(b)? == "little",
        None => false,
    };
    let signed = match &a[3] {
        Some(s) => vm.is_true(s)?,
        None => false,
    };
    let v = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
    };
    Ok(vm.new_bigint(v))
}

fn int_index(vm: &Vm, args: Args) -> PyResult {
    int_int(vm, args)
}

fn int_round(vm: &Vm, args: Args) -> PyResult {
    let v = this(vm, &args.args[0])?;
    let Some(nd) = args.args.get(1).filter(|n| !vm.is_none(n)) else {
        return Ok(vm.new_bigint(v));
    };
    let nd = vm.to_index_i64(nd)?;
    if nd >= 0 {
        return Ok(vm.new_bigint(v));
    }
    let p: BigInt = num_traits::pow::Pow::pow(&BigInt::from(10), (-nd) as u64);
    let (q, r) = v.div_mod_floor(&p);
    let twice = &r * 2;
    let q = if twice > p || (twice == p && q.is_odd()) {
        q + 1
    } else {
        q
    };
    Ok(vm.new_bigint(q * p))
}

fn int_sizeof(vm: &Vm, args: Args) -> PyResult {
    let v = this(vm, &args.args[0])?;
    let digits = ((v.bits() + 29) / 30).max(1);
    Ok(vm.new_int(24 + 4 * digits as i64))
}

fn int_getnewargs(vm: &Vm, args: Args) -> PyResult {
    let v = this(vm, &args.args[0])?;
    Ok(vm.new_tuple(vec![vm.new_bigint(v)]))
}

fn float_of(o: &PyObject) -> Option<f64> {
    o.payload::<PyFloat>().map(|f| f.value)
}

fn int_is_integer(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_bool(true))
}

fn int_as_integer_ratio(vm: &Vm, args: Args) -> PyResult {
    let v = this(vm, &args.args[0])?;
    Ok(vm.new_tuple(vec![vm.new_bigint(v), vm.new_int(1)]))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.int_type;
    let _ = float_of;
    vm.add_new(t, int_new);
    vm.add_methods(
        t,
        &[
            ("__repr__", int_repr),
            ("__hash__", int_hash),
            ("__bool__", int_bool),
            ("__int__", int_int),
            ("__index__", int_index),
            ("__float__", int_float),
            ("__trunc__", int_int),
            ("__floor__", int_int),
            ("__ceil__", int_int),
            ("__round__", int_round),
            ("__format__", int_format),
            ("__sizeof__", int_sizeof),
            ("__getnewargs__", int_getnewargs),
            ("bit_length", int_bit_length),
            ("bit_count", int_bit_count),
            ("conjugate", int_conjugate),
            ("to_bytes", int_to_bytes),
            ("is_integer", int_is_integer),
            ("as_integer_ratio", int_as_integer_ratio),
        ],
    );
    vm.add_classmethod(t, "from_bytes", int_from_bytes);
    vm.add_getset(t, "real", int_get_real, None);
    vm.add_getset(t, "imag", int_get_imag, None);
    vm.add_getset(t, "numerator", int_get_real, None);
    vm.add_getset(t, "denominator", int_get_denominator, None);
    crate::eval::ops::add_number_dunders(vm, t);
    let b = &vm.ctx.types.bool_type;
    vm.add_new(b, bool_new);
    vm.add_methods(b, &[("__repr__", bool_repr)]);
    crate::eval::ops::add_bool_dunders(vm, b);
}

fn bool_new(vm: &Vm, args: Args) -> PyResult {
    args.shift().no_kwargs(vm, "bool")?;
    let p = args.shift().positional();
    if p.len() > 1 {
        return Err(vm.new_type_error(format!("bool expected at most 1 argument, got {}", p.len())));
    }
    match p.first() {
        None => Ok(vm.new_bool(false)),
        Some(x) => Ok(vm.new_bool(vm.is_true(x)?)),
    }
}

fn bool_repr(vm: &Vm, args: Args) -> PyResult {
    let v = int_of(&args.args[0]).map(|i| !i.is_zero()).unwrap_or(false);
    Ok(vm.new_str(if v { "True" } else { "False" }))
}
