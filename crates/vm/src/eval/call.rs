//! Calling objects: builtin functions, method descriptors, bound methods, types and
//! Python functions, plus `MakeFunction` and `f(*args, **kwargs)`.
//!
//! Python functions get a fresh [`Frame`]: arguments are bound into its fast locals
//! by [`bind_args`] following CPython's `initialize_locals` (same order of checks,
//! same TypeError messages, the function's `__qualname__` in them), cell variables
//! that are parameters take the parameter's value, and the closure's cells follow
//! the frame's own cells. A generator function returns a generator owning the frame
//! instead of running it. Recursion is counted per Python frame against
//! `sys.getrecursionlimit()`, with a native-stack guard (`Vm::check_recursion`).

use mempy_bytecode::CodeFlags;

use crate::args::Args;
use crate::eval::dispatch::{run_frame, FrameResult};
use crate::eval::frame::Frame;
use crate::eval::generator;
use crate::heap::{PyObject, PyObjectRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

/// `f(*args)` for any callable.
pub fn call_object(vm: &Vm, f: &PyObject, args: Args) -> PyResult {
    // A call may run any Python code, so no container borrow is held here: the safe
    // point where an allocation's pending automatic collection runs.
    crate::modules::gc::safe_point(vm);
    // Every call is also a periodic check, so recursion without loops meets it too.
    crate::interrupt::check(vm)?;
    if let Some(func) = f.payload::<PyFunction>() {
        return invoke_function(vm, func, args);
    }
    if let Some(b) = f.payload::<PyBuiltinFunction>() {
        return match &b.bound_self {
            None => (b.func)(vm, args),
            Some(s) => {
                let full = crate::args::prepend(s.clone(), args.args);
                (b.func)(vm, Args::new(&full, args.kwnames))
            }
        };
    }
    if let Some(m) = f.payload::<PyBoundMethod>() {
        let full = crate::args::prepend(m.obj.clone(), args.args);
        return call_object(vm, &m.func, Args::new(&full, args.kwnames));
    }
    if let Some(d) = f.payload::<PyMethodDescr>() {
        return call_method_descr(vm, d, args);
    }
    if let Some(t) = f.downcast_ref::<PyType>() {
        let meta = f.class();
        if !meta.is_heap_type() || meta.lookup(&vm.intern("__call__")).is_none() {
            return vm.call_type(&t.to_owned(), args);
        }
    }
    match f.class().lookup(&vm.intern("__call__")) {
        Some(c) => {
            let full = crate::args::prepend(f.to_owned(), args.args);
            vm.check_recursion(" while calling a Python object")?;
            let r = match c.payload::<PyMethodDescr>() {
                Some(d) => (d.func)(vm, Args::new(&full, args.kwnames)),
                None => call_object(vm, &c, Args::new(&full, args.kwnames)),
            };
            vm.leave_recursion();
            r
        }
        None => Err(vm.new_type_error(format!("'{}' object is not callable", f.class().name()))),
    }
}

/// An unbound method descriptor called directly (`list.append(l, 1)`): the
/// receiver's type is checked as CPython's `descriptor 'x' for 'T' objects...`.
fn call_method_descr(vm: &Vm, d: &PyMethodDescr, args: Args) -> PyResult {
    let Some(recv) = args.positional().first() else {
        return Err(vm.new_type_error(format!(
            "unbound method {}.{}() needs an argument",
            d.owner_name, d.name
        )));
    };
    let ok = recv.class().mro_addrs_contains(d.owner);
    if !ok {
        return Err(vm.new_type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            d.name,
            d.owner_name,
            recv.class().name()
        )));
    }
    (d.func)(vm, args)
}

trait MroContains {
    fn mro_addrs_contains(&self, addr: usize) -> bool;
}

impl MroContains for crate::heap::Py<PyType> {
    fn mro_addrs_contains(&self, addr: usize) -> bool {
        if self.as_object().addr() == addr {
            return true;
        }
        self.mro
            .borrow()
            .iter()
            .any(|t| t.as_object().addr() == addr)
    }
}

/// Calls a Python function with positional arguments taken (moved) out of the
/// caller's value stack, as CPython 3.11 does: the callee's parameters own the
/// references the caller's stack held. Falls back to borrowing for calls that
/// need the full binding.
pub fn call_moving(vm: &Vm, stack: &mut [PyObjectRef], callee_at: usize) -> PyResult {
    let (head, args) = stack.split_at_mut(callee_at + 1);
    let callee = &head[callee_at];
    let Some(func) = callee.payload::<PyFunction>() else {
        return call_object(vm, callee, Args::new(args, &[]));
    };
    let co = &func.code.code;
    let simple = args.len() == co.argcount as usize
        && co.kwonlyargcount == 0
        && co.flags.0 & (CodeFlags::VARARGS.0 | CodeFlags::VARKEYWORDS.0 | CodeFlags::GENERATOR.0)
            == 0;
    if !simple {
        return invoke_function(vm, func, Args::new(args, &[]));
    }
    let code = &func.code;
    let mut frame = frame_for(vm, func, None);
    for (slot, a) in frame.fastlocals.iter_mut().zip(args.iter_mut()) {
        *slot = Some(std::mem::replace(a, vm.none()));
    }
    for &(ci, ai) in &code.cell2arg {
        let v = frame.fastlocals[ai].take();
        frame.cells[ci].set(v);
    }
    run_function_frame(vm, &mut frame)
}

/// Runs the frame of a (non-generator) function call to its return value, counted
/// against the recursion limit.
#[inline(always)]
fn run_function_frame(vm: &Vm, frame: &mut Frame) -> PyResult {
    vm.check_recursion("")?;
    let r = run_frame(vm, frame, None);
    vm.leave_recursion();
    match r {
        Ok(FrameResult::Return(v)) => Ok(v),
        Ok(FrameResult::Yield(_)) => {
            Err(vm.new_system_error_msg("yield outside a generator frame"))
        }
        Err(e) => Err(e),
    }
}

/// Calls `callee` with the values of a stack slice; the last `kwnames.len()` values
/// are keyword arguments.
#[inline]
pub fn call_slice(
    vm: &Vm,
    callee: &PyObject,
    args: &[PyObjectRef],
    kwnames: &[PyObjectRef],
) -> PyResult {
    if let Some(func) = callee.payload::<PyFunction>() {
        return invoke_function(vm, func, Args::new(args, kwnames));
    }
    call_object(vm, callee, Args::new(args, kwnames))
}

/// `f(*args, **kwargs)`.
pub fn call_ex(
    vm: &Vm,
    callee: &PyObjectRef,
    args: &PyObjectRef,
    kwargs: Option<&PyObjectRef>,
) -> PyResult {
    let mut all: Vec<PyObjectRef> = match args.payload::<PyTuple>() {
        Some(t) => t.as_slice().to_vec(),
        None => {
            if vm.get_iter(args).is_err() {
                return Err(vm.new_type_error(format!(
                    "{} argument after * must be an iterable, not {}",
                    function_str(vm, callee),
                    args.class().name()
                )));
            }
            vm.iterate(args)?
        }
    };
    let mut names = Vec::new();
    if let Some(kw) = kwargs {
        let items = match kw.payload::<PyDict>() {
            Some(d) => d.items_vec(),
            None => {
                let d = vm.new_dict();
                crate::eval::ops::dict_merge(vm, d.as_object(), kw, Some(callee))?;
                d.items_vec()
            }
        };
        for (k, v) in items {
            if k.payload::<PyStr>().is_none() {
                return Err(vm.new_type_error(format!(
                    "{} keywords must be strings",
                    function_str(vm, callee)
                )));
            }
            names.push(k);
            all.push(v);
        }
    }
    call_slice(vm, callee, &all, &names)
}

/// `f()` as CPython names a callable in call errors (`_PyObject_FunctionStr`).
pub fn function_str(vm: &Vm, f: &PyObject) -> String {
    if let Some(func) = f.payload::<PyFunction>() {
        return format!(
            "{}()",
            vm.str_of(&func.qualname.borrow()).unwrap_or_default()
        );
    }
    if let Some(b) = f.payload::<PyBuiltinFunction>() {
        return format!("{}()", b.name);
    }
    if let Some(m) = f.payload::<PyBoundMethod>() {
        return function_str(vm, &m.func);
    }
    if let Some(t) = f.downcast_ref::<PyType>() {
        return format!("{}()", t.qualname.borrow());
    }
    format!("{} object", f.class().name())
}

/// Calls a Python function: binds the arguments into a new frame and runs it (or
/// wraps it in a generator).
pub fn invoke_function(vm: &Vm, func: &PyFunction, args: Args) -> PyResult {
    let code = &func.code;
    let mut frame = frame_for(vm, func, None);
    bind_args(vm, func, &mut frame.fastlocals, args)?;
    for &(ci, ai) in &code.cell2arg {
        let v = frame.fastlocals[ai].take();
        frame.cells[ci].set(v);
    }
    if code.code.flags.contains(CodeFlags::GENERATOR) {
        return Ok(generator::new_generator(vm, func, frame));
    }
    run_function_frame(vm, &mut frame)
}

/// A frame for running `func`'s code, with the closure's cells after its own.
/// Inlined so the frame is built in its caller's slot instead of copied there.
#[inline(always)]
pub fn frame_for(vm: &Vm, func: &PyFunction, locals: Option<PyObjectRef>) -> Frame {
    let mut frame = Frame::new(vm, func.code.clone(), func.globals.clone(), locals);
    if let Some(cl) = &func.closure {
        for c in cl.as_slice() {
            if let Ok(c) = c.clone().downcast::<PyCell>() {
                frame.cells.push(c);
            }
        }
    }
    frame
}

fn qualname(vm: &Vm, func: &PyFunction) -> String {
    vm.str_of(&func.qualname.borrow()).unwrap_or_default()
}

/// Binds `args` to the parameters of `func` (CPython's `initialize_locals`).
pub fn bind_args(
    vm: &Vm,
    func: &PyFunction,
    fl: &mut [Option<PyObjectRef>],
    args: Args,
) -> PyResult<()> {
    let pc = &func.code;
    let co = &pc.code;
    let argcount = co.argcount as usize;
    let posonly = co.posonlyargcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let has_varargs = co.flags.contains(CodeFlags::VARARGS);
    let has_varkw = co.flags.contains(CodeFlags::VARKEYWORDS);
    let pos = args.positional();
    let nargs = pos.len();
    if args.kwnames.is_empty() && nargs == argcount && !has_varargs && !has_varkw && kwonly == 0 {
        for (slot, a) in fl.iter_mut().zip(pos) {
            *slot = Some(a.clone());
        }
        return Ok(());
    }
    let total = argcount + kwonly;
    let mut kwdict = None;
    if has_varkw {
        let d = vm.new_dict();
        fl[total + has_varargs as usize] = Some(d.clone().into());
        kwdict = Some(d);
    }
    let n = nargs.min(argcount);
    for i in 0..n {
        fl[i] = Some(pos[i].clone());
    }
    if has_varargs {
        fl[total] = Some(vm.new_tuple(pos[n..].to_vec()));
    }
    let kwvals = &args.args[nargs..];
    for (k, v) in args.kwnames.iter().zip(kwvals) {
        let Some(kname) = k.payload::<PyStr>() else {
            return Err(
                vm.new_type_error(format!("{}() keywords must be strings", qualname(vm, func)))
            );
        };
        let idx = pc.varnames[posonly..total]
            .iter()
            .position(|vn| vn.as_object().is(k) || vn.as_str() == kname.as_str())
            .map(|j| j + posonly);
        match idx {
            Some(j) => {
                if fl[j].is_some() {
                    return Err(vm.new_type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        qualname(vm, func),
                        kname.as_str()
                    )));
                }
                fl[j] = Some(v.clone());
            }
            None => {
                if let Some(d) = &kwdict {
                    d.set_item(vm, k.clone(), v.clone())?;
                    continue;
                }
                if posonly > 0 {
                    let passed: Vec<&str> = args
                        .kwnames
                        .iter()
                        .filter_map(|k| k.payload::<PyStr>().map(|s| s.as_str()))
                        .filter(|k| pc.varnames[..posonly].iter().any(|v| v.as_str() == *k))
                        .collect();
                    if !passed.is_empty() {
                        return Err(vm.new_type_error(format!(
                            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                            qualname(vm, func),
                            passed.join(", ")
                        )));
                    }
                }
                return Err(vm.new_type_error(format!(
                    "{}() got an unexpected keyword argument '{}'",
                    qualname(vm, func),
                    kname.as_str()
                )));
            }
        }
    }
    let defaults = func.defaults.borrow().clone();
    let defcount = defaults.as_ref().map(|d| d.len()).unwrap_or(0);
    if nargs > argcount && !has_varargs {
        let kwonly_given = (argcount..total).filter(|&i| fl[i].is_some()).count();
        let (sig, plural) = if defcount > 0 {
            (
                format!("from {} to {}", argcount.saturating_sub(defcount), argcount),
                true,
            )
        } else {
            (format!("{argcount}"), argcount != 1)
        };
        let kwonly_sig = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                if nargs != 1 { "s" } else { "" },
                kwonly_given,
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        return Err(vm.new_type_error(format!(
            "{}() takes {} positional argument{} but {}{} {} given",
            qualname(vm, func),
            sig,
            if plural { "s" } else { "" },
            nargs,
            kwonly_sig,
            if nargs == 1 && kwonly_given == 0 {
                "was"
            } else {
                "were"
            }
        )));
    }
    if nargs < argcount {
        let m = argcount.saturating_sub(defcount);
        if (nargs..m).any(|i| fl[i].is_none()) {
            let names: Vec<&str> = (0..m)
                .filter(|&i| fl[i].is_none())
                .map(|i| pc.varnames[i].as_str())
                .collect();
            return Err(missing(vm, func, &names, "positional"));
        }
        if let Some(defs) = &defaults {
            let start = n.saturating_sub(m);
            for (i, d) in defs.as_slice().iter().enumerate().skip(start) {
                if fl[m + i].is_none() {
                    fl[m + i] = Some(d.clone());
                }
            }
        }
    }
    if kwonly > 0 {
        let kwdefaults = func.kwdefaults.borrow().clone();
        let mut missing_names = Vec::new();
        for i in argcount..total {
            if fl[i].is_some() {
                continue;
            }
            if let Some(kd) = &kwdefaults {
                if let Some(v) = kd.get_item_str_opt(&pc.varnames[i]) {
                    fl[i] = Some(v);
                    continue;
                }
            }
            missing_names.push(pc.varnames[i].as_str());
        }
        if !missing_names.is_empty() {
            return Err(missing(vm, func, &missing_names, "keyword-only"));
        }
    }
    Ok(())
}

fn missing(
    vm: &Vm,
    func: &PyFunction,
    names: &[&str],
    kind: &str,
) -> crate::objects::PyBaseExceptionRef {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        k => format!("{}, and {}", quoted[..k - 1].join(", "), quoted[k - 1]),
    };
    vm.new_type_error(format!(
        "{}() missing {} required {} argument{}: {}",
        qualname(vm, func),
        names.len(),
        kind,
        if names.len() == 1 { "" } else { "s" },
        list
    ))
}

/// `MakeFunction(flags)`: pops the code object and the optional extras.
pub fn make_function(vm: &Vm, f: &mut Frame, flags: u32) -> PyResult {
    let code = f.stack.pop().expect("value stack underflow");
    let code = code
        .downcast::<PyCode>()
        .map_err(|_| vm.new_system_error_msg("MakeFunction without a code object"))?;
    let closure = if flags & 0x08 != 0 {
        f.stack.pop().and_then(|c| c.downcast::<PyTuple>().ok())
    } else {
        None
    };
    let annotations = if flags & 0x04 != 0 {
        f.stack.pop()
    } else {
        None
    };
    let kwdefaults = if flags & 0x02 != 0 {
        f.stack.pop().and_then(|c| c.downcast::<PyDict>().ok())
    } else {
        None
    };
    let defaults = if flags & 0x01 != 0 {
        f.stack.pop().and_then(|c| c.downcast::<PyTuple>().ok())
    } else {
        None
    };
    let name = vm.new_str(&code.code.name);
    let qualname = vm.new_str(&code.code.qualname);
    let doc = match &code.code.docstring {
        Some(d) => vm.new_str(d),
        None => vm.none(),
    };
    let module = f
        .globals
        .get_item_str_opt(&vm.intern("__name__"))
        .unwrap_or_else(|| vm.none());
    let func = PyFunction {
        globals: f.globals.clone(),
        name: std::cell::RefCell::new(name),
        qualname: std::cell::RefCell::new(qualname),
        defaults: std::cell::RefCell::new(defaults),
        kwdefaults: std::cell::RefCell::new(kwdefaults),
        closure,
        doc: std::cell::RefCell::new(doc),
        module: std::cell::RefCell::new(module),
        annotations: std::cell::RefCell::new(annotations),
        dict: std::cell::RefCell::new(None),
        code,
    };
    Ok(vm.new_object(func, &vm.ctx.types.function_type).into())
}
