//! The object header, the gc pre-header and the per-payload vtable.
//!
//! Memory layout of one object (one block of the allocator's object domain):
//!
//! ```text
//!   gc types only:  [ GcLinks: next, prev|flags ]  16 bytes, BEFORE the object
//!   object address: [ ObjectHeader: refcnt, type ] 16 bytes (id() is this address)
//!                   [ payload T ... ]
//! ```
//!
//! The header is CPython's `PyObject` (`ob_refcnt`, `ob_type`); the payload's vtable
//! (drop, traverse, clear, dict access) is reached through the type object, whose
//! payload starts with a [`TypeCore`]. `GcLinks` is CPython's `PyGC_Head`: `next` is 0
//! while the object is untracked; `prev` holds the previous link with two flag bits
//! (bit 0 FINALIZED, bit 1 COLLECTING) and, during a collection, `gc_refs` above them.
//! This file owns layouts only; `raw.rs` owns the pointer arithmetic and `mod.rs` the
//! generation lists. Read `handle.rs` next.
#![allow(unsafe_code)]

use std::any::TypeId;
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

use super::handle::{PyObject, PyObjectRef};
use super::traverse::{Traverse, Visitor};

/// CPython's `PyGC_Head`, placed immediately before the object header of gc types.
#[repr(C)]
pub struct GcLinks {
    /// Address of the next `GcLinks` in the generation list; 0 when untracked.
    pub(crate) next: Cell<usize>,
    /// Address of the previous `GcLinks` with flag bits in the low two bits.
    pub(crate) prev: Cell<usize>,
}

/// `prev` bit: the object's `__del__` has run (PEP 442, at most once per object).
pub const GC_FINALIZED: usize = 1;
/// `prev` bit: the object is part of the generation being collected.
pub const GC_COLLECTING: usize = 2;
/// Mask of the flag bits in `prev`.
pub const GC_FLAG_MASK: usize = 3;
/// Size of the gc pre-header.
pub const GC_HEADER_SIZE: usize = std::mem::size_of::<GcLinks>();

impl GcLinks {
    pub(crate) const fn new() -> GcLinks {
        GcLinks {
            next: Cell::new(0),
            prev: Cell::new(0),
        }
    }

    pub fn is_tracked(&self) -> bool {
        self.next.get() != 0
    }

    pub fn flags(&self) -> usize {
        self.prev.get() & GC_FLAG_MASK
    }

    pub fn set_flag(&self, flag: usize, on: bool) {
        let p = self.prev.get();
        self.prev.set(if on { p | flag } else { p & !flag });
    }
}

/// CPython's `PyObject`: the 16 bytes every object starts with.
#[repr(C)]
pub struct ObjectHeader {
    pub(crate) refcnt: Cell<usize>,
    /// The type object. Owned (one reference) when the type is a heap type, borrowed
    /// for static builtin types, which live as long as the VM.
    pub(crate) typ: Cell<NonNull<PyObject>>,
}

/// The slot an object keeps its `__dict__` in (untyped here; `objects` stores a dict).
pub type DictSlot = RefCell<Option<PyObjectRef>>;

/// One `__slots__` value of an instance (None while unset).
pub type SlotCell = RefCell<Option<PyObjectRef>>;

/// What the heap needs to know about a payload type, one static table per Rust type.
pub struct VTable {
    /// Rust type of the payload; for `WithExt<T>` payloads the `TypeId` of `T`, so a
    /// downcast to `T` succeeds (the ext payload starts with a `T`).
    pub base_type_id: TypeId,
    /// Rust type name (debug output).
    pub name: &'static str,
    /// Whether objects carry the gc pre-header.
    pub gc: bool,
    /// Size of header + payload in bytes.
    pub size: usize,
    /// Drops the payload in place.
    pub drop: unsafe fn(NonNull<PyObject>),
    /// Visits owned children (see `traverse.rs`).
    pub traverse: unsafe fn(&PyObject, &mut Visitor<'_>),
    /// Moves out the references a cycle may run through (CPython `tp_clear`).
    pub clear: unsafe fn(&PyObject, &mut Vec<PyObjectRef>),
    /// The instance `__dict__` slot, if the payload has one.
    pub dict: unsafe fn(&PyObject) -> Option<&DictSlot>,
    /// The `__slots__` values, for instances of classes with `__slots__`.
    pub slots: unsafe fn(&PyObject) -> Option<&[SlotCell]>,
}

/// A Rust type that can be the payload of a Python object.
///
/// Implement it in `objects/<type>.rs`; implement [`Traverse`] for it in
/// `heap/traverse.rs` (the audited list).
pub trait PyPayload: Traverse + Sized + 'static {
    /// Whether objects of this payload are gc-capable (carry the pre-header and are
    /// tracked from creation).
    const GC: bool;

    /// Base payload a downcast to which must also succeed (overridden by `WithExt`).
    fn base_type_id() -> TypeId {
        TypeId::of::<Self>()
    }

    /// Moves out child references that may form cycles (CPython `tp_clear`).
    fn clear(&self, _out: &mut Vec<PyObjectRef>) {}

    /// The `__dict__` slot of this payload, if any.
    fn dict_slot(&self) -> Option<&DictSlot> {
        None
    }
}

/// The prefix of every type object's payload: what `drop_slow` needs from a type.
#[repr(C)]
pub struct TypeCore {
    /// The vtable of the payload of this type's instances.
    pub vtable: Cell<&'static VTable>,
    /// True for classes created at run time (`class` statements): their instances own
    /// a reference to them.
    pub heap_type: bool,
    /// True when the type defines `__del__` (checked by `drop_slow`).
    pub has_finalizer: Cell<bool>,
}

impl TypeCore {
    pub fn new(vtable: &'static VTable, heap_type: bool) -> TypeCore {
        TypeCore {
            vtable: Cell::new(vtable),
            heap_type,
            has_finalizer: Cell::new(false),
        }
    }
}
