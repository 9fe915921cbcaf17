//! Assignment targets: `=`, augmented and annotated assignment, unpacking and `del`.
//!
//! Targets are stored in source order after the value is computed; `a = b = v`
//! copies the value once per extra target. Unpacking uses `UnpackSequence` or, with
//! a starred target, `UnpackEx`. A `BuildTuple(n)` immediately unpacked into `n`
//! targets (n ≤ 3) becomes a `Swap`, as CPython's peephole optimizer does for
//! `a, b = b, a`. Augmented assignment evaluates the container and key once and
//! shuffles them with `Copy`/`Swap` (CPython 3.11's `compiler_augassign`).

use mempy_ast::{Expr, ExprContext, ExprKind, Operator, Stmt};
use mempy_bytecode::{Constant, Instruction as I};

use super::expressions::binary_operator;
use super::unit::UnitKind;
use super::Compiler;
use crate::error::{CompileError, CompileResult};

impl<'a> Compiler<'a> {
    pub(super) fn compile_assign(
        &mut self,
        targets: &'a [Expr],
        value: &'a Expr,
    ) -> CompileResult<()> {
        self.compile_expr(value)?;
        for (i, t) in targets.iter().enumerate() {
            if i + 1 < targets.len() {
                self.emit(I::Copy(1));
            }
            self.compile_store(t)?;
        }
        Ok(())
    }

    /// Stores the value on top of the stack into `target`.
    pub(super) fn compile_store(&mut self, target: &'a Expr) -> CompileResult<()> {
        self.enter_depth(target.span)?;
        let saved = self.unit().loc;
        self.set_loc(target.span);
        let result = self.compile_store_inner(target);
        self.unit_mut().loc = saved;
        self.leave_depth();
        result
    }

    fn compile_store_inner(&mut self, target: &'a Expr) -> CompileResult<()> {
        match &target.kind {
            ExprKind::Name { id, .. } => self.name_access(id, ExprContext::Store, target.span),
            ExprKind::Attribute { value, attr, .. } => {
                self.compile_expr(value)?;
                self.set_attr_loc(target, attr);
                let i = self.name_index(attr);
                self.emit(I::StoreAttr(i));
                Ok(())
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.compile_expr(value)?;
                self.compile_expr(slice)?;
                self.emit(I::StoreSubscr);
                Ok(())
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                self.compile_unpack(target, elts)?;
                for elt in elts {
                    match &elt.kind {
                        ExprKind::Starred { value, .. } => self.compile_store(value)?,
                        _ => self.compile_store(elt)?,
                    }
                }
                Ok(())
            }
            ExprKind::Starred { .. } => Err(CompileError::syntax(
                "starred assignment target must be in a list or tuple",
                target.span,
            )),
            _ => Err(CompileError::syntax(
                "cannot assign to expression",
                target.span,
            )),
        }
    }

    /// `UnpackSequence`/`UnpackEx` for the targets `elts` (CPython's `unpack_helper`).
    fn compile_unpack(&mut self, target: &Expr, elts: &[Expr]) -> CompileResult<()> {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if matches!(elt.kind, ExprKind::Starred { .. }) {
                if seen_star {
                    return Err(CompileError::syntax(
                        "multiple starred expressions in assignment",
                        target.span,
                    ));
                }
                let after = n - i - 1;
                if i >= 1 << 8 || after > u16::MAX as usize {
                    return Err(CompileError::syntax(
                        "too many expressions in star-unpacking assignment",
                        target.span,
                    ));
                }
                self.emit(I::UnpackEx {
                    before: i as u16,
                    after: after as u16,
                });
                seen_star = true;
            }
        }
        if !seen_star {
            let n = n as u32;
            let unit = self.unit();
            let len = unit.instructions.len();
            let label_ok = unit.no_label_from(len as u32);
            if n <= 3 && label_ok && unit.instructions.last() == Some(&I::BuildTuple(n)) {
                let unit = self.unit_mut();
                unit.instructions.pop();
                unit.locations.pop();
                if n >= 2 {
                    self.emit(I::Swap(n));
                }
            } else {
                self.emit(I::UnpackSequence(n));
            }
        }
        Ok(())
    }

    pub(super) fn compile_delete(&mut self, target: &'a Expr) -> CompileResult<()> {
        self.enter_depth(target.span)?;
        let saved = self.unit().loc;
        self.set_loc(target.span);
        let result = match &target.kind {
            ExprKind::Name { id, .. } => self.name_access(id, ExprContext::Del, target.span),
            ExprKind::Attribute { value, attr, .. } => self.compile_expr(value).map(|()| {
                self.set_attr_loc(target, attr);
                let i = self.name_index(attr);
                self.emit(I::DeleteAttr(i));
            }),
            ExprKind::Subscript { value, slice, .. } => self
                .compile_expr(value)
                .and_then(|()| self.compile_expr(slice))
                .map(|()| self.emit(I::DeleteSubscr)),
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                elts.iter().try_for_each(|e| self.compile_delete(e))
            }
            _ => Err(CompileError::syntax(
                "cannot delete expression",
                target.span,
            )),
        };
        self.unit_mut().loc = saved;
        self.leave_depth();
        result
    }

    pub(super) fn compile_aug_assign(
        &mut self,
        stmt: &'a Stmt,
        target: &'a Expr,
        op: Operator,
        value: &'a Expr,
    ) -> CompileResult<()> {
        self.set_loc(target.span);
        match &target.kind {
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                self.compile_expr(obj)?;
                self.emit(I::Copy(1));
                self.set_attr_loc(target, attr);
                let i = self.name_index(attr);
                self.emit(I::LoadAttr(i));
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                self.compile_expr(obj)?;
                self.compile_expr(slice)?;
                self.emit(I::Copy(2));
                self.emit(I::Copy(2));
                self.emit(I::BinarySubscr);
            }
            ExprKind::Name { id, .. } => self.name_access(id, ExprContext::Load, target.span)?,
            _ => {
                return Err(CompileError::syntax(
                    "'expression' is an illegal expression for augmented assignment",
                    target.span,
                ))
            }
        }
        self.set_loc(stmt.span);
        self.compile_expr(value)?;
        self.emit(I::BinaryOp(binary_operator(op, true)));
        self.set_loc(target.span);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.set_attr_loc(target, attr);
                self.emit(I::Swap(2));
                let i = self.name_index(attr);
                self.emit(I::StoreAttr(i));
            }
            ExprKind::Subscript { .. } => {
                self.emit(I::Swap(3));
                self.emit(I::Swap(2));
                self.emit(I::StoreSubscr);
            }
            ExprKind::Name { id, .. } => self.name_access(id, ExprContext::Store, target.span)?,
            _ => {}
        }
        Ok(())
    }

    pub(super) fn compile_ann_assign(
        &mut self,
        stmt: &'a Stmt,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> CompileResult<()> {
        if let Some(v) = value {
            self.compile_expr(v)?;
            self.compile_store(target)?;
        }
        let at_namespace = matches!(self.unit().kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                if id == "__debug__" {
                    return Err(CompileError::syntax(
                        "cannot assign to __debug__",
                        target.span,
                    ));
                }
                if simple && at_namespace {
                    self.compile_expr(annotation)?;
                    self.set_loc(stmt.span);
                    let ann = self.raw_name_index("__annotations__");
                    self.emit(I::LoadName(ann));
                    let mangled =
                        crate::symtable::mangle(self.unit().private.as_deref(), id).into_owned();
                    self.load_const(Constant::Str(mangled));
                    self.emit(I::StoreSubscr);
                }
            }
            ExprKind::Attribute { value: obj, .. } => {
                if value.is_none() {
                    self.check_ann_expr(obj)?;
                }
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                if value.is_none() {
                    self.check_ann_expr(obj)?;
                    self.check_ann_subscript(slice)?;
                }
            }
            _ => {
                return Err(CompileError::syntax(
                    "invalid node type for annotated assignment",
                    target.span,
                ))
            }
        }
        if !simple && at_namespace {
            self.check_ann_expr(annotation)?;
        }
        Ok(())
    }

    /// Evaluates an expression for its side effects only.
    fn check_ann_expr(&mut self, e: &'a Expr) -> CompileResult<()> {
        self.compile_expr(e)?;
        self.emit(I::PopTop);
        Ok(())
    }

    fn check_ann_subscript(&mut self, e: &'a Expr) -> CompileResult<()> {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            ExprKind::Tuple { elts, .. } => {
                elts.iter().try_for_each(|x| self.check_ann_subscript(x))
            }
            _ => self.check_ann_expr(e),
        }
    }
}
