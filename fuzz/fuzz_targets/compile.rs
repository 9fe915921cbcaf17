//! Any module that parses must compile to code objects or a `CompileError`,
//! never panic; every code object the compiler emits must have a consistent
//! stack depth equal to the `max_stack` it recorded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mempy_bytecode::CodeObject;

fn check(code: &CodeObject) {
    let (max, consistent) = mempy_compiler::check_stack_depth(code);
    assert!(
        consistent,
        "{}: an instruction is reached with two stack depths",
        code.qualname
    );
    assert_eq!(max, code.max_stack, "{}: max_stack", code.qualname);
    assert_eq!(code.instructions.len(), code.locations.len());
    for nested in code.nested_code() {
        check(nested);
    }
}

fuzz_target!(|data: &[u8]| {
    // Non-UTF-8 never reaches the compiler (the driver rejects it).
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(module) = mempy_parser::parse(src) else {
        return;
    };
    for mode in [mempy_compiler::Mode::Module, mempy_compiler::Mode::Interactive] {
        if let Ok(code) = mempy_compiler::compile(&module, src, "<fuzz>", mode) {
            check(&code);
        }
    }
});
