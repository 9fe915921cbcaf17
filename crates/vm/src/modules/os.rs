//! A small built-in `os`: `getpid`, `getcwd`, `getenv`, `environ` (a dict snapshot),
//! `sep`, `name`, `linesep`, and `os.path` with `join`, `exists`, `isfile`, `isdir`,
//! `basename`, `dirname`, `abspath`. Enough for the article's `memory_usage()` sample.

use crate::args::Args;
use crate::heap::{PyObjectRef, PyRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyModule, PyStr};
use crate::vm::{PyResult, Vm};

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("os");
    vm.add_functions(
        &m,
        &[
            ("getpid", os_getpid),
            ("getcwd", os_getcwd),
            ("getenv", os_getenv),
            ("remove", os_remove),
            ("unlink", os_unlink),
        ],
    );
    let env = vm.new_dict();
    for (k, v) in std::env::vars() {
        let _ = env.set_item(vm, vm.new_string(k), vm.new_string(v));
    }
    vm.module_set(&m, "environ", env.into());
    vm.module_set(&m, "sep", vm.new_str("/"));
    vm.module_set(&m, "name", vm.new_str("posix"));
    vm.module_set(&m, "linesep", vm.new_str("\n"));
    let path = vm.new_module("posixpath");
    vm.add_functions(
        &path,
        &[
            ("join", path_join),
            ("exists", path_exists),
            ("isfile", path_isfile),
            ("isdir", path_isdir),
            ("basename", path_basename),
            ("dirname", path_dirname),
            ("abspath", path_abspath),
        ],
    );
    vm.module_set(&path, "sep", vm.new_str("/"));
    vm.module_set(&m, "path", path.into());
    m
}

fn str_arg(vm: &Vm, o: &PyObjectRef, fname: &str) -> PyResult<String> {
    o.payload::<PyStr>()
        .map(|s| s.as_str().to_string())
        .ok_or_else(|| {
            vm.new_type_error(format!(
                "{fname}: expected str, bytes or os.PathLike object, not {}",
                o.class().name()
            ))
        })
}

/// `os.remove(path)` / `os.unlink(path)`: FileNotFoundError, IsADirectoryError,
/// PermissionError... with the path as `filename`, as CPython's `posix_error`.
fn remove_file(vm: &Vm, args: Args, fname: &str) -> PyResult {
    let a = args.bind(vm, fname, &["path", "dir_fd"], 1)?;
    if let Some(d) = &a[1] {
        if !vm.is_none(d) {
            return Err(vm.new_exception_msg(
                &vm.ctx.exc.not_implemented_error,
                "dir_fd unavailable on this platform",
            ));
        }
    }
    let p = a[0].as_ref().unwrap();
    let path = p.payload::<PyStr>().ok_or_else(|| {
        vm.new_type_error(format!(
            "{fname}: path should be string, bytes or os.PathLike, not {}",
            p.class().name()
        ))
    })?;
    match std::fs::remove_file(path.as_str()) {
        Ok(()) => Ok(vm.none()),
        Err(e) => Err(crate::builtins::io::os_error(vm, &e, Some(path.as_str()))),
    }
}

fn os_remove(vm: &Vm, args: Args) -> PyResult {
    remove_file(vm, args, "remove")
}

fn os_unlink(vm: &Vm, args: Args) -> PyResult {
    remove_file(vm, args, "unlink")
}

fn os_getpid(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_int(std::process::id() as i64))
}

fn os_getcwd(vm: &Vm, _args: Args) -> PyResult {
    let d = std::env::current_dir()
        .map_err(|e| vm.new_exception_msg(&vm.ctx.exc.os_error, e.to_string()))?;
    Ok(vm.new_string(d.to_string_lossy().into_owned()))
}

fn os_getenv(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let key = str_arg(
        vm,
        p.first()
            .ok_or_else(|| vm.new_type_error("getenv() missing required argument 'key'"))?,
        "getenv",
    )?;
    match std::env::var(key) {
        Ok(v) => Ok(vm.new_string(v)),
        Err(_) => Ok(p.get(1).cloned().unwrap_or_else(|| vm.none())),
    }
}

fn path_join(vm: &Vm, args: Args) -> PyResult {
    let mut out = String::new();
    for a in args.positional() {
        let s = str_arg(vm, a, "join() argument")?;
        if s.starts_with('/') {
            out = s;
        } else if out.is_empty() || out.ends_with('/') {
            out.push_str(&s);
        } else {
            out.push('/');
            out.push_str(&s);
        }
    }
    Ok(vm.new_string(out))
}

fn one(vm: &Vm, args: &Args, f: &str) -> PyResult<String> {
    let p = args.positional();
    let a = p.first().ok_or_else(|| {
        vm.new_type_error(format!("{f}() missing 1 required positional argument"))
    })?;
    str_arg(vm, a, f)
}

fn path_exists(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_bool(std::path::Path::new(&one(vm, &args, "exists")?).exists()))
}

fn path_isfile(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_bool(std::path::Path::new(&one(vm, &args, "isfile")?).is_file()))
}

fn path_isdir(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_bool(std::path::Path::new(&one(vm, &args, "isdir")?).is_dir()))
}

fn path_basename(vm: &Vm, args: Args) -> PyResult {
    let s = one(vm, &args, "basename")?;
    Ok(vm.new_string(s.rsplit('/').next().unwrap_or("").to_string()))
}

fn path_dirname(vm: &Vm, args: Args) -> PyResult {
    let s = one(vm, &args, "dirname")?;
    let head = match s.rfind('/') {
        Some(i) => {
            let h = &s[..=i];
            let t = h.trim_end_matches('/');
            if t.is_empty() {
                h.to_string()
            } else {
                t.to_string()
            }
        }
        None => String::new(),
    };
    Ok(vm.new_string(head))
}

fn path_abspath(vm: &Vm, args: Args) -> PyResult {
    let s = one(vm, &args, "abspath")?;
    let p = std::path::Path::new(&s);
    let full = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut parts: Vec<String> = Vec::new();
    for c in full.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(x) => parts.push(x.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    Ok(vm.new_string(format!("/{}", parts.join("/"))))
}
