//! Arenas: 1 MiB pieces of memory from the operating system, their descriptors
//! (`arena_object`), and where in the address space a new one is placed.
//!
//! CPython maps arenas with `mmap`, which gives 4 KiB-aligned addresses; an arena whose base is
//! not 16 KiB aligned can hold only 63 pools (the fragments before the first aligned pool and
//! after the last one add up to one pool, reported as "bytes lost to arena alignment"). On the
//! reference machine every arena was misaligned. Arenas here are placed as [`ArenaPlacement`]
//! says; the default reproduces CPython's measured case exactly. Memory comes from `mmap` and
//! goes back with `munmap`, so a released arena really is returned to the operating system;
//! under Miri, which has no `mmap`, it comes from `std::alloc` with page alignment. The list
//! discipline over descriptors (`usable_arenas`, `nfp2lasta`) is in `pymalloc.rs`.

use crate::geometry::{ARENA_SIZE, MAX_POOLS_IN_ARENA, POOL_SIZE, POOL_SIZE_MASK};
use crate::pool::PoolHeader;

/// "No arena": the null link of the descriptor lists.
pub(crate) const NIL: u32 = u32::MAX;

/// Where a new arena's 1 MiB starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ArenaPlacement {
    /// Base 4 KiB past a 16 KiB boundary: 63 pools per arena and 16,384 bytes of alignment loss,
    /// as every arena on the reference CPython machine. The default, and deterministic.
    #[default]
    Misaligned,
    /// Base on a 16 KiB boundary but not necessarily on 1 MiB: 64 pools per arena.
    PoolAligned,
    /// Base on a 1 MiB boundary (CPython's "ideal" arena address): 64 pools.
    ArenaAligned,
    /// A plain 1 MiB `mmap`, as CPython does: 63 or 64 pools depending on where the kernel
    /// puts it.
    System,
}

impl ArenaPlacement {
    /// Bytes to map so that the arena can be placed inside them.
    fn map_len(self) -> usize {
        match self {
            ArenaPlacement::Misaligned => ARENA_SIZE + POOL_SIZE,
            ArenaPlacement::PoolAligned => ARENA_SIZE + POOL_SIZE - PAGE_SIZE,
            ArenaPlacement::ArenaAligned => 2 * ARENA_SIZE - PAGE_SIZE,
            ArenaPlacement::System => ARENA_SIZE,
        }
    }

    /// Offset of the arena's base inside a page-aligned mapping at `addr`.
    fn offset(self, addr: usize) -> usize {
        let up = |align: usize| addr.next_multiple_of(align) - addr;
        match self {
            ArenaPlacement::Misaligned => up(POOL_SIZE) + PAGE_SIZE,
            ArenaPlacement::PoolAligned => up(POOL_SIZE),
            ArenaPlacement::ArenaAligned => up(ARENA_SIZE),
            ArenaPlacement::System => 0,
        }
    }
}

/// Granularity of the operating system's mappings.
const PAGE_SIZE: usize = 4096;

/// Page-aligned, zero-filled memory straight from the kernel, as CPython's `_PyObject_ArenaMmap`.
#[cfg(all(unix, not(miri)))]
fn os_map(len: usize) -> *mut u8 {
    // SAFETY: an anonymous private mapping with no address hint touches no existing memory.
    let p = unsafe {
        libc::mmap(
            core::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        core::ptr::null_mut()
    } else {
        p.cast()
    }
}

/// Returns a mapping to the kernel.
///
/// # Safety
/// `p` and `len` must describe a mapping made by `os_map`, unused from now on.
#[cfg(all(unix, not(miri)))]
unsafe fn os_unmap(p: *mut u8, len: usize) {
    // SAFETY: the caller guarantees this is a whole mapping of ours.
    unsafe { libc::munmap(p.cast(), len) };
}

/// Page-aligned memory from the global allocator (used under Miri, which has no `mmap`).
#[cfg(any(not(unix), miri))]
fn os_map(len: usize) -> *mut u8 {
    let layout = core::alloc::Layout::from_size_align(len, PAGE_SIZE).expect("arena layout");
    // SAFETY: `len` is non-zero.
    unsafe { std::alloc::alloc(layout) }
}

/// Frees memory from `os_map`.
///
/// # Safety
/// `p` and `len` must describe a block made by `os_map`, unused from now on.
#[cfg(any(not(unix), miri))]
unsafe fn os_unmap(p: *mut u8, len: usize) {
    let layout = core::alloc::Layout::from_size_align(len, PAGE_SIZE).expect("arena layout");
    // SAFETY: the caller guarantees `p` came from `os_map(len)`.
    unsafe { std::alloc::dealloc(p, layout) };
}

/// An arena descriptor (`struct arena_object`). Descriptors live in a vector and refer to one
/// another by index; a descriptor whose `base` is null is on the unused list.
pub(crate) struct ArenaObject {
    /// First byte of the arena, or null when the descriptor is unused. Carries the provenance
    /// of the whole arena.
    pub(crate) base: *mut u8,
    /// Start of the mapping that holds the arena (before `base` unless the placement is
    /// [`ArenaPlacement::System`]).
    pub(crate) alloc: *mut u8,
    /// Next pool to carve (pool aligned); pools from here to the arena's end are unused.
    pub(crate) pool_address: *mut u8,
    /// Empty pools on `freepools` plus pools not yet carved.
    pub(crate) nfreepools: u32,
    /// 64, or 63 when the base is not pool aligned.
    pub(crate) ntotalpools: u32,
    /// Singly linked list of empty pools (through `nextpool`).
    pub(crate) freepools: *mut PoolHeader,
    /// Next descriptor in `usable_arenas` or in the unused list.
    pub(crate) nextarena: u32,
    /// Previous descriptor in `usable_arenas`.
    pub(crate) prevarena: u32,
}

impl ArenaObject {
    pub(crate) fn unused(next: u32) -> ArenaObject {
        ArenaObject {
            base: core::ptr::null_mut(),
            alloc: core::ptr::null_mut(),
            pool_address: core::ptr::null_mut(),
            nfreepools: 0,
            ntotalpools: 0,
            freepools: core::ptr::null_mut(),
            nextarena: next,
            prevarena: NIL,
        }
    }

    /// The arena's address, 0 when unused (CPython's `address` field).
    #[inline]
    pub(crate) fn address(&self) -> usize {
        self.base as usize
    }

    /// The first pool-aligned address in the arena.
    pub(crate) fn first_pool(&self) -> usize {
        let base = self.address();
        if base & POOL_SIZE_MASK == 0 {
            base
        } else {
            (base & !POOL_SIZE_MASK) + POOL_SIZE
        }
    }

    /// Whether the arena loses a pool to alignment.
    pub(crate) fn misaligned(&self) -> bool {
        self.address() & POOL_SIZE_MASK != 0
    }

    /// Number of pools carved so far.
    pub(crate) fn carved_pools(&self) -> usize {
        (self.pool_address as usize - self.first_pool()) / POOL_SIZE
    }
}

/// Obtains a fresh arena from the system and fills in the descriptor's memory fields
/// (`base`, `alloc`, `pool_address`, `nfreepools`, `ntotalpools`, `freepools`). Returns false
/// (descriptor untouched) if the system refused.
pub(crate) fn map_arena(ao: &mut ArenaObject, placement: ArenaPlacement) -> bool {
    let alloc = os_map(placement.map_len());
    if alloc.is_null() {
        return false;
    }
    let offset = placement.offset(alloc as usize);
    debug_assert!(offset + ARENA_SIZE <= placement.map_len());
    // SAFETY: every placement maps at least `offset + ARENA_SIZE` bytes, so `base` is inside.
    let base = unsafe { alloc.add(offset) };
    let excess = base as usize & POOL_SIZE_MASK;
    let (pool_address, npools) = if excess == 0 {
        (base, MAX_POOLS_IN_ARENA)
    } else {
        // SAFETY: POOL_SIZE - excess < POOL_SIZE < ARENA_SIZE, still inside the arena.
        (
            unsafe { base.add(POOL_SIZE - excess) },
            MAX_POOLS_IN_ARENA - 1,
        )
    };
    ao.base = base;
    ao.alloc = alloc;
    ao.pool_address = pool_address;
    ao.nfreepools = npools as u32;
    ao.ntotalpools = npools as u32;
    ao.freepools = core::ptr::null_mut();
    true
}

/// Returns an arena's memory to the system and marks the descriptor unused.
///
/// # Safety
/// `ao` must describe a live arena mapped by [`map_arena`] with the same `placement`, and no
/// pointer into it may be used afterwards.
pub(crate) unsafe fn unmap_arena(ao: &mut ArenaObject, placement: ArenaPlacement) {
    // SAFETY: the caller guarantees `ao.alloc` is the mapping `map_arena` made for `placement`.
    unsafe { os_unmap(ao.alloc, placement.map_len()) };
    ao.base = core::ptr::null_mut();
    ao.alloc = core::ptr::null_mut();
    ao.pool_address = core::ptr::null_mut();
    ao.freepools = core::ptr::null_mut();
}
