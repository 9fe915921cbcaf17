//! Attribute builtins: `getattr`, `setattr`, `hasattr`, `delattr`, `vars`, `dir`.

use crate::args::Args;
use crate::heap::PyObject;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

fn attr_name(vm: &Vm, n: &PyObject) -> PyResult<PyStrRef> {
    match n.to_owned().downcast::<PyStr>() {
        Ok(s) => Ok(vm.intern_str(&s)),
        Err(_) => Err(vm.new_type_error(format!(
            "attribute name must be string, not '{}'",
            n.class().name()
        ))),
    }
}

pub(super) fn builtin_getattr(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "getattr", 2, 3)?;
    let name = attr_name(vm, &p[1])?;
    match vm.get_attribute(&p[0], &name) {
        Ok(v) => Ok(v),
        Err(e)
            if p.len() == 3
                && e.as_object()
                    .class()
                    .is_subtype(&vm.ctx.exc.attribute_error) =>
        {
            Ok(p[2].clone())
        }
        Err(e) => Err(crate::eval::dispatch::attr_error_context(
            vm, e, &p[0], &name,
        )),
    }
}

pub(super) fn builtin_setattr(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "setattr", 3, 3)?;
    let name = attr_name(vm, &p[1])?;
    vm.set_attribute(&p[0], &name, Some(p[2].clone()))?;
    Ok(vm.none())
}

pub(super) fn builtin_hasattr(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "hasattr", 2, 2)?;
    let name = attr_name(vm, &p[1])?;
    match vm.get_attribute(&p[0], &name) {
        Ok(_) => Ok(vm.new_bool(true)),
        Err(e)
            if e.as_object()
                .class()
                .is_subtype(&vm.ctx.exc.attribute_error) =>
        {
            Ok(vm.new_bool(false))
        }
        Err(e) => Err(e),
    }
}

pub(super) fn builtin_delattr(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "delattr", 2, 2)?;
    let name = attr_name(vm, &p[1])?;
    vm.set_attribute(&p[0], &name, None)?;
    Ok(vm.none())
}

pub(super) fn builtin_vars(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "vars", 0, 1)?;
    let Some(o) = p.first() else {
        return match vm.current_scope() {
            Some((_, l)) => Ok(l),
            None => Ok(vm.new_dict().into()),
        };
    };
    match vm.get_attribute(o, &vm.intern("__dict__")) {
        Ok(d) => Ok(d),
        Err(e)
            if e.as_object()
                .class()
                .is_subtype(&vm.ctx.exc.attribute_error) =>
        {
            Err(vm.new_type_error("vars() argument must have __dict__ attribute"))
        }
        Err(e) => Err(e),
    }
}

pub(super) fn builtin_dir(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "dir", 0, 1)?;
    let Some(o) = p.first() else {
        let names = match vm.current_scope() {
            Some((_, l)) => vm.iterate(&l)?,
            None => Vec::new(),
        };
        let l = vm.new_list(names);
        crate::objects::list::sort_list(vm, l.payload::<PyList>().unwrap(), None, false)?;
        return Ok(l);
    };
    let names: Vec<crate::heap::PyObjectRef> = if let Some(t) =
        o.clone().downcast::<PyType>().ok().filter(|_| {
            // A class's own `__dir__` (metaclass) wins; `type` itself lists the MRO.
            o.class()
                .lookup(&vm.intern("__dir__"))
                .map_or(true, |d| d.payload::<PyMethodDescr>().is_some())
        }) {
        let mut seen: Vec<String> = Vec::new();
        for c in PyType::mro_with_self(&t) {
            for (k, _) in c.attrs.borrow().entries() {
                seen.push(k.as_str().to_string());
            }
        }
        seen.sort();
        seen.dedup();
        seen.iter().map(|s| vm.new_str(s)).collect()
    } else {
        let r = vm
            .call_special(o, "__dir__", &[])?
            .ok_or_else(|| vm.new_type_error("object does not provide __dir__"))?;
        vm.iterate(&r)?
    };
    let l = vm.new_list(names);
    crate::objects::list::sort_list(vm, l.payload::<PyList>().unwrap(), None, false)?;
    Ok(l)
}
