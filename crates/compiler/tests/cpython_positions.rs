//! Compares the source positions of the instructions that can raise (calls,
//! operators, attribute and subscript access, name loads, imports, unpacking) with
//! CPython's `co_positions()`, for every golden program: tracebacks print the
//! source line and the `^~~` markers from these positions. Skipped when `python3`
//! is not CPython 3.11.

#[path = "support/cpython.rs"]
mod cpython;

use mempy_bytecode::{CodeObject, Instruction};

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
    if !cpython::python311() {
        eprintln!("python3 is not CPython 3.11: skipped");
        return;
    }
    let files = cpython::golden_programs();
    let mut failures = Vec::new();
    let mut compared = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        let Ok(Ok(module)) = std::panic::catch_unwind(|| mempy_parser::parse(&source)) else {
            continue;
        };
        let Some(expected) = cpython::probe("tests/support/positions.py", file) else {
            continue;
        };
        let Ok(code) =
            mempy_compiler::compile(&module, &source, "<test>", mempy_compiler::Mode::Module)
        else {
            continue;
        };
        let mut ours = Vec::new();
        positions(&code, &mut ours);
        let theirs: Vec<&str> = expected.lines().map(|l| l.trim_end()).collect();
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
