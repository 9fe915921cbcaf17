//! [`Allocator`]: the one public entry point. It routes each call by mode and domain to
//! pymalloc (`pymalloc.rs`), the system allocator (`raw.rs`) or the debug hooks (`debug.rs`),
//! and exposes the statistics and inspection views.
//!
//! The route of each domain is computed once, at construction, so the hot path is a table
//! load and one match. The allocator is single-threaded by construction: it holds its state in
//! an `UnsafeCell` and a `PhantomData<*mut ()>`, so it is neither `Send` nor `Sync`, and no
//! method calls back into caller code while the state is borrowed.

use core::cell::{Cell, UnsafeCell};
use core::marker::PhantomData;
use core::ptr::NonNull;

use crate::arena::ArenaPlacement;
use crate::debug::{self, FatalErrorHook};
use crate::geometry::ARENA_SIZE;
use crate::inspect::{self, ArenaInfo, BlockLocation};
use crate::mode::{Domain, Mode};
use crate::pymalloc::Obmalloc;
use crate::raw;
use crate::stats::{self, Stats};

/// What a debug route wraps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Base {
    /// `_PyObject_Malloc` and friends.
    Pymalloc,
    /// `PyMem_Raw*`.
    System,
}

/// Where one domain's calls go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    Pymalloc,
    System,
    Debug { base: Base, api: u8 },
}

/// A CPython 3.11 memory allocator: three domains over pymalloc or `malloc`, with optional
/// debug hooks, statistics and a heap map.
///
/// All methods take `&self`; the type is neither `Send` nor `Sync`, so the VM keeps one per
/// thread (it has one thread). Dropping it returns every arena to the system; blocks that came
/// from `malloc` and were never freed are not tracked and stay allocated.
///
/// ```compile_fail
/// fn needs_send<T: Send>() {}
/// needs_send::<mempy_pymalloc::Allocator>();
/// ```
///
/// ```compile_fail
/// fn needs_sync<T: Sync>() {}
/// needs_sync::<mempy_pymalloc::Allocator>();
/// ```
///
/// ```
/// use mempy_pymalloc::{Allocator, Domain, Mode};
/// let a = Allocator::new(Mode::Pymalloc);
/// let p = a.malloc(Domain::Object, 100).unwrap();
/// assert_eq!(p.as_ptr() as usize % 16, 0);
/// assert_eq!(a.allocated_blocks(), 1);
/// // SAFETY: `p` is a live object-domain block of `a`.
/// unsafe { a.free(Domain::Object, p) };
/// assert_eq!(a.allocated_blocks(), 0);
/// ```
pub struct Allocator {
    mode: Mode,
    /// Per domain: true when its calls go straight to pymalloc, the one branch of the hot path.
    direct: [bool; 3],
    routes: [Route; 3],
    state: UnsafeCell<Obmalloc>,
    fatal_hook: Cell<Option<FatalErrorHook>>,
    _single_threaded: PhantomData<*mut ()>,
}

impl Allocator {
    /// An allocator in `mode`, with arenas placed as [`ArenaPlacement::Misaligned`] (63 pools
    /// per arena, as on the reference CPython).
    pub fn new(mode: Mode) -> Allocator {
        Allocator::with_placement(mode, ArenaPlacement::default())
    }

    /// An allocator whose arenas are placed as `placement` says.
    pub fn with_placement(mode: Mode, placement: ArenaPlacement) -> Allocator {
        let object = match mode {
            Mode::Pymalloc => Route::Pymalloc,
            Mode::Malloc => Route::System,
            Mode::PymallocDebug => Route::Debug {
                base: Base::Pymalloc,
                api: 0,
            },
            Mode::MallocDebug => Route::Debug {
                base: Base::System,
                api: 0,
            },
        };
        let with_api = |route: Route, domain: Domain| match route {
            Route::Debug { base, .. } => Route::Debug {
                base,
                api: domain.api_id(),
            },
            other => other,
        };
        let raw = if mode.has_debug_hooks() {
            Route::Debug {
                base: Base::System,
                api: Domain::Raw.api_id(),
            }
        } else {
            Route::System
        };
        let routes = [
            raw,
            with_api(object, Domain::Mem),
            with_api(object, Domain::Object),
        ];
        Allocator {
            mode,
            direct: routes.map(|r| r == Route::Pymalloc),
            routes,
            state: UnsafeCell::new(Obmalloc::new(placement)),
            fatal_hook: Cell::new(None),
            _single_threaded: PhantomData,
        }
    }

    /// The mode chosen at construction.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Runs `f` with exclusive access to the pymalloc state.
    #[inline(always)]
    fn with_state<R>(&self, f: impl FnOnce(&mut Obmalloc) -> R) -> R {
        // SAFETY: the allocator is !Sync, so only this thread can reach `state`; `f` is always
        // crate code that never re-enters the allocator's public API, so no second reference to
        // the state exists while this one lives.
        f(unsafe { &mut *self.state.get() })
    }

    /// Shared access to the pymalloc state, for read-only walks.
    #[inline]
    fn read_state<R>(&self, f: impl FnOnce(&Obmalloc) -> R) -> R {
        // SAFETY: as in `with_state`; `f` only reads.
        f(unsafe { &*self.state.get() })
    }

    /// Allocates `size` bytes (16-byte aligned, uninitialized; 0xCD-filled in debug modes).
    /// `None` if the system is out of memory or `size` exceeds `isize::MAX`.
    #[inline(always)]
    pub fn malloc(&self, domain: Domain, size: usize) -> Option<NonNull<u8>> {
        if self.direct[domain as usize] {
            return NonNull::new(self.with_state(|ob| ob.malloc(size)));
        }
        self.malloc_routed(domain, size)
    }

    /// `malloc` for the domains that do not go straight to pymalloc.
    #[inline(never)]
    fn malloc_routed(&self, domain: Domain, size: usize) -> Option<NonNull<u8>> {
        let p = match self.routes[domain as usize] {
            Route::Pymalloc => self.with_state(|ob| ob.malloc(size)),
            Route::System => raw::malloc(size),
            Route::Debug { base, api } => debug::malloc(self, base, api, size, false),
        };
        NonNull::new(p)
    }

    /// Allocates `nelem * elsize` zeroed bytes; `None` on overflow or out of memory.
    pub fn calloc(&self, domain: Domain, nelem: usize, elsize: usize) -> Option<NonNull<u8>> {
        let p = match self.routes[domain as usize] {
            Route::Pymalloc => self.with_state(|ob| ob.calloc(nelem, elsize)),
            Route::System => raw::calloc(nelem, elsize),
            Route::Debug { base, api } => debug::calloc(self, base, api, nelem, elsize),
        };
        NonNull::new(p)
    }

    /// Resizes a block as CPython does: a pool block is kept when the new size still fits its
    /// class and is more than 3/4 of the block; otherwise the contents move (the first
    /// `min(old, new)` bytes survive). A block that came from `malloc` stays with `realloc`.
    /// On `None` the old block is untouched and still owned by the caller.
    ///
    /// # Safety
    /// `ptr` must be a live block returned by this allocator for the same `domain` (the debug
    /// modes detect and report a mismatch). On success it is dangling unless returned.
    pub unsafe fn realloc(
        &self,
        domain: Domain,
        ptr: NonNull<u8>,
        new_size: usize,
    ) -> Option<NonNull<u8>> {
        let p = ptr.as_ptr();
        let r = match self.routes[domain as usize] {
            // SAFETY: forwarded caller guarantee.
            Route::Pymalloc => self.with_state(|ob| unsafe { ob.realloc(p, new_size) }),
            // SAFETY: forwarded caller guarantee.
            Route::System => unsafe { raw::realloc(p, new_size) },
            // SAFETY: forwarded caller guarantee.
            Route::Debug { base, api } => unsafe { debug::realloc(self, base, api, p, new_size) },
        };
        NonNull::new(r)
    }

    /// Frees a block.
    ///
    /// # Safety
    /// `ptr` must be a live block returned by this allocator for the same `domain`; it is
    /// dangling afterwards. (The debug modes detect and report most violations.)
    #[inline(always)]
    pub unsafe fn free(&self, domain: Domain, ptr: NonNull<u8>) {
        if self.direct[domain as usize] {
            // SAFETY: forwarded caller guarantee.
            self.with_state(|ob| unsafe { ob.free_nonnull(ptr.as_ptr()) });
            return;
        }
        // SAFETY: forwarded caller guarantee.
        unsafe { self.free_routed(domain, ptr) }
    }

    /// `free` for the domains that do not go straight to pymalloc.
    ///
    /// # Safety
    /// As [`Allocator::free`].
    #[inline(never)]
    unsafe fn free_routed(&self, domain: Domain, ptr: NonNull<u8>) {
        let p = ptr.as_ptr();
        match self.routes[domain as usize] {
            // SAFETY: forwarded caller guarantee.
            Route::Pymalloc => self.with_state(|ob| unsafe { ob.free(p) }),
            // SAFETY: forwarded caller guarantee.
            Route::System => unsafe { raw::free(p) },
            // SAFETY: forwarded caller guarantee.
            Route::Debug { base, api } => unsafe { debug::free(self, base, api, p) },
        }
    }

    /// `sys.getallocatedblocks()`: pool blocks in use plus mem/object-domain blocks forwarded
    /// to `malloc`. Always 0 in the malloc modes.
    pub fn allocated_blocks(&self) -> usize {
        self.read_state(stats::allocated_blocks)
    }

    /// Arenas alive now (a counter: no walk), for the VM's memory limit.
    #[inline]
    pub fn arenas_current(&self) -> usize {
        self.read_state(|ob| ob.narenas_currently_allocated)
    }

    /// Every counter, the per-class table and the byte accounting.
    pub fn stats(&self) -> Stats {
        self.read_state(stats::collect)
    }

    /// The pymalloc part of `sys._debugmallocstats()`, followed by the blank line CPython prints
    /// before the type free-list lines (which the VM appends). Writes nothing in the malloc
    /// modes, as CPython.
    pub fn write_debug_stats(&self, out: &mut dyn core::fmt::Write) -> core::fmt::Result {
        if !self.mode.uses_pymalloc() {
            return Ok(());
        }
        crate::report::write_report(&self.stats(), out)?;
        out.write_char('\n')
    }

    /// Every live arena with all its pool slots, for a heap map.
    pub fn arenas(&self) -> Vec<ArenaInfo> {
        self.read_state(inspect::arenas)
    }

    /// Arena, pool and block of an address inside a pool block; `None` for any other address
    /// (foreign, pool header, quantization tail, or a pool not carved yet).
    pub fn locate(&self, addr: usize) -> Option<BlockLocation> {
        self.read_state(|ob| inspect::locate(ob, addr))
    }

    /// Whether `addr` lies inside one of this allocator's arenas (`address_in_range`).
    pub fn owns(&self, addr: usize) -> bool {
        self.read_state(|ob| ob.owns(addr))
    }

    /// Start and end of the arena containing `addr`, if any.
    pub fn arena_bounds(&self, addr: usize) -> Option<(usize, usize)> {
        self.read_state(|ob| {
            if !ob.owns(addr) {
                return None;
            }
            ob.live_arenas()
                .map(|(_, ao)| ao.address())
                .find(|&a| addr >= a && addr < a + ARENA_SIZE)
                .map(|a| (a, a + ARENA_SIZE))
        })
    }

    /// Checks every internal invariant (list membership, sort order, search fingers, counts);
    /// an `Err` names the first violation. Meant for tests and debug builds.
    pub fn check_consistency(&self) -> Result<(), String> {
        self.read_state(|ob| ob.check_consistency())
    }

    /// `PYTHONMALLOCSTATS`: when on, the pymalloc report is written to stderr before each new
    /// arena is mapped.
    pub fn set_print_stats_on_new_arena(&self, on: bool) {
        self.with_state(|ob| ob.print_stats_on_new_arena = on);
    }

    /// Installs (or removes) a function that appends lines to a debug-hook fatal report before
    /// the process aborts.
    pub fn set_fatal_error_hook(&self, hook: Option<FatalErrorHook>) {
        self.fatal_hook.set(hook);
    }

    pub(crate) fn fatal_error_hook(&self) -> Option<FatalErrorHook> {
        self.fatal_hook.get()
    }

    pub(crate) fn base_malloc(&self, base: Base, n: usize) -> *mut u8 {
        match base {
            Base::Pymalloc => self.with_state(|ob| ob.malloc(n)),
            Base::System => raw::malloc(n),
        }
    }

    pub(crate) fn base_calloc(&self, base: Base, nelem: usize, elsize: usize) -> *mut u8 {
        match base {
            Base::Pymalloc => self.with_state(|ob| ob.calloc(nelem, elsize)),
            Base::System => raw::calloc(nelem, elsize),
        }
    }

    /// # Safety
    /// `p` must be a live block of `base`.
    pub(crate) unsafe fn base_realloc(&self, base: Base, p: *mut u8, n: usize) -> *mut u8 {
        match base {
            // SAFETY: forwarded caller guarantee.
            Base::Pymalloc => self.with_state(|ob| unsafe { ob.realloc(p, n) }),
            // SAFETY: forwarded caller guarantee.
            Base::System => unsafe { raw::realloc(p, n) },
        }
    }

    /// # Safety
    /// `p` must be a live block of `base`.
    pub(crate) unsafe fn base_free(&self, base: Base, p: *mut u8) {
        match base {
            // SAFETY: forwarded caller guarantee.
            Base::Pymalloc => self.with_state(|ob| unsafe { ob.free(p) }),
            // SAFETY: forwarded caller guarantee.
            Base::System => unsafe { raw::free(p) },
        }
    }
}

impl core::fmt::Debug for Allocator {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Allocator")
            .field("mode", &self.mode)
            .field("allocated_blocks", &self.allocated_blocks())
            .finish_non_exhaustive()
    }
}
