//! Handles to Python objects: the only way safe code touches the heap.
//!
//! | kind | type | owns a reference? | what it is for |
//! |------|------|-------------------|----------------|
//! | raw pointer | [`RawObj`] | no (Copy) | gc generation lists, the trashcan queue; every use is `unsafe` or heap-private |
//! | owning handle | [`PyObjectRef`] | yes: `clone` = incref, `drop` = decref | values on the stack, in containers, in locals |
//! | typed owning handle | [`PyRef<T>`] | yes | a `PyObjectRef` whose payload is known to be `T` (checked downcast) |
//! | borrowed view | `&`[`PyObject`] | no, borrows a handle | call arguments and protocol functions: no refcount churn |
//! | typed borrowed view | `&`[`Py<T>`] | no | methods of a payload type: `self` of a builtin method |
//!
//! A `PyObjectRef` is one pointer wide (`Option<PyObjectRef>` too) and points at the
//! object header, which is the address `id()` reports. When the last owning handle is
//! dropped the count reaches zero and the cold `raw::drop_slow` runs: `__del__` (via the
//! finalizer hook), untrack from the gc, drop the payload (children cascade through
//! the trashcan queue, so deep structures never recurse natively), free the block.
//! Handles are neither `Send` nor `Sync`: the VM is single-threaded and the counts are
//! plain cells. Read `raw.rs` for allocation and destruction, `traverse.rs` for the gc
//! contract.
#![allow(unsafe_code)]

use std::any::TypeId;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;

use super::header::{DictSlot, GcLinks, ObjectHeader, PyPayload, TypeCore, VTable};
use super::raw;

/// An object of unknown payload: the header, followed in memory by the payload.
/// Only ever seen behind a reference or a handle.
#[repr(C)]
pub struct PyObject {
    pub(crate) header: ObjectHeader,
}

/// An object whose payload is `T`. `&Py<T>` is the typed borrowed view.
#[repr(C)]
pub struct Py<T> {
    pub(crate) header: ObjectHeader,
    pub(crate) payload: T,
}

impl PyObject {
    /// The type object (borrowed).
    #[inline]
    pub fn class_obj(&self) -> &PyObject {
        // SAFETY: `typ` always points at a live type object: instances of heap types
        // own a reference to it and static types outlive every object.
        unsafe { self.header.typ.get().as_ref() }
    }

    /// The `TypeCore` prefix of this object's type.
    #[inline]
    pub(crate) fn type_core(&self) -> &TypeCore {
        // SAFETY: every type object has a payload that starts with `TypeCore`
        // (`PyType` is `repr(C)` with `core` first), so the prefix cast is valid.
        unsafe { &(*(self.header.typ.get().as_ptr() as *const Py<TypeCore>)).payload }
    }

    /// The payload vtable (from the type).
    #[inline]
    pub fn vtable(&self) -> &'static VTable {
        self.type_core().vtable.get()
    }

    /// True if the payload is a `T` (or starts with one, for `WithExt<T>`).
    #[inline]
    pub fn has_payload<T: PyPayload>(&self) -> bool {
        self.vtable().base_type_id == TypeId::of::<T>()
    }

    /// Checked downcast to the typed view.
    #[inline]
    pub fn downcast_ref<T: PyPayload>(&self) -> Option<&Py<T>> {
        if self.has_payload::<T>() {
            // SAFETY: the payload is a `T` or a `repr(C)` struct starting with a `T`.
            Some(unsafe { &*(self as *const PyObject as *const Py<T>) })
        } else {
            None
        }
    }

    /// Checked access to the payload.
    #[inline]
    pub fn payload<T: PyPayload>(&self) -> Option<&T> {
        self.downcast_ref::<T>().map(|p| &p.payload)
    }

    /// The current reference count.
    #[inline]
    pub fn refcount(&self) -> usize {
        self.header.refcnt.get()
    }

    /// The object's address, what `id()` returns.
    #[inline]
    pub fn addr(&self) -> usize {
        self as *const PyObject as usize
    }

    /// Identity (`is`).
    #[inline]
    pub fn is(&self, other: &PyObject) -> bool {
        std::ptr::eq(self, other)
    }

    /// A new owning handle (incref).
    #[inline]
    pub fn to_owned(&self) -> PyObjectRef {
        self.header.refcnt.set(self.header.refcnt.get() + 1);
        PyObjectRef {
            ptr: NonNull::from(self),
            _not_send: PhantomData,
        }
    }

    /// The gc pre-header, for gc-capable objects.
    pub fn gc_links(&self) -> Option<&GcLinks> {
        if self.vtable().gc {
            // SAFETY: gc-capable objects are allocated with a `GcLinks` right before
            // the header (see `raw::alloc_object`).
            Some(unsafe { &*raw::links_of(NonNull::from(self)) })
        } else {
            None
        }
    }

    /// The `__dict__` slot, if this object's payload has one.
    pub fn dict_slot(&self) -> Option<&DictSlot> {
        // SAFETY: the vtable belongs to this object's payload type.
        unsafe { (self.vtable().dict)(self) }
    }

    /// Replaces the type (`obj.__class__ = C`); the caller checks layouts match.
    pub fn set_class(&self, new_type: PyObjectRef) -> bool {
        let new_core = new_type.type_core_of_type();
        if !super::raw::same_vtable(new_core.vtable.get(), self.vtable()) {
            return false;
        }
        let old_heap = self.type_core().heap_type;
        let old = self.header.typ.get();
        if new_core.heap_type {
            self.header.typ.set(new_type.into_raw());
        } else {
            self.header.typ.set(NonNull::from(&*new_type));
        }
        if old_heap {
            // SAFETY: an instance of a heap type owned one reference to it.
            drop(unsafe { PyObjectRef::from_raw(old) });
        }
        true
    }

    /// Reads this object, which must be a type object, as a `TypeCore`.
    pub(crate) fn type_core_of_type(&self) -> &TypeCore {
        // SAFETY: callers only pass type objects, whose payload starts with `TypeCore`;
        // checked in debug builds through the type's own vtable size.
        unsafe { &(*(self as *const PyObject as *const Py<TypeCore>)).payload }
    }
}

impl fmt::Debug for PyObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} object at {:#x}>", self.vtable().name, self.addr())
    }
}

impl<T> Py<T> {
    /// The untyped view.
    #[inline]
    pub fn as_object(&self) -> &PyObject {
        // SAFETY: `Py<T>` starts with the header, like `PyObject`.
        unsafe { &*(self as *const Py<T> as *const PyObject) }
    }
}

impl<T: PyPayload> Py<T> {
    /// A new typed owning handle (incref).
    #[inline]
    pub fn to_owned(&self) -> PyRef<T> {
        PyRef {
            obj: self.as_object().to_owned(),
            _t: PhantomData,
        }
    }
}

impl<T> Deref for Py<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        &self.payload
    }
}

/// An owning, untyped handle: one reference.
pub struct PyObjectRef {
    ptr: NonNull<PyObject>,
    _not_send: PhantomData<*const PyObject>,
}

impl PyObjectRef {
    /// Takes over a reference counted in `ptr` (from `into_raw` or a fresh allocation).
    ///
    /// # Safety
    /// `ptr` must point at a live object and the caller must own one reference to it,
    /// which the new handle now owns.
    #[inline]
    pub unsafe fn from_raw(ptr: NonNull<PyObject>) -> PyObjectRef {
        PyObjectRef {
            ptr,
            _not_send: PhantomData,
        }
    }

    /// Gives up the handle without decrementing; the reference must be re-owned with
    /// `from_raw`.
    #[inline]
    pub fn into_raw(self) -> NonNull<PyObject> {
        let p = self.ptr;
        std::mem::forget(self);
        p
    }

    /// Checked downcast to a typed handle.
    #[inline]
    pub fn downcast<T: PyPayload>(self) -> Result<PyRef<T>, PyObjectRef> {
        if self.has_payload::<T>() {
            Ok(PyRef {
                obj: self,
                _t: PhantomData,
            })
        } else {
            Err(self)
        }
    }

    /// Downcast of a borrowed handle to a typed handle (incref on success).
    #[inline]
    pub fn downcast_cloned<T: PyPayload>(&self) -> Option<PyRef<T>> {
        if self.has_payload::<T>() {
            Some(PyRef {
                obj: self.clone(),
                _t: PhantomData,
            })
        } else {
            None
        }
    }

    #[inline]
    pub fn as_object(&self) -> &PyObject {
        self
    }

    #[inline]
    pub fn raw(&self) -> RawObj {
        RawObj(self.ptr)
    }
}

impl Clone for PyObjectRef {
    #[inline]
    fn clone(&self) -> PyObjectRef {
        (**self).to_owned()
    }
}

impl Drop for PyObjectRef {
    #[inline]
    fn drop(&mut self) {
        let header = &(**self).header;
        let n = header.refcnt.get() - 1;
        header.refcnt.set(n);
        if n == 0 {
            // SAFETY: the count just reached zero: no other handle exists, so the
            // object may be destroyed.
            unsafe { raw::drop_slow(self.ptr) }
        }
    }
}

impl Deref for PyObjectRef {
    type Target = PyObject;
    #[inline]
    fn deref(&self) -> &PyObject {
        // SAFETY: a handle keeps its object alive.
        unsafe { self.ptr.as_ref() }
    }
}

impl fmt::Debug for PyObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl AsRef<PyObject> for PyObjectRef {
    fn as_ref(&self) -> &PyObject {
        self
    }
}

/// An owning handle whose payload is known to be `T`.
pub struct PyRef<T> {
    obj: PyObjectRef,
    _t: PhantomData<T>,
}

impl<T: PyPayload> PyRef<T> {
    /// # Safety
    /// `obj`'s payload must be a `T` (or start with one).
    pub(crate) unsafe fn from_obj_unchecked(obj: PyObjectRef) -> PyRef<T> {
        PyRef {
            obj,
            _t: PhantomData,
        }
    }

    #[inline]
    pub fn into_object(self) -> PyObjectRef {
        self.obj
    }

    #[inline]
    pub fn as_object(&self) -> &PyObjectRef {
        &self.obj
    }
}

impl<T> Clone for PyRef<T> {
    #[inline]
    fn clone(&self) -> PyRef<T> {
        PyRef {
            obj: self.obj.clone(),
            _t: PhantomData,
        }
    }
}

impl<T> Deref for PyRef<T> {
    type Target = Py<T>;
    #[inline]
    fn deref(&self) -> &Py<T> {
        // SAFETY: the downcast that created this handle checked the payload type.
        unsafe { &*(self.obj.ptr.as_ptr() as *const Py<T>) }
    }
}

impl<T> fmt::Debug for PyRef<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.obj.fmt(f)
    }
}

impl<T> From<PyRef<T>> for PyObjectRef {
    #[inline]
    fn from(r: PyRef<T>) -> PyObjectRef {
        r.obj
    }
}

/// A raw, non-owning, copyable object pointer (gc lists, trashcan queue).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct RawObj(pub(crate) NonNull<PyObject>);

impl RawObj {
    /// # Safety
    /// The object must still be alive for the returned lifetime.
    pub unsafe fn as_ref<'a>(self) -> &'a PyObject {
        // SAFETY: guaranteed by the caller.
        unsafe { self.0.as_ref() }
    }

    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }
}
