//! Constant folding: the part of CPython 3.11's AST optimizer (`Python/ast_opt.c`)
//! whose results are observable.
//!
//! The optimizer is run as one bottom-up pass that records, for every expression
//! that folds, the constant it folds to ([`FoldTable`]); the code generator asks the
//! table instead of rewriting the tree. Folded: unary operators on constants,
//! binary operators on constants within CPython's size limits (`safe_multiply`,
//! `safe_power`, `safe_lshift`, no `%` on str/bytes), tuples of constants, and
//! `__debug__`. Lists and sets of constants used as the iterable of `for`/`in` are
//! folded to a tuple/frozenset by the code generator itself (`fold_iter`). Anything
//! this pass cannot compute exactly as CPython would (complex arithmetic, float
//! powers, big int-to-float conversions) is simply left to run time, which gives
//! the same value.

use std::collections::HashMap;

use mempy_ast::{self as ast, BigInt, Expr, ExprContext, ExprKind, Operator, UnaryOperator};
use mempy_bytecode::Constant;
use num_bigint::Sign;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::symtable::node_key;

/// CPython's limits on folded results (`ast_opt.c`).
const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;
const MAX_TOTAL_ITEMS: usize = 1024;

/// The constants that expressions fold to, keyed by node address.
#[derive(Debug, Default)]
pub struct FoldTable {
    folded: HashMap<usize, Constant>,
}

impl FoldTable {
    /// The constant `expr` evaluates to at compile time, if any.
    pub fn constant(&self, expr: &Expr) -> Option<Constant> {
        match &expr.kind {
            ExprKind::Constant { value } => Some(from_ast(value)),
            _ => self.folded.get(&node_key(expr)).cloned(),
        }
    }

    /// True when `expr` is a constant after folding.
    pub fn is_constant(&self, expr: &Expr) -> bool {
        matches!(expr.kind, ExprKind::Constant { .. }) || self.folded.contains_key(&node_key(expr))
    }

    /// Folds `expr` and its subexpressions (nested scopes included) into the table.
    pub fn fold(&mut self, expr: &Expr) -> Option<Constant> {
        // The symbol-table pass has already rejected trees deeper than the recursion
        // limit, so this walk cannot overflow.
        let result = match &expr.kind {
            ExprKind::Constant { value } => return Some(from_ast(value)),
            ExprKind::Name {
                id,
                ctx: ExprContext::Load,
            } if id == "__debug__" => Some(Constant::Bool(true)),
            ExprKind::UnaryOp { op, operand } => {
                let v = self.fold(operand)?;
                fold_unary(*op, &v)
            }
            ExprKind::BinOp { left, op, right } => {
                let l = self.fold(left);
                let r = self.fold(right);
                fold_binary(*op, &l?, &r?)
            }
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            } => {
                let mut items = Vec::with_capacity(elts.len());
                let mut all = true;
                for e in elts {
                    match self.fold(e) {
                        Some(c) if !matches!(e.kind, ExprKind::Starred { .. }) => items.push(c),
                        _ => all = false,
                    }
                }
                all.then_some(Constant::Tuple(items))
            }
            _ => {
                self.fold_children(expr);
                None
            }
        };
        if let Some(c) = &result {
            self.folded.insert(node_key(expr), c.clone());
        }
        result
    }

    fn fold_generators(&mut self, generators: &[ast::Comprehension]) {
        for g in generators {
            self.fold(&g.iter);
            self.fold(&g.target);
            g.ifs.iter().for_each(|e| {
                self.fold(e);
            });
        }
    }

    fn fold_arguments(&mut self, args: &ast::Arguments) {
        args.defaults.iter().for_each(|e| {
            self.fold(e);
        });
        args.kw_defaults.iter().flatten().for_each(|e| {
            self.fold(e);
        });
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs);
        for arg in all
            .chain(args.vararg.as_deref())
            .chain(args.kwarg.as_deref())
        {
            if let Some(a) = &arg.annotation {
                self.fold(a);
            }
        }
    }

    /// Folds every expression of `body`, nested scopes included.
    pub fn fold_body(&mut self, body: &[ast::Stmt]) {
        body.iter().for_each(|s| self.fold_stmt(s));
    }

    fn fold_stmt(&mut self, stmt: &ast::Stmt) {
        use ast::StmtKind as S;
        match &stmt.kind {
            S::FunctionDef(def) => {
                def.decorator_list.iter().for_each(|e| {
                    self.fold(e);
                });
                self.fold_arguments(&def.args);
                if let Some(r) = &def.returns {
                    self.fold(r);
                }
                self.fold_body(&def.body);
            }
            S::ClassDef(def) => {
                def.decorator_list.iter().chain(&def.bases).for_each(|e| {
                    self.fold(e);
                });
                def.keywords.iter().for_each(|k| {
                    self.fold(&k.value);
                });
                self.fold_body(&def.body);
            }
            S::Return { value } => {
                if let Some(v) = value {
                    self.fold(v);
                }
            }
            S::Delete { targets } => targets.iter().for_each(|e| {
                self.fold(e);
            }),
            S::Assign { targets, value } => {
                targets.iter().for_each(|e| {
                    self.fold(e);
                });
                self.fold(value);
            }
            S::AugAssign { target, value, .. } => {
                self.fold(target);
                self.fold(value);
            }
            S::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.fold(target);
                self.fold(annotation);
                if let Some(v) = value {
                    self.fold(v);
                }
            }
            S::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.fold(target);
                self.fold(iter);
                self.fold_body(body);
                self.fold_body(orelse);
            }
            S::While { test, body, orelse } | S::If { test, body, orelse } => {
                self.fold(test);
                self.fold_body(body);
                self.fold_body(orelse);
            }
            S::With { items, body } => {
                for item in items {
                    self.fold(&item.context_expr);
                    if let Some(v) = &item.optional_vars {
                        self.fold(v);
                    }
                }
                self.fold_body(body);
            }
            S::Raise { exc, cause } => {
                for e in [exc, cause].into_iter().flatten() {
                    self.fold(e);
                }
            }
            S::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.fold_body(body);
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.fold(t);
                    }
                    self.fold_body(&h.body);
                }
                self.fold_body(orelse);
                self.fold_body(finalbody);
            }
            S::Assert { test, msg } => {
                self.fold(test);
                if let Some(m) = msg {
                    self.fold(m);
                }
            }
            S::Expr { value } => {
                self.fold(value);
            }
            S::Import { .. } | S::ImportFrom { .. } | S::Global { .. } | S::Nonlocal { .. } => {}
            S::Pass | S::Break | S::Continue => {}
        }
    }

    fn fold_children(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::BoolOp { values, .. } => values.iter().for_each(|e| {
                self.fold(e);
            }),
            ExprKind::NamedExpr { value, .. } => {
                self.fold(value);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.fold(test);
                self.fold(body);
                self.fold(orelse);
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().for_each(|e| {
                    self.fold(e);
                });
                values.iter().for_each(|e| {
                    self.fold(e);
                });
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                elts.iter().for_each(|e| {
                    self.fold(e);
                })
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.fold_generators(generators);
                self.fold(elt);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.fold_generators(generators);
                self.fold(key);
                self.fold(value);
            }
            ExprKind::Yield { value: Some(v) } => {
                self.fold(v);
            }
            ExprKind::YieldFrom { value }
            | ExprKind::Attribute { value, .. }
            | ExprKind::Starred { value, .. } => {
                self.fold(value);
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.fold(left);
                comparators.iter().for_each(|e| {
                    self.fold(e);
                });
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.fold(func);
                args.iter().for_each(|e| {
                    self.fold(e);
                });
                keywords.iter().for_each(|k| {
                    self.fold(&k.value);
                });
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.fold(value);
                if let Some(s) = format_spec {
                    self.fold(s);
                }
            }
            ExprKind::JoinedStr { values } => values.iter().for_each(|e| {
                self.fold(e);
            }),
            ExprKind::Subscript { value, slice, .. } => {
                self.fold(value);
                self.fold(slice);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.fold(part);
                }
            }
            ExprKind::Lambda { args, body } => {
                self.fold_arguments(args);
                self.fold(body);
            }
            _ => {}
        }
    }
}

/// Converts an AST literal to a bytecode constant.
pub fn from_ast(value: &ast::Constant) -> Constant {
    match value {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Int(i) => Constant::Int(i.clone()),
        ast::Constant::Float(f) => Constant::Float(*f),
        ast::Constant::Complex { real, imag } => Constant::Complex {
            real: *real,
            imag: *imag,
        },
        ast::Constant::Str(s) => Constant::Str(s.clone()),
        ast::Constant::Bytes(b) => Constant::Bytes(b.clone()),
        ast::Constant::Ellipsis => Constant::Ellipsis,
    }
}

/// Python truthiness of a constant.
pub fn truthy(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(i) => !i.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Ellipsis | Constant::Code(_) => true,
        Constant::Tuple(items) | Constant::FrozenSet(items) => !items.is_empty(),
    }
}

/// An int operand: ints and bools.
fn as_int(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Int(i) => Some(i.clone()),
        Constant::Bool(b) => Some(BigInt::from(*b as u8)),
        _ => None,
    }
}

/// A float operand: floats, and ints that convert to a float exactly (so that the
/// conversion cannot differ from CPython's correctly rounded one).
fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        _ => {
            let i = as_int(c)?;
            let significant = i.bits() - i.trailing_zeros().unwrap_or(0);
            if significant <= 53 && i.bits() <= 1000 {
                i.to_f64()
            } else {
                None
            }
        }
    }
}

fn fold_unary(op: UnaryOperator, v: &Constant) -> Option<Constant> {
    match op {
        UnaryOperator::Not => Some(Constant::Bool(!truthy(v))),
        UnaryOperator::USub => match v {
            Constant::Float(f) => Some(Constant::Float(-f)),
            Constant::Complex { real, imag } => Some(Constant::Complex {
                real: -real,
                imag: -imag,
            }),
            _ => Some(Constant::Int(-as_int(v)?)),
        },
        UnaryOperator::UAdd => match v {
            Constant::Float(_) | Constant::Complex { .. } => Some(v.clone()),
            _ => Some(Constant::Int(as_int(v)?)),
        },
        UnaryOperator::Invert => Some(Constant::Int(!as_int(v)?)),
    }
}

fn fold_binary(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    use Constant as C;
    if let (Some(a), Some(b)) = (as_int(l), as_int(r)) {
        if matches!(op, Operator::BitAnd | Operator::BitOr | Operator::BitXor) {
            if let (C::Bool(x), C::Bool(y)) = (l, r) {
                return Some(C::Bool(match op {
                    Operator::BitAnd => x & y,
                    Operator::BitOr => x | y,
                    _ => x ^ y,
                }));
            }
        }
        return fold_int(op, a, b);
    }
    match (op, l, r) {
        (Operator::Add, C::Str(a), C::Str(b)) => Some(C::Str(format!("{a}{b}"))),
        (Operator::Add, C::Bytes(a), C::Bytes(b)) => {
            Some(C::Bytes([a.as_slice(), b.as_slice()].concat()))
        }
        (Operator::Add, C::Tuple(a), C::Tuple(b)) => {
            Some(C::Tuple([a.as_slice(), b.as_slice()].concat()))
        }
        (Operator::Mult, C::Str(_) | C::Bytes(_) | C::Tuple(_), _) if as_int(r).is_some() => {
            repeat(l, r)
        }
        (Operator::Mult, _, C::Str(_) | C::Bytes(_) | C::Tuple(_)) if as_int(l).is_some() => {
            repeat(r, l)
        }
        (_, C::Complex { .. }, _) | (_, _, C::Complex { .. }) => {
            fold_complex(op, as_complex(l)?, as_complex(r)?)
        }
        _ => fold_float(op, as_float(l)?, as_float(r)?),
    }
}

fn as_complex(c: &Constant) -> Option<(f64, f64)> {
    match c {
        Constant::Complex { real, imag } => Some((*real, *imag)),
        _ => Some((as_float(c)?, 0.0)),
    }
}

/// `+`, `-` and `*` on complex numbers, with CPython's formulas (`_Py_c_sum`,
/// `_Py_c_diff`, `_Py_c_prod`).
fn fold_complex(op: Operator, (a, b): (f64, f64), (c, d): (f64, f64)) -> Option<Constant> {
    let (real, imag) = match op {
        Operator::Add => (a + c, b + d),
        Operator::Sub => (a - c, b - d),
        Operator::Mult => (a * c - b * d, a * d + b * c),
        _ => return None,
    };
    Some(Constant::Complex { real, imag })
}

fn fold_float(op: Operator, a: f64, b: f64) -> Option<Constant> {
    let v = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => a * b,
        Operator::Div if b != 0.0 => a / b,
        Operator::FloorDiv if b != 0.0 => float_divmod(a, b).0,
        Operator::Mod if b != 0.0 => float_divmod(a, b).1,
        Operator::Pow => {
            // Only the cases where CPython's `float_pow` is C's `pow` and succeeds:
            // no zero to a negative power, no negative base with a fractional
            // exponent (complex result), no overflow, no infinities or NaNs.
            if !a.is_finite()
                || !b.is_finite()
                || (a == 0.0 && b < 0.0)
                || (a < 0.0 && b.fract() != 0.0)
            {
                return None;
            }
            let v = a.powf(b);
            if !v.is_finite() {
                return None;
            }
            v
        }
        _ => return None,
    };
    Some(Constant::Float(v))
}

/// CPython's `float_divmod`.
fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn fold_int(op: Operator, a: BigInt, b: BigInt) -> Option<Constant> {
    let v = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => {
            if !a.is_zero() && !b.is_zero() && a.bits() + b.bits() > MAX_INT_SIZE {
                return None;
            }
            a * b
        }
        Operator::FloorDiv if !b.is_zero() => a.div_floor(&b),
        Operator::Mod if !b.is_zero() => a.mod_floor(&b),
        Operator::Div if !b.is_zero() => {
            // Exact operands make the float division correctly rounded, as CPython's.
            let (x, y) = (as_float(&Constant::Int(a))?, as_float(&Constant::Int(b))?);
            return Some(Constant::Float(x / y));
        }
        Operator::Pow => {
            if b.sign() == Sign::Minus {
                // CPython computes int ** negative int in floats.
                return fold_float(
                    op,
                    as_float(&Constant::Int(a))?,
                    as_float(&Constant::Int(b))?,
                );
            }
            let exp = b.to_u64()?;
            if !a.is_zero() && exp > 0 && a.bits() > MAX_INT_SIZE / exp {
                return None;
            }
            num_traits::pow::pow(a, usize::try_from(exp).ok()?)
        }
        Operator::LShift => {
            if b.is_negative() {
                return None;
            }
            if a.is_zero() || b.is_zero() {
                return Some(Constant::Int(a));
            }
            let shift = b.to_u64()?;
            if shift > MAX_INT_SIZE || a.bits() > MAX_INT_SIZE - shift {
                return None;
            }
            a << shift as usize
        }
        Operator::RShift => {
            if b.is_negative() {
                return None;
            }
            match b.to_u64() {
                Some(s) if s < 1 << 20 => a >> s as usize,
                _ => {
                    if a.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        Operator::BitAnd => a & b,
        Operator::BitOr => a | b,
        Operator::BitXor => a ^ b,
        _ => return None,
    };
    Some(Constant::Int(v))
}

/// `seq * n` within CPython's limits.
fn repeat(seq: &Constant, n: &Constant) -> Option<Constant> {
    let n = as_int(n)?;
    let count = if n.is_negative() { 0 } else { n.to_usize()? };
    match seq {
        Constant::Str(s) => {
            let len = s.chars().count();
            if len > 0 && count > MAX_STR_SIZE / len {
                return None;
            }
            Some(Constant::Str(s.repeat(count)))
        }
        Constant::Bytes(b) => {
            if !b.is_empty() && count > MAX_STR_SIZE / b.len() {
                return None;
            }
            Some(Constant::Bytes(b.repeat(count)))
        }
        Constant::Tuple(items) => {
            if !items.is_empty() {
                if count > MAX_COLLECTION_SIZE / items.len() {
                    return None;
                }
                if count > 0 && complexity(items) > MAX_TOTAL_ITEMS / count {
                    return None;
                }
            }
            let mut out = Vec::with_capacity(items.len() * count);
            for _ in 0..count {
                out.extend(items.iter().cloned());
            }
            Some(Constant::Tuple(out))
        }
        _ => None,
    }
}

/// CPython's `check_complexity`: the number of items in nested tuples.
fn complexity(items: &[Constant]) -> usize {
    items
        .iter()
        .map(|c| match c {
            Constant::Tuple(inner) | Constant::FrozenSet(inner) => 1 + complexity(inner),
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_folding_follows_python() {
        let f = |op, a: i64, b: i64| fold_int(op, BigInt::from(a), BigInt::from(b));
        assert_eq!(
            f(Operator::FloorDiv, -7, 2),
            Some(Constant::Int(BigInt::from(-4)))
        );
        assert_eq!(
            f(Operator::Mod, -7, 2),
            Some(Constant::Int(BigInt::from(1)))
        );
        assert_eq!(
            f(Operator::RShift, -7, 1),
            Some(Constant::Int(BigInt::from(-4)))
        );
        // CPython's safe_power: bits(base) * exponent must stay within 128 bits.
        assert_eq!(
            f(Operator::Pow, 2, 64),
            Some(Constant::Int(BigInt::from(2).pow(64)))
        );
        assert_eq!(f(Operator::Pow, 2, 100), None);
        assert_eq!(
            f(Operator::LShift, 1, 100),
            Some(Constant::Int(BigInt::from(1) << 100))
        );
        assert_eq!(f(Operator::Mod, 1, 0), None);
        assert_eq!(f(Operator::Div, 1, 2), Some(Constant::Float(0.5)));
    }

    #[test]
    fn float_divmod_matches_python() {
        assert_eq!(float_divmod(-7.5, 2.0), (-4.0, 0.5));
        assert_eq!(float_divmod(7.5, -2.0), (-4.0, -0.5));
    }

    #[test]
    fn repetition_limits() {
        let s = Constant::Str("a".into());
        assert_eq!(
            repeat(&s, &Constant::Int(BigInt::from(5))),
            Some(Constant::Str("aaaaa".into()))
        );
        assert_eq!(repeat(&s, &Constant::Int(BigInt::from(5000))), None);
    }
}
