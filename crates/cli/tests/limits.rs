//! Limits, signals, pipes and bad input through the `mempy` command, where the golden
//! programs can't go: SIGINT sent to a running child, a reader that closes the pipe,
//! `-X memlimit`, source files that are not valid UTF-8 or hold NUL bytes. Expected texts
//! and statuses are what `python3` (CPython 3.11.7) gives for the same programs, with
//! `mempy` where CPython names itself; where CPython can't be interrupted (a native
//! `sum(range(...))`) the test says so and checks mempy alone.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_mempy"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mempy starts")
}

fn run(args: &[&str]) -> Output {
    spawn(args).wait_with_output().expect("mempy ends")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A file under the temporary folder holding `bytes`, unique to this test process.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let p = std::env::temp_dir().join(format!("mempy-limits-{}-{name}", std::process::id()));
    std::fs::write(&p, bytes).expect("temp file written");
    p
}

/// Runs `code` with `-c`, waits until it printed `ready` (so the loop is running), sends
/// SIGINT, and returns what it printed. Fails if the child outlives 60 seconds.
fn interrupt(code: &str) -> Output {
    let mut child = spawn(&["-u", "-c", code]);
    let mut out = child.stdout.take().expect("stdout piped");
    let mut seen = Vec::new();
    let mut buf = [0u8; 64];
    while !seen.ends_with(b"ready\n") {
        let n = out.read(&mut buf).expect("stdout readable");
        assert!(n > 0, "the program ended before it was ready");
        seen.extend_from_slice(&buf[..n]);
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let start = Instant::now();
    loop {
        if child.try_wait().expect("child waitable").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("SIGINT did not stop the program");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    out.read_to_end(&mut seen).expect("stdout read");
    let mut o = child.wait_with_output().expect("mempy ends");
    o.stdout = seen;
    o
}

/// CPython's end after an uncaught KeyboardInterrupt: the traceback, then death by SIGINT.
fn assert_killed_by_sigint(o: &Output) {
    assert_eq!(o.status.code(), None, "{o:?}");
    assert_eq!(o.status.signal(), Some(2), "{o:?}");
}

#[test]
fn sigint_in_a_loop_runs_finally_blocks_and_ends_by_sigint() {
    let o = interrupt("x = 0\nprint('ready')\ntry:\n    while True:\n        x += 1\nfinally:\n    print('finally')\n");
    assert_eq!(text(&o.stdout), "ready\nfinally\n");
    assert_eq!(
        text(&o.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 4, in <module>\nKeyboardInterrupt\n"
    );
    assert_killed_by_sigint(&o);
}

#[test]
fn sigint_can_be_caught() {
    let o = interrupt("print('ready')\ntry:\n    for i in range(10**12):\n        pass\nexcept KeyboardInterrupt:\n    print('caught')\n");
    assert_eq!(text(&o.stdout), "ready\ncaught\n");
    assert_eq!(text(&o.stderr), "");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn sigint_interrupts_time_sleep() {
    let o = interrupt("import time\nprint('ready')\ntime.sleep(100)\n");
    assert_eq!(
        text(&o.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 3, in <module>\nKeyboardInterrupt\n"
    );
    assert_killed_by_sigint(&o);
}

/// CPython's `sum` over a range never checks for signals (it runs to the end); mempy's
/// range iterator does, so the loop stops at the interrupt.
#[test]
fn sigint_interrupts_a_native_loop_over_a_range() {
    let o = interrupt("print('ready')\nsum(range(10**15))\n");
    assert_eq!(
        text(&o.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\nKeyboardInterrupt\n"
    );
    assert_killed_by_sigint(&o);
}

#[test]
fn keyboard_interrupt_raised_by_the_program_ends_by_sigint_too() {
    let o = run(&["-c", "raise KeyboardInterrupt"]);
    assert_eq!(
        text(&o.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nKeyboardInterrupt\n"
    );
    assert_killed_by_sigint(&o);
}

#[test]
fn writing_to_a_closed_pipe_is_a_broken_pipe_error() {
    let prog = temp_file("pipe.py", b"for i in range(100000):\n    print(i)\n");
    let mut child = spawn(&[prog.to_str().unwrap()]);
    let mut out = child.stdout.take().expect("stdout piped");
    let mut first = [0u8; 2];
    out.read_exact(&mut first).expect("first line");
    assert_eq!(&first, b"0\n");
    drop(out);
    let o = child.wait_with_output().expect("mempy ends");
    let _ = std::fs::remove_file(&prog);
    assert_eq!(
        text(&o.stderr),
        format!(
            "Traceback (most recent call last):\n  File \"{}\", line 2, in <module>\n    print(i)\nBrokenPipeError: [Errno 32] Broken pipe\n",
            prog.display()
        )
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn memlimit_raises_a_catchable_memory_error_and_the_program_goes_on() {
    let code = "\
held = []
try:
    while True:
        held.append([0] * 10000)
except MemoryError:
    n = len(held)
    del held
print('caught after', 'many' if n > 100 else n, 'chunks')
try:
    [0] * 10**8
except MemoryError:
    print('caught at once')
again = [[0] * 1000 for _ in range(1000)]
print('allocates again', len(again))
";
    let o = run(&["-X", "memlimit=64M", "-c", code]);
    assert_eq!(
        text(&o.stdout),
        "caught after many chunks\ncaught at once\nallocates again 1000\n"
    );
    assert_eq!(text(&o.stderr), "");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn memlimit_uncaught_is_a_memory_error_traceback() {
    let o = run(&["-X", "memlimit=32M", "-c", "s = 'x' * (100 * 2**20)"]);
    assert_eq!(
        text(&o.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nMemoryError\n"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn memlimit_accepts_plain_bytes_and_rejects_nonsense() {
    let o = run(&["-X", "memlimit=1000000000", "-c", "print(len([0] * 1000))"]);
    assert_eq!(text(&o.stdout), "1000\n");
    let o = run(&["-X", "memlimit=lots", "-c", "pass"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "mempy: -X memlimit: invalid size 'lots' (bytes, or a number with K, M, G or T)\n"
    );
}

#[test]
fn non_utf8_source_is_cpythons_syntax_error() {
    let p = temp_file("latin1.py", b"x = '\xff\xfe'\nprint(x)\n");
    let o = run(&[p.to_str().unwrap()]);
    let _ = std::fs::remove_file(&p);
    assert_eq!(
        text(&o.stderr),
        format!(
            "SyntaxError: Non-UTF-8 code starting with '\\xff' in file {} on line 1, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n",
            p.display()
        )
    );
    assert_eq!(text(&o.stdout), "");
    assert_eq!(o.status.code(), Some(1));
}

/// A NUL byte: CPython names its line and shows the text before it, without a caret.
#[test]
fn nul_byte_in_source_is_cpythons_syntax_error() {
    let p = temp_file("nul.py", b"a = 1\nb = 2\nx = 1\x00y\nprint(x)\n");
    let o = run(&[p.to_str().unwrap()]);
    let _ = std::fs::remove_file(&p);
    assert_eq!(
        text(&o.stderr),
        format!(
            "  File \"{}\", line 3\n    x = 1\nSyntaxError: source code cannot contain null bytes\n",
            p.display()
        )
    );
    assert_eq!(text(&o.stdout), "");
    assert_eq!(o.status.code(), Some(1));
}

/// Nesting the parser and compiler refuse, with CPython's messages.
#[test]
fn deep_nesting_in_source_is_cpythons_error() {
    let parens = format!("x = {}1{}\n", "(".repeat(1000), ")".repeat(1000));
    let p = temp_file("parens.py", parens.as_bytes());
    let o = run(&[p.to_str().unwrap()]);
    let _ = std::fs::remove_file(&p);
    assert!(
        text(&o.stderr).ends_with("SyntaxError: too many nested parentheses\n"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(1));

    let mut blocks = String::new();
    for i in 0..25 {
        blocks.push_str(&" ".repeat(i));
        blocks.push_str("for x in y:\n");
    }
    blocks.push_str(&" ".repeat(25));
    blocks.push_str("pass\n");
    let p = temp_file("blocks.py", blocks.as_bytes());
    let o = run(&[p.to_str().unwrap()]);
    let _ = std::fs::remove_file(&p);
    assert!(
        text(&o.stderr).ends_with("SyntaxError: too many statically nested blocks\n"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(1));
}

/// Tests run as root here, where a file without read permission is still readable: the
/// PermissionError case is checked only for other users.
#[test]
fn open_of_an_unreadable_file_is_a_permission_error() {
    let id = Command::new("id").arg("-u").output().expect("id runs");
    if text(&id.stdout).trim() == "0" {
        eprintln!("skipped: running as root, which may read any file");
        return;
    }
    let p = temp_file("secret.txt", b"x");
    let status = Command::new("chmod")
        .args(["000", p.to_str().unwrap()])
        .status()
        .expect("chmod runs");
    assert!(status.success());
    let o = run(&["-c", &format!("open({:?})", p.to_str().unwrap())]);
    let _ = std::fs::remove_file(&p);
    assert!(text(&o.stderr).ends_with(&format!(
        "PermissionError: [Errno 13] Permission denied: '{}'\n",
        p.display()
    )));
}
