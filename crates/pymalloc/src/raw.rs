//! The raw domain: the C library's `malloc`, `calloc`, `realloc` and `free`, with CPython's
//! quirks (`_PyMem_RawMalloc` and friends).
//!
//! A request of 0 bytes becomes 1 byte, `calloc` with a zero count or size becomes
//! `calloc(1, 1)`, and anything above `isize::MAX` fails. pymalloc forwards its 0-byte and large
//! requests here (counting them itself); the malloc modes send every domain here. Arenas do not
//! come from here but from `arena.rs`.

/// Largest request any entry point accepts (`PY_SSIZE_T_MAX`).
pub(crate) const MAX_REQUEST: usize = isize::MAX as usize;

/// `PyMem_RawMalloc`.
#[inline]
pub(crate) fn malloc(nbytes: usize) -> *mut u8 {
    if nbytes > MAX_REQUEST {
        return core::ptr::null_mut();
    }
    // SAFETY: `malloc` may be called with any size; a null result is passed on.
    unsafe { libc::malloc(nbytes.max(1)).cast() }
}

/// `PyMem_RawCalloc`.
pub(crate) fn calloc(nelem: usize, elsize: usize) -> *mut u8 {
    if elsize != 0 && nelem > MAX_REQUEST / elsize {
        return core::ptr::null_mut();
    }
    let (nelem, elsize) = if nelem == 0 || elsize == 0 {
        (1, 1)
    } else {
        (nelem, elsize)
    };
    // SAFETY: `calloc` may be called with any sizes; it checks the product itself.
    unsafe { libc::calloc(nelem, elsize).cast() }
}

/// `PyMem_RawRealloc`.
///
/// # Safety
/// `ptr` must be null or a live block obtained from this file's `malloc`, `calloc` or
/// `realloc`. On success the old pointer is dangling.
pub(crate) unsafe fn realloc(ptr: *mut u8, nbytes: usize) -> *mut u8 {
    if nbytes > MAX_REQUEST {
        return core::ptr::null_mut();
    }
    // SAFETY: the caller guarantees `ptr` is null or a live C-heap block.
    unsafe { libc::realloc(ptr.cast(), nbytes.max(1)).cast() }
}

/// `PyMem_RawFree`.
///
/// # Safety
/// `ptr` must be null or a live block obtained from this file's functions; it is dangling
/// afterwards.
#[inline]
pub(crate) unsafe fn free(ptr: *mut u8) {
    // SAFETY: the caller guarantees `ptr` is null or a live C-heap block.
    unsafe { libc::free(ptr.cast()) }
}

/// How many bytes of a live C-heap block may be read (at least the request).
///
/// # Safety
/// `ptr` must be a block obtained from this file's functions and not yet freed.
#[cfg(all(target_os = "linux", target_env = "gnu", not(miri)))]
pub(crate) unsafe fn usable_size(ptr: *mut u8) -> usize {
    // SAFETY: the caller guarantees `ptr` is a C-heap block.
    unsafe { libc::malloc_usable_size(ptr.cast()) }
}

/// How many bytes of a live C-heap block may be read: unknown here, so nothing is claimed.
///
/// # Safety
/// `ptr` must be a block obtained from this file's functions and not yet freed.
#[cfg(not(all(target_os = "linux", target_env = "gnu", not(miri))))]
pub(crate) unsafe fn usable_size(_ptr: *mut u8) -> usize {
    0
}
