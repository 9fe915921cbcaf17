//! The `mempy` module: the memory views of `crates/vm/src/introspect/` for Python
//! programs. `heap_map(path)` writes the SVG picture of the arenas, `heap_text()` returns
//! the plain-text map, `refs(obj)` and `why(obj)` return the same short reports as the
//! REPL's `:refs` and `:why` (`why` also starts from the calling function's locals, which
//! the eval loop publishes for it), `gc_summary()` the one of `:gc`. The drawings come from the
//! renderers the driver installs (`introspect::render`).

use crate::args::Args;
use crate::heap::{PyObjectRef, PyRef};
use crate::introspect::{self, render};
use crate::objects::{PyDict, PyModule, PyStr};
use crate::vm::{PyResult, Vm};

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("mempy");
    vm.add_functions(
        &m,
        &[
            ("heap_map", mempy_heap_map),
            ("heap_text", mempy_heap_text),
            ("refs", mempy_refs),
            ("why", mempy_why),
            ("gc_summary", mempy_gc_summary),
        ],
    );
    m
}

fn exactly<'a>(vm: &Vm, args: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [PyObjectRef]> {
    args.no_kwargs(vm, name)?;
    let p = args.positional();
    if p.len() != n {
        return Err(vm.new_type_error(format!(
            "{name}() takes exactly {n} argument{} ({} given)",
            if n == 1 { "" } else { "s" },
            p.len()
        )));
    }
    Ok(p)
}

fn renderers(vm: &Vm) -> PyResult<render::Renderers> {
    render::renderers().ok_or_else(|| {
        vm.new_runtime_error("mempy: no heap renderer installed (run under the mempy driver)")
    })
}

fn mempy_heap_map(vm: &Vm, args: Args) -> PyResult {
    let p = exactly(vm, &args, "heap_map", 1)?;
    let Some(path) = p[0].payload::<PyStr>() else {
        return Err(vm.new_type_error("heap_map() argument must be str"));
    };
    crate::sandbox::check(vm, "mempy.heap_map()")?;
    let svg = (renderers(vm)?.svg)(&introspect::heap_map());
    std::fs::write(path.as_str(), svg).map_err(|e| {
        vm.new_exception_msg(&vm.ctx.exc.os_error, format!("{}: '{}'", e, path.as_str()))
    })?;
    Ok(vm.none())
}

fn mempy_heap_text(vm: &Vm, args: Args) -> PyResult {
    exactly(vm, &args, "heap_text", 0)?;
    let text = (renderers(vm)?.text)(&introspect::heap_map(), false);
    Ok(vm.new_string(text))
}

fn mempy_refs(vm: &Vm, args: Args) -> PyResult {
    let p = exactly(vm, &args, "refs", 1)?;
    // The argument slot of the caller's stack holds one reference.
    Ok(vm.new_string(introspect::refs(vm, &p[0], 1).to_string()))
}

fn mempy_why(vm: &Vm, args: Args) -> PyResult {
    let p = exactly(vm, &args, "why", 1)?;
    let roots = frame_roots(vm);
    // The argument slot of the caller's stack holds one reference.
    Ok(vm.new_string(introspect::why(vm, &p[0], roots, 1).to_string()))
}

/// The calling frame's locals as roots (`local NAME`), cell and free variables included,
/// from the snapshot the eval loop publishes when it calls `why`. None at module level,
/// where the locals are the globals.
fn frame_roots(vm: &Vm) -> Vec<(String, PyObjectRef)> {
    let Some((globals, locals)) = vm.current_scope() else {
        return Vec::new();
    };
    if locals.is(globals.as_object()) {
        return Vec::new();
    }
    let Some(d) = locals.downcast_ref::<PyDict>() else {
        return Vec::new();
    };
    d.items_vec()
        .into_iter()
        .filter_map(|(k, v)| {
            let name = k.payload::<PyStr>()?.as_str().to_string();
            Some((format!("local {name}"), v))
        })
        .collect()
}

fn mempy_gc_summary(vm: &Vm, args: Args) -> PyResult {
    exactly(vm, &args, "gc_summary", 0)?;
    Ok(vm.new_string(introspect::gc_summary(vm).to_string()))
}
