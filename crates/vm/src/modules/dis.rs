//! The `dis` module: `dis.dis(x)` prints the disassembly of a function, method, code
//! object, class or module (every function in it), or of a source string, to
//! `sys.stdout`. The listing is `mempy_bytecode`'s `Display` of a code object, the same
//! text `mempy --dump bytecode` prints; it reads like CPython's but mempy's instruction
//! set is its own, so the opcodes differ.

use mempy_bytecode::CodeObject;

use crate::args::Args;
use crate::heap::{PyObject, PyRef};
use crate::objects::descriptor::{PyBoundMethod, PyClassMethod, PyStaticMethod};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyCode, PyFunction, PyModule, PyStr, PyType};
use crate::vm::{PyResult, Vm};
use crate::CompileMode;

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("dis");
    vm.add_functions(&m, &[("dis", dis_dis)]);
    m
}

/// Writes to the program's `sys.stdout` (so redirection works).
fn write_stdout(vm: &Vm, text: &str) -> PyResult<()> {
    match crate::modules::sys::sys_attr(vm, "stdout") {
        Some(out) => vm
            .call_method(&out, "write", &[vm.new_str(text)])
            .map(|_| ()),
        None => {
            vm.write_stdout(text);
            Ok(())
        }
    }
}

/// The code object behind a function-like object.
fn code_of(o: &PyObject) -> Option<std::rc::Rc<CodeObject>> {
    if let Some(c) = o.payload::<PyCode>() {
        return Some(c.code.clone());
    }
    if let Some(f) = o.payload::<PyFunction>() {
        return Some(f.code.code.clone());
    }
    if let Some(m) = o.payload::<PyBoundMethod>() {
        return code_of(&m.func);
    }
    if let Some(c) = o.payload::<PyClassMethod>() {
        return code_of(&c.callable.borrow());
    }
    if let Some(s) = o.payload::<PyStaticMethod>() {
        return code_of(&s.callable.borrow());
    }
    None
}

fn listing(code: &CodeObject) -> String {
    let mut s = String::new();
    // Writing into a String cannot fail.
    let _ = code.disassemble(&mut s);
    s
}

/// The sections of a class or module: `Disassembly of NAME:` for every function in it.
fn sections(entries: Vec<(String, crate::heap::PyObjectRef)>) -> String {
    let mut out = String::new();
    for (name, v) in entries {
        if let Some(code) = code_of(&v) {
            out.push_str(&format!("Disassembly of {name}:\n{}\n", listing(&code)));
        }
    }
    out
}

fn dis_dis(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "dis")?;
    let Some(x) = args.positional().first() else {
        return Err(vm.new_type_error(
            "dis() missing required argument 'x' (mempy has no last traceback to disassemble)",
        ));
    };
    let text = if let Some(code) = code_of(x) {
        listing(&code)
    } else if let Some(t) = x.payload::<PyType>() {
        let entries = t
            .attrs
            .borrow()
            .entries()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.clone()))
            .collect();
        sections(entries)
    } else if let Some(m) = x.payload::<PyModule>() {
        let entries = m
            .dict
            .items_vec()
            .into_iter()
            .filter_map(|(k, v)| {
                k.payload::<PyStr>()
                    .map(|s| (s.as_str().to_string(), v.clone()))
            })
            .collect();
        sections(entries)
    } else if let Some(src) = x.payload::<PyStr>() {
        let code =
            crate::eval::import::compile_source(vm, src.as_str(), "<dis>", CompileMode::Module)?;
        listing(&code)
    } else {
        return Err(vm.new_type_error(format!(
            "don't know how to disassemble {} objects",
            x.class().name()
        )));
    };
    write_stdout(vm, &text)?;
    Ok(vm.none())
}
