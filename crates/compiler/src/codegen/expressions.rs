//! Expressions: operators, comparisons, boolean logic, displays, f-strings,
//! attributes, subscripts, names and `yield`.
//!
//! Every expression sets the current location to its own span while its
//! instructions are emitted and restores the parent's afterwards, so an operator
//! instruction carries the whole operator expression's span, as CPython 3.11's
//! tracebacks expect. Displays are built as CPython 3.11's `starunpack_helper` and
//! `compiler_dict` do (this decides the over-allocation of the resulting list, set
//! or dict, which `sys.getsizeof` shows).

use mempy_ast::{
    BoolOperator, CmpOperator, Expr, ExprContext, ExprKind, Operator, Span, UnaryOperator,
};
use mempy_bytecode::{
    BinaryOperator, ComparisonOperator, Constant, Conversion, Instruction as I, UnaryOperator as U,
};

use super::unit::Label;
use super::Compiler;
use crate::error::{CompileError, CompileResult};
use crate::fold::truthy;
use crate::symtable::ScopeKind;

/// CPython's `STACK_USE_GUIDELINE`: displays and calls with more items are built
/// incrementally.
pub(super) const STACK_USE_GUIDELINE: usize = 30;

/// Builds an instruction from its argument (`I::BuildList`, `I::ListAppend`, ...).
type MakeOp = fn(u32) -> I;

/// Which display `starunpack` builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Display {
    List,
    Set,
    Tuple,
}

pub(super) fn binary_operator(op: Operator, inplace: bool) -> BinaryOperator {
    use BinaryOperator as B;
    let plain = match op {
        Operator::Add => B::Add,
        Operator::Sub => B::Subtract,
        Operator::Mult => B::Multiply,
        Operator::MatMult => B::MatrixMultiply,
        Operator::Div => B::TrueDivide,
        Operator::Mod => B::Remainder,
        Operator::Pow => B::Power,
        Operator::LShift => B::LShift,
        Operator::RShift => B::RShift,
        Operator::BitOr => B::Or,
        Operator::BitXor => B::Xor,
        Operator::BitAnd => B::And,
        Operator::FloorDiv => B::FloorDivide,
    };
    if !inplace {
        return plain;
    }
    match plain {
        B::Add => B::InplaceAdd,
        B::Subtract => B::InplaceSubtract,
        B::Multiply => B::InplaceMultiply,
        B::MatrixMultiply => B::InplaceMatrixMultiply,
        B::TrueDivide => B::InplaceTrueDivide,
        B::Remainder => B::InplaceRemainder,
        B::Power => B::InplacePower,
        B::LShift => B::InplaceLShift,
        B::RShift => B::InplaceRShift,
        B::Or => B::InplaceOr,
        B::Xor => B::InplaceXor,
        B::And => B::InplaceAnd,
        B::FloorDivide => B::InplaceFloorDivide,
        other => other,
    }
}

fn compare_instruction(op: CmpOperator) -> I {
    match op {
        CmpOperator::Eq => I::CompareOp(ComparisonOperator::Equal),
        CmpOperator::NotEq => I::CompareOp(ComparisonOperator::NotEqual),
        CmpOperator::Lt => I::CompareOp(ComparisonOperator::Less),
        CmpOperator::LtE => I::CompareOp(ComparisonOperator::LessOrEqual),
        CmpOperator::Gt => I::CompareOp(ComparisonOperator::Greater),
        CmpOperator::GtE => I::CompareOp(ComparisonOperator::GreaterOrEqual),
        CmpOperator::Is => I::IsOp(false),
        CmpOperator::IsNot => I::IsOp(true),
        CmpOperator::In => I::ContainsOp(false),
        CmpOperator::NotIn => I::ContainsOp(true),
    }
}

impl<'a> Compiler<'a> {
    /// Compiles `e` so that its value ends up on top of the stack.
    pub(super) fn compile_expr(&mut self, e: &'a Expr) -> CompileResult<()> {
        self.enter_depth(e.span)?;
        let saved = self.unit().loc;
        self.set_loc(e.span);
        let result = self.compile_expr_inner(e);
        self.unit_mut().loc = saved;
        self.leave_depth();
        result
    }

    pub(super) fn compile_exprs(&mut self, exprs: &'a [Expr]) -> CompileResult<()> {
        exprs.iter().try_for_each(|e| self.compile_expr(e))
    }

    fn compile_expr_inner(&mut self, e: &'a Expr) -> CompileResult<()> {
        if let Some(c) = self.folds.constant(e) {
            self.load_const(c);
            return Ok(());
        }
        match &e.kind {
            ExprKind::BoolOp { op, values } => self.compile_bool_op(*op, values)?,
            ExprKind::NamedExpr { target, value } => {
                self.compile_expr(value)?;
                self.emit(I::Copy(1));
                self.compile_store(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.compile_expr(left)?;
                self.compile_expr(right)?;
                self.emit(I::BinaryOp(binary_operator(*op, false)));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.compile_expr(operand)?;
                self.emit(I::UnaryOp(match op {
                    UnaryOperator::Invert => U::Invert,
                    UnaryOperator::Not => U::Not,
                    UnaryOperator::UAdd => U::Positive,
                    UnaryOperator::USub => U::Negative,
                }));
            }
            ExprKind::Lambda { args, body } => self.compile_lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let next = self.new_label();
                self.compile_jump_if(test, next, false)?;
                self.compile_expr(body)?;
                self.emit_jump(I::Jump, end);
                self.bind(next);
                self.compile_expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict { keys, values } => self.compile_dict(keys, values)?,
            ExprKind::Set { elts } => self.starunpack(elts, 0, Display::Set)?,
            ExprKind::List {
                elts,
                ctx: ExprContext::Load,
            } => self.starunpack(elts, 0, Display::List)?,
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            } => self.starunpack(elts, 0, Display::Tuple)?,
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.compile_comprehension(e)?,
            ExprKind::Yield { value } => {
                self.check_yield(e.span)?;
                match value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.emit(I::YieldValue);
            }
            ExprKind::YieldFrom { value } => {
                self.check_yield(e.span)?;
                self.compile_expr(value)?;
                self.emit(I::GetYieldFromIter);
                self.load_const(Constant::None);
                self.emit(I::YieldFrom);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compile_compare(left, ops, comparators)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.compile_call(e, func, args, keywords)?,
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.compile_expr(value)?;
                let conversion = match conversion {
                    Some('s') => Conversion::Str,
                    Some('r') => Conversion::Repr,
                    Some('a') => Conversion::Ascii,
                    _ => Conversion::None,
                };
                if let Some(spec) = format_spec {
                    self.compile_expr(spec)?;
                }
                self.emit(I::FormatValue {
                    conversion,
                    has_spec: format_spec.is_some(),
                });
            }
            ExprKind::JoinedStr { values } => self.compile_joined_str(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute {
                value,
                attr,
                ctx: _,
            } => {
                self.compile_expr(value)?;
                self.set_attr_loc(e, attr);
                let i = self.name_index(attr);
                self.emit(I::LoadAttr(i));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.compile_expr(value)?;
                self.compile_expr(slice)?;
                self.emit(I::BinarySubscr);
            }
            ExprKind::Starred { ctx, .. } => {
                let msg = if *ctx == ExprContext::Store {
                    "starred assignment target must be in a list or tuple"
                } else {
                    "can't use starred expression here"
                };
                return Err(CompileError::syntax(msg, e.span));
            }
            ExprKind::Name { id, ctx } => self.name_access(id, *ctx, e.span)?,
            ExprKind::List { .. } | ExprKind::Tuple { .. } => {
                // A Store/Del display reached as a value: only targets use these.
                return Err(CompileError::syntax("invalid syntax", e.span));
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.compile_expr(p)?,
                        None => self.load_const(Constant::None),
                    }
                }
                let mut n = 2;
                if let Some(s) = step {
                    self.compile_expr(s)?;
                    n = 3;
                }
                self.emit(I::BuildSlice(n));
            }
        }
        Ok(())
    }

    /// For attribute instructions, CPython 3.11 moves the start of a multi-line
    /// attribute expression to the attribute name (`update_start_location_to_match_attr`).
    pub(super) fn set_attr_loc(&mut self, e: &Expr, attr: &str) {
        let loc = self.location(e.span);
        let unit = self.unit_mut();
        if unit.loc.line != loc.end_line {
            unit.loc.line = loc.end_line;
            unit.loc.col = loc.end_col.saturating_sub(attr.len() as u32);
            unit.loc.end_line = loc.end_line;
        }
    }

    fn check_yield(&self, span: Span) -> CompileResult<()> {
        if self.table.scope(self.unit().scope).kind != ScopeKind::Function {
            return Err(CompileError::syntax("'yield' outside function", span));
        }
        Ok(())
    }

    fn compile_bool_op(&mut self, op: BoolOperator, values: &'a [Expr]) -> CompileResult<()> {
        let end = self.new_label();
        let jump: fn(u32) -> I = match op {
            BoolOperator::And => I::JumpIfFalseOrPop,
            BoolOperator::Or => I::JumpIfTrueOrPop,
        };
        let (last, rest) = match values.split_last() {
            Some(x) => x,
            None => return Ok(()),
        };
        for v in rest {
            self.compile_expr(v)?;
            self.emit_jump(jump, end);
        }
        self.compile_expr(last)?;
        self.bind(end);
        Ok(())
    }

    /// The right operand of a comparison: a list or set display of constants after
    /// `in`/`not in` is a constant tuple/frozenset (CPython's `fold_compare`).
    fn compile_comparator(
        &mut self,
        op: CmpOperator,
        e: &'a Expr,
        last: bool,
    ) -> CompileResult<()> {
        if last && matches!(op, CmpOperator::In | CmpOperator::NotIn) {
            return self.compile_iterable(e);
        }
        self.compile_expr(e)
    }

    fn compile_compare(
        &mut self,
        left: &'a Expr,
        ops: &'a [CmpOperator],
        comparators: &'a [Expr],
    ) -> CompileResult<()> {
        self.compile_expr(left)?;
        let n = ops.len().min(comparators.len());
        if n == 0 {
            return Ok(());
        }
        if n == 1 {
            self.compile_comparator(ops[0], &comparators[0], true)?;
            self.emit(compare_instruction(ops[0]));
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n - 1 {
            self.compile_expr(&comparators[i])?;
            self.emit(I::Swap(2));
            self.emit(I::Copy(2));
            self.emit(compare_instruction(ops[i]));
            self.emit_jump(I::JumpIfFalseOrPop, cleanup);
        }
        self.compile_comparator(ops[n - 1], &comparators[n - 1], true)?;
        self.emit(compare_instruction(ops[n - 1]));
        let end = self.new_label();
        self.emit_jump(I::Jump, end);
        self.bind(cleanup);
        self.emit(I::Swap(2));
        self.emit(I::PopTop);
        self.bind(end);
        Ok(())
    }

    /// Jumps to `target` when `e` is truthy (`cond`) or falsy (`!cond`), falling
    /// through otherwise (CPython's `compiler_jump_if`).
    ///
    /// As in CPython 3.11, a comparison reached here sets the current location to
    /// its own span and leaves it set: code emitted after the test (the raise of an
    /// `assert`) carries the position of the last comparison of the test.
    pub(super) fn compile_jump_if(
        &mut self,
        e: &'a Expr,
        target: Label,
        cond: bool,
    ) -> CompileResult<()> {
        self.enter_depth(e.span)?;
        let result = self.compile_jump_if_inner(e, target, cond);
        self.leave_depth();
        result
    }

    fn compile_jump_if_inner(
        &mut self,
        e: &'a Expr,
        target: Label,
        cond: bool,
    ) -> CompileResult<()> {
        if let Some(c) = self.folds.constant(e) {
            if truthy(&c) == cond {
                self.emit_jump(I::Jump, target);
            }
            return Ok(());
        }
        if let ExprKind::Compare { .. } = &e.kind {
            self.set_loc(e.span);
        }
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOperator::Not,
                operand,
            } => {
                return self.compile_jump_if(operand, target, !cond);
            }
            ExprKind::BoolOp { op, values } => {
                let Some((last, rest)) = values.split_last() else {
                    return Ok(());
                };
                let cond2 = *op == BoolOperator::Or;
                let next2 = if cond2 != cond {
                    self.new_label()
                } else {
                    target
                };
                for v in rest {
                    self.compile_jump_if(v, next2, cond2)?;
                }
                self.compile_jump_if(last, target, cond)?;
                if next2 != target {
                    self.bind(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.compile_jump_if(test, next2, false)?;
                self.compile_jump_if(body, target, cond)?;
                self.emit_jump(I::Jump, end);
                self.bind(next2);
                self.compile_jump_if(orelse, target, cond)?;
                self.bind(end);
                return Ok(());
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if ops.len() > 1 && comparators.len() == ops.len() => {
                let n = ops.len() - 1;
                let cleanup = self.new_label();
                self.compile_expr(left)?;
                for i in 0..n {
                    self.compile_expr(&comparators[i])?;
                    self.emit(I::Swap(2));
                    self.emit(I::Copy(2));
                    self.emit(compare_instruction(ops[i]));
                    self.emit_jump(I::PopJumpIfFalse, cleanup);
                }
                self.compile_comparator(ops[n], &comparators[n], true)?;
                self.emit(compare_instruction(ops[n]));
                self.emit_jump(
                    if cond {
                        I::PopJumpIfTrue
                    } else {
                        I::PopJumpIfFalse
                    },
                    target,
                );
                let end = self.new_label();
                self.emit_jump(I::Jump, end);
                self.bind(cleanup);
                self.emit(I::PopTop);
                if !cond {
                    self.emit_jump(I::Jump, target);
                }
                self.bind(end);
                return Ok(());
            }
            _ => {}
        }
        self.compile_expr(e)?;
        self.emit_jump(
            if cond {
                I::PopJumpIfTrue
            } else {
                I::PopJumpIfFalse
            },
            target,
        );
        Ok(())
    }

    /// Builds a list, set or tuple from `elts` (with `*` items), `pushed` items
    /// being already on the stack (CPython's `starunpack_helper`).
    pub(super) fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        kind: Display,
    ) -> CompileResult<()> {
        let n = elts.len();
        let is_starred = |e: &Expr| matches!(e.kind, ExprKind::Starred { .. });
        let (build, add, extend): (MakeOp, MakeOp, MakeOp) = match kind {
            Display::Set => (I::BuildSet, I::SetAdd, I::SetUpdate),
            Display::List | Display::Tuple => (I::BuildList, I::ListAppend, I::ListExtend),
        };
        if n > 2
            && elts
                .iter()
                .all(|e| !is_starred(e) && self.folds.is_constant(e))
        {
            let items: Vec<Constant> = elts.iter().filter_map(|e| self.folds.constant(e)).collect();
            if kind == Display::Tuple && pushed == 0 {
                self.load_const(Constant::Tuple(items));
                return Ok(());
            }
            let folded = if kind == Display::Set {
                Constant::FrozenSet(items)
            } else {
                Constant::Tuple(items)
            };
            self.emit(build(pushed));
            self.load_const(folded);
            self.emit(extend(1));
            if kind == Display::Tuple {
                self.emit(I::ListToTuple);
            }
            return Ok(());
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(is_starred);
        if !seen_star && !big {
            self.compile_exprs(elts)?;
            let count = n as u32 + pushed;
            if kind == Display::Tuple {
                self.build_tuple(count);
            } else {
                self.emit(build(count));
            }
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build(pushed));
            built = true;
        }
        for (i, elt) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &elt.kind {
                if !built {
                    self.emit(build(i as u32 + pushed));
                    built = true;
                }
                self.compile_expr(value)?;
                self.emit(extend(1));
            } else {
                self.compile_expr(elt)?;
                if built {
                    self.emit(add(1));
                }
            }
        }
        if !built {
            self.emit(build(n as u32 + pushed));
        }
        if kind == Display::Tuple {
            self.emit(I::ListToTuple);
        }
        Ok(())
    }

    /// `{k: v, **m}` (CPython's `compiler_dict`).
    fn compile_dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CompileResult<()> {
        let n = keys.len().min(values.len());
        let mut have_dict = false;
        let mut elements = 0usize;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.compile_subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit(I::DictUpdate(1));
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(I::BuildMap(0));
                    have_dict = true;
                }
                self.compile_expr(&values[i])?;
                self.emit(I::DictUpdate(1));
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.compile_subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit(I::DictUpdate(1));
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.compile_subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit(I::DictUpdate(1));
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(I::BuildMap(0));
        }
        Ok(())
    }

    fn compile_subdict(
        &mut self,
        keys: &'a [Option<Expr>],
        values: &'a [Expr],
        begin: usize,
        end: usize,
    ) -> CompileResult<()> {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        let const_keys: Option<Vec<Constant>> = keys[begin..end]
            .iter()
            .map(|k| k.as_ref().and_then(|k| self.folds.constant(k)))
            .collect();
        if let (true, Some(const_keys)) = (n > 1 && !big, const_keys) {
            self.compile_exprs(&values[begin..end])?;
            self.load_const(Constant::Tuple(const_keys));
            self.emit(I::BuildConstKeyMap(n as u32));
            return Ok(());
        }
        if big {
            self.emit(I::BuildMap(0));
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.compile_expr(k)?;
            }
            self.compile_expr(&values[i])?;
            if big {
                self.emit(I::MapAdd(1));
            }
        }
        if !big {
            self.emit(I::BuildMap(n as u32));
        }
        Ok(())
    }

    fn compile_joined_str(&mut self, values: &'a [Expr]) -> CompileResult<()> {
        if values.len() > STACK_USE_GUIDELINE {
            self.load_const(Constant::Str(String::new()));
            let join = self.raw_name_index("join");
            self.emit(I::LoadMethod(join));
            self.emit(I::BuildList(0));
            for v in values {
                self.compile_expr(v)?;
                self.emit(I::ListAppend(1));
            }
            self.emit(I::CallMethod(1));
            return Ok(());
        }
        self.compile_exprs(values)?;
        if values.len() != 1 {
            self.emit(I::BuildString(values.len() as u32));
        }
        Ok(())
    }
}
