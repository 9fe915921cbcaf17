//! CPython's debug hooks (`PYTHONMALLOC=debug`, `pymalloc_debug`, `malloc_debug`): a size and
//! API-id header and forbidden bytes around every block, fill patterns, and the fatal report
//! when a check fails.
//!
//! Block layout, with `S = 8` and `n` the requested size; the underlying allocator sees a
//! request of `n + 24` bytes and the caller gets `p`:
//!
//! ```text
//! p-16 .. p-8   n, big-endian
//! p-8           API id: 'r', 'm' or 'o'
//! p-7 .. p      7 x 0xFD (FORBIDDENBYTE)
//! p   .. p+n    data: 0xCD (CLEANBYTE) when fresh, zeros from calloc
//! p+n .. p+n+8  8 x 0xFD
//! ```
//!
//! On free the whole `n + 24` bytes become 0xDD (DEADBYTE) before the underlying free. Free
//! and realloc first check the id, the leading pad and the trailing pad, in that order; a
//! failure prints `_PyObject_DebugDumpAddress`'s dump and `Fatal Python error: <func>: <why>`
//! to file descriptor 2 and aborts. A double free shows up as a bad id (the id byte reads 0xDD).
//!
//! One deliberate difference: when the size field is garbage (double free, underrun), CPython
//! reads the "trailing pad" wherever the garbage points and may crash; here bytes outside the
//! block's known memory are not read and the dump says so.

use std::io::Write as _;

use crate::allocator::{Allocator, Base};

/// Bytes of the size field and of each pad (`SST`).
const SST: usize = core::mem::size_of::<usize>();
/// Bytes the hooks add to each request.
pub const DEBUG_EXTRA_BYTES: usize = 3 * SST;
/// Pad byte around blocks.
pub const FORBIDDENBYTE: u8 = 0xFD;
/// Fill of freshly allocated data.
pub const CLEANBYTE: u8 = 0xCD;
/// Fill of freed blocks.
pub const DEADBYTE: u8 = 0xDD;
/// Bytes saved at each end of a block around an underlying realloc.
const ERASED_SIZE: usize = 64;

/// A function the VM may install to append its own lines (CPython's "Current thread ..."
/// traceback) to a fatal report, just before the process aborts.
pub type FatalErrorHook = fn(&mut dyn std::io::Write);

/// Writes the size header big-endian.
///
/// # Safety
/// `q` must be valid for `SST` bytes of writes.
unsafe fn write_size(q: *mut u8, n: usize) {
    // SAFETY: the caller guarantees `SST` writable bytes at `q`.
    unsafe { core::ptr::copy_nonoverlapping((n as u64).to_be_bytes().as_ptr(), q, SST) };
}

/// Reads the size header.
///
/// # Safety
/// `q` must be valid for `SST` bytes of reads.
unsafe fn read_size(q: *const u8) -> usize {
    let mut bytes = [0u8; SST];
    // SAFETY: the caller guarantees `SST` readable bytes at `q`.
    unsafe { core::ptr::copy_nonoverlapping(q, bytes.as_mut_ptr(), SST) };
    u64::from_be_bytes(bytes) as usize
}

/// Writes header and trailer around `nbytes` of data at `head + 16`.
///
/// # Safety
/// `head` must be valid for `nbytes + DEBUG_EXTRA_BYTES` bytes of writes.
unsafe fn decorate(head: *mut u8, api: u8, nbytes: usize) {
    // SAFETY: all writes fall in the `nbytes + 24` bytes the caller vouches for.
    unsafe {
        write_size(head, nbytes);
        *head.add(SST) = api;
        core::ptr::write_bytes(head.add(SST + 1), FORBIDDENBYTE, SST - 1);
        core::ptr::write_bytes(head.add(2 * SST + nbytes), FORBIDDENBYTE, SST);
    }
}

/// `_PyMem_DebugRawAlloc`.
pub(crate) fn malloc(a: &Allocator, base: Base, api: u8, nbytes: usize, zero: bool) -> *mut u8 {
    if nbytes > crate::raw::MAX_REQUEST - DEBUG_EXTRA_BYTES {
        return core::ptr::null_mut();
    }
    let total = nbytes + DEBUG_EXTRA_BYTES;
    let head = if zero {
        a.base_calloc(base, 1, total)
    } else {
        a.base_malloc(base, total)
    };
    if head.is_null() {
        return head;
    }
    // SAFETY: `head` is a fresh block of `total` bytes.
    unsafe {
        decorate(head, api, nbytes);
        let data = head.add(2 * SST);
        if !zero {
            core::ptr::write_bytes(data, CLEANBYTE, nbytes);
        }
        data
    }
}

/// `_PyMem_DebugRawCalloc`.
pub(crate) fn calloc(a: &Allocator, base: Base, api: u8, nelem: usize, elsize: usize) -> *mut u8 {
    if elsize != 0 && nelem > crate::raw::MAX_REQUEST / elsize {
        return core::ptr::null_mut();
    }
    malloc(a, base, api, nelem * elsize, true)
}

/// `_PyMem_DebugRawFree`.
///
/// # Safety
/// `p` must be null or a pointer this allocator's debug layer returned (checks catch most
/// misuse, but a wild pointer may still be read).
pub(crate) unsafe fn free(a: &Allocator, base: Base, api: u8, p: *mut u8) {
    if p.is_null() {
        return;
    }
    // SAFETY: forwarded caller guarantee.
    unsafe {
        check_address(a, "_PyMem_DebugRawFree", api, p);
        let head = p.sub(2 * SST);
        let total = read_size(head) + DEBUG_EXTRA_BYTES;
        core::ptr::write_bytes(head, DEADBYTE, total);
        a.base_free(base, head);
    }
}

/// `_PyMem_DebugRawRealloc`: check, mark the old header, trailer and up to 64 bytes at each
/// end of the data dead around the underlying realloc, then rebuild the decorations, restore
/// the saved bytes and mark grown bytes clean.
///
/// # Safety
/// `p` must be null or a live pointer from this allocator's debug layer; on success it must
/// not be used again unless returned.
pub(crate) unsafe fn realloc(
    a: &Allocator,
    base: Base,
    api: u8,
    p: *mut u8,
    nbytes: usize,
) -> *mut u8 {
    if p.is_null() {
        return malloc(a, base, api, nbytes, false);
    }
    // SAFETY: forwarded caller guarantee.
    unsafe { check_address(a, "_PyMem_DebugRawRealloc", api, p) };
    let mut data = p;
    // SAFETY: the checks passed, so the header in front of `p` is intact.
    let mut head = unsafe { data.sub(2 * SST) };
    // SAFETY: as above.
    let original = unsafe { read_size(head) };
    if nbytes > crate::raw::MAX_REQUEST - DEBUG_EXTRA_BYTES {
        return core::ptr::null_mut();
    }
    let total = nbytes + DEBUG_EXTRA_BYTES;
    let mut save = [0u8; 2 * ERASED_SIZE];
    // SAFETY: the block holds `original + 24` bytes from `head`; every copy and fill below stays
    // in it (the large branch touches the first 80 and the last 72 bytes).
    unsafe {
        let tail = data.add(original);
        if original <= save.len() {
            core::ptr::copy_nonoverlapping(data, save.as_mut_ptr(), original);
            core::ptr::write_bytes(head, DEADBYTE, original + DEBUG_EXTRA_BYTES);
        } else {
            core::ptr::copy_nonoverlapping(data, save.as_mut_ptr(), ERASED_SIZE);
            core::ptr::write_bytes(head, DEADBYTE, ERASED_SIZE + 2 * SST);
            core::ptr::copy_nonoverlapping(
                tail.sub(ERASED_SIZE),
                save.as_mut_ptr().add(ERASED_SIZE),
                ERASED_SIZE,
            );
            core::ptr::write_bytes(
                tail.sub(ERASED_SIZE),
                DEADBYTE,
                ERASED_SIZE + DEBUG_EXTRA_BYTES - 2 * SST,
            );
        }
    }
    // SAFETY: `head` is the live underlying block.
    let r = unsafe { a.base_realloc(base, head, total) };
    let nbytes = if r.is_null() {
        original
    } else {
        head = r;
        nbytes
    };
    // SAFETY: `head` is now a live block of at least `nbytes + 24` bytes (the new one, or the
    // old one of `original + 24` bytes when realloc failed).
    unsafe {
        data = head.add(2 * SST);
        decorate(head, api, nbytes);
        if original <= save.len() {
            core::ptr::copy_nonoverlapping(save.as_ptr(), data, nbytes.min(original));
        } else {
            let i = original - ERASED_SIZE;
            core::ptr::copy_nonoverlapping(save.as_ptr(), data, nbytes.min(ERASED_SIZE));
            if nbytes > i {
                core::ptr::copy_nonoverlapping(
                    save.as_ptr().add(ERASED_SIZE),
                    data.add(i),
                    (nbytes - i).min(ERASED_SIZE),
                );
            }
        }
        if r.is_null() {
            return core::ptr::null_mut();
        }
        if nbytes > original {
            core::ptr::write_bytes(data.add(original), CLEANBYTE, nbytes - original);
        }
    }
    data
}

/// `_PyMem_DebugCheckAddress`: the id, then the leading pad, then the trailing pad.
///
/// # Safety
/// The 16 bytes before `p` must be readable; if they are intact, so must the `n + 8` after.
unsafe fn check_address(a: &Allocator, func: &str, api: u8, p: *mut u8) {
    // SAFETY: the caller guarantees the header is readable.
    let id = unsafe { *p.sub(SST) };
    if id != api {
        let mut msg = b"bad ID: Allocated using API '".to_vec();
        msg.push(id);
        msg.extend_from_slice(b"', verified using API '");
        msg.push(api);
        msg.push(b'\'');
        fatal(a, func, p, &msg);
    }
    for i in (1..SST).rev() {
        // SAFETY: the leading pad lies in the readable header.
        if unsafe { *p.sub(i) } != FORBIDDENBYTE {
            fatal(a, func, p, b"bad leading pad byte");
        }
    }
    // SAFETY: id and leading pad are intact, so the size field is trusted and the trailer is
    // readable (caller).
    unsafe {
        let tail = p.add(read_size(p.sub(2 * SST)));
        for i in 0..SST {
            if *tail.add(i) != FORBIDDENBYTE {
                fatal(a, func, p, b"bad trailing pad byte");
            }
        }
    }
}

/// The end of the memory known to be readable from `head`, the start of a debug block.
fn readable_end(a: &Allocator, head: *const u8) -> usize {
    if let Some((_, end)) = a.arena_bounds(head as usize) {
        return end;
    }
    // SAFETY: not in an arena, so the block came from the C heap; `usable_size` only reads the
    // chunk header glibc keeps in front of it.
    let usable = unsafe { crate::raw::usable_size(head.cast_mut()) };
    if usable > 0 {
        head as usize + usable
    } else {
        usize::MAX
    }
}

/// `_PyObject_DebugDumpAddress` into `out`.
fn dump_address(a: &Allocator, p: *const u8, out: &mut Vec<u8>) {
    let addr = p as usize;
    let _ = write!(out, "Debug memory block at address p={addr:#x}:");
    // SAFETY: the header of a debug block is readable (caller of the public free/realloc).
    let (id, nbytes) = unsafe { (*p.sub(SST), read_size(p.sub(2 * SST))) };
    out.extend_from_slice(b" API '");
    out.push(id);
    out.extend_from_slice(b"'\n");
    let _ = writeln!(out, "    {nbytes} bytes originally requested");

    let _ = write!(out, "    The {} pad bytes at p-{} are ", SST - 1, SST - 1);
    // SAFETY: as above, the leading pad is part of the header.
    let lead: Vec<u8> = (1..SST).map(|i| unsafe { *p.sub(i) }).collect();
    if lead.iter().all(|&b| b == FORBIDDENBYTE) {
        out.extend_from_slice(b"FORBIDDENBYTE, as expected.\n");
    } else {
        let _ = writeln!(out, "not all FORBIDDENBYTE (0x{FORBIDDENBYTE:02x}):");
        for i in (1..SST).rev() {
            let byte = lead[i - 1];
            let _ = write!(out, "        at p-{i}: 0x{byte:02x}");
            if byte != FORBIDDENBYTE {
                out.extend_from_slice(b" *** OUCH");
            }
            out.push(b'\n');
        }
        out.extend_from_slice(
            b"    Because memory is corrupted at the start, the count of bytes requested\n       \
              may be bogus, and checking the trailing pad bytes may segfault.\n",
        );
    }

    let limit = readable_end(a, p.wrapping_sub(2 * SST));
    let tail = addr.wrapping_add(nbytes);
    let tail_readable = tail >= addr && tail.checked_add(SST).is_some_and(|end| end <= limit);
    let _ = write!(out, "    The {SST} pad bytes at tail={tail:#x} are ");
    if !tail_readable {
        out.extend_from_slice(b"outside the block's memory, not read.\n");
    } else {
        // SAFETY: `tail .. tail + SST` is inside memory known to be readable.
        let trail: Vec<u8> = (0..SST).map(|i| unsafe { *p.add(nbytes + i) }).collect();
        if trail.iter().all(|&b| b == FORBIDDENBYTE) {
            out.extend_from_slice(b"FORBIDDENBYTE, as expected.\n");
        } else {
            let _ = writeln!(out, "not all FORBIDDENBYTE (0x{FORBIDDENBYTE:02x}):");
            for (i, &byte) in trail.iter().enumerate() {
                let _ = write!(out, "        at tail+{i}: 0x{byte:02x}");
                if byte != FORBIDDENBYTE {
                    out.extend_from_slice(b" *** OUCH");
                }
                out.push(b'\n');
            }
        }
    }

    if nbytes > 0 {
        out.extend_from_slice(b"    Data at p:");
        let end = if tail_readable { tail } else { limit.min(tail) };
        let mut q = addr;
        let mut i = 0;
        while q < end && i < 8 {
            // SAFETY: `q < end <= limit`, inside readable memory.
            let _ = write!(out, " {:02x}", unsafe { *(q as *const u8) });
            q += 1;
            i += 1;
        }
        if q < tail {
            if tail - q > 8 {
                out.extend_from_slice(b" ...");
                q = tail - 8;
            }
            if tail_readable {
                while q < tail {
                    // SAFETY: `q < tail`, and the data before a readable tail is readable.
                    let _ = write!(out, " {:02x}", unsafe { *(q as *const u8) });
                    q += 1;
                }
            }
        }
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// Prints the dump and `Fatal Python error: <func>: <msg>` to fd 2, runs the VM's hook, and
/// aborts the process.
fn fatal(a: &Allocator, func: &str, p: *const u8, msg: &[u8]) -> ! {
    let mut out = Vec::with_capacity(1024);
    dump_address(a, p, &mut out);
    out.extend_from_slice(b"Enable tracemalloc to get the memory block allocation traceback\n\n");
    let _ = write!(out, "Fatal Python error: {func}: ");
    out.extend_from_slice(msg);
    out.extend_from_slice(b"\nPython runtime state: initialized\n\n");
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(&out);
    let _ = stderr.flush();
    if let Some(hook) = a.fatal_error_hook() {
        hook(&mut stderr);
        let _ = stderr.flush();
    }
    std::process::abort()
}
