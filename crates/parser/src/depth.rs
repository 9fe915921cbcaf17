//! The nesting guard: keeps every expression tree shallow enough to be walked,
//! compiled and dropped recursively without overflowing the native stack.
//!
//! CPython compiles expressions up to about 2990 levels deep and raises
//! `RecursionError: maximum recursion depth exceeded during compilation` beyond
//! (`-` repeated, `a.b.c...`, `1+1+...`, `x if c else ...` all hit the same bound).
//! The parser is table driven, so it never recurses itself, but the trees it builds
//! would: every action that makes an expression from sub-expressions passes the
//! result through [`DepthGuard::check`]. A tree deeper than the limit is replaced by
//! a placeholder constant and the guard remembers the failure, which `crate::parse`
//! turns into [`crate::ParseErrorKind::TooDeep`]. Because no tree ever exceeds the
//! limit, the recursive helpers of this crate and the drop glue of the AST are safe.
//!
//! Measuring depth naively would cost a walk per node. A tree can only be deep if its
//! source text is long (each level adds at least one byte), so nodes spanning fewer
//! bytes than the limit are never measured, and the depth of each measured node is
//! memoised by span, so a chain of measurements stays linear.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use mempy_ast::{Constant, Expr, ExprKind, Span};

/// The deepest expression tree accepted (CPython accepts 2990 levels).
pub const MAX_DEPTH: u32 = 2990;

/// Tracks measured depths and whether the limit was exceeded.
#[derive(Default)]
pub struct DepthGuard {
    memo: RefCell<HashMap<(u32, u32), u32>>,
    exceeded: Cell<Option<Span>>,
}

impl DepthGuard {
    /// Returns `e`, or a placeholder if `e` is deeper than [`MAX_DEPTH`].
    pub fn check(&self, e: Expr) -> Expr {
        if e.span.len() < MAX_DEPTH {
            return e;
        }
        let d = self.depth(&e, 0);
        if d > MAX_DEPTH {
            if self.exceeded.get().is_none() {
                self.exceeded.set(Some(e.span));
            }
            let span = e.span;
            dismantle(e);
            return Expr::new(
                ExprKind::Constant {
                    value: Constant::None,
                },
                span,
            );
        }
        self.memo.borrow_mut().insert((e.span.start, e.span.end), d);
        e
    }

    /// The span of the first tree found too deep, if any.
    pub fn exceeded(&self) -> Option<Span> {
        self.exceeded.get()
    }

    /// The depth of `e`; `level` bounds the recursion in case some constructor
    /// forgot to call `check` (the result is then merely too large).
    fn depth(&self, e: &Expr, level: u32) -> u32 {
        if level > MAX_DEPTH + 64 {
            return MAX_DEPTH + 1;
        }
        if e.span.len() >= MAX_DEPTH && level > 0 {
            if let Some(&d) = self.memo.borrow().get(&(e.span.start, e.span.end)) {
                return d;
            }
        }
        let mut max = 0;
        for_each_child(e, &mut |c| max = max.max(self.depth(c, level + 1)));
        max + 1
    }
}

/// Drops a tree without deep recursion, by moving children into a work list.
fn dismantle(e: Expr) {
    let mut work = vec![e];
    while let Some(mut e) = work.pop() {
        take_children(&mut e, &mut work);
    }
}

/// Calls `f` on every direct sub-expression of `e`.
pub fn for_each_child(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    use ExprKind::*;
    match &e.kind {
        BoolOp { values, .. } => values.iter().for_each(f),
        NamedExpr { target, value } => {
            f(target);
            f(value);
        }
        BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        UnaryOp { operand, .. } => f(operand),
        Lambda { args, body } => {
            args.defaults.iter().for_each(&mut *f);
            args.kw_defaults.iter().flatten().for_each(&mut *f);
            for a in args
                .posonlyargs
                .iter()
                .chain(&args.args)
                .chain(&args.kwonlyargs)
            {
                a.annotation.iter().for_each(|x| f(x));
            }
            f(body);
        }
        IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        Dict { keys, values } => {
            keys.iter().flatten().for_each(&mut *f);
            values.iter().for_each(f);
        }
        Set { elts } | List { elts, .. } | Tuple { elts, .. } => elts.iter().for_each(f),
        ListComp { elt, generators }
        | SetComp { elt, generators }
        | GeneratorExp { elt, generators } => {
            f(elt);
            for g in generators {
                f(&g.target);
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
        }
        DictComp {
            key,
            value,
            generators,
        } => {
            f(key);
            f(value);
            for g in generators {
                f(&g.target);
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
        }
        Yield { value } => value.iter().for_each(|x| f(x)),
        YieldFrom { value } => f(value),
        Compare {
            left, comparators, ..
        } => {
            f(left);
            comparators.iter().for_each(f);
        }
        Call {
            func,
            args,
            keywords,
        } => {
            f(func);
            args.iter().for_each(&mut *f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        FormattedValue {
            value, format_spec, ..
        } => {
            f(value);
            format_spec.iter().for_each(|x| f(x));
        }
        JoinedStr { values } => values.iter().for_each(f),
        Constant { .. } | Name { .. } => {}
        Attribute { value, .. } | Starred { value, .. } => f(value),
        Subscript { value, slice, .. } => {
            f(value);
            f(slice);
        }
        Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                f(x);
            }
        }
    }
}

/// Moves the direct sub-expressions of `e` into `out` (used to drop iteratively).
fn take_children(e: &mut Expr, out: &mut Vec<Expr>) {
    use ExprKind::*;
    let placeholder = || {
        Expr::new(
            ExprKind::Constant {
                value: mempy_ast::Constant::None,
            },
            Span::default(),
        )
    };
    let mut take = |b: &mut Box<Expr>| out.push(std::mem::replace(&mut **b, placeholder()));
    match &mut e.kind {
        BinOp { left, right, .. } => {
            take(left);
            take(right);
        }
        UnaryOp { operand, .. } => take(operand),
        IfExp { test, body, orelse } => {
            take(test);
            take(body);
            take(orelse);
        }
        Lambda { body, .. } => take(body),
        NamedExpr { target, value } => {
            take(target);
            take(value);
        }
        Attribute { value, .. } | Starred { value, .. } | YieldFrom { value } => take(value),
        Subscript { value, slice, .. } => {
            take(value);
            take(slice);
        }
        Call { func, args, .. } => {
            take(func);
            out.append(args);
        }
        Compare {
            left, comparators, ..
        } => {
            take(left);
            out.append(comparators);
        }
        BoolOp { values, .. } | JoinedStr { values } => out.append(values),
        Set { elts } | List { elts, .. } | Tuple { elts, .. } => out.append(elts),
        Yield { value: Some(v) } => take(v),
        _ => {}
    }
}
