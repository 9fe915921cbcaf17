//! The memory functions of `sys` (`getrefcount`, `getsizeof`, `getallocatedblocks`,
//! `_debugmallocstats`) and `object.__sizeof__` (CPython's `tp_basicsize` of each type).
//! `modules/sys.rs` registers them through [`add`]; the numbers follow
//! `shared/reference/cpython-3.11-memory.md` sections 2, 3 and 5, checked with python3.

use std::io::Write;

use crate::args::Args;
use crate::heap::{with_heap, PyObject, PyObjectRef, PyRef};
use crate::objects::descriptor::{
    PyBoundMethod, PyBuiltinFunction, PyClassMethod, PyProperty, PyStaticMethod,
};
use crate::objects::typeobj::{flags, ObjectClass};
use crate::objects::*;
use crate::vm::{PyResult, Vm};

/// Registers the functions on the `sys` module.
pub(crate) fn add(vm: &Vm, m: &PyRef<PyModule>) {
    vm.add_functions(
        m,
        &[
            ("getrefcount", sys_getrefcount),
            ("getsizeof", sys_getsizeof),
            ("getallocatedblocks", sys_getallocatedblocks),
            ("_debugmallocstats", sys_debugmallocstats),
        ],
    );
}

fn sys_getrefcount(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "getrefcount")?;
    let p = args.positional();
    if p.len() != 1 {
        return Err(vm.new_type_error(format!(
            "sys.getrefcount() takes exactly one argument ({} given)",
            p.len()
        )));
    }
    // The argument slot of the caller's stack holds one reference, as in CPython.
    Ok(vm.new_int(p[0].refcount() as i64))
}

/// Whether instances of `cls` keep their `__dict__` as CPython's managed dict (16 more
/// bytes before the gc header): heap types with a dict whose solid base has no items.
fn has_managed_dict(obj: &PyObject) -> bool {
    let cls = obj.class();
    cls.is_heap_type()
        && cls.has_flag(flags::HAS_DICT)
        && !cls.has_flag(flags::EXCEPTION)
        && obj.payload::<PyInt>().is_none()
        && obj.payload::<PyTuple>().is_none()
        && obj.payload::<PyBytes>().is_none()
        && obj.payload::<PyStr>().is_none()
        && obj.payload::<PyType>().is_none()
}

/// Whether instances of `cls` have a weakref slot.
pub fn has_weakref_slot(cls: &PyType) -> bool {
    cls.has_flag(flags::HAS_WEAKREF)
}

/// `sys.getsizeof(object[, default])`.
fn sys_getsizeof(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let mut obj = p.first();
    let mut default = p.get(1);
    for (k, v) in args.kwargs() {
        match k {
            "object" if obj.is_none() => obj = Some(v),
            "default" if default.is_none() => default = Some(v),
            _ => {
                return Err(vm.new_type_error(format!(
                    "getsizeof() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    if p.len() > 2 {
        return Err(vm.new_type_error(format!(
            "getsizeof() takes at most 2 arguments ({} given)",
            p.len()
        )));
    }
    let Some(obj) = obj else {
        return Err(vm.new_type_error("getsizeof() missing required argument 'object' (pos 1)"));
    };
    let method = vm.lookup_special(obj, "__sizeof__");
    let result = match method {
        Some(m) => vm.call(&m, std::slice::from_ref(obj)),
        None => Err(vm.new_type_error(format!(
            "Type {} doesn't define __sizeof__",
            obj.class().name()
        ))),
    };
    let size = match result {
        Ok(r) => {
            if r.payload::<PyInt>().is_none() {
                Err(vm.new_type_error("an integer is required"))
            } else {
                match r.payload::<PyInt>().and_then(|i| i.as_small()) {
                    Some(n) if n < 0 => {
                        return Err(vm.new_value_error("__sizeof__() should return >= 0"))
                    }
                    Some(n) => Ok(n),
                    None => {
                        let neg = vm
                            .repr(&r)
                            .map(|s| s.as_str().starts_with('-'))
                            .unwrap_or(false);
                        if neg {
                            return Err(vm.new_value_error("__sizeof__() should return >= 0"));
                        }
                        Err(vm.new_overflow_error("Python int too large to convert to C ssize_t"))
                    }
                }
            }
        }
        Err(e) => Err(e),
    };
    let size = match size {
        Ok(n) => n,
        Err(e) => {
            return match default {
                Some(d) => Ok(d.clone()),
                None => Err(e),
            }
        }
    };
    let mut total = size;
    if obj.vtable().gc {
        total += 16;
    }
    if has_managed_dict(obj) {
        total += 16;
    }
    Ok(vm.new_int(total))
}

/// `object.__sizeof__`: CPython's `tp_basicsize` (+ items) of the object's type.
pub fn basic_size(vm: &Vm, o: &PyObject) -> usize {
    let _ = vm;
    let cls = o.class();
    if let Some(t) = o.payload::<PyType>() {
        if !t.is_heap_type() {
            return 408;
        }
        return if t.has_flag(flags::HAS_DICT) {
            904 + 768
        } else {
            904
        };
    }
    let heap_instance = cls.is_heap_type();
    let weak = if heap_instance && has_weakref_slot(cls) {
        8
    } else {
        0
    };
    if o.payload::<PyBaseObject>().is_some() {
        if heap_instance {
            return 16 + 8 * cls.nslots + weak;
        }
        return 16;
    }
    let extra = if heap_instance {
        8 * cls.nslots + weak
    } else {
        0
    };
    let base = if o.payload::<PyNone>().is_some()
        || o.payload::<PyEllipsis>().is_some()
        || o.payload::<PyNotImplemented>().is_some()
    {
        16
    } else if o.payload::<PyFunction>().is_some() {
        136
    } else if o.payload::<PyBoundMethod>().is_some() {
        48
    } else if o.payload::<PyBuiltinFunction>().is_some() || o.payload::<PyModule>().is_some() {
        56
    } else if o.payload::<PyProperty>().is_some() {
        64
    } else if o.payload::<PyStaticMethod>().is_some() || o.payload::<PyClassMethod>().is_some() {
        32
    } else if o.payload::<PyRange>().is_some() {
        48
    } else if o.payload::<PySlice>().is_some() {
        40
    } else if o.payload::<PyCell>().is_some() {
        24
    } else if o.payload::<PyBaseException>().is_some() {
        72
    } else if o.payload::<PySeqIter>().is_some() {
        32
    } else if o.payload::<PyRangeIter>().is_some() {
        48
    } else if o.payload::<PyMap>().is_some() || o.payload::<PyFilter>().is_some() {
        32
    } else if o.payload::<PyEnumerate>().is_some() {
        56
    } else if o.payload::<PyZip>().is_some() {
        48
    } else if o.payload::<PyDictView>().is_some() {
        24
    } else if o.payload::<PySuper>().is_some() {
        40
    } else if let Some(g) = o.payload::<PyGenerator>() {
        let n = g
            .frame
            .borrow()
            .as_ref()
            .map(|f| {
                let c = &f.code.code;
                c.varnames.len() + c.cellvars.len() + c.freevars.len() + c.max_stack as usize
            })
            .unwrap_or(0);
        152 + 8 * n
    } else if o.payload::<crate::objects::weakref::PyWeakRef>().is_some() {
        64
    } else {
        o.vtable().size
    };
    base + extra
}

/// Extra bytes a heap subclass adds to a builtin `__sizeof__` that reads
/// `tp_basicsize` (list, dict, set): its weakref and `__slots__` slots.
pub fn subclass_extra(o: &PyObject) -> usize {
    let cls = o.class();
    if !cls.is_heap_type() {
        return 0;
    }
    8 * cls.nslots + if has_weakref_slot(cls) { 8 } else { 0 }
}

fn sys_getallocatedblocks(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "getallocatedblocks")?;
    if !args.positional().is_empty() {
        return Err(vm.new_type_error(format!(
            "sys.getallocatedblocks() takes no arguments ({} given)",
            args.positional().len()
        )));
    }
    Ok(vm.new_int(with_heap(|h| h.allocated_blocks()) as i64))
}

/// The free-list lines of `_debugmallocstats` (lengths of the emulated free lists).
fn free_list_lines(out: &mut String) {
    use crate::heap::FreeList;
    let mut line = |kind: FreeList, name: &str, size: usize| {
        let count = with_heap(|h| h.free_list_len(kind));
        let left = format!("{count} free {name}s * {size} bytes each");
        let _ = mempy_pymalloc::printone(out, &format!("{left:>48} "), count * size);
    };
    line(FreeList::Dict, "PyDictObject", 48);
    line(FreeList::Float, "PyFloatObject", 24);
    line(FreeList::List, "PyListObject", 40);
    for n in 1..=20 {
        line(
            FreeList::Tuple(n),
            &format!("{n}-sized PyTupleObject"),
            24 + 8 * n,
        );
    }
}

fn sys_debugmallocstats(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "_debugmallocstats")?;
    let mut text = String::new();
    let _ = with_heap(|h| h.write_debug_stats(&mut text));
    // One blank line between the pymalloc part (if any) and the free-list lines.
    if !text.is_empty() && !text.ends_with("\n\n") {
        text.push('\n');
    }
    free_list_lines(&mut text);
    vm.flush_all();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
    Ok(vm.none())
}

/// Used by `gc`/teardown: an owned handle's count without the caller's own reference.
pub fn refcount_of(o: &PyObjectRef) -> usize {
    o.refcount()
}

// ----- Shared-key instance dicts (CPython 3.11's split tables) -----

/// The shared-key table of one class: instances ever created and attribute names seen.
#[derive(Default)]
struct SharedKeys {
    instances: usize,
    names: Vec<String>,
}

thread_local! {
    static SHARED_KEYS: std::cell::RefCell<crate::addr_map::AddrMap<SharedKeys>> = std::cell::RefCell::new(Default::default());
}

/// A new instance of the class at `type_addr` was created (CPython lowers the shared
/// table's `usable` by one per instance).
pub fn note_instance(type_addr: usize) {
    SHARED_KEYS.with(|t| t.borrow_mut().entry(type_addr).or_default().instances += 1);
}

/// An attribute named `name` was stored in an instance dict of the class.
pub fn note_attr(type_addr: usize, name: &str) {
    SHARED_KEYS.with(|t| {
        let mut t = t.borrow_mut();
        let e = t.entry(type_addr).or_default();
        if e.names.len() < 30 && !e.names.iter().any(|n| n == name) {
            e.names.push(name.to_string());
        }
    });
}

/// `__sizeof__` of a materialised instance dict on the class's shared keys:
/// `48 + 8 * (nentries + usable)`, `usable = 30 - instances - nentries` (at least 1).
pub fn shared_keys_sizeof(type_addr: usize) -> usize {
    SHARED_KEYS.with(|t| {
        let t = t.borrow();
        let (inst, n) = t
            .get(&type_addr)
            .map_or((0, 0), |e| (e.instances, e.names.len()));
        let usable = 30usize.saturating_sub(inst + n).max(1);
        48 + 8 * (n + usable)
    })
}
