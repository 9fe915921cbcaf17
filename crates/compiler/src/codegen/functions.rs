//! Functions, lambdas and classes: their code objects and the code that builds
//! them at run time.
//!
//! `def` evaluates decorators, then defaults (a tuple), keyword-only defaults (a
//! dict), annotations (a dict) and the closure (a tuple of cells, one per free
//! variable of the new code), makes the function and applies the decorators
//! innermost first. `class` calls `__build_class__(body_function, name, *bases,
//! **keywords)`; the body stores `__module__`, `__qualname__` and `__doc__` and
//! returns the `__class__` cell (also stored as `__classcell__`) when a method uses
//! `super` or `__class__`, else None. A definition's `first_line` is the line of
//! its first decorator, as in CPython.

use std::rc::Rc;

use mempy_ast::{Arguments, ClassDef, Expr, FunctionDef, Stmt};
use mempy_bytecode::{CodeObject, Constant, Instruction as I, Location};

use super::unit::UnitKind;
use super::Compiler;
use crate::error::{CompileError, CompileResult};
use crate::symtable::mangle;

impl<'a> Compiler<'a> {
    fn scope_index(&self, node: &Stmt) -> CompileResult<usize> {
        self.table
            .scope_of(node)
            .ok_or_else(|| CompileError::syntax("internal error: scope not found", node.span))
    }

    fn first_line(&self, stmt_span: mempy_ast::Span, decorators: &[Expr]) -> u32 {
        match decorators.first() {
            Some(d) => self.line_of(d.span),
            None => self.line_of(stmt_span),
        }
    }

    pub(super) fn compile_function_def(
        &mut self,
        stmt: &'a Stmt,
        def: &'a FunctionDef,
    ) -> CompileResult<()> {
        let first_line = self.first_line(stmt.span, &def.decorator_list);
        self.compile_exprs(&def.decorator_list)?;
        self.set_loc(stmt.span);
        let mut flags = self.compile_defaults(&def.args)?;
        if self.compile_annotations(&def.args, def.returns.as_deref())? {
            flags |= 0x04;
        }
        let scope = self.scope_index(stmt)?;
        self.enter_unit(UnitKind::Function, scope, def.name.clone(), first_line);
        self.set_arg_counts(&def.args);
        let docstring = self.docstring_of(&def.body);
        self.unit_mut()
            .add_const(docstring.clone().map_or(Constant::None, Constant::Str));
        let body = if docstring.is_some() {
            &def.body[1..]
        } else {
            &def.body[..]
        };
        self.unit_mut().docstring = docstring;
        let result = self.compile_body(body);
        if let Err(e) = result {
            self.units.pop();
            return Err(e);
        }
        self.implicit_return();
        let code = self.exit_unit();
        self.set_loc(stmt.span);
        self.make_closure(code, flags);
        self.apply_decorators(&def.decorator_list);
        self.set_loc(stmt.span);
        self.store_name(&def.name)
    }

    pub(super) fn compile_lambda(
        &mut self,
        e: &'a Expr,
        args: &'a Arguments,
        body: &'a Expr,
    ) -> CompileResult<()> {
        let flags = self.compile_defaults(args)?;
        let scope = self
            .table
            .scope_of(e)
            .ok_or_else(|| CompileError::syntax("internal error: scope not found", e.span))?;
        let line = self.line_of(e.span);
        self.enter_unit(UnitKind::Lambda, scope, "<lambda>".to_string(), line);
        self.set_arg_counts(args);
        self.unit_mut().add_const(Constant::None);
        if let Err(err) = self.compile_expr(body) {
            self.units.pop();
            return Err(err);
        }
        self.set_loc(body.span);
        self.emit(I::ReturnValue);
        let code = self.exit_unit();
        self.set_loc(e.span);
        self.make_closure(code, flags);
        Ok(())
    }

    pub(super) fn compile_class_def(
        &mut self,
        stmt: &'a Stmt,
        def: &'a ClassDef,
    ) -> CompileResult<()> {
        let first_line = self.first_line(stmt.span, &def.decorator_list);
        self.compile_exprs(&def.decorator_list)?;
        let scope = self.scope_index(stmt)?;
        self.enter_unit(UnitKind::Class, scope, def.name.clone(), first_line);
        self.unit_mut().loc = Location {
            line: first_line,
            end_line: first_line,
            col: 0,
            end_col: 0,
        };
        let result = self.compile_class_body(def);
        if let Err(e) = result {
            self.units.pop();
            return Err(e);
        }
        let code = self.exit_unit();
        self.set_loc(stmt.span);
        self.emit(I::LoadBuildClass);
        self.make_closure(code, 0);
        self.load_const(Constant::Str(def.name.clone()));
        self.call_helper(2, &def.bases, &def.keywords)?;
        self.apply_decorators(&def.decorator_list);
        self.set_loc(stmt.span);
        self.store_name(&def.name)
    }

    fn compile_class_body(&mut self, def: &'a ClassDef) -> CompileResult<()> {
        self.load_name("__name__")?;
        self.store_name("__module__")?;
        let qualname = self.unit().qualname.clone();
        self.load_const(Constant::Str(qualname));
        self.store_name("__qualname__")?;
        self.compile_namespace_body(&def.body)?;
        if let Some(last) = self.unit().locations.last().copied() {
            self.unit_mut().loc = last;
        }
        if self.table.scope(self.unit().scope).needs_class_closure {
            let i = self.deref_index("__class__");
            self.emit(I::LoadClosure(i));
            self.emit(I::Copy(1));
            self.store_name("__classcell__")?;
        } else {
            self.load_const(Constant::None);
        }
        self.emit(I::ReturnValue);
        Ok(())
    }

    fn set_arg_counts(&mut self, args: &Arguments) {
        let unit = self.unit_mut();
        unit.posonlyargcount = args.posonlyargs.len() as u32;
        unit.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        unit.kwonlyargcount = args.kwonlyargs.len() as u32;
    }

    /// Pushes the defaults tuple and keyword-only defaults dict; returns the
    /// `MakeFunction` flags for them.
    fn compile_defaults(&mut self, args: &'a Arguments) -> CompileResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            self.compile_exprs(&args.defaults)?;
            self.build_tuple(args.defaults.len() as u32);
            flags |= 0x01;
        }
        let mut count = 0;
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = default {
                let name = mangle(self.unit().private.as_deref(), &arg.arg).into_owned();
                self.load_const(Constant::Str(name));
                self.compile_expr(d)?;
                count += 1;
            }
        }
        if count > 0 {
            self.emit(I::BuildMap(count));
            flags |= 0x02;
        }
        Ok(flags)
    }

    /// Pushes the annotations dict, if any annotation is present (CPython's order:
    /// positional parameters, positional-only, `*args`, keyword-only, `**kwargs`,
    /// `return`).
    fn compile_annotations(
        &mut self,
        args: &'a Arguments,
        returns: Option<&'a Expr>,
    ) -> CompileResult<bool> {
        let mut count = 0;
        let params = args
            .args
            .iter()
            .chain(&args.posonlyargs)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for arg in params {
            if let Some(a) = &arg.annotation {
                let name = mangle(self.unit().private.as_deref(), &arg.arg).into_owned();
                self.load_const(Constant::Str(name));
                self.compile_expr(a)?;
                count += 1;
            }
        }
        if let Some(r) = returns {
            self.load_const(Constant::Str("return".to_string()));
            self.compile_expr(r)?;
            count += 1;
        }
        if count > 0 {
            self.emit(I::BuildMap(count));
        }
        Ok(count > 0)
    }

    /// Pushes the closure tuple (if the code has free variables) and the code, then
    /// `MakeFunction` (CPython's `compiler_make_closure`).
    pub(super) fn make_closure(&mut self, code: Rc<CodeObject>, mut flags: u32) {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let i = self.deref_index(name);
                self.emit(I::LoadClosure(i));
            }
            self.emit(I::BuildTuple(code.freevars.len() as u32));
            flags |= 0x08;
        }
        self.load_const(Constant::Code(code));
        self.emit(I::MakeFunction(flags));
    }

    /// Calls each decorator (already on the stack below the object), innermost
    /// first.
    fn apply_decorators(&mut self, decorators: &'a [Expr]) {
        for d in decorators.iter().rev() {
            self.set_loc(d.span);
            self.emit(I::Call(1));
        }
    }
}
