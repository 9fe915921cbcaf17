//! The names CPython's `site` module adds to builtins for people at a prompt: `help`,
//! `copyright`, `credits` and `license`. As in CPython's `_sitebuiltins`, they are
//! instances of two small classes: a `_Printer` whose repr is its text (calling it prints
//! the text) and a `_Helper` whose repr says how to use it. `help(obj)` is a short
//! version of `pydoc`: the signature and docstring of a function, the bases and
//! docstring of a class, the docstring of a module (instances get their class's help);
//! `help()` prints an introduction instead of starting pydoc's interactive browser.
//! The classes are start-up heap types, untracked like `types.GenericAlias`.

use crate::args::Args;
use crate::heap::PyObject;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

/// CPython 3.11's texts (`site.setcopyright`). With no LICENSE file installed CPython's
/// `license()` prints the address of the licence, as here.
const COPYRIGHT: &str = "Copyright (c) 2001-2023 Python Software Foundation.
All Rights Reserved.

Copyright (c) 2000 BeOpen.com.
All Rights Reserved.

Copyright (c) 1995-2001 Corporation for National Research Initiatives.
All Rights Reserved.

Copyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.
All Rights Reserved.";
const CREDITS: &str =
    "    Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands
    for supporting Python development.  See www.python.org for more information.";
const LICENSE_REPR: &str = "Type license() to see the full license text";
const LICENSE: &str = "See https://www.python.org/psf/license/";
const HELPER_REPR: &str =
    "Type help() for interactive help, or help(object) for help about object.";
const INTRO: &str = "Welcome to mempy's help. help(object) shows the signature and documentation
of a function, class or module; help('name') looks the name up in builtins.

At the >>> prompt, :help lists mempy's memory commands (:heap, :refs, :why,
:gc, :alloc), which show the heap, reference counts and the collector.";

/// Creates the two classes and binds the four names in builtins.
pub(crate) fn init(vm: &Vm) {
    let printer = new_class(vm, "_Printer", &["_Printer__name"]);
    let helper = new_class(vm, "_Helper", &[]);
    let (Some(printer), Some(helper)) = (printer, helper) else {
        return;
    };
    vm.add_methods(
        &printer,
        &[("__repr__", printer_repr), ("__call__", printer_call)],
    );
    vm.add_methods(
        &helper,
        &[("__repr__", helper_repr), ("__call__", helper_call)],
    );
    for name in ["copyright", "credits", "license"] {
        let obj = vm.new_instance(PyBaseObject, &printer).into_object();
        if let Some(slots) = crate::heap::slot_values(&obj) {
            *slots[0].borrow_mut() = Some(vm.new_str(name));
        }
        vm.module_set(&vm.builtins, name, obj);
    }
    let help = vm.new_instance(PyBaseObject, &helper).into_object();
    vm.module_set(&vm.builtins, "help", help);
}

/// A start-up class of module `_sitebuiltins` with the given `__slots__`.
fn new_class(vm: &Vm, name: &str, slots: &[&str]) -> Option<PyTypeRef> {
    let ns = vm.new_dict();
    let slots = vm.new_tuple(slots.iter().map(|s| vm.new_str(s)).collect());
    ns.set_item_str(vm, &vm.intern("__slots__"), slots);
    ns.set_item_str(vm, &vm.intern("__module__"), vm.new_str("_sitebuiltins"));
    let t = typeobj::new_heap_type(vm, &vm.ctx.types.type_type, name, Vec::new(), &ns).ok()?;
    // A start-up type, like the static ones: never collected.
    crate::heap::collect::untrack(t.as_object());
    Some(t)
}

/// The text of a `_Printer` and what calling it prints.
fn printer_texts(o: &PyObject) -> (&'static str, &'static str) {
    let name = crate::heap::slot_values(o)
        .and_then(|s| s.first()?.borrow().clone())
        .and_then(|n| n.payload::<PyStr>().map(|s| s.as_str().to_string()));
    match name.as_deref() {
        Some("copyright") => (COPYRIGHT, COPYRIGHT),
        Some("credits") => (CREDITS, CREDITS),
        _ => (LICENSE_REPR, LICENSE),
    }
}

fn printer_repr(vm: &Vm, args: Args) -> PyResult {
    let this = args
        .positional()
        .first()
        .cloned()
        .unwrap_or_else(|| vm.none());
    Ok(vm.new_str(printer_texts(&this).0))
}

fn printer_call(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    if p.len() != 1 {
        return Err(vm.new_type_error(format!(
            "_Printer.__call__() takes 1 positional argument but {} were given",
            p.len()
        )));
    }
    print(vm, printer_texts(&p[0]).1)?;
    Ok(vm.none())
}

fn helper_repr(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_str(HELPER_REPR))
}

fn helper_call(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let text = match p.get(1) {
        None => INTRO.to_string(),
        Some(obj) => help_text(vm, obj)?,
    };
    print(vm, &text)?;
    Ok(vm.none())
}

/// Prints through the `print` builtin, so a replaced `sys.stdout` receives it.
fn print(vm: &Vm, text: &str) -> PyResult<()> {
    let print = vm
        .builtins
        .dict
        .get_item_str_opt(&vm.intern("print"))
        .ok_or_else(|| vm.new_runtime_error("lost builtins.print"))?;
    vm.call(&print, &[vm.new_str(text)])?;
    Ok(())
}

/// A string attribute, if the object has one.
fn str_attr(vm: &Vm, o: &PyObject, name: &str) -> PyResult<Option<String>> {
    Ok(vm
        .get_attribute_opt(o, name)?
        .and_then(|v| v.payload::<PyStr>().map(|s| s.as_str().to_string())))
}

/// A docstring with its common indentation removed (`inspect.cleandoc`), each line
/// prefixed with `indent`; empty when there is none.
fn doc_block(doc: Option<String>, indent: &str) -> String {
    let Some(doc) = doc else {
        return String::new();
    };
    let lines: Vec<&str> = doc.lines().collect();
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = if i == 0 {
                l.trim_start()
            } else {
                l.get(margin..).unwrap_or("").trim_end()
            };
            format!("{indent}{l}").trim_end().to_string()
        })
        .collect();
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    // pydoc keeps blank lines inside a docstring indented.
    out.iter()
        .map(|l| {
            if l.is_empty() {
                indent.to_string()
            } else {
                l.clone()
            }
        })
        .map(|l| l + "\n")
        .collect()
}

/// `(a, b=2, *args, c, **kw)` from the code object and the defaults.
fn signature(vm: &Vm, f: &PyFunction) -> PyResult<String> {
    let code = &f.code.code;
    let names = &code.varnames;
    let (argc, posonly, kwonly) = (
        code.argcount as usize,
        code.posonlyargcount as usize,
        code.kwonlyargcount as usize,
    );
    let defaults: Vec<_> = f
        .defaults
        .borrow()
        .as_ref()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    let mut parts = Vec::new();
    for (i, name) in names.iter().take(argc).enumerate() {
        let first_default = argc.saturating_sub(defaults.len());
        let mut p = name.clone();
        if i >= first_default {
            p = format!("{p}={}", vm.repr(&defaults[i - first_default])?.as_str());
        }
        parts.push(p);
        if posonly > 0 && i + 1 == posonly {
            parts.push("/".to_string());
        }
    }
    let mut next = argc + kwonly;
    let varargs = code.flags.contains(mempy_bytecode::CodeFlags::VARARGS);
    if varargs {
        parts.push(format!("*{}", names.get(next).cloned().unwrap_or_default()));
        next += 1;
    } else if kwonly > 0 {
        parts.push("*".to_string());
    }
    let kwdefaults = f.kwdefaults.borrow().clone();
    for name in names.iter().skip(argc).take(kwonly) {
        let default = match &kwdefaults {
            Some(d) => d.get_item_str_opt(&vm.intern(name)),
            None => None,
        };
        parts.push(match default {
            Some(v) => format!("{name}={}", vm.repr(&v)?.as_str()),
            None => name.clone(),
        });
    }
    if code.flags.contains(mempy_bytecode::CodeFlags::VARKEYWORDS) {
        parts.push(format!(
            "**{}",
            names.get(next).cloned().unwrap_or_default()
        ));
    }
    Ok(format!("({})", parts.join(", ")))
}

/// What `help(obj)` prints.
fn help_text(vm: &Vm, obj: &crate::heap::PyObjectRef) -> PyResult<String> {
    if let Some(s) = obj.payload::<PyStr>() {
        let found = vm.builtins.dict.get_item_str_opt(&vm.intern(s.as_str()));
        return match found {
            Some(o) => help_text(vm, &o),
            None => Ok(format!(
                "No Python documentation found for {}.\nUse help() to get the interactive help utility.\nUse help(str) for help on the str class.\n",
                vm.repr(obj)?.as_str()
            )),
        };
    }
    let doc = str_attr(vm, obj, "__doc__")?;
    if let Some(f) = obj.payload::<PyFunction>() {
        let name = str_attr(vm, obj, "__name__")?.unwrap_or_default();
        let module = str_attr(vm, obj, "__module__")?.unwrap_or_default();
        return Ok(format!(
            "Help on function {name} in module {module}:\n\n{name}{}\n{}",
            signature(vm, f)?,
            doc_block(doc, "    ")
        ));
    }
    if let Some(b) = obj.payload::<PyBuiltinFunction>() {
        // Native functions carry no text signature or docstring here.
        let module = b
            .module
            .as_ref()
            .and_then(|m| m.payload::<PyStr>().map(|s| s.as_str().to_string()))
            .unwrap_or_else(|| "builtins".to_string());
        return Ok(format!(
            "Help on built-in function {0} in module {module}:\n\n{0}(...)\n",
            b.name
        ));
    }
    if obj.payload::<PyModule>().is_some() {
        let name = str_attr(vm, obj, "__name__")?.unwrap_or_default();
        return Ok(format!(
            "Help on module {name}:\n\nNAME\n    {name}\n{}",
            match doc {
                Some(_) => format!("\nDESCRIPTION\n{}", doc_block(doc, "    ")),
                None => String::new(),
            }
        ));
    }
    // Instances get the help of their class, as with pydoc.
    let cls = match obj.payload::<PyType>() {
        Some(_) => obj.clone(),
        None => obj.class().as_object().to_owned(),
    };
    let Some(t) = cls.payload::<PyType>() else {
        return Ok(String::new());
    };
    let name = t.name().to_string();
    let module = str_attr(vm, &cls, "__module__")?.unwrap_or_else(|| "builtins".into());
    let bases: Vec<String> = t
        .bases
        .borrow()
        .iter()
        .map(|b| {
            let m = str_attr(vm, b.as_object(), "__module__")
                .ok()
                .flatten()
                .unwrap_or_else(|| "builtins".into());
            format!("{m}.{}", b.name())
        })
        .collect();
    let doc = str_attr(vm, &cls, "__doc__")?;
    Ok(format!(
        "Help on class {name} in module {module}:\n\nclass {name}({})\n{}",
        bases.join(", "),
        doc_block(doc, " |  ")
    ))
}
