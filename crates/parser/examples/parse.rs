//! Parses the files named on the command line and prints the AST or the error
//! (class, message, line:col-line:col), for checking against CPython by hand.

fn main() {
    for path in std::env::args().skip(1) {
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        match mempy_parser::parse(&src) {
            Ok(m) => {
                if std::env::var_os("AST").is_some() {
                    println!("{m:#?}");
                } else {
                    println!("{path}: OK");
                }
            }
            Err(e) => {
                let idx = mempy_ast::LineIndex::new(&src);
                // Print CPython's 1-based character offsets.
                let pos = |off: u32| {
                    let lc = idx.line_col(off);
                    let start = idx.line_start(lc.line).unwrap_or(0) as usize;
                    let chars = src
                        .get(start..off as usize)
                        .map_or(0, |t| t.chars().count());
                    (lc.line, chars + 1)
                };
                let (l1, c1) = pos(e.span.start);
                let (l2, c2) = pos(e.span.end);
                println!(
                    "{path}: {} | {} | {l1} {c1} {l2} {c2}",
                    e.class_name(),
                    e.message()
                );
            }
        }
    }
}
