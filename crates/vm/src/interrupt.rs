//! The periodic check ([`check`]) and what it looks at: the Ctrl-C flag, a step budget,
//! and the memory limit. A SIGINT handler sets [`INTERRUPT`], and the next check turns it
//! into `KeyboardInterrupt`. The check runs at every backward jump and call (`eval/`) and,
//! through [`tick`], every few thousand rounds of long native loops. This file owns
//! the flag and the handler's installation (through `signal-hook`, so no unsafe code
//! here), the step budget (a fuzzed program runs under one: see `fuzz/`), and
//! [`exit_by_sigint`], CPython's way of ending after an uncaught `KeyboardInterrupt`.
//!
//! A second Ctrl-C that arrives while the flag is still set (nobody has taken it, for
//! example in a loop that never reaches a check) ends the process with the default
//! action, so a stuck program can always be stopped. The REPL's line editor reads Ctrl-C
//! as a key in raw mode, so the handler only sees the interrupts that arrive while code
//! runs.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::vm::{PyResult, Vm};

/// Set by the SIGINT handler (or [`request_interrupt`]), cleared by [`take_interrupt`].
pub static INTERRUPT: OnceLock<Arc<AtomicBool>> = OnceLock::new();

fn flag() -> &'static Arc<AtomicBool> {
    INTERRUPT.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

/// Asks the running code to stop with `KeyboardInterrupt` at its next check.
pub fn request_interrupt() {
    flag().store(true, Ordering::SeqCst);
}

/// Whether an interrupt is pending; clears it. The eval loop calls this at its
/// periodic checks and raises `KeyboardInterrupt` when it returns true.
#[inline]
pub fn take_interrupt() -> bool {
    match INTERRUPT.get() {
        Some(f) => f.load(Ordering::Relaxed) && f.swap(false, Ordering::SeqCst),
        None => false,
    }
}

/// Installs the SIGINT handler once per process; returns whether it is installed.
pub fn install_sigint_handler() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        let f = flag();
        // Registration order matters: the conditional default runs first, so a Ctrl-C
        // that finds the flag already set terminates instead of setting it again.
        signal_hook::flag::register_conditional_default(signal_hook::consts::SIGINT, Arc::clone(f))
            .is_ok()
            && signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(f)).is_ok()
    })
}

thread_local! {
    /// Steps left before [`check`] stops the program (`u64::MAX`: no budget). A step is
    /// one periodic check: a backward jump, a call, or a slice of a long native loop.
    static STEPS_LEFT: Cell<u64> = const { Cell::new(u64::MAX) };
}

thread_local! {
    /// Set while [`check`] builds its exception.
    static IN_CHECK: Cell<bool> = const { Cell::new(false) };
}

/// The message of the `KeyboardInterrupt` that ends a program whose step budget ran out.
pub const BUDGET_MESSAGE: &str = "mempy: step budget exhausted";

/// Gives the code run on this thread `steps` periodic checks (backward jumps, calls,
/// slices of native loops) before every further check raises `KeyboardInterrupt(
/// BUDGET_MESSAGE)`; `None` removes the budget. Once spent, the budget stays spent, so
/// a program that catches the exception is stopped again at its next check: it can only
/// run straight-line code, which ends.
pub fn set_step_budget(steps: Option<u64>) {
    STEPS_LEFT.with(|s| s.set(steps.unwrap_or(u64::MAX)));
}

/// Whether the step budget set by [`set_step_budget`] is spent.
pub fn budget_exhausted() -> bool {
    STEPS_LEFT.with(|s| s.get() == 0)
}

/// The periodic check, at every backward jump and call and every few thousand rounds of
/// a long native loop: a pending Ctrl-C raises `KeyboardInterrupt`, a spent step budget
/// `KeyboardInterrupt(BUDGET_MESSAGE)`, and memory held past `-X memlimit` `MemoryError`.
#[inline]
pub fn check(vm: &Vm) -> PyResult<()> {
    // Making the exception calls its type, a call that checks again: let that one pass.
    if IN_CHECK.with(|c| c.get()) {
        return Ok(());
    }
    IN_CHECK.with(|c| c.set(true));
    let r = check_now(vm);
    IN_CHECK.with(|c| c.set(false));
    r
}

fn check_now(vm: &Vm) -> PyResult<()> {
    if take_interrupt() {
        return Err(vm.new_exception(&vm.ctx.exc.keyboard_interrupt, vec![]));
    }
    let spent = STEPS_LEFT.with(|s| {
        let n = s.get();
        if n != u64::MAX {
            s.set(n.saturating_sub(1));
        }
        n == 0
    });
    if spent {
        let msg = vm.new_str(BUDGET_MESSAGE);
        return Err(vm.new_exception(&vm.ctx.exc.keyboard_interrupt, vec![msg]));
    }
    if crate::heap::memlimit::take_exceeded() {
        return Err(vm.new_memory_error());
    }
    Ok(())
}

thread_local! {
    /// Rounds of native loops since the last [`tick`] check.
    static ROUNDS: Cell<u32> = const { Cell::new(0) };
}

/// Rounds of a native loop between two checks in [`tick`].
pub const TICK_EVERY: u32 = 1 << 12;

/// One round of a long native loop (a range iterator feeding `sum`, `list`, `any`...):
/// runs [`check`] every [`TICK_EVERY`] rounds, so such a loop can be interrupted and
/// stays within a step budget.
#[inline]
pub fn tick(vm: &Vm) -> PyResult<()> {
    let n = ROUNDS.with(|r| {
        let n = r.get().wrapping_add(1);
        r.set(n);
        n
    });
    if n % TICK_EVERY == 0 {
        check(vm)
    } else {
        Ok(())
    }
}

/// Ends the process as CPython does after an uncaught `KeyboardInterrupt` (its traceback
/// already printed and the output flushed): SIGINT's default action, so the parent sees
/// a death by SIGINT (a shell prints status 130); exit status 130 if the signal did not
/// end the process.
pub fn exit_by_sigint() -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGINT);
    std::process::exit(130)
}
