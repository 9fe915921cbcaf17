//! Pool and arena state transitions, observed through the public views: pools filling,
//! emptying and being reused, arenas taken when needed, released when drained, the one free
//! arena kept, the fullest arena preferred, and the 63/64-pool placements.

use std::ptr::NonNull;

use mempy_pymalloc::geometry::{ARENA_SIZE, POOL_OVERHEAD, POOL_SIZE};
use mempy_pymalloc::size_class::blocks_per_pool;
use mempy_pymalloc::{Allocator, ArenaPlacement, BlockState, Domain, Mode, PoolState};

fn alloc_n(a: &Allocator, size: usize, n: usize) -> Vec<NonNull<u8>> {
    (0..n)
        .map(|_| a.malloc(Domain::Object, size).expect("malloc"))
        .collect()
}

fn free_all(a: &Allocator, blocks: impl IntoIterator<Item = NonNull<u8>>) {
    for p in blocks {
        // SAFETY: every pointer passed here is a live object-domain block of `a`.
        unsafe { a.free(Domain::Object, p) };
    }
}

fn consistent(a: &Allocator) {
    if let Err(e) = a.check_consistency() {
        panic!("inconsistent allocator: {e}");
    }
}

#[test]
fn first_allocation_carves_one_pool_of_a_misaligned_arena() {
    let a = Allocator::new(Mode::Pymalloc);
    assert!(a.arenas().is_empty());
    let p = a.malloc(Domain::Object, 16).unwrap();
    let arenas = a.arenas();
    assert_eq!(arenas.len(), 1);
    let arena = &arenas[0];
    assert_eq!(arena.total_pools, 63);
    assert_eq!(arena.free_pools, 62);
    assert_eq!(arena.address % POOL_SIZE, 4096);
    assert_eq!(arena.pools[0].state, PoolState::Used);
    assert_eq!(arena.pools[0].size_class, Some(0));
    assert_eq!(arena.pools[0].blocks_used, 1);
    assert_eq!(arena.pools[0].capacity, 1021);
    assert!(arena.pools[1..]
        .iter()
        .all(|p| p.state == PoolState::Unused));
    // The first block sits right after the pool header.
    assert_eq!(p.as_ptr() as usize, arena.first_pool + POOL_OVERHEAD);
    let loc = a.locate(p.as_ptr() as usize + 3).unwrap();
    assert_eq!(
        (loc.arena_index, loc.pool_index, loc.block_index),
        (0, 0, 0)
    );
    assert_eq!((loc.size_class, loc.block_size, loc.offset), (0, 16, 3));
    assert_eq!(loc.state, BlockState::Allocated);
    // The second block is the one-element free list, the third was never handed out.
    assert_eq!(
        a.locate(p.as_ptr() as usize + 16).unwrap().state,
        BlockState::Free
    );
    assert_eq!(
        a.locate(p.as_ptr() as usize + 32).unwrap().state,
        BlockState::Unused
    );
    assert_eq!(a.locate(arena.first_pool + 8), None, "pool header");
    free_all(&a, [p]);
    consistent(&a);
}

#[test]
#[cfg_attr(miri, ignore)]
fn pool_goes_used_full_used_empty_and_is_reused() {
    let a = Allocator::new(Mode::Pymalloc);
    let cap = blocks_per_pool(0);
    let mut blocks = alloc_n(&a, 16, cap);
    let pool0 = a.arenas()[0].pools[0].clone();
    assert_eq!(pool0.state, PoolState::Full);
    let st = a.stats();
    assert_eq!((st.used_pools, st.full_pools), (0, 1));
    consistent(&a);

    // One more block needs a second pool.
    let extra = a.malloc(Domain::Object, 16).unwrap();
    assert_eq!(a.locate(extra.as_ptr() as usize).unwrap().pool_index, 1);

    // Freeing one block of the full pool makes it used again, at the front of its list:
    // the next allocation returns exactly that block (LIFO).
    let victim = blocks.swap_remove(100);
    free_all(&a, [victim]);
    assert_eq!(a.arenas()[0].pools[0].state, PoolState::Used);
    assert_eq!(
        a.locate(victim.as_ptr() as usize).unwrap().state,
        BlockState::Free
    );
    consistent(&a);
    let again = a.malloc(Domain::Object, 10).unwrap();
    assert_eq!(again, victim);
    blocks.push(again);

    // Emptying pool 1 caches it on the arena's free list...
    free_all(&a, [extra]);
    let arena = a.arenas().remove(0);
    assert_eq!(arena.pools[1].state, PoolState::Empty);
    assert_eq!(arena.free_pools, 62);
    assert_eq!(a.stats().empty_pools, 1);
    consistent(&a);

    // ...and a request of another class takes the cached pool before carving a new one.
    let other = a.malloc(Domain::Object, 100).unwrap();
    let loc = a.locate(other.as_ptr() as usize).unwrap();
    assert_eq!((loc.pool_index, loc.size_class, loc.block_index), (1, 6, 0));
    free_all(&a, [other]);
    free_all(&a, blocks);
    consistent(&a);
    assert_eq!(a.allocated_blocks(), 0);
}

#[test]
fn freed_block_is_reused_first() {
    let a = Allocator::new(Mode::Pymalloc);
    let x = a.malloc(Domain::Object, 40).unwrap();
    let y = a.malloc(Domain::Object, 40).unwrap();
    let z = a.malloc(Domain::Mem, 33).unwrap();
    free_all(&a, [x]);
    // SAFETY: `y` and `z` are live blocks; the mem and object domains share pymalloc.
    unsafe {
        a.free(Domain::Object, y);
        a.free(Domain::Mem, z);
    }
    // Free list is now z, y, x: handed out in that order.
    assert_eq!(a.malloc(Domain::Object, 48).unwrap(), z);
    assert_eq!(a.malloc(Domain::Object, 48).unwrap(), y);
    assert_eq!(a.malloc(Domain::Object, 48).unwrap(), x);
}

#[test]
fn keep_one_free_arena() {
    let a = Allocator::new(Mode::Pymalloc);
    for _ in 0..1000 {
        let p = a.malloc(Domain::Object, 64).unwrap();
        free_all(&a, [p]);
    }
    let st = a.stats();
    assert_eq!(st.arenas_current, 1, "the wholly free arena is kept");
    assert_eq!(st.arenas_allocated_total, 1, "no thrashing");
    assert_eq!(st.arenas_reclaimed, 0);
    assert_eq!(st.allocated_blocks, 0);
    assert_eq!(st.unused_pools, 63);
    consistent(&a);
}

/// Fills whole arenas with 512-byte blocks (31 per pool, 63 pools per arena).
fn fill_arenas(a: &Allocator, arenas: usize) -> Vec<Vec<NonNull<u8>>> {
    let per_arena = 63 * blocks_per_pool(31);
    (0..arenas).map(|_| alloc_n(a, 512, per_arena)).collect()
}

#[test]
#[cfg_attr(miri, ignore)]
fn arenas_are_taken_when_needed_and_released_when_drained() {
    let a = Allocator::new(Mode::Pymalloc);
    let mut arenas = fill_arenas(&a, 3);
    let st = a.stats();
    assert_eq!(
        (st.arenas_current, st.full_pools, st.unused_pools),
        (3, 189, 0)
    );
    let one = a.malloc(Domain::Object, 512).unwrap();
    assert_eq!(a.stats().arenas_current, 4, "a new arena when all are full");
    assert_eq!(a.locate(one.as_ptr() as usize).unwrap().arena_index, 3);
    consistent(&a);

    // Drain arena 0: released as soon as its last pool empties (it is not the last usable
    // arena, arena 3 is).
    for (i, p) in arenas.remove(0).into_iter().enumerate() {
        free_all(&a, [p]);
        if i % 97 == 0 {
            consistent(&a);
        }
    }
    let st = a.stats();
    assert_eq!(
        (st.arenas_current, st.arenas_reclaimed, st.arenas_highwater),
        (3, 1, 4)
    );
    assert!(a.arenas().iter().all(|ar| ar.index != 0));
    consistent(&a);

    // Drain arena 3: it is the only usable arena, so it stays, wholly free.
    free_all(&a, [one]);
    assert_eq!(a.stats().arenas_current, 3);
    consistent(&a);

    // Drain the rest: each is released except the last usable one.
    for blocks in arenas {
        free_all(&a, blocks);
        consistent(&a);
    }
    let st = a.stats();
    assert_eq!(
        (
            st.arenas_current,
            st.arenas_reclaimed,
            st.arenas_allocated_total
        ),
        (1, 3, 4)
    );
    assert_eq!(st.allocated_blocks, 0);

    // The kept arena serves the next request; the released descriptor is reused LIFO.
    let p = a.malloc(Domain::Object, 8).unwrap();
    assert_eq!(a.stats().arenas_allocated_total, 4);
    free_all(&a, [p]);
    let q = fill_arenas(&a, 2);
    assert_eq!(a.stats().arenas_allocated_total, 5);
    consistent(&a);
    free_all(&a, q.into_iter().flatten());
    consistent(&a);
}

#[test]
#[cfg_attr(miri, ignore)]
fn new_pools_come_from_the_fullest_arena() {
    let a = Allocator::new(Mode::Pymalloc);
    let mut full = fill_arenas(&a, 1).remove(0);
    let partial = alloc_n(&a, 512, 10 * blocks_per_pool(31)); // arena 1: 10 pools used
    let pool_of = |p: &NonNull<u8>| {
        let loc = a.locate(p.as_ptr() as usize).unwrap();
        (loc.arena_index, loc.pool_index)
    };
    // Empty 5 pools of arena 0: it has 5 free pools, arena 1 has 53.
    let (drop_now, keep): (Vec<_>, Vec<_>) = full.drain(..).partition(|p| pool_of(p).1 < 5);
    full = keep;
    free_all(&a, drop_now);
    consistent(&a);
    let q = a.malloc(Domain::Object, 16).unwrap();
    assert_eq!(pool_of(&q).0, 0, "arena 0 has fewer free pools");
    free_all(&a, [q]);

    // Empty 55 more pools of arena 0: now 60 free against arena 1's 53.
    let (drop_now, keep): (Vec<_>, Vec<_>) = full.drain(..).partition(|p| pool_of(p).1 < 60);
    full = keep;
    free_all(&a, drop_now);
    consistent(&a);
    let q = a.malloc(Domain::Object, 16).unwrap();
    assert_eq!(pool_of(&q).0, 1, "arena 1 is now the fuller one");
    free_all(&a, [q]);
    free_all(&a, full);
    free_all(&a, partial);
    consistent(&a);
}

#[test]
fn placements_give_63_or_64_pools() {
    for (placement, pools) in [
        (ArenaPlacement::Misaligned, Some(63)),
        (ArenaPlacement::PoolAligned, Some(64)),
        (ArenaPlacement::ArenaAligned, Some(64)),
        (ArenaPlacement::System, None),
    ] {
        let a = Allocator::with_placement(Mode::Pymalloc, placement);
        let p = a.malloc(Domain::Object, 200).unwrap();
        let arena = a.arenas().remove(0);
        let aligned = arena.address & (POOL_SIZE - 1) == 0;
        let expected = pools.unwrap_or(if aligned { 64 } else { 63 });
        assert_eq!(arena.total_pools, expected, "{placement:?}");
        assert_eq!(arena.first_pool % POOL_SIZE, 0);
        assert!(arena.first_pool + expected * POOL_SIZE <= arena.address + ARENA_SIZE);
        let st = a.stats();
        assert_eq!(
            st.bytes_lost_to_arena_alignment,
            if expected == 63 { POOL_SIZE } else { 0 }
        );
        assert_eq!(st.accounted_bytes(), ARENA_SIZE);
        if placement == ArenaPlacement::ArenaAligned {
            assert_eq!(arena.address % ARENA_SIZE, 0);
        }
        assert!(a.owns(arena.address));
        assert!(a.owns(arena.address + ARENA_SIZE - 1));
        assert!(!a.owns(arena.address + ARENA_SIZE));
        assert!(!a.owns(arena.address.wrapping_sub(1)));
        free_all(&a, [p]);
        consistent(&a);
    }
}

#[test]
fn foreign_pointers_are_not_owned() {
    let a = Allocator::new(Mode::Pymalloc);
    let mine = a.malloc(Domain::Object, 24).unwrap();
    let boxed = Box::new([0u8; 64]);
    let local = 5u64;
    assert!(a.owns(mine.as_ptr() as usize));
    assert!(!a.owns(&*boxed as *const _ as usize));
    assert!(!a.owns(&local as *const u64 as usize));
    assert_eq!(a.locate(&local as *const u64 as usize), None);
    let big = a.malloc(Domain::Object, 4000).unwrap();
    assert!(!a.owns(big.as_ptr() as usize));
    free_all(&a, [mine, big]);
}

#[test]
fn malloc_mode_uses_no_arena() {
    let a = Allocator::new(Mode::Malloc);
    let p = a.malloc(Domain::Object, 16).unwrap();
    assert!(!a.owns(p.as_ptr() as usize));
    assert_eq!(a.allocated_blocks(), 0);
    assert!(a.arenas().is_empty());
    let mut s = String::new();
    a.write_debug_stats(&mut s).unwrap();
    assert_eq!(s, "");
    free_all(&a, [p]);
}
