//! Words for objects and for the references between them, shared by `refs.rs` and
//! `why.rs`: a short description of an object (never a full repr, which can be huge or
//! run Python code) and the label of the edge from a container to one of its referents
//! (`[3]`, `['key']`, `.attr`, `cell contents`).

use crate::heap::PyObject;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::Vm;

const MAX_TEXT: usize = 40;

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_TEXT {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX_TEXT - 3).collect();
        format!("{head}...")
    }
}

/// The name of the module whose globals `d` is, if any (searches `sys.modules`).
pub fn module_of_globals(vm: &Vm, d: &PyObject) -> Option<String> {
    for (k, m) in vm.sys_modules.items_vec() {
        if let Some(m) = m.downcast_ref::<PyModule>() {
            if m.dict.as_object().is(d) {
                return k.payload::<PyStr>().map(|s| s.as_str().to_string());
            }
        }
    }
    None
}

/// A one-line description: the type and, for small or named objects, the value or name.
pub fn describe(vm: &Vm, o: &PyObject) -> String {
    let tname = o.class().name().clone();
    if o.payload::<PyStr>().is_some()
        || o.payload::<PyInt>().is_some()
        || o.payload::<PyFloat>().is_some()
    {
        return format!("{tname} {}", clip(&vm.repr_string(o)));
    }
    if let Some(f) = o.payload::<PyFunction>() {
        let q = f
            .qualname
            .borrow()
            .payload::<PyStr>()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default();
        return format!("function {q}");
    }
    if let Some(t) = o.payload::<PyType>() {
        return format!("class {}", t.qualname.borrow());
    }
    if o.payload::<PyModule>().is_some() {
        let name = vm
            .sys_modules
            .items_vec()
            .into_iter()
            .find(|(_, m)| m.is(o))
            .and_then(|(k, _)| k.payload::<PyStr>().map(|s| s.as_str().to_string()));
        return format!("module {}", name.unwrap_or_else(|| "?".into()));
    }
    if o.payload::<PyDict>().is_some() {
        if let Some(m) = module_of_globals(vm, o) {
            return format!("dict (globals of module {m}) at {:#x}", o.addr());
        }
    }
    if let Some(l) = o.payload::<PyList>() {
        return format!("{tname} of {} at {:#x}", l.items.borrow().len(), o.addr());
    }
    if let Some(t) = o.payload::<PyTuple>() {
        return format!("{tname} of {} at {:#x}", t.len(), o.addr());
    }
    format!("{tname} at {:#x}", o.addr())
}

/// How `parent` refers to the object at `child`: an index, a key, an attribute name, or
/// the referent's role; a plain "refers to" when it cannot tell.
pub fn edge_label(vm: &Vm, parent: &PyObject, child: usize) -> String {
    if let Some(l) = parent.payload::<PyList>() {
        if let Some(i) = l.items.borrow().iter().position(|x| x.addr() == child) {
            return format!("[{i}]");
        }
    }
    if let Some(t) = parent.payload::<PyTuple>() {
        if let Some(i) = t.as_slice().iter().position(|x| x.addr() == child) {
            return format!("[{i}]");
        }
    }
    if let Some(d) = parent.payload::<PyDict>() {
        for (k, v) in d.items_vec() {
            if v.addr() == child {
                return format!("[{}]", clip(&vm.repr_string(&k)));
            }
            if k.addr() == child {
                return format!("key {}", clip(&vm.repr_string(&k)));
            }
        }
    }
    if let Some(c) = parent.payload::<PyCell>() {
        if c.value.borrow().as_ref().is_some_and(|v| v.addr() == child) {
            return "cell contents".into();
        }
    }
    if let Some(f) = parent.payload::<PyFunction>() {
        if f.globals.as_object().addr() == child {
            return "__globals__".into();
        }
        if f.closure
            .as_ref()
            .is_some_and(|c| c.as_object().addr() == child)
        {
            return "__closure__".into();
        }
        if f.defaults
            .borrow()
            .as_ref()
            .is_some_and(|d| d.as_object().addr() == child)
        {
            return "__defaults__".into();
        }
    }
    if let Some(m) = parent.payload::<PyModule>() {
        if m.dict.as_object().addr() == child {
            return "__dict__".into();
        }
    }
    if let Some(t) = parent.payload::<PyType>() {
        if let Some((k, _)) = t
            .attrs
            .borrow()
            .entries()
            .iter()
            .find(|(_, v)| v.addr() == child)
        {
            return format!(".{}", k.as_str());
        }
    }
    if parent.class_obj().addr() == child {
        return "__class__".into();
    }
    if let Some(slot) = parent.dict_slot() {
        let d = slot.borrow().clone();
        if let Some(d) = d {
            if d.addr() == child {
                return "__dict__".into();
            }
            if let Some(dict) = d.payload::<PyDict>() {
                for (k, v) in dict.items_vec() {
                    if v.addr() == child {
                        let name = k
                            .payload::<PyStr>()
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_else(|| vm.repr_string(&k));
                        return format!(".{name}");
                    }
                }
            }
        }
    }
    "refers to".into()
}
