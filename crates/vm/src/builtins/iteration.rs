//! Builtins that consume iterables: `len`, `iter`, `next`, `sorted`, `min`, `max`,
//! `any`, `all`. The lazy iterator types (`enumerate`, `zip`, `map`, `filter`,
//! `reversed`) are types, in `objects/iter.rs`.

use mempy_bytecode::ComparisonOperator;

use crate::args::Args;
use crate::heap::PyObjectRef;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

use super::introspection::one_arg;

pub(super) fn builtin_len(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "len")
        .map_err(|_| one_arg(vm, "len", args))?;
    Ok(vm.new_int(vm.len(o)? as i64))
}

pub(super) fn builtin_iter(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "iter", 1, 2)?;
    if p.len() == 2 {
        if !super::introspection::is_callable(vm, &p[0]) {
            return Err(vm.new_type_error("iter(v, w): v must be callable"));
        }
        let it = PyCallableIter {
            callable: std::cell::RefCell::new(Some(p[0].clone())),
            sentinel: p[1].clone(),
        };
        return Ok(vm
            .new_object(it, &vm.ctx.types.callable_iterator_type)
            .into());
    }
    vm.get_iter(&p[0])
}

pub(super) fn builtin_next(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "next", 1, 2)?;
    if p[0].class().lookup(&vm.intern("__next__")).is_none() {
        return Err(vm.new_type_error(format!(
            "'{}' object is not an iterator",
            p[0].class().name()
        )));
    }
    match p.get(1) {
        None => {
            // Builtin iterators take the fast path; anything else is called through
            // `__next__` directly so StopIteration keeps its value.
            let it = &p[0];
            if it.payload::<crate::objects::PySeqIter>().is_some()
                || it.payload::<crate::objects::PyRangeIter>().is_some()
            {
                return match vm.next(it)? {
                    Some(v) => Ok(v),
                    None => Err(vm.new_stop_iteration(None)),
                };
            }
            match it.class().lookup(&vm.intern("__next__")) {
                Some(m) => vm.call_unbound(&m, &[it.clone()]),
                None => Err(
                    vm.new_type_error(format!("'{}' object is not an iterator", it.class().name()))
                ),
            }
        }
        Some(d) => match vm.next(&p[0])? {
            Some(v) => Ok(v),
            None => Ok(d.clone()),
        },
    }
}

pub(super) fn builtin_sorted(vm: &Vm, args: Args) -> PyResult {
    let pos = args.positional();
    if pos.len() != 1 {
        return Err(vm.new_type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, v) in args.kwargs() {
        match k {
            "key" => key = Some(v).filter(|v| !vm.is_none(v)),
            "reverse" => reverse = vm.is_true(v)?,
            other => {
                return Err(vm.new_type_error(format!(
                    "sort() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    let l = vm.new_list(vm.iterate(&pos[0])?);
    crate::objects::list::sort_list(vm, l.payload::<PyList>().unwrap(), key, reverse)?;
    Ok(l)
}

fn min_max(vm: &Vm, args: Args, name: &str, op: ComparisonOperator) -> PyResult {
    let pos = args.positional();
    if pos.is_empty() {
        return Err(vm.new_type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    let mut key = None;
    let mut default = None;
    for (k, v) in args.kwargs() {
        match k {
            "key" => key = Some(v.clone()).filter(|v| !vm.is_none(v)),
            "default" => default = Some(v.clone()),
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for {name}()"
                )))
            }
        }
    }
    if pos.len() > 1 && default.is_some() {
        return Err(vm.new_type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    let items: Vec<PyObjectRef>;
    let it = if pos.len() == 1 {
        Some(vm.get_iter(&pos[0])?)
    } else {
        items = pos.to_vec();
        let _ = &items;
        None
    };
    let mut idx = 0;
    let mut next = || -> PyResult<Option<PyObjectRef>> {
        match &it {
            Some(it) => vm.next(it),
            None => {
                idx += 1;
                Ok(pos.get(idx - 1).cloned())
            }
        }
    };
    let mut best: Option<(PyObjectRef, PyObjectRef)> = None;
    while let Some(x) = next()? {
        let kx = match &key {
            Some(f) => vm.call(f, &[x.clone()])?,
            None => x.clone(),
        };
        best = match best {
            None => Some((x, kx)),
            Some((bx, bk)) => {
                let r = vm.rich_compare(&kx, &bk, op)?;
                if vm.is_true(&r)? {
                    Some((x, kx))
                } else {
                    Some((bx, bk))
                }
            }
        };
    }
    match best {
        Some((x, _)) => Ok(x),
        None => {
            default.ok_or_else(|| vm.new_value_error(format!("{name}() arg is an empty sequence")))
        }
    }
}

pub(super) fn builtin_min(vm: &Vm, args: Args) -> PyResult {
    min_max(vm, args, "min", ComparisonOperator::Less)
}

pub(super) fn builtin_max(vm: &Vm, args: Args) -> PyResult {
    min_max(vm, args, "max", ComparisonOperator::Greater)
}

fn any_all(vm: &Vm, args: Args, name: &str, want: bool) -> PyResult {
    let [o] = args
        .exact::<1>(vm, name)
        .map_err(|_| one_arg(vm, name, args))?;
    let it = vm.get_iter(o)?;
    while let Some(x) = vm.next(&it)? {
        if vm.is_true(&x)? == want {
            return Ok(vm.new_bool(want));
        }
    }
    Ok(vm.new_bool(!want))
}

pub(super) fn builtin_any(vm: &Vm, args: Args) -> PyResult {
    any_all(vm, args, "any", true)
}

pub(super) fn builtin_all(vm: &Vm, args: Args) -> PyResult {
    any_all(vm, args, "all", false)
}
