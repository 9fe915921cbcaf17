//! Struct sequences: tuple subclasses whose items also have names, CPython's
//! `PyStructSequence` (`sys.version_info`, `sys.float_info`, `time.struct_time`).
//! The payload is a plain `PyTuple`, so indexing, slicing, comparison and hashing are
//! the tuple's; each field is a getset reading one item, and `__repr__` prints
//! `module.name(field=value, ...)`.

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef};
use crate::objects::descriptor::GetterFn;
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyStr, PyTuple, PyTypeRef};
use crate::vm::{PyResult, Vm};

fn field(vm: &Vm, o: &PyObject, i: usize) -> PyResult {
    o.payload::<PyTuple>()
        .and_then(|t| t.as_slice().get(i).cloned())
        .ok_or_else(|| vm.new_attribute_error("struct sequence field out of range"))
}

macro_rules! getters {
    ($($i:literal),*) => {
        [$({
            fn g(vm: &Vm, o: &PyObject) -> PyResult {
                field(vm, o, $i)
            }
            g as GetterFn
        }),*]
    };
}

const GETTERS: [GetterFn; 12] = getters!(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

fn structseq_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let cls = o.class().to_owned();
    let module = cls
        .lookup(&vm.intern("__module__"))
        .and_then(|m| m.payload::<PyStr>().map(|s| s.as_str().to_string()));
    let fields = cls
        .lookup(&vm.intern("_fields"))
        .map(|f| vm.iterate(&f))
        .transpose()?
        .unwrap_or_default();
    let items = o
        .payload::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    let mut out = String::new();
    if let Some(m) = module {
        out.push_str(&m);
        out.push('.');
    }
    out.push_str(&cls.name());
    out.push('(');
    for (i, (f, v)) in fields.iter().zip(items.iter()).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&vm.str_of(f)?);
        out.push('=');
        out.push_str(vm.repr(v)?.as_str());
    }
    out.push(')');
    Ok(vm.new_string(out))
}

/// A new struct sequence type `module.name` with the given field names (at most 12).
pub fn new_type(vm: &Vm, module: &str, name: &str, fields: &[&'static str]) -> PyTypeRef {
    let t = crate::objects::typeobj::new_static_type::<PyTuple>(
        &vm.ctx.types.type_type,
        name,
        Some(&vm.ctx.types.tuple_type),
        false,
    );
    vm.add_methods(&t, &[("__repr__", structseq_repr)]);
    for (i, f) in fields.iter().enumerate().take(GETTERS.len()) {
        vm.add_getset(&t, f, GETTERS[i], None);
    }
    vm.add_attr(&t, "__module__", vm.new_str(module));
    vm.add_attr(
        &t,
        "_fields",
        vm.new_tuple(fields.iter().map(|f| vm.new_str(f)).collect()),
    );
    vm.add_attr(&t, "n_sequence_fields", vm.new_int(fields.len() as i64));
    vm.add_attr(&t, "n_fields", vm.new_int(fields.len() as i64));
    // Instances of static types hold no reference to their type, so the type must be
    // immortal like every other static type: one reference is never released.
    std::mem::forget(t.clone());
    t
}

/// An instance of a struct sequence type.
pub fn new(vm: &Vm, typ: &PyTypeRef, items: Vec<PyObjectRef>) -> PyObjectRef {
    vm.new_object(PyTuple::new(items), typ).into()
}
