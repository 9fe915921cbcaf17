//! Golden-output harness: every `tests/programs/**/*.py` is a test.
//!
//! For each program the harness runs mempy in-process (`mempy_driver::run_file_captured`)
//! and renders a transcript (exit status, stdout, stderr) that is compared with an insta
//! snapshot. The snapshots are CPython 3.11's transcripts: `scripts/golden` regenerates
//! them by running this same harness with `MEMPY_GOLDEN=cpython`, which snapshots
//! python3's run instead of mempy's, so an expected output is never blessed from mempy.
//!
//! When `python3` is CPython 3.11 the harness also runs it live and fails if stdout, the
//! exit status or the last stderr line differ from mempy's, unless the program's first
//! line is `# differs: <reason>`. Files whose name starts with `_` are helper modules
//! imported by other programs, not tests.

use std::path::Path;

use mempy_tests::{cpython_is_3_11, redact_addresses, render, run_cpython, Transcript};

fn run_mempy(path: &Path) -> Transcript {
    let opts = mempy_driver::RunOptions {
        argv: vec![path.display().to_string()],
        ..Default::default()
    };
    let t = mempy_driver::run_file_captured(path, &opts);
    Transcript {
        stdout: t.stdout,
        stderr: t.stderr,
        exit_code: t.exit_code,
    }
}

#[test]
fn programs() {
    let golden_from_cpython = std::env::var("MEMPY_GOLDEN").as_deref() == Ok("cpython");
    let live = cpython_is_3_11();
    let programs_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("programs");
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        &regex_escape(&programs_dir.display().to_string()),
        "$PROGRAMS",
    );
    settings.add_filter(r"0x[0-9a-fA-F]+", "0xADDR");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("programs/**/*.py", |path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('_') {
                return;
            }
            if golden_from_cpython {
                insta::assert_snapshot!(render(&run_cpython(path)));
                return;
            }
            let mine = run_mempy(path);
            let source = std::fs::read_to_string(path).unwrap_or_default();
            let differs = source
                .lines()
                .next()
                .is_some_and(|l| l.starts_with("# differs:"));
            if live && !differs {
                let theirs = run_cpython(path);
                let last = |s: &str| s.lines().last().map(str::to_owned);
                assert_eq!(
                    redact_addresses(&mine.stdout),
                    redact_addresses(&theirs.stdout),
                    "stdout differs from CPython for {}",
                    path.display()
                );
                assert_eq!(
                    mine.exit_code,
                    theirs.exit_code,
                    "exit status differs from CPython for {}",
                    path.display()
                );
                assert_eq!(
                    last(&mine.stderr).map(|l| redact_addresses(&l)),
                    last(&theirs.stderr).map(|l| redact_addresses(&l)),
                    "last stderr line differs from CPython for {}",
                    path.display()
                );
            }
            insta::assert_snapshot!(render(&mine));
        });
    });
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
