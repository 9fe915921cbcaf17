//! Any bytes that compile must run to an end: a normal exit, a Python exception, a
//! `SystemExit`, or the step budget's `KeyboardInterrupt`, never a panic, an abort or a
//! stack overflow. The program runs in-process in `mempy_driver::run_sandboxed` (no
//! files, no stdin, no sleeping, a step budget and a memory cap), with the collector in
//! stress mode (a collection at every gc-tracked allocation) and CPython's debug hooks on
//! the allocator (`PYTHONMALLOC=debug`), so a refcount or heap error shows up as a
//! failed check instead of passing silently.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Counts the Rust heap, for the sandbox's memory cap.
#[global_allocator]
static GLOBAL: mempy_driver::CountingAlloc = mempy_driver::CountingAlloc;

/// Periodic checks a program may use. Under `-X gcstress` every call may run a collection
/// over the whole heap, so a run costs up to steps × heap size: 20,000 steps let a golden
/// program (a Collatz search) run 87 s under ASan, 2,000 keep every run within seconds.
const STEPS: u64 = 2_000;
/// Bytes a program may hold.
const MEMORY: usize = 256 << 20;

fuzz_target!(|data: &[u8]| {
    // Non-UTF-8 source stops at the driver with a SyntaxError before anything runs.
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    // The VM thread reads the allocator mode when its heap is first used.
    std::env::set_var("PYTHONMALLOC", "debug");
    let limits = mempy_driver::Sandbox {
        steps: STEPS,
        memory: MEMORY,
        gc_stress: true,
    };
    // `None` is a panic inside the VM (its message is already on stderr).
    if mempy_driver::run_sandboxed(src, &limits).is_none() {
        panic!("the VM panicked");
    }
});
