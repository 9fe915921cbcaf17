//! The debug hooks catch each kind of corruption with CPython's report and abort the process.
//!
//! Each scenario runs in a child: the test re-executes this test binary, filtered to
//! `scenario_child`, with `PYMALLOC_SCENARIO` naming what to break. The child prints the
//! address it will corrupt on stdout, then makes the fatal call; the parent checks that the
//! child died of SIGABRT and compares stderr with the text CPython prints for that address.

use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use std::ptr::NonNull;

use mempy_pymalloc::{Allocator, Domain, Mode};

const VAR: &str = "PYMALLOC_SCENARIO";

fn announce(p: NonNull<u8>) {
    println!("P={:#x}", p.as_ptr() as usize);
}

fn traceback(out: &mut dyn std::io::Write) {
    let _ = writeln!(
        out,
        "Current thread 0x00007f0000000000 (most recent call first):"
    );
    let _ = writeln!(out, "  File \"<script>\", line 17 in <module>");
}

/// Runs the scenario named in the environment; never returns when it is one.
fn run_scenario(name: &str) {
    let mode = if name.starts_with("malloc_") {
        Mode::MallocDebug
    } else {
        Mode::PymallocDebug
    };
    let a = Allocator::new(mode);
    let p = a.malloc(Domain::Object, 10).unwrap();
    // SAFETY: each arm deliberately corrupts or misuses the debug block `p` (whose 24 bytes of
    // decoration are readable and writable), which is what the hooks must catch.
    unsafe {
        match name {
            "trailing" | "malloc_trailing" => {
                p.as_ptr().add(10).write(0x41);
                announce(p);
                a.free(Domain::Object, p);
            }
            "leading" => {
                p.as_ptr().sub(1).write(0x41);
                announce(p);
                a.free(Domain::Object, p);
            }
            "mismatch_mem" => {
                announce(p);
                a.free(Domain::Mem, p);
            }
            "mismatch_raw" => {
                let r = a.malloc(Domain::Raw, 10).unwrap();
                announce(r);
                a.free(Domain::Object, r);
            }
            "double_free" => {
                announce(p);
                a.free(Domain::Object, p);
                a.free(Domain::Object, p);
            }
            "realloc_trailing" => {
                p.as_ptr().add(12).write(0x00);
                announce(p);
                let _ = a.realloc(Domain::Object, p, 100);
            }
            "hook" => {
                a.set_fatal_error_hook(Some(traceback));
                p.as_ptr().add(10).write(0x41);
                announce(p);
                a.free(Domain::Object, p);
            }
            other => panic!("unknown scenario {other}"),
        }
    }
    // Reaching this line means the hooks missed the corruption.
    std::process::exit(3);
}

#[test]
fn scenario_child() {
    if let Ok(name) = std::env::var(VAR) {
        run_scenario(&name);
    }
}

/// Runs a scenario in a child process; returns the corrupted address and the child's stderr.
fn child(name: &str) -> (usize, Vec<u8>) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args([
            "scenario_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(VAR, name)
        .output()
        .unwrap();
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGABRT),
        "{name}: child should abort; status {:?}, stderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The harness may print "test scenario_child ... " on the same line.
    let hex = stdout
        .lines()
        .find_map(|l| l.split_once("P=0x").map(|(_, hex)| hex))
        .expect("child announced its address");
    let p = usize::from_str_radix(hex.trim(), 16).unwrap();
    (p, out.stderr)
}

fn text(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr).into_owned()
}

#[test]
#[cfg_attr(miri, ignore)]
fn trailing_pad_overwrite_prints_cpythons_report() {
    let (p, err) = child("trailing");
    let expected = format!(
        "Debug memory block at address p={p:#x}: API 'o'\n\
         \x20   10 bytes originally requested\n\
         \x20   The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.\n\
         \x20   The 8 pad bytes at tail={:#x} are not all FORBIDDENBYTE (0xfd):\n\
         \x20       at tail+0: 0x41 *** OUCH\n\
         \x20       at tail+1: 0xfd\n\
         \x20       at tail+2: 0xfd\n\
         \x20       at tail+3: 0xfd\n\
         \x20       at tail+4: 0xfd\n\
         \x20       at tail+5: 0xfd\n\
         \x20       at tail+6: 0xfd\n\
         \x20       at tail+7: 0xfd\n\
         \x20   Data at p: cd cd cd cd cd cd cd cd cd cd\n\
         \n\
         Enable tracemalloc to get the memory block allocation traceback\n\
         \n\
         Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte\n\
         Python runtime state: initialized\n\
         \n",
        p + 10
    );
    assert_eq!(text(&err), expected);
}

#[test]
#[cfg_attr(miri, ignore)]
fn malloc_debug_catches_the_same_overrun() {
    let (p, err) = child("malloc_trailing");
    let err = text(&err);
    assert!(err.starts_with(&format!(
        "Debug memory block at address p={p:#x}: API 'o'\n"
    )));
    assert!(err.contains("        at tail+0: 0x41 *** OUCH\n"));
    assert!(err.contains("Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte\n"));
}

#[test]
#[cfg_attr(miri, ignore)]
fn leading_pad_overwrite_warns_about_the_size() {
    let (p, err) = child("leading");
    let expected = format!(
        "Debug memory block at address p={p:#x}: API 'o'\n\
         \x20   10 bytes originally requested\n\
         \x20   The 7 pad bytes at p-7 are not all FORBIDDENBYTE (0xfd):\n\
         \x20       at p-7: 0xfd\n\
         \x20       at p-6: 0xfd\n\
         \x20       at p-5: 0xfd\n\
         \x20       at p-4: 0xfd\n\
         \x20       at p-3: 0xfd\n\
         \x20       at p-2: 0xfd\n\
         \x20       at p-1: 0x41 *** OUCH\n\
         \x20   Because memory is corrupted at the start, the count of bytes requested\n\
         \x20      may be bogus, and checking the trailing pad bytes may segfault.\n\
         \x20   The 8 pad bytes at tail={:#x} are FORBIDDENBYTE, as expected.\n\
         \x20   Data at p: cd cd cd cd cd cd cd cd cd cd\n\
         \n\
         Enable tracemalloc to get the memory block allocation traceback\n\
         \n\
         Fatal Python error: _PyMem_DebugRawFree: bad leading pad byte\n\
         Python runtime state: initialized\n\
         \n",
        p + 10
    );
    assert_eq!(text(&err), expected);
}

#[test]
#[cfg_attr(miri, ignore)]
fn api_mismatch_names_both_apis() {
    let (p, err) = child("mismatch_mem");
    let err = text(&err);
    assert!(err.starts_with(&format!(
        "Debug memory block at address p={p:#x}: API 'o'\n"
    )));
    assert!(err.contains("    The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.\n"));
    assert!(err.contains("are FORBIDDENBYTE, as expected.\n    Data at p: cd"));
    assert!(err.ends_with(
        "Fatal Python error: _PyMem_DebugRawFree: bad ID: Allocated using API 'o', \
         verified using API 'm'\nPython runtime state: initialized\n\n"
    ));

    let (p, err) = child("mismatch_raw");
    let err = text(&err);
    assert!(err.starts_with(&format!(
        "Debug memory block at address p={p:#x}: API 'r'\n"
    )));
    assert!(err.contains(
        "Fatal Python error: _PyMem_DebugRawFree: bad ID: Allocated using API 'r', \
         verified using API 'o'\n"
    ));
}

#[test]
#[cfg_attr(miri, ignore)]
fn double_free_reads_dead_bytes_as_the_api_id() {
    let (p, err) = child("double_free");
    let mut head = format!("Debug memory block at address p={p:#x}: API '").into_bytes();
    head.push(0xDD);
    head.extend_from_slice(b"'\n");
    assert!(err.starts_with(&head), "{}", text(&err));
    let mut fatal =
        b"Fatal Python error: _PyMem_DebugRawFree: bad ID: Allocated using API '".to_vec();
    fatal.push(0xDD);
    fatal.extend_from_slice(b"', verified using API 'o'\n");
    assert!(
        err.windows(fatal.len()).any(|w| w == fatal),
        "{}",
        text(&err)
    );
    let err = text(&err);
    // The freed pad bytes are all DEADBYTE.
    assert!(err.contains("        at p-1: 0xdd *** OUCH\n"), "{err}");
}

#[test]
#[cfg_attr(miri, ignore)]
fn realloc_checks_too() {
    let (_, err) = child("realloc_trailing");
    let err = text(&err);
    assert!(err.contains("        at tail+2: 0x00 *** OUCH\n"), "{err}");
    assert!(err.contains("Fatal Python error: _PyMem_DebugRawRealloc: bad trailing pad byte\n"));
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_vm_hook_appends_its_traceback() {
    let (_, err) = child("hook");
    assert!(text(&err).ends_with(
        "Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte\n\
         Python runtime state: initialized\n\
         \n\
         Current thread 0x00007f0000000000 (most recent call first):\n\
         \x20 File \"<script>\", line 17 in <module>\n"
    ));
}
