//! A small built-in `psutil`: `Process(pid=None)` with `.pid`, `.memory_info()` (`rss`
//! and `vms` from `/proc/<pid>/statm` times the page size), `.memory_percent()`, and
//! `virtual_memory()` from `/proc/meminfo`. A pid with no `/proc` entry raises
//! `psutil.NoSuchProcess: process no longer exists (pid=N)`. Real psutil is not
//! installed with CPython here; this module exists for the article's `memory_usage()`.

use crate::args::Args;
use crate::heap::PyRef;
use crate::objects::PyModule;
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

/// The Python part: the classes, over the native helpers `_statm`, `_meminfo`, `_comm`.
const PYTHON_PART: &str = r#"
class Error(Exception):
    pass

class NoSuchProcess(Error):
    def __init__(self, pid, name=None, msg=None):
        Error.__init__(self, msg or "process no longer exists (pid=%s)" % pid)
        self.pid = pid
        self.name = name
        self.msg = msg or "process no longer exists"

pmem = _structseq_pmem
svmem = _structseq_svmem

def _read_statm(pid):
    fields = _statm(pid)
    if fields is None:
        raise NoSuchProcess(pid)
    return fields

class Process:
    def __init__(self, pid=None):
        if pid is None:
            pid = _getpid()
        if not isinstance(pid, int):
            raise TypeError("pid must be an integer (got %r)" % (pid,))
        if pid < 0:
            raise ValueError("pid must be a positive integer (got %s)" % pid)
        _read_statm(pid)
        self.pid = pid
    def memory_info(self):
        f = _read_statm(self.pid)
        page = _page_size()
        return pmem((f[1] * page, f[0] * page, f[2] * page, f[3] * page, 0, f[5] * page, 0))
    def memory_percent(self):
        f = _read_statm(self.pid)
        total = _meminfo().get("MemTotal", 0)
        return f[1] * _page_size() / total * 100 if total else 0.0
    def name(self):
        return _comm(self.pid)
    def __repr__(self):
        return "psutil.Process(pid=%s, name=%r, status='running')" % (self.pid, _comm(self.pid))
    def __eq__(self, other):
        return isinstance(other, Process) and other.pid == self.pid
    def __hash__(self):
        return hash(self.pid)

def virtual_memory():
    info = _meminfo()
    total = info.get("MemTotal", 0)
    free = info.get("MemFree", 0)
    available = info.get("MemAvailable", free)
    used = total - free - info.get("Buffers", 0) - info.get("Cached", 0) - info.get("SReclaimable", 0)
    if used < 0:
        used = total - free
    percent = round((total - available) / total * 100, 1) if total else 0.0
    return svmem((total, available, percent, used, free))

def pid_exists(pid):
    return _statm(pid) is not None
"#;

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("psutil");
    vm.add_functions(
        &m,
        &[
            ("_statm", native_statm),
            ("_meminfo", native_meminfo),
            ("_comm", native_comm),
            ("_page_size", native_page_size),
            ("_getpid", native_getpid),
        ],
    );
    let pmem = super::structseq::new_type(
        vm,
        "psutil",
        "pmem",
        &["rss", "vms", "shared", "text", "lib", "data", "dirty"],
    );
    vm.module_set(&m, "_structseq_pmem", pmem.into());
    let svmem = super::structseq::new_type(
        vm,
        "psutil",
        "svmem",
        &["total", "available", "percent", "used", "free"],
    );
    vm.module_set(&m, "_structseq_svmem", svmem.into());
    let run = || -> PyResult<()> {
        let code = crate::eval::import::compile_source(
            vm,
            PYTHON_PART,
            "<frozen psutil>",
            crate::vm::CompileMode::Module,
        )?;
        vm.run_code(code, m.dict.clone())?;
        Ok(())
    };
    if let Err(e) = run() {
        vm.report_unraisable(&e, None);
    }
    m
}

fn pid_arg(vm: &Vm, args: &Args) -> PyResult<i64> {
    let p = args.positional();
    let a = p.first().ok_or_else(|| vm.new_type_error("pid required"))?;
    vm.to_index_i64(a)
}

fn native_statm(vm: &Vm, args: Args) -> PyResult {
    let pid = pid_arg(vm, &args)?;
    Ok(
        match std::fs::read_to_string(format!("/proc/{pid}/statm")) {
            Ok(s) => vm.new_list(
                s.split_whitespace()
                    .filter_map(|x| x.parse::<i64>().ok())
                    .map(|v| vm.new_int(v))
                    .collect(),
            ),
            Err(_) => vm.none(),
        },
    )
}

fn native_meminfo(vm: &Vm, _args: Args) -> PyResult {
    let d = vm.new_dict();
    for (k, v) in meminfo() {
        d.set_item(vm, vm.new_string(k), vm.new_int(v as i64))?;
    }
    Ok(d.into())
}

fn native_comm(vm: &Vm, args: Args) -> PyResult {
    let pid = pid_arg(vm, &args)?;
    Ok(vm.new_string(
        std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .unwrap_or_default()
            .trim()
            .to_string(),
    ))
}

fn native_page_size(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_int(page_size() as i64))
}

fn native_getpid(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_int(std::process::id() as i64))
}
