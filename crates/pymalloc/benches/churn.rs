//! Allocation churn benchmark: pymalloc against glibc `malloc` in the same run.
//!
//! A steady state of `live` blocks (1k to 1M) with a Python-like size mix (mostly 16-112
//! bytes) is churned: each step frees one block, chosen LIFO, FIFO or at random, and allocates
//! a new one, writing its first word as an object header would be. Throughput is per step (one
//! free plus one malloc). A last group does the same with requests above 512 bytes, which
//! pymalloc forwards to `malloc`.
//!
//! Both heaps replay the same operations: request sizes and random victims are drawn before
//! timing into tables (same seeds for both heaps), so the timed loop only reads them.
//!
//! Run: `cargo bench -p mempy-pymalloc --bench churn`.

use std::collections::VecDeque;

use divan::counter::ItemsCount;
use divan::Bencher;
use mempy_pymalloc::{Allocator, Domain, Mode};

fn main() {
    divan::main();
}

/// Churn steps per measured iteration.
const STEPS: usize = 10_000;

const LIVE: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// The heap under test.
trait Heap {
    fn new() -> Self;
    fn alloc(&self, size: usize) -> *mut u8;
    /// # Safety
    /// `p` must be a live block of this heap.
    unsafe fn free(&self, p: *mut u8);
}

/// pymalloc, object domain.
struct Pymalloc(Allocator);

impl Heap for Pymalloc {
    fn new() -> Self {
        Pymalloc(Allocator::new(Mode::Pymalloc))
    }
    #[inline]
    fn alloc(&self, size: usize) -> *mut u8 {
        match self.0.malloc(Domain::Object, size) {
            Some(p) => p.as_ptr(),
            None => std::process::abort(),
        }
    }
    #[inline]
    unsafe fn free(&self, p: *mut u8) {
        // SAFETY: the caller passes a live block of this allocator.
        unsafe {
            self.0
                .free(Domain::Object, std::ptr::NonNull::new_unchecked(p))
        }
    }
}

/// The C library's allocator (glibc on the reference machine).
struct Glibc;

impl Heap for Glibc {
    fn new() -> Self {
        Glibc
    }
    #[inline]
    fn alloc(&self, size: usize) -> *mut u8 {
        // SAFETY: `malloc` accepts any size.
        let p = unsafe { libc::malloc(size) }.cast::<u8>();
        if p.is_null() {
            std::process::abort();
        }
        p
    }
    #[inline]
    unsafe fn free(&self, p: *mut u8) {
        // SAFETY: the caller passes a live `malloc` block.
        unsafe { libc::free(p.cast()) }
    }
}

/// xorshift64*: a fixed, dependency-free random stream.
struct Rng(u64);

impl Rng {
    #[inline]
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// A table of request sizes shaped like a Python program's: floats and small ints (24-32),
/// small objects and instances (48-64), list/dict bodies (80-112), a tail of larger buffers.
fn python_sizes(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let r = rng.next();
            let pick = r % 100;
            let jitter = ((r >> 32) % 16) as usize;
            match pick {
                0..=9 => 16,
                10..=34 => 17 + jitter.min(15),
                35..=46 => 33 + jitter,
                47..=66 => 49 + jitter,
                67..=74 => 65 + jitter,
                75..=86 => 81 + ((r >> 40) % 32) as usize,
                87..=95 => 113 + ((r >> 40) % 144) as usize,
                _ => 257 + ((r >> 40) % 256) as usize,
            }
        })
        .collect()
}

fn large_sizes(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = Rng(seed);
    (0..n).map(|_| 513 + (rng.next() % 7680) as usize).collect()
}

#[inline]
fn touch(p: *mut u8) {
    // SAFETY: every request is at least 16 bytes, so the first word is writable.
    unsafe { p.cast::<usize>().write(1) };
}

/// Positions in a set of `live` blocks, drawn before timing.
fn victims(n: usize, live: usize, seed: u64) -> Vec<usize> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| (rng.next() % live as u64) as usize)
        .collect()
}

/// Pre-fills `live` blocks; returns them and the position in the size table.
fn fill<H: Heap>(heap: &H, sizes: &[usize], live: usize) -> (Vec<*mut u8>, usize) {
    let mut blocks = Vec::with_capacity(live);
    for i in 0..live {
        let p = heap.alloc(sizes[i % sizes.len()]);
        touch(p);
        blocks.push(p);
    }
    (blocks, live % sizes.len())
}

fn drain<H: Heap>(heap: &H, blocks: impl IntoIterator<Item = *mut u8>) {
    for p in blocks {
        // SAFETY: every pointer in the set is a live block of `heap`.
        unsafe { heap.free(p) };
    }
}

#[divan::bench(types = [Pymalloc, Glibc], args = LIVE)]
fn lifo<H: Heap>(bencher: Bencher, live: usize) {
    let heap = H::new();
    let sizes = python_sizes(1 << 16, 0x1234_5678);
    let (mut blocks, mut at) = fill(&heap, &sizes, live);
    bencher.counter(ItemsCount::new(STEPS)).bench_local(|| {
        for _ in 0..STEPS {
            let victim = blocks.pop().unwrap();
            // SAFETY: `victim` was live in the set.
            unsafe { heap.free(victim) };
            let p = heap.alloc(sizes[at]);
            at = (at + 1) & (sizes.len() - 1);
            touch(p);
            blocks.push(p);
        }
    });
    drain(&heap, blocks);
}

#[divan::bench(types = [Pymalloc, Glibc], args = LIVE)]
fn fifo<H: Heap>(bencher: Bencher, live: usize) {
    let heap = H::new();
    let sizes = python_sizes(1 << 16, 0x9876_5432);
    let (blocks, mut at) = fill(&heap, &sizes, live);
    let mut queue: VecDeque<*mut u8> = blocks.into();
    bencher.counter(ItemsCount::new(STEPS)).bench_local(|| {
        for _ in 0..STEPS {
            let victim = queue.pop_front().unwrap();
            // SAFETY: `victim` was live in the set.
            unsafe { heap.free(victim) };
            let p = heap.alloc(sizes[at]);
            at = (at + 1) & (sizes.len() - 1);
            touch(p);
            queue.push_back(p);
        }
    });
    drain(&heap, queue);
}

#[divan::bench(types = [Pymalloc, Glibc], args = LIVE)]
fn random<H: Heap>(bencher: Bencher, live: usize) {
    let heap = H::new();
    let sizes = python_sizes(1 << 16, 0x5555_aaaa);
    let (mut blocks, mut at) = fill(&heap, &sizes, live);
    let order = victims(1 << 16, live, 0xdead_beef);
    let mut k = 0;
    bencher.counter(ItemsCount::new(STEPS)).bench_local(|| {
        for _ in 0..STEPS {
            let victim = blocks.swap_remove(order[k]);
            k = (k + 1) & (order.len() - 1);
            // SAFETY: `victim` was live in the set.
            unsafe { heap.free(victim) };
            let p = heap.alloc(sizes[at]);
            at = (at + 1) & (sizes.len() - 1);
            touch(p);
            blocks.push(p);
        }
    });
    drain(&heap, blocks);
}

/// Requests of 513..8192 bytes: pymalloc's path to `malloc`, random free order.
#[divan::bench(types = [Pymalloc, Glibc], args = [1_000, 100_000])]
fn large<H: Heap>(bencher: Bencher, live: usize) {
    let heap = H::new();
    let sizes = large_sizes(1 << 16, 0x4242);
    let (mut blocks, mut at) = fill(&heap, &sizes, live);
    let order = victims(1 << 16, live, 0xfeed_f00d);
    let mut k = 0;
    bencher.counter(ItemsCount::new(STEPS)).bench_local(|| {
        for _ in 0..STEPS {
            let victim = blocks.swap_remove(order[k]);
            k = (k + 1) & (order.len() - 1);
            // SAFETY: `victim` was live in the set.
            unsafe { heap.free(victim) };
            let p = heap.alloc(sizes[at]);
            at = (at + 1) & (sizes.len() - 1);
            touch(p);
            blocks.push(p);
        }
    });
    drain(&heap, blocks);
}
