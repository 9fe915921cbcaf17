//! The pymalloc state machine (`Objects/obmalloc.c`): allocation from used pools, new pools
//! from the fullest usable arena, frees that move pools and arenas between lists, and the
//! object-domain entry points that fall back to the system allocator.
//!
//! Invariants kept between calls (checked by [`Obmalloc::check_consistency`]):
//! - `usedpools[c]` holds exactly the pools of class `c` with `0 < count < capacity`.
//! - An arena's `freepools` holds exactly its carved pools with `count == 0`, and
//!   `nfreepools` = that number + its uncarved pools.
//! - `usable_arenas` holds exactly the live arenas with `nfreepools > 0`, sorted ascending by
//!   `nfreepools` (so new pools come from the fullest arena and emptier arenas can drain);
//!   `nfp2lasta[k]` is the last arena in it with exactly `k` free pools, or `NIL`.
//! - A wholly free arena is released to the system unless it is the last of `usable_arenas`
//!   (the keep-one-free-arena rule that avoids thrashing).
//! - `raw_allocated_blocks` counts live mem/object-domain blocks that went to `malloc`.
//!
//! Reading order: `pool.rs` (one pool), `arena.rs` (one arena), then this file.

use core::ptr::{self, NonNull};

use crate::arena::{map_arena, unmap_arena, ArenaObject, ArenaPlacement, NIL};
use crate::arena_map::ArenaMap;
use crate::geometry::{
    ARENA_SIZE, DUMMY_SIZE_IDX, INITIAL_ARENA_OBJECTS, MAX_POOLS_IN_ARENA, NB_SMALL_SIZE_CLASSES,
    POOL_SIZE, SMALL_REQUEST_THRESHOLD,
};
use crate::pool::{self, PoolHeader, UsedPools};
use crate::raw;
use crate::size_class::{blocks_per_pool, class_size};

/// All of pymalloc's state for one allocator.
pub(crate) struct Obmalloc {
    pub(crate) used: UsedPools,
    pub(crate) arenas: Vec<ArenaObject>,
    unused_arena_objects: u32,
    pub(crate) usable_arenas: u32,
    pub(crate) nfp2lasta: [u32; MAX_POOLS_IN_ARENA + 1],
    pub(crate) narenas_currently_allocated: usize,
    pub(crate) ntimes_arena_allocated: usize,
    pub(crate) narenas_highwater: usize,
    pub(crate) raw_allocated_blocks: usize,
    pub(crate) map: ArenaMap,
    pub(crate) placement: ArenaPlacement,
    /// `PYTHONMALLOCSTATS`: print the report to stderr before each new arena.
    pub(crate) print_stats_on_new_arena: bool,
}

impl Obmalloc {
    pub(crate) fn new(placement: ArenaPlacement) -> Obmalloc {
        Obmalloc {
            used: UsedPools::new(),
            arenas: Vec::new(),
            unused_arena_objects: NIL,
            usable_arenas: NIL,
            nfp2lasta: [NIL; MAX_POOLS_IN_ARENA + 1],
            narenas_currently_allocated: 0,
            ntimes_arena_allocated: 0,
            narenas_highwater: 0,
            raw_allocated_blocks: 0,
            map: ArenaMap::new(),
            placement,
            print_stats_on_new_arena: false,
        }
    }

    /// `pymalloc_alloc`: a block for a request of 1..=512 bytes, or null (request out of range,
    /// or no arena could be mapped).
    #[inline(always)]
    pub(crate) fn alloc_small(&mut self, nbytes: usize) -> *mut u8 {
        if nbytes.wrapping_sub(1) >= SMALL_REQUEST_THRESHOLD {
            return ptr::null_mut();
        }
        let class = (nbytes - 1) >> 4;
        // SAFETY: `class < NB_SMALL_SIZE_CLASSES` because `nbytes <= 512`; a non-null first
        // pool is a used pool of this class, whose free list is non-empty by the usedpools
        // invariant.
        unsafe {
            let pool = self.used.first(class);
            if !pool.is_null() {
                (*pool).count += 1;
                let bp = pool::pop_free(pool);
                if (*pool).freeblock.is_null() {
                    pool::extend(&mut self.used, pool, class);
                }
                return bp;
            }
        }
        self.allocate_from_new_pool(class)
    }

    /// `pymalloc_free`: takes `p` back if pymalloc owns it; false means "not ours".
    ///
    /// # Safety
    /// If pymalloc owns `p`, it must be a live block handed out by this allocator.
    #[inline(always)]
    pub(crate) unsafe fn free_small(&mut self, p: *mut u8) -> bool {
        let Some(pool) = self.map.header_of(p as usize) else {
            return false;
        };
        let pool = pool.as_ptr();
        // SAFETY: `p` lies in a live arena and (caller) is a live block, so `pool` is the header
        // of the carved pool holding `p` among its `count` outstanding blocks.
        unsafe {
            let lastfree = (*pool).freeblock;
            p.cast::<*mut u8>().write(lastfree);
            (*pool).freeblock = p;
            (*pool).count -= 1;
            if lastfree.is_null() {
                // The pool was full: it rejoins the front of its used list.
                self.used.link_front((*pool).szidx as usize, pool);
                return true;
            }
            if (*pool).count != 0 {
                return true;
            }
            self.insert_to_freepool(pool);
        }
        true
    }

    /// Whether `addr` lies inside one of this allocator's arenas.
    #[inline]
    pub(crate) fn owns(&self, addr: usize) -> bool {
        self.map.is_used(addr)
    }

    /// `_PyObject_Malloc`: pymalloc, or the system allocator for 0 and large requests.
    #[inline(always)]
    pub(crate) fn malloc(&mut self, nbytes: usize) -> *mut u8 {
        let p = self.alloc_small(nbytes);
        if !p.is_null() {
            return p;
        }
        self.malloc_raw(nbytes)
    }

    #[inline(never)]
    fn malloc_raw(&mut self, nbytes: usize) -> *mut u8 {
        let p = raw::malloc(nbytes);
        if !p.is_null() {
            self.raw_allocated_blocks += 1;
        }
        p
    }

    /// `_PyObject_Calloc`.
    pub(crate) fn calloc(&mut self, nelem: usize, elsize: usize) -> *mut u8 {
        if elsize != 0 && nelem > raw::MAX_REQUEST / elsize {
            return ptr::null_mut();
        }
        let nbytes = nelem * elsize;
        let p = self.alloc_small(nbytes);
        if !p.is_null() {
            // SAFETY: `p` is a fresh block of at least `nbytes` bytes.
            unsafe { ptr::write_bytes(p, 0, nbytes) };
            return p;
        }
        let p = raw::calloc(nelem, elsize);
        if !p.is_null() {
            self.raw_allocated_blocks += 1;
        }
        p
    }

    /// `_PyObject_Free`.
    ///
    /// # Safety
    /// `p` must be null or a live block from this object's `malloc`, `calloc` or `realloc`.
    #[inline(always)]
    pub(crate) unsafe fn free(&mut self, p: *mut u8) {
        if p.is_null() {
            return;
        }
        // SAFETY: forwarded caller guarantee.
        unsafe { self.free_nonnull(p) }
    }

    /// `_PyObject_Free` of a non-null pointer: the allocator's hot path.
    ///
    /// # Safety
    /// `p` must be a live block from this object's `malloc`, `calloc` or `realloc`.
    #[inline(always)]
    pub(crate) unsafe fn free_nonnull(&mut self, p: *mut u8) {
        // SAFETY: forwarded caller guarantee.
        if unsafe { !self.free_small(p) } {
            // SAFETY: forwarded caller guarantee.
            unsafe { self.free_raw(p) };
        }
    }

    /// # Safety
    /// `p` must be a live C-heap block counted in `raw_allocated_blocks`.
    #[inline(never)]
    unsafe fn free_raw(&mut self, p: *mut u8) {
        // SAFETY: not in an arena, so (caller) it is a live C-heap block.
        unsafe { raw::free(p) };
        self.raw_allocated_blocks -= 1;
    }

    /// `_PyObject_Realloc` with `pymalloc_realloc`'s keep-or-move rule: a pool block stays
    /// put when `n <= size` and `4n > 3 size`; otherwise the data moves to a new block (pool or
    /// system) and the old one is freed. A system block is resized by `realloc`.
    ///
    /// # Safety
    /// `p` must be null or a live block from this object; on success it must not be used again
    /// unless it is the returned pointer. On failure (null) `p` is untouched.
    pub(crate) unsafe fn realloc(&mut self, p: *mut u8, nbytes: usize) -> *mut u8 {
        if p.is_null() {
            return self.malloc(nbytes);
        }
        let Some(pool) = self.map.header_of(p as usize) else {
            // SAFETY: not ours, so (caller) a live C-heap block.
            return unsafe { raw::realloc(p, nbytes) };
        };
        // SAFETY: `p` is a live pool block, so its pool header is valid.
        let size = class_size(unsafe { pool.as_ref().szidx } as usize);
        let mut copy = size;
        if nbytes <= size {
            if 4 * nbytes > 3 * size {
                return p;
            }
            copy = nbytes;
        }
        let bp = self.malloc(nbytes);
        if !bp.is_null() {
            // SAFETY: `p` has `size >= copy` bytes, `bp` at least `nbytes >= copy` (a 0-byte
            // request copies nothing), and two live blocks never overlap.
            unsafe {
                ptr::copy_nonoverlapping(p, bp, copy);
                self.free(p);
            }
        }
        bp
    }

    /// The cold half of allocation (`allocate_from_new_pool`): take a pool from the head of
    /// `usable_arenas` (mapping an arena if there is none), put it on the class's used list and
    /// hand out its first free block.
    #[inline(never)]
    #[cold]
    fn allocate_from_new_pool(&mut self, class: usize) -> *mut u8 {
        if self.usable_arenas == NIL {
            let ai = self.new_arena();
            if ai == NIL {
                return ptr::null_mut();
            }
            self.usable_arenas = ai;
            let ao = &mut self.arenas[ai as usize];
            ao.nextarena = NIL;
            ao.prevarena = NIL;
            let nf = ao.nfreepools as usize;
            debug_assert_eq!(self.nfp2lasta[nf], NIL);
            self.nfp2lasta[nf] = ai;
        }
        let ua = self.usable_arenas;
        let nf = self.arenas[ua as usize].nfreepools as usize;
        debug_assert!(nf > 0);
        // The head arena already has the fewest free pools, so taking one keeps the order; only
        // the fingers move.
        if self.nfp2lasta[nf] == ua {
            self.nfp2lasta[nf] = NIL;
        }
        if nf > 1 {
            debug_assert_eq!(self.nfp2lasta[nf - 1], NIL);
            self.nfp2lasta[nf - 1] = ua;
        }

        let ao = &self.arenas[ua as usize];
        let carve = ao
            .freepools
            .is_null()
            .then(|| self.pool_header(ao, ao.carved_pools()));
        let ao = &mut self.arenas[ua as usize];
        let pool = if let Some(pool) = carve {
            // SAFETY: `nfreepools > 0` with no cached pool means an uncarved pool remains at
            // `pool_address`, wholly inside the arena; `pool` is its header slot.
            unsafe {
                (*pool).pool = ao.pool_address;
                (*pool).arenaindex = ua;
                (*pool).szidx = DUMMY_SIZE_IDX;
                ao.pool_address = ao.pool_address.add(POOL_SIZE);
            }
            pool
        } else {
            let pool = ao.freepools;
            // SAFETY: entries of `freepools` are carved, empty pools of this arena.
            ao.freepools = unsafe { (*pool).nextpool };
            pool
        };
        ao.nfreepools -= 1;
        if ao.nfreepools == 0 {
            // Wholly allocated: the arena leaves `usable_arenas`.
            let next = ao.nextarena;
            self.usable_arenas = next;
            if next != NIL {
                self.arenas[next as usize].prevarena = NIL;
            }
        }

        // SAFETY: `class` is in range (the caller derived it from a small request) and `pool`
        // is a carved pool on no list, now becoming the sole member-to-be of a used list.
        unsafe {
            debug_assert!(self.used.first(class).is_null());
            self.used.link_front(class, pool);
            (*pool).count = 1;
            if (*pool).szidx as usize == class {
                // Same class as before it emptied: its free list is still valid.
                return pool::pop_free(pool);
            }
            pool::init(pool, class)
        }
    }

    /// `new_arena`: take a descriptor (growing the vector if needed), map 1 MiB, register it.
    #[cold]
    fn new_arena(&mut self) -> u32 {
        if self.print_stats_on_new_arena {
            let mut text = String::new();
            if crate::report::write_report(&crate::stats::collect(self), &mut text).is_ok() {
                use std::io::Write as _;
                let _ = std::io::stderr().write_all(text.as_bytes());
            }
        }
        if self.unused_arena_objects == NIL {
            let old = self.arenas.len();
            let new = if old == 0 {
                INITIAL_ARENA_OBJECTS
            } else {
                old * 2
            };
            if new > NIL as usize {
                return NIL;
            }
            self.arenas.reserve_exact(new - old);
            for i in old..new {
                let next = if i + 1 < new { (i + 1) as u32 } else { NIL };
                self.arenas.push(ArenaObject::unused(next));
            }
            self.unused_arena_objects = old as u32;
        }
        let ai = self.unused_arena_objects;
        let placement = self.placement;
        let ao = &mut self.arenas[ai as usize];
        if !map_arena(ao, placement) {
            return NIL;
        }
        if !self.map.mark_used(ao.address(), true) {
            // SAFETY: the arena was just mapped with this placement and nothing points into it.
            unsafe { unmap_arena(ao, placement) };
            return NIL;
        }
        self.unused_arena_objects = ao.nextarena;
        self.narenas_currently_allocated += 1;
        self.ntimes_arena_allocated += 1;
        if self.narenas_currently_allocated > self.narenas_highwater {
            self.narenas_highwater = self.narenas_currently_allocated;
        }
        ai
    }

    /// A pool just became empty: unlink it from its used list, push it on its arena's
    /// `freepools`, and then either release the arena (all pools free and not the last usable
    /// arena), put the arena back on `usable_arenas` (it was full), or slide it right to keep
    /// the list sorted.
    ///
    /// # Safety
    /// `pool` must be a carved pool on its used list whose `count` just reached 0.
    #[inline(never)]
    unsafe fn insert_to_freepool(&mut self, pool: *mut PoolHeader) {
        // SAFETY: the caller guarantees `pool` is on a used list and has a valid arena index.
        let ai = unsafe {
            self.used.unlink(pool);
            (*pool).arenaindex
        };
        let a = ai as usize;
        let ao = &mut self.arenas[a];
        // SAFETY: `pool` is a live header; `freepools` is singly linked through `nextpool`.
        unsafe { (*pool).nextpool = ao.freepools };
        ao.freepools = pool;
        let nf = ao.nfreepools as usize;
        let lastnf = self.nfp2lasta[nf];
        if lastnf == ai {
            // It was the rightmost arena with `nf` free pools; its left neighbour may take over.
            let p = self.arenas[a].prevarena;
            self.nfp2lasta[nf] = if p != NIL && self.arenas[p as usize].nfreepools as usize == nf {
                p
            } else {
                NIL
            };
        }
        let nf = nf + 1;
        let ao = &mut self.arenas[a];
        ao.nfreepools = nf as u32;

        if nf == ao.ntotalpools as usize && ao.nextarena != NIL {
            // Case 1: wholly free and not the last usable arena: back to the system.
            let (prev, next) = (ao.prevarena, ao.nextarena);
            if prev == NIL {
                self.usable_arenas = next;
            } else {
                self.arenas[prev as usize].nextarena = next;
            }
            self.arenas[next as usize].prevarena = prev;
            let ao = &mut self.arenas[a];
            ao.nextarena = self.unused_arena_objects;
            self.unused_arena_objects = ai;
            let address = ao.address();
            let (first, carved) = (ao.first_pool(), ao.carved_pools());
            self.map.forget_pools(first, carved);
            self.map.mark_used(address, false);
            let placement = self.placement;
            // SAFETY: every pool of the arena is empty, so no live block points into it, and it
            // has just left every list.
            unsafe { unmap_arena(&mut self.arenas[a], placement) };
            self.narenas_currently_allocated -= 1;
            return;
        }

        if nf == 1 {
            // Case 2: the arena was full (on no list); it becomes the head of usable_arenas.
            let head = self.usable_arenas;
            let ao = &mut self.arenas[a];
            ao.nextarena = head;
            ao.prevarena = NIL;
            if head != NIL {
                self.arenas[head as usize].prevarena = ai;
            }
            self.usable_arenas = ai;
            if self.nfp2lasta[1] == NIL {
                self.nfp2lasta[1] = ai;
            }
            return;
        }

        if self.nfp2lasta[nf] == NIL {
            self.nfp2lasta[nf] = ai;
        }
        if ai == lastnf {
            // Case 4: it was the rightmost with the old count, so it is still in order.
            return;
        }

        // Case 3: slide it right, to just after the last arena that had its old count.
        let (prev, next) = (self.arenas[a].prevarena, self.arenas[a].nextarena);
        debug_assert!(next != NIL);
        if prev != NIL {
            self.arenas[prev as usize].nextarena = next;
        } else {
            self.usable_arenas = next;
        }
        self.arenas[next as usize].prevarena = prev;
        let after = self.arenas[lastnf as usize].nextarena;
        self.arenas[a].prevarena = lastnf;
        self.arenas[a].nextarena = after;
        if after != NIL {
            self.arenas[after as usize].prevarena = ai;
        }
        self.arenas[lastnf as usize].nextarena = ai;
    }

    /// The header slot of pool `j` of the live arena `ao` (meaningful once the pool is carved).
    pub(crate) fn pool_header(&self, ao: &ArenaObject, j: usize) -> *mut PoolHeader {
        let slot = self.map.header_slot(ao.first_pool() + j * POOL_SIZE);
        // A live arena is registered, so its bottom node (and header table) exists.
        debug_assert!(slot.is_some());
        slot.map_or(ptr::null_mut(), NonNull::as_ptr)
    }

    /// Every live arena's index, in descriptor order.
    pub(crate) fn live_arenas(&self) -> impl Iterator<Item = (usize, &ArenaObject)> {
        self.arenas
            .iter()
            .enumerate()
            .filter(|(_, ao)| !ao.base.is_null())
    }

    /// Walks every structure and checks the invariants listed in the module documentation.
    pub(crate) fn check_consistency(&self) -> Result<(), String> {
        let mut on_used_list = std::collections::HashSet::new();
        for class in 0..NB_SMALL_SIZE_CLASSES {
            // SAFETY: `class` is in range; the lists link live pool headers.
            unsafe {
                let mut prev = ptr::null_mut();
                let mut p = self.used.first(class);
                while !p.is_null() {
                    if (*p).prevpool != prev {
                        return Err(format!("class {class}: broken prevpool link"));
                    }
                    if (*p).szidx as usize != class {
                        return Err(format!("class {class}: pool of class {}", (*p).szidx));
                    }
                    let count = (*p).count as usize;
                    if count == 0 || count >= blocks_per_pool(class) {
                        return Err(format!(
                            "class {class}: pool with count {count} on used list"
                        ));
                    }
                    if (*p).freeblock.is_null() {
                        return Err(format!("class {class}: used pool with empty free list"));
                    }
                    on_used_list.insert(p as usize);
                    prev = p;
                    p = (*p).nextpool;
                }
            }
        }
        let mut usable = std::collections::HashSet::new();
        let mut last_nf = 0u32;
        let mut prev = NIL;
        let mut i = self.usable_arenas;
        while i != NIL {
            let ao = &self.arenas[i as usize];
            if ao.base.is_null() {
                return Err(format!("arena {i} on usable_arenas is unmapped"));
            }
            if ao.prevarena != prev {
                return Err(format!("arena {i}: broken prevarena link"));
            }
            if ao.nfreepools == 0 || ao.nfreepools < last_nf {
                return Err(format!("usable_arenas not sorted at arena {i}"));
            }
            let next = ao.nextarena;
            let is_last_of_count =
                next == NIL || self.arenas[next as usize].nfreepools != ao.nfreepools;
            let finger = self.nfp2lasta[ao.nfreepools as usize];
            if is_last_of_count && finger != i {
                return Err(format!(
                    "nfp2lasta[{}] is {finger}, expected {i}",
                    ao.nfreepools
                ));
            }
            last_nf = ao.nfreepools;
            usable.insert(i);
            prev = i;
            i = next;
        }
        for (k, &finger) in self.nfp2lasta.iter().enumerate() {
            if finger != NIL
                && (!usable.contains(&finger)
                    || self.arenas[finger as usize].nfreepools as usize != k)
            {
                return Err(format!("stale nfp2lasta[{k}] = {finger}"));
            }
        }
        let mut live = 0;
        for (a, ao) in self.live_arenas() {
            live += 1;
            if !self.map.is_used(ao.address()) || !self.map.is_used(ao.address() + ARENA_SIZE - 1) {
                return Err(format!("arena {a} missing from the arena map"));
            }
            let mut empty = 0;
            let first = ao.first_pool();
            for j in 0..ao.carved_pools() {
                let pool = self.pool_header(ao, j);
                // SAFETY: carved pools lie below `pool_address` and have headers; only reads.
                let (count, szidx, arenaindex, address) = unsafe {
                    (
                        (*pool).count as usize,
                        (*pool).szidx as usize,
                        (*pool).arenaindex,
                        (*pool).pool as usize,
                    )
                };
                if arenaindex as usize != a {
                    return Err(format!("pool {j} of arena {a} names arena {arenaindex}"));
                }
                if address != first + j * POOL_SIZE {
                    return Err(format!("header {j} of arena {a} names pool {address:#x}"));
                }
                if self
                    .map
                    .header_of(address + POOL_SIZE - 1)
                    .map(NonNull::as_ptr)
                    != Some(pool)
                {
                    return Err(format!(
                        "arena map misplaces the header of pool {j} of arena {a}"
                    ));
                }
                if count == 0 {
                    empty += 1;
                    continue;
                }
                let cap = blocks_per_pool(szidx);
                let listed = on_used_list.contains(&(pool as usize));
                if count < cap && !listed {
                    return Err(format!("used pool {j} of arena {a} is on no list"));
                }
                if count == cap && listed {
                    return Err(format!("full pool {j} of arena {a} is on a used list"));
                }
                // SAFETY: carved pool; its free list is a finite list of its blocks.
                let free_len = unsafe { pool::free_list_len(pool) };
                // SAFETY: carved pool header read.
                let virgin = unsafe {
                    let next = (*pool).nextoffset as usize;
                    let max = (*pool).maxnextoffset as usize;
                    if next <= max {
                        (max - next) / class_size(szidx) + 1
                    } else {
                        0
                    }
                };
                if count + free_len + virgin != cap {
                    return Err(format!(
                        "pool {j} of arena {a}: count {count} + free {free_len} + virgin {virgin} != {cap}"
                    ));
                }
            }
            let mut cached = 0;
            let mut p = ao.freepools;
            while !p.is_null() {
                cached += 1;
                // SAFETY: entries of `freepools` are carved pool headers.
                p = unsafe { (*p).nextpool };
            }
            if cached != empty {
                return Err(format!(
                    "arena {a}: {cached} cached pools but {empty} empty ones"
                ));
            }
            for j in ao.carved_pools()..ao.ntotalpools as usize {
                if self.map.header_of(first + j * POOL_SIZE).is_some() {
                    return Err(format!("uncarved pool {j} of arena {a} is claimed"));
                }
            }
            let uncarved = ao.ntotalpools as usize - ao.carved_pools();
            if ao.nfreepools as usize != empty + uncarved {
                return Err(format!(
                    "arena {a}: nfreepools {} != {}",
                    ao.nfreepools,
                    empty + uncarved
                ));
            }
            if (ao.nfreepools > 0) != usable.contains(&(a as u32)) {
                return Err(format!("arena {a}: usable-list membership wrong"));
            }
            if ao.nfreepools == ao.ntotalpools && ao.nextarena != NIL {
                return Err(format!(
                    "arena {a}: wholly free but not the last usable arena"
                ));
            }
        }
        if live != self.narenas_currently_allocated {
            return Err(format!(
                "{live} live arenas, counter says {}",
                self.narenas_currently_allocated
            ));
        }
        Ok(())
    }
}

impl Drop for Obmalloc {
    fn drop(&mut self) {
        let placement = self.placement;
        for ao in self.arenas.iter_mut() {
            if !ao.base.is_null() {
                // SAFETY: the allocator is going away, so no block of this arena is used again.
                unsafe { unmap_arena(ao, placement) };
            }
        }
    }
}
