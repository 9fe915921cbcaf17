//! Stress mode (`-X gcstress`, `MEMPY_GCSTRESS=1`): a real collection at every gc
//! allocation that the program cannot observe.
//!
//! Before each allocation of a gc-capable object, [`collect_at_allocation`] runs trial
//! deletion (`collect::trial_deletion_checked`) over the newest [`WINDOW`] objects of
//! generation 0 (all of it while the collector runs normally: generation 0 rarely holds
//! more than its threshold of 700), frees what it finds unreachable, and checks the
//! `Traverse` contract on the way (no object visited through more internal edges than
//! its reference count). It runs inside the allocation, as CPython's collector does, so
//! it exercises the invariant that every tracked object is consistent whenever a gc
//! object is allocated (no container is mutably borrowed then). A window, not the whole
//! heap, keeps the cost per allocation bounded: trial deletion over any subset of the
//! tracked objects is sound, since references from outside the subset count as roots.
//!
//! Python shows when cyclic garbage dies, so a stress collection only frees garbage
//! whose early death nothing can see, and leaves no trace in the collector's state:
//! - It frees nothing if the garbage, or anything its death would free, has a
//!   `__del__` not yet run, a weak reference to it, is a live weak reference, or is a
//!   tracked object outside the window (its generation's length is observable). No
//!   Python code runs, no callback, no debug output (it is off while `gc.set_debug`
//!   flags are set), no statistics.
//! - Generation counts, the order of generation 0 and the emulated free lists are
//!   restored; what the program would have seen from the garbage is kept as a [`Debt`]
//!   that the next real collection pays: its collected count (returned by
//!   `gc.collect()`, passed to callbacks, added to `gc.get_stats()`), the garbage's
//!   place in generation 0's length (`DEBUG_STATS`), and the free-list entries its
//!   objects would have made.
//!
//! What still differs, by design: `sys.getallocatedblocks()` and other allocator
//! figures drop earlier, `gc.get_objects()`/`gc.get_referrers()` no longer list the
//! garbage, and garbage frozen by `gc.freeze()` is gone instead of frozen. The golden
//! suite's stress pass lists the programs that show one of these (`tests/modes.rs`).
#![allow(unsafe_code)]

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use super::collect::{self, GcEnv, LocalList};
use super::handle::{PyObject, PyObjectRef, RawObj};
use super::header::{GcLinks, GC_COLLECTING, GC_FINALIZED, GC_FLAG_MASK};
use super::raw::object_of_links;
use super::{weak, FreeList, Heap};
use crate::objects::typeobj::ObjectClass;

/// How many of the newest objects of generation 0 one stress collection examines.
pub const WINDOW: usize = 1000;

/// What stress collections freed that the next real collection must still account for.
#[derive(Default)]
pub struct Debt {
    /// Objects CPython's next collection would have counted as collected.
    pub collected: Cell<usize>,
    /// Garbage objects that generation 0's list would still hold.
    pub young: Cell<usize>,
    /// Objects that would have entered each type free list when freed.
    pub free_list_puts: [Cell<usize>; FreeList::COUNT],
}

impl Debt {
    /// Takes the collected and generation-0 counts, leaving them at zero.
    pub(crate) fn take_counts(&self) -> (usize, usize) {
        (self.collected.replace(0), self.young.replace(0))
    }

    /// Makes the free-list entries the freed garbage would have made.
    pub(crate) fn pay_free_lists(&self, h: &Heap) {
        for kind in all_free_lists() {
            for _ in 0..self.free_list_puts[kind.index()].replace(0) {
                h.free_list_put(kind);
            }
        }
    }
}

fn all_free_lists() -> impl Iterator<Item = FreeList> {
    [FreeList::Dict, FreeList::Float, FreeList::List]
        .into_iter()
        .chain((1..=20).map(FreeList::Tuple))
}

thread_local! {
    /// The first `Traverse` contract violation seen, reported at teardown.
    static VIOLATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The first contract violation a stress collection found (taken).
pub fn take_violation() -> Option<String> {
    VIOLATION.with(|v| v.borrow_mut().take())
}

/// The stress collection run by `Heap::allocate` before each gc allocation.
pub(crate) fn collect_at_allocation(h: &Heap) {
    if h.collecting.get() || h.debug.get() != 0 || !h.trash.borrow().is_empty() {
        return;
    }
    h.collecting.set(true);
    let objs = newest(h.generations[0].head(), WINDOW);
    let trial = collect::trial_deletion_checked(&objs, 0);
    if let Some(o) = trial.overvisited {
        VIOLATION.with(|v| {
            let mut v = v.borrow_mut();
            if v.is_none() {
                // SAFETY: objects of a generation list are alive.
                let obj = unsafe { o.as_ref() };
                *v = Some(format!(
                    "mempy: gc stress: a traversal visits a {} object more often than it is referenced\n",
                    obj.class().name()
                ));
            }
        });
    } else if !trial.unreachable.is_empty() && !death_is_observable(&trial.unreachable, &objs) {
        free_garbage(h, &trial.unreachable);
    }
    h.collecting.set(false);
}

/// The last `n` objects of the list headed by `head`, in list order.
fn newest(head: *const GcLinks, n: usize) -> Vec<RawObj> {
    let mut out = Vec::new();
    // SAFETY: `head` is a live list head; every non-head node is the pre-header of a
    // live tracked object.
    let mut cur = unsafe { (*head).prev.get() } & !GC_FLAG_MASK;
    while cur != head as usize && out.len() < n {
        // SAFETY: as above.
        out.push(RawObj(unsafe { object_of_links(cur as *const GcLinks) }));
        // SAFETY: as above.
        cur = unsafe { (*(cur as *const GcLinks)).prev.get() } & !GC_FLAG_MASK;
    }
    out.reverse();
    out
}

/// Whether freeing `garbage` would show: something that would die with it (the
/// garbage itself, then every object whose references all come from dying objects) has
/// a pending `__del__`, weak references, is a live weak reference, or is tracked outside
/// `window`.
fn death_is_observable(garbage: &[RawObj], window: &[RawObj]) -> bool {
    let in_window: HashSet<usize> = window.iter().map(|o| o.addr()).collect();
    let mut dying: HashSet<usize> = garbage.iter().map(|o| o.addr()).collect();
    let mut incoming: HashMap<usize, usize> = HashMap::new();
    let mut stack: Vec<RawObj> = garbage.to_vec();
    let mut observable = false;
    while let Some(o) = stack.pop() {
        // SAFETY: garbage and the objects it holds are alive: nothing was freed yet.
        let obj = unsafe { o.as_ref() };
        if shows_death(obj) {
            return true;
        }
        collect::traverse(obj, &mut |c| {
            if dying.contains(&c.addr()) {
                return;
            }
            let n = incoming.entry(c.addr()).or_insert(0);
            *n += 1;
            if *n == c.refcount() {
                dying.insert(c.addr());
                if collect::is_tracked(c) && !in_window.contains(&c.addr()) {
                    observable = true;
                }
                stack.push(RawObj(std::ptr::NonNull::from(&**c)));
            }
        });
        if observable {
            return true;
        }
    }
    false
}

fn shows_death(obj: &PyObject) -> bool {
    let pending_del = obj.type_core().has_finalizer.get()
        && obj
            .gc_links()
            .is_some_and(|l| l.flags() & GC_FINALIZED == 0);
    pending_del || weak::weakref_count(obj) > 0 || weak::is_live_weakref(obj)
}

/// Frees `garbage` (objects of generation 0, none observable) and books the debt.
fn free_garbage(h: &Heap, garbage: &[RawObj]) {
    let young = h.generations[0].head();
    let list = LocalList::new();
    for o in garbage {
        // SAFETY: `o` is a live object linked in generation 0.
        let links = unsafe { super::raw::links_of(o.0) };
        // SAFETY: as above; the local list head is alive for this function.
        unsafe { collect::list_move(links, list.head()) };
        // SAFETY: as above.
        unsafe { &*links }.set_flag(GC_COLLECTING, true);
    }
    let count0 = h.generations[0].count.get();
    let free_lists: Vec<usize> = h.free_lists.iter().map(Cell::get).collect();
    let debt = &h.stress_debt;
    debt.collected
        .set(debt.collected.get() + garbage.len() + super::heap_types::extra_in(list.head()));
    debt.young.set(debt.young.get() + garbage.len());
    collect::delete_garbage(&Silent, list.head(), young, 0);
    h.generations[0].count.set(count0);
    for (i, (c, before)) in h.free_lists.iter().zip(free_lists).enumerate() {
        let made = c.get().saturating_sub(before);
        debt.free_list_puts[i].set(debt.free_list_puts[i].get() + made);
        c.set(before);
    }
}

/// The collector's view of a VM that must not be touched: a stress collection never
/// saves garbage, runs no code and prints nothing.
struct Silent;

impl GcEnv for Silent {
    fn write_stderr(&self, _text: &str) {}
    fn type_name(&self, _obj: &PyObject) -> String {
        String::new()
    }
    fn finalize(&self, _obj: &PyObjectRef) {}
    fn call_weakref_callback(&self, _wr: &PyObjectRef, _cb: &PyObjectRef) {}
    fn save_garbage(&self, _obj: PyObjectRef) {}
    fn invoke_callbacks(&self, _: &str, _: usize, _: usize, _: usize) {}
}
