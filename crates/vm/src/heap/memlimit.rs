//! `-X memlimit=SIZE`: a cap on the bytes mempy holds, past which the program gets a
//! catchable `MemoryError` instead of the kernel's OOM killer.
//!
//! What is counted: the pymalloc arenas (1 MiB each, where every object block lives) and
//! every allocation of the Rust global allocator (the variable parts of objects: list
//! items, string and bytes data, big integers, dict tables), when the binary installs
//! [`CountingAlloc`] as its `#[global_allocator]` (the `mempy` command and the fuzz
//! targets do). Blocks pymalloc forwards to `malloc` (requests over 512 bytes, and every
//! block under `PYTHONMALLOC=malloc`) are not counted: objects are small, their variable
//! parts are counted on the Rust side.
//!
//! Nothing fails inside an allocation (a failed Rust allocation aborts the process):
//! an allocation that leaves the total above the limit raises a flag, and the periodic
//! check (`interrupt::check`, at every backward jump and call) turns the flag into
//! `MemoryError`. Requests whose size is known in advance (`[0] * n`, `'x' * n`,
//! `bytes(n)`, ...) ask [`would_exceed`] first and raise at once. After the program
//! catches the error and drops what it held, it goes on under the same limit.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// The cap in bytes (`usize::MAX`: none).
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Bytes held by the Rust global allocator (counted by [`CountingAlloc`]).
static RUST_BYTES: AtomicUsize = AtomicUsize::new(0);
/// Bytes of the pymalloc arenas alive, updated by the heap when their number changes.
static ARENA_BYTES: AtomicUsize = AtomicUsize::new(0);
/// Set when an allocation left the total above the limit; taken by the periodic check.
static EXCEEDED: AtomicBool = AtomicBool::new(false);

/// Sets the cap (`None`: no cap).
pub fn set_limit(bytes: Option<usize>) {
    LIMIT.store(bytes.unwrap_or(usize::MAX), Relaxed);
    EXCEEDED.store(false, Relaxed);
}

/// The cap, if one is set.
pub fn limit() -> Option<usize> {
    let l = LIMIT.load(Relaxed);
    (l != usize::MAX).then_some(l)
}

/// Bytes counted now: arenas plus the Rust heap.
pub fn held() -> usize {
    RUST_BYTES
        .load(Relaxed)
        .saturating_add(ARENA_BYTES.load(Relaxed))
}

/// Whether holding `more` bytes on top of what is held now would pass the cap.
pub fn would_exceed(more: usize) -> bool {
    let l = LIMIT.load(Relaxed);
    l != usize::MAX && held().saturating_add(more) > l
}

/// Whether an allocation went past the cap since the last call, while the total is still
/// above it; clears the flag.
#[inline]
pub fn take_exceeded() -> bool {
    EXCEEDED.load(Relaxed) && EXCEEDED.swap(false, Relaxed) && would_exceed(0)
}

/// Called by the heap after each object allocation: records the arena bytes when the
/// number of arenas changed (a new arena is where the object part of the total grows).
#[inline]
pub(crate) fn after_allocate(alloc: &mempy_pymalloc::Allocator) {
    let bytes = alloc
        .arenas_current()
        .saturating_mul(mempy_pymalloc::geometry::ARENA_SIZE);
    if bytes != ARENA_BYTES.load(Relaxed) {
        ARENA_BYTES.store(bytes, Relaxed);
        note_total();
    }
}

#[inline]
fn note_total() {
    if would_exceed(0) {
        EXCEEDED.store(true, Relaxed);
    }
}

/// Parses `-X memlimit=SIZE`: bytes, or a number with a `K`, `M`, `G` or `T` suffix
/// (powers of 1024, either case, an optional trailing `B`).
pub fn parse_size(text: &str) -> Option<usize> {
    let t = text.trim();
    let t = t
        .strip_suffix('B')
        .or_else(|| t.strip_suffix('b'))
        .filter(|r| r.ends_with(|c: char| c.is_ascii_alphabetic()))
        .unwrap_or(t);
    let (digits, shift) = match t.chars().last()?.to_ascii_uppercase() {
        'K' => (&t[..t.len() - 1], 10),
        'M' => (&t[..t.len() - 1], 20),
        'G' => (&t[..t.len() - 1], 30),
        'T' => (&t[..t.len() - 1], 40),
        _ => (t, 0),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = digits.parse().ok()?;
    n.checked_mul(1usize << shift).filter(|&n| n > 0)
}

/// The system allocator, counting the bytes it hands out for [`held`]. Install it with
/// `#[global_allocator] static A: CountingAlloc = CountingAlloc;` in a binary.
pub struct CountingAlloc;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged and
// only updates counters, so `System`'s guarantees carry over.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded caller guarantee (non-zero size layout).
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            RUST_BYTES.fetch_add(layout.size(), Relaxed);
            note_total();
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded caller guarantee.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            RUST_BYTES.fetch_add(layout.size(), Relaxed);
            note_total();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded caller guarantee (`ptr` came from this allocator with `layout`).
        unsafe { System.dealloc(ptr, layout) };
        RUST_BYTES.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded caller guarantee.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                RUST_BYTES.fetch_add(new_size - layout.size(), Relaxed);
                note_total();
            } else {
                RUST_BYTES.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("64M"), Some(64 << 20));
        assert_eq!(parse_size("64m"), Some(64 << 20));
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("2KB"), Some(2048));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("M"), None);
        assert_eq!(parse_size("-5M"), None);
        assert_eq!(parse_size("12Q"), None);
        assert_eq!(parse_size("99999999999999999999T"), None);
    }
}
