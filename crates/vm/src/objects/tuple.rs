//! `tuple`: an immutable array of references.

use mempy_bytecode::ComparisonOperator;

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload, PyRef};
use crate::objects::list::{check_size, norm_index, repeat_count, seq_compare, seq_repr};
use crate::objects::slice::SliceIndices;
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PySlice, PyType};
use crate::vm::{PyResult, Vm};

pub type PyTupleRef = PyRef<PyTuple>;

pub struct PyTuple {
    items: Box<[PyObjectRef]>,
}

/// CPython's `tupledealloc` releases the items last to first.
impl Drop for PyTuple {
    fn drop(&mut self) {
        let mut items = std::mem::take(&mut self.items).into_vec();
        while let Some(x) = items.pop() {
            drop(x);
        }
    }
}

impl PyPayload for PyTuple {
    const GC: bool = true;
}

impl PyTuple {
    pub fn new(items: Vec<PyObjectRef>) -> PyTuple {
        PyTuple {
            items: items.into_boxed_slice(),
        }
    }

    #[inline]
    pub fn as_slice(&self) -> &[PyObjectRef] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyTuple> {
    o.payload::<PyTuple>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'tuple' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn tuple_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("tuple.__new__(X): X is not a type object"))?;
    let p = args.shift();
    p.no_kwargs(vm, "tuple")?;
    let p = p.positional();
    if p.len() > 1 {
        return Err(vm.new_type_error(format!(
            "tuple expected at most 1 argument, got {}",
            p.len()
        )));
    }
    let exact = cls.as_object().is(vm.ctx.types.tuple_type.as_object());
    if let Some(src) = p.first() {
        if exact
            && src
                .class()
                .as_object()
                .is(vm.ctx.types.tuple_type.as_object())
        {
            return Ok(src.clone());
        }
        let items = vm.iterate(src)?;
        if exact {
            return Ok(vm.new_tuple(items));
        }
        return Ok(vm.new_instance(PyTuple::new(items), &cls).into());
    }
    if exact {
        return Ok(vm.ctx.empty_tuple.clone().into());
    }
    Ok(vm.new_instance(PyTuple::new(vec![]), &cls).into())
}

fn tuple_len(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_int(this(vm, &args.args[0])?.len() as i64))
}

pub fn tuple_getitem_impl(vm: &Vm, t: &PyTuple, idx: &PyObject) -> PyResult {
    if let Some(s) = idx.payload::<PySlice>() {
        let si = SliceIndices::new(vm, s, t.len())?;
        return Ok(vm.new_tuple(si.iter().map(|i| t.items[i].clone()).collect()));
    }
    if !vm.is_index(idx) {
        return Err(vm.new_type_error(format!(
            "tuple indices must be integers or slices, not {}",
            idx.class().name()
        )));
    }
    let i = norm_index(vm, idx, t.len(), "tuple index out of range")?;
    Ok(t.items[i].clone())
}

fn tuple_getitem(vm: &Vm, args: Args) -> PyResult {
    let [t, i] = args.exact::<2>(vm, "__getitem__")?;
    tuple_getitem_impl(vm, this(vm, t)?, i)
}

fn tuple_contains(vm: &Vm, args: Args) -> PyResult {
    let [t, x] = args.exact::<2>(vm, "__contains__")?;
    for it in this(vm, t)?.as_slice() {
        if vm.eq(it, x)? {
            return Ok(vm.new_bool(true));
        }
    }
    Ok(vm.new_bool(false))
}

fn tuple_iter(vm: &Vm, args: Args) -> PyResult {
    let [t] = args.exact::<1>(vm, "__iter__")?;
    this(vm, t)?;
    Ok(crate::objects::iter::new_seq_iter(
        vm,
        t.clone(),
        &vm.ctx.types.tuple_iterator_type,
    ))
}

fn tuple_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let t = this(vm, o)?;
    if t.is_empty() {
        return Ok(vm.new_str("()"));
    }
    let Some(_g) = vm.repr_enter(o) else {
        return Ok(vm.new_str("(...)"));
    };
    if t.len() == 1 {
        return Ok(vm.new_string(format!("({},)", vm.repr(&t.items[0])?.as_str())));
    }
    Ok(vm.new_string(seq_repr(vm, t.as_slice(), "(", ")")?))
}

/// CPython's tuple hash (xxHash-based, 3.8+).
pub fn tuple_hash_values(hashes: impl Iterator<Item = i64>, len: usize) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((len as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

fn tuple_hash(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    let mut hs = Vec::with_capacity(t.len());
    for x in t.as_slice() {
        hs.push(vm.hash(x)?);
    }
    Ok(vm.new_int(tuple_hash_values(hs.into_iter(), t.len())))
}

fn cmp_impl(vm: &Vm, args: Args, op: ComparisonOperator) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__cmp__")?;
    let (Some(x), Some(y)) = (a.payload::<PyTuple>(), b.payload::<PyTuple>()) else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.new_bool(seq_compare(vm, x.as_slice(), y.as_slice(), op)?))
}
fn tuple_eq(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Equal)
}
fn tuple_ne(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::NotEqual)
}
fn tuple_lt(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Less)
}
fn tuple_le(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::LessOrEqual)
}
fn tuple_gt(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::Greater)
}
fn tuple_ge(vm: &Vm, a: Args) -> PyResult {
    cmp_impl(vm, a, ComparisonOperator::GreaterOrEqual)
}

fn tuple_add(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__add__")?;
    let x = this(vm, a)?;
    let Some(y) = b.payload::<PyTuple>() else {
        return Err(vm.new_type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            b.class().name()
        )));
    };
    let mut v = x.as_slice().to_vec();
    v.extend(y.as_slice().iter().cloned());
    Ok(vm.new_tuple(v))
}

fn tuple_mul(vm: &Vm, args: Args) -> PyResult {
    let [a, b] = args.exact::<2>(vm, "__mul__")?;
    let x = this(vm, a)?;
    let Some(n) = repeat_count(vm, b)? else {
        return Ok(vm.not_implemented());
    };
    check_size(vm, x.len().saturating_mul(n), 8)?;
    // Fallible: 10**12 items pass check_size but no allocator can give 8 TB.
    let mut v = Vec::new();
    v.try_reserve_exact(x.len() * n)
        .map_err(|_| vm.new_memory_error())?;
    for _ in 0..n {
        v.extend(x.as_slice().iter().cloned());
    }
    Ok(vm.new_tuple(v))
}

fn tuple_index(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "index", 2, 4)?;
    let t = this(vm, &p[0])?;
    for (i, x) in t.as_slice().iter().enumerate() {
        if vm.eq(x, &p[1])? {
            return Ok(vm.new_int(i as i64));
        }
    }
    Err(vm.new_value_error("tuple.index(x): x not in tuple"))
}

fn tuple_count(vm: &Vm, args: Args) -> PyResult {
    let [t, x] = args.exact::<2>(vm, "count")?;
    let mut n = 0;
    for it in this(vm, t)?.as_slice() {
        if vm.eq(it, x)? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

fn tuple_getnewargs(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    Ok(vm.new_tuple(vec![vm.new_tuple(t.as_slice().to_vec())]))
}

fn tuple_sizeof(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    Ok(vm.new_int(24 + 8 * t.len() as i64))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.tuple_type;
    vm.add_new(t, tuple_new);
    vm.add_methods(
        t,
        &[
            ("__len__", tuple_len),
            ("__getitem__", tuple_getitem),
            ("__contains__", tuple_contains),
            ("__iter__", tuple_iter),
            ("__repr__", tuple_repr),
            ("__hash__", tuple_hash),
            ("__eq__", tuple_eq),
            ("__ne__", tuple_ne),
            ("__lt__", tuple_lt),
            ("__le__", tuple_le),
            ("__gt__", tuple_gt),
            ("__ge__", tuple_ge),
            ("__add__", tuple_add),
            ("__mul__", tuple_mul),
            ("__rmul__", tuple_mul),
            ("__getnewargs__", tuple_getnewargs),
            ("__sizeof__", tuple_sizeof),
            ("index", tuple_index),
            ("count", tuple_count),
        ],
    );
}
