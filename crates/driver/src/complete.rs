//! Tab completion for the REPL, as CPython's `rlcompleter`: a bare word completes from
//! the keywords, `__main__`'s globals and the builtins; `a.b.c` completes from
//! `dir(a.b)` when `a.b` is a dotted name (only names are evaluated, never calls, so
//! completing has no effect beyond what attribute access does). The CLI's line editor
//! asks [`Interactive::completions`] and shows the strings; it never sees an object.

use mempy_vm::CompileMode;

use crate::{compile_hook, Interactive};

/// Python 3.11's `keyword.kwlist`.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

const TMP: &str = "__mempy_complete__";

impl Interactive {
    /// Completions of the word that ends at byte `pos` of `line`: the byte where the
    /// replaced text starts and the candidates (sorted, without duplicates). Indentation
    /// (nothing but blanks before the cursor) completes to four spaces.
    pub fn completions(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let pos = pos.min(line.len());
        let Some(before) = line.get(..pos) else {
            return (pos, Vec::new());
        };
        if before.trim().is_empty() {
            return (pos, vec!["    ".to_string()]);
        }
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &before[start..];
        if let Some((expr, prefix)) = word.rsplit_once('.') {
            let dotted = !expr.is_empty()
                && expr.split('.').all(|p| {
                    p.chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() || c == '_')
                });
            if !dotted {
                return (pos, Vec::new());
            }
            // `dir()` lists private names too; like rlcompleter, show `_x` only when asked.
            let names = self.names(&format!("dir({expr})"));
            let mut out: Vec<String> = names
                .into_iter()
                .filter(|n| {
                    n.starts_with(prefix) && (prefix.starts_with('_') || !n.starts_with('_'))
                })
                .map(|n| format!("{expr}.{n}"))
                .collect();
            out.sort();
            out.dedup();
            return (start, out);
        }
        let mut out: Vec<String> = KEYWORDS.iter().map(|k| k.to_string()).collect();
        out.extend(self.names("[*globals(), *dir(__builtins__)]"));
        out.retain(|n| n.starts_with(word) && n != TMP);
        out.sort();
        out.dedup();
        (start, out)
    }

    /// The strings of the iterable `expr` evaluated in `__main__`; nothing on an error
    /// (completion never prints a traceback).
    fn names(&self, expr: &str) -> Vec<String> {
        let vm = &self.vm;
        let src = format!("{TMP} = '\\n'.join([str(_n) for _n in {expr}])\n");
        let Ok(code) = compile_hook(&src, "<stdin>", CompileMode::Module) else {
            return Vec::new();
        };
        let r = vm.run_code(code, self.globals.clone());
        let key = vm.intern(TMP);
        let value = self.globals.get_item_str_opt(&key);
        let _ = self.globals.del_item(vm, key.as_object());
        match (r, value) {
            (Ok(_), Some(v)) => vm
                .str_of(&v)
                .map(|s| s.lines().map(str::to_string).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}
