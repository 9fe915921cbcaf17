//! The dispatch loop: runs one frame's instructions until it returns, yields or lets
//! an exception escape.
//!
//! Each arm is short: stack shuffling inline, everything else in named functions of
//! `ops.rs`, `call.rs`, `class.rs`, `import.rs` and `generator.rs`. Exceptions follow
//! the block-stack model documented in `mempy_bytecode::instruction`: when an
//! instruction fails, [`unwind`] pops blocks until a finally block takes the
//! exception (the handler starts with `[.., prev, exc]`) or the frame is left. A
//! traceback entry is added each time an exception starts unwinding in a frame,
//! except after `Reraise` and a bare `raise`, which keep the traceback as it is.
//!
//! Fast paths: `LoadFast`/`StoreFast`, small-int arithmetic and comparison, calls of
//! Python functions straight from the value stack (`call.rs`), and
//! `LoadMethod`/`CallMethod` without bound-method objects.

use mempy_bytecode::{ComparisonOperator, Instruction, UnaryOperator};

use crate::args::Args;
use crate::eval::frame::{Block, Frame};
use crate::eval::{call, class, generator, global_cache, import, ops};
use crate::heap::{PyObject, PyObjectRef};
use crate::objects::typeobj::{flags, ObjectClass};
use crate::objects::*;
use crate::vm::{PyResult, Vm};

/// How a frame stopped running without an exception.
pub enum FrameResult {
    Return(PyObjectRef),
    Yield(PyObjectRef),
}

/// Runs `f` from `f.lasti`. With `pending`, the exception is raised at the current
/// instruction first (generator `throw()`).
pub fn run_frame(
    vm: &Vm,
    f: &mut Frame,
    pending: Option<PyBaseExceptionRef>,
) -> PyResult<FrameResult> {
    FRAME_GLOBALS.with(|g| g.borrow_mut().push(f.globals.clone()));
    let r = run_frame_inner(vm, f, pending);
    FRAME_GLOBALS.with(|g| g.borrow_mut().pop());
    r
}

fn run_frame_inner(
    vm: &Vm,
    f: &mut Frame,
    mut pending: Option<PyBaseExceptionRef>,
) -> PyResult<FrameResult> {
    loop {
        let mut reraise = false;
        let exc = match pending.take() {
            Some(e) => e,
            None => match execute(vm, f, &mut reraise) {
                Ok(r) => {
                    if let FrameResult::Return(_) = r {
                        leave_blocks(vm, f);
                        f.finish();
                    }
                    return Ok(r);
                }
                Err(e) => e,
            },
        };
        if !reraise {
            record_traceback(vm, f, &exc);
        }
        if let Err(e) = unwind(vm, f, exc) {
            f.finish();
            return Err(e);
        }
    }
}

/// Adds a traceback entry for `f` (and, for a fresh exception, its `__context__`).
fn record_traceback(vm: &Vm, f: &mut Frame, exc: &PyBaseExceptionRef) {
    if exc.traceback.borrow().is_none() {
        set_context(vm, exc);
    }
    let frame = f.frame_object(vm);
    let lasti = f.lasti.saturating_sub(1);
    let lineno = f
        .code
        .code
        .locations
        .get(lasti)
        .map(|l| l.line)
        .unwrap_or(0);
    frame.lineno.set(lineno);
    let next = exc.traceback.borrow_mut().take();
    let tb = vm.new_object(
        PyTraceback {
            frame,
            lasti,
            lineno,
            next: std::cell::RefCell::new(next),
        },
        &vm.ctx.types.traceback_type,
    );
    *exc.traceback.borrow_mut() = Some(tb.into());
}

/// Sets `exc.__context__` to the exception being handled, breaking cycles in the
/// context chain as CPython's `_PyErr_SetObject` does.
pub fn set_context(vm: &Vm, exc: &PyBaseExceptionRef) {
    let cur = vm.current_exc.borrow().clone();
    let Some(cur) = cur else { return };
    if cur.is(exc.as_object()) {
        return;
    }
    // Cut `exc` out of the chain that starts at `cur`.
    let mut o = cur.clone();
    let mut steps = 0;
    loop {
        let next = match o.payload::<PyBaseException>() {
            Some(p) => p.context.borrow().clone(),
            None => None,
        };
        let Some(n) = next else { break };
        if n.is(exc.as_object()) {
            if let Some(p) = o.payload::<PyBaseException>() {
                *p.context.borrow_mut() = None;
            }
            break;
        }
        o = n;
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    *exc.context.borrow_mut() = Some(cur);
}

/// Pops blocks until one handles `exc`; `Err(exc)` when the frame has none left.
fn unwind(vm: &Vm, f: &mut Frame, exc: PyBaseExceptionRef) -> PyResult<()> {
    loop {
        match f.blocks.pop() {
            None => return Err(exc),
            Some(Block::ExceptHandler { level }) => {
                f.stack.truncate(level as usize + 1);
                let prev = f.stack.pop();
                restore_exc(vm, prev);
            }
            Some(Block::Finally { handler, level }) => {
                f.stack.truncate(level as usize);
                f.blocks.push(Block::ExceptHandler { level });
                let prev = vm
                    .current_exc
                    .borrow_mut()
                    .take()
                    .unwrap_or_else(|| vm.none());
                f.stack.push(prev);
                let e: PyObjectRef = exc.into();
                f.stack.push(e.clone());
                *vm.current_exc.borrow_mut() = Some(e);
                f.lasti = handler as usize;
                return Ok(());
            }
        }
    }
}

fn restore_exc(vm: &Vm, prev: Option<PyObjectRef>) {
    let prev = prev.filter(|p| !vm.is_none(p));
    let old = std::mem::replace(&mut *vm.current_exc.borrow_mut(), prev);
    drop(old);
}

/// On `return` from inside handlers: restore the exceptions they saved.
fn leave_blocks(vm: &Vm, f: &mut Frame) {
    while let Some(b) = f.blocks.pop() {
        if let Block::ExceptHandler { level } = b {
            let prev = f.stack.get(level as usize).cloned();
            f.stack.truncate(level as usize);
            restore_exc(vm, prev);
        }
    }
}

macro_rules! pop {
    ($f:expr) => {
        $f.stack.pop().expect("value stack underflow")
    };
}

macro_rules! top {
    ($f:expr) => {
        $f.stack.last().expect("value stack underflow")
    };
}

#[inline]
fn is_null(vm: &Vm, o: &PyObject) -> bool {
    o.is(&vm.ctx.not_implemented)
}

/// Runs instructions until the frame returns or yields, or one fails.
fn execute(vm: &Vm, f: &mut Frame, reraise: &mut bool) -> PyResult<FrameResult> {
    let code = f.code.clone();
    let instrs: &[Instruction] = &code.code.instructions;
    loop {
        let ins = instrs[f.lasti];
        f.lasti += 1;
        match ins {
            Instruction::Nop => {}
            Instruction::PopTop => {
                pop!(f);
            }
            Instruction::Copy(n) => {
                let v = f.stack[f.stack.len() - n as usize].clone();
                f.stack.push(v);
            }
            Instruction::Swap(n) => {
                let len = f.stack.len();
                f.stack.swap(len - 1, len - n as usize);
            }
            Instruction::LoadConst(i) => f.stack.push(code.consts[i as usize].clone()),
            Instruction::LoadFast(i) => match &f.fastlocals[i as usize] {
                Some(v) => {
                    let v = v.clone();
                    f.stack.push(v)
                }
                None => return Err(unbound_local(vm, &code.code.varnames[i as usize])),
            },
            Instruction::StoreFast(i) => {
                let v = pop!(f);
                let old = std::mem::replace(&mut f.fastlocals[i as usize], Some(v));
                drop(old);
            }
            Instruction::DeleteFast(i) => {
                if f.fastlocals[i as usize].take().is_none() {
                    return Err(unbound_local(vm, &code.code.varnames[i as usize]));
                }
            }
            Instruction::LoadName(i) => {
                let v = load_name(vm, f, &code.names[i as usize])?;
                f.stack.push(v);
            }
            Instruction::StoreName(i) => {
                let v = pop!(f);
                store_name(vm, f, &code.names[i as usize], v)?;
            }
            Instruction::DeleteName(i) => delete_name(vm, f, &code.names[i as usize])?,
            Instruction::LoadGlobal(i) => {
                let Some(v) = global_cache::load_global(f, &code, i as usize) else {
                    return Err(name_error(vm, code.names[i as usize].as_str()));
                };
                f.stack.push(v);
            }
            Instruction::StoreGlobal(i) => {
                let v = pop!(f);
                f.globals.set_item_str(vm, &code.names[i as usize], v);
            }
            Instruction::DeleteGlobal(i) => {
                let name = &code.names[i as usize];
                if f.globals.del_item(vm, name.as_object())?.is_none() {
                    return Err(name_error(vm, name.as_str()));
                }
            }
            Instruction::LoadDeref(i) => {
                let v = f.cells[i as usize].get();
                match v {
                    Some(v) => f.stack.push(v),
                    None => return Err(unbound_deref(vm, f, i as usize)),
                }
            }
            Instruction::StoreDeref(i) => {
                let v = pop!(f);
                f.cells[i as usize].set(Some(v));
            }
            Instruction::DeleteDeref(i) => {
                if f.cells[i as usize].get().is_none() {
                    return Err(unbound_deref(vm, f, i as usize));
                }
                f.cells[i as usize].set(None);
            }
            Instruction::LoadClosure(i) => {
                let c = f.cells[i as usize].clone();
                f.stack.push(c.into());
            }
            Instruction::LoadClassDeref(i) => {
                let v = load_class_deref(vm, f, i as usize)?;
                f.stack.push(v);
            }
            Instruction::LoadAttr(i) => {
                let o = pop!(f);
                let name = &code.names[i as usize];
                let v = vm
                    .get_attribute(&o, name)
                    .map_err(|e| attr_error_context(vm, e, &o, name))?;
                f.stack.push(v);
            }
            Instruction::StoreAttr(i) => {
                let o = pop!(f);
                let v = pop!(f);
                vm.set_attribute(&o, &code.names[i as usize], Some(v))?;
            }
            Instruction::DeleteAttr(i) => {
                let o = pop!(f);
                vm.set_attribute(&o, &code.names[i as usize], None)?;
            }
            Instruction::BinarySubscr => {
                let k = pop!(f);
                let c = pop!(f);
                let v = ops::subscript(vm, &c, &k)?;
                f.stack.push(v);
            }
            Instruction::StoreSubscr => {
                let k = pop!(f);
                let c = pop!(f);
                let v = pop!(f);
                vm.setitem(&c, k, v)?;
            }
            Instruction::DeleteSubscr => {
                let k = pop!(f);
                let c = pop!(f);
                vm.delitem(&c, &k)?;
            }
            Instruction::BuildSlice(n) => {
                let step = if n == 3 { pop!(f) } else { vm.none() };
                let stop = pop!(f);
                let start = pop!(f);
                f.stack.push(
                    vm.new_object(PySlice { start, stop, step }, &vm.ctx.types.slice_type)
                        .into(),
                );
            }
            Instruction::BinaryOp(op) => {
                let b = pop!(f);
                let a = pop!(f);
                let r = match ops::small_int_binop(vm, &a, &b, op) {
                    Some(r) => r,
                    None => ops::binary_op(vm, &a, &b, op)?,
                };
                f.stack.push(r);
            }
            Instruction::UnaryOp(op) => {
                let a = pop!(f);
                let r = if op == UnaryOperator::Not {
                    vm.new_bool(!truth(vm, &a)?)
                } else {
                    ops::unary_op(vm, &a, op)?
                };
                f.stack.push(r);
            }
            Instruction::CompareOp(op) => {
                let b = pop!(f);
                let a = pop!(f);
                let r = compare(vm, &a, &b, op)?;
                f.stack.push(r);
            }
            Instruction::IsOp(neg) => {
                let b = pop!(f);
                let a = pop!(f);
                f.stack.push(vm.new_bool(a.is(&b) != neg));
            }
            Instruction::ContainsOp(neg) => {
                let b = pop!(f);
                let a = pop!(f);
                let r = vm.contains(&b, &a)?;
                f.stack.push(vm.new_bool(r != neg));
            }
            Instruction::Jump(t) => {
                // Loops jump backwards: the periodic check (Ctrl-C, step budget, memory limit).
                crate::interrupt::check(vm)?;
                f.lasti = t as usize
            }
            Instruction::PopJumpIfFalse(t) => {
                let v = pop!(f);
                if !truth(vm, &v)? {
                    // `while` loops test at the bottom and jump back here.
                    if (t as usize) < f.lasti {
                        crate::interrupt::check(vm)?;
                    }
                    f.lasti = t as usize;
                }
            }
            Instruction::PopJumpIfTrue(t) => {
                let v = pop!(f);
                if truth(vm, &v)? {
                    // `while` loops test at the bottom and jump back here.
                    if (t as usize) < f.lasti {
                        crate::interrupt::check(vm)?;
                    }
                    f.lasti = t as usize;
                }
            }
            Instruction::JumpIfFalseOrPop(t) => {
                if !truth(vm, top!(f))? {
                    f.lasti = t as usize;
                } else {
                    pop!(f);
                }
            }
            Instruction::JumpIfTrueOrPop(t) => {
                if truth(vm, top!(f))? {
                    f.lasti = t as usize;
                } else {
                    pop!(f);
                }
            }
            Instruction::GetIter => {
                let o = pop!(f);
                let it = vm.get_iter(&o)?;
                f.stack.push(it);
            }
            Instruction::ForIter(t) => {
                let next = vm.next(top!(f))?;
                match next {
                    Some(v) => f.stack.push(v),
                    None => {
                        pop!(f);
                        f.lasti = t as usize;
                    }
                }
            }
            Instruction::ReturnValue => {
                let v = pop!(f);
                return Ok(FrameResult::Return(v));
            }
            Instruction::BuildTuple(n) => {
                let items = f.stack.split_off(f.stack.len() - n as usize);
                f.stack.push(vm.new_tuple(items));
            }
            Instruction::BuildList(n) => {
                let items = f.stack.split_off(f.stack.len() - n as usize);
                f.stack.push(vm.new_list(items));
            }
            Instruction::BuildSet(n) => {
                let items = f.stack.split_off(f.stack.len() - n as usize);
                f.stack
                    .push(crate::objects::set::new_set(vm, items, false)?);
            }
            Instruction::BuildMap(n) => {
                let items = f.stack.split_off(f.stack.len() - 2 * n as usize);
                f.stack.push(ops::build_map(vm, items)?);
            }
            Instruction::BuildConstKeyMap(n) => {
                let keys = pop!(f);
                let values = f.stack.split_off(f.stack.len() - n as usize);
                f.stack.push(ops::build_const_key_map(vm, &keys, values)?);
            }
            Instruction::BuildString(n) => {
                let items = f.stack.split_off(f.stack.len() - n as usize);
                f.stack.push(ops::build_string(vm, &items));
            }
            Instruction::ListAppend(i) => {
                let v = pop!(f);
                let l = &f.stack[f.stack.len() - i as usize];
                match l.payload::<PyList>() {
                    Some(l) => l.append(v),
                    None => return Err(vm.new_system_error_msg("ListAppend on a non-list")),
                }
            }
            Instruction::SetAdd(i) => {
                let v = pop!(f);
                let s = &f.stack[f.stack.len() - i as usize];
                match s.payload::<PySet>() {
                    Some(s) => s.add(vm, v)?,
                    None => return Err(vm.new_system_error_msg("SetAdd on a non-set")),
                }
            }
            Instruction::MapAdd(i) => {
                let v = pop!(f);
                let k = pop!(f);
                let d = &f.stack[f.stack.len() - i as usize];
                match d.payload::<PyDict>() {
                    Some(d) => d.set_item(vm, k, v)?,
                    None => return Err(vm.new_system_error_msg("MapAdd on a non-dict")),
                }
            }
            Instruction::ListExtend(i) => {
                let it = pop!(f);
                let l = f.stack[f.stack.len() - i as usize].clone();
                ops::list_extend(vm, &l, &it)?;
            }
            Instruction::SetUpdate(i) => {
                let it = pop!(f);
                let s = f.stack[f.stack.len() - i as usize].clone();
                ops::set_update(vm, &s, &it)?;
            }
            Instruction::DictUpdate(i) => {
                let m = pop!(f);
                let d = f.stack[f.stack.len() - i as usize].clone();
                ops::dict_update(vm, &d, &m)?;
            }
            Instruction::DictMerge(i) => {
                let m = pop!(f);
                let di = f.stack.len() - i as usize;
                let d = f.stack[di].clone();
                let callee = if di >= 2 {
                    Some(f.stack[di - 2].clone())
                } else {
                    None
                };
                ops::dict_merge(vm, &d, &m, callee.as_ref())?;
            }
            Instruction::ListToTuple => {
                let l = pop!(f);
                let items = match l.payload::<PyList>() {
                    Some(l) => l.to_vec(),
                    None => vm.iterate(&l)?,
                };
                f.stack.push(vm.new_tuple(items));
            }
            Instruction::UnpackSequence(n) => {
                let seq = pop!(f);
                ops::unpack_sequence(vm, &seq, n as usize, &mut f.stack)?;
            }
            Instruction::UnpackEx { before, after } => {
                let seq = pop!(f);
                ops::unpack_ex(vm, &seq, before as usize, after as usize, &mut f.stack)?;
            }
            Instruction::FormatValue {
                conversion,
                has_spec,
            } => {
                let spec = if has_spec { Some(pop!(f)) } else { None };
                let v = pop!(f);
                let r = ops::format_value(vm, &v, conversion, spec.as_ref())?;
                f.stack.push(r);
            }
            Instruction::Call(n) => {
                let base = f.stack.len() - n as usize - 1;
                if n == 0 && f.stack[base].is(vm.ctx.types.super_type.as_object()) {
                    let r = class::super_from_frame(vm, f)?;
                    f.stack.truncate(base);
                    f.stack.push(r);
                    continue;
                }
                if wants_scope(&f.stack[base], n) {
                    set_scope(vm, f);
                }
                let r = call::call_moving(vm, &mut f.stack, base)?;
                f.stack.truncate(base);
                f.stack.push(r);
            }
            Instruction::CallKw(n) => {
                let names = pop!(f);
                let base = f.stack.len() - n as usize - 1;
                let kwnames = names
                    .payload::<PyTuple>()
                    .map(|t| t.as_slice())
                    .unwrap_or(&[]);
                let r = call::call_slice(vm, &f.stack[base], &f.stack[base + 1..], kwnames)?;
                f.stack.truncate(base);
                f.stack.push(r);
            }
            Instruction::CallEx { has_kwargs } => {
                let kwargs = if has_kwargs { Some(pop!(f)) } else { None };
                let args = pop!(f);
                let callee = pop!(f);
                let r = call::call_ex(vm, &callee, &args, kwargs.as_ref())?;
                f.stack.push(r);
            }
            Instruction::LoadMethod(i) => {
                let o = pop!(f);
                let name = &code.names[i as usize];
                match load_method(&o, name)? {
                    Some(m) => {
                        f.stack.push(m);
                        f.stack.push(o);
                    }
                    None => {
                        let v = vm
                            .get_attribute(&o, name)
                            .map_err(|e| attr_error_context(vm, e, &o, name))?;
                        f.stack.push(vm.ctx.not_implemented.clone());
                        f.stack.push(v);
                    }
                }
            }
            Instruction::CallMethod(n) => {
                let base = f.stack.len() - n as usize - 2;
                let r = if is_null(vm, &f.stack[base]) {
                    if n == 1 && wants_scope(&f.stack[base + 1], n) {
                        set_scope(vm, f);
                    }
                    call::call_moving(vm, &mut f.stack, base + 1)?
                } else {
                    call::call_moving(vm, &mut f.stack, base)?
                };
                f.stack.truncate(base);
                f.stack.push(r);
            }
            Instruction::MakeFunction(fl) => {
                let func = call::make_function(vm, f, fl)?;
                f.stack.push(func);
            }
            Instruction::LoadBuildClass => {
                let bc = f.builtins.get_item_str_opt(&vm.intern("__build_class__"));
                match bc {
                    Some(bc) => f.stack.push(bc),
                    None => {
                        return Err(vm.new_exception_msg(
                            &vm.ctx.exc.name_error,
                            "__build_class__ not found",
                        ))
                    }
                }
            }
            Instruction::YieldValue => {
                let v = pop!(f);
                return Ok(FrameResult::Yield(v));
            }
            Instruction::GetYieldFromIter => {
                let o = pop!(f);
                let it = if o.payload::<PyGenerator>().is_some() {
                    o
                } else {
                    vm.get_iter(&o)?
                };
                f.stack.push(it);
            }
            Instruction::YieldFrom => {
                let v = pop!(f);
                let it = top!(f).clone();
                match generator::delegate_send(vm, &it, v)? {
                    generator::Sent::Yielded(y) => {
                        f.lasti -= 1;
                        f.delegating = true;
                        return Ok(FrameResult::Yield(y));
                    }
                    generator::Sent::Returned(r) => {
                        pop!(f);
                        f.stack.push(r);
                    }
                }
            }
            Instruction::SetupFinally(h) => {
                let level = f.stack.len() as u32;
                f.blocks.push(Block::Finally { handler: h, level });
            }
            Instruction::SetupWith(h) => {
                let level = f.stack.len() as u32 - 1;
                f.blocks.push(Block::Finally { handler: h, level });
            }
            Instruction::PopBlock => {
                f.blocks.pop();
            }
            Instruction::PopExcept => {
                if let Some(Block::ExceptHandler { .. }) = f.blocks.last() {
                    f.blocks.pop();
                }
                let prev = pop!(f);
                restore_exc(vm, Some(prev));
            }
            Instruction::Reraise => {
                let e = pop!(f);
                *reraise = true;
                return Err(to_exception(vm, e)?);
            }
            Instruction::RaiseVarargs(n) => {
                let cause = if n == 2 { Some(pop!(f)) } else { None };
                let exc = if n >= 1 { Some(pop!(f)) } else { None };
                if exc.is_none() {
                    *reraise = true;
                }
                return Err(do_raise(vm, exc, cause));
            }
            Instruction::CheckExcMatch => {
                let t = pop!(f);
                let e = top!(f).clone();
                let m = exception_matches(vm, &e, &t)?;
                f.stack.push(vm.new_bool(m));
            }
            Instruction::BeforeWith => {
                let mgr = pop!(f);
                let (exit, res) = ops::before_with(vm, &mgr)?;
                f.stack.push(exit);
                f.stack.push(res);
            }
            Instruction::WithExceptStart => {
                let len = f.stack.len();
                let exit = f.stack[len - 3].clone();
                let exc = f.stack[len - 1].clone();
                let tb = exc
                    .payload::<PyBaseException>()
                    .and_then(|e| e.traceback.borrow().clone())
                    .unwrap_or_else(|| vm.none());
                let r = vm.call(&exit, &[exc.class_obj().to_owned(), exc.clone(), tb])?;
                f.stack.push(r);
            }
            Instruction::LoadAssertionError => {
                f.stack.push(vm.ctx.exc.assertion_error.clone().into())
            }
            Instruction::ImportName(i) => {
                let fromlist = pop!(f);
                let level = pop!(f);
                let m = import::import_name(vm, f, &code.names[i as usize], &fromlist, &level)?;
                f.stack.push(m);
            }
            Instruction::ImportFrom(i) => {
                let m = top!(f).clone();
                let v = import::import_from(vm, &m, &code.names[i as usize])?;
                f.stack.push(v);
            }
            Instruction::ImportStar => {
                let m = pop!(f);
                import::import_star(vm, f, &m)?;
            }
            Instruction::SetupAnnotations => setup_annotations(vm, f)?,
            Instruction::PrintExpr => {
                let v = pop!(f);
                print_expr(vm, &v)?;
            }
        }
    }
}

// ----- Helpers of the arms above -----

/// Builtins that read the running frame's namespaces through `Vm::scope_hook`
/// when called without arguments.
const SCOPE_BUILTINS: &[&str] = &["locals", "globals", "vars", "dir"];

/// Whether calling `callee` with `n` arguments needs the frame's scope published:
/// a scope builtin without arguments, `exec`/`eval` (they default to the caller's
/// namespaces whatever their arguments), or `mempy.why(obj)` (the frame's locals
/// are roots of its search).
#[inline]
fn wants_scope(callee: &PyObject, n: u32) -> bool {
    callee
        .payload::<PyBuiltinFunction>()
        .is_some_and(|b| match n {
            0 => SCOPE_BUILTINS.contains(&b.name) || b.name == "exec" || b.name == "eval",
            _ => (n == 1 && b.name == "why") || b.name == "exec" || b.name == "eval",
        })
}

thread_local! {
    /// The globals of the running frames, innermost last (pushed and popped by
    /// [`run_frame`]): what `type(name, bases, ns)` and `globals()` read.
    static FRAME_GLOBALS: std::cell::RefCell<Vec<PyDictRef>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The scope published by [`set_scope`] for a scope builtin, with the depth of
    /// [`FRAME_GLOBALS`] it belongs to.
    static SCOPE: std::cell::RefCell<Option<(usize, PyDictRef, PyObjectRef)>> = const { std::cell::RefCell::new(None) };
}

/// Installs [`scope_hook`] as the VM's scope reader.
pub(crate) fn init(vm: &Vm) {
    vm.scope_hook.set(Some(scope_hook));
}

/// The scope [`set_scope`] published for the running frame, else the running frame's
/// globals (as both globals and locals).
fn scope_hook(_vm: &Vm) -> Option<(PyDictRef, PyObjectRef)> {
    let depth = FRAME_GLOBALS.with(|g| g.borrow().len());
    if let Some((d, g, l)) = SCOPE.with(|s| s.borrow_mut().take()) {
        if d == depth {
            return Some((g, l));
        }
    }
    let g = FRAME_GLOBALS.with(|g| g.borrow().last().cloned())?;
    let l: PyObjectRef = g.clone().into();
    Some((g, l))
}

/// Publishes the frame's globals and locals (a snapshot dict for function frames)
/// for the scope builtin about to be called.
fn set_scope(vm: &Vm, f: &Frame) {
    let locals: PyObjectRef = match &f.locals {
        Some(l) => l.clone(),
        None => {
            let d = vm.new_dict();
            let c = &f.code;
            for (name, v) in c.varnames.iter().zip(&f.fastlocals) {
                if let Some(v) = v {
                    d.set_item_str(vm, name, v.clone());
                }
            }
            let names = c.code.cellvars.iter().chain(c.code.freevars.iter());
            for (name, cell) in names.zip(&f.cells) {
                if let Some(v) = cell.get() {
                    d.set_item_str(vm, &vm.intern(name), v);
                }
            }
            d.into()
        }
    };
    let depth = FRAME_GLOBALS.with(|g| g.borrow().len());
    SCOPE.with(|s| *s.borrow_mut() = Some((depth, f.globals.clone(), locals)));
}

#[inline]
fn truth(vm: &Vm, o: &PyObject) -> PyResult<bool> {
    if o.is(&vm.ctx.true_obj) {
        return Ok(true);
    }
    if o.is(&vm.ctx.false_obj) || o.is(&vm.ctx.none) {
        return Ok(false);
    }
    vm.is_true(o)
}

#[inline]
fn compare(vm: &Vm, a: &PyObject, b: &PyObject, op: ComparisonOperator) -> PyResult {
    if let (Some(x), Some(y)) = (ops::exact_small_int(vm, a), ops::exact_small_int(vm, b)) {
        let r = match op {
            ComparisonOperator::Less => x < y,
            ComparisonOperator::LessOrEqual => x <= y,
            ComparisonOperator::Equal => x == y,
            ComparisonOperator::NotEqual => x != y,
            ComparisonOperator::Greater => x > y,
            ComparisonOperator::GreaterOrEqual => x >= y,
        };
        return Ok(vm.new_bool(r));
    }
    if let Some(r) = ops::fast_compare(vm, a, b, op) {
        return r;
    }
    vm.rich_compare(a, b, op)
}

/// Records `name` and `obj` on an AttributeError (for "Did you mean"), overwriting
/// them as CPython 3.11's `set_attribute_error_context` does.
pub(crate) fn attr_error_context(
    vm: &Vm,
    e: PyBaseExceptionRef,
    o: &PyObjectRef,
    name: &PyStrRef,
) -> PyBaseExceptionRef {
    if e.as_object()
        .class()
        .is_subtype(&vm.ctx.exc.attribute_error)
    {
        let eo: PyObjectRef = e.clone().into();
        let _ = vm.set_attribute(&eo, &vm.intern("name"), Some(name.clone().into()));
        let _ = vm.set_attribute(&eo, &vm.intern("obj"), Some(o.clone()));
    }
    e
}

fn unbound_local(vm: &Vm, name: &str) -> PyBaseExceptionRef {
    vm.new_exception_msg(
        &vm.ctx.exc.unbound_local_error,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

pub fn name_error(vm: &Vm, name: &str) -> PyBaseExceptionRef {
    let e = vm.new_name_error(format!("name '{name}' is not defined"));
    if let Some(d) = e.as_object().dict_slot() {
        let mut s = d.borrow_mut();
        if s.is_none() {
            *s = Some(vm.new_dict().into());
        }
        if let Some(d) = s.as_ref().and_then(|d| d.payload::<PyDict>()) {
            d.set_item_str(vm, &vm.intern("name"), vm.new_str(name));
        }
    }
    e
}

fn unbound_deref(vm: &Vm, f: &Frame, i: usize) -> PyBaseExceptionRef {
    let c = &f.code.code;
    if i < c.cellvars.len() {
        unbound_local(vm, &c.cellvars[i])
    } else {
        let name = c
            .freevars
            .get(i - c.cellvars.len())
            .map(String::as_str)
            .unwrap_or("?");
        vm.new_name_error(format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"))
    }
}

fn locals_get(vm: &Vm, locals: &PyObjectRef, name: &PyStrRef) -> PyResult<Option<PyObjectRef>> {
    if let Some(d) = locals.payload::<PyDict>() {
        if !locals.class().is_heap_type() {
            return Ok(d.get_item_str_opt(name));
        }
    }
    match vm.getitem(locals, name.as_object()) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.as_object().class().is_subtype(&vm.ctx.exc.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

fn load_name(vm: &Vm, f: &Frame, name: &PyStrRef) -> PyResult {
    if let Some(l) = &f.locals {
        if let Some(v) = locals_get(vm, l, name)? {
            return Ok(v);
        }
    }
    if let Some(v) = f.globals.get_item_str_opt(name) {
        return Ok(v);
    }
    if let Some(v) = f.builtins.get_item_str_opt(name) {
        return Ok(v);
    }
    Err(name_error(vm, name.as_str()))
}

fn store_name(vm: &Vm, f: &Frame, name: &PyStrRef, v: PyObjectRef) -> PyResult<()> {
    match &f.locals {
        Some(l) => {
            if let Some(d) = l.payload::<PyDict>() {
                if !l.class().is_heap_type() {
                    d.set_item_str(vm, name, v);
                    return Ok(());
                }
            }
            vm.setitem(l, name.clone().into(), v)
        }
        None => {
            f.globals.set_item_str(vm, name, v);
            Ok(())
        }
    }
}

fn delete_name(vm: &Vm, f: &Frame, name: &PyStrRef) -> PyResult<()> {
    let l = f.locals.clone().unwrap_or_else(|| f.globals.clone().into());
    if let Some(d) = l.payload::<PyDict>() {
        if d.del_item(vm, name.as_object())?.is_none() {
            return Err(name_error(vm, name.as_str()));
        }
        return Ok(());
    }
    match vm.delitem(&l, name.as_object()) {
        Err(e) if e.as_object().class().is_subtype(&vm.ctx.exc.key_error) => {
            Err(name_error(vm, name.as_str()))
        }
        r => r,
    }
}

fn load_class_deref(vm: &Vm, f: &Frame, i: usize) -> PyResult {
    let c = &f.code.code;
    let name = if i < c.cellvars.len() {
        &c.cellvars[i]
    } else {
        &c.freevars[i - c.cellvars.len()]
    };
    if let Some(l) = &f.locals {
        if let Some(v) = locals_get(vm, l, &vm.intern(name))? {
            return Ok(v);
        }
    }
    f.cells[i].get().ok_or_else(|| unbound_deref(vm, f, i))
}

/// The method-call fast path: `Some(function)` when `type(o)` has a plain function
/// or method descriptor `name` that the instance does not shadow.
fn load_method(o: &PyObjectRef, name: &PyStrRef) -> PyResult<Option<PyObjectRef>> {
    let cls = o.class();
    if cls.flags.get() & flags::CUSTOM_GETATTRIBUTE != 0
        || o.payload::<PyType>().is_some()
        || o.payload::<PySuper>().is_some()
    {
        return Ok(None);
    }
    let Some(attr) = cls.lookup(name) else {
        return Ok(None);
    };
    if attr.payload::<PyFunction>().is_none() && attr.payload::<PyMethodDescr>().is_none() {
        return Ok(None);
    }
    if let Some(slot) = o.dict_slot() {
        if let Some(d) = slot.borrow().as_ref() {
            if let Some(d) = d.payload::<PyDict>() {
                if d.get_item_str_opt(name).is_some() {
                    return Ok(None);
                }
            }
        }
    }
    Ok(Some(attr))
}

/// Turns the operand of `Reraise` back into an exception.
fn to_exception(vm: &Vm, e: PyObjectRef) -> PyResult<PyBaseExceptionRef> {
    e.downcast::<PyBaseException>()
        .map_err(|_| vm.new_type_error("exceptions must derive from BaseException"))
}

/// `raise`, `raise exc` and `raise exc from cause`.
fn do_raise(vm: &Vm, exc: Option<PyObjectRef>, cause: Option<PyObjectRef>) -> PyBaseExceptionRef {
    let Some(exc) = exc else {
        let cur = vm.current_exc.borrow().clone();
        return match cur.and_then(|c| c.downcast::<PyBaseException>().ok()) {
            Some(e) => e,
            None => vm.new_runtime_error("No active exception to reraise"),
        };
    };
    let e = match instantiate_exception(vm, &exc) {
        Ok(e) => e,
        Err(e) => return e,
    };
    if let Some(c) = cause {
        let cause_obj = if vm.is_none(&c) {
            None
        } else if c.payload::<PyType>().is_some() {
            match instantiate_exception(vm, &c) {
                Ok(ce) => Some(ce.into()),
                Err(err) => return err,
            }
        } else if c.payload::<PyBaseException>().is_some() {
            Some(c)
        } else {
            return vm.new_type_error("exception causes must derive from BaseException");
        };
        *e.cause.borrow_mut() = cause_obj;
        e.suppress_context.set(true);
    }
    set_context(vm, &e);
    e
}

/// An exception instance from a class (called with no arguments) or an instance.
pub fn instantiate_exception(vm: &Vm, exc: &PyObjectRef) -> PyResult<PyBaseExceptionRef> {
    if let Some(t) = exc.downcast_ref::<PyType>() {
        if !t.is_subtype(&vm.ctx.exc.base_exception) {
            return Err(vm.new_type_error("exceptions must derive from BaseException"));
        }
        let inst = vm.call(exc, &[])?;
        return inst.downcast::<PyBaseException>().map_err(|o| {
            vm.new_type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                vm.repr_string(exc),
                o.class().name()
            ))
        });
    }
    exc.clone()
        .downcast::<PyBaseException>()
        .map_err(|_| vm.new_type_error("exceptions must derive from BaseException"))
}

/// `except T:` matching, with CPython's TypeError for non-exception classes.
pub fn exception_matches(vm: &Vm, e: &PyObject, t: &PyObject) -> PyResult<bool> {
    let check = |c: &PyObject| -> PyResult<bool> {
        match c.downcast_ref::<PyType>() {
            Some(ct) if ct.is_subtype(&vm.ctx.exc.base_exception) => Ok(e.class().is_subtype(ct)),
            _ => Err(vm.new_type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    };
    if let Some(tup) = t.payload::<PyTuple>() {
        let mut found = false;
        for c in tup.as_slice() {
            if check(c)? {
                found = true;
            }
        }
        return Ok(found);
    }
    check(t)
}

fn setup_annotations(vm: &Vm, f: &Frame) -> PyResult<()> {
    let l = f.locals.clone().unwrap_or_else(|| f.globals.clone().into());
    let key = vm.intern("__annotations__");
    if locals_get(vm, &l, &key)?.is_none() {
        let d: PyObjectRef = vm.new_dict().into();
        if let Some(ld) = l.payload::<PyDict>() {
            ld.set_item_str(vm, &key, d);
        } else {
            vm.setitem(&l, key.into(), d)?;
        }
    }
    Ok(())
}

fn print_expr(vm: &Vm, v: &PyObjectRef) -> PyResult<()> {
    if vm.is_none(v) {
        return Ok(());
    }
    let hook = vm
        .sys_modules
        .get_item_str_opt(&vm.intern("sys"))
        .and_then(|s| {
            s.payload::<PyModule>()
                .and_then(|m| m.dict.get_item_str_opt(&vm.intern("displayhook")))
        });
    if let Some(h) = hook {
        vm.call(&h, &[v.clone()])?;
        return Ok(());
    }
    vm.builtins
        .dict
        .set_item_str(vm, &vm.intern("_"), vm.none());
    let r = vm.repr(v)?;
    vm.write_stdout(r.as_str());
    vm.write_stdout("\n");
    vm.builtins
        .dict
        .set_item_str(vm, &vm.intern("_"), v.clone());
    Ok(())
}

impl Vm {
    /// `SystemError` for states the compiler never produces.
    pub fn new_system_error_msg(&self, msg: &str) -> PyBaseExceptionRef {
        self.new_exception_msg(&self.ctx.exc.system_error, msg)
    }
}

/// Calls `f` with `args` (vectorcall layout) — re-exported for other modules.
pub fn call_args(vm: &Vm, f: &PyObject, args: Args) -> PyResult {
    call::call_object(vm, f, args)
}
