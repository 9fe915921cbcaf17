//! Golden tests of the `mempy` command line: exit statuses and messages for `-c`, `-`,
//! piped stdin, a missing file, a bad option, `-V`, `-h`, `-i` and `-u`. The expected
//! texts are what `python3` (CPython 3.11) prints for the same habits, with `mempy` where
//! CPython names its executable.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `mempy ARGS` with `stdin` piped in.
fn mempy(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mempy"))
        .args(args)
        .env("HOME", std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mempy starts");
    if let Some(mut i) = child.stdin.take() {
        i.write_all(stdin.as_bytes()).expect("stdin written");
    }
    child.wait_with_output().expect("mempy ends")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn command_sets_argv_and_status() {
    let o = mempy(&["-c", "import sys; print(sys.argv)", "a", "-x", "-i"], "");
    assert_eq!(text(&o.stdout), "['-c', 'a', '-x', '-i']\n");
    assert_eq!(o.status.code(), Some(0));
    let o = mempy(&["-c", "raise SystemExit(3)"], "");
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(text(&o.stderr), "");
}

#[test]
fn command_exception_is_reported_with_string_filename() {
    let o = mempy(&["-c", "1/0"], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stderr), "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nZeroDivisionError: division by zero\n");
}

#[test]
fn dash_reads_the_program_from_stdin() {
    let o = mempy(&["-", "x", "y"], "import sys; print(sys.argv)\n");
    assert_eq!(text(&o.stdout), "['-', 'x', 'y']\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn piped_stdin_is_a_program_named_stdin() {
    let o = mempy(&[], "import sys\nprint(sys.argv)\nprint(1)\n");
    assert_eq!(text(&o.stdout), "['']\n1\n");
    assert_eq!(o.status.code(), Some(0));
    let o = mempy(&[], "x = 1\n1/0\n");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stderr), "Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\nZeroDivisionError: division by zero\n");
}

#[test]
fn missing_file_exits_2() {
    let o = mempy(&["/nonexistent/mempy-test.py"], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr), "mempy: can't open file '/nonexistent/mempy-test.py': [Errno 2] No such file or directory\n");
    assert_eq!(text(&o.stdout), "");
}

/// CPython's usage lines, with `mempy` where CPython names its executable.
const USAGE: &str = "usage: mempy [option] ... [-c cmd | file | -] [arg] ...\nTry `mempy -h' for more information.\n";

#[test]
fn usage_errors_exit_2_with_cpython_s_reason() {
    for (args, reason) in [
        (&["-Z"][..], "Unknown option: -Z"),
        (&["--bogus"][..], "unknown option --bogus"),
        (&["-c"][..], "Argument expected for the -c option"),
        (&["-X"][..], "Argument expected for the -X option"),
        (
            &["--heap-map"][..],
            "Argument expected for the --heap-map option",
        ),
        (
            &["--dump", "words", "x.py"][..],
            "invalid value 'words' for --dump (one of: tokens, ast, bytecode)",
        ),
    ] {
        let o = mempy(args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&o.stderr), format!("{reason}\n{USAGE}"), "{args:?}");
        assert_eq!(text(&o.stdout), "", "{args:?}");
    }
}

#[test]
fn version_and_help() {
    let o = mempy(&["-V"], "");
    assert_eq!(
        text(&o.stdout),
        format!("Python 3.11.7 (mempy {})\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(o.status.code(), Some(0));
    let o = mempy(&["-h"], "");
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        out.contains("Usage: mempy [OPTIONS] [-c CODE | FILE | -] [ARGS]..."),
        "{out}"
    );
    for flag in [
        "-c <CODE>",
        "-i ",
        "-u ",
        "-q ",
        "-V, --version",
        "--dump <STAGE>",
        "--heap-report",
        "--heap-map <FILE.svg>",
    ] {
        assert!(out.contains(flag), "{flag} missing from -h:\n{out}");
    }
}

#[test]
fn inspect_runs_the_repl_after_the_script_even_after_an_exception() {
    let o = mempy(&["-i", "-c", "x = 5"], "print(x)\nx + 1\n");
    assert_eq!(text(&o.stdout), "5\n6\n");
    assert_eq!(o.status.code(), Some(0));
    let o = mempy(&["-i", "-c", "x = 5; 1/0"], "print(x)\n");
    assert_eq!(text(&o.stdout), "5\n");
    assert!(text(&o.stderr).contains("ZeroDivisionError: division by zero\n"));
    assert_eq!(o.status.code(), Some(0));
    let o = mempy(&["-i", "-c", "raise SystemExit(3)"], "print(7)\n");
    assert_eq!(text(&o.stdout), "7\n");
    assert!(text(&o.stderr).contains("SystemExit: 3\n"));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn unbuffered_output_keeps_order_with_stderr() {
    let o = mempy(
        &[
            "-u",
            "-c",
            "import sys\nprint('out')\nprint('err', file=sys.stderr)",
        ],
        "",
    );
    assert_eq!(text(&o.stdout), "out\n");
    assert_eq!(text(&o.stderr), "err\n");
    assert_eq!(o.status.code(), Some(0));
}

/// `mempy.why` inside functions: the calling frame's locals are roots (named `local X`),
/// closure variables too; an object only a caller's frame keeps alive is found from
/// what running frames hold; a module global is found as before. (mempy-only output:
/// CPython has no `mempy` module, so the expected lines are the view's definition.)
#[test]
fn why_starts_from_frame_locals() {
    let program = r#"
import mempy, weakref
class Node: pass
def local_chain():
    box = {"item": Node()}
    print(mempy.why(box["item"]))
def closure():
    kept = [Node()]
    def inner():
        print(mempy.why(kept[0]))
    inner()
def probe(ref):
    print(mempy.why(ref()))
def caller():
    holder = [Node()]
    probe(weakref.ref(holder[0]))
local_chain()
closure()
caller()
g = [Node()]
print(mempy.why(g[0]))
print(mempy.why(Node()))
"#;
    let o = mempy(&["-c", program], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    // Each report ends with a newline and `print` adds one.
    let reports: Vec<&str> = out.split("\n\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(reports.len(), 5, "{out}");
    let expect = [
        (
            "is reachable in 1 step:",
            "  local box  (dict at 0x",
            "  └─ ['item'] → Node at 0x",
        ),
        (
            "is reachable in 1 step:",
            "  local kept  (list of 1 at 0x",
            "  └─ [0] → Node at 0x",
        ),
        (
            "is reachable in 1 step:",
            "  a running frame's local or stack slot (outside the heap)  (list of 1 at 0x",
            "  └─ [0] → Node at 0x",
        ),
        (
            "is reachable in 1 step:",
            "  __main__.g  (list of 1 at 0x",
            "  └─ [0] → Node at 0x",
        ),
        (
            "not reachable from any module global or running frame",
            "only temporary references",
            "Node at 0x",
        ),
    ];
    for (report, parts) in reports.iter().zip(expect) {
        for part in [parts.0, parts.1, parts.2] {
            assert!(report.contains(part), "{part:?} missing from:\n{report}");
        }
    }
}
