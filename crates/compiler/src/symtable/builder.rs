//! The first symbol-table pass: open scopes and record how each name is used.
//!
//! Mirrors `symtable_visit_stmt`/`symtable_visit_expr` of CPython 3.11, including
//! the order in which parts of a `def` are visited (defaults, annotations and
//! decorators in the enclosing scope, then the parameters and body in the new one),
//! the walrus rules for comprehensions and the errors raised while visiting
//! (`global`/`nonlocal` after use, duplicate parameters, `import *` in a function).

use mempy_ast::{
    Arguments, Comprehension, Expr, ExprContext, ExprKind, Module, Span, Stmt, StmtKind,
};

use super::{
    mangle, node_key, ComprehensionKind, Scope, ScopeKind, Symbol, SymbolTable, DEF_ANNOT,
    DEF_COMP_ITER, DEF_GLOBAL, DEF_IMPORT, DEF_LOCAL, DEF_NONLOCAL, DEF_PARAM, USE,
};
use crate::error::{CompileError, CompileResult, MAX_RECURSION_DEPTH};

pub(super) fn build(module: &Module) -> CompileResult<SymbolTable> {
    let span = match (module.body.first(), module.body.last()) {
        (Some(a), Some(b)) => a.span.to(b.span),
        _ => Span::default(),
    };
    let mut builder = Builder {
        table: SymbolTable {
            scopes: vec![Scope::new(ScopeKind::Module, "top", span, None)],
            by_node: Default::default(),
        },
        stack: vec![0],
        depth: 0,
    };
    for stmt in &module.body {
        builder.visit_stmt(stmt)?;
    }
    Ok(builder.table)
}

struct Builder {
    table: SymbolTable,
    /// The scopes being visited, innermost last.
    stack: Vec<usize>,
    depth: u32,
}

impl Builder {
    fn cur(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn cur_scope(&mut self) -> &mut Scope {
        let i = self.cur();
        &mut self.table.scopes[i]
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: usize, span: Span) {
        let parent = self.cur();
        let parent_scope = &self.table.scopes[parent];
        let nested = parent_scope.nested || parent_scope.kind == ScopeKind::Function;
        let private = parent_scope.private.clone();
        let mut scope = Scope::new(kind, name, span, private);
        scope.nested = nested;
        let index = self.table.scopes.len();
        self.table.scopes.push(scope);
        self.table.scopes[parent].children.push(index);
        self.table.by_node.insert(key, index);
        self.stack.push(index);
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn lookup(&self, name: &str) -> u32 {
        let scope = &self.table.scopes[self.cur()];
        let mangled = mangle(scope.private.as_deref(), name);
        scope.flags(&mangled)
    }

    fn add_def(&mut self, name: &str, flag: u32, span: Span) -> CompileResult<()> {
        let cur = self.cur();
        self.add_def_in(cur, name, flag, span)
    }

    /// `symtable_add_def_helper`: record `flag` for `name` in scope `index`.
    fn add_def_in(&mut self, index: usize, name: &str, flag: u32, span: Span) -> CompileResult<()> {
        let scope = &mut self.table.scopes[index];
        let mangled = mangle(scope.private.as_deref(), name).into_owned();
        let mut val = match scope.symbols.get(&mangled) {
            Some(sym) => {
                if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
                    return Err(CompileError::syntax(
                        format!("duplicate argument '{name}' in function definition"),
                        span,
                    ));
                }
                sym.flags | flag
            }
            None => {
                scope.order.push(mangled.clone());
                flag
            }
        };
        if scope.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(CompileError::syntax(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    span,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        scope.symbols.insert(
            mangled.clone(),
            Symbol {
                flags: val,
                scope: None,
            },
        );
        if flag & DEF_PARAM != 0 {
            scope.params.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            // Global declarations are also recorded in the module's table.
            let module = &mut self.table.scopes[0];
            match module.symbols.get_mut(&mangled) {
                Some(sym) => sym.flags |= flag,
                None => {
                    module.order.push(mangled.clone());
                    module.symbols.insert(
                        mangled,
                        Symbol {
                            flags: flag,
                            scope: None,
                        },
                    );
                }
            }
        }
        Ok(())
    }

    fn record_directive(&mut self, name: &str, span: Span) {
        let scope = self.cur_scope();
        let mangled = mangle(scope.private.as_deref(), name).into_owned();
        scope.directives.entry(mangled).or_insert(span);
    }

    fn guard(&mut self, span: Span) -> CompileResult<()> {
        self.depth += 1;
        if self.depth > MAX_RECURSION_DEPTH {
            return Err(CompileError::recursion(span));
        }
        Ok(())
    }

    fn visit_body(&mut self, body: &[Stmt]) -> CompileResult<()> {
        body.iter().try_for_each(|s| self.visit_stmt(s))
    }

    fn visit_stmt(&mut self, stmt: &Stmt) -> CompileResult<()> {
        self.guard(stmt.span)?;
        self.visit_stmt_inner(stmt)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_stmt_inner(&mut self, stmt: &Stmt) -> CompileResult<()> {
        match &stmt.kind {
            StmtKind::FunctionDef(def) => {
                self.add_def(&def.name, DEF_LOCAL, stmt.span)?;
                self.visit_exprs(&def.args.defaults)?;
                for d in def.args.kw_defaults.iter().flatten() {
                    self.visit_expr(d)?;
                }
                self.visit_annotations(&def.args, def.returns.as_deref())?;
                self.visit_exprs(&def.decorator_list)?;
                self.enter(ScopeKind::Function, &def.name, node_key(stmt), stmt.span);
                self.visit_params(&def.args)?;
                self.visit_body(&def.body)?;
                self.exit();
            }
            StmtKind::ClassDef(def) => {
                self.add_def(&def.name, DEF_LOCAL, stmt.span)?;
                self.visit_exprs(&def.bases)?;
                for k in &def.keywords {
                    self.visit_expr(&k.value)?;
                }
                self.visit_exprs(&def.decorator_list)?;
                self.enter(ScopeKind::Class, &def.name, node_key(stmt), stmt.span);
                self.cur_scope().private = Some(def.name.clone());
                self.visit_body(&def.body)?;
                self.exit();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::Delete { targets } => self.visit_exprs(targets)?,
            StmtKind::Assign { targets, value } => {
                self.visit_exprs(targets)?;
                self.visit_expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.lookup(id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur() != 0 && *simple {
                        let msg = if cur & DEF_GLOBAL != 0 {
                            format!("annotated name '{id}' can't be global")
                        } else {
                            format!("annotated name '{id}' can't be nonlocal")
                        };
                        return Err(CompileError::syntax(msg, stmt.span));
                    }
                    if *simple {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.span)?;
                    } else if value.is_some() {
                        self.add_def(id, DEF_LOCAL, target.span)?;
                    }
                } else {
                    self.visit_expr(target)?;
                }
                self.visit_expr(annotation)?;
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(value)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.visit_expr(target)?;
                self.visit_expr(iter)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.visit_expr(v)?;
                    }
                }
                self.visit_body(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                    if let Some(c) = cause {
                        self.visit_expr(c)?;
                    }
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.visit_body(body)?;
                self.visit_body(orelse)?;
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.visit_expr(t)?;
                    }
                    if let Some(name) = &h.name {
                        self.add_def(name, DEF_LOCAL, h.span)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for alias in names {
                    let stored = match &alias.asname {
                        Some(a) => a.as_str(),
                        None => alias.name.split('.').next().unwrap_or(&alias.name),
                    };
                    if stored == "*" {
                        if self.table.scopes[self.cur()].kind != ScopeKind::Module {
                            return Err(CompileError::syntax(
                                "import * only allowed at module level",
                                alias.span,
                            ));
                        }
                    } else {
                        self.add_def(stored, DEF_IMPORT, alias.span)?;
                    }
                }
            }
            StmtKind::Global { names } => {
                for name in names {
                    let cur = self.lookup(name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and global")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to global declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be global")
                        } else {
                            format!("name '{name}' is assigned to before global declaration")
                        };
                        return Err(CompileError::syntax(msg, stmt.span));
                    }
                    self.add_def(name, DEF_GLOBAL, stmt.span)?;
                    self.record_directive(name, stmt.span);
                }
            }
            StmtKind::Nonlocal { names } => {
                for name in names {
                    let cur = self.lookup(name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and nonlocal")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to nonlocal declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be nonlocal")
                        } else {
                            format!("name '{name}' is assigned to before nonlocal declaration")
                        };
                        return Err(CompileError::syntax(msg, stmt.span));
                    }
                    self.add_def(name, DEF_NONLOCAL, stmt.span)?;
                    self.record_directive(name, stmt.span);
                }
            }
            StmtKind::Expr { value } => self.visit_expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn visit_exprs(&mut self, exprs: &[Expr]) -> CompileResult<()> {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_annotations(&mut self, args: &Arguments, returns: Option<&Expr>) -> CompileResult<()> {
        for arg in args.posonlyargs.iter().chain(&args.args) {
            if let Some(a) = &arg.annotation {
                self.visit_expr(a)?;
            }
        }
        if let Some(a) = args.vararg.as_ref().and_then(|v| v.annotation.as_ref()) {
            self.visit_expr(a)?;
        }
        if let Some(a) = args.kwarg.as_ref().and_then(|v| v.annotation.as_ref()) {
            self.visit_expr(a)?;
        }
        for arg in &args.kwonlyargs {
            if let Some(a) = &arg.annotation {
                self.visit_expr(a)?;
            }
        }
        if let Some(r) = returns {
            self.visit_expr(r)?;
        }
        Ok(())
    }

    fn visit_params(&mut self, args: &Arguments) -> CompileResult<()> {
        for arg in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
        {
            self.add_def(&arg.arg, DEF_PARAM, arg.span)?;
        }
        if let Some(v) = &args.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.span)?;
            self.cur_scope().has_varargs = true;
        }
        if let Some(k) = &args.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.span)?;
            self.cur_scope().has_varkeywords = true;
        }
        Ok(())
    }

    fn visit_expr(&mut self, expr: &Expr) -> CompileResult<()> {
        self.guard(expr.span)?;
        self.visit_expr_inner(expr)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr_inner(&mut self, expr: &Expr) -> CompileResult<()> {
        match &expr.kind {
            ExprKind::NamedExpr { target, value } => self.visit_named_expr(expr, target, value)?,
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.visit_exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.visit_expr(d)?;
                }
                self.enter(ScopeKind::Function, "lambda", node_key(expr), expr.span);
                self.visit_params(args)?;
                self.visit_expr(body)?;
                self.exit();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.visit_expr(k)?;
                }
                self.visit_exprs(values)?;
            }
            ExprKind::Set { elts } => self.visit_exprs(elts)?,
            ExprKind::ListComp { elt, generators } => self.visit_comprehension(
                expr,
                "listcomp",
                ComprehensionKind::List,
                generators,
                elt,
                None,
            )?,
            ExprKind::SetComp { elt, generators } => self.visit_comprehension(
                expr,
                "setcomp",
                ComprehensionKind::Set,
                generators,
                elt,
                None,
            )?,
            ExprKind::GeneratorExp { elt, generators } => self.visit_comprehension(
                expr,
                "genexpr",
                ComprehensionKind::Generator,
                generators,
                elt,
                None,
            )?,
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension(
                expr,
                "dictcomp",
                ComprehensionKind::Dict,
                generators,
                key,
                Some(value),
            )?,
            ExprKind::Yield { value } => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
                self.yield_seen(expr.span)?;
            }
            ExprKind::YieldFrom { value } => {
                self.visit_expr(value)?;
                self.yield_seen(expr.span)?;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.visit_expr(value)?;
                if let Some(s) = format_spec {
                    self.visit_expr(s)?;
                }
            }
            ExprKind::JoinedStr { values } => self.visit_exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.visit_expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.visit_expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
            }
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(id, flag, expr.span)?;
                let is_function = self.table.scopes[self.cur()].kind == ScopeKind::Function;
                if *ctx == ExprContext::Load && is_function && id == "super" {
                    self.add_def("__class__", USE, expr.span)?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.visit_exprs(elts)?,
        }
        Ok(())
    }

    fn yield_seen(&mut self, span: Span) -> CompileResult<()> {
        let scope = self.cur_scope();
        scope.is_generator = true;
        let what = match scope.comprehension {
            None => return Ok(()),
            Some(ComprehensionKind::List) => "list comprehension",
            Some(ComprehensionKind::Set) => "set comprehension",
            Some(ComprehensionKind::Dict) => "dict comprehension",
            Some(ComprehensionKind::Generator) => "generator expression",
        };
        Err(CompileError::syntax(format!("'yield' inside {what}"), span))
    }

    fn visit_named_expr(&mut self, expr: &Expr, target: &Expr, value: &Expr) -> CompileResult<()> {
        if self.table.scopes[self.cur()].comp_iter_expr > 0 {
            return Err(CompileError::syntax(
                "assignment expression cannot be used in a comprehension iterable expression",
                expr.span,
            ));
        }
        if self.table.scopes[self.cur()].comprehension.is_some() {
            if let ExprKind::Name { id, .. } = &target.kind {
                self.extend_named_expr_scope(id, target.span)?;
            }
        }
        self.visit_expr(value)?;
        self.visit_expr(target)
    }

    /// `symtable_extend_namedexpr_scope`: a walrus in a comprehension binds in the
    /// nearest enclosing function or module scope.
    fn extend_named_expr_scope(&mut self, name: &str, span: Span) -> CompileResult<()> {
        for pos in (0..self.stack.len()).rev() {
            let index = self.stack[pos];
            let scope = &self.table.scopes[index];
            if scope.comprehension.is_some() {
                if scope.flags(name) & DEF_COMP_ITER != 0 {
                    return Err(CompileError::syntax(
                        format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                        span,
                    ));
                }
                continue;
            }
            match scope.kind {
                ScopeKind::Function => {
                    let flag = if scope.flags(name) & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(name, flag, span)?;
                    self.record_directive(name, span);
                    return self.add_def_in(index, name, DEF_LOCAL, span);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, span)?;
                    self.record_directive(name, span);
                    return self.add_def_in(index, name, DEF_GLOBAL, span);
                }
                ScopeKind::Class => {
                    return Err(CompileError::syntax(
                        "assignment expression within a comprehension cannot be used in a class body",
                        span,
                    ));
                }
            }
        }
        Ok(())
    }

    fn visit_comprehension(
        &mut self,
        expr: &Expr,
        name: &str,
        kind: ComprehensionKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> CompileResult<()> {
        let Some(outermost) = generators.first() else {
            return Ok(());
        };
        self.cur_scope().comp_iter_expr += 1;
        self.visit_expr(&outermost.iter)?;
        self.cur_scope().comp_iter_expr -= 1;
        self.enter(ScopeKind::Function, name, node_key(expr), expr.span);
        self.cur_scope().comprehension = Some(kind);
        self.add_def(".0", DEF_PARAM, expr.span)?;
        self.cur_scope().comp_iter_target = true;
        self.visit_expr(&outermost.target)?;
        self.cur_scope().comp_iter_target = false;
        self.visit_exprs(&outermost.ifs)?;
        for gen in &generators[1..] {
            self.cur_scope().comp_iter_target = true;
            self.visit_expr(&gen.target)?;
            self.cur_scope().comp_iter_target = false;
            self.cur_scope().comp_iter_expr += 1;
            self.visit_expr(&gen.iter)?;
            self.cur_scope().comp_iter_expr -= 1;
            self.visit_exprs(&gen.ifs)?;
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        if kind == ComprehensionKind::Generator {
            self.cur_scope().is_generator = true;
        }
        self.exit();
        Ok(())
    }
}
