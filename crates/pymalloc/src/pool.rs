//! Pools: the 16 KiB unit that holds blocks of one size class, its header, and the per-class
//! lists of partially used pools (`usedpools`).
//!
//! A pool reserves its first 48 bytes for its header, as in CPython, so blocks start at the
//! same offsets (48, 48 + size, ...) and the byte accounting is CPython's. The header's fields
//! are CPython's `struct pool_header` (offsets on a 64-bit target), plus a pointer back to the
//! pool:
//!
//! ```text
//!  0  count          blocks currently handed out from this pool
//!  8  freeblock      head of the free-block list (the link lives in each free block's first word)
//! 16  nextpool       next pool in its usedpools list, or in its arena's freepools list
//! 24  prevpool       previous pool (only meaningful while in a usedpools list)
//! 32  arenaindex     index of the owning arena descriptor
//! 36  szidx          size class; 0xffff for a freshly carved pool
//! 40  nextoffset     offset of the next never-used block
//! 44  maxnextoffset  largest valid nextoffset: POOL_SIZE - block size
//! 48  pool           the pool's first byte (not in CPython, where the header *is* there)
//! ```
//!
//! Where the header lives is the one deliberate departure from CPython's layout: not in the
//! pool's reserved 48 bytes but in a **header table**, one cache-line-sized slot per 16 KiB of
//! address space, owned by the arena map (`arena_map.rs`), which computes a pool's slot from
//! its address without a memory load. In CPython every header sits on a 16 KiB boundary, so all
//! of them compete for one set of the L1 cache (and a few sets of L2); every allocation and
//! free touches a header, and with more than a handful of size classes in play each touch
//! misses. In the table the headers of an arena's pools fill consecutive lines. The reserved
//! bytes stay unused.
//!
//! Pool states and where each lives:
//! - **used** (`0 < count < capacity`): on the doubly linked `usedpools[class]` list.
//! - **full** (`count == capacity`): on no list; found again only through a block's address.
//! - **empty** (`count == 0`): on its arena's singly linked `freepools` list, keeping its old
//!   class and free list in case the same class wants it back.
//! - **unused**: not yet carved from its arena; it has no header at all.
//!
//! Blocks are handed out lazily: a pool's free list holds freed blocks (LIFO) and at most one
//! never-used block; when the list runs dry the block at `nextoffset` is appended
//! ([`extend`]). The arena-level decisions are in `pymalloc.rs` and `arena.rs`.

use core::ptr;

use crate::geometry::{NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, POOL_SIZE};
use crate::size_class::class_size;

/// The header of a carved pool (`struct pool_header` plus `pool`), one cache line in the
/// arena map's header table.
#[repr(C, align(64))]
pub(crate) struct PoolHeader {
    pub(crate) count: u32,
    _count_pad: u32,
    pub(crate) freeblock: *mut u8,
    pub(crate) nextpool: *mut PoolHeader,
    pub(crate) prevpool: *mut PoolHeader,
    pub(crate) arenaindex: u32,
    pub(crate) szidx: u32,
    pub(crate) nextoffset: u32,
    pub(crate) maxnextoffset: u32,
    /// The pool's first byte (16 KiB aligned); blocks start `POOL_OVERHEAD` bytes later.
    pub(crate) pool: *mut u8,
}

/// CPython's fields occupy exactly the bytes a pool reserves for them.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(core::mem::offset_of!(PoolHeader, pool) == POOL_OVERHEAD);
const _: () = assert!(core::mem::size_of::<PoolHeader>() == 64);

/// Reserves a zero-filled table of `slots` headers (the arena map's per-node tables); null if
/// the system refuses. The kernel backs only the pages that are touched.
#[cfg(all(unix, not(miri)))]
pub(crate) fn map_header_table(slots: usize) -> *mut PoolHeader {
    let len = slots * core::mem::size_of::<PoolHeader>();
    // SAFETY: an anonymous private mapping with no address hint touches no existing memory.
    let p = unsafe {
        libc::mmap(
            ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        ptr::null_mut()
    } else {
        p.cast()
    }
}

/// Returns a table from [`map_header_table`].
///
/// # Safety
/// `table` must come from `map_header_table(slots)` and not be used afterwards.
#[cfg(all(unix, not(miri)))]
pub(crate) unsafe fn unmap_header_table(table: *mut PoolHeader, slots: usize) {
    let len = slots * core::mem::size_of::<PoolHeader>();
    // SAFETY: the caller guarantees this is a whole mapping of ours.
    unsafe { libc::munmap(table.cast(), len) };
}

/// Allocates a zero-filled table of `slots` headers from the global allocator (under Miri,
/// which has no `mmap`); null on failure.
#[cfg(any(not(unix), miri))]
pub(crate) fn map_header_table(slots: usize) -> *mut PoolHeader {
    let layout = std::alloc::Layout::array::<PoolHeader>(slots).expect("header table layout");
    // SAFETY: the layout has a non-zero size.
    unsafe { std::alloc::alloc_zeroed(layout).cast() }
}

/// Frees a table from [`map_header_table`].
///
/// # Safety
/// `table` must come from `map_header_table(slots)` and not be used afterwards.
#[cfg(any(not(unix), miri))]
pub(crate) unsafe fn unmap_header_table(table: *mut PoolHeader, slots: usize) {
    let layout = std::alloc::Layout::array::<PoolHeader>(slots).expect("header table layout");
    // SAFETY: forwarded caller guarantee; same layout as the allocation.
    unsafe { std::alloc::dealloc(table.cast(), layout) };
}

/// `usedpools`: for each size class, the first pool of a doubly linked list of used pools
/// (null when the list is empty). The first pool's `prevpool` and the last pool's `nextpool`
/// are null.
///
/// CPython keeps a circular list through fake headers; plain head pointers give the same
/// operations (push at the front, unlink anywhere) without self-references, so the owning
/// allocator may move, and the allocation fast path reads the head straight from the array.
pub(crate) struct UsedPools {
    first: [*mut PoolHeader; NB_SMALL_SIZE_CLASSES],
}

impl UsedPools {
    pub(crate) fn new() -> UsedPools {
        UsedPools {
            first: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
        }
    }

    /// The first used pool of `class`, or null.
    ///
    /// # Safety
    /// `class` must be below `NB_SMALL_SIZE_CLASSES`.
    #[inline(always)]
    pub(crate) unsafe fn first(&self, class: usize) -> *mut PoolHeader {
        // SAFETY: the caller keeps `class` in bounds.
        unsafe { *self.first.get_unchecked(class) }
    }

    /// Links `pool` at the front of `class`'s list.
    ///
    /// # Safety
    /// `class` must be in range and `pool` a carved pool of that class on no list.
    #[inline(always)]
    pub(crate) unsafe fn link_front(&mut self, class: usize, pool: *mut PoolHeader) {
        // SAFETY: the caller keeps `class` in bounds; the old first pool, if any, is a live
        // header.
        unsafe {
            let slot = self.first.get_unchecked_mut(class);
            let next = *slot;
            (*pool).nextpool = next;
            (*pool).prevpool = ptr::null_mut();
            if !next.is_null() {
                (*next).prevpool = pool;
            }
            *slot = pool;
        }
    }

    /// Unlinks `pool` from its class's list.
    ///
    /// # Safety
    /// `pool` must be on the list of its `szidx`.
    #[inline]
    pub(crate) unsafe fn unlink(&mut self, pool: *mut PoolHeader) {
        // SAFETY: the caller guarantees list membership, so the neighbours are live headers and
        // `szidx` is a valid class.
        unsafe {
            let next = (*pool).nextpool;
            let prev = (*pool).prevpool;
            if !next.is_null() {
                (*next).prevpool = prev;
            }
            if prev.is_null() {
                *self.first.get_unchecked_mut((*pool).szidx as usize) = next;
            } else {
                (*prev).nextpool = next;
            }
        }
    }
}

/// Pops the head of a non-empty free list (`count` is the caller's business).
///
/// # Safety
/// `pool` must be a carved pool whose `freeblock` is non-null.
#[inline(always)]
pub(crate) unsafe fn pop_free(pool: *mut PoolHeader) -> *mut u8 {
    // SAFETY: the caller guarantees a carved pool with a non-empty list; every list entry is a
    // block of this pool whose first word holds the next link.
    unsafe {
        let bp = (*pool).freeblock;
        (*pool).freeblock = bp.cast::<*mut u8>().read();
        bp
    }
}

/// Called when a used pool's free list just ran dry (`pymalloc_pool_extend`): append the next
/// never-used block if there is one, otherwise the pool is full and leaves its used list.
///
/// # Safety
/// `pool` must be a carved pool of class `class` on its used list, with an empty free list.
#[inline]
pub(crate) unsafe fn extend(used: &mut UsedPools, pool: *mut PoolHeader, class: usize) {
    // SAFETY: the caller guarantees `pool` is a live header on its list; `nextoffset <=
    // maxnextoffset` means a whole block starts at `nextoffset` inside the pool.
    unsafe {
        if (*pool).nextoffset <= (*pool).maxnextoffset {
            let bp = (*pool).pool.add((*pool).nextoffset as usize);
            (*pool).freeblock = bp;
            (*pool).nextoffset += class_size(class) as u32;
            bp.cast::<*mut u8>().write(ptr::null_mut());
        } else {
            used.unlink(pool);
        }
    }
}

/// Prepares a pool for class `class` and returns its first block; the second block becomes
/// the one-element free list. No other block is touched.
///
/// # Safety
/// `pool` must be the header of a carved pool (its `pool` field set) with `count == 1` being
/// set up by the caller.
#[inline]
pub(crate) unsafe fn init(pool: *mut PoolHeader, class: usize) -> *mut u8 {
    let size = class_size(class);
    // SAFETY: the pool is POOL_SIZE bytes; the first two blocks end at 48 + 2 * size <= 1072,
    // well inside it.
    unsafe {
        (*pool).szidx = class as u32;
        let bp = (*pool).pool.add(POOL_OVERHEAD);
        (*pool).nextoffset = (POOL_OVERHEAD + 2 * size) as u32;
        (*pool).maxnextoffset = (POOL_SIZE - size) as u32;
        let second = bp.add(size);
        second.cast::<*mut u8>().write(ptr::null_mut());
        (*pool).freeblock = second;
        bp
    }
}

/// Whether `block` is on `pool`'s free list (a walk of at most `capacity` links).
///
/// # Safety
/// `pool` must be a carved pool.
pub(crate) unsafe fn on_free_list(pool: *mut PoolHeader, block: *mut u8) -> bool {
    // SAFETY: the caller guarantees a carved pool; its free list is a finite list of its own
    // blocks, each holding the next link in its first word.
    unsafe {
        let mut p = (*pool).freeblock;
        while !p.is_null() {
            if p == block {
                return true;
            }
            p = p.cast::<*mut u8>().read();
        }
    }
    false
}

/// Length of `pool`'s free list.
///
/// # Safety
/// `pool` must be a carved pool.
pub(crate) unsafe fn free_list_len(pool: *mut PoolHeader) -> usize {
    let mut n = 0;
    // SAFETY: as in `on_free_list`.
    unsafe {
        let mut p = (*pool).freeblock;
        while !p.is_null() {
            n += 1;
            p = p.cast::<*mut u8>().read();
        }
    }
    n
}
