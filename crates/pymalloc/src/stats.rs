//! Counters and the byte accounting behind `sys.getallocatedblocks()` and
//! `sys._debugmallocstats()`.
//!
//! Like CPython, nothing here is maintained on the hot path: the figures are computed on demand
//! by walking every live arena from its first pool up to `pool_address` (full pools are on no
//! list, so a walk is the only way to see them). `report.rs` renders a [`Stats`] in CPython's
//! text layout; `inspect.rs` exposes the same walk pool by pool.

use crate::arena_map::{ARENA_MAP_BOT_BYTES, ARENA_MAP_MID_BYTES, ARENA_MAP_ROOT_BYTES};
use crate::geometry::{ARENA_SIZE, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, POOL_SIZE};
use crate::pymalloc::Obmalloc;
use crate::size_class::{blocks_per_pool, class_size, quantization_waste};

/// One row of the size-class table. Only pools with at least one block in use count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassStats {
    /// Block size of the class in bytes.
    pub size: usize,
    /// Pools of this class with `count > 0` (used or full).
    pub pools: usize,
    /// Blocks handed out from those pools.
    pub blocks_in_use: usize,
    /// Blocks still available in those pools (freed or never used).
    pub free_blocks: usize,
    /// Of `pools`, how many are full.
    pub full_pools: usize,
}

/// A snapshot of every pymalloc figure. All zeros when pymalloc is not in use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// `sys.getallocatedblocks()`: pool blocks in use plus `raw_allocated_blocks`.
    pub allocated_blocks: usize,
    /// Live mem/object-domain blocks that were forwarded to `malloc` (size 0 or > 512).
    pub raw_allocated_blocks: usize,
    /// One entry per size class, smallest first.
    pub classes: [ClassStats; NB_SMALL_SIZE_CLASSES],
    /// Pools with `0 < count < capacity`.
    pub used_pools: usize,
    /// Pools with `count == capacity`.
    pub full_pools: usize,
    /// Carved pools with `count == 0`, cached on their arena's free list.
    pub empty_pools: usize,
    /// Pools not carved yet.
    pub untouched_pools: usize,
    /// Arenas ever mapped.
    pub arenas_allocated_total: usize,
    /// Arenas returned to the system (`total - current`).
    pub arenas_reclaimed: usize,
    /// The largest number of arenas alive at once.
    pub arenas_highwater: usize,
    /// Arenas alive now.
    pub arenas_current: usize,
    /// `arenas_current * ARENA_SIZE`.
    pub arena_bytes: usize,
    /// Σ blocks in use × block size.
    pub bytes_in_allocated_blocks: usize,
    /// Σ available blocks × block size, over pools with blocks in use.
    pub bytes_in_available_blocks: usize,
    /// Empty plus untouched pools (Σ `nfreepools`).
    pub unused_pools: usize,
    /// `unused_pools * POOL_SIZE`.
    pub bytes_in_unused_pools: usize,
    /// 48 bytes per pool with blocks in use.
    pub bytes_lost_to_pool_headers: usize,
    /// Tail waste of pools with blocks in use.
    pub bytes_lost_to_quantization: usize,
    /// One pool's worth per arena whose base is not 16 KiB aligned.
    pub bytes_lost_to_arena_alignment: usize,
    /// Mid nodes CPython's radix tree would hold for the addresses used so far.
    pub arena_map_mid_nodes: usize,
    /// Bottom nodes CPython's radix tree would hold.
    pub arena_map_bot_nodes: usize,
    /// Bytes of the radix tree's static root.
    pub bytes_arena_map_root: usize,
    /// Bytes of its mid nodes.
    pub bytes_arena_map_mid: usize,
    /// Bytes of its bottom nodes.
    pub bytes_arena_map_bot: usize,
}

impl Stats {
    /// The accounting total, which always equals `arena_bytes`.
    pub fn accounted_bytes(&self) -> usize {
        self.bytes_in_allocated_blocks
            + self.bytes_in_available_blocks
            + self.bytes_in_unused_pools
            + self.bytes_lost_to_pool_headers
            + self.bytes_lost_to_quantization
            + self.bytes_lost_to_arena_alignment
    }

    /// Total bytes of the radix tree.
    pub fn arena_map_bytes(&self) -> usize {
        self.bytes_arena_map_root + self.bytes_arena_map_mid + self.bytes_arena_map_bot
    }
}

/// Walks the arenas of `ob` (`_PyObject_DebugMallocStats` without the printing).
pub(crate) fn collect(ob: &Obmalloc) -> Stats {
    let mut st = Stats::default();
    for (class, row) in st.classes.iter_mut().enumerate() {
        row.size = class_size(class);
    }
    for (_, ao) in ob.live_arenas() {
        st.arenas_current += 1;
        st.unused_pools += ao.nfreepools as usize;
        if ao.misaligned() {
            st.bytes_lost_to_arena_alignment += POOL_SIZE;
        }
        let carved = ao.carved_pools();
        st.untouched_pools += ao.ntotalpools as usize - carved;
        for j in 0..carved {
            let pool = ob.pool_header(ao, j);
            // SAFETY: pools below `pool_address` are carved and start with a header.
            let (count, szidx) = unsafe { ((*pool).count as usize, (*pool).szidx as usize) };
            if count == 0 {
                st.empty_pools += 1;
                continue;
            }
            let cap = blocks_per_pool(szidx);
            let row = &mut st.classes[szidx];
            row.pools += 1;
            row.blocks_in_use += count;
            row.free_blocks += cap - count;
            if count == cap {
                row.full_pools += 1;
                st.full_pools += 1;
            } else {
                st.used_pools += 1;
            }
        }
    }
    let mut pool_blocks = 0;
    for (class, row) in st.classes.iter().enumerate() {
        pool_blocks += row.blocks_in_use;
        st.bytes_in_allocated_blocks += row.blocks_in_use * row.size;
        st.bytes_in_available_blocks += row.free_blocks * row.size;
        st.bytes_lost_to_pool_headers += row.pools * POOL_OVERHEAD;
        st.bytes_lost_to_quantization += row.pools * quantization_waste(class);
    }
    st.raw_allocated_blocks = ob.raw_allocated_blocks;
    st.allocated_blocks = pool_blocks + ob.raw_allocated_blocks;
    st.arenas_allocated_total = ob.ntimes_arena_allocated;
    st.arenas_reclaimed = ob.ntimes_arena_allocated - st.arenas_current;
    st.arenas_highwater = ob.narenas_highwater;
    st.arena_bytes = st.arenas_current * ARENA_SIZE;
    st.bytes_in_unused_pools = st.unused_pools * POOL_SIZE;
    st.arena_map_mid_nodes = ob.map.mid_nodes();
    st.arena_map_bot_nodes = ob.map.bot_nodes();
    st.bytes_arena_map_root = ARENA_MAP_ROOT_BYTES;
    st.bytes_arena_map_mid = ARENA_MAP_MID_BYTES * st.arena_map_mid_nodes;
    st.bytes_arena_map_bot = ARENA_MAP_BOT_BYTES * st.arena_map_bot_nodes;
    debug_assert_eq!(st.accounted_bytes(), st.arena_bytes);
    st
}

/// `_Py_GetAllocatedBlocks`: the same walk, counting only.
pub(crate) fn allocated_blocks(ob: &Obmalloc) -> usize {
    let mut n = ob.raw_allocated_blocks;
    for (_, ao) in ob.live_arenas() {
        for j in 0..ao.carved_pools() {
            let pool = ob.pool_header(ao, j);
            // SAFETY: pools below `pool_address` are carved and start with a header.
            n += unsafe { (*pool).count } as usize;
        }
    }
    n
}
