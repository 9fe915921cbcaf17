//! The cycle collector: CPython 3.11's `gc_collect_main`, step by step.
//!
//! Objects of gc-capable types are linked into one of three generation lists (plus the
//! permanent generation of `gc.freeze()`) through their `GcLinks` pre-header. A
//! collection of generation `g` runs these steps; after each, the stated facts hold.
//!
//! 1. **Counts and merge.** `count[g+1] += 1`, `count[0..=g] = 0`; the younger lists are
//!    appended to list `g` (`young`). `old` is list `g+1` (list 2 itself for `g == 2`).
//!    Every object of `young` is tracked and none has COLLECTING set.
//! 2. **update_refs / subtract_refs.** `young` is copied into a vector; each object gets
//!    `gc_refs = refcount` and then, through `Traverse`, each edge from one `young`
//!    object to another subtracts one. Now `gc_refs` = references from outside `young`.
//! 3. **move_unreachable.** CPython's single pass: an object with `gc_refs > 0` is
//!    reachable and makes everything it references reachable (objects already set aside
//!    come back to the end of the scan). Afterwards `young` holds exactly the objects
//!    reachable from outside, in CPython's order, and the local `unreachable` list the
//!    rest, each with the COLLECTING bit set (it marks "in the unreachable set" from here).
//! 4. **untrack_tuples** (every collection): tuples of `young` whose items cannot be
//!    tracked are untracked.
//! 5. **Promote.** `young` is merged into `old`; a full collection instead untracks dicts
//!    of atomic contents and resets `long_lived_total`/`long_lived_pending`.
//! 6. **Debug.** `DEBUG_COLLECTABLE` prints each unreachable object. mempy has no legacy
//!    (`tp_del`) finalizers, so the uncollectable set is always empty.
//! 7. **handle_weakrefs.** Weakref objects in `unreachable` are cleared; every weakref to
//!    an unreachable object is cleared; callbacks run only for weakrefs outside the
//!    garbage. Weakrefs freed by their callback count as collected.
//! 8. **finalize_garbage.** Each unreachable object with `__del__` not yet FINALIZED gets
//!    the bit and its `__del__` runs (at most once per object, PEP 442).
//! 9. **handle_resurrected_objects.** Steps 2-3 again over `unreachable`: what is now
//!    referenced from outside, and what it reaches, moves to `old` (COLLECTING cleared).
//! 10. **delete_garbage.** The rest is counted as collected; each object is appended to
//!     `gc.garbage` (`DEBUG_SAVEALL`) or cleared (`VTable::clear`, CPython's `tp_clear`),
//!     which breaks the cycles so reference counting frees them. Survivors move to `old`.
//! 11. **Stats.** `DEBUG_STATS` line, per-generation stats, result `collected +
//!     uncollectable`; a full collection empties the type free lists.
//!
//! Objects freed while in a list unlink themselves (`raw::dealloc` untracks), which is
//! why steps 7-10 walk the intrusive `unreachable` list, not a vector: Python code runs
//! there. In debug builds `validate_list` checks the links and flag states after steps.
#![allow(unsafe_code)]

use crate::addr_map::AddrMap;
use std::cell::Cell;
use std::ptr::NonNull;

use super::handle::{PyObject, PyObjectRef, RawObj};
use super::header::{GcLinks, GC_COLLECTING, GC_FINALIZED, GC_FLAG_MASK};
use super::heap_types::{extra_in, release_type_self};
use super::raw::{links_of, object_of_links};
use super::{heap_types, list_append, weak, with_heap, Generation};
use crate::objects::{PyDict, PyTuple};

/// `gc.DEBUG_STATS`.
pub const DEBUG_STATS: u32 = 1;
/// `gc.DEBUG_COLLECTABLE`.
pub const DEBUG_COLLECTABLE: u32 = 2;
/// `gc.DEBUG_UNCOLLECTABLE`.
pub const DEBUG_UNCOLLECTABLE: u32 = 4;
/// `gc.DEBUG_SAVEALL`.
pub const DEBUG_SAVEALL: u32 = 32;
/// `gc.DEBUG_LEAK`.
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// What the collector needs from the VM (implemented by `modules/gc.rs`).
pub trait GcEnv {
    /// Writes text to `sys.stderr` (debug output).
    fn write_stderr(&self, text: &str);
    /// The `tp_name` of `obj`'s type.
    fn type_name(&self, obj: &PyObject) -> String;
    /// Runs `__del__` of `obj` (errors reported as unraisable).
    fn finalize(&self, obj: &PyObjectRef);
    /// Calls a weakref callback `cb(wr)` (errors reported as unraisable).
    fn call_weakref_callback(&self, wr: &PyObjectRef, cb: &PyObjectRef);
    /// Appends to `gc.garbage`.
    fn save_garbage(&self, obj: PyObjectRef);
    /// Calls each of `gc.callbacks` with `(phase, info)`.
    fn invoke_callbacks(
        &self,
        phase: &str,
        generation: usize,
        collected: usize,
        uncollectable: usize,
    );
}

/// Cumulative statistics of one generation (`gc.get_stats()`).
#[derive(Clone, Copy, Default, Debug)]
pub struct GenStats {
    pub collections: usize,
    pub collected: usize,
    pub uncollectable: usize,
}

/// Result of one collection.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub collected: usize,
    pub uncollectable: usize,
}

// ----- Intrusive list primitives (CPython's gc_list_*) -----

/// A list head not owned by a generation (the `unreachable` list of one collection).
pub(super) struct LocalList {
    head: Box<GcLinks>,
}

impl LocalList {
    pub(super) fn new() -> LocalList {
        let head = Box::new(GcLinks::new());
        let addr = &*head as *const GcLinks as usize;
        head.next.set(addr);
        head.prev.set(addr);
        LocalList { head }
    }

    pub(super) fn head(&self) -> *const GcLinks {
        &*self.head
    }
}

/// Makes `head` an empty list.
fn list_init(head: *const GcLinks) {
    // SAFETY: `head` is a list head owned by a generation or a `LocalList`, alive for the call.
    let h = unsafe { &*head };
    h.next.set(head as usize);
    h.prev.set(head as usize | (h.prev.get() & GC_FLAG_MASK));
}

/// The first node of a list, if any.
pub(super) fn list_first(head: *const GcLinks) -> Option<*const GcLinks> {
    // SAFETY: `head` is a live list head.
    let n = unsafe { (*head).next.get() };
    (n != head as usize).then_some(n as *const GcLinks)
}

/// Unlinks a node from its list, keeping it marked as tracked (`next` is set again by
/// the next append).
///
/// # Safety
/// `node` must be a linked node of a well-formed list.
unsafe fn list_remove(node: *const GcLinks) {
    // SAFETY: a linked node's neighbours are live nodes or heads.
    unsafe {
        let l = &*node;
        let prev = (l.prev.get() & !GC_FLAG_MASK) as *const GcLinks;
        let next = l.next.get() as *const GcLinks;
        (*prev).next.set(next as usize);
        let nprev = (*next).prev.get();
        (*next).prev.set(prev as usize | (nprev & GC_FLAG_MASK));
    }
}

/// Moves a linked node to the end of the list headed by `to`.
///
/// # Safety
/// `node` must be a linked node and `to` a live head.
pub(super) unsafe fn list_move(node: *const GcLinks, to: *const GcLinks) {
    // SAFETY: forwarded from the caller.
    unsafe {
        list_remove(node);
        list_append(to, node);
    }
}

/// Appends every node of `from` to the end of `to`, leaving `from` empty.
fn list_merge(from: *const GcLinks, to: *const GcLinks) {
    while let Some(n) = list_first(from) {
        // SAFETY: `n` is linked in `from`; `to` is a live head.
        unsafe { list_move(n, to) };
    }
}

/// The objects of a list, in order.
pub(super) fn list_objects(head: *const GcLinks) -> Vec<RawObj> {
    let mut out = Vec::new();
    let mut cur = list_first(head);
    while let Some(n) = cur {
        // SAFETY: non-head nodes are pre-headers of live tracked objects.
        out.push(RawObj(unsafe { object_of_links(n) }));
        // SAFETY: as above.
        let next = unsafe { (*n).next.get() };
        cur = (next != head as usize).then_some(next as *const GcLinks);
    }
    out
}

fn list_len(head: *const GcLinks) -> usize {
    let mut n = 0;
    let mut cur = list_first(head);
    while let Some(c) = cur {
        n += 1;
        // SAFETY: a linked node of a live list.
        let next = unsafe { (*c).next.get() };
        cur = (next != head as usize).then_some(next as *const GcLinks);
    }
    n
}

fn links(obj: RawObj) -> &'static GcLinks {
    // SAFETY: only gc objects (with a pre-header) are passed, while alive.
    unsafe { &*links_of(obj.0) }
}

/// Debug-only check of a list (CPython `validate_list`): every `prev` points back, every
/// node is tracked, and the COLLECTING bit is set on all nodes or on none, as expected.
pub(super) fn validate_list(head: *const GcLinks, collecting: bool) {
    if !cfg!(debug_assertions) {
        return;
    }
    let mut prev = head as usize;
    let mut cur = list_first(head);
    while let Some(n) = cur {
        // SAFETY: linked nodes of a live list.
        let l = unsafe { &*n };
        debug_assert_eq!(
            l.prev.get() & !GC_FLAG_MASK,
            prev,
            "gc list: broken prev link"
        );
        debug_assert!(l.is_tracked(), "gc list: untracked node in a list");
        debug_assert_eq!(
            l.flags() & GC_COLLECTING != 0,
            collecting,
            "gc list: unexpected COLLECTING bit"
        );
        prev = n as usize;
        let next = l.next.get();
        cur = (next != head as usize).then_some(next as *const GcLinks);
    }
    // SAFETY: `head` is a live head.
    debug_assert_eq!(
        unsafe { (*head).prev.get() } & !GC_FLAG_MASK,
        prev,
        "gc list: head.prev is not the last node"
    );
}

/// Visits the children of `obj` through its vtable.
pub(super) fn traverse(obj: &PyObject, f: &mut dyn FnMut(&PyObjectRef)) {
    // SAFETY: the vtable belongs to this object's payload type.
    unsafe { (obj.vtable().traverse)(obj, f) }
}

/// CPython's `_PyObject_GC_MAY_BE_TRACKED`.
pub fn may_be_tracked(obj: &PyObject) -> bool {
    match obj.gc_links() {
        None => false,
        Some(l) => !super::raw::payload_is_exact::<PyTuple>(obj) || l.is_tracked(),
    }
}

// ----- Trial deletion (steps 2-3) -----

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// In `young`, not scanned yet.
    Pending,
    /// Scanned and reachable.
    Reachable,
    /// Tentatively unreachable, at this position of the unreachable sequence.
    Unreachable(usize),
}

/// Splits `objs` into (reachable, unreachable), each in CPython's list order.
/// `extra_refs` is subtracted from every count (references the caller holds).
fn trial_deletion(objs: &[RawObj], extra_refs: usize) -> (Vec<RawObj>, Vec<RawObj>) {
    let t = trial_deletion_checked(objs, extra_refs);
    (t.reachable, t.unreachable)
}

/// What trial deletion found over a set of objects.
pub(super) struct Trial {
    pub reachable: Vec<RawObj>,
    pub unreachable: Vec<RawObj>,
    /// An object visited through more internal edges than its reference count (a
    /// broken `Traverse`); the split is then meaningless.
    pub overvisited: Option<RawObj>,
}

/// Trial deletion (update_refs, subtract_refs, move_unreachable) over `objs`, any set
/// of tracked objects: references from outside the set make an object reachable.
pub(super) fn trial_deletion_checked(objs: &[RawObj], extra_refs: usize) -> Trial {
    let index: AddrMap<usize> = objs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.addr(), i))
        .collect();
    // update_refs.
    // SAFETY: every object of the list is alive (no Python code runs in this function).
    let mut refs: Vec<isize> = objs
        .iter()
        .map(|o| unsafe { o.as_ref() }.refcount() as isize - extra_refs as isize)
        .collect();
    let held = NOT_COUNTED.with(Cell::get);
    if held != 0 {
        if let Some(i) = objs.iter().position(|o| o.addr() == held) {
            refs[i] -= 1;
        }
    }
    // subtract_refs.
    for o in objs {
        // SAFETY: as above.
        traverse(unsafe { o.as_ref() }, &mut |c| {
            if let Some(&j) = index.get(&c.addr()) {
                refs[j] -= 1;
            }
        });
    }
    let overvisited = refs.iter().position(|&r| r < 0).map(|i| objs[i]);
    // move_unreachable.
    let mut mark = vec![Mark::Pending; objs.len()];
    let mut seq: Vec<usize> = (0..objs.len()).collect();
    let mut unreachable: Vec<Option<usize>> = Vec::new();
    let mut reachable = Vec::new();
    let mut k = 0;
    while k < seq.len() {
        let i = seq[k];
        k += 1;
        if mark[i] != Mark::Pending {
            continue;
        }
        if refs[i] > 0 {
            mark[i] = Mark::Reachable;
            reachable.push(objs[i]);
            // SAFETY: as above.
            traverse(unsafe { objs[i].as_ref() }, &mut |c| {
                let Some(&j) = index.get(&c.addr()) else {
                    return;
                };
                match mark[j] {
                    Mark::Pending => {
                        if refs[j] == 0 {
                            refs[j] = 1;
                        }
                    }
                    Mark::Unreachable(pos) => {
                        unreachable[pos] = None;
                        mark[j] = Mark::Pending;
                        refs[j] = 1;
                        seq.push(j);
                    }
                    Mark::Reachable => {}
                }
            });
        } else {
            mark[i] = Mark::Unreachable(unreachable.len());
            unreachable.push(Some(i));
        }
    }
    let unreachable = unreachable.into_iter().flatten().map(|i| objs[i]).collect();
    Trial {
        reachable,
        unreachable,
        overvisited,
    }
}

/// Rebuilds list `head` from `reachable` and moves `unreachable` to `into` with the
/// COLLECTING bit set.
fn relink(
    head: *const GcLinks,
    reachable: &[RawObj],
    unreachable: &[RawObj],
    into: *const GcLinks,
) {
    list_init(head);
    for o in reachable {
        let l = links(*o);
        l.set_flag(GC_COLLECTING, false);
        // SAFETY: the node was unlinked by `list_init` of its list (its neighbours are
        // rewritten here), and `head` is live.
        unsafe { list_append(head, l) };
    }
    for o in unreachable {
        let l = links(*o);
        l.set_flag(GC_COLLECTING, true);
        // SAFETY: as above.
        unsafe { list_append(into, l) };
    }
}

// ----- The collection -----

/// Whether a collection is due at an allocation (CPython `_PyObject_GC_Alloc`'s test).
pub fn collection_pending() -> bool {
    with_heap(|h| h.collection_pending.get())
}

/// Runs the automatic collection if one is pending (called at the eval loop's safe
/// points): chooses the generation like CPython's `gc_collect_generations`.
pub fn collect_if_pending(env: &dyn GcEnv) {
    let (pending, due) = with_heap(|h| {
        let p = h.collection_pending.replace(false);
        let g0 = &h.generations[0];
        let due = h.enabled.get()
            && !h.collecting.get()
            && g0.threshold.get() != 0
            && g0.count.get() > g0.threshold.get();
        (p, due)
    });
    if pending && due {
        collect_generations(env);
    }
}

/// CPython's `gc_collect_generations`: the oldest generation over its threshold, with
/// the `long_lived_pending > long_lived_total / 4` rule for full collections.
pub fn collect_generations(env: &dyn GcEnv) -> usize {
    let chosen = with_heap(|h| {
        for i in (0..3).rev() {
            let g = &h.generations[i];
            if g.count.get() > g.threshold.get() {
                if i == 2 && h.long_lived_pending.get() < h.long_lived_total.get() / 4 {
                    continue;
                }
                return Some(i);
            }
        }
        None
    });
    match chosen {
        Some(g) => collect_with_callbacks(env, g),
        None => 0,
    }
}

/// `gc.collect(generation)`: callbacks around one collection; 0 if one is running.
pub fn collect_with_callbacks(env: &dyn GcEnv, generation: usize) -> usize {
    if with_heap(|h| h.collecting.replace(true)) {
        return 0;
    }
    env.invoke_callbacks("start", generation, 0, 0);
    let out = collect_main(env, generation);
    env.invoke_callbacks("stop", generation, out.collected, out.uncollectable);
    with_heap(|h| {
        h.collecting.set(false);
        h.collection_pending.set(false);
    });
    out.collected + out.uncollectable
}

thread_local! {
    /// An object one of whose references the caller of [`collect_main_holding`] holds and
    /// the collector does not count.
    static NOT_COUNTED: Cell<usize> = const { Cell::new(0) };
}

/// [`collect_main`] as if the caller's reference to `held` did not exist: `held` is
/// collected (cleared, kept allocated by that reference) if nothing else reaches it. The
/// shutdown uses it for `__main__` once it left `sys.modules`.
pub fn collect_main_holding(env: &dyn GcEnv, generation: usize, held: &PyObject) -> Outcome {
    NOT_COUNTED.with(|n| n.set(held.addr()));
    let out = collect_main(env, generation);
    NOT_COUNTED.with(|n| n.set(0));
    out
}

/// One collection without callbacks (the later shutdown collections use this directly).
/// The caller sets `collecting`.
pub fn collect_main(env: &dyn GcEnv, generation: usize) -> Outcome {
    let generation = generation.min(2);
    let debug = with_heap(|h| h.debug.get());
    let t0 = std::time::Instant::now();
    // Garbage that stress collections freed early is still this collection's.
    let (debt_collected, debt_young) = with_heap(|h| h.stress_debt.take_counts());
    if debug & DEBUG_STATS != 0 {
        let sizes = with_heap(|h| {
            [
                h.generations[0].len() + debt_young,
                h.generations[1].len(),
                h.generations[2].len(),
                h.permanent.len(),
            ]
        });
        env.write_stderr(&format!(
            "gc: collecting generation {generation}...\ngc: objects in each generation: {} {} {}\ngc: objects in permanent generation: {}\n",
            sizes[0], sizes[1], sizes[2], sizes[3]
        ));
    }
    // Step 1: counts and merge.
    let (young, old) = with_heap(|h| {
        if generation + 1 < 3 {
            let g = &h.generations[generation + 1];
            g.count.set(g.count.get() + 1);
        }
        for g in &h.generations[..=generation] {
            g.count.set(0);
        }
        for i in 0..generation {
            list_merge(h.generations[i].head(), h.generations[generation].head());
        }
        let young = h.generations[generation].head();
        let old = if generation < 2 {
            h.generations[generation + 1].head()
        } else {
            young
        };
        (young, old)
    });
    validate_list(young, false);
    // Steps 2-3.
    let objs = list_objects(young);
    let (reachable, unreach) = trial_deletion(&objs, 0);
    let unreachable = LocalList::new();
    relink(young, &reachable, &unreach, unreachable.head());
    validate_list(young, false);
    validate_list(unreachable.head(), true);
    // Step 4.
    untrack_tuples(young);
    // Step 5.
    with_heap(|h| {
        if young != old {
            if generation == 1 {
                h.long_lived_pending
                    .set(h.long_lived_pending.get() + list_len(young) as isize);
            }
            list_merge(young, old);
        } else {
            untrack_dicts(young);
            h.long_lived_pending.set(0);
            h.long_lived_total.set(list_len(young) as isize);
        }
    });
    // Step 6.
    if debug & DEBUG_COLLECTABLE != 0 {
        for o in list_objects(unreachable.head()) {
            // SAFETY: objects in the unreachable list are alive (no code ran since step 3).
            let obj = unsafe { o.as_ref() };
            // A heap type prints a line for each CPython object it stands for (their
            // addresses are the type's: mempy has no such objects).
            let names = match heap_types::heap_type(obj) {
                Some(t) => heap_types::collectable_names(obj, t)
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                None => vec![env.type_name(obj)],
            };
            for name in names {
                env.write_stderr(&format!("gc: collectable <{name} {:#x}>\n", obj.addr()));
            }
        }
    }
    // Step 7.
    let mut collected = handle_weakrefs(env, unreachable.head(), old);
    // Step 8.
    finalize_garbage(env, unreachable.head());
    // Step 9.
    handle_resurrected(unreachable.head(), old);
    validate_list(unreachable.head(), true);
    // Step 10.
    collected += list_len(unreachable.head()) + extra_in(unreachable.head()) + debt_collected;
    delete_garbage(env, unreachable.head(), old, debug);
    with_heap(|h| h.stress_debt.pay_free_lists(h));
    // Step 11.
    let uncollectable = 0;
    if debug & DEBUG_STATS != 0 {
        env.write_stderr(&format!(
            "gc: done, {} unreachable, {} uncollectable, {:.4}s elapsed\n",
            collected + uncollectable,
            uncollectable,
            t0.elapsed().as_secs_f64()
        ));
    }
    if generation == 2 {
        with_heap(|h| h.clear_free_lists());
    }
    with_heap(|h| {
        let s = &h.stats[generation];
        let mut v = s.get();
        v.collections += 1;
        v.collected += collected;
        v.uncollectable += uncollectable;
        s.set(v);
    });
    Outcome {
        collected,
        uncollectable,
    }
}

fn untrack_tuples(head: *const GcLinks) {
    for o in list_objects(head) {
        // SAFETY: objects of a generation list are alive.
        let obj = unsafe { o.as_ref() };
        heap_types::note_survivor(obj);
        if let Some(t) = obj.downcast_ref::<PyTuple>() {
            if super::raw::payload_is_exact::<PyTuple>(obj)
                && !t.as_slice().iter().any(|x| may_be_tracked(x))
            {
                // SAFETY: `obj` is a live gc object.
                with_heap(|h| unsafe { h.untrack(links_of(o.0)) });
            }
        }
    }
}

fn untrack_dicts(head: *const GcLinks) {
    for o in list_objects(head) {
        // SAFETY: objects of a generation list are alive.
        let obj = unsafe { o.as_ref() };
        if super::raw::payload_is_exact::<PyDict>(obj) && !dict_may_track(obj) {
            // SAFETY: `obj` is a live gc object.
            with_heap(|h| unsafe { h.untrack(links_of(o.0)) });
        }
    }
}

/// Whether a dict holds a key or value that may be tracked.
fn dict_may_track(obj: &PyObject) -> bool {
    let mut any = false;
    traverse(obj, &mut |c| any |= may_be_tracked(c));
    any
}

fn handle_weakrefs(env: &dyn GcEnv, unreachable: *const GcLinks, old: *const GcLinks) -> usize {
    let _ = old;
    let objs = list_objects(unreachable);
    // Weakref objects that are garbage themselves are cleared without callbacks.
    for o in &objs {
        // SAFETY: no Python code has run since the list was built.
        weak::clear_if_weakref(unsafe { o.as_ref() });
    }
    let mut to_call: Vec<(PyObjectRef, PyObjectRef)> = Vec::new();
    for o in &objs {
        for (wr, cb) in weak::take_list(o.addr(), false) {
            let Some(wr) = wr else { continue };
            if wr
                .gc_links()
                .is_some_and(|l| l.flags() & GC_COLLECTING != 0)
            {
                continue;
            }
            if let Some(cb) = cb {
                to_call.push((wr, cb));
            }
        }
    }
    let mut freed = 0;
    for (wr, cb) in to_call {
        env.call_weakref_callback(&wr, &cb);
        drop(cb);
        if wr.refcount() == 1 {
            freed += 1;
        }
        drop(wr);
    }
    freed
}

fn finalize_garbage(env: &dyn GcEnv, unreachable: *const GcLinks) {
    // CPython moves each object to a `seen` list before calling its finalizer, so
    // objects freed or resurrected meanwhile do not disturb the walk.
    let seen = LocalList::new();
    while let Some(n) = list_first(unreachable) {
        // SAFETY: `n` is linked in the unreachable list, so its object is alive.
        let obj = unsafe { object_of_links(n) };
        // SAFETY: as above.
        unsafe { list_move(n, seen.head()) };
        // SAFETY: as above.
        let o = unsafe { obj.as_ref() };
        if o.type_core().has_finalizer.get()
            && o.gc_links().is_some_and(|l| l.flags() & GC_FINALIZED == 0)
        {
            if let Some(l) = o.gc_links() {
                l.set_flag(GC_FINALIZED, true);
            }
            let handle = o.to_owned();
            env.finalize(&handle);
            drop(handle);
        }
    }
    list_merge(seen.head(), unreachable);
}

fn handle_resurrected(unreachable: *const GcLinks, old: *const GcLinks) {
    let objs = list_objects(unreachable);
    let (alive, still) = trial_deletion(&objs, 0);
    let tmp = LocalList::new();
    list_init(unreachable);
    relink(tmp.head(), &alive, &still, unreachable);
    list_merge(tmp.head(), old);
}

pub(super) fn delete_garbage(
    env: &dyn GcEnv,
    unreachable: *const GcLinks,
    old: *const GcLinks,
    debug: u32,
) {
    while let Some(n) = list_first(unreachable) {
        // SAFETY: `n` is linked in the unreachable list, so its object is alive.
        let obj = unsafe { object_of_links(n) };
        // SAFETY: as above; the handle keeps it alive during the clear.
        let handle = unsafe { obj.as_ref() }.to_owned();
        if debug & DEBUG_SAVEALL != 0 {
            env.save_garbage(handle.clone());
        } else {
            let mut out = Vec::new();
            release_type_self(&handle, &mut out);
            // SAFETY: the vtable belongs to the object's payload type.
            unsafe { (handle.vtable().clear)(&handle, &mut out) };
            drop(out);
        }
        drop(handle);
        if list_first(unreachable) == Some(n) {
            // Still alive: survivors go to the older generation.
            if let Some(l) = handle_links(n) {
                l.set_flag(GC_COLLECTING, false);
            }
            // SAFETY: `n` is linked and `old` is a live head.
            unsafe { list_move(n, old) };
        }
    }
}

fn handle_links(n: *const GcLinks) -> Option<&'static GcLinks> {
    // SAFETY: `n` is a linked node of a live object.
    Some(unsafe { &*n })
}

// ----- freeze / get_objects -----

/// `gc.freeze()`: every tracked object into the permanent generation; counts zeroed.
pub fn freeze() {
    with_heap(|h| {
        for g in &h.generations {
            list_merge(g.head(), h.permanent.head());
            g.count.set(0);
        }
    });
}

/// `gc.unfreeze()`: the permanent generation into generation 2.
pub fn unfreeze() {
    with_heap(|h| list_merge(h.permanent.head(), h.generations[2].head()));
}

/// The tracked objects of one generation or of all three (new references).
pub fn objects(generation: Option<usize>) -> Vec<PyObjectRef> {
    with_heap(|h| {
        let gens: Vec<&Generation> = match generation {
            Some(g) => vec![&h.generations[g]],
            None => h.generations.iter().collect(),
        };
        let mut out = Vec::new();
        for g in gens {
            for o in list_objects(g.head()) {
                // SAFETY: objects of a generation list are alive.
                out.push(unsafe { o.as_ref() }.to_owned());
            }
        }
        out
    })
}

/// Children of `obj` as `Traverse` visits them (new references).
pub fn referents(obj: &PyObject) -> Vec<PyObjectRef> {
    let mut out = Vec::new();
    if obj.gc_links().is_some() {
        traverse(obj, &mut |c| out.push(c.clone()));
    }
    out
}

/// Whether `obj`'s traversal visits any of `targets`.
pub fn refers_to_any(obj: &PyObject, targets: &[usize]) -> bool {
    let mut hit = false;
    traverse(obj, &mut |c| hit |= targets.contains(&c.addr()));
    hit
}

/// `gc.is_tracked`.
pub fn is_tracked(obj: &PyObject) -> bool {
    obj.gc_links().is_some_and(|l| l.is_tracked())
}

/// `gc.is_finalized`.
pub fn is_finalized(obj: &PyObject) -> bool {
    obj.gc_links()
        .is_some_and(|l| l.flags() & GC_FINALIZED != 0)
}

/// Tracks a gc object if it is not tracked (CPython `_PyObject_GC_TRACK` on demand,
/// used when a dict receives an item that may be tracked).
pub fn track(obj: &PyObject) {
    if let Some(l) = obj.gc_links() {
        if !l.is_tracked() {
            // SAFETY: `l` is the pre-header of the live object `obj`, untracked.
            with_heap(|h| unsafe { h.track(l) });
        }
    }
}

/// Untracks a gc object (no-op if untracked).
pub fn untrack(obj: &PyObject) {
    if obj.gc_links().is_some() {
        // SAFETY: `obj` is a live gc object.
        with_heap(|h| unsafe { h.untrack(links_of(NonNull::from(obj))) });
    }
}

/// CPython's `MAINTAIN_TRACKING` on dict insertion: an untracked dict becomes tracked
/// when a key or value that may be tracked is stored. Inline attribute storage stays
/// untracked (its owner traverses it).
pub fn maybe_track_dict(d: &PyDict, key: &PyObject, value: &PyObject) {
    let owner = d.shared_keys_owner.get();
    if owner != 0 {
        match key.payload::<crate::objects::PyStr>() {
            Some(s) if super::raw::payload_is_exact::<crate::objects::PyStr>(key) => {
                crate::modules::sys_memory::note_attr(owner, s.as_str())
            }
            _ => d.shared_keys_owner.set(0),
        }
    }
    if d.inline_values.get() || !(may_be_tracked(key) || may_be_tracked(value)) {
        return;
    }
    // SAFETY: `PyDict` payloads only exist inside objects (`Py<PyDict>` or a `WithExt`
    // starting with one, both `repr(C)` with the payload right after the header); dict.rs
    // constructs them directly into `new_object`/`new_instance`.
    let obj = unsafe {
        &*((d as *const PyDict as *const u8).sub(std::mem::size_of::<super::header::ObjectHeader>())
            as *const PyObject)
    };
    debug_assert!(obj.has_payload::<PyDict>());
    track(obj);
}
