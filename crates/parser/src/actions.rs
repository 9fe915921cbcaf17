//! Grammar actions longer than one line: building nodes, converting expressions
//! into assignment and deletion targets, and the checks CPython's grammar makes
//! with its `invalid_*` rules (each with CPython's message and caret span).
//!
//! Every expression built from sub-expressions goes through [`Ctx::guard`] (see
//! `crate::depth`). String literals are handed to `crate::strings`. The grammar file
//! is `grammar/python.lalrpop`; read it side by side with this one.

use mempy_ast::*;

use crate::depth::DepthGuard;
use crate::error::ParseError;
use crate::strings;

/// The lalrpop error type the fallible actions return.
pub type LError = lalrpop_util::ParseError<usize, crate::lexer::Token, ParseError>;
type R<T> = Result<T, LError>;

/// State shared by all actions of one parse: the source and the depth guard.
pub struct Ctx<'s> {
    pub src: &'s str,
    /// Added to every offset (non-zero when parsing an f-string field).
    pub base: usize,
    pub depth: &'s DepthGuard,
    /// The logical token stream (for error locations that name the next token).
    pub tokens: &'s [crate::lexer::Spanned],
}

impl<'s> Ctx<'s> {
    /// Passes a freshly built expression through the depth guard.
    pub fn guard(&self, e: Expr) -> Expr {
        self.depth.check(e)
    }

    /// The source text between absolute offsets `l` and `r`.
    pub fn text(&self, l: usize, r: usize) -> &'s str {
        self.src
            .get(l.saturating_sub(self.base)..r.saturating_sub(self.base))
            .unwrap_or("")
    }
}

/// A `def` or `lambda` parameter before grouping into [`Arguments`].
pub enum Param {
    Plain(Arg, Option<Expr>),
    /// `*` or `*name`, with the offset of the star.
    Star(Option<Arg>, usize),
    DoubleStar(Arg, usize),
    Slash(usize),
}

/// One call argument before grouping into positional arguments and keywords.
pub enum ArgItem {
    Positional(Expr),
    Generator(Expr, Vec<Comprehension>, usize, usize),
    DoubleStar(Expr, usize, usize),
    Keyword(Expr, Expr, usize, usize),
}

/// Which comprehension a display is.
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

fn user(e: ParseError) -> LError {
    lalrpop_util::ParseError::User { error: e }
}

fn err<T>(msg: impl Into<String>, span: Span) -> R<T> {
    Err(user(ParseError::at(msg, span)))
}

pub fn sp(l: usize, r: usize) -> Span {
    Span::new(l, r)
}

fn expr(kind: ExprKind, l: usize, r: usize) -> Expr {
    Expr::new(kind, sp(l, r))
}

fn stmt(kind: StmtKind, l: usize, r: usize) -> Stmt {
    Stmt::new(kind, sp(l, r))
}

/// The end offset of a block: the end of its last statement.
fn block_end(body: &[Stmt], fallback: usize) -> usize {
    body.last().map_or(fallback, |s| s.span.end as usize)
}

pub fn prepend(first: Expr, mut rest: Vec<Expr>) -> Vec<Expr> {
    rest.insert(0, first);
    rest
}

pub fn dotted(first: String, rest: Vec<String>) -> String {
    let mut s = first;
    for part in rest {
        s.push('.');
        s.push_str(&part);
    }
    s
}

// ---- Atoms ---------------------------------------------------------------------

pub fn name(id: String, l: usize, r: usize) -> Expr {
    expr(
        ExprKind::Name {
            id,
            ctx: ExprContext::Load,
        },
        l,
        r,
    )
}

pub fn constant(value: Constant, l: usize, r: usize) -> Expr {
    expr(ExprKind::Constant { value }, l, r)
}

pub fn int(ctx: &Ctx, l: usize, r: usize) -> Expr {
    constant(Constant::Int(crate::numbers::int(ctx.text(l, r))), l, r)
}

pub fn float(ctx: &Ctx, l: usize, r: usize) -> Expr {
    constant(Constant::Float(crate::numbers::float(ctx.text(l, r))), l, r)
}

pub fn imag(ctx: &Ctx, l: usize, r: usize) -> Expr {
    let text = ctx.text(l, r.saturating_sub(1));
    constant(
        Constant::Complex {
            real: 0.0,
            imag: crate::numbers::float(text),
        },
        l,
        r,
    )
}

pub fn strings(ctx: &Ctx, parts: Vec<(usize, usize)>, l: usize, r: usize) -> R<Expr> {
    let e = strings::concat(ctx, &parts, l, r).map_err(user)?;
    Ok(ctx.guard(e))
}

pub fn tuple(ctx: &Ctx, elts: Vec<Expr>, l: usize, r: usize) -> Expr {
    ctx.guard(expr(
        ExprKind::Tuple {
            elts,
            ctx: ExprContext::Load,
        },
        l,
        r,
    ))
}

pub fn list(ctx: &Ctx, elts: Vec<Expr>, l: usize, r: usize) -> Expr {
    ctx.guard(expr(
        ExprKind::List {
            elts,
            ctx: ExprContext::Load,
        },
        l,
        r,
    ))
}

pub fn set(ctx: &Ctx, elts: Vec<Expr>, l: usize, r: usize) -> Expr {
    ctx.guard(expr(ExprKind::Set { elts }, l, r))
}

pub fn dict(ctx: &Ctx, items: Vec<(Option<Expr>, Expr)>, l: usize, r: usize) -> Expr {
    let (keys, values) = items.into_iter().unzip();
    ctx.guard(expr(ExprKind::Dict { keys, values }, l, r))
}

/// A parenthesised expression keeps its own span; a bare starred one is an error.
pub fn paren(e: Expr, _l: usize, _r: usize) -> R<Expr> {
    if matches!(e.kind, ExprKind::Starred { .. }) {
        return err("cannot use starred expression here", e.span);
    }
    Ok(e)
}

pub fn tuple_or_single(
    ctx: &Ctx,
    (mut v, is_tuple): (Vec<Expr>, bool),
    l: usize,
    r: usize,
) -> Expr {
    if !is_tuple && v.len() == 1 {
        return v.pop().unwrap_or_else(|| constant(Constant::None, l, r));
    }
    tuple(ctx, v, l, r)
}

pub fn comp(
    ctx: &Ctx,
    kind: CompKind,
    e: Expr,
    v: Option<Expr>,
    generators: Vec<Comprehension>,
    l: usize,
    r: usize,
) -> Expr {
    let elt = Box::new(e);
    let kind = match (kind, v) {
        (CompKind::List, _) => ExprKind::ListComp { elt, generators },
        (CompKind::Set, _) => ExprKind::SetComp { elt, generators },
        (CompKind::Generator, _) => ExprKind::GeneratorExp { elt, generators },
        (CompKind::Dict, Some(value)) => ExprKind::DictComp {
            key: elt,
            value: Box::new(value),
            generators,
        },
        (CompKind::Dict, None) => ExprKind::SetComp { elt, generators },
    };
    ctx.guard(expr(kind, l, r))
}

pub fn comprehension(ctx: &Ctx, target: Expr, iter: Expr, ifs: Vec<Expr>) -> R<Comprehension> {
    let target = store_target(ctx, target, false)?;
    Ok(Comprehension { target, iter, ifs })
}

// ---- Operators -----------------------------------------------------------------

pub fn binop(ctx: &Ctx, left: Expr, op: Operator, right: Expr, l: usize, r: usize) -> Expr {
    ctx.guard(expr(
        ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
        },
        l,
        r,
    ))
}

pub fn unary(ctx: &Ctx, op: UnaryOperator, operand: Expr, l: usize, r: usize) -> Expr {
    ctx.guard(expr(
        ExprKind::UnaryOp {
            op,
            operand: Box::new(operand),
        },
        l,
        r,
    ))
}

pub fn boolop(
    ctx: &Ctx,
    op: BoolOperator,
    first: Expr,
    rest: Vec<Expr>,
    l: usize,
    r: usize,
) -> Expr {
    ctx.guard(expr(
        ExprKind::BoolOp {
            op,
            values: prepend(first, rest),
        },
        l,
        r,
    ))
}

pub fn compare(ctx: &Ctx, left: Expr, rest: Vec<(CmpOperator, Expr)>, l: usize, r: usize) -> Expr {
    let (ops, comparators) = rest.into_iter().unzip();
    ctx.guard(expr(
        ExprKind::Compare {
            left: Box::new(left),
            ops,
            comparators,
        },
        l,
        r,
    ))
}

pub fn if_exp(ctx: &Ctx, body: Expr, test: Expr, orelse: Expr, l: usize, r: usize) -> Expr {
    let kind = ExprKind::IfExp {
        test: Box::new(test),
        body: Box::new(body),
        orelse: Box::new(orelse),
    };
    ctx.guard(expr(kind, l, r))
}

pub fn starred(ctx: &Ctx, value: Expr, l: usize, r: usize) -> Expr {
    ctx.guard(expr(
        ExprKind::Starred {
            value: Box::new(value),
            ctx: ExprContext::Load,
        },
        l,
        r,
    ))
}

pub fn named(ctx: &Ctx, target: Expr, value: Expr, l: usize, r: usize) -> R<Expr> {
    if !matches!(target.kind, ExprKind::Name { .. }) {
        let msg = format!(
            "cannot use assignment expressions with {}",
            expr_name(&target)
        );
        return err(msg, target.span);
    }
    let target = set_ctx(target, ExprContext::Store);
    Ok(ctx.guard(expr(
        ExprKind::NamedExpr {
            target: Box::new(target),
            value: Box::new(value),
        },
        l,
        r,
    )))
}

pub fn lambda(ctx: &Ctx, params: Vec<Param>, body: Expr, l: usize, r: usize) -> R<Expr> {
    let args = arguments(params).map_err(|e| match e {
        // For a lambda, CPython points at the token after the bare `*`.
        lalrpop_util::ParseError::User { mut error }
            if error.message() == "named arguments must follow bare *" =>
        {
            let next = crate::strings::next_token_span(ctx, error.span.end as usize);
            error.span = next;
            user(error)
        }
        other => other,
    })?;
    Ok(ctx.guard(expr(
        ExprKind::Lambda {
            args: Box::new(args),
            body: Box::new(body),
        },
        l,
        r,
    )))
}

// ---- Trailers ------------------------------------------------------------------

pub fn attribute(ctx: &Ctx, value: Expr, attr: String, l: usize, r: usize) -> Expr {
    ctx.guard(expr(
        ExprKind::Attribute {
            value: Box::new(value),
            attr,
            ctx: ExprContext::Load,
        },
        l,
        r,
    ))
}

pub fn subscript(ctx: &Ctx, value: Expr, slice: Expr, l: usize, r: usize) -> Expr {
    let kind = ExprKind::Subscript {
        value: Box::new(value),
        slice: Box::new(slice),
        ctx: ExprContext::Load,
    };
    ctx.guard(expr(kind, l, r))
}

pub fn slice(
    ctx: &Ctx,
    lower: Option<Expr>,
    upper: Option<Expr>,
    step: Option<Expr>,
    l: usize,
    r: usize,
) -> Expr {
    let kind = ExprKind::Slice {
        lower: lower.map(Box::new),
        upper: upper.map(Box::new),
        step: step.map(Box::new),
    };
    ctx.guard(expr(kind, l, r))
}

/// Groups call arguments, enforcing CPython's ordering rules.
fn call_args(items: Vec<ArgItem>, paren_l: usize, paren_r: usize) -> R<(Vec<Expr>, Vec<Keyword>)> {
    let n = items.len();
    let mut args = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    for item in items {
        match item {
            ArgItem::Positional(e) => {
                if matches!(e.kind, ExprKind::Starred { .. }) {
                    if keywords.iter().any(|k| k.arg.is_none()) {
                        return err(
                            "iterable argument unpacking follows keyword argument unpacking",
                            e.span,
                        );
                    }
                } else if let Some(k) = keywords.last() {
                    let msg = if keywords.iter().any(|k| k.arg.is_none()) {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    let _ = k;
                    // CPython points at the token after the arguments: `)`.
                    return err(msg, sp(paren_r.saturating_sub(1), paren_r));
                }
                args.push(e);
            }
            ArgItem::Generator(e, generators, l, r) => {
                if n > 1 {
                    let last = generators
                        .last()
                        .map_or(r, |g| g.ifs.last().unwrap_or(&g.iter).span.end as usize);
                    return err("Generator expression must be parenthesized", sp(l, last));
                }
                let elt = Box::new(e);
                args.push(expr(
                    ExprKind::GeneratorExp { elt, generators },
                    paren_l,
                    paren_r,
                ));
            }
            ArgItem::DoubleStar(value, l, r) => keywords.push(Keyword {
                arg: None,
                value,
                span: sp(l, r),
            }),
            ArgItem::Keyword(target, value, l, r) => {
                let ExprKind::Name { id, .. } = target.kind else {
                    let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
                    return err(msg, sp(l, value.span.end as usize));
                };
                keywords.push(Keyword {
                    arg: Some(id),
                    value,
                    span: sp(l, r),
                });
            }
        }
    }
    Ok((args, keywords))
}

pub fn call(
    ctx: &Ctx,
    func: Expr,
    items: Vec<ArgItem>,
    paren_l: usize,
    l: usize,
    r: usize,
) -> R<Expr> {
    let (args, keywords) = call_args(items, paren_l, r)?;
    Ok(ctx.guard(expr(
        ExprKind::Call {
            func: Box::new(func),
            args,
            keywords,
        },
        l,
        r,
    )))
}

// ---- Targets -------------------------------------------------------------------

/// CPython's name for an expression kind in "cannot assign to ..." messages.
pub fn expr_name(e: &Expr) -> &'static str {
    use ExprKind::*;
    match &e.kind {
        Attribute { .. } => "attribute",
        Subscript { .. } => "subscript",
        Starred { .. } => "starred",
        Name { .. } => "name",
        List { .. } => "list",
        Tuple { .. } => "tuple",
        Lambda { .. } => "lambda",
        Call { .. } => "function call",
        BoolOp { .. } | BinOp { .. } | UnaryOp { .. } => "expression",
        GeneratorExp { .. } => "generator expression",
        Yield { .. } | YieldFrom { .. } => "yield expression",
        ListComp { .. } => "list comprehension",
        SetComp { .. } => "set comprehension",
        DictComp { .. } => "dict comprehension",
        Dict { .. } => "dict literal",
        Set { .. } => "set display",
        JoinedStr { .. } | FormattedValue { .. } => "f-string expression",
        Constant {
            value: mempy_ast::Constant::None,
        } => "None",
        Constant {
            value: mempy_ast::Constant::Bool(true),
        } => "True",
        Constant {
            value: mempy_ast::Constant::Bool(false),
        } => "False",
        Constant {
            value: mempy_ast::Constant::Ellipsis,
        } => "ellipsis",
        Constant { .. } => "literal",
        Compare { .. } => "comparison",
        IfExp { .. } => "conditional expression",
        NamedExpr { .. } => "named expression",
        Slice { .. } => "slice",
    }
}

/// The first sub-expression that cannot be a target (CPython's
/// `_PyPegen_get_invalid_target`), or `None` if `e` is a valid target.
fn invalid_target(e: &Expr, del: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().find_map(|x| invalid_target(x, del))
        }
        ExprKind::Starred { value, .. } => {
            if del {
                Some(e)
            } else {
                invalid_target(value, del)
            }
        }
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        _ => Some(e),
    }
}

/// Sets the context of a valid target tree (names, attributes, subscripts,
/// starred, and lists and tuples of those).
fn set_ctx(mut e: Expr, new: ExprContext) -> Expr {
    match &mut e.kind {
        ExprKind::Name { ctx, .. }
        | ExprKind::Attribute { ctx, .. }
        | ExprKind::Subscript { ctx, .. } => *ctx = new,
        ExprKind::Starred { value, ctx } => {
            *ctx = new;
            let v = std::mem::replace(&mut **value, constant(Constant::None, 0, 0));
            **value = set_ctx(v, new);
        }
        ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
            *ctx = new;
            let v = std::mem::take(elts);
            *elts = v.into_iter().map(|x| set_ctx(x, new)).collect();
        }
        _ => {}
    }
    e
}

/// Converts `e` into an assignment target, or fails with "cannot assign to ...".
/// `here` selects CPython's longer message for a first target that looks like a
/// mistyped comparison.
fn store_target(_ctx: &Ctx, e: Expr, here: bool) -> R<Expr> {
    if let Some(bad) = invalid_target(&e, false) {
        let suffix = if here && is_bitwise_or_level(bad) && is_top_element(&e, bad) {
            " here. Maybe you meant '==' instead of '='?"
        } else {
            ""
        };
        return err(
            format!("cannot assign to {}{suffix}", expr_name(bad)),
            bad.span,
        );
    }
    Ok(set_ctx(e, ExprContext::Store))
}

/// Whether `bad` is `e` itself or a direct element of the unparenthesised tuple `e`.
fn is_top_element(e: &Expr, bad: &Expr) -> bool {
    if std::ptr::eq(e, bad) {
        return !matches!(e.kind, ExprKind::Tuple { .. } | ExprKind::List { .. });
    }
    match &e.kind {
        // A parenthesised tuple's span starts at its parenthesis.
        ExprKind::Tuple { elts, .. } => {
            elts.first().is_some_and(|f| f.span.start == e.span.start)
                && elts.iter().any(|x| std::ptr::eq(x, bad))
        }
        _ => false,
    }
}

/// Whether CPython's `bitwise_or` rule could have produced `e` (so its
/// `invalid_named_expression` alternative applies).
fn is_bitwise_or_level(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOperator::Not,
                ..
            }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Constant {
                value: Constant::None | Constant::Bool(_)
            }
            | ExprKind::GeneratorExp { .. }
    )
}

/// Whether the source at `e` starts with something CPython's `bitwise_or` accepts.
fn starts_bitwise_or(ctx: &Ctx, e: &Expr) -> bool {
    if matches!(e.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) {
        return false;
    }
    let at = (e.span.start as usize).saturating_sub(ctx.base);
    let text = ctx.src.get(at..).unwrap_or("");
    let word: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    !(text.starts_with('*') || word == "not" || word == "lambda")
}

/// Whether `e` is written inside its own parentheses (which its span excludes).
fn parenthesised(ctx: &Ctx, e: &Expr) -> bool {
    let before = ctx.text(ctx.base, e.span.start as usize);
    before.trim_end().ends_with('(')
}

pub fn expr_stmt(value: Expr, l: usize, r: usize) -> R<Stmt> {
    Ok(stmt(
        StmtKind::Expr {
            value: Box::new(value),
        },
        l,
        r,
    ))
}

pub fn assign(ctx: &Ctx, first: Expr, mut rest: Vec<Expr>, l: usize, r: usize) -> R<Stmt> {
    let value = rest.pop().unwrap_or_else(|| constant(Constant::None, l, r));
    let mut targets = Vec::with_capacity(rest.len() + 1);
    let single = rest.is_empty();
    let here = single && starts_bitwise_or(ctx, &value);
    for (i, t) in std::iter::once(first).chain(rest).enumerate() {
        if matches!(t.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. })
            && !parenthesised(ctx, &t)
        {
            return err("assignment to yield expression not possible", t.span);
        }
        targets.push(store_target(ctx, t, here && i == 0)?);
    }
    Ok(stmt(
        StmtKind::Assign {
            targets,
            value: Box::new(value),
        },
        l,
        r,
    ))
}

pub fn aug_assign(
    _ctx: &Ctx,
    target: Expr,
    op: Operator,
    value: Expr,
    l: usize,
    r: usize,
) -> R<Stmt> {
    if !matches!(
        target.kind,
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
    ) {
        let msg = format!(
            "'{}' is an illegal expression for augmented assignment",
            expr_name(&target)
        );
        return err(msg, target.span);
    }
    let target = set_ctx(target, ExprContext::Store);
    Ok(stmt(
        StmtKind::AugAssign {
            target: Box::new(target),
            op,
            value: Box::new(value),
        },
        l,
        r,
    ))
}

pub fn ann_assign(
    ctx: &Ctx,
    target: Expr,
    annotation: Expr,
    value: Option<Expr>,
    l: usize,
    r: usize,
) -> R<Stmt> {
    let parenthesised = target.span.start as usize != l;
    match &target.kind {
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
        ExprKind::Tuple { elts, .. } if !parenthesised => {
            let span = elts.first().map_or(target.span, |e| e.span);
            return err("only single target (not tuple) can be annotated", span);
        }
        ExprKind::Tuple { .. } => {
            return err(
                "only single target (not tuple) can be annotated",
                target.span,
            )
        }
        ExprKind::List { .. } => {
            return err(
                "only single target (not list) can be annotated",
                target.span,
            )
        }
        _ => return err("illegal target for annotation", target.span),
    }
    let simple = !parenthesised && matches!(target.kind, ExprKind::Name { .. });
    let target = store_target(ctx, target, false)?;
    let kind = StmtKind::AnnAssign {
        target: Box::new(target),
        annotation: Box::new(annotation),
        value: value.map(Box::new),
        simple,
    };
    Ok(stmt(kind, l, r))
}

pub fn delete(_ctx: &Ctx, targets: Vec<Expr>, l: usize, r: usize) -> R<Stmt> {
    let mut out = Vec::with_capacity(targets.len());
    for t in targets {
        if let Some(bad) = invalid_target(&t, true) {
            return err(format!("cannot delete {}", expr_name(bad)), bad.span);
        }
        out.push(set_ctx(t, ExprContext::Del));
    }
    Ok(stmt(StmtKind::Delete { targets: out }, l, r))
}

pub fn with_item(ctx: &Ctx, context_expr: Expr, target: Expr) -> R<WithItem> {
    let target = store_target(ctx, target, false)?;
    Ok(WithItem {
        context_expr,
        optional_vars: Some(Box::new(target)),
    })
}

// ---- Statements ----------------------------------------------------------------

pub fn raise(e: Option<(Expr, Option<Expr>)>, l: usize, r: usize) -> Stmt {
    let (exc, cause) = match e {
        Some((exc, cause)) => (Some(Box::new(exc)), cause.map(Box::new)),
        None => (None, None),
    };
    stmt(StmtKind::Raise { exc, cause }, l, r)
}

pub fn assert(test: Expr, msg: Option<Expr>, l: usize, r: usize) -> Stmt {
    stmt(
        StmtKind::Assert {
            test: Box::new(test),
            msg: msg.map(Box::new),
        },
        l,
        r,
    )
}

pub fn import_from(
    dots: Vec<u32>,
    module: Option<String>,
    names: Vec<Alias>,
    l: usize,
    r: usize,
) -> R<Stmt> {
    let level = dots.iter().sum();
    Ok(stmt(
        StmtKind::ImportFrom {
            module,
            names,
            level,
        },
        l,
        r,
    ))
}

type Elif = (usize, Expr, Vec<Stmt>);

pub fn if_stmt(
    l: usize,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<Elif>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    // Build the chain from the last `elif` outwards, so each `elif` becomes an `If`
    // in the `orelse` of the one before.
    let mut tail = orelse.unwrap_or_default();
    for (el, t, b) in elifs.into_iter().rev() {
        let end = block_end(&tail, block_end(&b, el));
        tail = vec![stmt(
            StmtKind::If {
                test: Box::new(t),
                body: b,
                orelse: tail,
            },
            el,
            end,
        )];
    }
    let end = block_end(&tail, block_end(&body, l));
    stmt(
        StmtKind::If {
            test: Box::new(test),
            body,
            orelse: tail,
        },
        l,
        end,
    )
}

pub fn while_stmt(l: usize, test: Expr, body: Vec<Stmt>, orelse: Option<Vec<Stmt>>) -> Stmt {
    let orelse = orelse.unwrap_or_default();
    let end = block_end(&orelse, block_end(&body, l));
    stmt(
        StmtKind::While {
            test: Box::new(test),
            body,
            orelse,
        },
        l,
        end,
    )
}

pub fn for_stmt(
    ctx: &Ctx,
    l: usize,
    target: Expr,
    iter: Expr,
    body: Vec<Stmt>,
    orelse: Option<Vec<Stmt>>,
) -> R<Stmt> {
    let target = store_target(ctx, target, false)?;
    let orelse = orelse.unwrap_or_default();
    let end = block_end(&orelse, block_end(&body, l));
    Ok(stmt(
        StmtKind::For {
            target: Box::new(target),
            iter: Box::new(iter),
            body,
            orelse,
        },
        l,
        end,
    ))
}

pub fn try_stmt(
    l: usize,
    body: Vec<Stmt>,
    handlers: Vec<ExceptHandler>,
    orelse: Option<Vec<Stmt>>,
    fin: Option<Vec<Stmt>>,
) -> Stmt {
    let orelse = orelse.unwrap_or_default();
    let finalbody = fin.unwrap_or_default();
    let mut end = block_end(&body, l);
    if let Some(h) = handlers.last() {
        end = h.span.end as usize;
    }
    end = block_end(&orelse, end);
    end = block_end(&finalbody, end);
    stmt(
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        },
        l,
        end,
    )
}

pub fn handler(l: usize, t: Option<(Expr, Option<String>)>, body: Vec<Stmt>) -> ExceptHandler {
    let (type_, name) = match t {
        Some((e, n)) => (Some(Box::new(e)), n),
        None => (None, None),
    };
    let end = block_end(&body, l);
    ExceptHandler {
        type_,
        name,
        body,
        span: sp(l, end),
    }
}

pub fn with_stmt(l: usize, items: Vec<WithItem>, body: Vec<Stmt>) -> Stmt {
    let end = block_end(&body, l);
    stmt(StmtKind::With { items, body }, l, end)
}

pub fn arg(name: String, annotation: Option<Expr>, l: usize, r: usize) -> Arg {
    Arg {
        arg: name,
        annotation: annotation.map(Box::new),
        span: sp(l, r),
    }
}

/// Groups parameters into [`Arguments`], with CPython's ordering errors.
fn arguments(params: Vec<Param>) -> R<Arguments> {
    let mut a = Arguments::default();
    let mut seen_slash = false;
    let mut seen_star = false;
    let mut bare_star: Option<usize> = None;
    let mut seen_default = false;
    for p in params {
        if let Some(kw) = &a.kwarg {
            let at = match &p {
                Param::Plain(arg, _) => arg.span,
                Param::Star(_, at) | Param::DoubleStar(_, at) | Param::Slash(at) => {
                    sp(*at, *at + 1)
                }
            };
            let _ = kw;
            return err("arguments cannot follow var-keyword argument", at);
        }
        match p {
            Param::Slash(at) => {
                if seen_slash {
                    return err("/ may appear only once", sp(at, at + 1));
                }
                if seen_star {
                    return err("/ must be ahead of *", sp(at, at + 1));
                }
                if a.args.is_empty() {
                    return err("at least one argument must precede /", sp(at, at + 1));
                }
                seen_slash = true;
                a.posonlyargs.append(&mut a.args);
            }
            Param::Plain(arg, default) => {
                if seen_star {
                    bare_star = None;
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None if seen_default => {
                            return err("non-default argument follows default argument", arg.span);
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            Param::Star(arg, at) => {
                if seen_star {
                    return err("* argument may appear only once", sp(at, at + 1));
                }
                seen_star = true;
                match arg {
                    Some(arg) => a.vararg = Some(Box::new(arg)),
                    None => bare_star = Some(at),
                }
            }
            Param::DoubleStar(arg, _) => {
                if let Some(at) = bare_star {
                    return err("named arguments must follow bare *", sp(at, at + 1));
                }
                a.kwarg = Some(Box::new(arg));
            }
        }
    }
    if let Some(at) = bare_star {
        return err("named arguments must follow bare *", sp(at, at + 1));
    }
    Ok(a)
}

pub fn funcdef(
    _ctx: &Ctx,
    l: usize,
    name: String,
    params: Vec<Param>,
    returns: Option<Expr>,
    body: Vec<Stmt>,
) -> R<Stmt> {
    let args = arguments(params)?;
    let end = block_end(&body, l);
    let def = FunctionDef {
        name,
        args,
        body,
        decorator_list: Vec::new(),
        returns: returns.map(Box::new),
    };
    Ok(stmt(StmtKind::FunctionDef(Box::new(def)), l, end))
}

pub fn classdef(
    _ctx: &Ctx,
    l: usize,
    name: String,
    args: Option<Vec<ArgItem>>,
    body: Vec<Stmt>,
) -> R<Stmt> {
    let (bases, keywords) = match args {
        Some(items) => {
            if let Some(ArgItem::Generator(e, ..)) = items.first() {
                // CPython stops at the `for` that follows the base expression.
                return err(
                    "invalid syntax",
                    crate::strings::next_token_span(_ctx, e.span.end as usize),
                );
            }
            call_args(items, l, l)?
        }
        None => (Vec::new(), Vec::new()),
    };
    let end = block_end(&body, l);
    let def = ClassDef {
        name,
        bases,
        keywords,
        body,
        decorator_list: Vec::new(),
    };
    Ok(stmt(StmtKind::ClassDef(Box::new(def)), l, end))
}

pub fn decorate(decorators: Vec<Expr>, mut s: Stmt) -> Stmt {
    match &mut s.kind {
        StmtKind::FunctionDef(f) => f.decorator_list = decorators,
        StmtKind::ClassDef(c) => c.decorator_list = decorators,
        _ => {}
    }
    s
}
