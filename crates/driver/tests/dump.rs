//! Golden tests of `--dump tokens|ast|bytecode` for a tiny program: the shape of each
//! stage's text, and the error text and status of a stage that fails.

use mempy_driver::{dump_source, DumpStage};

const TINY: &str = "def add(a, b):\n    return a + b\nprint(add(1, 2))\n";

#[test]
fn tokens_of_tiny_program() {
    insta::assert_snapshot!(dump_source(DumpStage::Tokens, TINY, "tiny.py").unwrap_or_else(|e| e));
}

#[test]
fn ast_of_tiny_program() {
    insta::assert_snapshot!(dump_source(DumpStage::Ast, TINY, "tiny.py").unwrap_or_else(|e| e));
}

#[test]
fn bytecode_of_tiny_program() {
    insta::assert_snapshot!(dump_source(DumpStage::Bytecode, TINY, "tiny.py").unwrap_or_else(|e| e));
}

#[test]
fn bytecode_of_syntax_error() {
    let r = dump_source(DumpStage::Bytecode, "x = (1,\n", "bad.py");
    assert!(r.is_err());
    insta::assert_snapshot!(r.unwrap_or_else(|e| e));
}

#[test]
fn stage_names() {
    assert_eq!(DumpStage::parse("tokens"), Some(DumpStage::Tokens));
    assert_eq!(DumpStage::parse("ast"), Some(DumpStage::Ast));
    assert_eq!(DumpStage::parse("bytecode"), Some(DumpStage::Bytecode));
    assert_eq!(DumpStage::parse("bogus"), None);
}
