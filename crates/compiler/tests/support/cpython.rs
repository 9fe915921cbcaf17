//! What the two CPython-agreement tests (`cpython_shape.rs`, `cpython_positions.rs`)
//! share: whether `python3` is CPython 3.11, the list of golden programs, and running
//! one of the `support/*.py` probe scripts on a program.

use std::path::{Path, PathBuf};
use std::process::Command;

/// True when `python3` is CPython 3.11, the oracle these tests compare with.
pub fn python311() -> bool {
    Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11)"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Every `.py` file under `tests/programs` and `tests/bytecode`, sorted.
pub fn golden_programs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(Path::new("../../tests/programs"), &mut files);
    collect(Path::new("../../tests/bytecode"), &mut files);
    files.sort();
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

/// Runs `python3 <probe> <program>` and returns its stdout, or `None` when CPython
/// itself rejects the program.
pub fn probe(probe: &str, program: &Path) -> Option<String> {
    let out = Command::new("python3")
        .arg(probe)
        .arg(program)
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
