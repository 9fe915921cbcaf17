//! The Ctrl-C flag: a SIGINT handler sets [`INTERRUPT`], and the eval loop turns it into
//! `KeyboardInterrupt` at its next check ([`take_interrupt`]). This file owns the flag
//! and the handler's installation (through `signal-hook`, so no unsafe code here); it does
//! not raise anything itself: the check lives in `eval/`.
//!
//! A second Ctrl-C that arrives while the flag is still set (nobody has taken it, for
//! example in a loop that never reaches a check) ends the process with the default
//! action, so a stuck program can always be stopped. The REPL's line editor reads Ctrl-C
//! as a key in raw mode, so the handler only sees the interrupts that arrive while code
//! runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

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
