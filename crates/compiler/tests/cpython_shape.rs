//! Compares the shape of every code object mempy compiles from the golden programs
//! (`tests/programs/**/*.py`) with CPython's: name, qualname, first line, flags,
//! argument counts, `co_varnames`, `co_cellvars` and `co_freevars`. These are the
//! results of the symbol-table analysis, which must agree with CPython exactly.
//! It also checks the stack-depth invariants of every code object.
//! Skipped when `python3` is not CPython 3.11.

#[path = "support/cpython.rs"]
mod cpython;

use mempy_bytecode::CodeObject;

fn shape(code: &CodeObject, out: &mut Vec<String>) {
    let (max, consistent) = mempy_compiler::check_stack_depth(code);
    assert!(
        consistent && max == code.max_stack,
        "{}: stack depth invariants",
        code.qualname
    );
    out.push(
        [
            code.name.clone(),
            code.qualname.clone(),
            code.first_line.to_string(),
            format!("{:#x}", code.flags.0 & 0x3f),
            code.argcount.to_string(),
            code.posonlyargcount.to_string(),
            code.kwonlyargcount.to_string(),
            code.varnames.join(","),
            code.cellvars.join(","),
            code.freevars.join(","),
        ]
        .join(" | "),
    );
    for c in code.nested_code() {
        shape(c, out);
    }
}

#[test]
fn code_objects_have_cpython_shape() {
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
        let Some(expected) = cpython::probe("tests/support/code_shape.py", file) else {
            continue;
        };
        let Ok(code) =
            mempy_compiler::compile(&module, &source, "<test>", mempy_compiler::Mode::Module)
        else {
            failures.push(format!(
                "{}: mempy refuses a program CPython compiles",
                file.display()
            ));
            continue;
        };
        let mut ours = Vec::new();
        shape(&code, &mut ours);
        let theirs: Vec<&str> = expected.lines().collect();
        compared += 1;
        if ours != theirs {
            let mut msg = format!("{}:\n", file.display());
            for (a, b) in ours.iter().zip(theirs.iter()).filter(|(a, b)| a != b) {
                msg.push_str(&format!("  mempy:   {a}\n  cpython: {b}\n"));
            }
            if ours.len() != theirs.len() {
                msg.push_str(&format!(
                    "  {} code objects vs {}\n",
                    ours.len(),
                    theirs.len()
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
