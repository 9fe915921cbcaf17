//! `code` objects: a compiled `mempy_bytecode::CodeObject` plus its constants and
//! names converted to Python objects once, when the code is loaded.

use std::rc::Rc;

use mempy_bytecode::{CodeObject, Constant};

use crate::args::Args;
use crate::heap::{PyObjectRef, PyPayload, PyRef};
use crate::objects::PyStrRef;
use crate::vm::{PyResult, Vm};

pub struct PyCode {
    pub code: Rc<CodeObject>,
    pub consts: Vec<PyObjectRef>,
    /// `names`, interned.
    pub names: Vec<PyStrRef>,
    /// `varnames`, interned (for keyword argument binding).
    pub varnames: Vec<PyStrRef>,
    /// For each cell variable that is also a parameter, the parameter's slot.
    pub cell2arg: Vec<(usize, usize)>,
    /// Emptied fast-locals and value-stack buffers of finished frames of this code,
    /// reused by its next frames (`eval/frame.rs`); they hold no objects.
    pub spare_buffers: std::cell::RefCell<Vec<FrameBuffers>>,
    /// Per name: where `LoadGlobal` last found it (`eval/global_cache.rs`).
    pub global_cache: Box<[std::cell::Cell<crate::eval::global_cache::GlobalCacheEntry>]>,
}

/// A frame's fast locals and value stack (empty while spare).
pub type FrameBuffers = (Vec<Option<PyObjectRef>>, Vec<PyObjectRef>);

impl PyPayload for PyCode {
    const GC: bool = false;
}

/// The literal objects of `code` and of the code objects nested in it, each once:
/// the objects CPython's AST arena keeps a reference to while a program's source
/// runs: ints, floats, complexes, strs, bytes, constant tuples and frozensets and
/// their items (not singletons or code objects; not identifier-like strs either,
/// whose extra reference is the interner's here).
pub fn parser_constants(code: &PyCode) -> Vec<PyObjectRef> {
    fn walk(o: &PyObjectRef, seen: &mut Vec<PyObjectRef>) {
        if let Some(c) = o.payload::<PyCode>() {
            c.consts.iter().for_each(|k| walk(k, seen));
            return;
        }
        if let Some(t) = o.payload::<crate::objects::PyTuple>() {
            t.as_slice().iter().for_each(|k| walk(k, seen));
        } else if let Some(s) = o.payload::<crate::objects::PySet>() {
            s.items().iter().for_each(|k| walk(k, seen));
        }
        if is_literal(o) && !seen.iter().any(|s| s.is(o)) {
            seen.push(o.clone());
        }
    }
    fn is_literal(o: &PyObjectRef) -> bool {
        use crate::objects::{PyBytes, PyFloat, PyInt, PyStr};
        (o.payload::<PyInt>().is_some() && !is_bool(o))
            || o.payload::<PyFloat>().is_some()
            || o.payload::<PyStr>().is_some_and(|s| !s.is_interned())
            || o.payload::<crate::objects::PyTuple>().is_some()
            || o.payload::<crate::objects::PySet>().is_some()
            || o.payload::<PyBytes>().is_some()
            || o.payload::<crate::objects::complex::PyComplex>().is_some()
    }
    fn is_bool(o: &PyObjectRef) -> bool {
        use crate::objects::typeobj::ObjectClass;
        o.class().name().as_str() == "bool"
    }
    let mut seen = Vec::new();
    code.consts.iter().for_each(|k| walk(k, &mut seen));
    seen
}

/// Converts a compile-time constant to an object.
pub fn constant_to_object(vm: &Vm, c: &Constant) -> PyObjectRef {
    match c {
        Constant::None => vm.none(),
        Constant::Bool(b) => vm.new_bool(*b),
        Constant::Int(i) => vm.new_bigint(i.clone()),
        Constant::Float(f) => vm.new_float(*f),
        Constant::Complex { real, imag } => {
            crate::objects::complex::new_complex(vm, (*real, *imag))
        }
        Constant::Str(s) => {
            if s.len() < 40 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                vm.intern(s).into()
            } else {
                vm.new_str(s)
            }
        }
        Constant::Bytes(b) => vm
            .new_object(
                crate::objects::PyBytes { value: b.clone() },
                &vm.ctx.types.bytes_type,
            )
            .into(),
        Constant::Ellipsis => vm.ctx.ellipsis.clone(),
        Constant::Tuple(items) => {
            vm.new_tuple(items.iter().map(|c| constant_to_object(vm, c)).collect())
        }
        Constant::FrozenSet(items) => {
            let items = items.iter().map(|c| constant_to_object(vm, c)).collect();
            crate::objects::set::new_set(vm, items, true).unwrap_or_else(|_| vm.none())
        }
        Constant::Code(code) => new_code(vm, code.clone()).into(),
    }
}

/// Loads a compiled code object into the VM.
pub fn new_code(vm: &Vm, code: Rc<CodeObject>) -> PyRef<PyCode> {
    let consts = code
        .constants
        .iter()
        .map(|c| constant_to_object(vm, c))
        .collect();
    let names: Vec<PyStrRef> = code.names.iter().map(|n| vm.intern(n)).collect();
    let names_len = names.len();
    let varnames = code.varnames.iter().map(|n| vm.intern(n)).collect();
    let nargs = code.total_args();
    let cell2arg = code
        .cellvars
        .iter()
        .enumerate()
        .filter_map(|(ci, name)| {
            code.varnames[..nargs.min(code.varnames.len())]
                .iter()
                .position(|v| v == name)
                .map(|ai| (ci, ai))
        })
        .collect();
    vm.new_object(
        PyCode {
            code,
            consts,
            names,
            varnames,
            cell2arg,
            spare_buffers: Default::default(),
            global_cache: crate::eval::global_cache::new_cache(names_len),
        },
        &vm.ctx.types.code_type,
    )
}

fn code_repr(vm: &Vm, args: Args) -> PyResult {
    let c = args.args[0]
        .payload::<PyCode>()
        .ok_or_else(|| vm.new_type_error("code expected"))?;
    Ok(vm.new_string(format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        c.code.name,
        args.args[0].addr(),
        c.code.filename,
        c.code.first_line
    )))
}

fn get_name(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_str(
        &o.payload::<PyCode>()
            .map(|c| c.code.name.clone())
            .unwrap_or_default(),
    ))
}
fn get_qualname(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_str(
        &o.payload::<PyCode>()
            .map(|c| c.code.qualname.clone())
            .unwrap_or_default(),
    ))
}
fn get_filename(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_str(
        &o.payload::<PyCode>()
            .map(|c| c.code.filename.clone())
            .unwrap_or_default(),
    ))
}
fn get_firstlineno(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyCode>()
            .map(|c| c.code.first_line as i64)
            .unwrap_or(0),
    ))
}
fn get_argcount(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyCode>()
            .map(|c| c.code.argcount as i64)
            .unwrap_or(0),
    ))
}
fn get_varnames(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    let c = o
        .payload::<PyCode>()
        .ok_or_else(|| vm.new_type_error("code expected"))?;
    Ok(vm.new_tuple(c.varnames.iter().map(|v| v.clone().into()).collect()))
}
fn get_consts(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    let c = o
        .payload::<PyCode>()
        .ok_or_else(|| vm.new_type_error("code expected"))?;
    Ok(vm.new_tuple(c.consts.clone()))
}
fn get_flags(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyCode>()
            .map(|c| c.code.flags.0 as i64)
            .unwrap_or(0),
    ))
}

fn get_kwonlyargcount(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyCode>()
            .map(|c| c.code.kwonlyargcount as i64)
            .unwrap_or(0),
    ))
}
fn get_posonlyargcount(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyCode>()
            .map(|c| c.code.posonlyargcount as i64)
            .unwrap_or(0),
    ))
}
fn get_nlocals(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    Ok(vm.new_int(
        o.payload::<PyCode>()
            .map(|c| c.code.varnames.len() as i64)
            .unwrap_or(0),
    ))
}
fn str_tuple(vm: &Vm, items: &[String]) -> PyObjectRef {
    vm.new_tuple(items.iter().map(|s| vm.intern(s).into()).collect())
}
fn get_cellvars(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    let c = o
        .payload::<PyCode>()
        .ok_or_else(|| vm.new_type_error("code expected"))?;
    Ok(str_tuple(vm, &c.code.cellvars))
}
fn get_freevars(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    let c = o
        .payload::<PyCode>()
        .ok_or_else(|| vm.new_type_error("code expected"))?;
    Ok(str_tuple(vm, &c.code.freevars))
}
fn get_names(vm: &Vm, o: &crate::heap::PyObject) -> PyResult {
    let c = o
        .payload::<PyCode>()
        .ok_or_else(|| vm.new_type_error("code expected"))?;
    Ok(str_tuple(vm, &c.code.names))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.code_type;
    vm.add_getset(t, "co_kwonlyargcount", get_kwonlyargcount, None);
    vm.add_getset(t, "co_posonlyargcount", get_posonlyargcount, None);
    vm.add_getset(t, "co_nlocals", get_nlocals, None);
    vm.add_getset(t, "co_cellvars", get_cellvars, None);
    vm.add_getset(t, "co_freevars", get_freevars, None);
    vm.add_getset(t, "co_names", get_names, None);
    vm.add_methods(t, &[("__repr__", code_repr)]);
    vm.add_getset(t, "co_name", get_name, None);
    vm.add_getset(t, "co_qualname", get_qualname, None);
    vm.add_getset(t, "co_filename", get_filename, None);
    vm.add_getset(t, "co_firstlineno", get_firstlineno, None);
    vm.add_getset(t, "co_argcount", get_argcount, None);
    vm.add_getset(t, "co_varnames", get_varnames, None);
    vm.add_getset(t, "co_consts", get_consts, None);
    vm.add_getset(t, "co_flags", get_flags, None);
}
