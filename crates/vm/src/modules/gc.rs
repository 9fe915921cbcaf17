//! The `gc` module of Python 3.11: a thin layer that reads arguments, raises CPython's
//! argument errors and calls `heap::collect`, which owns the algorithm. This file also
//! implements the collector's view of the VM ([`VmEnv`]: `sys.stderr`, `__del__`,
//! weakref callbacks, `gc.garbage`, `gc.callbacks`) and the eval loop's safe point.

use std::cell::RefCell;

use crate::args::Args;
use crate::heap::collect::{
    self, GcEnv, DEBUG_COLLECTABLE, DEBUG_LEAK, DEBUG_SAVEALL, DEBUG_STATS, DEBUG_UNCOLLECTABLE,
};
use crate::heap::{with_heap, PyObject, PyObjectRef, PyRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyInt, PyList, PyModule};
use crate::vm::{PyResult, Vm};

thread_local! {
    /// `gc.garbage` and `gc.callbacks`, created with the first VM that needs them.
    static LISTS: RefCell<Option<(PyObjectRef, PyObjectRef)>> = const { RefCell::new(None) };
}

fn lists(vm: &Vm) -> (PyObjectRef, PyObjectRef) {
    if let Some(l) = LISTS.with(|l| l.borrow().clone()) {
        return l;
    }
    let l = (vm.new_list(vec![]), vm.new_list(vec![]));
    LISTS.with(|s| *s.borrow_mut() = Some(l.clone()));
    l
}

/// Drops the module-level lists (teardown).
pub fn release_lists() -> Option<(PyObjectRef, PyObjectRef)> {
    LISTS.with(|l| l.borrow_mut().take())
}

/// The collector's access to the VM.
pub struct VmEnv<'a>(pub &'a Vm);

/// Writes to `sys.stderr` (the Python object, so redirection works), falling back to the
/// VM's error sink.
pub fn write_sys_stderr(vm: &Vm, text: &str) {
    if let Some(err) = sys_attr(vm, "stderr") {
        if vm.call_method(&err, "write", &[vm.new_str(text)]).is_ok() {
            return;
        }
    }
    vm.write_stderr(text);
}

fn sys_attr(vm: &Vm, name: &str) -> Option<PyObjectRef> {
    let sys = vm.sys_modules.get_item_str_opt(&vm.intern("sys"))?;
    let m = sys.downcast_ref::<PyModule>()?;
    m.dict.get_item_str_opt(&vm.intern(name))
}

impl GcEnv for VmEnv<'_> {
    fn write_stderr(&self, text: &str) {
        write_sys_stderr(self.0, text);
    }

    fn type_name(&self, obj: &PyObject) -> String {
        obj.class().name().clone()
    }

    fn finalize(&self, obj: &PyObjectRef) {
        crate::heap::run_finalizer(obj);
    }

    fn call_weakref_callback(&self, wr: &PyObjectRef, cb: &PyObjectRef) {
        call_weakref_callback(self.0, cb, wr);
    }

    fn save_garbage(&self, obj: PyObjectRef) {
        let (garbage, _) = lists(self.0);
        let _ = self.0.call_method(&garbage, "append", &[obj]);
    }

    fn invoke_callbacks(
        &self,
        phase: &str,
        generation: usize,
        collected: usize,
        uncollectable: usize,
    ) {
        let vm = self.0;
        let Some((_, callbacks)) = LISTS.with(|l| l.borrow().clone()) else {
            return;
        };
        let cbs: Vec<PyObjectRef> = callbacks
            .payload::<PyList>()
            .map(|l| l.items.borrow().clone())
            .unwrap_or_default();
        if cbs.is_empty() {
            return;
        }
        let info = vm.new_dict();
        info.set_item_str(vm, &vm.intern("generation"), vm.new_int(generation as i64));
        info.set_item_str(vm, &vm.intern("collected"), vm.new_int(collected as i64));
        info.set_item_str(
            vm,
            &vm.intern("uncollectable"),
            vm.new_int(uncollectable as i64),
        );
        let phase = vm.new_str(phase);
        for cb in cbs {
            if let Err(e) = vm.call(&cb, &[phase.clone(), info.clone().into()]) {
                vm.report_unraisable(&e, Some(&cb));
            }
        }
    }
}

/// Calls a weakref callback, reporting an exception as CPython's "Exception ignored in".
pub fn call_weakref_callback(vm: &Vm, cb: &PyObjectRef, wr: &PyObjectRef) {
    if let Err(e) = vm.call(cb, &[wr.clone()]) {
        vm.report_unraisable(&e, Some(cb));
    }
}

/// The eval loop's safe point: runs an automatic collection if an allocation asked for
/// one. Cheap when none is pending.
#[inline]
pub fn safe_point(vm: &Vm) {
    if collect::collection_pending() {
        crate::introspect::report::sample();
        collect::collect_if_pending(&VmEnv(vm));
    }
}

thread_local! {
    /// The strings interned when the VM was built.
    static INTERNED_AT_START: RefCell<std::collections::HashSet<Box<str>>> = RefCell::new(std::collections::HashSet::new());
    /// Allocated blocks and live objects right after the VM was built.
    static BASELINE: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

/// Installs the weakref-callback hook on this thread's heap and records the start-up
/// baseline that `-X showrefcount` reports against.
pub fn install_hooks(vm: &std::rc::Rc<Vm>) {
    // The weakref types are static types of the interpreter (as in CPython): created
    // before the baseline, so a program using weakrefs is not charged for them.
    crate::objects::weakref::types(vm);
    INTERNED_AT_START.with(|s| *s.borrow_mut() = vm.interned_keys().into_iter().collect());
    BASELINE.with(|b| b.set(with_heap(|h| (h.live_objects(), h.allocated_blocks()))));
    let weak = std::rc::Rc::downgrade(vm);
    with_heap(|h| {
        h.set_weakref_hook(Some(std::rc::Rc::new(
            move |cb: &PyObjectRef, wr: &PyObjectRef| {
                if let Some(vm) = weak.upgrade() {
                    call_weakref_callback(&vm, cb, wr);
                }
            },
        )))
    });
}

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("gc");
    vm.add_functions(
        &m,
        &[
            ("collect", gc_collect),
            ("enable", gc_enable),
            ("disable", gc_disable),
            ("isenabled", gc_isenabled),
            ("get_count", gc_get_count),
            ("get_threshold", gc_get_threshold),
            ("set_threshold", gc_set_threshold),
            ("get_stats", gc_get_stats),
            ("get_objects", gc_get_objects),
            ("get_referrers", gc_get_referrers),
            ("get_referents", gc_get_referents),
            ("is_tracked", gc_is_tracked),
            ("is_finalized", gc_is_finalized),
            ("freeze", gc_freeze),
            ("unfreeze", gc_unfreeze),
            ("get_freeze_count", gc_get_freeze_count),
            ("set_debug", gc_set_debug),
            ("get_debug", gc_get_debug),
        ],
    );
    let (garbage, callbacks) = lists(vm);
    vm.module_set(&m, "garbage", garbage);
    vm.module_set(&m, "callbacks", callbacks);
    for (name, v) in [
        ("DEBUG_STATS", DEBUG_STATS),
        ("DEBUG_COLLECTABLE", DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", DEBUG_SAVEALL),
        ("DEBUG_LEAK", DEBUG_LEAK),
    ] {
        vm.module_set(&m, name, vm.new_int(v as i64));
    }
    m
}

// ----- Argument helpers -----

fn no_args(vm: &Vm, args: &Args, name: &str) -> PyResult<()> {
    args.no_kwargs(vm, &format!("gc.{name}"))?;
    let n = args.positional().len();
    if n != 0 {
        return Err(vm.new_type_error(format!("gc.{name}() takes no arguments ({n} given)")));
    }
    Ok(())
}

fn one_arg<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a PyObjectRef> {
    args.no_kwargs(vm, &format!("gc.{name}"))?;
    let p = args.positional();
    if p.len() != 1 {
        return Err(vm.new_type_error(format!(
            "gc.{name}() takes exactly one argument ({} given)",
            p.len()
        )));
    }
    Ok(&p[0])
}

/// A C `int` argument (`PyLong_AsInt` semantics: index protocol, range of i32).
fn c_int(vm: &Vm, o: &PyObject) -> PyResult<i64> {
    if let Some(i) = o.payload::<PyInt>() {
        return match i.as_small() {
            Some(v) if (i32::MIN as i64..=i32::MAX as i64).contains(&v) => Ok(v),
            _ => Err(vm.new_overflow_error("Python int too large to convert to C int")),
        };
    }
    let v = vm.to_index_i64(o).map_err(|e| e)?;
    if (i32::MIN as i64..=i32::MAX as i64).contains(&v) {
        Ok(v)
    } else {
        Err(vm.new_overflow_error("Python int too large to convert to C int"))
    }
}

fn int_tuple(vm: &Vm, vals: &[i64]) -> PyObjectRef {
    vm.new_tuple(vals.iter().map(|&v| vm.new_int(v)).collect())
}

// ----- The functions -----

fn gc_collect(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let mut gen_arg = p.first();
    for (k, v) in args.kwargs() {
        if k == "generation" && gen_arg.is_none() {
            gen_arg = Some(v);
        } else if k == "generation" {
            return Err(vm.new_type_error(
                "argument for collect() given by name ('generation') and position (1)",
            ));
        } else {
            return Err(vm.new_type_error(format!(
                "collect() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    let total = p.len() + args.kwnames.len();
    if total > 1 {
        return Err(vm.new_type_error(format!(
            "collect() takes at most 1 argument ({total} given)"
        )));
    }
    let generation = match gen_arg {
        None => 2,
        Some(g) => c_int(vm, g)?,
    };
    if !(0..=2).contains(&generation) {
        return Err(vm.new_value_error("invalid generation"));
    }
    let n = collect::collect_with_callbacks(&VmEnv(vm), generation as usize);
    Ok(vm.new_int(n as i64))
}

fn gc_enable(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "enable")?;
    with_heap(|h| h.enabled.set(true));
    Ok(vm.none())
}

fn gc_disable(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "disable")?;
    with_heap(|h| h.enabled.set(false));
    Ok(vm.none())
}

fn gc_isenabled(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "isenabled")?;
    Ok(vm.new_bool(with_heap(|h| h.enabled.get())))
}

fn gc_get_count(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "get_count")?;
    let c = with_heap(|h| [0, 1, 2].map(|i| h.generations[i].count.get() as i64));
    Ok(int_tuple(vm, &c))
}

fn gc_get_threshold(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "get_threshold")?;
    let c = with_heap(|h| [0, 1, 2].map(|i| h.generations[i].threshold.get() as i64));
    Ok(int_tuple(vm, &c))
}

fn gc_set_threshold(vm: &Vm, args: Args) -> PyResult {
    if args.has_kwargs() {
        return Err(vm.new_type_error("set_threshold() takes no keyword arguments"));
    }
    let p = args.positional();
    if p.is_empty() {
        return Err(vm.new_type_error("set_threshold() takes at least 1 argument (0 given)"));
    }
    if p.len() > 3 {
        return Err(vm.new_type_error(format!(
            "set_threshold() takes at most 3 arguments ({} given)",
            p.len()
        )));
    }
    let mut vals = Vec::new();
    for a in p {
        vals.push(c_int(vm, a)?);
    }
    with_heap(|h| {
        for (i, v) in vals.iter().enumerate() {
            h.generations[i].threshold.set(*v as isize);
        }
    });
    Ok(vm.none())
}

fn gc_get_stats(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "get_stats")?;
    let stats = with_heap(|h| [0, 1, 2].map(|i| h.stats[i].get()));
    let mut out = Vec::new();
    for s in stats {
        let d = vm.new_dict();
        d.set_item_str(
            vm,
            &vm.intern("collections"),
            vm.new_int(s.collections as i64),
        );
        d.set_item_str(vm, &vm.intern("collected"), vm.new_int(s.collected as i64));
        d.set_item_str(
            vm,
            &vm.intern("uncollectable"),
            vm.new_int(s.uncollectable as i64),
        );
        out.push(d.into());
    }
    Ok(vm.new_list(out))
}

fn gc_get_objects(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let mut g = p.first();
    for (k, v) in args.kwargs() {
        if k == "generation" && g.is_none() {
            g = Some(v);
        } else {
            return Err(vm.new_type_error(format!(
                "get_objects() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    if p.len() > 1 {
        return Err(vm.new_type_error(format!(
            "get_objects() takes at most 1 argument ({} given)",
            p.len()
        )));
    }
    let generation = match g {
        None => None,
        Some(o) if vm.is_none(o) => None,
        Some(o) => {
            if o.payload::<PyInt>().is_none() {
                return Err(vm.new_type_error(format!(
                    "argument should be integer or None, not '{}'",
                    o.class().name()
                )));
            }
            let v = vm.to_index_i64(o)?;
            if v >= 3 {
                return Err(vm.new_value_error("generation parameter must be less than the number of available generations (3)"));
            }
            if v < -1 {
                return Err(vm.new_value_error("generation parameter cannot be negative"));
            }
            (v >= 0).then_some(v as usize)
        }
    };
    let objs = collect::objects(generation);
    Ok(vm.new_list(objs))
}

fn gc_get_referrers(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "get_referrers")?;
    let targets: Vec<usize> = args.positional().iter().map(|o| o.addr()).collect();
    let found: Vec<PyObjectRef> = collect::objects(None)
        .into_iter()
        .filter(|o| collect::refers_to_any(o, &targets))
        .collect();
    Ok(vm.new_list(found))
}

fn gc_get_referents(vm: &Vm, args: Args) -> PyResult {
    args.no_kwargs(vm, "get_referents")?;
    let mut out = Vec::new();
    for o in args.positional() {
        out.extend(collect::referents(o));
    }
    Ok(vm.new_list(out))
}

fn gc_is_tracked(vm: &Vm, args: Args) -> PyResult {
    let o = one_arg(vm, &args, "is_tracked")?;
    Ok(vm.new_bool(collect::is_tracked(o)))
}

fn gc_is_finalized(vm: &Vm, args: Args) -> PyResult {
    let o = one_arg(vm, &args, "is_finalized")?;
    Ok(vm.new_bool(collect::is_finalized(o)))
}

fn gc_freeze(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "freeze")?;
    collect::freeze();
    Ok(vm.none())
}

fn gc_unfreeze(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "unfreeze")?;
    collect::unfreeze();
    Ok(vm.none())
}

fn gc_get_freeze_count(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "get_freeze_count")?;
    Ok(vm.new_int(with_heap(|h| h.freeze_count()) as i64))
}

fn gc_set_debug(vm: &Vm, args: Args) -> PyResult {
    let o = one_arg(vm, &args, "set_debug")?;
    let v = c_int(vm, o)?;
    with_heap(|h| h.debug.set(v as u32));
    Ok(vm.none())
}

fn gc_get_debug(vm: &Vm, args: Args) -> PyResult {
    no_args(vm, &args, "get_debug")?;
    Ok(vm.new_int(with_heap(|h| h.debug.get()) as i64))
}

// ----- Teardown and run options -----

/// `-X gcstress`: an unobservable collection at every gc allocation (`heap/stress.rs`).
pub fn set_gc_stress(on: bool) {
    with_heap(|h| h.stress.set(on));
}

/// Clears a module namespace as CPython's `_PyModule_ClearDict`: names with a single
/// leading underscore first, then every other name except `__builtins__`, each set to
/// None in insertion order.
fn clear_module_dict(vm: &Vm, d: &crate::objects::PyDictRef) {
    let keys = d.keys_vec();
    let name = |k: &PyObjectRef| {
        k.payload::<crate::objects::PyStr>()
            .map(|s| s.as_str().to_string())
    };
    for pass in 0..2 {
        for k in &keys {
            let Some(n) = name(k) else { continue };
            let single = n.starts_with('_') && !n.starts_with("__");
            if (pass == 0) != single || n == "__builtins__" {
                continue;
            }
            if let Ok(Some(_)) = d.get_item(vm, k) {
                let _ = d.set_item(vm, k.clone(), vm.none());
            }
        }
    }
}

/// Finalizes the VM as CPython's `Py_FinalizeEx` does for memory: `weakref.finalize`
/// at-exit callbacks, one full collection with callbacks (if gc is enabled), module
/// namespaces cleared (modules imported last first, `__main__` before `sys` and
/// `builtins`), two more full collections without callbacks. Returns `(live objects,
/// allocated blocks)` for `-X showrefcount`'s `[N refs, M blocks]` line.
pub fn finalize_vm(vm: &Vm) -> (usize, usize) {
    run_exit_finalizers(vm);
    let env = VmEnv(vm);
    if with_heap(|h| h.enabled.get()) {
        collect::collect_with_callbacks(&env, 2);
    }
    // `__main__` leaves sys.modules first (CPython's finalize_remove_modules): held only by
    // the cycles through its functions and classes, its namespace is garbage, and the
    // collection finalizes what it held in the collector's order before clearing any of
    // it. A `__main__` still referenced elsewhere is cleared with the other modules.
    // (CPython keeps a namespace that outlives its module until the very end; mempy
    // clears it so that `-X showrefcount` can account for everything.)
    let main_key = vm.intern("__main__");
    if let Some(main) = vm.sys_modules.get_item_str_opt(&main_key) {
        let _ = vm.sys_modules.del_item(vm, main_key.as_object());
        if !with_heap(|h| h.collecting.replace(true)) {
            collect::collect_main_holding(&env, 2, &main);
            with_heap(|h| h.collecting.set(false));
        }
        if main.refcount() > 1 {
            vm.sys_modules.set_item_str(vm, &main_key, main);
        } else if let Some(m) = main.downcast_ref::<PyModule>() {
            // The module is gone but something else (a gc callback, a function kept
            // elsewhere) still holds its namespace: cleared as a live module's.
            if m.dict.as_object().refcount() > 1 {
                clear_module_dict(vm, &m.dict);
            }
        }
    }
    let modules: Vec<(PyObjectRef, PyObjectRef)> = vm.sys_modules.items_vec();
    let special = |k: &PyObjectRef| {
        k.payload::<crate::objects::PyStr>()
            .is_some_and(|s| matches!(s.as_str(), "sys" | "builtins"))
    };
    // Modules imported last are cleared first; `sys` and `builtins` after a collection
    // (CPython's finalize_modules), so `__del__`s run by it can still print.
    for (k, m) in modules.iter().rev() {
        if special(k) {
            continue;
        }
        if let Some(m) = m.downcast_ref::<PyModule>() {
            clear_module_dict(vm, &m.dict);
        }
    }
    let final_collect = || {
        if !with_heap(|h| h.collecting.replace(true)) {
            collect::collect_main(&env, 2);
            with_heap(|h| h.collecting.set(false));
        }
    };
    final_collect();
    for (k, m) in modules.iter() {
        if let (true, Some(m)) = (special(k), m.downcast_ref::<PyModule>()) {
            if !m.as_object().is(vm.builtins.as_object()) {
                clear_module_dict(vm, &m.dict);
            }
        }
    }
    final_collect();
    // The modules imported by the program leave sys.modules (CPython's
    // finalize_remove_modules); what they held is freed or collected.
    for (k, _) in modules.iter() {
        if !special(k)
            && !k
                .payload::<crate::objects::PyStr>()
                .is_some_and(|s| s.as_str() == "__main__")
        {
            let _ = vm.sys_modules.del_item(vm, k);
        }
    }
    final_collect();
    drop(modules);
    drop(release_lists());
    // Names the program interned are released (CPython frees its interned strings at
    // the very end too), so only the start-up state remains.
    INTERNED_AT_START.with(|s| vm.release_interned_except(&s.borrow()));
    if let Some(v) = crate::heap::stress::take_violation() {
        vm.write_stderr(&v);
    }
    let (objs0, blocks0) = BASELINE.with(|b| b.get());
    let (objs, blocks) = with_heap(|h| (h.live_objects(), h.allocated_blocks()));
    (objs.saturating_sub(objs0), blocks.saturating_sub(blocks0))
}

/// Runs `weakref.finalize`'s at-exit callbacks (if the module was imported), as
/// CPython's `atexit` does before the final collection.
pub fn run_exit_finalizers(vm: &Vm) {
    let Some(m) = vm.sys_modules.get_item_str_opt(&vm.intern("weakref")) else {
        return;
    };
    let Some(m) = m.downcast_ref::<PyModule>() else {
        return;
    };
    let Some(fin) = m.dict.get_item_str_opt(&vm.intern("finalize")) else {
        return;
    };
    if fin.payload::<crate::objects::PyType>().is_none() {
        return;
    }
    let f: PyObjectRef = fin;
    if let Ok(exitfunc) = vm.get_attribute(&f, &vm.intern("_exitfunc")) {
        if let Err(e) = vm.call(&exitfunc, &[]) {
            vm.report_unraisable(&e, None);
        }
    }
}
