//! Rendering exceptions as CPython 3.11 prints them: the `Traceback (most recent
//! call last):` header, one `File "...", line N, in name` entry per frame with its
//! source line and the 3.11 position markers, `[Previous line repeated N more
//! times]` for runs of identical entries, chained exceptions with their linking
//! sentences, SyntaxError's file/line/caret block, and the final `Type: message`.
//! [`handle_uncaught`] is what the driver calls for an exception that ends the
//! program (including `SystemExit`).
//!
//! Markers: the instruction's span (`CodeObject::locations`) is drawn with `^`
//! unless it covers the whole stripped line. When the span's text is a binary
//! operation the operands are drawn with `~` and the operator with `^`; for a
//! subscript the value gets `~` and the brackets `^` (CPython's
//! `extract_anchors_from_line`). The VM has no parser, so [`anchors`] finds those
//! shapes with a small tokenizer over the span's text.

use std::collections::HashMap;

use crate::heap::PyObjectRef;
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyBaseException, PyBaseExceptionRef, PyCode, PyTraceback};
use crate::vm::Vm;

/// Entries after this many identical ones are summarized.
const RECURSIVE_CUTOFF: usize = 3;

/// Reports an exception that ends the program on stderr and returns the exit
/// status (`SystemExit` sets it without a traceback).
pub fn handle_uncaught(vm: &Vm, e: &PyBaseExceptionRef) -> i32 {
    if e.as_object().class().is_subtype(&vm.ctx.exc.system_exit) {
        let code = vm
            .get_attribute_opt(e.as_object(), "code")
            .ok()
            .flatten()
            .unwrap_or_else(|| vm.none());
        if vm.is_none(&code) {
            return 0;
        }
        if let Some(i) = code.payload::<crate::objects::PyInt>() {
            return i.as_small().map(|v| v as i32).unwrap_or(-1);
        }
        let s = vm
            .str(&code)
            .map(|s| s.as_str().to_string())
            .unwrap_or_default();
        vm.write_stderr(&format!("{s}\n"));
        return 1;
    }
    let text = format_exception(vm, e);
    vm.write_stderr(&text);
    1
}

/// The full report of an exception (with its chain), as `sys.excepthook` prints it.
pub fn format_exception(vm: &Vm, e: &PyBaseExceptionRef) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    let mut sources = Sources::default();
    format_chain(vm, e, &mut out, &mut seen, &mut sources);
    out
}

#[derive(Default)]
struct Sources {
    files: HashMap<String, Option<Vec<String>>>,
}

impl Sources {
    fn line(&mut self, file: &str, lineno: u32) -> Option<String> {
        let lines = self.files.entry(file.to_string()).or_insert_with(|| {
            std::fs::read(file).ok().map(|b| {
                String::from_utf8_lossy(&b)
                    .split('\n')
                    .map(|l| l.trim_end_matches('\r').to_string())
                    .collect()
            })
        });
        lines
            .as_ref()?
            .get((lineno as usize).checked_sub(1)?)
            .cloned()
    }
}

fn exc_of(o: Option<PyObjectRef>) -> Option<PyBaseExceptionRef> {
    o.and_then(|c| c.downcast::<PyBaseException>().ok())
}

fn format_chain(
    vm: &Vm,
    e: &PyBaseExceptionRef,
    out: &mut String,
    seen: &mut Vec<usize>,
    src: &mut Sources,
) {
    seen.push(e.as_object().addr());
    let cause = exc_of(e.cause.borrow().clone());
    let context = exc_of(e.context.borrow().clone());
    if let Some(c) = cause {
        if !seen.contains(&c.as_object().addr()) {
            format_chain(vm, &c, out, seen, src);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        }
    } else if let Some(c) = context.filter(|_| !e.suppress_context.get()) {
        if !seen.contains(&c.as_object().addr()) {
            format_chain(vm, &c, out, seen, src);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    if let Some(tb) = e.traceback.borrow().clone() {
        out.push_str("Traceback (most recent call last):\n");
        format_tb(vm, tb, out, src);
    }
    if e.as_object().class().is_subtype(&vm.ctx.exc.syntax_error) {
        out.push_str(&format_syntax_error(vm, e));
    } else {
        let mut line = exception_line(vm, e);
        if let Some(s) = suggestion(vm, e) {
            line.pop();
            line.push_str(&format!(". Did you mean: '{s}'?\n"));
        }
        out.push_str(&line);
    }
    out.push_str(&notes(vm, e));
}

fn format_tb(vm: &Vm, tb: PyObjectRef, out: &mut String, src: &mut Sources) {
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0usize;
    let mut cur = Some(tb);
    let flush = |out: &mut String, count: usize| {
        if count > RECURSIVE_CUTOFF {
            let n = count - RECURSIVE_CUTOFF;
            out.push_str(&format!(
                "  [Previous line repeated {} more time{}]\n",
                n,
                if n > 1 { "s" } else { "" }
            ));
        }
    };
    while let Some(t) = cur {
        let Some(tbp) = t.payload::<PyTraceback>() else {
            break;
        };
        let code: &PyCode = &tbp.frame.code;
        let key = (
            code.code.filename.clone(),
            tbp.lineno,
            code.code.name.clone(),
        );
        if last.as_ref() != Some(&key) {
            flush(out, count);
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count <= RECURSIVE_CUTOFF {
            out.push_str(&format_entry(code, tbp.lasti, tbp.lineno, src));
        }
        cur = tbp.next.borrow().clone();
    }
    flush(out, count);
    let _ = vm;
}

/// One traceback entry: the `File` line, the source line and the markers.
fn format_entry(code: &PyCode, lasti: usize, lineno: u32, src: &mut Sources) -> String {
    let c = &code.code;
    let mut s = format!(
        "  File \"{}\", line {}, in {}\n",
        c.filename, lineno, c.name
    );
    let Some(orig) = src.line(&c.filename, lineno) else {
        return s;
    };
    let stripped = orig.trim();
    if stripped.is_empty() {
        return s;
    }
    s.push_str(&format!("    {stripped}\n"));
    let Some(loc) = c.locations.get(lasti) else {
        return s;
    };
    if loc.line != lineno || loc.line == 0 {
        return s;
    }
    let chars: Vec<char> = orig.chars().collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let start = byte_to_char(&orig, loc.col as usize);
    let mut end = byte_to_char(&orig, loc.end_col as usize);
    let mut anchor = None;
    if loc.end_line == loc.line {
        if end > start && end <= chars.len() {
            let seg: Vec<char> = chars[start..end].to_vec();
            anchor = anchors(&seg);
        }
    } else {
        end = chars
            .iter()
            .rposition(|c| !c.is_whitespace())
            .map(|i| i + 1)
            .unwrap_or(chars.len());
    }
    if end <= start || start < lead {
        return s;
    }
    let stripped_len = stripped.chars().count();
    if end - start >= stripped_len && anchor.is_none() {
        return s;
    }
    let mut line = String::from("    ");
    line.extend(std::iter::repeat(' ').take(start - lead));
    for i in 0..(end - start) {
        let ch = match anchor {
            Some((l, r)) => {
                if i >= l && i < r {
                    '^'
                } else {
                    '~'
                }
            }
            None => '^',
        };
        line.push(ch);
    }
    line.push('\n');
    s.push_str(&line);
    s
}

fn byte_to_char(s: &str, b: usize) -> usize {
    let mut b = b.min(s.len());
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    s[..b].chars().count()
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok {
    /// An operand-ending token (name, number, string, closing bracket).
    Operand,
    /// An opening bracket and the index of its closer.
    Open(char, usize),
    /// A closing bracket.
    Close,
    /// An operator of 1 or 2 chars.
    Op(u8),
    /// Something that makes the text neither a BinOp nor a Subscript.
    Other,
}

/// Tokens of `seg` at the outermost bracket level: `(start, kind)`.
fn top_level(seg: &[char]) -> Option<Vec<(usize, usize, Tok)>> {
    let mut toks = Vec::new();
    let mut i = 0;
    let n = seg.len();
    let mut stack: Vec<(char, usize)> = Vec::new();
    while i < n {
        let c = seg[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let depth = stack.len();
        let tok;
        if c == '\'' || c == '"' {
            i = skip_string(seg, i)?;
            tok = Tok::Operand;
        } else if c.is_alphabetic() || c == '_' {
            while i < n && (seg[i].is_alphanumeric() || seg[i] == '_') {
                i += 1;
            }
            if i < n && (seg[i] == '\'' || seg[i] == '"') && i - start <= 3 {
                i = skip_string(seg, i)?;
                tok = Tok::Operand;
            } else {
                let word: String = seg[start..i].iter().collect();
                tok = match word.as_str() {
                    "and" | "or" | "not" | "in" | "is" | "if" | "else" | "lambda" | "await"
                    | "yield" | "for" | "async" => Tok::Other,
                    _ => Tok::Operand,
                };
            }
        } else if c.is_ascii_digit() || (c == '.' && i + 1 < n && seg[i + 1].is_ascii_digit()) {
            while i < n && (seg[i].is_alphanumeric() || seg[i] == '_' || seg[i] == '.') {
                if (seg[i] == 'e' || seg[i] == 'E')
                    && i + 1 < n
                    && (seg[i + 1] == '+' || seg[i + 1] == '-')
                    && !seg[start..i].iter().any(|c| *c == 'x' || *c == 'X')
                {
                    i += 1;
                }
                i += 1;
            }
            tok = Tok::Operand;
        } else if "([{".contains(c) {
            stack.push((c, toks.len()));
            i += 1;
            tok = Tok::Open(c, 0);
        } else if ")]}".contains(c) {
            let (o, idx) = stack.pop()?;
            if !matches!((o, c), ('(', ')') | ('[', ']') | ('{', '}')) {
                return None;
            }
            i += 1;
            if stack.is_empty() {
                if let Some((_, _, Tok::Open(ch, _))) = toks.get(idx).copied() {
                    toks[idx].2 = Tok::Open(ch, start);
                }
            }
            tok = Tok::Close;
        } else {
            let two: String = seg[i..(i + 2).min(n)].iter().collect();
            let (len, t) = match two.as_str() {
                "**" | "//" | "<<" | ">>" => (2, Tok::Op(2)),
                "==" | "!=" | "<=" | ">=" | ":=" | "->" => (2, Tok::Other),
                _ => match c {
                    '+' | '-' | '*' | '/' | '%' | '@' | '&' | '|' | '^' | '~' => (1, Tok::Op(1)),
                    '.' => (1, Tok::Operand),
                    _ => (1, Tok::Other),
                },
            };
            i += len;
            tok = t;
        }
        let push = match tok {
            Tok::Close => stack.is_empty(),
            _ => depth == 0,
        };
        if push {
            toks.push((start, i, tok));
        }
    }
    if !stack.is_empty() {
        return None;
    }
    Some(toks)
}

fn skip_string(seg: &[char], mut i: usize) -> Option<usize> {
    let q = seg[i];
    let triple = i + 2 < seg.len() && seg[i + 1] == q && seg[i + 2] == q;
    i += if triple { 3 } else { 1 };
    while i < seg.len() {
        if seg[i] == '\\' {
            i += 2;
            continue;
        }
        if seg[i] == q {
            if !triple {
                return Some(i + 1);
            }
            if i + 2 < seg.len() && seg[i + 1] == q && seg[i + 2] == q {
                return Some(i + 3);
            }
        }
        i += 1;
    }
    None
}

fn prec(op: &str) -> u8 {
    match op {
        "|" => 1,
        "^" => 2,
        "&" => 3,
        "<<" | ">>" => 4,
        "+" | "-" => 5,
        "*" | "/" | "//" | "%" | "@" => 6,
        "**" => 8,
        _ => 0,
    }
}

/// End of an operand ending before `end` (trailing spaces and grouping parens
/// removed, as the AST's `end_col_offset`).
fn operand_end(seg: &[char], start: usize, end: usize) -> usize {
    let mut s = start;
    let mut e = end;
    loop {
        while e > s && seg[e - 1].is_whitespace() {
            e -= 1;
        }
        while s < e && seg[s].is_whitespace() {
            s += 1;
        }
        if e > s + 1 && seg[s] == '(' && seg[e - 1] == ')' && matching(seg, s) == Some(e - 1) {
            s += 1;
            e -= 1;
            continue;
        }
        return e;
    }
}

/// Start of an operand starting after `start` (as the AST's `col_offset`).
fn operand_start(seg: &[char], start: usize, end: usize) -> usize {
    let mut s = start;
    let mut e = end;
    loop {
        while s < e && seg[s].is_whitespace() {
            s += 1;
        }
        while e > s && seg[e - 1].is_whitespace() {
            e -= 1;
        }
        if e > s + 1 && seg[s] == '(' && seg[e - 1] == ')' && matching(seg, s) == Some(e - 1) {
            s += 1;
            e -= 1;
            continue;
        }
        return s;
    }
}

fn matching(seg: &[char], open: usize) -> Option<usize> {
    let toks = top_level(&seg[open..])?;
    match toks.first() {
        Some(&(0, _, Tok::Open(_, close))) => Some(open + close),
        _ => None,
    }
}

/// `(left_end, right_start)` of the `^` part inside `seg`, for a binary operation
/// or a subscript; None for any other expression.
pub fn anchors(seg: &[char]) -> Option<(usize, usize)> {
    let toks = top_level(seg)?;
    if toks.is_empty() {
        return None;
    }
    // A fully parenthesized segment: look inside.
    if toks.len() == 2 {
        if let (Tok::Open('(', close), Tok::Close) = (toks[0].2, toks[1].2) {
            if toks[1].0 == close {
                let inner = &seg[toks[0].1..close];
                return anchors(inner).map(|(l, r)| (l + toks[0].1, r + toks[0].1));
            }
        }
    }
    if toks.iter().any(|t| t.2 == Tok::Other) {
        return None;
    }
    // Binary operators: an operator following an operand or a closed group.
    let mut ops: Vec<(usize, usize, u8)> = Vec::new();
    let mut prev_operand = false;
    for &(s, e, t) in &toks {
        match t {
            Tok::Op(_) => {
                let op: String = seg[s..e].iter().collect();
                if prev_operand && op != "~" {
                    ops.push((s, e, prec(&op)));
                }
                prev_operand = false;
            }
            Tok::Open(..) => prev_operand = false,
            Tok::Close | Tok::Operand => prev_operand = true,
            Tok::Other => return None,
        }
    }
    if !ops.is_empty() {
        let min = ops.iter().map(|o| o.2).min()?;
        let root = if min == 8 {
            *ops.iter().find(|o| o.2 == min)?
        } else {
            *ops.iter().rev().find(|o| o.2 == min)?
        };
        if toks[0].0 != 0 && !matches!(toks[0].2, Tok::Operand | Tok::Open(..)) {
            return None;
        }
        if !matches!(toks[0].2, Tok::Operand | Tok::Open(..)) {
            return None;
        }
        let left_end = operand_end(seg, 0, root.0);
        let right_start = operand_start(seg, root.1, seg.len());
        let mut l = 0;
        let mut r = 0;
        let mut i = left_end;
        while i < right_start {
            if seg[i].is_whitespace() {
                i += 1;
                continue;
            }
            l = i;
            r = i + 1;
            if i + 1 < right_start && !seg[i + 1].is_whitespace() {
                r += 1;
            }
            if i + 1 < right_start && seg[i] == ')' {
                i += 1;
                continue;
            }
            break;
        }
        return if r > l { Some((l, r)) } else { None };
    }
    // A subscript: the last top-level group is `[...]` closing the segment.
    let n = toks.len();
    if n >= 3 {
        if let (Tok::Open('[', close), Tok::Close) = (toks[n - 2].2, toks[n - 1].2) {
            let open = toks[n - 2].0;
            if toks[n - 1].0 == close && close + 1 == operand_end(seg, 0, seg.len()) && open > 0 {
                let first = toks[0].2;
                if matches!(first, Tok::Op(_)) {
                    return None;
                }
                let value_end = operand_end(seg, 0, open);
                let slice_end = operand_end(seg, open + 1, close);
                return Some((value_end, slice_end + 1));
            }
        }
    }
    None
}

/// SyntaxError's block: `File "..", line N`, the text, the carets, the message.
fn format_syntax_error(vm: &Vm, e: &PyBaseExceptionRef) -> String {
    let o = e.as_object();
    let get = |k: &str| {
        vm.get_attribute_opt(o, k)
            .ok()
            .flatten()
            .filter(|v| !vm.is_none(v))
    };
    let mut out = String::new();
    let name = type_name(vm, e);
    let msg = get("msg")
        .and_then(|m| vm.str_of(&m).ok())
        .unwrap_or_else(|| "<no detail available>".into());
    let filename = get("filename").and_then(|f| vm.str_of(&f).ok());
    let lineno = get("lineno").and_then(|l| vm.to_index_i64(&l).ok());
    let mut suffix = String::new();
    match (lineno, &filename) {
        (Some(l), f) => out.push_str(&format!(
            "  File \"{}\", line {}\n",
            f.clone().unwrap_or_else(|| "<string>".into()),
            l
        )),
        (None, Some(f)) => suffix = format!(" ({f})"),
        _ => {}
    }
    if let Some(text) = get("text").and_then(|t| vm.str_of(&t).ok()) {
        let rtext = text.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c', '\t']);
        let spaces = rtext.chars().count() - ltext.chars().count();
        out.push_str(&format!("    {ltext}\n"));
        if let Some(offset) = get("offset").and_then(|v| vm.to_index_i64(&v).ok()) {
            let mut end_offset = get("end_offset")
                .and_then(|v| vm.to_index_i64(&v).ok())
                .filter(|v| *v != 0)
                .unwrap_or(offset);
            let end_line = get("end_lineno").and_then(|v| vm.to_index_i64(&v).ok());
            if end_line.is_some_and(|el| Some(el) != lineno) {
                end_offset = rtext.chars().count() as i64 + 1;
            }
            if offset == end_offset || end_offset == -1 {
                end_offset = offset + 1;
            }
            let colno = offset - 1 - spaces as i64;
            let end_colno = end_offset - 1 - spaces as i64;
            if colno >= 0 {
                let lchars: Vec<char> = ltext.chars().collect();
                let caretspace: String = lchars
                    .iter()
                    .take(colno as usize)
                    .map(|c| if c.is_whitespace() { *c } else { ' ' })
                    .collect();
                let n = (end_colno - colno).max(1) as usize;
                out.push_str(&format!("    {}{}\n", caretspace, "^".repeat(n)));
            }
        }
    }
    out.push_str(&format!("{name}: {msg}{suffix}\n"));
    out
}

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.to_ascii_lowercase() == b.to_ascii_lowercase() {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's `levenshtein_distance` (suggestions.c): moves cost 2, case changes 1.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn best_match(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.map_or(true, |(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.clone())
}

fn dict_keys(d: &crate::objects::PyDict) -> Vec<String> {
    d.keys_vec()
        .iter()
        .filter_map(|k| {
            k.payload::<crate::objects::PyStr>()
                .map(|s| s.as_str().to_string())
        })
        .collect()
}

/// CPython 3.11's "Did you mean" for NameError (names of the innermost frame) and
/// AttributeError (`dir(obj)`).
fn suggestion(vm: &Vm, e: &PyBaseExceptionRef) -> Option<String> {
    let cls = e.as_object().class();
    let name = vm.get_attribute_opt(e.as_object(), "name").ok().flatten()?;
    let name = name
        .payload::<crate::objects::PyStr>()?
        .as_str()
        .to_string();
    if cls.is_subtype(&vm.ctx.exc.name_error) {
        let mut tb = e.traceback.borrow().clone()?;
        loop {
            let next = tb.payload::<PyTraceback>()?.next.borrow().clone();
            match next {
                Some(n) => tb = n,
                None => break,
            }
        }
        let frame = tb.payload::<PyTraceback>()?.frame.clone();
        let code = &frame.code;
        if code.code.flags.0 & 1 != 0 {
            let locals = frame.locals.borrow();
            let names: Vec<String> = code
                .code
                .varnames
                .iter()
                .zip(locals.iter())
                .filter(|(_, v)| v.is_some())
                .map(|(n, _)| n.clone())
                .collect();
            if let Some(s) = best_match(&names, &name) {
                return Some(s);
            }
        }
        if let Some(s) = best_match(&dict_keys(&frame.globals), &name) {
            return Some(s);
        }
        return best_match(&dict_keys(&vm.builtins.dict), &name);
    }
    if cls.is_subtype(&vm.ctx.exc.attribute_error) {
        let obj = vm.get_attribute_opt(e.as_object(), "obj").ok().flatten()?;
        let dir = vm.builtins.dict.get_item_str_opt(&vm.intern("dir"))?;
        let listing = vm.call(&dir, &[obj]).ok()?;
        let names: Vec<String> = vm
            .iterate(&listing)
            .ok()?
            .iter()
            .filter_map(|k| {
                k.payload::<crate::objects::PyStr>()
                    .map(|s| s.as_str().to_string())
            })
            .collect();
        return best_match(&names, &name);
    }
    None
}

fn notes(vm: &Vm, e: &PyBaseExceptionRef) -> String {
    let mut out = String::new();
    if let Ok(Some(n)) = vm.get_attribute_opt(e.as_object(), "__notes__") {
        if let Ok(items) = vm.iterate(&n) {
            for i in items {
                if let Ok(s) = vm.str_of(&i) {
                    out.push_str(&s);
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn type_name(vm: &Vm, e: &PyBaseExceptionRef) -> String {
    let cls = e.as_object().class();
    let mut name = cls.qualname.borrow().clone();
    if cls.is_heap_type() {
        if let Some(m) = cls
            .lookup(&vm.intern("__module__"))
            .and_then(|m| vm.str_of(&m).ok())
        {
            if m != "__main__" && m != "builtins" {
                name = format!("{m}.{name}");
            }
        }
    }
    name
}

/// The final `Type: message` line.
pub fn exception_line(vm: &Vm, e: &PyBaseExceptionRef) -> String {
    let name = type_name(vm, e);
    let msg = match vm.str(e.as_object()) {
        Ok(s) => s.as_str().to_string(),
        Err(_) => "<exception str() failed>".into(),
    };
    if msg.is_empty() {
        format!("{name}\n")
    } else {
        format!("{name}: {msg}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::anchors;

    fn a(s: &str) -> Option<(usize, usize)> {
        anchors(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn binop_and_subscript_anchors() {
        assert_eq!(a("y - \"s\""), Some((2, 3)));
        assert_eq!(a("a // b"), Some((2, 4)));
        assert_eq!(a("l[5]"), Some((1, 4)));
        assert_eq!(a("d['k']['x']"), Some((6, 11)));
        assert_eq!(a("f(x)"), None);
        assert_eq!(a("a < b"), None);
        assert_eq!(a("-a"), None);
        assert_eq!(a("1 + 2 * 3"), Some((2, 3)));
        assert_eq!(a("a * b + c"), Some((6, 7)));
        assert_eq!(a("2 ** 3 ** 4"), Some((2, 4)));
        assert_eq!(a("[1, 2]"), None);
    }
}
