//! `address_in_range`: an O(1) answer to "did pymalloc hand out this address?", for any
//! pointer, including ones that came from `malloc`; and where the header of the pool holding
//! an address lives.
//!
//! CPython 3.11 keeps a three-level radix tree over the 64-bit address: bits 49..64 index a
//! static root (2^15 pointers), bits 34..49 a mid node (2^15 pointers), bits 20..34 a bottom
//! node of 2^14 leaf entries, one per 1 MiB-aligned address slot. Mid and bottom nodes are
//! created on demand when an arena is registered and never freed.
//!
//! This module keeps the bottom nodes exactly (same 128 KiB leaves, same `tail_hi`/`tail_lo`
//! encoding, same query), but replaces the root and mid levels by a short list of bottom
//! nodes keyed by `address >> 34` with the first one cached: all arenas of a process normally
//! fall in one 16 GiB region, so a lookup is one compare, one index and two integer compares.
//! The node counts that `sys._debugmallocstats()` prints are still those of CPython's tree:
//! one bottom node per distinct `address >> 34`, one mid node per distinct `address >> 49`,
//! counting every key ever registered (CPython never frees nodes).
//!
//! Leaf encoding, for an arena at base `B` with `t = B mod 1 MiB`: if `t == 0` the leaf of `B`
//! gets `tail_hi = -1`; otherwise the leaf of `B` gets `tail_hi = t` and the leaf of
//! `B + 1 MiB` gets `tail_lo = t`. An address `p` with `u = p mod 1 MiB` is owned iff
//! `u < tail_lo` or (`tail_hi != 0` and `u >= tail_hi`).
//!
//! Each bottom node also owns the **header table** of its 16 GiB: one 64-byte pool-header slot
//! per 16 KiB of address space (2^20 slots, 64 MiB of address space reserved and backed by the
//! kernel only where touched, so about 4 KiB of memory per arena). The header of the pool at
//! address `P` is slot `(P >> 14) mod 2^20`: computed from the address and the cached node,
//! with no load in between, and the headers of neighbouring pools sit on neighbouring cache
//! lines (why headers are not in their pools is explained in `pool.rs`). A slot names its
//! pool from carving until the arena is released, so `free` tells its own blocks from foreign
//! pointers by that one compare ([`ArenaMap::header_of`]); `owns` and the statistics use the
//! leaf entries above.

use core::alloc::Layout;
use core::ptr::NonNull;

use crate::geometry::{
    ARENA_BITS, ARENA_SIZE, ARENA_SIZE_MASK, POOL_BITS, POOL_SIZE, POOL_SIZE_MASK,
};
use crate::pool::{self, PoolHeader};

/// Address bits that select a leaf inside a bottom node.
const BOT_BITS: u32 = 14;
/// Entries per bottom node.
const BOT_LENGTH: usize = 1 << BOT_BITS;
/// Shift that yields the bottom-node key (CPython's top and mid indices together).
const BOT_KEY_SHIFT: u32 = ARENA_BITS + BOT_BITS;
/// Shift that yields the mid-node key (CPython's top index).
const MID_KEY_SHIFT: u32 = BOT_KEY_SHIFT + 15;
/// Pool-header slots per bottom node: one per 16 KiB of the 16 GiB it covers.
pub(crate) const HEADER_SLOTS: usize = 1 << (BOT_KEY_SHIFT - POOL_BITS);

/// Bytes of CPython's static root node: 2^15 pointers.
pub const ARENA_MAP_ROOT_BYTES: usize = (1 << 15) * 8;
/// Bytes of one CPython mid node: 2^15 pointers.
pub const ARENA_MAP_MID_BYTES: usize = (1 << 15) * 8;
/// Bytes of one bottom node: 2^14 entries of two `i32`.
pub const ARENA_MAP_BOT_BYTES: usize = BOT_LENGTH * core::mem::size_of::<Entry>();

/// One 1 MiB address slot's record (`arena_coverage_t`).
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Entry {
    tail_hi: i32,
    tail_lo: i32,
}

/// A bottom node: the ownership entries and the header table of one 16 GiB region.
struct Node {
    key: u64,
    entries: NonNull<Entry>,
    headers: NonNull<PoolHeader>,
}

/// The ownership map. Owns its bottom nodes, which live as long as the map.
pub(crate) struct ArenaMap {
    /// Key of `hot_leaf`; `u64::MAX` (no real key) until the first node exists.
    hot_key: u64,
    /// The entries of the first bottom node ever created: the one nearly every query hits.
    hot_leaf: *const Entry,
    /// The header table of that node.
    hot_headers: *mut PoolHeader,
    /// Every bottom node, in creation order.
    nodes: Vec<Node>,
    /// Distinct mid-node keys seen.
    mid_keys: Vec<u64>,
}

fn leaf_layout() -> Layout {
    Layout::array::<Entry>(BOT_LENGTH).expect("bottom node layout")
}

#[inline(always)]
fn bot_index(addr: usize) -> usize {
    (addr >> ARENA_BITS) & (BOT_LENGTH - 1)
}

/// The slot of the pool holding `addr` in its node's header table.
#[inline(always)]
fn header_index(addr: usize) -> usize {
    (addr >> POOL_BITS) & (HEADER_SLOTS - 1)
}

impl ArenaMap {
    pub(crate) fn new() -> ArenaMap {
        ArenaMap {
            hot_key: u64::MAX,
            hot_leaf: core::ptr::null(),
            hot_headers: core::ptr::null_mut(),
            nodes: Vec::new(),
            mid_keys: Vec::new(),
        }
    }

    /// Number of mid nodes CPython's tree would hold.
    pub(crate) fn mid_nodes(&self) -> usize {
        self.mid_keys.len()
    }

    /// Number of bottom nodes CPython's tree would hold.
    pub(crate) fn bot_nodes(&self) -> usize {
        self.nodes.len()
    }

    #[inline(never)]
    fn find(&self, key: u64) -> Option<&Node> {
        self.nodes.iter().find(|n| n.key == key)
    }

    /// The bottom node covering `addr`, created (zeroed) if `create` and missing.
    fn node(&mut self, addr: usize, create: bool) -> Option<NonNull<Entry>> {
        let key = (addr as u64) >> BOT_KEY_SHIFT;
        if let Some(node) = self.find(key) {
            return Some(node.entries);
        }
        if !create {
            return None;
        }
        let headers = NonNull::new(pool::map_header_table(HEADER_SLOTS))?;
        // SAFETY: the layout has a non-zero size (2^14 eight-byte entries).
        let raw = unsafe { std::alloc::alloc_zeroed(leaf_layout()) };
        let Some(entries) = NonNull::new(raw.cast::<Entry>()) else {
            // SAFETY: the table was just mapped for this many slots and nothing points into it.
            unsafe { pool::unmap_header_table(headers.as_ptr(), HEADER_SLOTS) };
            return None;
        };
        let mid_key = (addr as u64) >> MID_KEY_SHIFT;
        if !self.mid_keys.contains(&mid_key) {
            self.mid_keys.push(mid_key);
        }
        if self.nodes.is_empty() {
            self.hot_key = key;
            self.hot_leaf = entries.as_ptr();
            self.hot_headers = headers.as_ptr();
        }
        self.nodes.push(Node {
            key,
            entries,
            headers,
        });
        Some(entries)
    }

    /// Records (or erases) the arena at `base`. Returns false if a node could not be allocated,
    /// in which case nothing was recorded.
    pub(crate) fn mark_used(&mut self, base: usize, used: bool) -> bool {
        let Some(hi) = self.node(base, used) else {
            return false;
        };
        let tail = (base & ARENA_SIZE_MASK) as i32;
        let i = bot_index(base);
        if tail == 0 {
            // SAFETY: `hi` is a live bottom node of `BOT_LENGTH` entries and `i` is masked below it.
            unsafe { (*hi.as_ptr().add(i)).tail_hi = if used { -1 } else { 0 } };
            return true;
        }
        // SAFETY: as above.
        unsafe { (*hi.as_ptr().add(i)).tail_hi = if used { tail } else { 0 } };
        let next = base.wrapping_add(ARENA_SIZE);
        let Some(lo) = self.node(next, used) else {
            // SAFETY: as above.
            unsafe { (*hi.as_ptr().add(i)).tail_hi = 0 };
            return false;
        };
        // SAFETY: `lo` is a live bottom node and the index is masked below its length.
        unsafe { (*lo.as_ptr().add(bot_index(next))).tail_lo = if used { tail } else { 0 } };
        true
    }

    /// Whether `addr` lies inside a registered arena.
    #[inline(always)]
    pub(crate) fn is_used(&self, addr: usize) -> bool {
        let key = (addr as u64) >> BOT_KEY_SHIFT;
        let leaf = if key == self.hot_key {
            self.hot_leaf
        } else {
            match self.find(key) {
                Some(node) => node.entries.as_ptr(),
                None => return false,
            }
        };
        // SAFETY: `leaf` is a live bottom node of `BOT_LENGTH` entries (nodes are freed only
        // when the map is dropped) and `bot_index` masks the index below that length.
        let entry = unsafe { *leaf.add(bot_index(addr)) };
        let tail = (addr & ARENA_SIZE_MASK) as i32;
        tail < entry.tail_lo || (tail >= entry.tail_hi && entry.tail_hi != 0)
    }

    /// The header of the pool holding `addr` if that pool is a carved pool of a live arena,
    /// else `None`: the ownership test and the header lookup of `free` in one load. A slot
    /// names its pool (`PoolHeader::pool`) from carving until its arena is released (see
    /// [`ArenaMap::forget_pools`]), and no other slot ever names its own address, so
    /// `slot.pool == addr rounded down to 16 KiB` holds exactly for addresses in carved pools.
    #[inline(always)]
    pub(crate) fn header_of(&self, addr: usize) -> Option<NonNull<PoolHeader>> {
        let key = (addr as u64) >> BOT_KEY_SHIFT;
        let headers = if key == self.hot_key {
            self.hot_headers
        } else {
            self.find(key)?.headers.as_ptr()
        };
        // SAFETY: `headers` is a live table of `HEADER_SLOTS` slots and the index is masked
        // below that length, so the slot is inside it; a zero-filled or written slot is a valid
        // header to read.
        let slot = unsafe { headers.add(header_index(addr)) };
        // SAFETY: as above.
        if unsafe { (*slot).pool } as usize == addr & !POOL_SIZE_MASK {
            // SAFETY: a slot inside a live table is not null.
            Some(unsafe { NonNull::new_unchecked(slot) })
        } else {
            None
        }
    }

    /// Clears the pool back-pointers of the `carved` pools from `first_pool` on, as their arena
    /// is released: from then on no slot claims those addresses (the system may reuse them).
    pub(crate) fn forget_pools(&mut self, first_pool: usize, carved: usize) {
        for j in 0..carved {
            if let Some(slot) = self.header_slot(first_pool + j * POOL_SIZE) {
                // SAFETY: `header_slot` returns a slot inside a live table.
                unsafe { (*slot.as_ptr()).pool = core::ptr::null_mut() };
            }
        }
    }

    /// The header slot of the pool at `pool` (16 KiB aligned) inside a registered arena;
    /// `None` if no bottom node covers it.
    pub(crate) fn header_slot(&self, pool: usize) -> Option<NonNull<PoolHeader>> {
        let node = self.find((pool as u64) >> BOT_KEY_SHIFT)?;
        // SAFETY: the table has `HEADER_SLOTS` slots and the index is masked below that.
        Some(unsafe { node.headers.add(header_index(pool)) })
    }
}

impl Drop for ArenaMap {
    fn drop(&mut self) {
        for node in self.nodes.drain(..) {
            // SAFETY: every node was allocated in `node` with `leaf_layout()` and is freed once;
            // its header table was mapped there for `HEADER_SLOTS` slots and no pool outlives
            // the map.
            unsafe {
                std::alloc::dealloc(node.entries.as_ptr().cast(), leaf_layout());
                pool::unmap_header_table(node.headers.as_ptr(), HEADER_SLOTS);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unaligned_arena_covers_exactly_its_megabyte() {
        let mut map = ArenaMap::new();
        let base = 0x7f00_0000_0000usize + 0x1000;
        assert!(map.mark_used(base, true));
        assert!(!map.is_used(base - 1));
        assert!(map.is_used(base));
        assert!(map.is_used(base + ARENA_SIZE - 1));
        assert!(!map.is_used(base + ARENA_SIZE));
        assert_eq!((map.mid_nodes(), map.bot_nodes()), (1, 1));
        assert!(map.mark_used(base, false));
        assert!(!map.is_used(base));
        assert!(!map.is_used(base + ARENA_SIZE - 1));
        assert_eq!((map.mid_nodes(), map.bot_nodes()), (1, 1));
    }

    #[test]
    fn ideal_arena_uses_minus_one() {
        let mut map = ArenaMap::new();
        let base = 0x5555_0000_0000usize;
        assert!(map.mark_used(base, true));
        assert!(map.is_used(base));
        assert!(map.is_used(base + ARENA_SIZE - 1));
        assert!(!map.is_used(base + ARENA_SIZE));
        assert!(!map.is_used(base - 1));
    }

    #[test]
    fn arena_straddling_a_bottom_node_counts_two_nodes() {
        let mut map = ArenaMap::new();
        let boundary = 5usize << BOT_KEY_SHIFT;
        let base = boundary - ARENA_SIZE / 2;
        assert!(map.mark_used(base, true));
        assert_eq!(map.bot_nodes(), 2);
        assert_eq!(map.mid_nodes(), 1);
        assert!(map.is_used(boundary));
        assert!(map.is_used(boundary - 1));
        assert!(!map.is_used(boundary + ARENA_SIZE / 2));
        assert!(!map.is_used(0x1234));
    }

    #[test]
    fn header_slots_follow_pools_across_nodes() {
        let mut map = ArenaMap::new();
        let boundary = 5usize << BOT_KEY_SHIFT;
        let base = boundary - ARENA_SIZE / 2 + 0x1000;
        assert!(map.mark_used(base, true));
        let below = boundary - POOL_SIZE;
        let slot = map.header_slot(below).expect("covered");
        let above = map.header_slot(boundary).expect("covered");
        let before = map.header_slot(below - POOL_SIZE).expect("covered");
        // Neighbouring pools have neighbouring slots within a node, distinct ones across nodes.
        assert_eq!(before.as_ptr().wrapping_add(1), slot.as_ptr());
        assert_ne!(slot, above);
        // Only a carved pool (its slot names it) is claimed by `header_of`.
        assert_eq!(map.header_of(below + 48), None);
        // SAFETY: the slots are inside the map's live tables.
        unsafe {
            (*slot.as_ptr()).pool = below as *mut u8;
            (*above.as_ptr()).pool = boundary as *mut u8;
        }
        assert_eq!(map.header_of(below + 48), Some(slot));
        assert_eq!(map.header_of(below + POOL_SIZE - 1), Some(slot));
        assert_eq!(map.header_of(boundary + 48), Some(above));
        assert_eq!(map.header_of(below - 1), None);
        map.forget_pools(below, 2);
        assert_eq!(map.header_of(below + 48), None);
        assert_eq!(map.header_of(boundary + 48), None);
        assert_eq!(map.header_of(0x1234), None);
    }
}
