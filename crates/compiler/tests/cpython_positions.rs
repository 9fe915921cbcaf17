//! Compares the source positions of the instructions that can raise (calls,
//! operators, attribute and subscript access, name loads, imports, unpacking) with
//! CPython's `co_positions()`, for every golden program: tracebacks print the
//! source line and the `^~~` markers from these positions. Skipped when `python3`
//! is not CPython 3.11.

use std::path::{Path, PathBuf};
use std::process::Command;

use mempy_bytecode::{CodeObject, Instruction};

fn python311() -> bool {
    Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11)"])
        .status()
        .is_ok_and(|s| s.success())
}

fn programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            programs(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

fn positions(code: &CodeObject, out: &mut Vec<String>) {
    out.push(format!("== {}", code.qualname));
    for (instr, loc) in code.instructions.iter().zip(&code.locations) {
        use Instruction::*;
        let (name, arg) = match *instr {
            Call(_) | CallKw(_) | CallMethod(_) => ("CALL", String::new()),
            CallEx { .. } => ("CALL_FUNCTION_EX", String::new()),
            LoadAttr(i) | LoadMethod(i) => ("LOAD_ATTR", code.names[i as usize].clone()),
            StoreAttr(i) | DeleteAttr(i) | ImportName(i) | ImportFrom(i) | LoadGlobal(i)
            | LoadName(i) => (instr.opname(), code.names[i as usize].clone()),
            LoadFast(i) => (instr.opname(), code.varnames[i as usize].clone()),
            LoadDeref(i) => {
                let all: Vec<&String> = code.cellvars.iter().chain(&code.freevars).collect();
                (instr.opname(), all[i as usize].clone())
            }
            BinaryOp(_)
            | BinarySubscr
            | CompareOp(_)
            | ContainsOp(_)
            | StoreSubscr
            | DeleteSubscr
            | RaiseVarargs(_)
            | UnpackSequence(_)
            | UnpackEx { .. }
            | GetIter
            | FormatValue { .. }
            | UnaryOp(_)
            | BuildSlice(_)
            | ForIter(_) => (instr.opname(), String::new()),
            _ => continue,
        };
        if matches!(instr, UnaryOp(mempy_bytecode::UnaryOperator::Not)) {
            continue;
        }
        out.push(format!(
            "{name} {arg} {}:{}-{}:{}",
            loc.line, loc.col, loc.end_line, loc.end_col
        ));
    }
    for c in code.nested_code() {
        positions(c, out);
    }
}

#[test]
fn raising_instructions_have_cpython_positions() {
    if !python311() {
        eprintln!("python3 is not CPython 3.11: skipped");
        return;
    }
    let mut files = Vec::new();
    programs(Path::new("../../tests/programs"), &mut files);
    programs(Path::new("../../tests/bytecode"), &mut files);
    files.sort();
    let mut failures = Vec::new();
    let mut compared = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        let Ok(Ok(module)) = std::panic::catch_unwind(|| mempy_parser::parse(&source)) else {
            continue;
        };
        let expected = Command::new("python3")
            .arg("tests/support/positions.py")
            .arg(file)
            .output()
            .unwrap();
        if !expected.status.success() {
            continue;
        }
        let Ok(code) =
            mempy_compiler::compile(&module, &source, "<test>", mempy_compiler::Mode::Module)
        else {
            continue;
        };
        let mut ours = Vec::new();
        positions(&code, &mut ours);
        let theirs = String::from_utf8_lossy(&expected.stdout);
        let theirs: Vec<&str> = theirs.lines().map(|l| l.trim_end()).collect();
        let ours: Vec<String> = ours.iter().map(|l| l.trim_end().to_string()).collect();
        compared += 1;
        if ours != theirs {
            let first = ours
                .iter()
                .zip(theirs.iter())
                .position(|(a, b)| a != b)
                .unwrap_or(ours.len().min(theirs.len()));
            let lo = first.saturating_sub(2);
            let mut msg = format!("{}: first difference at entry {first}\n", file.display());
            for i in lo..(first + 3) {
                msg.push_str(&format!(
                    "  mempy:   {}\n  cpython: {}\n",
                    ours.get(i).map_or("<end>", |s| s.as_str()),
                    theirs.get(i).copied().unwrap_or("<end>")
                ));
            }
            failures.push(msg);
        }
    }
    eprintln!("compared {compared} programs");
    assert!(
        failures.is_empty(),
        "{} of {compared} programs differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
