//! realloc and calloc follow CPython 3.11: keep a pool block when the new size fits its class
//! and exceeds 3/4 of it, move otherwise; blocks from `malloc` stay with `realloc`; 0-byte and
//! large requests are system blocks that still count as allocated.

use std::ptr::NonNull;

use mempy_pymalloc::{Allocator, Domain, Mode};

fn filled(a: &Allocator, size: usize) -> NonNull<u8> {
    let p = a.malloc(Domain::Object, size).unwrap();
    for i in 0..size {
        // SAFETY: `p` has `size` bytes.
        unsafe { p.as_ptr().add(i).write(i as u8) };
    }
    p
}

fn check_prefix(p: NonNull<u8>, n: usize) {
    for i in 0..n {
        // SAFETY: callers pass a block of at least `n` bytes.
        assert_eq!(unsafe { p.as_ptr().add(i).read() }, i as u8, "byte {i}");
    }
}

/// The measured CPython pairs: (old size, new size, same pointer?).
const MEASURED: [(usize, usize, bool); 6] = [
    (100, 112, true),
    (100, 113, false),
    (112, 85, true),
    (112, 84, false),
    (512, 385, true),
    (512, 384, false),
];

#[test]
fn measured_keep_and_move_rules() {
    let a = Allocator::new(Mode::Pymalloc);
    for (old, new, same) in MEASURED {
        let p = filled(&a, old);
        // SAFETY: `p` is a live object block.
        let q = unsafe { a.realloc(Domain::Object, p, new) }.unwrap();
        assert_eq!(p == q, same, "{old} -> {new}");
        check_prefix(q, old.min(new));
        assert_eq!(a.allocated_blocks(), 1, "{old} -> {new}");
        // SAFETY: `q` is the live block now.
        unsafe { a.free(Domain::Object, q) };
    }
    a.check_consistency().unwrap();
}

#[test]
fn keep_rule_for_every_small_pair() {
    let a = Allocator::new(Mode::Pymalloc);
    for old in (1usize..=512).step_by(7) {
        let block = old.div_ceil(16) * 16;
        for new in (1..=520).step_by(11) {
            let p = a.malloc(Domain::Object, old).unwrap();
            // SAFETY: `p` is a live object block.
            let q = unsafe { a.realloc(Domain::Object, p, new) }.unwrap();
            let keep = new <= block && 4 * new > 3 * block;
            assert_eq!(p == q, keep, "{old} -> {new}");
            // SAFETY: `q` is live.
            unsafe { a.free(Domain::Object, q) };
        }
    }
    assert_eq!(a.allocated_blocks(), 0);
}

#[test]
fn realloc_to_zero_moves_to_a_counted_system_block() {
    let a = Allocator::new(Mode::Pymalloc);
    let p = filled(&a, 40);
    // SAFETY: `p` is live.
    let q = unsafe { a.realloc(Domain::Object, p, 0) }.unwrap();
    assert_ne!(p, q);
    assert!(!a.owns(q.as_ptr() as usize));
    let st = a.stats();
    assert_eq!((st.allocated_blocks, st.raw_allocated_blocks), (1, 1));
    // SAFETY: `q` is live.
    unsafe { a.free(Domain::Object, q) };
    assert_eq!(a.allocated_blocks(), 0);
}

#[test]
fn system_blocks_stay_system_blocks() {
    let a = Allocator::new(Mode::Pymalloc);
    let p = filled(&a, 1000);
    assert!(!a.owns(p.as_ptr() as usize));
    // SAFETY: `p` is live.
    let q = unsafe { a.realloc(Domain::Object, p, 100) }.unwrap();
    assert!(
        !a.owns(q.as_ptr() as usize),
        "a 1000-byte block shrunk to 100 stays malloc'd"
    );
    check_prefix(q, 100);
    assert_eq!(a.stats().raw_allocated_blocks, 1);
    // A small block grown past 512 moves out of the pools.
    let s = filled(&a, 300);
    // SAFETY: `s` is live.
    let t = unsafe { a.realloc(Domain::Object, s, 5000) }.unwrap();
    assert!(!a.owns(t.as_ptr() as usize));
    check_prefix(t, 300);
    assert_eq!(a.stats().raw_allocated_blocks, 2);
    assert_eq!(a.allocated_blocks(), 2);
    // SAFETY: both are live.
    unsafe {
        a.free(Domain::Object, q);
        a.free(Domain::Object, t);
    }
    assert_eq!(a.allocated_blocks(), 0);
}

#[test]
fn zero_and_large_requests_are_counted_but_raw_domain_is_not() {
    let a = Allocator::new(Mode::Pymalloc);
    let z = a.malloc(Domain::Object, 0).unwrap();
    let big = a.malloc(Domain::Mem, 513).unwrap();
    let raw = a.malloc(Domain::Raw, 16).unwrap();
    assert!(!a.owns(raw.as_ptr() as usize));
    let st = a.stats();
    assert_eq!((st.allocated_blocks, st.raw_allocated_blocks), (2, 2));
    assert_eq!(st.arenas_current, 0, "nothing went to a pool");
    // SAFETY: all live, each freed in its own domain.
    unsafe {
        a.free(Domain::Object, z);
        a.free(Domain::Mem, big);
        a.free(Domain::Raw, raw);
    }
    assert_eq!(a.allocated_blocks(), 0);
}

#[test]
fn calloc_zeroes_and_checks_overflow() {
    for mode in [
        Mode::Pymalloc,
        Mode::Malloc,
        Mode::PymallocDebug,
        Mode::MallocDebug,
    ] {
        let a = Allocator::new(mode);
        for (n, s) in [(3, 7), (1, 512), (10, 100), (0, 5), (5, 0)] {
            // Dirty the free lists first so zeros are not an accident.
            let d = a.malloc(Domain::Object, n * s).unwrap();
            // SAFETY: `d` has `n * s` bytes.
            unsafe {
                d.as_ptr().write_bytes(0xAB, n * s);
                a.free(Domain::Object, d);
            }
            let p = a.calloc(Domain::Object, n, s).unwrap();
            for i in 0..n * s {
                // SAFETY: `p` has `n * s` bytes.
                let byte = unsafe { p.as_ptr().add(i).read() };
                assert_eq!(byte, 0, "{mode:?} {n}x{s} byte {i}");
            }
            // SAFETY: `p` is live.
            unsafe { a.free(Domain::Object, p) };
        }
        assert!(a.calloc(Domain::Object, usize::MAX / 2, 3).is_none());
        assert!(a.calloc(Domain::Raw, usize::MAX / 2, 3).is_none());
        assert!(a.malloc(Domain::Mem, usize::MAX).is_none());
        assert_eq!(a.allocated_blocks(), 0, "{mode:?}");
    }
}

#[test]
fn debug_hooks_layout_fill_and_realloc() {
    let a = Allocator::new(Mode::PymallocDebug);
    let p = a.malloc(Domain::Object, 10).unwrap();
    let mut bytes = [0u8; 34];
    // SAFETY: the debug block spans 16 bytes before `p` to 8 bytes after its 10 data bytes.
    unsafe { std::ptr::copy_nonoverlapping(p.as_ptr().sub(16), bytes.as_mut_ptr(), 34) };
    let mut expected = vec![0, 0, 0, 0, 0, 0, 0, 10, b'o'];
    expected.extend([0xFD; 7]);
    expected.extend([0xCD; 10]);
    expected.extend([0xFD; 8]);
    assert_eq!(bytes.to_vec(), expected, "CPython's measured layout");
    assert_eq!(p.as_ptr() as usize % 16, 0);
    // The underlying request is 10 + 24 = 34 bytes: class 2.
    assert_eq!(a.locate(p.as_ptr() as usize).unwrap().size_class, 2);

    // Grow: old bytes survive, new bytes are CLEANBYTE, pads rebuilt.
    // SAFETY: `p` has 10 bytes.
    unsafe { p.as_ptr().copy_from(b"0123456789".as_ptr(), 10) };
    // SAFETY: `p` is live.
    let q = unsafe { a.realloc(Domain::Object, p, 300) }.unwrap();
    // SAFETY: `q` has 300 bytes plus its 8-byte trailer.
    unsafe {
        assert_eq!(std::slice::from_raw_parts(q.as_ptr(), 10), b"0123456789");
        assert!(std::slice::from_raw_parts(q.as_ptr().add(10), 290)
            .iter()
            .all(|&b| b == 0xCD));
        assert!(std::slice::from_raw_parts(q.as_ptr().add(300), 8)
            .iter()
            .all(|&b| b == 0xFD));
    }
    // Large blocks keep both ends across realloc (the 64-byte save areas).
    let big = a.malloc(Domain::Mem, 1000).unwrap();
    for i in 0..1000 {
        // SAFETY: `big` has 1000 bytes.
        unsafe { big.as_ptr().add(i).write((i % 251) as u8) };
    }
    // SAFETY: `big` is live.
    let big2 = unsafe { a.realloc(Domain::Mem, big, 3000) }.unwrap();
    for i in 0..1000 {
        // SAFETY: `big2` has 3000 bytes.
        let byte = unsafe { big2.as_ptr().add(i).read() };
        assert_eq!(byte, (i % 251) as u8, "byte {i}");
    }
    // SAFETY: `big2` is live.
    let big3 = unsafe { a.realloc(Domain::Mem, big2, 100) }.unwrap();
    for i in 0..100 {
        // SAFETY: `big3` has 100 bytes.
        let byte = unsafe { big3.as_ptr().add(i).read() };
        assert_eq!(byte, (i % 251) as u8, "byte {i}");
    }
    // SAFETY: both live.
    unsafe {
        a.free(Domain::Object, q);
        a.free(Domain::Mem, big3);
    }
    assert_eq!(a.allocated_blocks(), 0);
}

#[test]
fn freed_debug_block_is_dead_bytes() {
    let a = Allocator::new(Mode::PymallocDebug);
    let p = a.malloc(Domain::Object, 40).unwrap();
    // Keep a neighbour alive so the pool, and thus the memory, stays carved.
    let keep = a.malloc(Domain::Object, 40).unwrap();
    // SAFETY: `p` is live.
    unsafe { a.free(Domain::Object, p) };
    // SAFETY: the block is back in a live pool; reading it is reading the arena. The first 8
    // bytes of the underlying block now hold pymalloc's free-list link.
    let tail = unsafe { std::slice::from_raw_parts(p.as_ptr().sub(8), 8 + 40 + 8) };
    assert!(tail.iter().all(|&b| b == 0xDD));
    // SAFETY: `keep` is live.
    unsafe { a.free(Domain::Object, keep) };
}
