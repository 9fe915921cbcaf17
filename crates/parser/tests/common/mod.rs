//! Helpers shared by the parser's integration tests: parse a snippet and render
//! expressions compactly (Lisp style) so assertions stay short.

#![allow(dead_code)]

use mempy_ast::*;

/// Parses `src` as a module, panicking with the error if it fails.
pub fn module(src: &str) -> Module {
    match mempy_parser::parse(src) {
        Ok(m) => m,
        Err(e) => panic!("{src:?} failed: {e} at {:?}", e.span),
    }
}

/// Parses `src` as a single expression statement and returns the expression.
pub fn expr(src: &str) -> Expr {
    let m = module(src);
    match m.body.into_iter().next().map(|s| s.kind) {
        Some(StmtKind::Expr { value }) => *value,
        other => panic!("not an expression statement: {other:?}"),
    }
}

/// A compact rendering: names and constants as text, nodes as `(Kind ...)`.
pub fn render(e: &Expr) -> String {
    use ExprKind::*;
    let list = |v: &[Expr]| v.iter().map(render).collect::<Vec<_>>().join(" ");
    let opt = |o: &Option<Box<Expr>>| o.as_ref().map_or("_".to_string(), |e| render(e));
    let gens = |g: &[Comprehension]| {
        g.iter()
            .map(|c| {
                let ifs: String = c.ifs.iter().map(|i| format!(" if {}", render(i))).collect();
                format!("(for {} {}{ifs})", render(&c.target), render(&c.iter))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let ctxs = |c: &ExprContext| match c {
        ExprContext::Load => "",
        ExprContext::Store => "!",
        ExprContext::Del => "~",
    };
    match &e.kind {
        Name { id, ctx } => format!("{id}{}", ctxs(ctx)),
        Constant { value } => match value {
            mempy_ast::Constant::Int(i) => i.to_string(),
            mempy_ast::Constant::Float(f) => format!("{f:?}"),
            mempy_ast::Constant::Complex { imag, .. } => format!("{imag:?}j"),
            mempy_ast::Constant::Str(s) => format!("{s:?}").replace('"', "'"),
            mempy_ast::Constant::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
            mempy_ast::Constant::None => "None".into(),
            mempy_ast::Constant::Bool(b) => {
                if *b {
                    "True".into()
                } else {
                    "False".into()
                }
            }
            mempy_ast::Constant::Ellipsis => "...".into(),
        },
        BinOp { left, op, right } => format!("({op:?} {} {})", render(left), render(right)),
        UnaryOp { op, operand } => format!("({op:?} {})", render(operand)),
        BoolOp { op, values } => format!("({op:?} {})", list(values)),
        Compare {
            left,
            ops,
            comparators,
        } => {
            let rest: String = ops
                .iter()
                .zip(comparators)
                .map(|(o, c)| format!(" {o:?} {}", render(c)))
                .collect();
            format!("(Compare {}{rest})", render(left))
        }
        IfExp { test, body, orelse } => format!(
            "(IfExp {} {} {})",
            render(test),
            render(body),
            render(orelse)
        ),
        NamedExpr { target, value } => format!(
            "(NamedExpr {} {})",
            render(target).trim_end_matches('!'),
            render(value)
        ),
        Call {
            func,
            args,
            keywords,
        } => {
            let mut parts = vec![render(func)];
            parts.extend(args.iter().map(render));
            for k in keywords {
                match &k.arg {
                    Some(a) => parts.push(format!("{a}={}", render(&k.value))),
                    None => parts.push(format!("**{}", render(&k.value))),
                }
            }
            format!("(Call {})", parts.join(" "))
        }
        Attribute { value, attr, ctx } => {
            format!("(Attribute{} {} {attr})", ctxs(ctx), render(value))
        }
        Subscript { value, slice, ctx } => format!(
            "(Subscript{} {} {})",
            ctxs(ctx),
            render(value),
            render(slice)
        ),
        Starred { value, ctx } => format!("(Starred{} {})", ctxs(ctx), render(value)),
        Slice { lower, upper, step } => {
            format!("(Slice {} {} {})", opt(lower), opt(upper), opt(step))
        }
        Tuple { elts, ctx } => format!(
            "(Tuple{}{}{})",
            ctxs(ctx),
            if elts.is_empty() { "" } else { " " },
            list(elts)
        ),
        List { elts, ctx } => format!(
            "(List{}{}{})",
            ctxs(ctx),
            if elts.is_empty() { "" } else { " " },
            list(elts)
        ),
        Set { elts } => format!("(Set {})", list(elts)),
        Dict { keys, values } => {
            let items: Vec<String> = keys
                .iter()
                .zip(values)
                .map(|(k, v)| match k {
                    Some(k) => format!("{}:{}", render(k), render(v)),
                    None => format!("**{}", render(v)),
                })
                .collect();
            format!("(Dict {})", items.join(" "))
        }
        Lambda { args, body } => {
            let mut p: Vec<String> = args.posonlyargs.iter().map(|a| a.arg.clone()).collect();
            if !args.posonlyargs.is_empty() {
                p.push("/".into());
            }
            p.extend(args.args.iter().map(|a| a.arg.clone()));
            if let Some(v) = &args.vararg {
                p.push(format!("*{}", v.arg));
            }
            p.extend(args.kwonlyargs.iter().map(|a| a.arg.clone()));
            if let Some(k) = &args.kwarg {
                p.push(format!("**{}", k.arg));
            }
            format!("(Lambda [{}] {})", p.join(" "), render(body))
        }
        ListComp { elt, generators } => format!("(ListComp {} {})", render(elt), gens(generators)),
        SetComp { elt, generators } => format!("(SetComp {} {})", render(elt), gens(generators)),
        GeneratorExp { elt, generators } => {
            format!("(GeneratorExp {} {})", render(elt), gens(generators))
        }
        DictComp {
            key,
            value,
            generators,
        } => format!(
            "(DictComp {} {} {})",
            render(key),
            render(value),
            gens(generators)
        ),
        Yield { value } => format!("(Yield {})", opt(value)),
        YieldFrom { value } => format!("(YieldFrom {})", render(value)),
        JoinedStr { values } => format!("(JoinedStr {})", list(values)),
        FormattedValue {
            value,
            conversion,
            format_spec,
        } => {
            let conv = conversion.map_or(String::new(), |c| format!(" !{c}"));
            let spec = format_spec
                .as_ref()
                .map_or(String::new(), |s| format!(" :{}", render(s)));
            format!("(Fmt {}{conv}{spec})", render(value))
        }
    }
}
