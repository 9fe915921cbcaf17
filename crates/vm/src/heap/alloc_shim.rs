//! A stand-in for `mempy_pymalloc` with exactly its API, over `std::alloc`.
//!
//! It exists only until the workspace allocator lands; `heap/mod.rs` imports either
//! this module or the real crate under the same names, so switching is one line.
//! Every block carries a 16-byte prefix holding its size, because `std::alloc::dealloc`
//! needs the layout and the pymalloc API frees by pointer only.
#![allow(unsafe_code)]
#![allow(dead_code)]

use std::alloc::{alloc, dealloc, Layout};
use std::cell::Cell;
use std::fmt;
use std::ptr::NonNull;

/// The three CPython allocator domains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    Raw,
    Mem,
    Object,
}

/// The allocator family (`PYTHONMALLOC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Pymalloc,
    Malloc,
    PymallocDebug,
    MallocDebug,
}

/// A `PYTHONMALLOC` value naming no allocator.
#[derive(Clone, Debug)]
pub struct UnknownAllocator {
    pub value: String,
}

impl fmt::Display for UnknownAllocator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PYTHONMALLOC: unknown allocator")
    }
}

impl Mode {
    pub fn from_env() -> Result<Mode, UnknownAllocator> {
        match std::env::var("PYTHONMALLOC").unwrap_or_default().as_str() {
            "" | "default" | "pymalloc" => Ok(Mode::Pymalloc),
            "malloc" => Ok(Mode::Malloc),
            "debug" | "pymalloc_debug" => Ok(Mode::PymallocDebug),
            "malloc_debug" => Ok(Mode::MallocDebug),
            other => Err(UnknownAllocator { value: other.to_string() }),
        }
    }
}

const PREFIX: usize = 16;

/// The shim allocator: counts blocks, forwards to `std::alloc`.
pub struct Allocator {
    blocks: Cell<usize>,
    _mode: Mode,
}

impl Allocator {
    pub fn new(mode: Mode) -> Allocator {
        Allocator { blocks: Cell::new(0), _mode: mode }
    }

    pub fn malloc(&self, _domain: Domain, size: usize) -> Option<NonNull<u8>> {
        let total = size.checked_add(PREFIX)?;
        let layout = Layout::from_size_align(total, 16).ok()?;
        // SAFETY: `layout` has a non-zero size (at least PREFIX bytes).
        let base = NonNull::new(unsafe { alloc(layout) })?;
        // SAFETY: the block is at least PREFIX bytes long and 16-aligned, so the size
        // word fits at its start.
        unsafe { (base.as_ptr() as *mut usize).write(total) };
        self.blocks.set(self.blocks.get() + 1);
        // SAFETY: PREFIX < total, so the result stays inside the block.
        Some(unsafe { NonNull::new_unchecked(base.as_ptr().add(PREFIX)) })
    }

    /// # Safety
    /// `ptr` must come from `malloc`/`realloc` of this allocator and not be freed yet.
    pub unsafe fn free(&self, _domain: Domain, ptr: NonNull<u8>) {
        // SAFETY: by the contract, the size word sits PREFIX bytes before `ptr`.
        unsafe {
            let base = ptr.as_ptr().sub(PREFIX);
            let total = (base as *const usize).read();
            dealloc(base, Layout::from_size_align_unchecked(total, 16));
        }
        self.blocks.set(self.blocks.get() - 1);
    }

    /// # Safety
    /// As `free`.
    pub unsafe fn realloc(&self, domain: Domain, ptr: NonNull<u8>, new_size: usize) -> Option<NonNull<u8>> {
        let new = self.malloc(domain, new_size)?;
        // SAFETY: by the contract the old block is live; we copy at most its length.
        unsafe {
            let old_total = (ptr.as_ptr().sub(PREFIX) as *const usize).read();
            let n = (old_total - PREFIX).min(new_size);
            std::ptr::copy_nonoverlapping(ptr.as_ptr(), new.as_ptr(), n);
            self.free(domain, ptr);
        }
        Some(new)
    }

    pub fn allocated_blocks(&self) -> usize {
        self.blocks.get()
    }

    pub fn write_debug_stats(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        writeln!(out, "# blocks in use (shim allocator) = {}", self.blocks.get())
    }
}
