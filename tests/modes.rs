//! The golden suite again, in the modes that must not change what a program prints:
//! every `tests/programs/**/*.py` (helpers `_*.py` aside) is run in-process under mempy
//! and its transcript must equal the program's snapshot (CPython 3.11's transcript, see
//! `programs.rs`) in each of these passes:
//!
//! - `stress`: `-X gcstress` (a collection at every gc allocation, `heap/stress.rs`)
//!   on the debug allocator, whose poisoned freed memory makes a premature free show;
//! - `debug_allocator`: `PYTHONMALLOC=debug` (CPython's debug hooks: fill bytes, guard
//!   bytes, checked frees);
//! - `leak_check`: `-X showrefcount`, whose `[N refs, M blocks]` line after teardown
//!   must say `0 refs, 0 blocks`: nothing the program allocated outlives it.
//!
//! The runs of a pass go to a few worker threads (each run is on a fresh VM thread with
//! its own heap), one per core, shared by the three tests. A program that legitimately
//! differs in a mode goes in that mode's exclusion list with its reason.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use mempy_driver::RunOptions;
use mempy_tests::{render, Transcript};

/// Programs left out of the stress pass, with the reason (none so far: stress
/// collections restore every count the gc module reports).
const STRESS_EXCLUDED: &[(&str, &str)] = &[];
/// Programs left out of the debug-allocator pass, with the reason.
const DEBUG_EXCLUDED: &[(&str, &str)] = &[];
/// Programs left out of the leak check, with the reason.
const LEAK_EXCLUDED: &[(&str, &str)] = &[];

#[derive(Clone, Copy, Debug)]
enum Mode {
    Stress,
    DebugAllocator,
    LeakCheck,
}

impl Mode {
    fn options(self, path: &Path) -> RunOptions {
        let mut opts = RunOptions {
            argv: vec![path.display().to_string()],
            ..Default::default()
        };
        match self {
            Mode::Stress => {
                opts.gc_stress = true;
                opts.malloc_mode = Some(mempy_driver::MallocMode::PymallocDebug);
            }
            Mode::DebugAllocator => {
                opts.malloc_mode = Some(mempy_driver::MallocMode::PymallocDebug);
            }
            Mode::LeakCheck => opts.show_refcount = true,
        }
        opts
    }

    fn excluded(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Mode::Stress => STRESS_EXCLUDED,
            Mode::DebugAllocator => DEBUG_EXCLUDED,
            Mode::LeakCheck => LEAK_EXCLUDED,
        }
    }
}

#[test]
fn stress() {
    run_pass(Mode::Stress);
}

#[test]
fn debug_allocator() {
    run_pass(Mode::DebugAllocator);
}

#[test]
fn leak_check() {
    run_pass(Mode::LeakCheck);
}

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs")
}

/// Every program, as (path relative to `programs/`, absolute path), sorted.
fn programs() -> Vec<(String, PathBuf)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "py")
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('_'))
            {
                out.push(p);
            }
        }
    }
    let root = programs_dir();
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut out: Vec<(String, PathBuf)> = files
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(&root).ok()?.to_str()?.replace('\\', "/");
            Some((rel, p))
        })
        .collect();
    out.sort();
    out
}

/// The snapshot body of a program (what follows insta's header).
fn snapshot(rel: &str) -> Option<String> {
    let name = format!("programs@{}.snap", rel.replace('/', "__"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(name);
    let text = std::fs::read_to_string(path).ok()?;
    let body = text.strip_prefix("---\n")?;
    let end = body.find("\n---\n")?;
    Some(body[end + 5..].to_string())
}

/// The transcript as the snapshots show it: addresses redacted, the programs folder
/// removed (`programs.rs` asks insta to replace it with `$PROGRAMS`, a regex replacement
/// in which `$PROGRAMS` names an absent group, hence the empty string).
fn redact(text: &str) -> String {
    mempy_tests::redact_addresses(&text.replace(&programs_dir().display().to_string(), ""))
}

/// At most one run per core at a time, across the three tests.
struct Slots {
    free: Mutex<usize>,
    cv: Condvar,
}

static SLOTS: Slots = Slots {
    free: Mutex::new(0),
    cv: Condvar::new(),
};
static SLOTS_INIT: std::sync::Once = std::sync::Once::new();

fn with_slot<R>(f: impl FnOnce() -> R) -> R {
    SLOTS_INIT.call_once(|| {
        let n = std::thread::available_parallelism().map_or(2, |n| n.get());
        *SLOTS.free.lock().unwrap_or_else(|e| e.into_inner()) = n;
    });
    {
        let mut free = SLOTS.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            free = SLOTS.cv.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
    }
    let r = f();
    *SLOTS.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
    SLOTS.cv.notify_one();
    r
}

/// Runs one program in `mode`; `Err` says how it differs.
fn check(mode: Mode, rel: &str, path: &Path) -> Result<(), String> {
    let expected = snapshot(rel).ok_or_else(|| format!("{rel}: no snapshot"))?;
    let t = with_slot(|| mempy_driver::run_file_captured(path, &mode.options(path)));
    let mut t = Transcript {
        stdout: t.stdout,
        stderr: t.stderr,
        exit_code: t.exit_code,
    };
    if let Mode::LeakCheck = mode {
        let last = t.stderr.lines().last().unwrap_or("").to_string();
        if last != "[0 refs, 0 blocks]" {
            return Err(format!(
                "{rel}: -X showrefcount ends with {last:?}, not \"[0 refs, 0 blocks]\""
            ));
        }
        t.stderr.truncate(t.stderr.len() - last.len() - 1);
    }
    let got = redact(&render(&t));
    if got.trim_end() == expected.trim_end() {
        Ok(())
    } else {
        Err(format!(
            "{rel}: transcript differs from the snapshot\n--- expected\n{}\n--- got\n{}",
            expected.trim_end(),
            got.trim_end()
        ))
    }
}

fn run_pass(mode: Mode) {
    let excluded = mode.excluded();
    let jobs: VecDeque<(String, PathBuf)> = programs()
        .into_iter()
        .filter(|(rel, _)| !excluded.iter().any(|(e, _)| e == rel))
        .collect();
    assert!(jobs.len() > 100, "the golden programs were not found");
    let total = jobs.len();
    let jobs = Mutex::new(jobs);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                let Some((rel, path)) = job else { break };
                if let Err(e) = check(mode, &rel, &path) {
                    failures.lock().unwrap_or_else(|e| e.into_inner()).push(e);
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {total} programs differ in mode {mode:?}:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
