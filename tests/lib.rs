//! Shared helpers of the golden-output harnesses (see `tests/README.md`): the
//! transcript format and how to run CPython 3.11 on a program.

use std::path::Path;
use std::process::Command;

/// What a run of a program shows a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

/// The snapshot text of a transcript.
pub fn render(t: &Transcript) -> String {
    format!(
        "exit status: {}\n--- stdout\n{}--- stderr\n{}",
        t.exit_code, t.stdout, t.stderr
    )
}

/// True when `python3` on PATH is CPython 3.11 (the oracle).
pub fn cpython_is_3_11() -> bool {
    Command::new("python3")
        .args([
            "-c",
            "import sys, platform; print(platform.python_implementation(), sys.version_info[:2])",
        ])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "CPython (3, 11)")
        .unwrap_or(false)
}

/// Runs `python3 <path>` from the program's folder, with a fixed hash seed.
pub fn run_cpython(path: &Path) -> Transcript {
    let dir = path.parent().unwrap_or(Path::new("."));
    let out = Command::new("python3")
        .arg(path)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env_remove("PYTHONMALLOC")
        .env_remove("PYTHONDEVMODE")
        .output()
        .expect("python3 could not be started");
    Transcript {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        exit_code: out.status.code().unwrap_or(-1),
    }
}

/// `text` with every hexadecimal address (`0x` and at least one hex digit) written
/// `0xADDR`, as the snapshots' filter does: addresses differ from run to run.
pub fn redact_addresses(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'0' && bytes.get(i + 1) == Some(&b'x') {
            let mut j = i + 2;
            while j < bytes.len() && bytes[j].is_ascii_hexdigit() {
                j += 1;
            }
            if j > i + 2 {
                out.push_str("0xADDR");
                i = j;
                continue;
            }
        }
        let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}
