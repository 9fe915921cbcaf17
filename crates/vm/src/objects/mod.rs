//! Python types: one file per type, safe code only.
//!
//! # How to define a type
//! 1. Write the payload struct in `objects/<name>.rs` and implement
//!    [`PyPayload`](crate::heap::PyPayload) for it (`const GC: bool`: true for
//!    containers that may hold other objects). Implement `Traverse` for it in
//!    `heap/traverse.rs` (the audited list; a no-op `leaf!` entry for non-containers).
//! 2. Add a field for the type object to [`Types`] below and create it in
//!    `Types::new` with `new_static_type::<Payload>("name", base)`.
//! 3. Register methods in your file's `init(vm)` function (called from
//!    `Vm::new`, see `init_all` below):
//!    `vm.add_methods(&vm.ctx.types.list_type, &[("append", list_append), ...])` where each
//!    method is a [`NativeFn`](crate::args::NativeFn):
//!    `fn list_append(vm: &Vm, args: Args) -> PyResult` with `args.args[0]` the
//!    receiver. Properties: `vm.add_getset(&typ, "name", getter, Some(setter))`.
//!    Dunder methods (`__len__`, `__add__`...) are registered the same way; the
//!    protocol functions in `protocol.rs` call them for subclasses and fall back to
//!    direct Rust fast paths for the exact builtin types.
//! 4. Create objects with `vm.new_object(payload, &vm.ctx.types.x_type)` (typed handle
//!    `PyRef<T>`) and convert with `.into()` to a `PyObjectRef`.
//!
//! Downcasting: `obj.payload::<PyList>()` (`Option<&PyList>`), `obj.downcast_ref::<PyList>()`
//! (`Option<&Py<PyList>>`), `obj.clone().downcast::<PyList>()` (`Result<PyRef<PyList>, _>`).
//! Type checks: `obj.class().is(&vm.ctx.types.int_type)` for exact types,
//! `vm.isinstance(obj, &typ)` for subclasses.

pub mod bytearray;
pub mod bytes;
pub mod cell;
pub mod code;
pub mod complex;
pub mod descriptor;
pub mod dict;
pub mod exception;
pub mod float;
pub mod frame;
pub mod function;
pub mod generator;
pub mod genericalias;
pub mod int;
pub mod iter;
pub mod list;
pub mod module;
pub mod object;
pub mod range;
pub mod set;
pub mod singletons;
pub mod slice;
pub mod str;
pub mod tuple;
pub mod typeobj;
pub mod weakref;

use crate::heap::{PyObjectRef, PyRef};

pub use bytearray::PyByteArray;
pub use bytes::PyBytes;
pub use cell::PyCell;
pub use code::PyCode;
pub use complex::PyComplex;
pub use descriptor::{
    PyBoundMethod, PyBuiltinFunction, PyClassMethod, PyGetSet, PyMethodDescr, PyProperty,
    PyStaticMethod,
};
pub use dict::{PyDict, PyDictRef};
pub use exception::{PyBaseException, PyBaseExceptionRef};
pub use float::PyFloat;
pub use frame::{PyFrame, PyTraceback};
pub use function::PyFunction;
pub use generator::PyGenerator;
pub use int::PyInt;
pub use list::PyList;
pub use module::PyModule;
pub use object::PyBaseObject;
pub use range::PyRange;
pub use set::PySet;
pub use singletons::{PyEllipsis, PyNone, PyNotImplemented};
pub use slice::PySlice;
pub use str::{PyStr, PyStrRef};
pub use tuple::{PyTuple, PyTupleRef};
pub use typeobj::{PyType, PyTypeRef};

pub type PyListRef = PyRef<PyList>;

/// All builtin type objects, created once per VM.
pub struct Types {
    pub type_type: PyTypeRef,
    pub object_type: PyTypeRef,
    pub int_type: PyTypeRef,
    pub bool_type: PyTypeRef,
    pub float_type: PyTypeRef,
    pub complex_type: PyTypeRef,
    pub str_type: PyTypeRef,
    pub bytes_type: PyTypeRef,
    pub bytearray_type: PyTypeRef,
    pub list_type: PyTypeRef,
    pub tuple_type: PyTypeRef,
    pub dict_type: PyTypeRef,
    pub set_type: PyTypeRef,
    pub frozenset_type: PyTypeRef,
    pub none_type: PyTypeRef,
    pub notimplemented_type: PyTypeRef,
    pub ellipsis_type: PyTypeRef,
    pub range_type: PyTypeRef,
    pub slice_type: PyTypeRef,
    pub function_type: PyTypeRef,
    pub builtin_function_type: PyTypeRef,
    pub method_descriptor_type: PyTypeRef,
    pub wrapper_descriptor_type: PyTypeRef,
    pub bound_method_type: PyTypeRef,
    pub method_wrapper_type: PyTypeRef,
    pub getset_type: PyTypeRef,
    pub property_type: PyTypeRef,
    pub staticmethod_type: PyTypeRef,
    pub classmethod_type: PyTypeRef,
    pub code_type: PyTypeRef,
    pub cell_type: PyTypeRef,
    pub module_type: PyTypeRef,
    pub generator_type: PyTypeRef,
    pub frame_type: PyTypeRef,
    pub traceback_type: PyTypeRef,
    pub super_type: PyTypeRef,
    pub mappingproxy_type: PyTypeRef,
    pub list_iterator_type: PyTypeRef,
    pub list_reverseiterator_type: PyTypeRef,
    pub tuple_iterator_type: PyTypeRef,
    pub str_iterator_type: PyTypeRef,
    pub bytes_iterator_type: PyTypeRef,
    pub bytearray_iterator_type: PyTypeRef,
    pub range_iterator_type: PyTypeRef,
    pub set_iterator_type: PyTypeRef,
    pub dict_keyiterator_type: PyTypeRef,
    pub dict_valueiterator_type: PyTypeRef,
    pub dict_itemiterator_type: PyTypeRef,
    pub dict_keys_type: PyTypeRef,
    pub dict_values_type: PyTypeRef,
    pub dict_items_type: PyTypeRef,
    pub callable_iterator_type: PyTypeRef,
    pub seq_iterator_type: PyTypeRef,
    pub enumerate_type: PyTypeRef,
    pub zip_type: PyTypeRef,
    pub map_type: PyTypeRef,
    pub filter_type: PyTypeRef,
    pub reversed_type: PyTypeRef,
    pub text_io_type: PyTypeRef,
    pub member_descriptor_type: PyTypeRef,
}

impl Types {
    pub(crate) fn new() -> Types {
        use self::typeobj::{new_static_type as st, new_type_type};
        use crate::heap::vtable_of;
        use iter::*;
        let type_type = new_type_type();
        let object_type = typeobj::new_object_type(&type_type);
        let o = Some(&object_type);
        let int_type = st::<PyInt>(&type_type, "int", o, true);
        let bool_type = typeobj::new_static_type_vt(
            &type_type,
            "bool",
            Some(&int_type),
            false,
            vtable_of::<PyInt>(),
        );
        let list_type = st::<PyList>(&type_type, "list", o, true);
        let tuple_type = st::<PyTuple>(&type_type, "tuple", o, true);
        let dict_type = st::<PyDict>(&type_type, "dict", o, true);
        let set_type = st::<PySet>(&type_type, "set", o, true);
        let frozenset_type = st::<PySet>(&type_type, "frozenset", o, true);
        let it = |name: &str| st::<PySeqIter>(&type_type, name, Some(&object_type), false);
        Types {
            float_type: st::<PyFloat>(&type_type, "float", o, true),
            complex_type: st::<PyComplex>(&type_type, "complex", o, true),
            str_type: st::<PyStr>(&type_type, "str", o, true),
            bytes_type: st::<PyBytes>(&type_type, "bytes", o, true),
            bytearray_type: st::<PyByteArray>(&type_type, "bytearray", o, true),
            none_type: st::<PyNone>(&type_type, "NoneType", o, false),
            notimplemented_type: st::<PyNotImplemented>(&type_type, "NotImplementedType", o, false),
            ellipsis_type: st::<PyEllipsis>(&type_type, "ellipsis", o, false),
            range_type: st::<PyRange>(&type_type, "range", o, false),
            slice_type: st::<PySlice>(&type_type, "slice", o, false),
            function_type: st::<PyFunction>(&type_type, "function", o, false),
            builtin_function_type: st::<PyBuiltinFunction>(
                &type_type,
                "builtin_function_or_method",
                o,
                false,
            ),
            method_descriptor_type: st::<PyMethodDescr>(&type_type, "method_descriptor", o, false),
            wrapper_descriptor_type: st::<PyMethodDescr>(
                &type_type,
                "wrapper_descriptor",
                o,
                false,
            ),
            bound_method_type: st::<PyBoundMethod>(&type_type, "method", o, false),
            method_wrapper_type: st::<PyBuiltinFunction>(&type_type, "method-wrapper", o, false),
            getset_type: st::<PyGetSet>(&type_type, "getset_descriptor", o, false),
            property_type: st::<PyProperty>(&type_type, "property", o, true),
            staticmethod_type: st::<PyStaticMethod>(&type_type, "staticmethod", o, true),
            classmethod_type: st::<PyClassMethod>(&type_type, "classmethod", o, true),
            code_type: st::<PyCode>(&type_type, "code", o, false),
            cell_type: st::<PyCell>(&type_type, "cell", o, false),
            module_type: st::<PyModule>(&type_type, "module", o, true),
            generator_type: st::<PyGenerator>(&type_type, "generator", o, false),
            frame_type: st::<PyFrame>(&type_type, "frame", o, false),
            traceback_type: st::<PyTraceback>(&type_type, "traceback", o, false),
            super_type: st::<PySuper>(&type_type, "super", o, true),
            mappingproxy_type: st::<PyMappingProxy>(&type_type, "mappingproxy", o, false),
            list_iterator_type: it("list_iterator"),
            list_reverseiterator_type: it("list_reverseiterator"),
            tuple_iterator_type: it("tuple_iterator"),
            str_iterator_type: it("str_ascii_iterator"),
            bytes_iterator_type: it("bytes_iterator"),
            bytearray_iterator_type: it("bytearray_iterator"),
            range_iterator_type: st::<PyRangeIter>(&type_type, "range_iterator", o, false),
            set_iterator_type: it("set_iterator"),
            dict_keyiterator_type: it("dict_keyiterator"),
            dict_valueiterator_type: it("dict_valueiterator"),
            dict_itemiterator_type: it("dict_itemiterator"),
            dict_keys_type: st::<PyDictView>(&type_type, "dict_keys", o, false),
            dict_values_type: st::<PyDictView>(&type_type, "dict_values", o, false),
            dict_items_type: st::<PyDictView>(&type_type, "dict_items", o, false),
            callable_iterator_type: st::<PyCallableIter>(&type_type, "callable_iterator", o, false),
            seq_iterator_type: it("iterator"),
            enumerate_type: st::<PyEnumerate>(&type_type, "enumerate", o, true),
            zip_type: st::<PyZip>(&type_type, "zip", o, true),
            map_type: st::<PyMap>(&type_type, "map", o, true),
            filter_type: st::<PyFilter>(&type_type, "filter", o, true),
            reversed_type: st::<PySeqIter>(&type_type, "reversed", o, true),
            member_descriptor_type: st::<descriptor::PyMemberDescr>(
                &type_type,
                "member_descriptor",
                o,
                false,
            ),
            text_io_type: st::<crate::modules::io::PyTextIO>(&type_type, "TextIOWrapper", o, false),
            int_type,
            bool_type,
            list_type,
            tuple_type,
            dict_type,
            set_type,
            frozenset_type,
            object_type,
            type_type,
        }
    }
}

pub use iter::{
    PyCallableIter, PyDictView, PyEnumerate, PyFilter, PyMap, PyRangeIter, PySeqIter, PyZip,
};
pub use typeobj::{PyMappingProxy, PySuper};

/// Registers the methods of every builtin type (called once by `Vm::new`).
pub(crate) fn init_all(vm: &crate::vm::Vm) {
    typeobj::init(vm);
    object::init(vm);
    int::init(vm);
    float::init(vm);
    complex::init(vm);
    str::init(vm);
    bytes::init(vm);
    bytearray::init(vm);
    list::init(vm);
    tuple::init(vm);
    dict::init(vm);
    set::init(vm);
    singletons::init(vm);
    range::init(vm);
    slice::init(vm);
    function::init(vm);
    descriptor::init(vm);
    code::init(vm);
    cell::init(vm);
    module::init(vm);
    exception::init(vm);
    iter::init(vm);
    generator::init(vm);
    frame::init(vm);
    genericalias::init(vm);
}

/// Convenience: anything that can become a `PyObjectRef`.
pub trait IntoPyObject {
    fn into_pyobject(self, vm: &crate::vm::Vm) -> PyObjectRef;
}
