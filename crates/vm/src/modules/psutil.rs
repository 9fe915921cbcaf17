//! A small built-in `psutil`: `Process(pid=None)` with `.pid`, `.memory_info()` (`rss`
//! and `vms` from `/proc/<pid>/statm` times the page size), `.memory_percent()`, and
//! `virtual_memory()` from `/proc/meminfo`. A pid with no `/proc` entry raises
//! `psutil.NoSuchProcess: process no longer exists (pid=N)`. Real psutil is not
//! installed with CPython here; this module exists for the article's `memory_usage()`.

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyRef};
use crate::objects::typeobj::new_heap_type;
use crate::objects::{PyInt, PyModule, PyTypeRef};
use crate::vm::{PyResult, Vm};

fn page_size() -> u64 {
    crate::heap::page_size() as u64
}

fn meminfo() -> Vec<(String, u64)> {
    std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            let n = v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()?;
            Some((k.to_string(), n * 1024))
        })
        .collect()
}

fn mem(info: &[(String, u64)], key: &str) -> u64 {
    info.iter().find(|(k, _)| k == key).map_or(0, |(_, v)| *v)
}

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("psutil");
    let ns = |_: ()| {
        let d = vm.new_dict();
        d.set_item_str(vm, &vm.intern("__module__"), vm.new_str("psutil"));
        d
    };
    let mk = |name: &str, base: &PyTypeRef| new_heap_type(vm, &vm.ctx.types.type_type, name, vec![base.clone()], &ns(()));
    let (Ok(error), Ok(process)) = (mk("Error", &vm.ctx.exc.exception), mk("Process", &vm.ctx.types.object_type)) else { return m };
    let Ok(nsp) = mk("NoSuchProcess", &error) else { return m };
    vm.add_methods(&process, &[("__init__", process_init), ("memory_info", process_memory_info), ("memory_percent", process_memory_percent), ("__repr__", process_repr)]);
    vm.module_set(&m, "Error", error.into());
    vm.module_set(&m, "NoSuchProcess", nsp.into());
    vm.module_set(&m, "Process", process.into());
    let pmem = super::structseq::new_type(vm, "psutil", "pmem", &["rss", "vms", "shared", "text", "lib", "data", "dirty"]);
    vm.module_set(&m, "pmem", pmem.into());
    let svmem = super::structseq::new_type(vm, "psutil", "svmem", &["total", "available", "percent", "used", "free"]);
    vm.module_set(&m, "svmem", svmem.into());
    vm.add_functions(&m, &[("virtual_memory", virtual_memory)]);
    m
}

fn module_attr(vm: &Vm, name: &str) -> PyResult {
    let m = vm.sys_modules.get_item_str_opt(&vm.intern("psutil")).ok_or_else(|| vm.new_runtime_error("psutil is not imported"))?;
    vm.get_attribute(&m, &vm.intern(name))
}

fn pid_of(vm: &Vm, o: &PyObjectRef) -> PyResult<i64> {
    let p = vm.get_attribute(o, &vm.intern("pid"))?;
    vm.to_index_i64(&p)
}

fn statm(vm: &Vm, pid: i64) -> PyResult<Vec<u64>> {
    match std::fs::read_to_string(format!("/proc/{pid}/statm")) {
        Ok(s) => Ok(s.split_whitespace().filter_map(|x| x.parse().ok()).collect()),
        Err(_) => {
            let cls = module_attr(vm, "NoSuchProcess")?;
            let cls = cls.downcast::<crate::objects::PyType>().map_err(|_| vm.new_type_error("psutil.NoSuchProcess is not a class"))?;
            let e = vm.new_exception(&cls, vec![vm.new_string(format!("process no longer exists (pid={pid})"))]);
            Err(e)
        }
    }
}

fn process_init(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let this = &p[0];
    let pid_arg = p.get(1).or_else(|| args.kwarg("pid"));
    let pid = match pid_arg {
        Some(x) if !vm.is_none(x) => {
            if x.payload::<PyInt>().is_none() {
                return Err(vm.new_type_error(format!("pid must be an integer (got {})", vm.repr(x)?.as_str())));
            }
            vm.to_index_i64(x)?
        }
        _ => std::process::id() as i64,
    };
    if pid < 0 {
        return Err(vm.new_value_error(format!("pid must be a positive integer (got {pid})")));
    }
    statm(vm, pid)?;
    vm.set_attribute(this, &vm.intern("pid"), Some(vm.new_int(pid)))?;
    Ok(vm.none())
}

fn process_memory_info(vm: &Vm, args: Args) -> PyResult {
    let pid = pid_of(vm, &args.args[0])?;
    let f = statm(vm, pid)?;
    let page = page_size();
    let get = |i: usize| f.get(i).copied().unwrap_or(0) * page;
    // statm: size resident shared text lib data dt
    let items = [get(1), get(0), get(2), get(3), 0, get(5), 0];
    let t = module_attr(vm, "pmem")?.downcast::<crate::objects::PyType>().map_err(|_| vm.new_type_error("pmem"))?;
    Ok(super::structseq::new(vm, &t, items.iter().map(|&v| vm.new_int(v as i64)).collect()))
}

fn process_memory_percent(vm: &Vm, args: Args) -> PyResult {
    let pid = pid_of(vm, &args.args[0])?;
    let f = statm(vm, pid)?;
    let rss = f.get(1).copied().unwrap_or(0) * page_size();
    let total = mem(&meminfo(), "MemTotal");
    Ok(vm.new_float(if total == 0 { 0.0 } else { rss as f64 / total as f64 * 100.0 }))
}

fn process_repr(vm: &Vm, args: Args) -> PyResult {
    let pid = pid_of(vm, &args.args[0])?;
    let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    Ok(vm.new_string(format!("psutil.Process(pid={pid}, name='{}', status='running')", name.trim())))
}

fn virtual_memory(vm: &Vm, _args: Args) -> PyResult {
    let info = meminfo();
    let total = mem(&info, "MemTotal");
    let free = mem(&info, "MemFree");
    let available = if info.iter().any(|(k, _)| k == "MemAvailable") { mem(&info, "MemAvailable") } else { free };
    let used = total.saturating_sub(free + mem(&info, "Buffers") + mem(&info, "Cached") + mem(&info, "SReclaimable"));
    let percent = if total == 0 { 0.0 } else { ((total - available) as f64 / total as f64 * 1000.0).round() / 10.0 };
    let t = module_attr(vm, "svmem")?.downcast::<crate::objects::PyType>().map_err(|_| vm.new_type_error("svmem"))?;
    let _: Option<&PyObject> = None;
    Ok(super::structseq::new(
        vm,
        &t,
        vec![vm.new_int(total as i64), vm.new_int(available as i64), vm.new_float(percent), vm.new_int(used as i64), vm.new_int(free as i64)],
    ))
}
