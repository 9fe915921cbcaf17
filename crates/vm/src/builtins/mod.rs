//! Builtin functions (`len`, `print`, `isinstance`...), grouped by theme.
//!
//! # How to add a builtin
//! Write `fn builtin_name(vm: &Vm, args: Args) -> PyResult` (see `args.rs` for
//! argument helpers) and add `("name", builtin_name)` to the table in `init`. Builtin
//! types (`int`, `list`...) are exposed from `vm.ctx.types` in `init` too.

use crate::args::Args;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

fn builtin_len(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "len").map_err(|_| {
        vm.new_type_error(format!("len() takes exactly one argument ({} given)", args.args.len()))
    })?;
    Ok(vm.new_int(vm.len(o)? as i64))
}

fn builtin_repr(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "repr", 1, 1)?;
    Ok(vm.repr(&p[0])?.into())
}

fn builtin_print(vm: &Vm, args: Args) -> PyResult {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = None;
    for (k, v) in args.kwargs() {
        match k {
            "sep" if !vm.is_none(v) => sep = vm.str_of(v)?,
            "end" if !vm.is_none(v) => end = vm.str_of(v)?,
            "file" if !vm.is_none(v) => file = Some(v.clone()),
            "sep" | "end" | "file" | "flush" => {}
            other => return Err(vm.new_type_error(format!("'{other}' is an invalid keyword argument for print()"))),
        }
    }
    let mut out = String::new();
    for (i, a) in args.positional().iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(vm.str(a)?.as_str());
    }
    out.push_str(&end);
    match file {
        None => vm.write_stdout(&out),
        Some(f) => {
            vm.call_method(&f, "write", &[vm.new_string(out)])?;
        }
    }
    Ok(vm.none())
}

fn builtin_isinstance(vm: &Vm, args: Args) -> PyResult {
    let [o, t] = args.exact::<2>(vm, "isinstance")?;
    Ok(vm.new_bool(isinstance_of(vm, o, t)?))
}

pub fn isinstance_of(vm: &Vm, o: &crate::heap::PyObject, t: &crate::heap::PyObject) -> PyResult<bool> {
    if let Some(tt) = t.downcast_ref::<PyType>() {
        return Ok(vm.isinstance(o, tt));
    }
    if let Some(tup) = t.payload::<PyTuple>() {
        for x in tup.as_slice() {
            if isinstance_of(vm, o, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    Err(vm.new_type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

fn builtin_issubclass(vm: &Vm, args: Args) -> PyResult {
    let [c, t] = args.exact::<2>(vm, "issubclass")?;
    let c = c.downcast_ref::<PyType>().ok_or_else(|| vm.new_type_error("issubclass() arg 1 must be a class"))?;
    fn check(vm: &Vm, c: &PyType, t: &crate::heap::PyObject) -> PyResult<bool> {
        if let Some(tt) = t.downcast_ref::<PyType>() {
            return Ok(c.is_subtype(tt));
        }
        if let Some(tup) = t.payload::<PyTuple>() {
            for x in tup.as_slice() {
                if check(vm, c, x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Err(vm.new_type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
    }
    Ok(vm.new_bool(check(vm, c, t)?))
}

fn builtin_id(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "id")?;
    Ok(vm.new_int(o.addr() as i64))
}

fn builtin_hash(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "hash")?;
    Ok(vm.new_int(vm.hash(o)?))
}

fn builtin_getattr(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "getattr", 2, 3)?;
    let name = p[1].clone().downcast::<PyStr>().map_err(|_| vm.new_type_error("attribute name must be string"))?;
    let name = vm.intern_str(&name);
    match vm.get_attribute(&p[0], &name) {
        Ok(v) => Ok(v),
        Err(e) if p.len() == 3 && e.as_object().class().is_subtype(&vm.ctx.exc.attribute_error) => Ok(p[2].clone()),
        Err(e) => Err(e),
    }
}

fn builtin_setattr(vm: &Vm, args: Args) -> PyResult {
    let [o, n, v] = args.exact::<3>(vm, "setattr")?;
    let name = n.clone().downcast::<PyStr>().map_err(|_| vm.new_type_error("attribute name must be string"))?;
    vm.set_attribute(o, &vm.intern_str(&name), Some(v.clone()))?;
    Ok(vm.none())
}

fn builtin_hasattr(vm: &Vm, args: Args) -> PyResult {
    let [o, n] = args.exact::<2>(vm, "hasattr")?;
    let name = n.payload::<PyStr>().ok_or_else(|| vm.new_type_error("hasattr(): attribute name must be string"))?;
    Ok(vm.new_bool(vm.has_attr(o, name.as_str())?))
}

fn builtin_delattr(vm: &Vm, args: Args) -> PyResult {
    let [o, n] = args.exact::<2>(vm, "delattr")?;
    let name = n.clone().downcast::<PyStr>().map_err(|_| vm.new_type_error("attribute name must be string"))?;
    vm.set_attribute(o, &vm.intern_str(&name), None)?;
    Ok(vm.none())
}

fn builtin_iter(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "iter", 1, 2)?;
    if p.len() == 2 {
        return Ok(vm
            .new_object(PyCallableIter { callable: std::cell::RefCell::new(Some(p[0].clone())), sentinel: p[1].clone() }, &vm.ctx.types.callable_iterator_type)
            .into());
    }
    vm.get_iter(&p[0])
}

fn builtin_next(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "next", 1, 2)?;
    if p[0].class().lookup(&vm.intern("__next__")).is_none() {
        return Err(vm.new_type_error(format!("'{}' object is not an iterator", p[0].class().name())));
    }
    match vm.next(&p[0])? {
        Some(v) => Ok(v),
        None => match p.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.new_stop_iteration(None)),
        },
    }
}

fn builtin_callable(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "callable")?;
    Ok(vm.new_bool(o.class().lookup(&vm.intern("__call__")).is_some()))
}

fn builtin_abs(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "abs")?;
    vm.call_special(o, "__abs__", &[])?.ok_or_else(|| vm.new_type_error(format!("bad operand type for abs(): '{}'", o.class().name())))
}

fn builtin_chr(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "chr")?;
    let i = vm.to_index_i64(o)?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(vm.new_str(c.encode_utf8(&mut [0; 4]))),
        None => Err(vm.new_value_error("chr() arg not in range(0x110000)")),
    }
}

fn builtin_ord(vm: &Vm, args: Args) -> PyResult {
    let [o] = args.exact::<1>(vm, "ord")?;
    if let Some(s) = o.payload::<PyStr>() {
        if s.char_len() != 1 {
            return Err(vm.new_type_error(format!("ord() expected a character, but string of length {} found", s.char_len())));
        }
        return Ok(vm.new_int(s.char_at(0) as i64));
    }
    Err(vm.new_type_error(format!("ord() expected string of length 1, but {} found", o.class().name())))
}

fn builtin_format(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "format", 1, 2)?;
    let spec = match p.get(1) { Some(s) => vm.str_of(s)?, None => String::new() };
    Ok(vm.new_string(crate::format::format_value(vm, &p[0], &spec)?))
}

pub(crate) fn init(vm: &Vm) {
    let b = &vm.builtins;
    vm.add_functions(b, &[
        ("len", builtin_len),
        ("repr", builtin_repr),
        ("print", builtin_print),
        ("isinstance", builtin_isinstance),
        ("issubclass", builtin_issubclass),
        ("id", builtin_id),
        ("hash", builtin_hash),
        ("getattr", builtin_getattr),
        ("setattr", builtin_setattr),
        ("hasattr", builtin_hasattr),
        ("delattr", builtin_delattr),
        ("iter", builtin_iter),
        ("next", builtin_next),
        ("callable", builtin_callable),
        ("abs", builtin_abs),
        ("chr", builtin_chr),
        ("ord", builtin_ord),
        ("format", builtin_format),
    ]);
    let t = &vm.ctx.types;
    for (name, typ) in [
        ("object", &t.object_type),
        ("type", &t.type_type),
        ("int", &t.int_type),
        ("bool", &t.bool_type),
        ("float", &t.float_type),
        ("str", &t.str_type),
        ("bytes", &t.bytes_type),
        ("list", &t.list_type),
        ("tuple", &t.tuple_type),
        ("dict", &t.dict_type),
        ("set", &t.set_type),
        ("frozenset", &t.frozenset_type),
        ("range", &t.range_type),
        ("slice", &t.slice_type),
        ("property", &t.property_type),
        ("staticmethod", &t.staticmethod_type),
        ("classmethod", &t.classmethod_type),
        ("super", &t.super_type),
        ("enumerate", &t.enumerate_type),
        ("zip", &t.zip_type),
        ("map", &t.map_type),
        ("filter", &t.filter_type),
        ("reversed", &t.reversed_type),
    ] {
        vm.module_set(b, name, typ.clone().into());
    }
    vm.module_set(b, "None", vm.none());
    vm.module_set(b, "True", vm.new_bool(true));
    vm.module_set(b, "False", vm.new_bool(false));
    vm.module_set(b, "Ellipsis", vm.ctx.ellipsis.clone());
    vm.module_set(b, "NotImplemented", vm.not_implemented());
    vm.module_set(b, "__name__", vm.new_str("builtins"));
}
