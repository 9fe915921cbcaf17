//! Read-only views for a heap map: every arena with every pool's state and occupancy, and the
//! arena/pool/block coordinates of an address.
//!
//! Pool indices count from an arena's first 16 KiB-aligned pool (0..63 or 0..64). Nothing here
//! changes the allocator; the walk is the one `stats.rs` does.

use crate::geometry::{ARENA_SIZE, DUMMY_SIZE_IDX, POOL_OVERHEAD, POOL_SIZE};
use crate::pool;
use crate::pymalloc::Obmalloc;
use crate::size_class::{blocks_per_pool, class_size};

/// The state of one pool slot of an arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoolState {
    /// Some but not all blocks in use: on its class's used list.
    Used,
    /// Every block in use: on no list.
    Full,
    /// Carved earlier, no block in use now: cached on the arena's free-pool list.
    Empty,
    /// Never carved from the arena.
    Unused,
}

/// One pool of an arena.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolInfo {
    /// Position in the arena, from its first aligned pool.
    pub index: usize,
    /// Address of the pool (and of its header).
    pub address: usize,
    /// Its state.
    pub state: PoolState,
    /// Size class last used by the pool; `None` for an unused pool.
    pub size_class: Option<usize>,
    /// Block size of that class (0 if none).
    pub block_size: usize,
    /// Blocks handed out.
    pub blocks_used: usize,
    /// Blocks the pool can hold in its class (0 if none).
    pub capacity: usize,
}

/// One live arena.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArenaInfo {
    /// Index of its descriptor (CPython's `arenaindex`).
    pub index: usize,
    /// First byte of the arena.
    pub address: usize,
    /// First pool-aligned address in it.
    pub first_pool: usize,
    /// 64, or 63 when the base is not 16 KiB aligned.
    pub total_pools: usize,
    /// Empty plus never-carved pools.
    pub free_pools: usize,
    /// Every pool slot, carved or not.
    pub pools: Vec<PoolInfo>,
}

/// Whether a block is out, back on its pool's free list, or never handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockState {
    /// Handed out and not freed.
    Allocated,
    /// On its pool's free list.
    Free,
    /// Beyond the pool's `nextoffset`: never handed out.
    Unused,
}

/// Coordinates of an address inside a pool block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockLocation {
    /// Descriptor index of the arena.
    pub arena_index: usize,
    /// Base address of the arena.
    pub arena_address: usize,
    /// Index of the pool in its arena.
    pub pool_index: usize,
    /// Address of the pool.
    pub pool_address: usize,
    /// Index of the block in its pool (block 0 starts right after the header).
    pub block_index: usize,
    /// Address of the block.
    pub block_address: usize,
    /// Offset of the queried address inside the block.
    pub offset: usize,
    /// Size class of the pool.
    pub size_class: usize,
    /// Block size in bytes.
    pub block_size: usize,
    /// Whether the block is in use.
    pub state: BlockState,
}

pub(crate) fn arenas(ob: &Obmalloc) -> Vec<ArenaInfo> {
    let mut out = Vec::new();
    for (index, ao) in ob.live_arenas() {
        let carved = ao.carved_pools();
        let total = ao.ntotalpools as usize;
        let mut pools = Vec::with_capacity(total);
        for j in 0..total {
            let address = ao.first_pool() + j * POOL_SIZE;
            if j >= carved {
                pools.push(PoolInfo {
                    index: j,
                    address,
                    state: PoolState::Unused,
                    size_class: None,
                    block_size: 0,
                    blocks_used: 0,
                    capacity: 0,
                });
                continue;
            }
            let header = ob.pool_header(ao, j);
            // SAFETY: pool `j < carved` has a header.
            let (count, szidx) = unsafe { ((*header).count as usize, (*header).szidx) };
            let size_class = (szidx != DUMMY_SIZE_IDX).then_some(szidx as usize);
            let capacity = size_class.map_or(0, blocks_per_pool);
            let state = if count == 0 {
                PoolState::Empty
            } else if count == capacity {
                PoolState::Full
            } else {
                PoolState::Used
            };
            pools.push(PoolInfo {
                index: j,
                address,
                state,
                size_class,
                block_size: size_class.map_or(0, class_size),
                blocks_used: count,
                capacity,
            });
        }
        out.push(ArenaInfo {
            index,
            address: ao.address(),
            first_pool: ao.first_pool(),
            total_pools: total,
            free_pools: ao.nfreepools as usize,
            pools,
        });
    }
    out
}

pub(crate) fn locate(ob: &Obmalloc, addr: usize) -> Option<BlockLocation> {
    if !ob.owns(addr) {
        return None;
    }
    let (arena_index, ao) = ob
        .live_arenas()
        .find(|(_, ao)| addr >= ao.address() && addr < ao.address() + ARENA_SIZE)?;
    let first = ao.first_pool();
    if addr < first {
        return None;
    }
    let pool_index = (addr - first) / POOL_SIZE;
    if pool_index >= ao.carved_pools() {
        return None;
    }
    let header = ob.pool_header(ao, pool_index);
    // SAFETY: the pool is carved, so it has a header.
    let (szidx, nextoffset) = unsafe { ((*header).szidx, (*header).nextoffset as usize) };
    if szidx == DUMMY_SIZE_IDX {
        return None;
    }
    let class = szidx as usize;
    let size = class_size(class);
    let pool_address = first + pool_index * POOL_SIZE;
    let in_pool = addr - pool_address;
    if in_pool < POOL_OVERHEAD {
        return None;
    }
    let block_index = (in_pool - POOL_OVERHEAD) / size;
    if block_index >= blocks_per_pool(class) {
        return None;
    }
    let block_offset = POOL_OVERHEAD + block_index * size;
    // SAFETY: the pool is carved, so its header's `pool` is set.
    let block = unsafe { (*header).pool }.wrapping_add(block_offset);
    // SAFETY: the pool is carved; the free-list walk only reads its own blocks.
    let state = if unsafe { pool::on_free_list(header, block) } {
        BlockState::Free
    } else if block_offset >= nextoffset {
        BlockState::Unused
    } else {
        BlockState::Allocated
    };
    Some(BlockLocation {
        arena_index,
        arena_address: ao.address(),
        pool_index,
        pool_address,
        block_index,
        block_address: block as usize,
        offset: in_pool - block_offset,
        size_class: class,
        block_size: size,
        state,
    })
}
