//! The heap: the single allocation entry point of the VM and the only unsafe code in it.
//!
//! Every Python object is one block of the allocator's object domain (see
//! `header.rs` for the layout). [`Heap`] lives in a thread-local (the VM is
//! single-threaded; a fresh thread gets a fresh heap and allocator) and owns:
//! - the allocator (`mempy_pymalloc::Allocator`, mode from `PYTHONMALLOC`);
//! - accounting: live objects, gc allocations since the last collection (`count0`);
//! - the three generation lists (circular doubly linked lists through `GcLinks`, with
//!   heap-allocated sentinel heads) plus the permanent generation of `gc.freeze()`;
//! - the stress switch (`-X gcstress`: an unobservable young collection at every gc
//!   allocation, see `stress.rs`);
//! - the collector's state: debug flags, per-generation stats, `long_lived_*`, and the
//!   lengths of CPython's type free lists ([`FreeList`], emulated for `count0` and
//!   `_debugmallocstats`);
//! - the trashcan queue of `raw::drop_slow`;
//! - hooks the VM installs: the finalizer (`__del__`) and the weakref callback runner.
//!
//! An allocation over the threshold only sets `collection_pending`; the collection runs
//! at the next safe point (`modules::gc::safe_point`, called at every call), where no
//! container borrow is held and Python code may run.
//!
//! Files: `memlimit.rs` (`-X memlimit`), `header.rs` (layouts), `handle.rs` (handles, read its table first), `raw.rs`
//! (allocation and `drop_slow`), `traverse.rs` (the gc contract and its audited
//! implementations), `collect.rs` (CPython 3.11's collector over the generation lists
//! here; read its opening list of steps), `weak.rs` (weak references: target pointers
//! and per-referent lists, cleared at dealloc and by the collector).
#![allow(unsafe_code)]

pub mod collect;
pub mod handle;
pub mod header;
pub mod heap_types;
pub mod memlimit;
pub mod raw;
pub mod stress;
pub mod traverse;
pub mod weak;

/// Objects that are never freed (static types once the VM drops them, heap types
/// still alive when the VM thread ends), as CPython's statically allocated types.
/// A process-wide list keeps them reachable, so leak checkers (valgrind) report
/// them as still reachable instead of definitely lost.
static IMMORTAL: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());

/// Records `addr` (an object that will never be freed) in [`IMMORTAL`]. Each object is
/// registered once, when it is created or when its thread ends.
pub(crate) fn keep_immortal(addr: usize) {
    IMMORTAL
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(addr);
}

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;
use std::rc::Rc;

pub use handle::{Py, PyObject, PyObjectRef, PyRef, RawObj};
pub use header::{
    DictSlot, GcLinks, PyPayload, SlotCell, TypeCore, VTable, GC_COLLECTING, GC_FINALIZED,
};
pub use mempy_pymalloc::{Allocator, Domain, Mode, UnknownAllocator};
pub use raw::{
    ext_vtable_of, materialize_dict, new_ext_object, new_object, new_self_typed, payload_is_exact,
    same_vtable, slot_values, vtable_of, WithExt,
};
pub use traverse::{Traverse, Visitor};

/// One generation: a list head and CPython's counters.
pub struct Generation {
    head: Box<GcLinks>,
    pub threshold: Cell<isize>,
    pub count: Cell<isize>,
}

impl Generation {
    fn new(threshold: isize) -> Generation {
        let head = Box::new(GcLinks::new());
        let addr = &*head as *const GcLinks as usize;
        head.next.set(addr);
        head.prev.set(addr);
        Generation {
            head,
            threshold: Cell::new(threshold),
            count: Cell::new(0),
        }
    }

    /// Address of the sentinel head.
    pub fn head(&self) -> *const GcLinks {
        &*self.head
    }

    /// Number of objects in the list (walks it).
    pub fn len(&self) -> usize {
        let mut n = 0;
        self.for_each(|_| n += 1);
        n
    }

    pub fn is_empty(&self) -> bool {
        self.head.next.get() == self.head() as usize
    }

    /// Calls `f` on every object of the list, oldest first. `f` must not unlink.
    pub fn for_each(&self, mut f: impl FnMut(&PyObject)) {
        let head = self.head() as usize;
        let mut cur = self.head.next.get();
        while cur != head {
            // SAFETY: every non-head node of a generation list is the pre-header of a
            // live tracked object (objects untrack before they are freed).
            let obj = unsafe { raw::object_of_links(cur as *const GcLinks) };
            // SAFETY: as above.
            f(unsafe { obj.as_ref() });
            // SAFETY: as above.
            cur = unsafe { (*(cur as *const GcLinks)).next.get() };
        }
    }
}

type Hook = Rc<dyn Fn(&PyObjectRef)>;
/// Calls a weakref callback: `(callback, weakref)`.
type WeakHook = Rc<dyn Fn(&PyObjectRef, &PyObjectRef)>;

/// The per-thread heap state (see the module docs).
pub struct Heap {
    alloc: Allocator,
    pub generations: [Generation; 3],
    pub permanent: Generation,
    /// Collect at every gc allocation (`stress.rs`).
    pub stress: Cell<bool>,
    /// What stress collections freed that the next real collection accounts for.
    pub(crate) stress_debt: stress::Debt,
    /// Automatic collection enabled (`gc.enable()`).
    pub enabled: Cell<bool>,
    /// A collection is running.
    pub collecting: Cell<bool>,
    /// Set when an allocation pushed `count0` over its threshold; the VM's trigger
    /// hook runs the collection.
    pub collection_pending: Cell<bool>,
    live_objects: Cell<usize>,
    /// Objects allocated since start-up (frees are this minus the change of
    /// `live_objects`): what the REPL's `:alloc` reports per input.
    allocations: Cell<u64>,
    pub(crate) trash: RefCell<Vec<RawObj>>,
    finalizer: RefCell<Option<Hook>>,
    weak_hook: RefCell<Option<WeakHook>>,
    /// `gc.set_debug` flags.
    pub debug: Cell<u32>,
    /// `gc.get_stats()`, per generation.
    pub stats: [Cell<collect::GenStats>; 3],
    /// Objects in generation 2 after the last full collection.
    pub long_lived_total: Cell<isize>,
    /// Objects promoted to generation 2 since the last full collection.
    pub long_lived_pending: Cell<isize>,
    /// Lengths of CPython's type free lists, emulated for their observable effects
    /// (`count0` is not changed by objects served from or returned to a free list, and
    /// `_debugmallocstats` reports them): see [`FreeList`].
    pub free_lists: [Cell<usize>; FreeList::COUNT],
    /// Whether the last dict allocated was served from the dict free list (an instance's
    /// inline storage gives it back: CPython allocates no dict for it).
    pub(crate) last_dict_from_free_list: Cell<bool>,
}

/// CPython 3.11's type free lists: dict (80), float (100), list (80), tuple per length
/// 1..=20 (2000 each). mempy returns the memory to pymalloc and keeps only the lengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeList {
    Dict,
    Float,
    List,
    Tuple(usize),
}

impl FreeList {
    pub const COUNT: usize = 23;

    pub fn index(self) -> usize {
        match self {
            FreeList::Dict => 0,
            FreeList::Float => 1,
            FreeList::List => 2,
            FreeList::Tuple(n) => 2 + n,
        }
    }

    pub fn capacity(self) -> usize {
        match self {
            FreeList::Dict | FreeList::List => 80,
            FreeList::Float => 100,
            FreeList::Tuple(_) => 2000,
        }
    }

    /// The free list an object would go to, if any (exact builtin types only).
    pub fn of(obj: &PyObject) -> Option<FreeList> {
        use crate::objects::{PyDict, PyFloat, PyList, PyTuple};
        if raw::payload_is_exact::<PyList>(obj) {
            Some(FreeList::List)
        } else if raw::payload_is_exact::<PyDict>(obj) {
            Some(FreeList::Dict)
        } else if raw::payload_is_exact::<PyFloat>(obj) {
            Some(FreeList::Float)
        } else if raw::payload_is_exact::<PyTuple>(obj) {
            let n = obj.payload::<PyTuple>().map_or(0, |t| t.as_slice().len());
            (1..=20).contains(&n).then_some(FreeList::Tuple(n))
        } else {
            None
        }
    }
}

impl Heap {
    /// An object of `kind` was allocated: true if CPython would have served it from
    /// its free list (which then shrinks).
    pub(crate) fn free_list_take(&self, kind: FreeList) -> bool {
        let c = &self.free_lists[kind.index()];
        if c.get() > 0 {
            c.set(c.get() - 1);
            true
        } else {
            false
        }
    }

    /// An object of `kind` was freed: true if CPython would have kept it on its free list.
    pub(crate) fn free_list_put(&self, kind: FreeList) -> bool {
        let c = &self.free_lists[kind.index()];
        if c.get() < kind.capacity() {
            c.set(c.get() + 1);
            true
        } else {
            false
        }
    }

    /// A full collection empties every free list.
    pub(crate) fn clear_free_lists(&self) {
        for c in &self.free_lists {
            c.set(0);
        }
    }

    /// Current length of each free list (`_debugmallocstats`).
    pub fn free_list_len(&self, kind: FreeList) -> usize {
        self.free_lists[kind.index()].get()
    }
}

thread_local! {
    static HEAP: Heap = Heap::new(
        MODE_CHOSEN
            .with(Cell::get)
            .unwrap_or_else(|| Mode::from_env().unwrap_or(Mode::Pymalloc)),
    );
    /// The allocator mode chosen by [`choose_mode`] for this thread, over `PYTHONMALLOC`.
    static MODE_CHOSEN: Cell<Option<Mode>> = const { Cell::new(None) };
}

/// Chooses this thread's allocator mode instead of `PYTHONMALLOC` (so runs in one
/// process can differ, as the test harness's debug-allocator pass does). It has effect
/// only before the thread's heap is first used.
pub fn choose_mode(mode: Mode) {
    MODE_CHOSEN.with(|m| m.set(Some(mode)));
}

/// Checks `PYTHONMALLOC` before the heap is first used. On an unknown value returns
/// CPython's fatal error text (two lines, no trailing newline); the driver prints it to
/// stderr and exits with status 1, as CPython's `preconfig_init_allocator` does.
pub fn init_allocator() -> Result<(), String> {
    if MODE_CHOSEN.with(Cell::get).is_some() {
        with_heap(|_| ());
        return Ok(());
    }
    match Mode::from_env() {
        Ok(_) => {
            with_heap(|_| ());
            Ok(())
        }
        Err(e) => Err(format!("Fatal Python error: preconfig_init_allocator: {e}\nPython runtime state: preinitializing")),
    }
}

/// Runs `f` with this thread's allocator (read-only views: arenas, stats, locate).
pub fn with_allocator<R>(f: impl FnOnce(&Allocator) -> R) -> R {
    with_heap(|h| f(&h.alloc))
}

/// Runs `f` with this thread's heap.
#[inline]
pub fn with_heap<R>(f: impl FnOnce(&Heap) -> R) -> R {
    HEAP.with(f)
}

impl Heap {
    fn new(mode: Mode) -> Heap {
        Heap {
            alloc: Allocator::new(mode),
            generations: [
                Generation::new(700),
                Generation::new(10),
                Generation::new(10),
            ],
            permanent: Generation::new(0),
            stress: Cell::new(false),
            stress_debt: stress::Debt::default(),
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            collection_pending: Cell::new(false),
            live_objects: Cell::new(0),
            allocations: Cell::new(0),
            trash: RefCell::new(Vec::new()),
            finalizer: RefCell::new(None),
            weak_hook: RefCell::new(None),
            debug: Cell::new(0),
            stats: Default::default(),
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            free_lists: Default::default(),
            last_dict_from_free_list: Cell::new(false),
        }
    }

    /// The allocation choke point: every object block comes from here.
    #[inline]
    pub(crate) fn allocate(&self, domain: Domain, size: usize, gc: bool) -> Option<NonNull<u8>> {
        if gc && self.stress.get() {
            stress::collect_at_allocation(self);
        }
        let p = self.alloc.malloc(domain, size)?;
        memlimit::after_allocate(&self.alloc);
        self.live_objects.set(self.live_objects.get() + 1);
        self.allocations.set(self.allocations.get() + 1);
        if gc {
            let g0 = &self.generations[0];
            g0.count.set(g0.count.get() + 1);
            if g0.count.get() > g0.threshold.get()
                && g0.threshold.get() != 0
                && self.enabled.get()
                && !self.collecting.get()
            {
                self.collection_pending.set(true);
            }
        }
        Some(p)
    }

    /// Frees a block obtained from `allocate`.
    ///
    /// # Safety
    /// `block` must come from `allocate` with the same domain and not be freed yet.
    #[inline]
    pub(crate) unsafe fn deallocate(&self, domain: Domain, block: NonNull<u8>, gc: bool) {
        // SAFETY: forwarded from the caller.
        unsafe { self.alloc.free(domain, block) };
        self.live_objects.set(self.live_objects.get() - 1);
        if gc {
            let g0 = &self.generations[0];
            if g0.count.get() > 0 {
                g0.count.set(g0.count.get() - 1);
            }
        }
    }

    /// Links a gc object's pre-header at the end of generation 0.
    ///
    /// # Safety
    /// `links` must be the pre-header of a live, untracked gc object.
    pub(crate) unsafe fn track(&self, links: *const GcLinks) {
        // SAFETY: forwarded from the caller; the list head is owned by `self`.
        unsafe { list_append(self.generations[0].head(), links) }
    }

    /// Unlinks a gc object's pre-header from whatever list it is in, if tracked.
    ///
    /// # Safety
    /// `links` must be the pre-header of a live gc object.
    pub(crate) unsafe fn untrack(&self, links: *const GcLinks) {
        // SAFETY: forwarded from the caller.
        let l = unsafe { &*links };
        if !l.is_tracked() {
            return;
        }
        let prev = (l.prev.get() & !header::GC_FLAG_MASK) as *const GcLinks;
        let next = l.next.get() as *const GcLinks;
        // SAFETY: a tracked node's neighbours are live nodes or list heads.
        unsafe {
            (*prev).next.set(next as usize);
            let nprev = (*next).prev.get();
            (*next)
                .prev
                .set(prev as usize | (nprev & header::GC_FLAG_MASK));
        }
        l.next.set(0);
        l.prev.set(l.prev.get() & header::GC_FLAG_MASK);
    }

    /// Blocks currently allocated by this thread's allocator.
    pub fn allocated_blocks(&self) -> usize {
        self.alloc.allocated_blocks()
    }

    /// Objects currently alive.
    pub fn live_objects(&self) -> usize {
        self.live_objects.get()
    }

    /// Objects allocated since start-up, freed or not.
    pub fn allocations(&self) -> u64 {
        self.allocations.get()
    }

    /// The allocator's statistics report (`sys._debugmallocstats`).
    pub fn write_debug_stats(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        self.alloc.write_debug_stats(out)
    }

    /// Installs the `__del__` runner, called by `drop_slow` for objects whose type has
    /// a finalizer.
    pub fn set_finalizer(&self, hook: Option<Hook>) {
        *self.finalizer.borrow_mut() = hook;
    }

    /// Installs the weakref callback runner (`(callback, weakref)`), called when a
    /// referent dies by reference counting.
    pub fn set_weakref_hook(&self, hook: Option<WeakHook>) {
        *self.weak_hook.borrow_mut() = hook;
    }

    /// Objects in the permanent generation.
    pub fn freeze_count(&self) -> usize {
        self.permanent.len()
    }
}

/// Clears the weak references to an object being destroyed and runs their callbacks
/// (CPython `PyObject_ClearWeakRefs`), in list order.
pub(crate) fn clear_weakrefs_on_dealloc(obj: &PyObject) {
    if !weak::any_registered() {
        return;
    }
    let list = weak::take_list(obj.addr(), true);
    if list.is_empty() {
        return;
    }
    let hook = with_heap(|h| h.weak_hook.borrow().clone());
    for (wr, cb) in list {
        if let (Some(wr), Some(cb), Some(hook)) = (wr, cb, hook.as_ref()) {
            hook(&cb, &wr);
        }
    }
}

impl Heap {
    fn before_dealloc(&self, _obj: &PyObject) {}
}

/// Appends `node` at the end of the list headed by `head`.
///
/// # Safety
/// `head` must be a list head and `node` an untracked live pre-header.
unsafe fn list_append(head: *const GcLinks, node: *const GcLinks) {
    // SAFETY: forwarded from the caller; heads and tracked nodes are live.
    unsafe {
        let last = ((*head).prev.get() & !header::GC_FLAG_MASK) as *const GcLinks;
        let flags = (*node).prev.get() & header::GC_FLAG_MASK;
        (*node).prev.set(last as usize | flags);
        (*node).next.set(head as usize);
        (*last).next.set(node as usize);
        let hflags = (*head).prev.get() & header::GC_FLAG_MASK;
        (*head).prev.set(node as usize | hflags);
    }
}

/// Runs the installed finalizer on an object being destroyed.
pub(crate) fn run_finalizer(obj: &PyObjectRef) {
    let hook = with_heap(|h| h.finalizer.borrow().clone());
    if let Some(hook) = hook {
        hook(obj);
    }
}

/// Number of live objects on this thread's heap.
pub fn live_objects() -> usize {
    with_heap(|h| h.live_objects())
}

/// The system page size (`sysconf(_SC_PAGESIZE)`), for `psutil`'s statm conversion.
pub fn page_size() -> usize {
    // SAFETY: `sysconf` reads a configuration value; it takes no pointers.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n > 0 {
        n as usize
    } else {
        4096
    }
}
