//! Weak references at the heap level: the non-owning target pointer and the per-referent
//! list of weak references (CPython's `tp_weaklist`), kept in a side table.
//!
//! A [`WeakCore`] sits inside the payload of every `weakref.ref`/`proxy` object
//! (`objects/weakref.rs` owns the Python side). While its referent lives, the core is
//! registered in the referent's list, in CPython's order (the position is chosen by the
//! caller, see `objects/weakref.rs`). The list is cleared, and each core's target reset,
//! in two places only: `raw::dealloc` when the referent's count reaches zero (then the
//! callbacks run through the weakref hook, in list order), and the collector's
//! `handle_weakrefs` step. A core dropped while registered unregisters itself, so the
//! table never holds a dangling entry. Read `collect.rs` for the collector side.
#![allow(unsafe_code)]

use crate::addr_map::AddrMap;
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

use super::handle::{PyObject, PyObjectRef};

/// The heap part of a weak reference object.
pub struct WeakCore {
    /// The referent; `None` once it died or the reference was cleared.
    target: Cell<Option<NonNull<PyObject>>>,
    /// The weakref object this core is part of (set when registered).
    owner: Cell<Option<NonNull<PyObject>>>,
    /// The callback (`__callback__`), taken when it is called.
    pub callback: RefCell<Option<PyObjectRef>>,
}

thread_local! {
    /// Referent address -> the cores registered on it, in CPython's list order.
    static REGISTRY: RefCell<AddrMap<Vec<NonNull<WeakCore>>>> = RefCell::new(AddrMap::default());
    /// Weakref object address -> its registered core.
    static OWNERS: RefCell<AddrMap<NonNull<WeakCore>>> = RefCell::new(AddrMap::default());
}

impl WeakCore {
    /// An unregistered core (call [`WeakCore::register`] once the owner exists).
    pub fn new(callback: Option<PyObjectRef>) -> WeakCore {
        WeakCore {
            target: Cell::new(None),
            owner: Cell::new(None),
            callback: RefCell::new(callback),
        }
    }

    /// Registers this core, which lives in the payload of `owner`, on `referent`'s list at
    /// position `index` (clamped to the list length).
    pub fn register(&self, owner: &PyObject, referent: &PyObject, index: usize) {
        self.owner.set(Some(NonNull::from(owner)));
        self.target.set(Some(NonNull::from(referent)));
        REGISTRY.with(|r| {
            let mut r = r.borrow_mut();
            let list = r.entry(referent.addr()).or_default();
            let i = index.min(list.len());
            list.insert(i, NonNull::from(self));
        });
        OWNERS.with(|o| o.borrow_mut().insert(owner.addr(), NonNull::from(self)));
    }

    /// The referent, if still alive (a new reference).
    pub fn get(&self) -> Option<PyObjectRef> {
        // SAFETY: `target` is reset before the referent's memory is released (in
        // `take_list`), so a `Some` always points at a live object.
        self.target.get().map(|p| unsafe { p.as_ref() }.to_owned())
    }

    /// Whether the referent is still alive.
    pub fn is_alive(&self) -> bool {
        self.target.get().is_some()
    }

    /// Address of the referent while alive.
    pub fn target_addr(&self) -> Option<usize> {
        self.target.get().map(|p| p.as_ptr() as usize)
    }

    /// Detaches from the referent without running the callback.
    pub fn clear(&self) {
        if let Some(t) = self.target.take() {
            let me = NonNull::from(self);
            if let Some(o) = self.owner.get() {
                OWNERS.with(|m| m.borrow_mut().remove(&(o.as_ptr() as usize)));
            }
            REGISTRY.with(|r| {
                let mut r = r.borrow_mut();
                if let Some(list) = r.get_mut(&(t.as_ptr() as usize)) {
                    list.retain(|c| *c != me);
                    if list.is_empty() {
                        r.remove(&(t.as_ptr() as usize));
                    }
                }
            });
        }
    }
}

impl Drop for WeakCore {
    fn drop(&mut self) {
        self.clear();
    }
}

/// The weakref objects registered on `referent`, in list order (new references).
pub fn weakrefs_of(referent: &PyObject) -> Vec<PyObjectRef> {
    let cores = REGISTRY.with(|r| {
        r.borrow()
            .get(&referent.addr())
            .cloned()
            .unwrap_or_default()
    });
    cores
        .into_iter()
        .filter_map(|c| {
            // SAFETY: registered cores are alive (a core unregisters itself when dropped).
            let core = unsafe { c.as_ref() };
            // SAFETY: the owner of a registered core is the live weakref object holding it.
            core.owner.get().map(|o| unsafe { o.as_ref() }.to_owned())
        })
        .collect()
}

/// Number of weak references to `referent`.
pub fn weakref_count(referent: &PyObject) -> usize {
    REGISTRY.with(|r| r.borrow().get(&referent.addr()).map_or(0, |l| l.len()))
}

/// Whether any weak reference exists at all (fast check on the dealloc path).
pub(crate) fn any_registered() -> bool {
    REGISTRY.with(|r| !r.borrow().is_empty())
}

/// Clears every weak reference to the object at `addr` and returns, in list order, each
/// weakref object (a new reference, or `None` if it is itself being destroyed) with its
/// callback (taken out of the core when `take_callbacks`).
pub(crate) fn take_list(
    addr: usize,
    take_callbacks: bool,
) -> Vec<(Option<PyObjectRef>, Option<PyObjectRef>)> {
    let Some(list) = REGISTRY.with(|r| r.borrow_mut().remove(&addr)) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(list.len());
    for c in list {
        // SAFETY: registered cores are alive (a core unregisters itself when dropped).
        let core = unsafe { c.as_ref() };
        core.target.set(None);
        if let Some(o) = core.owner.get() {
            OWNERS.with(|m| m.borrow_mut().remove(&(o.as_ptr() as usize)));
        }
        let owner = core.owner.get().and_then(|o| {
            // SAFETY: the owner of a registered core is a live weakref object.
            let o = unsafe { o.as_ref() };
            (o.refcount() > 0).then(|| o.to_owned())
        });
        let cb = if take_callbacks {
            core.callback.borrow_mut().take()
        } else {
            core.callback.borrow().clone()
        };
        out.push((owner, cb));
    }
    out
}

/// Clears `obj` if it is a registered weakref object (the collector clears weakref
/// objects that are themselves unreachable, without callbacks).
pub(crate) fn clear_if_weakref(obj: &PyObject) {
    let found = OWNERS.with(|m| m.borrow().get(&obj.addr()).copied());
    if let Some(c) = found {
        // SAFETY: registered cores are alive (a core unregisters itself when dropped).
        unsafe { c.as_ref() }.clear();
    }
}

// SAFETY: a weak reference owns only its callback; the referent is not owned.
unsafe impl super::traverse::Traverse for crate::objects::weakref::PyWeakRef {
    fn traverse(&self, visit: &mut super::traverse::Visitor<'_>) {
        if let Some(cb) = self.core.callback.borrow().as_ref() {
            visit(cb);
        }
    }
}
