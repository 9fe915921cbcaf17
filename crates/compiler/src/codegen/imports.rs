//! `import` and `from ... import`.
//!
//! `import a.b.c` imports the top package and binds `a`; `import a.b.c as d`
//! walks down with `ImportFrom` and binds the leaf; `from m import x` pushes the
//! level and the constant tuple of imported names, imports `m` and binds each name
//! with `ImportFrom`; `from m import *` ends with `ImportStar` (CPython 3.11's
//! `compiler_import`/`compiler_from_import`).

use mempy_ast::{Alias, Stmt};
use mempy_bytecode::{Constant, Instruction as I};
use num_bigint::BigInt;

use super::Compiler;
use crate::error::CompileResult;

impl<'a> Compiler<'a> {
    pub(super) fn compile_import(&mut self, names: &'a [Alias]) -> CompileResult<()> {
        for alias in names {
            self.load_const(Constant::Int(BigInt::from(0)));
            self.load_const(Constant::None);
            let i = self.name_index(&alias.name);
            self.emit(I::ImportName(i));
            match &alias.asname {
                Some(asname) => {
                    let mut parts = alias.name.split('.').skip(1).peekable();
                    if parts.peek().is_some() {
                        while let Some(part) = parts.next() {
                            let i = self.raw_name_index(part);
                            self.emit(I::ImportFrom(i));
                            if parts.peek().is_none() {
                                break;
                            }
                            self.emit(I::Swap(2));
                            self.emit(I::PopTop);
                        }
                        self.store_name(asname)?;
                        self.emit(I::PopTop);
                    } else {
                        self.store_name(asname)?;
                    }
                }
                None => {
                    let top = alias.name.split('.').next().unwrap_or(&alias.name);
                    self.store_name(top)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn compile_import_from(
        &mut self,
        _stmt: &'a Stmt,
        module: Option<&'a str>,
        names: &'a [Alias],
        level: u32,
    ) -> CompileResult<()> {
        self.load_const(Constant::Int(BigInt::from(level)));
        let fromlist = names
            .iter()
            .map(|a| Constant::Str(a.name.clone()))
            .collect();
        self.load_const(Constant::Tuple(fromlist));
        let i = self.name_index(module.unwrap_or(""));
        self.emit(I::ImportName(i));
        for (n, alias) in names.iter().enumerate() {
            if n == 0 && alias.name.starts_with('*') {
                self.emit(I::ImportStar);
                return Ok(());
            }
            let i = self.name_index(&alias.name);
            self.emit(I::ImportFrom(i));
            self.store_name(alias.asname.as_deref().unwrap_or(&alias.name))?;
        }
        self.emit(I::PopTop);
        Ok(())
    }
}
