//! Rendering exceptions as CPython 3.11 prints them (`Traceback (most recent call
//! last):`, frames, source lines, chaining sentences, `Type: message`).

use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyBaseExceptionRef, PyTraceback};
use crate::vm::Vm;

/// The full report of an exception (with its chain), as `sys.excepthook` prints it.
pub fn format_exception(vm: &Vm, e: &PyBaseExceptionRef) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, e, &mut out, &mut seen);
    out
}

fn format_chain(vm: &Vm, e: &PyBaseExceptionRef, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(e.as_object().addr());
    let cause = e.cause.borrow().clone();
    let context = e.context.borrow().clone();
    if let Some(c) = cause.and_then(|c| c.downcast::<crate::objects::PyBaseException>().ok()) {
        if !seen.contains(&c.as_object().addr()) {
            format_chain(vm, &c, out, seen);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        }
    } else if let Some(c) = context.filter(|_| !e.suppress_context.get()).and_then(|c| c.downcast::<crate::objects::PyBaseException>().ok()) {
        if !seen.contains(&c.as_object().addr()) {
            format_chain(vm, &c, out, seen);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    if let Some(tb) = e.traceback.borrow().clone() {
        out.push_str("Traceback (most recent call last):\n");
        let mut cur = Some(tb);
        while let Some(t) = cur {
            let Some(tbp) = t.payload::<PyTraceback>() else { break };
            let code = &tbp.frame.code.code;
            out.push_str(&format!("  File \"{}\", line {}, in {}\n", code.filename, tbp.lineno, code.name));
            if let Ok(src) = std::fs::read_to_string(&code.filename) {
                if let Some(line) = src.lines().nth(tbp.lineno.saturating_sub(1) as usize) {
                    let l = line.trim();
                    if !l.is_empty() {
                        out.push_str(&format!("    {l}\n"));
                    }
                }
            }
            cur = tbp.next.borrow().clone();
        }
    }
    out.push_str(&exception_line(vm, e));
}

/// The final `Type: message` line.
pub fn exception_line(vm: &Vm, e: &PyBaseExceptionRef) -> String {
    let cls = e.as_object().class();
    let mut name = cls.qualname.borrow().clone();
    if cls.is_heap_type() {
        if let Some(m) = cls.lookup(&vm.intern("__module__")).and_then(|m| vm.str_of(&m).ok()) {
            if m != "__main__" && m != "builtins" {
                name = format!("{m}.{name}");
            }
        }
    }
    let msg = match vm.str(e.as_object()) {
        Ok(s) => s.as_str().to_string(),
        Err(_) => "<exception str() failed>".into(),
    };
    if msg.is_empty() { format!("{name}\n") } else { format!("{name}: {msg}\n") }
}
