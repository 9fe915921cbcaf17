//! Arbitrary bytes as source: tokenize + parse must end in a tree or a
//! `ParseError`, never a panic, an abort or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        // Valid UTF-8 reaches the parser as the driver will hand it over.
        Ok(src) => {
            let _ = mempy_parser::parse(src);
        }
        // The driver rejects non-UTF-8 source with a SyntaxError before parsing;
        // the lossy text (U+FFFD replacements) is still fair game for the parser.
        Err(_) => {
            let src = String::from_utf8_lossy(data);
            let _ = mempy_parser::parse(&src);
        }
    }
});
