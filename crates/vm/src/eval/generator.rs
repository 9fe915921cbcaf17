//! Generator resumption: `send`, `throw`, `close`, `__next__`, and `yield from`
//! delegation.
//!
//! A generator owns its frame (`objects::PyGenerator::frame`). Resuming takes the
//! frame out of the generator (so no `RefCell` borrow is held while Python code
//! runs), swaps the generator's saved exception state in (`sys.exc_info()` inside
//! the generator), runs it with `dispatch::run_frame`, and puts the frame back when
//! it yields. A frame suspended in `YieldFrom` has `delegating` set: `throw()` and
//! `close()` are forwarded to the inner iterator first. A `StopIteration` escaping
//! the frame becomes `RuntimeError: generator raised StopIteration` (PEP 479).

use crate::args::Args;
use crate::eval::dispatch::{run_frame, FrameResult};
use crate::eval::frame::Frame;
use crate::heap::{PyObject, PyObjectRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

/// What a resumed generator (or delegated iterator) did.
pub enum Sent {
    Yielded(PyObjectRef),
    Returned(PyObjectRef),
}

enum Resume {
    Send(PyObjectRef),
    Throw(PyBaseExceptionRef),
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.generator_type;
    vm.add_methods(
        t,
        &[
            ("__iter__", gen_iter),
            ("__next__", gen_next_method),
            ("send", gen_send_method),
            ("throw", gen_throw_method),
            ("close", gen_close_method),
            ("__repr__", gen_repr),
            ("__del__", gen_del),
        ],
    );
    vm.add_getset(t, "__name__", get_name, None);
    vm.add_getset(t, "__qualname__", get_qualname, None);
    vm.add_getset(t, "gi_running", get_running, None);
    vm.add_getset(t, "gi_frame", get_frame, None);
    vm.add_getset(t, "gi_code", get_code, None);
    t.core.has_finalizer.set(true);
}

/// The generator object for a call of a generator function.
pub fn new_generator(vm: &Vm, func: &PyFunction, frame: Frame) -> PyObjectRef {
    let g = PyGenerator {
        frame: std::cell::RefCell::new(Some(Box::new(frame))),
        running: std::cell::Cell::new(false),
        started: std::cell::Cell::new(false),
        exc_state: std::cell::RefCell::new(None),
        name: std::cell::RefCell::new(func.name.borrow().clone()),
        qualname: std::cell::RefCell::new(func.qualname.borrow().clone()),
    };
    vm.new_object(g, &vm.ctx.types.generator_type).into()
}

fn resume(vm: &Vm, gen: &PyObject, how: Resume) -> PyResult<Sent> {
    let Some(g) = gen.payload::<PyGenerator>() else {
        return Err(vm.new_type_error("generator expected"));
    };
    if g.running.get() {
        return Err(vm.new_value_error("generator already executing"));
    }
    if let Resume::Send(v) = &how {
        if !g.started.get() && !vm.is_none(v) && g.frame.borrow().is_some() {
            return Err(vm.new_type_error("can't send non-None value to a just-started generator"));
        }
    }
    let frame = g.frame.borrow_mut().take();
    let Some(mut frame) = frame else {
        return match how {
            Resume::Send(_) => Ok(Sent::Returned(vm.none())),
            Resume::Throw(e) => Err(e),
        };
    };
    let started = g.started.replace(true);
    g.running.set(true);
    let saved = std::mem::replace(
        &mut *vm.current_exc.borrow_mut(),
        g.exc_state.borrow_mut().take(),
    );
    let r = run_gen(vm, &mut frame, started, how);
    g.running.set(false);
    let mine = std::mem::replace(&mut *vm.current_exc.borrow_mut(), saved);
    match r {
        Ok(FrameResult::Yield(v)) => {
            *g.exc_state.borrow_mut() = mine;
            *g.frame.borrow_mut() = Some(frame);
            Ok(Sent::Yielded(v))
        }
        Ok(FrameResult::Return(v)) => Ok(Sent::Returned(v)),
        Err(e) => {
            if e.as_object().class().is_subtype(&vm.ctx.exc.stop_iteration) {
                let re = vm.new_runtime_error("generator raised StopIteration");
                *re.cause.borrow_mut() = Some(e.clone().into());
                *re.context.borrow_mut() = Some(e.into());
                re.suppress_context.set(true);
                return Err(re);
            }
            Err(e)
        }
    }
}

fn run_gen(vm: &Vm, frame: &mut Frame, started: bool, how: Resume) -> PyResult<FrameResult> {
    let delegating = std::mem::replace(&mut frame.delegating, false);
    let pending = match how {
        Resume::Send(v) => {
            if started {
                frame.stack.push(v);
            }
            None
        }
        Resume::Throw(e) if delegating => {
            let sub = frame
                .stack
                .last()
                .cloned()
                .expect("delegating frame without iterator");
            match throw_into(vm, &sub, e) {
                Thrown::Yielded(y) => {
                    frame.delegating = true;
                    return Ok(FrameResult::Yield(y));
                }
                Thrown::Returned(v) => {
                    frame.stack.pop();
                    frame.stack.push(v);
                    frame.lasti += 1;
                    None
                }
                Thrown::Raised(err) => {
                    frame.stack.pop();
                    frame.lasti += 1;
                    Some(err)
                }
            }
        }
        Resume::Throw(e) => Some(e),
    };
    vm.check_recursion("")?;
    let r = run_frame(vm, frame, pending);
    vm.leave_recursion();
    r
}

enum Thrown {
    Yielded(PyObjectRef),
    Returned(PyObjectRef),
    Raised(PyBaseExceptionRef),
}

/// Forwards `throw()`/`close()` of a delegating generator to its inner iterator.
fn throw_into(vm: &Vm, sub: &PyObjectRef, e: PyBaseExceptionRef) -> Thrown {
    if e.as_object().class().is_subtype(&vm.ctx.exc.generator_exit) {
        let r = if sub.payload::<PyGenerator>().is_some() {
            gen_close(vm, sub).map(|_| ())
        } else {
            match vm.get_attribute_opt(sub, "close") {
                Ok(Some(c)) => vm.call(&c, &[]).map(|_| ()),
                Ok(None) => Ok(()),
                Err(x) => Err(x),
            }
        };
        return match r {
            Err(x) => Thrown::Raised(x),
            Ok(()) => Thrown::Raised(e),
        };
    }
    if sub.payload::<PyGenerator>().is_some() {
        return match resume(vm, sub, Resume::Throw(e)) {
            Ok(Sent::Yielded(y)) => Thrown::Yielded(y),
            Ok(Sent::Returned(v)) => Thrown::Returned(v),
            Err(x) => Thrown::Raised(x),
        };
    }
    match vm.get_attribute_opt(sub, "throw") {
        Ok(Some(t)) => match vm.call(&t, &[e.into()]) {
            Ok(v) => Thrown::Yielded(v),
            Err(x) if x.as_object().class().is_subtype(&vm.ctx.exc.stop_iteration) => {
                Thrown::Returned(stop_value(vm, &x))
            }
            Err(x) => Thrown::Raised(x),
        },
        Ok(None) => Thrown::Raised(e),
        Err(x) => Thrown::Raised(x),
    }
}

/// The `value` of a StopIteration.
pub fn stop_value(vm: &Vm, e: &PyBaseExceptionRef) -> PyObjectRef {
    match vm.get_attribute_opt(e.as_object(), "value") {
        Ok(Some(v)) => v,
        _ => e
            .args()
            .as_slice()
            .first()
            .cloned()
            .unwrap_or_else(|| vm.none()),
    }
}

/// `YieldFrom`: send `v` into the iterator being delegated to.
pub fn delegate_send(vm: &Vm, it: &PyObjectRef, v: PyObjectRef) -> PyResult<Sent> {
    if it.payload::<PyGenerator>().is_some() {
        return resume(vm, it, Resume::Send(v));
    }
    let r = if vm.is_none(&v) {
        match it.class().lookup(&vm.intern("__next__")) {
            Some(n) => vm.call_unbound(&n, &[it.clone()]),
            None => {
                return Err(
                    vm.new_type_error(format!("'{}' object is not an iterator", it.class().name()))
                )
            }
        }
    } else {
        vm.call_method(it, "send", &[v])
    };
    match r {
        Ok(y) => Ok(Sent::Yielded(y)),
        Err(e) if e.as_object().class().is_subtype(&vm.ctx.exc.stop_iteration) => {
            Ok(Sent::Returned(stop_value(vm, &e)))
        }
        Err(e) => Err(e),
    }
}

/// `next(gen)`: `Ok(None)` when the generator is exhausted.
pub fn gen_next(vm: &Vm, gen: &PyObjectRef) -> PyResult<Option<PyObjectRef>> {
    match resume(vm, gen, Resume::Send(vm.none()))? {
        Sent::Yielded(v) => Ok(Some(v)),
        Sent::Returned(_) => Ok(None),
    }
}

fn returned(vm: &Vm, v: PyObjectRef) -> PyBaseExceptionRef {
    if vm.is_none(&v) {
        vm.new_stop_iteration(None)
    } else {
        vm.new_stop_iteration(Some(v))
    }
}

fn gen_close(vm: &Vm, gen: &PyObject) -> PyResult {
    let Some(g) = gen.payload::<PyGenerator>() else {
        return Err(vm.new_type_error("generator expected"));
    };
    if g.frame.borrow().is_none() {
        return Ok(vm.none());
    }
    if !g.started.get() && !g.running.get() {
        let f = g.frame.borrow_mut().take();
        drop(f);
        return Ok(vm.none());
    }
    let ge = vm.new_exception(&vm.ctx.exc.generator_exit, vec![]);
    match resume(vm, gen, Resume::Throw(ge)) {
        Ok(Sent::Yielded(_)) => Err(vm.new_runtime_error("generator ignored GeneratorExit")),
        Ok(Sent::Returned(_)) => Ok(vm.none()),
        Err(e) => {
            let c = e.as_object().class();
            if c.is_subtype(&vm.ctx.exc.generator_exit) || c.is_subtype(&vm.ctx.exc.stop_iteration)
            {
                Ok(vm.none())
            } else {
                Err(e)
            }
        }
    }
}

fn gen_iter(_vm: &Vm, args: Args) -> PyResult {
    Ok(args.args[0].clone())
}

fn gen_next_method(vm: &Vm, args: Args) -> PyResult {
    match resume(vm, &args.args[0], Resume::Send(vm.none()))? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(returned(vm, v)),
    }
}

fn gen_send_method(vm: &Vm, args: Args) -> PyResult {
    let [g, v] = args.exact::<2>(vm, "send")?;
    match resume(vm, g, Resume::Send(v.clone()))? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(returned(vm, v)),
    }
}

fn gen_throw_method(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "throw", 2, 4)?;
    let typ = &p[1];
    let val = p.get(2).filter(|v| !vm.is_none(v));
    let exc: PyBaseExceptionRef = if let Some(t) = typ.downcast_ref::<PyType>() {
        if !t.is_subtype(&vm.ctx.exc.base_exception) {
            return Err(vm.new_type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                typ.class().name()
            )));
        }
        match val {
            Some(v) if v.class().is_subtype(t) => v
                .clone()
                .downcast::<PyBaseException>()
                .map_err(|_| vm.new_type_error("bad exception"))?,
            Some(v) => {
                let args = match v.payload::<PyTuple>() {
                    Some(tu) => tu.as_slice().to_vec(),
                    None => vec![v.clone()],
                };
                vm.call(typ, &args)?
                    .downcast::<PyBaseException>()
                    .map_err(|_| vm.new_type_error("bad exception"))?
            }
            None => vm
                .call(typ, &[])?
                .downcast::<PyBaseException>()
                .map_err(|_| vm.new_type_error("bad exception"))?,
        }
    } else if let Ok(e) = typ.clone().downcast::<PyBaseException>() {
        if val.is_some() {
            return Err(vm.new_type_error("instance exception may not have a separate value"));
        }
        e
    } else {
        return Err(vm.new_type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            typ.class().name()
        )));
    };
    match resume(vm, &p[0], Resume::Throw(exc))? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(returned(vm, v)),
    }
}

fn gen_close_method(vm: &Vm, args: Args) -> PyResult {
    gen_close(vm, &args.args[0])
}

fn gen_del(vm: &Vm, args: Args) -> PyResult {
    let g = &args.args[0];
    let Some(p) = g.payload::<PyGenerator>() else {
        return Ok(vm.none());
    };
    if !p.started.get() || p.frame.borrow().is_none() {
        return Ok(vm.none());
    }
    if let Err(e) = gen_close(vm, g) {
        vm.report_unraisable(&e, Some(g));
    }
    Ok(vm.none())
}

fn gen_repr(vm: &Vm, args: Args) -> PyResult {
    let g = args.args[0]
        .payload::<PyGenerator>()
        .ok_or_else(|| vm.new_type_error("generator expected"))?;
    let q = vm.str_of(&g.qualname.borrow())?;
    Ok(vm.new_string(format!(
        "<generator object {} at {:#x}>",
        q,
        args.args[0].addr()
    )))
}

fn get_name(vm: &Vm, o: &PyObject) -> PyResult {
    o.payload::<PyGenerator>()
        .map(|g| g.name.borrow().clone())
        .ok_or_else(|| vm.new_type_error("generator expected"))
}
fn get_qualname(vm: &Vm, o: &PyObject) -> PyResult {
    o.payload::<PyGenerator>()
        .map(|g| g.qualname.borrow().clone())
        .ok_or_else(|| vm.new_type_error("generator expected"))
}
fn get_running(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_bool(
        o.payload::<PyGenerator>()
            .map(|g| g.running.get())
            .unwrap_or(false),
    ))
}
fn get_frame(vm: &Vm, o: &PyObject) -> PyResult {
    let g = o
        .payload::<PyGenerator>()
        .ok_or_else(|| vm.new_type_error("generator expected"))?;
    let taken = g.frame.borrow_mut().take();
    match taken {
        Some(mut f) => {
            let fo = f.frame_object(vm);
            *g.frame.borrow_mut() = Some(f);
            Ok(fo.into())
        }
        None => Ok(vm.none()),
    }
}
fn get_code(vm: &Vm, o: &PyObject) -> PyResult {
    let g = o
        .payload::<PyGenerator>()
        .ok_or_else(|| vm.new_type_error("generator expected"))?;
    let fr = g.frame.borrow();
    match fr.as_ref() {
        Some(f) => Ok(f.code.clone().into()),
        None => Ok(vm.none()),
    }
}
