//! `mempy --dump tokens|ast|bytecode FILE`: every stage of the pipeline made visible.
//! Tokens are the logical stream of the lexer and indentation pass (`line:col Kind
//! "text"`), the AST is its `{:#?}`, and bytecode is the disassembler's listing (the
//! `Display` of `CodeObject`, the text `dis.dis` prints). A stage that fails prints the
//! error the way a run would report it and exits 1.

use std::path::Path;

use mempy_parser::lexer::{tokenize, Token};
use mempy_vm::CompileMode;

/// A stage to dump.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpStage {
    Tokens,
    Ast,
    Bytecode,
}

impl DumpStage {
    /// `tokens`, `ast` or `bytecode`.
    pub fn parse(s: &str) -> Option<DumpStage> {
        match s {
            "tokens" => Some(DumpStage::Tokens),
            "ast" => Some(DumpStage::Ast),
            "bytecode" => Some(DumpStage::Bytecode),
            _ => None,
        }
    }
}

fn tokens(src: &str) -> Result<String, String> {
    let toks = tokenize(src);
    let idx = mempy_ast::LineIndex::new(src);
    let mut out = String::new();
    for (s, t, e) in &toks.tokens {
        let lc = idx.line_col(*s as u32);
        let text = match (t, src.get(*s..*e)) {
            (Token::Newline | Token::Indent | Token::Dedent, _) | (_, None) => String::new(),
            (_, Some(text)) => format!(" {text:?}"),
        };
        out.push_str(&format!("{}:{} {t:?}{text}\n", lc.line, lc.col));
    }
    match &toks.error {
        Some(e) => {
            let lc = idx.line_col(e.error.span.start);
            Err(format!(
                "{out}{}: {} (line {}, column {})\n",
                e.error.class_name(),
                e.error.message(),
                lc.line,
                lc.col
            ))
        }
        None => Ok(out),
    }
}

fn failure_text(cf: &mempy_vm::CompileFailure) -> String {
    format!(
        "  File \"{}\", line {}\n{}: {}\n",
        cf.filename, cf.line, cf.class_name, cf.message
    )
}

/// The text of one stage for `source`, or the error text.
pub fn dump_source(stage: DumpStage, source: &str, filename: &str) -> Result<String, String> {
    match stage {
        DumpStage::Tokens => tokens(source),
        DumpStage::Ast => mempy_parser::parse(source)
            .map(|m| format!("{m:#?}\n"))
            .map_err(|e| {
                let lc = mempy_ast::LineIndex::new(source).line_col(e.span.start);
                format!(
                    "  File \"{filename}\", line {}\n{}: {}\n",
                    lc.line,
                    e.class_name(),
                    e.message()
                )
            }),
        DumpStage::Bytecode => crate::compile_hook(source, filename, CompileMode::Module)
            .map(|c| c.to_string())
            .map_err(|cf| failure_text(&cf)),
    }
}

/// `--dump STAGE FILE`: prints the stage to stdout; returns the exit status.
pub fn dump(stage: DumpStage, path: &Path) -> i32 {
    let source = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("mempy: can't open file '{}': {e}", path.display());
            return 2;
        }
    };
    match dump_source(stage, &source, &path.display().to_string()) {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(text) => {
            eprint!("{text}");
            1
        }
    }
}
