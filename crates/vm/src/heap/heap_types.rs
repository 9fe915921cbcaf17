//! Heap types as CPython's cycles: what a class statement's type stands for.
//!
//! A CPython class is always in cycles of its own (its `__mro__` tuple holds it, its
//! `__dict__`/`__weakref__` getset descriptors point back at it), so `del K` leaves it to
//! the collector, which finds the type, its dict, the `__mro__` and `__bases__` tuples
//! and the descriptors. mempy's type keeps those as Rust fields, so a heap type holds
//! one strong reference to itself (the table here, visited by its `Traverse` and
//! released by `collect::delete_garbage`), and stands for CPython's extra objects:
//! - in `count0`, for the objects CPython allocates with a class (dict, two tuples, and
//!   two getset descriptors when the class introduces `__dict__`);
//! - in a collection, for those CPython's collector finds tracked, in its order
//!   ([`collectable_names`]): `DEBUG_COLLECTABLE` prints one line for each, and the
//!   collected count includes them. The class dict is tracked only once it holds a
//!   value that may be tracked (a function, a descriptor, a list), and the `__bases__`
//!   tuple of a class whose bases are all builtin types is untracked by the first
//!   collection that sees the class alive ([`note_survivor`]).
//!
//! Not modelled: where the `__bases__` tuple of a class with explicit bases sits among
//! the objects its body made (CPython makes it before running the body), and the order
//! of a class that an earlier collection moved to an older generation.
#![allow(unsafe_code)]

use crate::addr_map::AddrMap;
use std::cell::Cell;

use super::collect::{list_objects, may_be_tracked};
use super::handle::{PyObject, PyObjectRef};
use super::header::GcLinks;
use super::with_heap;
use crate::objects::typeobj::flags;
use crate::objects::PyType;

thread_local! {
    // `ManuallyDrop`: types still alive when the thread ends are leaked (immortal), not
    // dropped from a TLS destructor after the heap itself is gone.
    // Those left at thread end go to `keep_immortal` so they stay reachable.
    static TYPE_SELF: TypeSelf = TypeSelf(std::cell::RefCell::new(AddrMap::default()));
}

/// A heap type's reference to itself, and whether its `__bases__` tuple is untracked.
struct SelfRef {
    obj: std::mem::ManuallyDrop<PyObjectRef>,
    bases_untracked: Cell<bool>,
    /// The class dict held a value that may be tracked when the class was made.
    dict_early: bool,
}

struct TypeSelf(std::cell::RefCell<AddrMap<SelfRef>>);

impl Drop for TypeSelf {
    fn drop(&mut self) {
        for &addr in self.0.get_mut().keys() {
            super::keep_immortal(addr);
        }
    }
}

/// CPython objects a heap type stands for beyond itself: its dict and the two tuples,
/// plus the `__dict__`/`__weakref__` descriptors when the class introduces them.
fn type_extra_objects(t: &PyType) -> usize {
    if introduces_dict(t) {
        5
    } else {
        3
    }
}

/// Called once a class statement (or `type(...)`) built heap type `t`.
pub fn heap_type_created(t: &PyObject) {
    let Some(ty) = t.payload::<PyType>() else {
        return;
    };
    let extra = type_extra_objects(ty) as isize;
    // Whether the class body stored a value that may be tracked (CPython's copy of the
    // namespace is then tracked from the start); slot descriptors come later.
    let dict_early = ty.attrs.borrow().entries().iter().any(|(k, v)| {
        let k = k.as_str();
        k != "__slots__" && !ty.slot_names.iter().any(|n| n == k) && may_be_tracked(v)
    });
    TYPE_SELF.with(|m| {
        m.0.borrow_mut().insert(
            t.addr(),
            SelfRef {
                obj: std::mem::ManuallyDrop::new(t.to_owned()),
                bases_untracked: Cell::new(false),
                dict_early,
            },
        )
    });
    with_heap(|h| {
        let g0 = &h.generations[0];
        g0.count.set(g0.count.get() + extra);
    });
}

/// Visits a heap type's reference to itself (from `Traverse for PyType`).
pub fn visit_type_self(t: &PyType, visit: &mut dyn FnMut(&PyObjectRef)) {
    // The payload sits right after the object header (`Py<T>` is `repr(C)`).
    let addr = t as *const PyType as usize - std::mem::size_of::<super::header::ObjectHeader>();
    TYPE_SELF.with(|m| {
        if let Some(r) = m.0.borrow().get(&addr) {
            visit(&r.obj);
        }
    });
}

/// Releases a heap type's reference to itself (its `tp_clear`).
pub(super) fn release_type_self(obj: &PyObject, out: &mut Vec<PyObjectRef>) {
    if let Some(r) = TYPE_SELF.with(|m| m.0.borrow_mut().remove(&obj.addr())) {
        out.push(std::mem::ManuallyDrop::into_inner(r.obj));
    }
}

/// The extra CPython objects a dying heap type stands for (count0 bookkeeping).
pub(crate) fn heap_type_freed(obj: &PyObject) {
    if let Some(ty) = obj.payload::<PyType>() {
        if ty.core.heap_type {
            let extra = type_extra_objects(ty) as isize;
            with_heap(|h| {
                let g0 = &h.generations[0];
                g0.count.set((g0.count.get() - extra).max(0));
            });
        }
    }
}

/// Objects beyond the types themselves that CPython would count for the heap types in a
/// list about to be deleted.
pub(super) fn extra_in(head: *const GcLinks) -> usize {
    list_objects(head)
        .into_iter()
        .map(|o| {
            // SAFETY: objects of the unreachable list are alive here.
            let obj = unsafe { o.as_ref() };
            heap_type(obj).map_or(0, |t| collectable_names(obj, t).len() - 1)
        })
        .sum()
}

/// `obj` as a heap type, if it is one.
pub(super) fn heap_type(obj: &PyObject) -> Option<&PyType> {
    obj.payload::<PyType>().filter(|t| t.core.heap_type)
}

/// The type names of the objects CPython's collector finds for unreachable heap type
/// `t` (at `obj`), in its order, the type itself included.
pub(super) fn collectable_names(obj: &PyObject, t: &PyType) -> Vec<&'static str> {
    let introduces = introduces_dict(t);
    let members = t
        .slot_names
        .iter()
        .filter(|n| !matches!(n.as_str(), "__dict__" | "__weakref__"))
        .count();
    let (bases_untracked, dict_early) = TYPE_SELF.with(|m| {
        m.0.borrow()
            .get(&obj.addr())
            .map_or((false, false), |r| (r.bases_untracked.get(), r.dict_early))
    });
    let mut names = Vec::new();
    if !bases_untracked {
        names.push("tuple");
    }
    if dict_early {
        names.push("dict");
    }
    names.extend(["type", "tuple"]);
    // The dict is tracked when the first descriptor is stored in it.
    let descriptors: Vec<&'static str> = if introduces {
        vec!["getset_descriptor"; 2]
    } else {
        vec!["member_descriptor"; members]
    };
    for (i, d) in descriptors.into_iter().enumerate() {
        names.push(d);
        if i == 0 && !dict_early {
            names.push("dict");
        }
    }
    names
}

/// A heap type survived a collection: CPython's `untrack_tuples` then untracks its
/// `__bases__` tuple if no base may be tracked (all bases are builtin types).
pub(super) fn note_survivor(obj: &PyObject) {
    let Some(t) = heap_type(obj) else { return };
    if t.bases.borrow().iter().all(|b| !b.core.heap_type) {
        TYPE_SELF.with(|m| {
            if let Some(r) = m.0.borrow().get(&obj.addr()) {
                r.bases_untracked.set(true);
            }
        });
    }
}

fn introduces_dict(t: &PyType) -> bool {
    t.has_flag(flags::HAS_DICT) && !t.bases.borrow().iter().any(|b| b.has_flag(flags::HAS_DICT))
}
