//! The sandbox a fuzzed program runs in (`fuzz/fuzz_targets/run.rs`): while it is on,
//! code on this thread cannot touch the file system or wait. `open()` and
//! `mempy.heap_map()` raise `PermissionError`, and `time.sleep()` returns at once. The
//! other ways out need no switch: the fuzz driver gives the VM an empty stdin and
//! captured stdout/stderr, `sys.exit()` is a `SystemExit` the driver handles, the step
//! budget (`interrupt`) bounds the time and `-X memlimit` (`heap::memlimit`) the memory.

use std::cell::Cell;

use crate::objects::PyBaseExceptionRef;
use crate::vm::{PyResult, Vm};

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
}

/// Turns the sandbox on or off for this thread.
pub fn set(on: bool) {
    ON.with(|c| c.set(on));
}

/// Whether the sandbox is on.
#[inline]
pub fn is_on() -> bool {
    ON.with(|c| c.get())
}

/// `Err(PermissionError)` naming `what` when the sandbox is on.
pub fn check(vm: &Vm, what: &str) -> PyResult<()> {
    if is_on() {
        return Err(denied(vm, what));
    }
    Ok(())
}

fn denied(vm: &Vm, what: &str) -> PyBaseExceptionRef {
    vm.new_exception_msg(
        &vm.ctx.exc.permission_error,
        format!("{what} is not allowed in mempy's fuzz sandbox"),
    )
}
