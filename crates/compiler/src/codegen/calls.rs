//! Calls: plain, keyword, method and `*`/`**` calls.
//!
//! `obj.m(args)` with only positional arguments becomes `LoadMethod` +
//! `CallMethod` (unless `obj` is a module imported at top level, as CPython's
//! `is_import_originated` decides). Other calls push the callable and the arguments
//! and use `Call`, `CallKw` (keyword names as a constant tuple on top) or, with
//! `*`/`**` arguments or too many arguments, `CallEx` with a tuple built as a
//! display and a dict merged with `DictMerge` (CPython's `compiler_call_helper`).

use std::collections::HashSet;

use mempy_ast::{Expr, ExprContext, ExprKind, Keyword};
use mempy_bytecode::{Constant, Instruction as I};

use super::expressions::{Display, STACK_USE_GUIDELINE};
use super::Compiler;
use crate::error::{CompileError, CompileResult};
use crate::symtable::DEF_IMPORT;

impl<'a> Compiler<'a> {
    pub(super) fn compile_call(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CompileResult<()> {
        if self.try_method_call(call, func, args, keywords)? {
            return Ok(());
        }
        self.compile_expr(func)?;
        self.call_helper(0, args, keywords)
    }

    /// `maybe_optimize_method_call`, restricted to positional arguments.
    fn try_method_call(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CompileResult<bool> {
        let ExprKind::Attribute {
            value,
            attr,
            ctx: ExprContext::Load,
        } = &func.kind
        else {
            return Ok(false);
        };
        if !keywords.is_empty() || args.len() >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
        {
            return Ok(false);
        }
        if let ExprKind::Name { id, .. } = &value.kind {
            if self.table.scope(0).flags(id) & DEF_IMPORT != 0 {
                return Ok(false);
            }
        }
        self.compile_expr(value)?;
        let saved = self.unit().loc;
        self.set_loc(func.span);
        self.set_attr_loc(func, attr);
        let i = self.name_index(attr);
        self.emit(I::LoadMethod(i));
        self.unit_mut().loc = saved;
        self.compile_exprs(args)?;
        self.set_loc(call.span);
        self.set_attr_loc(func, attr);
        self.emit(I::CallMethod(args.len() as u32));
        Ok(true)
    }

    /// Pushes the arguments and emits the call, `pushed` positional arguments being
    /// on the stack already (2 for `__build_class__(func, name, ...)`).
    pub(super) fn call_helper(
        &mut self,
        pushed: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CompileResult<()> {
        self.validate_keywords(keywords)?;
        let simple = args.len() + keywords.len() * 2 <= STACK_USE_GUIDELINE
            && !args
                .iter()
                .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            && keywords.iter().all(|k| k.arg.is_some());
        if simple {
            self.compile_exprs(args)?;
            let total = pushed + (args.len() + keywords.len()) as u32;
            if keywords.is_empty() {
                self.emit(I::Call(total));
            } else {
                for k in keywords {
                    self.compile_expr(&k.value)?;
                }
                let names = keywords
                    .iter()
                    .filter_map(|k| k.arg.clone())
                    .map(Constant::Str)
                    .collect();
                self.load_const(Constant::Tuple(names));
                self.emit(I::CallKw(total));
            }
            return Ok(());
        }
        // Positional arguments as one tuple.
        match args {
            [only] if pushed == 0 => match &only.kind {
                ExprKind::Starred { value, .. } => self.compile_expr(value)?,
                _ => self.starunpack(args, pushed, Display::Tuple)?,
            },
            _ => self.starunpack(args, pushed, Display::Tuple)?,
        }
        // Keyword arguments as one dict.
        if !keywords.is_empty() {
            let mut have_dict = false;
            let mut seen = 0usize;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if seen > 0 {
                        self.compile_subkwargs(&keywords[i - seen..i])?;
                        if have_dict {
                            self.emit(I::DictMerge(1));
                        }
                        have_dict = true;
                        seen = 0;
                    }
                    if !have_dict {
                        self.emit(I::BuildMap(0));
                        have_dict = true;
                    }
                    self.compile_expr(&k.value)?;
                    self.emit(I::DictMerge(1));
                } else {
                    seen += 1;
                }
            }
            if seen > 0 {
                self.compile_subkwargs(&keywords[keywords.len() - seen..])?;
                if have_dict {
                    self.emit(I::DictMerge(1));
                }
            }
        }
        self.emit(I::CallEx {
            has_kwargs: !keywords.is_empty(),
        });
        Ok(())
    }

    /// A dict of named keyword arguments (CPython's `compiler_subkwargs`).
    fn compile_subkwargs(&mut self, keywords: &'a [Keyword]) -> CompileResult<()> {
        let n = keywords.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in keywords {
                self.compile_expr(&k.value)?;
            }
            let names = keywords
                .iter()
                .filter_map(|k| k.arg.clone())
                .map(Constant::Str)
                .collect();
            self.load_const(Constant::Tuple(names));
            self.emit(I::BuildConstKeyMap(n as u32));
            return Ok(());
        }
        if big {
            self.emit(I::BuildMap(0));
        }
        for k in keywords {
            self.load_const(Constant::Str(k.arg.clone().unwrap_or_default()));
            self.compile_expr(&k.value)?;
            if big {
                self.emit(I::MapAdd(1));
            }
        }
        if !big {
            self.emit(I::BuildMap(n as u32));
        }
        Ok(())
    }

    /// `keyword argument repeated: x` (CPython's `validate_keywords`).
    fn validate_keywords(&self, keywords: &[Keyword]) -> CompileResult<()> {
        let mut seen = HashSet::new();
        for k in keywords {
            if let Some(name) = &k.arg {
                if !seen.insert(name.as_str()) {
                    return Err(CompileError::syntax(
                        format!("keyword argument repeated: {name}"),
                        k.span,
                    ));
                }
            }
        }
        Ok(())
    }
}
