//! The heap map: every live arena with every pool's state, size class and occupancy, as
//! the allocator reports it (`mempy_pymalloc::Allocator::arenas`). Renderers draw one
//! row per arena and one cell per pool (`crates/driver/src/views.rs`).

use crate::heap::with_allocator;
pub use mempy_pymalloc::{ArenaInfo, PoolInfo, PoolState};

/// A snapshot of the arenas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeapMap {
    /// The allocator mode (`pymalloc`, `malloc`, ...): only pymalloc has arenas.
    pub mode: &'static str,
    /// Live arenas, in descriptor order.
    pub arenas: Vec<ArenaInfo>,
}

impl HeapMap {
    /// Pools handing out blocks (used or full).
    pub fn pools_in_use(&self) -> usize {
        self.pools()
            .filter(|p| matches!(p.state, PoolState::Used | PoolState::Full))
            .count()
    }

    /// Blocks handed out from pools.
    pub fn blocks_in_use(&self) -> usize {
        self.pools().map(|p| p.blocks_used).sum()
    }

    /// Every pool slot of every arena.
    pub fn pools(&self) -> impl Iterator<Item = &PoolInfo> {
        self.arenas.iter().flat_map(|a| a.pools.iter())
    }
}

/// The current heap map of this thread's allocator.
pub fn heap_map() -> HeapMap {
    with_allocator(|a| HeapMap {
        mode: a.mode().name(),
        arenas: a.arenas(),
    })
}
