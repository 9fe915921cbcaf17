//! Build script: compiles `grammar/python.lalrpop` (at the workspace root) into
//! `OUT_DIR`, where `src/grammar.rs` includes it. The generated parser is never
//! committed; Cargo reruns this script only when the grammar changes.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let grammar_dir = manifest.join("../../grammar");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    lalrpop::Configuration::new()
        .set_in_dir(&grammar_dir)
        .set_out_dir(&out_dir)
        .emit_rerun_directives(true)
        .process()
        .expect("the grammar compiles");
}
