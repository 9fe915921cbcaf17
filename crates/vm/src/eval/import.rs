//! `import`: `ImportName`, `ImportFrom`, `ImportStar` and the `__import__` builtin.
//!
//! Lookup order for a module name: `sys.modules`, the native modules of
//! `modules::BUILTIN_MODULES`, then `name.py` or `name/__init__.py` in each
//! `sys.path` folder (the script's folder first). Source modules are compiled
//! through the driver's compile hook (`Vm::compile_hook`; the VM never depends on
//! the parser or compiler), registered in `sys.modules` before their code runs (so
//! circular imports see the partial module) and removed again if it fails.

use std::path::PathBuf;

use crate::args::Args;
use crate::eval::frame::Frame;
use crate::heap::PyObjectRef;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{CompileFailure, CompileMode, PyResult, Vm};

pub(crate) fn init(vm: &Vm) {
    vm.add_functions(&vm.builtins, &[("__import__", builtin_import)]);
}

fn builtin_import(vm: &Vm, args: Args) -> PyResult {
    let b = args.bind(
        vm,
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
        1,
    )?;
    let name = b[0].clone().unwrap_or_else(|| vm.none());
    let name = name.downcast::<PyStr>().map_err(|o| {
        vm.new_type_error(format!(
            "__import__() argument 1 must be str, not {}",
            o.class().name()
        ))
    })?;
    let level = match &b[4] {
        Some(l) => vm.to_index_i64(l)?,
        None => 0,
    };
    let globals = b[1].clone().and_then(|g| g.downcast::<PyDict>().ok());
    let fromlist = b[3].clone().unwrap_or_else(|| vm.none());
    import_with(vm, name.as_str(), globals.as_ref(), &fromlist, level)
}

/// `ImportName`.
pub fn import_name(
    vm: &Vm,
    f: &Frame,
    name: &PyStrRef,
    fromlist: &PyObjectRef,
    level: &PyObjectRef,
) -> PyResult {
    let level = vm.to_index_i64(level).unwrap_or(0);
    import_with(vm, name.as_str(), Some(&f.globals), fromlist, level)
}

fn import_with(
    vm: &Vm,
    name: &str,
    globals: Option<&PyDictRef>,
    fromlist: &PyObjectRef,
    level: i64,
) -> PyResult {
    let full = if level > 0 {
        resolve_relative(vm, name, globals, level)?
    } else {
        name.to_string()
    };
    if full.is_empty() {
        return Err(vm.new_value_error("Empty module name"));
    }
    let module = import_module(vm, &full)?;
    let has_fromlist = !vm.is_none(fromlist) && vm.is_true(fromlist)?;
    if has_fromlist || level > 0 && name.is_empty() {
        return Ok(module);
    }
    if level == 0 {
        let top = full.split('.').next().unwrap_or(&full);
        return sys_module(vm, top)
            .map(Ok)
            .unwrap_or_else(|| import_module(vm, top));
    }
    // Relative `import .a.b` style without fromlist is not valid syntax; return the module.
    Ok(module)
}

fn resolve_relative(
    vm: &Vm,
    name: &str,
    globals: Option<&PyDictRef>,
    level: i64,
) -> PyResult<String> {
    let get = |k: &str| {
        globals
            .and_then(|g| g.get_item_str_opt(&vm.intern(k)))
            .filter(|v| !vm.is_none(v))
    };
    let mut package = match get("__package__") {
        Some(p) => vm.str_of(&p)?,
        None => match get("__name__") {
            Some(n) => {
                let n = vm.str_of(&n)?;
                if get("__path__").is_some() {
                    n
                } else {
                    n.rsplit_once('.')
                        .map(|(a, _)| a.to_string())
                        .unwrap_or_default()
                }
            }
            None => String::new(),
        },
    };
    if package.is_empty() {
        return Err(vm.new_exception_msg(
            &vm.ctx.exc.import_error,
            "attempted relative import with no known parent package",
        ));
    }
    for _ in 1..level {
        match package.rsplit_once('.') {
            Some((a, _)) => package = a.to_string(),
            None => {
                return Err(vm.new_exception_msg(
                    &vm.ctx.exc.import_error,
                    "attempted relative import beyond top-level package",
                ))
            }
        }
    }
    Ok(if name.is_empty() {
        package
    } else {
        format!("{package}.{name}")
    })
}

fn sys_module(vm: &Vm, name: &str) -> Option<PyObjectRef> {
    vm.sys_modules.get_item_str_opt(&vm.intern(name))
}

fn not_found(vm: &Vm, name: &str) -> PyBaseExceptionRef {
    let e = vm.new_exception_msg(
        &vm.ctx.exc.module_not_found_error,
        format!("No module named '{name}'"),
    );
    set_exc_attr(vm, &e, "name", vm.new_str(name));
    e
}

fn set_exc_attr(vm: &Vm, e: &PyBaseExceptionRef, k: &str, v: PyObjectRef) {
    let _ = vm.set_attribute(&e.clone().into(), &vm.intern(k), Some(v));
}

/// Imports the module `name` (dotted names import their parents first).
pub fn import_module(vm: &Vm, name: &str) -> PyResult {
    if let Some(m) = sys_module(vm, name) {
        if vm.is_none(&m) {
            return Err(vm.new_exception_msg(
                &vm.ctx.exc.module_not_found_error,
                format!("import of {name} halted; None in sys.modules"),
            ));
        }
        return Ok(m);
    }
    let (parent, search): (Option<(PyObjectRef, &str)>, Vec<PathBuf>) = match name.rsplit_once('.')
    {
        Some((p, child)) => {
            let pm = import_module(vm, p)?;
            if let Some(m) = sys_module(vm, name) {
                return Ok(m);
            }
            let path = match vm.get_attribute_opt(&pm, "__path__")? {
                Some(path) => vm
                    .iterate(&path)?
                    .iter()
                    .filter_map(|p| vm.str_of(p).ok())
                    .map(PathBuf::from)
                    .collect(),
                None => {
                    return Err(vm.new_exception_msg(
                        &vm.ctx.exc.module_not_found_error,
                        format!("No module named '{name}'; '{p}' is not a package"),
                    ))
                }
            };
            (Some((pm, child)), path)
        }
        None => {
            if let Some((_, make)) = crate::modules::BUILTIN_MODULES
                .iter()
                .find(|(n, _)| *n == name)
            {
                let m: PyObjectRef = make(vm).into();
                vm.sys_modules.set_item_str(vm, &vm.intern(name), m.clone());
                return Ok(m);
            }
            (None, sys_path(vm))
        }
    };
    let short = name.rsplit('.').next().unwrap_or(name);
    for dir in search {
        let file = dir.join(format!("{short}.py"));
        if file.is_file() {
            let m = load_source(vm, name, &file, None)?;
            if let Some((pm, child)) = &parent {
                let _ = vm.set_attribute(pm, &vm.intern(child), Some(m.clone()));
            }
            return Ok(m);
        }
        let pkg = dir.join(short);
        let init = pkg.join("__init__.py");
        if init.is_file() {
            let m = load_source(vm, name, &init, Some(&pkg))?;
            if let Some((pm, child)) = &parent {
                let _ = vm.set_attribute(pm, &vm.intern(child), Some(m.clone()));
            }
            return Ok(m);
        }
    }
    Err(not_found(vm, name))
}

/// `sys.path` as folders (the script's folder when `sys` has no `path`).
fn sys_path(vm: &Vm) -> Vec<PathBuf> {
    if let Some(sys) = sys_module(vm, "sys") {
        if let Ok(Some(p)) = vm.get_attribute_opt(&sys, "path") {
            if let Ok(items) = vm.iterate(&p) {
                return items
                    .iter()
                    .filter_map(|i| i.payload::<PyStr>().map(|s| s.as_str().to_string()))
                    .map(|s| {
                        if s.is_empty() {
                            std::env::current_dir().unwrap_or_default()
                        } else {
                            PathBuf::from(s)
                        }
                    })
                    .collect();
            }
        }
    }
    vec![PathBuf::from(vm.script_dir.borrow().clone())]
}

/// A SyntaxError (or subclass) for a failed compile.
pub fn syntax_error(vm: &Vm, cf: &CompileFailure) -> PyBaseExceptionRef {
    let cls = vm
        .ctx
        .exc
        .by_name
        .get(cf.class_name.as_str())
        .cloned()
        .unwrap_or_else(|| vm.ctx.exc.syntax_error.clone());
    let text = cf
        .text
        .as_ref()
        .map(|t| vm.new_str(t))
        .unwrap_or_else(|| vm.none());
    let details = vm.new_tuple(vec![
        vm.new_str(&cf.filename),
        vm.new_int(cf.line as i64),
        vm.new_int(cf.col as i64),
        text,
        vm.new_int(cf.end_line as i64),
        vm.new_int(cf.end_col as i64),
    ]);
    vm.new_exception(&cls, vec![vm.new_str(&cf.message), details])
}

/// Compiles `source` with the driver's hook.
pub fn compile_source(
    vm: &Vm,
    source: &str,
    filename: &str,
    mode: CompileMode,
) -> PyResult<std::rc::Rc<mempy_bytecode::CodeObject>> {
    let hook = vm.compile_hook.borrow().clone();
    let Some(hook) = hook else {
        return Err(vm.new_runtime_error("no compiler installed"));
    };
    hook(source, filename, mode).map_err(|cf| syntax_error(vm, &cf))
}

fn load_source(
    vm: &Vm,
    name: &str,
    file: &std::path::Path,
    pkg_dir: Option<&std::path::Path>,
) -> PyResult {
    let filename = file.display().to_string();
    let source = std::fs::read_to_string(file)
        .map_err(|e| vm.new_exception_msg(&vm.ctx.exc.os_error, e.to_string()))?;
    let code = compile_source(vm, &source, &filename, CompileMode::Module)?;
    let m = vm.new_module(name);
    let d = &m.dict;
    let set = |k: &str, v: PyObjectRef| d.set_item_str(vm, &vm.intern(k), v);
    set("__file__", vm.new_str(&filename));
    set("__cached__", vm.none());
    set("__loader__", vm.none());
    set("__spec__", vm.none());
    match pkg_dir {
        Some(p) => {
            set("__package__", vm.new_str(name));
            set(
                "__path__",
                vm.new_list(vec![vm.new_str(&p.display().to_string())]),
            );
        }
        None => set(
            "__package__",
            vm.new_str(name.rsplit_once('.').map(|(a, _)| a).unwrap_or("")),
        ),
    }
    set("__builtins__", vm.builtins.clone().into());
    let key = vm.intern(name);
    vm.sys_modules.set_item_str(vm, &key, m.clone().into());
    if let Err(e) = vm.run_code(code, m.dict.clone()) {
        let _ = vm.sys_modules.del_item(vm, key.as_object());
        return Err(e);
    }
    Ok(sys_module(vm, name).unwrap_or_else(|| m.into()))
}

/// `ImportFrom`: `module.name`, or the submodule `module.name`.
pub fn import_from(vm: &Vm, m: &PyObjectRef, name: &PyStrRef) -> PyResult {
    if let Some(v) = vm.get_attribute_opt(m, name.as_str())? {
        return Ok(v);
    }
    let mname = vm
        .get_attribute_opt(m, "__name__")?
        .and_then(|n| vm.str_of(&n).ok());
    if let Some(mn) = &mname {
        let sub = format!("{mn}.{}", name.as_str());
        if let Some(s) = sys_module(vm, &sub) {
            return Ok(s);
        }
        if vm.get_attribute_opt(m, "__path__")?.is_some() {
            if let Ok(s) = import_module(vm, &sub) {
                return Ok(s);
            }
        }
    }
    let mn = mname.unwrap_or_else(|| "<unknown module name>".into());
    let file = vm
        .get_attribute_opt(m, "__file__")?
        .and_then(|f| vm.str_of(&f).ok());
    let where_ = file.unwrap_or_else(|| "unknown location".into());
    let e = vm.new_exception_msg(
        &vm.ctx.exc.import_error,
        format!(
            "cannot import name '{}' from '{}' ({})",
            name.as_str(),
            mn,
            where_
        ),
    );
    set_exc_attr(vm, &e, "name", vm.new_str(&mn));
    Err(e)
}

/// `from m import *`.
pub fn import_star(vm: &Vm, f: &Frame, m: &PyObjectRef) -> PyResult<()> {
    let names: Vec<PyObjectRef> = match vm.get_attribute_opt(m, "__all__")? {
        Some(all) => vm.iterate(&all)?,
        None => {
            let d = vm.get_attribute_opt(m, "__dict__")?;
            let keys = match d.as_ref().and_then(|d| d.payload::<PyDict>()) {
                Some(d) => d.keys_vec(),
                None => Vec::new(),
            };
            keys.into_iter()
                .filter(|k| {
                    k.payload::<PyStr>()
                        .is_some_and(|s| !s.as_str().starts_with('_'))
                })
                .collect()
        }
    };
    let target: PyObjectRef = f.locals.clone().unwrap_or_else(|| f.globals.clone().into());
    for n in names {
        let Some(s) = n.payload::<PyStr>() else {
            continue;
        };
        let key = vm.intern(s.as_str());
        let v = vm.get_attribute(m, &key)?;
        match target.payload::<PyDict>() {
            Some(d) => d.set_item_str(vm, &key, v),
            None => vm.setitem(&target, key.into(), v)?,
        }
    }
    Ok(())
}
