//! The `sys` module: interpreter facts (version, platform, maxsize...), the program's
//! `argv`/`path`/`modules`, the standard streams, `exit`, the recursion limit and
//! `exc_info`. The memory functions (`getrefcount`, `getsizeof`,
//! `getallocatedblocks`, `_debugmallocstats`) belong to the gc issue: they are added
//! by [`add_memory_functions`] below.

use crate::args::Args;
use crate::heap::{PyObjectRef, PyRef};
use crate::modules::io::{PyTextIO, Target};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyModule, PyStr};
use crate::vm::{PyResult, Vm};

/// The version string; starts with the CPython version mempy follows.
pub const VERSION: &str = "3.11.7 (mempy, a Python interpreter in Rust)";

/// `sys.<name>` as the program currently sees it (None if `sys` or the name is gone).
pub fn sys_attr(vm: &Vm, name: &str) -> Option<PyObjectRef> {
    let sys = vm.sys_modules.get_item_str_opt(&vm.intern("sys"))?;
    let m = sys.payload::<PyModule>()?;
    m.dict.get_item_str_opt(&vm.intern(name))
}

fn sys_exit(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "exit", 0, 1)?;
    Err(vm.new_exception(&vm.ctx.exc.system_exit, p.to_vec()))
}

fn sys_getrecursionlimit(vm: &Vm, args: Args) -> PyResult {
    args.range(vm, "getrecursionlimit", 0, 0)?;
    Ok(vm.new_int(vm.recursion_limit.get() as i64))
}

fn sys_setrecursionlimit(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "setrecursionlimit", 1, 1)?;
    if p[0].payload::<crate::objects::PyFloat>().is_some() {
        return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = vm.to_index_i64(&p[0])?;
    if n < 1 {
        return Err(vm.new_value_error("recursion limit must be greater or equal than 1"));
    }
    let n = n.min(i32::MAX as i64) as u32;
    let depth = vm.recursion_depth.get();
    if n <= depth {
        return Err(vm.new_recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
        )));
    }
    vm.recursion_limit.set(n);
    Ok(vm.none())
}

fn sys_intern(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "intern", 1, 1)?;
    match p[0].clone().downcast::<PyStr>() {
        Ok(s)
            if s.as_object()
                .class()
                .as_object()
                .is(vm.ctx.types.str_type.as_object()) =>
        {
            Ok(vm.intern_str(&s).into())
        }
        _ => Err(vm.new_type_error(format!(
            "intern() argument must be str, not {}",
            p[0].class().name()
        ))),
    }
}

fn sys_exc_info(vm: &Vm, args: Args) -> PyResult {
    args.range(vm, "exc_info", 0, 0)?;
    let cur = vm.current_exc.borrow().clone().filter(|e| !vm.is_none(e));
    Ok(match cur {
        Some(e) => {
            let tb = vm
                .get_attribute_opt(&e, "__traceback__")?
                .unwrap_or_else(|| vm.none());
            vm.new_tuple(vec![e.class_obj().to_owned(), e, tb])
        }
        None => vm.new_tuple(vec![vm.none(), vm.none(), vm.none()]),
    })
}

fn sys_exception(vm: &Vm, args: Args) -> PyResult {
    args.range(vm, "exception", 0, 0)?;
    Ok(vm.current_exc.borrow().clone().unwrap_or_else(|| vm.none()))
}

fn sys_getdefaultencoding(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_str("utf-8"))
}

fn stream(vm: &Vm, target: Target, name: &str, mode: &str) -> PyObjectRef {
    vm.new_object(
        PyTextIO::new(target, name, mode),
        &vm.ctx.types.text_io_type,
    )
    .into()
}

/// The memory functions of `sys` (gc issue): `getrefcount`, `getsizeof`,
/// `getallocatedblocks`, `_debugmallocstats`. Add them here with
/// `vm.add_functions(m, &[...])`, implemented in the gc issue's files.
pub(crate) fn add_memory_functions(vm: &Vm, m: &PyRef<PyModule>) {
    super::sys_memory::add(vm, m);
}

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("sys");
    vm.add_functions(
        &m,
        &[
            ("exit", sys_exit),
            ("getrecursionlimit", sys_getrecursionlimit),
            ("setrecursionlimit", sys_setrecursionlimit),
            ("intern", sys_intern),
            ("exc_info", sys_exc_info),
            ("exception", sys_exception),
            ("getdefaultencoding", sys_getdefaultencoding),
        ],
    );
    add_memory_functions(vm, &m);
    let set = |name: &str, v: PyObjectRef| vm.module_set(&m, name, v);
    let argv: Vec<PyObjectRef> = vm.argv.borrow().iter().map(|a| vm.new_str(a)).collect();
    set(
        "argv",
        vm.new_list(if argv.is_empty() {
            vec![vm.new_str("")]
        } else {
            argv
        }),
    );
    let orig_argv = vm.argv.borrow().iter().map(|a| vm.new_str(a)).collect();
    set("orig_argv", vm.new_list(orig_argv));
    set(
        "path",
        vm.new_list(vec![vm.new_str(&vm.script_dir.borrow())]),
    );
    set("modules", vm.sys_modules.clone().into());
    let out = stream(vm, Target::Stdout, "<stdout>", "w");
    let err = stream(vm, Target::Stderr, "<stderr>", "w");
    let inp = stream(vm, Target::Stdin, "<stdin>", "r");
    set("stdout", out.clone());
    set("stderr", err.clone());
    set("stdin", inp.clone());
    set("__stdout__", out);
    set("__stderr__", err);
    set("__stdin__", inp);
    set("version", vm.new_str(VERSION));
    set("hexversion", vm.new_int(0x030b07f0));
    set("api_version", vm.new_int(1013));
    let vi = super::structseq::new_type(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    );
    let vinfo = super::structseq::new(
        vm,
        &vi,
        vec![
            vm.new_int(3),
            vm.new_int(11),
            vm.new_int(7),
            vm.new_str("final"),
            vm.new_int(0),
        ],
    );
    set("version_info", vinfo.clone());
    let imp = vm.new_module("implementation");
    vm.module_set(&imp, "name", vm.new_str("mempy"));
    vm.module_set(&imp, "cache_tag", vm.none());
    vm.module_set(&imp, "version", vinfo);
    set("implementation", imp.into());
    set("maxsize", vm.new_int(i64::MAX));
    set("maxunicode", vm.new_int(0x10ffff));
    set(
        "byteorder",
        vm.new_str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    set("platform", vm.new_str("linux"));
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    set("executable", vm.new_str(&exe));
    set("prefix", vm.new_str("/usr/local"));
    set("dont_write_bytecode", vm.new_bool(true));
    set(
        "builtin_module_names",
        vm.new_tuple(
            std::iter::once("builtins")
                .chain(super::BUILTIN_MODULES.iter().map(|(n, _)| *n))
                .map(|n| vm.new_str(n))
                .collect(),
        ),
    );
    let fi = super::structseq::new_type(
        vm,
        "sys",
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
    );
    set(
        "float_info",
        super::structseq::new(
            vm,
            &fi,
            vec![
                vm.new_float(f64::MAX),
                vm.new_int(f64::MAX_EXP as i64),
                vm.new_int(f64::MAX_10_EXP as i64),
                vm.new_float(f64::MIN_POSITIVE),
                vm.new_int(f64::MIN_EXP as i64),
                vm.new_int(f64::MIN_10_EXP as i64),
                vm.new_int(f64::DIGITS as i64),
                vm.new_int(f64::MANTISSA_DIGITS as i64),
                vm.new_float(f64::EPSILON),
                vm.new_int(2),
                vm.new_int(1),
            ],
        ),
    );
    let ii = super::structseq::new_type(
        vm,
        "sys",
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
    );
    set(
        "int_info",
        super::structseq::new(
            vm,
            &ii,
            vec![
                vm.new_int(30),
                vm.new_int(4),
                vm.new_int(4300),
                vm.new_int(640),
            ],
        ),
    );
    let fl = super::structseq::new_type(
        vm,
        "sys",
        "flags",
        &[
            "debug",
            "inspect",
            "interactive",
            "optimize",
            "dont_write_bytecode",
            "no_user_site",
            "no_site",
            "ignore_environment",
            "verbose",
            "bytes_warning",
            "quiet",
            "hash_randomization",
        ],
    );
    set(
        "flags",
        super::structseq::new(
            vm,
            &fl,
            (0..12)
                .map(|i| vm.new_int(if i == 4 || i == 11 { 1 } else { 0 }))
                .collect(),
        ),
    );
    m
}

/// Sets the program's arguments and script folder (`vm.argv`, `vm.script_dir`) and
/// refreshes `sys.argv` and `sys.path[0]`; the driver calls this before running.
pub fn set_argv(vm: &Vm, argv: Vec<String>, script_dir: &str) {
    *vm.argv.borrow_mut() = argv.clone();
    *vm.script_dir.borrow_mut() = script_dir.to_string();
    let items: Vec<PyObjectRef> = if argv.is_empty() {
        vec![vm.new_str("")]
    } else {
        argv.iter().map(|a| vm.new_str(a)).collect()
    };
    if let Some(l) = sys_attr(vm, "argv") {
        if let Some(l) = l.payload::<crate::objects::PyList>() {
            *l.items.borrow_mut() = items;
        }
    }
    if let Some(p) = sys_attr(vm, "path") {
        if let Some(p) = p.payload::<crate::objects::PyList>() {
            let mut v = p.items.borrow_mut();
            if v.is_empty() {
                v.push(vm.new_str(script_dir));
            } else {
                v[0] = vm.new_str(script_dir);
            }
        }
    }
}
