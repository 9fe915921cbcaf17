//! `compile`, `exec` and `eval`: source text is compiled through the driver's
//! compile hook (the VM never depends on the parser or compiler) into a code object,
//! which runs in a frame of its own against the given namespaces or, by default,
//! the caller's (published by the dispatch loop before the call, as for
//! `globals()`/`locals()`; inside a function the locals are a snapshot, so
//! assignments made by `exec` are not seen by the function, as in CPython).

use crate::args::Args;
use crate::eval::import::compile_source;
use crate::heap::{PyObjectRef, PyRef};
use crate::objects::code::new_code;
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyBytes, PyCode, PyDict, PyDictRef, PyStr};
use crate::vm::{CompileMode, PyResult, Vm};

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub(super) fn builtin_compile(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(
        vm,
        "compile",
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
        ],
        3,
    )?;
    let filename = a[1].as_ref().unwrap();
    let filename = filename
        .payload::<PyStr>()
        .map(|s| s.as_str().to_string())
        .ok_or_else(|| {
            vm.new_type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                filename.class().name()
            ))
        })?;
    let mode = a[2].as_ref().unwrap();
    let mode = match mode.payload::<PyStr>().map(|s| s.as_str()) {
        Some("exec") => CompileMode::Module,
        Some("eval") => CompileMode::Eval,
        Some("single") => CompileMode::Interactive,
        Some(_) => {
            return Err(
                vm.new_value_error("compile() mode must be 'exec', 'eval' or 'single'".to_string())
            )
        }
        None => {
            return Err(vm.new_type_error(format!(
                "compile() argument 'mode' must be str, not {}",
                mode.class().name()
            )))
        }
    };
    let source = a[0].as_ref().unwrap();
    Ok(code_of(vm, source, &filename, mode, "compile")?.into())
}

/// `exec(source, globals=None, locals=None)`.
pub(super) fn builtin_exec(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "exec", &["source", "globals", "locals"], 1)?;
    let (globals, locals) = namespaces(vm, "exec", &a[1], &a[2])?;
    let code = code_of(
        vm,
        a[0].as_ref().unwrap(),
        "<string>",
        CompileMode::Module,
        "exec",
    )?;
    vm.run_code_in(code, globals, locals)?;
    Ok(vm.none())
}

/// `eval(source, globals=None, locals=None)`.
pub(super) fn builtin_eval(vm: &Vm, args: Args) -> PyResult {
    let a = args.bind(vm, "eval", &["source", "globals", "locals"], 1)?;
    let (globals, locals) = namespaces(vm, "eval", &a[1], &a[2])?;
    let source = a[0].as_ref().unwrap();
    let code = code_of(vm, source, "<string>", CompileMode::Eval, "eval")?;
    vm.run_code_in(code, globals, locals)
}

/// The code object of `source`: itself if it is one, else the compiled str or
/// UTF-8 bytes. `eval` ignores leading blanks, as CPython does.
fn code_of(
    vm: &Vm,
    source: &PyObjectRef,
    filename: &str,
    mode: CompileMode,
    fname: &str,
) -> PyResult<PyRef<PyCode>> {
    if let Ok(code) = source.clone().downcast::<PyCode>() {
        return Ok(code);
    }
    let text = if let Some(s) = source.payload::<PyStr>() {
        s.as_str().to_string()
    } else if let Some(b) = source.payload::<PyBytes>() {
        String::from_utf8(b.value.clone()).map_err(|_| {
            vm.new_value_error("source code string cannot contain invalid UTF-8".to_string())
        })?
    } else {
        let what = if fname == "compile" {
            "compile() arg 1 must be a string, bytes or AST object".to_string()
        } else {
            format!("{fname}() arg 1 must be a string, bytes or code object")
        };
        return Err(vm.new_type_error(what));
    };
    if text.contains('\0') {
        return Err(vm.new_exception_msg(
            &vm.ctx.exc.syntax_error,
            "source code string cannot contain null bytes".to_string(),
        ));
    }
    let text = if mode == CompileMode::Eval && fname != "compile" {
        text.trim_start_matches([' ', '\t']).to_string()
    } else {
        text
    };
    let code = compile_source(vm, &text, filename, mode)?;
    Ok(new_code(vm, code))
}

/// The globals and locals `exec`/`eval` run with: the caller's when neither is
/// given, `globals` for both when only it is given.
fn namespaces(
    vm: &Vm,
    fname: &str,
    globals: &Option<PyObjectRef>,
    locals: &Option<PyObjectRef>,
) -> PyResult<(PyDictRef, PyObjectRef)> {
    let globals = globals.as_ref().filter(|g| !vm.is_none(g));
    let locals = locals.as_ref().filter(|l| !vm.is_none(l));
    let Some(g) = globals else {
        check_locals(vm, fname, locals)?;
        let (g, l) = vm
            .current_scope()
            .unwrap_or_else(|| (vm.new_dict(), vm.new_dict().into()));
        return Ok((g, locals.cloned().unwrap_or(l)));
    };
    let Ok(gd) = g.clone().downcast::<PyDict>() else {
        return Err(vm.new_type_error(if fname == "exec" {
            format!("exec() globals must be a dict, not {}", g.class().name())
        } else {
            "globals must be a dict".to_string()
        }));
    };
    check_locals(vm, fname, locals)?;
    let l = locals.cloned().unwrap_or_else(|| gd.clone().into());
    Ok((gd, l))
}

/// CPython's check that `locals` is a mapping (its wording differs between the two).
fn check_locals(vm: &Vm, fname: &str, locals: Option<&PyObjectRef>) -> PyResult<()> {
    let Some(l) = locals else { return Ok(()) };
    if l.class().lookup(&vm.intern("__getitem__")).is_some() {
        return Ok(());
    }
    Err(vm.new_type_error(if fname == "exec" {
        format!("locals must be a mapping or None, not {}", l.class().name())
    } else {
        "locals must be a mapping".to_string()
    }))
}
