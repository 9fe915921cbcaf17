//! Snapshot tests of the disassembly of `tests/bytecode/*.py`.
//!
//! These snapshots pin mempy's *own* bytecode design, not CPython's output: the
//! instruction set and the exception-handling layout are mempy's (CPython 3.10's
//! block stack with 3.11's two-item handler entry), so the listings are reviewed by
//! hand against the semantics in `mempy_bytecode::Instruction`, not compared with
//! `dis`. What *is* CPython's (qualnames, constant tables, display building,
//! positions) is checked against python3 by `cpython_shape.rs` and
//! `cpython_positions.rs`. Each snapshot also lists `max_stack` and the tables of
//! every code object, and the test checks the stack-depth invariants.

use std::fmt::Write;

use mempy_bytecode::CodeObject;

fn describe(code: &CodeObject, out: &mut String) {
    let _ = writeln!(
        out,
        "code {} (qualname {}, first_line {}, flags {:#x}, argcount {}, posonly {}, kwonly {}, max_stack {})",
        code.name,
        code.qualname,
        code.first_line,
        code.flags.0,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.max_stack
    );
    let _ = writeln!(
        out,
        "  varnames {:?} cellvars {:?} freevars {:?}",
        code.varnames, code.cellvars, code.freevars
    );
    let _ = writeln!(out, "  names {:?}", code.names);
    let consts: Vec<String> = code.constants.iter().map(|c| c.to_string()).collect();
    let _ = writeln!(out, "  constants [{}]", consts.join(", "));
    if let Some(doc) = &code.docstring {
        let _ = writeln!(out, "  docstring {doc:?}");
    }
    let (max, consistent) = mempy_compiler::check_stack_depth(code);
    assert!(
        consistent,
        "{}: a jump target is reached with two stack depths",
        code.qualname
    );
    assert_eq!(max, code.max_stack, "{}: max_stack", code.qualname);
    assert_eq!(code.instructions.len(), code.locations.len());
    for nested in code.nested_code() {
        describe(nested, out);
    }
}

#[test]
fn bytecode_snapshots() {
    insta::glob!("../../../tests/bytecode", "*.py", |path| {
        let source = std::fs::read_to_string(path).unwrap();
        let module = mempy_parser::parse(&source).expect("the bytecode programs parse");
        let name = path.file_name().unwrap().to_string_lossy();
        let code = mempy_compiler::compile(&module, &source, &name, mempy_compiler::Mode::Module)
            .expect("the bytecode programs compile");
        let mut out = String::new();
        describe(&code, &mut out);
        let _ = writeln!(out);
        let _ = write!(out, "{code}");
        insta::assert_snapshot!(out);
    });
}
