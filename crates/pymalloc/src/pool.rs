//! Pools: the 16 KiB unit that holds blocks of one size class, its header, and the per-class
//! lists of partially used pools (`usedpools`).
//!
//! A pool header sits in the first 48 bytes of its pool, laid out as in CPython (offsets on a
//! 64-bit target):
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
//! ```
//!
//! Pool states and where each lives:
//! - **used** (`0 < count < capacity`): on the circular, doubly linked `usedpools[class]` list,
//!   which has one sentinel header per class.
//! - **full** (`count == capacity`): on no list; found again only through a block's address.
//! - **empty** (`count == 0`): on its arena's singly linked `freepools` list, keeping its old
//!   class and free list in case the same class wants it back.
//! - **unused**: not yet carved from its arena; it has no header at all.
//!
//! Blocks are handed out lazily: a pool's free list holds freed blocks (LIFO) and at most one
//! never-used block; when the list runs dry the block at `nextoffset` is appended
//! ([`extend`]). The arena-level decisions are in `pymalloc.rs` and `arena.rs`.

use core::ptr;

use crate::geometry::{NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, POOL_SIZE, POOL_SIZE_MASK};
use crate::size_class::class_size;

/// The header at the start of every carved pool (`struct pool_header`).
#[repr(C)]
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
}

const _: () = assert!(core::mem::size_of::<PoolHeader>() <= POOL_OVERHEAD);
#[cfg(target_pointer_width = "64")]
const _: () = assert!(core::mem::size_of::<PoolHeader>() == POOL_OVERHEAD);

impl PoolHeader {
    const SENTINEL: PoolHeader = PoolHeader {
        count: 0,
        _count_pad: 0,
        freeblock: ptr::null_mut(),
        nextpool: ptr::null_mut(),
        prevpool: ptr::null_mut(),
        arenaindex: u32::MAX,
        szidx: u32::MAX,
        nextoffset: 0,
        maxnextoffset: 0,
    };
}

/// The pool that contains `p` (`POOL_ADDR`). Pure address arithmetic: the result is only a
/// header if `p` lies in a carved pool.
#[inline(always)]
pub(crate) fn pool_of(p: *mut u8) -> *mut PoolHeader {
    p.wrapping_sub(p as usize & POOL_SIZE_MASK).cast()
}

/// `usedpools`: one list head per size class, each a sentinel header whose `nextpool` is the
/// first used pool and `prevpool` the last. An empty list points at its own sentinel.
///
/// The sentinels live in their own heap allocation so that the list links stay valid however
/// the owning allocator moves.
pub(crate) struct UsedPools {
    heads: *mut PoolHeader,
}

impl UsedPools {
    pub(crate) fn new() -> UsedPools {
        let heads: *mut PoolHeader =
            Box::into_raw(Box::new([PoolHeader::SENTINEL; NB_SMALL_SIZE_CLASSES])).cast();
        for class in 0..NB_SMALL_SIZE_CLASSES {
            // SAFETY: `heads` points at NB_SMALL_SIZE_CLASSES headers just allocated above.
            unsafe {
                let head = heads.add(class);
                (*head).nextpool = head;
                (*head).prevpool = head;
            }
        }
        UsedPools { heads }
    }

    /// The sentinel of `class`'s list.
    ///
    /// # Safety
    /// `class` must be below `NB_SMALL_SIZE_CLASSES`.
    #[inline(always)]
    pub(crate) unsafe fn head(&self, class: usize) -> *mut PoolHeader {
        // SAFETY: the caller keeps `class` in bounds of the sentinel array.
        unsafe { self.heads.add(class) }
    }
}

impl Drop for UsedPools {
    fn drop(&mut self) {
        // SAFETY: `heads` came from `Box::into_raw` of this exact array type in `new`.
        drop(unsafe { Box::from_raw(self.heads.cast::<[PoolHeader; NB_SMALL_SIZE_CLASSES]>()) });
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
pub(crate) unsafe fn extend(pool: *mut PoolHeader, class: usize) {
    // SAFETY: the caller guarantees `pool` is a live header; `nextoffset <= maxnextoffset`
    // means a whole block starts at `nextoffset` inside the pool.
    unsafe {
        if (*pool).nextoffset <= (*pool).maxnextoffset {
            let bp = pool.cast::<u8>().add((*pool).nextoffset as usize);
            (*pool).freeblock = bp;
            (*pool).nextoffset += class_size(class) as u32;
            bp.cast::<*mut u8>().write(ptr::null_mut());
        } else {
            unlink(pool);
        }
    }
}

/// Unlinks `pool` from the doubly linked list it is on.
///
/// # Safety
/// `pool` must be on a usedpools list (its neighbours are live headers or sentinels).
#[inline]
pub(crate) unsafe fn unlink(pool: *mut PoolHeader) {
    // SAFETY: the caller guarantees both neighbours are live list members.
    unsafe {
        let next = (*pool).nextpool;
        let prev = (*pool).prevpool;
        (*next).prevpool = prev;
        (*prev).nextpool = next;
    }
}

/// Links `pool` at the front of the list whose sentinel is `head`.
///
/// # Safety
/// `head` must be a usedpools sentinel and `pool` a live header on no list.
#[inline]
pub(crate) unsafe fn link_front(head: *mut PoolHeader, pool: *mut PoolHeader) {
    // SAFETY: the caller guarantees `head` is a consistent list head and `pool` is free to link.
    unsafe {
        let next = (*head).nextpool;
        (*pool).nextpool = next;
        (*pool).prevpool = head;
        (*next).prevpool = pool;
        (*head).nextpool = pool;
    }
}

/// Prepares a pool for class `class` and returns its first block; the second block becomes
/// the one-element free list. No other block is touched.
///
/// # Safety
/// `pool` must be a carved pool with `count == 1` being set up by the caller.
#[inline]
pub(crate) unsafe fn init(pool: *mut PoolHeader, class: usize) -> *mut u8 {
    let size = class_size(class);
    // SAFETY: the pool is POOL_SIZE bytes; the first two blocks end at 48 + 2 * size <= 1072,
    // well inside it.
    unsafe {
        (*pool).szidx = class as u32;
        let bp = pool.cast::<u8>().add(POOL_OVERHEAD);
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
