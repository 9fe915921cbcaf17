//! Runs the parser over every `.py` file of the golden corpus (`tests/programs/`
//! at the workspace root) and checks it against CPython's own parser: files
//! `ast.parse` accepts must parse, and files it rejects must fail with the same
//! class, message and line. `ast.parse` (not `compile`) is the oracle because
//! checks such as `return` outside a function belong to the compiler.
//!
//! It also feeds prefixes and mutations of every file to `parse` to check that no
//! input makes the parser panic or overflow its stack.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// CPython's verdict for each file: `OK` or `Class|message|line`.
fn cpython_verdicts(files: &[PathBuf]) -> Option<Vec<String>> {
    let script = r#"
import ast, sys, warnings
warnings.simplefilter("ignore")
for path in sys.argv[1:]:
    try:
        ast.parse(open(path, "rb").read())
        print("OK")
    except SyntaxError as e:
        print(f"{type(e).__name__}|{e.msg}|{e.lineno}".replace("\n", " "))
    except (RecursionError, MemoryError) as e:
        print(type(e).__name__)
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(files)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    Some(text.lines().map(str::to_string).collect())
}

fn mempy_verdict(src: &str) -> String {
    match mempy_parser::parse(src) {
        Ok(_) => "OK".to_string(),
        Err(e) => {
            let line = mempy_ast::LineIndex::new(src).line_col(e.span.start).line;
            format!("{}|{}|{line}", e.class_name(), e.message())
        }
    }
}

#[test]
fn corpus_agrees_with_cpython() {
    let files = corpus();
    let Some(verdicts) = cpython_verdicts(&files) else {
        eprintln!("python3 is not available: skipping the CPython comparison");
        return;
    };
    let mut failures = Vec::new();
    for (path, want) in files.iter().zip(&verdicts) {
        let src = std::fs::read_to_string(path).unwrap_or_default();
        let got = mempy_verdict(&src);
        if &got != want {
            failures.push(format!("{}: got {got}, want {want}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn prefixes_and_mutations_never_panic() {
    const PIECES: &[&str] = &[
        "(", ")", "[", "]", "{", "}", "'", "\"", "\"\"\"", "\\", "\n", "\t", " ", ":", "=", ",",
        "*", "f'{", "}", "#", "\r", "é", "lambda", "if", "else", "yield", ".", "0x", "1_",
    ];
    let mut rng = Lcg(42);
    for path in corpus() {
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        let cuts: Vec<usize> = (0..=src.len())
            .filter(|&i| src.is_char_boundary(i))
            .collect();
        // Every line boundary and a sample of other cut points.
        for (k, &cut) in cuts.iter().enumerate() {
            if k % 7 == 0 || src[..cut].ends_with('\n') {
                let _ = mempy_parser::parse(&src[..cut]);
            }
        }
        for _ in 0..40 {
            let at = cuts[rng.next(cuts.len())];
            let mut mutated = src.clone();
            match rng.next(3) {
                0 => mutated.insert_str(at, PIECES[rng.next(PIECES.len())]),
                1 => {
                    let end = cuts
                        [(cuts.partition_point(|&c| c <= at) + rng.next(4)).min(cuts.len() - 1)];
                    mutated.replace_range(at..end.max(at), "");
                }
                _ => {
                    let piece = PIECES[rng.next(PIECES.len())];
                    mutated.insert_str(at, &piece.repeat(1 + rng.next(300)));
                }
            }
            let _ = mempy_parser::parse(&mutated);
        }
    }
}
