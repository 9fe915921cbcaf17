//! Compilation modes and docstrings.

use mempy_bytecode::Instruction;

fn compile(source: &str, mode: mempy_compiler::Mode) -> std::rc::Rc<mempy_bytecode::CodeObject> {
    let module = mempy_parser::parse(source).unwrap();
    mempy_compiler::compile(&module, source, "<test>", mode).unwrap()
}

#[test]
fn interactive_mode_prints_top_level_expressions_only() {
    let source = "x = 1\nx + 1\nfor i in range(2):\n    i\ndef f():\n    x\n";
    let code = compile(source, mempy_compiler::Mode::Interactive);
    let prints = code
        .instructions
        .iter()
        .filter(|i| **i == Instruction::PrintExpr)
        .count();
    assert_eq!(
        prints, 2,
        "the expression statement and the one in the loop"
    );
    let f = code.nested_code().next().unwrap();
    assert!(!f.instructions.contains(&Instruction::PrintExpr));
    let module = compile(source, mempy_compiler::Mode::Module);
    assert!(!module.instructions.contains(&Instruction::PrintExpr));
}

#[test]
fn docstrings_of_modules_functions_and_classes() {
    let code = compile(
        "'mod doc'\ndef f():\n    'f doc'\nclass C:\n    'c doc'\n",
        mempy_compiler::Mode::Module,
    );
    assert_eq!(code.docstring.as_deref(), Some("mod doc"));
    let docs: Vec<Option<&str>> = code.nested_code().map(|c| c.docstring.as_deref()).collect();
    assert_eq!(docs, [Some("f doc"), Some("c doc")]);
}
