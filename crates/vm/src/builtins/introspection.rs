//! Builtins that ask about objects and types: `isinstance`, `issubclass`, `id`,
//! `hash`, `callable`, `repr`, `format`, `type` lives in `objects/typeobj.rs`.
//! Scope builtins (`globals`, `locals`, `vars()` without argument) read the running
//! frame through `Vm::current_scope` (eval owns frames).

use crate::args::Args;
use crate::heap::PyObject;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

pub(super) fn builtin_isinstance(vm: &Vm, args: Args) -> PyResult {
    let [o, t] = args
        .exact::<2>(vm, "isinstance")
        .map_err(|_| arg_count(vm, "isinstance", 2, args))?;
    Ok(vm.new_bool(isinstance_of(vm, o, t)?))
}

fn arg_count(vm: &Vm, name: &str, n: usize, args: Args) -> crate::objects::PyBaseExceptionRef {
    if args.has_kwargs() {
        return vm.new_type_error(format!("{name}() takes no keyword arguments"));
    }
    vm.new_type_error(format!(
        "{name} expected {n} arguments, got {}",
        args.positional().len()
    ))
}

/// `isinstance(o, t)` with tuples of types and `__instancecheck__`.
pub fn isinstance_of(vm: &Vm, o: &PyObject, t: &PyObject) -> PyResult<bool> {
    if let Some(tt) = t.downcast_ref::<PyType>() {
        if vm.isinstance(o, tt) {
            return Ok(true);
        }
        if let Some(m) = t.class().lookup(&vm.intern("__instancecheck__")) {
            if t.class().is_heap_type() {
                let r = vm.call_unbound(&m, &[t.to_owned(), o.to_owned()])?;
                return vm.is_true(&r);
            }
        }
        // `__class__` may be overridden (proxies).
        return Ok(false);
    }
    if let Some(tup) = t.payload::<PyTuple>() {
        for x in tup.as_slice() {
            if isinstance_of(vm, o, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(m) = t.class().lookup(&vm.intern("__instancecheck__")) {
        let r = vm.call_unbound(&m, &[t.to_owned(), o.to_owned()])?;
        return vm.is_true(&r);
    }
    Err(vm.new_type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

pub(super) fn builtin_issubclass(vm: &Vm, args: Args) -> PyResult {
    let [c, t] = args
        .exact::<2>(vm, "issubclass")
        .map_err(|_| arg_count(vm, "issubclass", 2, args))?;
    fn check(vm: &Vm, c: &PyObject, t: &PyObject) -> PyResult<bool> {
        if let Some(tup) = t.payload::<PyTuple>() {
            for x in tup.as_slice() {
                if check(vm, c, x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Some(m) = t.class().lookup(&vm.intern("__subclasscheck__")) {
            if t.class().is_heap_type() {
                let r = vm.call_unbound(&m, &[t.to_owned(), c.to_owned()])?;
                return vm.is_true(&r);
            }
        }
        let Some(tt) = t.downcast_ref::<PyType>() else {
            return Err(vm.new_type_error(
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            ));
        };
        let Some(cc) = c.downcast_ref::<PyType>() else {
            return Err(vm.new_type_error("issubclass() arg 1 must be a class"));
        };
        Ok(cc.is_subtype(tt))
    }
    Ok(vm.new_bool(check(vm, c, t)?))
}

pub(super) fn builtin_id(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "id")
        .map_err(|_| one_arg(vm, "id", args))?;
    Ok(vm.new_bigint((o.addr() as u64).into()))
}

/// CPython's message for a one-argument builtin called wrongly.
pub(super) fn one_arg(vm: &Vm, name: &str, args: Args) -> crate::objects::PyBaseExceptionRef {
    if args.has_kwargs() {
        return vm.new_type_error(format!("{name}() takes no keyword arguments"));
    }
    vm.new_type_error(format!(
        "{name}() takes exactly one argument ({} given)",
        args.positional().len()
    ))
}

pub(super) fn builtin_hash(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "hash")
        .map_err(|_| one_arg(vm, "hash", args))?;
    Ok(vm.new_int(vm.hash(o)?))
}

pub(super) fn builtin_callable(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "callable")
        .map_err(|_| one_arg(vm, "callable", args))?;
    Ok(vm.new_bool(is_callable(vm, o)))
}

/// `callable(o)`: functions, methods, classes and instances whose type has `__call__`.
pub fn is_callable(vm: &Vm, o: &PyObject) -> bool {
    o.payload::<PyFunction>().is_some()
        || o.payload::<PyBuiltinFunction>().is_some()
        || o.payload::<PyBoundMethod>().is_some()
        || o.payload::<PyMethodDescr>().is_some()
        || o.payload::<PyType>().is_some()
        || o.class().lookup(&vm.intern("__call__")).is_some()
}

pub(super) fn builtin_repr(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "repr")
        .map_err(|_| one_arg(vm, "repr", args))?;
    Ok(vm.repr(o)?.into())
}

pub(super) fn builtin_ascii(vm: &Vm, args: Args) -> PyResult {
    let [o] = args
        .exact::<1>(vm, "ascii")
        .map_err(|_| one_arg(vm, "ascii", args))?;
    let r = vm.repr(o)?;
    Ok(vm.new_string(ascii_escape(r.as_str())))
}

/// Escapes non-ASCII characters as `ascii()` and `!a` do.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if u < 128 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

pub(super) fn builtin_format(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "format", 1, 2)?;
    let spec = match p.get(1) {
        Some(s) => match s.payload::<PyStr>() {
            Some(s) => s.as_str().to_string(),
            None => {
                return Err(vm.new_type_error(format!(
                    "format() argument 2 must be str, not {}",
                    s.class().name()
                )))
            }
        },
        None => String::new(),
    };
    Ok(vm.new_string(crate::format::format_value(vm, &p[0], &spec)?))
}

pub(super) fn builtin_globals(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, "globals", args)?;
    match vm.current_scope() {
        Some((g, _)) => Ok(g.into()),
        None => Ok(vm.new_dict().into()),
    }
}

pub(super) fn builtin_locals(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, "locals", args)?;
    match vm.current_scope() {
        Some((_, l)) => Ok(l),
        None => Ok(vm.new_dict().into()),
    }
}

pub(super) fn builtin_import(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(
        vm,
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
        1,
    )?;
    let name = a[0].as_ref().unwrap();
    let name = name.payload::<PyStr>().ok_or_else(|| {
        vm.new_type_error(format!(
            "__import__() argument 1 must be str, not {}",
            name.class().name()
        ))
    })?;
    let key = vm.new_str(name.as_str());
    if let Some(m) = vm.sys_modules.get_item(vm, &key)? {
        return Ok(m);
    }
    crate::modules::import_builtin(vm, name.as_str())?.ok_or_else(|| {
        let e = vm.new_exception_msg(
            &vm.ctx.exc.module_not_found_error,
            format!(
                "No module named {}",
                crate::objects::str::repr_str(name.as_str())
            ),
        );
        e
    })
}

/// `TypeError: f() takes no arguments (N given)` unless called without arguments.
pub(super) fn no_args(vm: &Vm, name: &str, args: Args) -> PyResult<()> {
    args.no_kwargs(vm, name)?;
    if args.args.is_empty() {
        Ok(())
    } else {
        Err(vm.new_type_error(format!(
            "{name}() takes no arguments ({} given)",
            args.args.len()
        )))
    }
}
