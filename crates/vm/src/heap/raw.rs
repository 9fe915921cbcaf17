//! Allocation and destruction of objects: the pointer arithmetic of the layout in
//! `header.rs`, the vtable of each payload type, and `drop_slow`.
//!
//! `drop_slow` is the dealloc path, in this order: run `__del__` once through the
//! finalizer hook (the object may be resurrected), defer if the destruction nesting is
//! too deep (trashcan), untrack from the gc, drop the payload in place (children are
//! released and may cascade), free the block, release the type of a heap-type
//! instance. The trashcan queue is drained when the outermost `drop_slow` finishes, so
//! destroying a million-node linked list uses a bounded native stack.
#![allow(unsafe_code)]

use std::any::TypeId;
use std::cell::Cell;
use std::ptr::NonNull;

use super::handle::{Py, PyObject, PyObjectRef, PyRef};
use super::header::{
    DictSlot, GcLinks, ObjectHeader, PyPayload, SlotCell, VTable, GC_FINALIZED, GC_HEADER_SIZE,
};
use super::traverse::Visitor;
use super::{with_heap, Domain};
use crate::objects::PyDict;

/// How deep nested destructions may go before further ones are queued.
const TRASHCAN_DEPTH: u32 = 50;

/// True when two vtables describe the same payload layout. Vtables are promoted
/// constants whose addresses are not unique across codegen units, so they are
/// compared by content, never with `ptr::eq`.
#[inline]
pub fn same_vtable(a: &VTable, b: &VTable) -> bool {
    a.base_type_id == b.base_type_id && a.size == b.size && a.gc == b.gc
}

/// The vtable of payload type `T` (one static table per type).
pub fn vtable_of<T: PyPayload>() -> &'static VTable {
    const {
        &VTable {
            base_type_id: TypeId::of::<T>(),
            name: "",
            gc: T::GC,
            size: std::mem::size_of::<Py<T>>(),
            drop: drop_payload::<T>,
            traverse: traverse_payload::<T>,
            clear: clear_payload::<T>,
            dict: dict_payload::<T>,
            slots: no_slots,
        }
    }
}

/// A `T` payload extended with the per-instance storage of a class statement's
/// instances (`__dict__` and `__slots__` values). `repr(C)` with `base` first, so an
/// object with this payload downcasts to `T` too.
#[repr(C)]
pub struct WithExt<T> {
    pub base: T,
    pub dict: DictSlot,
    pub slots: Box<[SlotCell]>,
}

/// The vtable of `WithExt<T>`: downcasts as `T`, always gc-capable.
pub fn ext_vtable_of<T: PyPayload>() -> &'static VTable {
    const {
        &VTable {
            base_type_id: TypeId::of::<T>(),
            name: "",
            gc: true,
            size: std::mem::size_of::<Py<WithExt<T>>>(),
            drop: drop_payload::<WithExt<T>>,
            traverse: traverse_ext::<T>,
            clear: clear_ext::<T>,
            dict: dict_ext::<T>,
            slots: slots_ext::<T>,
        }
    }
}

unsafe fn drop_payload<T>(obj: NonNull<PyObject>) {
    // SAFETY: called once from `drop_slow` on an object whose payload is a `T`.
    unsafe { std::ptr::drop_in_place(&mut (*(obj.as_ptr() as *mut Py<T>)).payload) }
}

unsafe fn traverse_payload<T: PyPayload>(obj: &PyObject, visit: &mut Visitor<'_>) {
    // SAFETY: the vtable is only used with objects whose payload is a `T`.
    let p = unsafe { &*(obj as *const PyObject as *const Py<T>) };
    p.payload.traverse(visit)
}

unsafe fn clear_payload<T: PyPayload>(obj: &PyObject, out: &mut Vec<PyObjectRef>) {
    // SAFETY: as `traverse_payload`.
    let p = unsafe { &*(obj as *const PyObject as *const Py<T>) };
    p.payload.clear(out)
}

unsafe fn dict_payload<T: PyPayload>(obj: &PyObject) -> Option<&DictSlot> {
    // SAFETY: as `traverse_payload`.
    let p = unsafe { &*(obj as *const PyObject as *const Py<T>) };
    p.payload.dict_slot()
}

unsafe fn traverse_ext<T: PyPayload>(obj: &PyObject, visit: &mut Visitor<'_>) {
    // SAFETY: the ext vtable is only used with `WithExt<T>` payloads.
    let p = unsafe { &*(obj as *const PyObject as *const Py<WithExt<T>>) };
    p.payload.base.traverse(visit);
    if let Some(d) = p.payload.dict.borrow().as_ref() {
        match d.payload::<PyDict>() {
            // Inline values: the instance owns the attribute values directly.
            Some(pd) if pd.inline_values.get() => {
                for e in pd.inner.borrow().entries.iter().flatten() {
                    visit(&e.value);
                }
            }
            _ => visit(d),
        }
    }
    for s in p.payload.slots.iter() {
        if let Some(v) = s.borrow().as_ref() {
            visit(v);
        }
    }
    visit_type(obj, visit);
}

/// Heap-type instances own their type: the collector must see that edge.
fn visit_type(obj: &PyObject, visit: &mut Visitor<'_>) {
    if obj.type_core().heap_type {
        // SAFETY: the instance owns one reference to its heap type; the handle made
        // here is forgotten, never dropped, so the count is untouched.
        let t = std::mem::ManuallyDrop::new(unsafe { PyObjectRef::from_raw(obj.header.typ.get()) });
        visit(&t);
    }
}

unsafe fn clear_ext<T: PyPayload>(obj: &PyObject, out: &mut Vec<PyObjectRef>) {
    // SAFETY: as `traverse_ext`.
    let p = unsafe { &*(obj as *const PyObject as *const Py<WithExt<T>>) };
    p.payload.base.clear(out);
    if let Some(d) = p.payload.dict.borrow_mut().take() {
        out.push(d);
    }
    for s in p.payload.slots.iter() {
        if let Some(v) = s.borrow_mut().take() {
            out.push(v);
        }
    }
}

unsafe fn dict_ext<T: PyPayload>(obj: &PyObject) -> Option<&DictSlot> {
    // SAFETY: as `traverse_ext`.
    let p = unsafe { &*(obj as *const PyObject as *const Py<WithExt<T>>) };
    Some(&p.payload.dict)
}

/// The `GcLinks` of a gc-capable object.
///
/// # Safety
/// `obj` must be a gc-capable object (allocated with the pre-header).
#[inline]
pub(crate) unsafe fn links_of(obj: NonNull<PyObject>) -> *const GcLinks {
    // SAFETY: the pre-header is the GC_HEADER_SIZE bytes right before the object.
    unsafe { (obj.as_ptr() as *const u8).sub(GC_HEADER_SIZE) as *const GcLinks }
}

/// The object whose `GcLinks` is at `links`.
///
/// # Safety
/// `links` must be the pre-header of a live gc object (not a list head).
#[inline]
pub(crate) unsafe fn object_of_links(links: *const GcLinks) -> NonNull<PyObject> {
    // SAFETY: the object follows its pre-header directly.
    unsafe { NonNull::new_unchecked((links as *mut u8).add(GC_HEADER_SIZE) as *mut PyObject) }
}

/// Allocates a new object with payload `payload` and type `typ` (a type object whose
/// vtable must be `vtable`), refcount 1. `extra` bytes are requested beyond the
/// layout (so block sizes can follow CPython's basic sizes). Gc-capable objects are
/// tracked into generation 0.
pub(crate) fn alloc_object<P>(
    payload: P,
    typ: &PyObject,
    vtable: &'static VTable,
    extra: usize,
) -> PyObjectRef {
    let gc = vtable.gc;
    assert_eq!(
        std::mem::size_of::<Py<P>>(),
        vtable.size,
        "payload does not match the type's vtable"
    );
    let pre = if gc { GC_HEADER_SIZE } else { 0 };
    let size = pre + vtable.size + extra;
    let block = with_heap(|h| h.allocate(Domain::Object, size, gc)).unwrap_or_else(|| {
        std::alloc::handle_alloc_error(std::alloc::Layout::from_size_align(size, 16).unwrap())
    });
    let core = typ.type_core_of_type();
    let typ_ptr = if core.heap_type {
        typ.to_owned().into_raw()
    } else {
        NonNull::from(typ)
    };
    // SAFETY: `block` is a fresh 16-aligned block of `size` bytes: the pre-header (if
    // any) and `Py<P>` fit, and `Py<P>`'s alignment is at most 16.
    unsafe {
        let obj = block.as_ptr().add(pre) as *mut Py<P>;
        debug_assert!(std::mem::align_of::<Py<P>>() <= 16);
        obj.write(Py {
            header: ObjectHeader {
                refcnt: Cell::new(1),
                typ: Cell::new(typ_ptr),
            },
            payload,
        });
        let obj = NonNull::new_unchecked(obj as *mut PyObject);
        // An object CPython would take from a type free list does not count in count0.
        if let Some(kind) = super::FreeList::of(obj.as_ref()) {
            with_heap(|h| {
                let taken = h.free_list_take(kind);
                if kind == super::FreeList::Dict {
                    h.last_dict_from_free_list.set(taken);
                }
                if taken && gc {
                    let g0 = &h.generations[0];
                    g0.count.set((g0.count.get() - 1).max(0));
                }
            });
        }
        if gc {
            (block.as_ptr() as *mut GcLinks).write(GcLinks::new());
            // Exact dicts start untracked (CPython: tracked when a key or value that
            // may be tracked is inserted, see `collect::maybe_track_dict`).
            if !vtable_is::<PyDict>(vtable) {
                with_heap(|h| h.track(links_of(obj)));
            }
        }
        PyObjectRef::from_raw(obj)
    }
}

/// Allocates a typed object: payload `T` with `T`'s own vtable.
pub fn new_object<T: PyPayload>(payload: T, typ: &PyObject) -> PyRef<T> {
    let vt = typ.type_core_of_type().vtable.get();
    assert!(
        std::ptr::eq(vt, vtable_of::<T>())
            || vt.base_type_id == TypeId::of::<T>() && vt.size == vtable_of::<T>().size,
        "type's vtable does not match payload {}",
        std::any::type_name::<T>()
    );
    let obj = alloc_object(payload, typ, vtable_of::<T>(), 0);
    // The empty tuple is CPython's static singleton: never tracked.
    if obj
        .payload::<crate::objects::PyTuple>()
        .is_some_and(|t| t.as_slice().is_empty())
    {
        super::collect::untrack(&obj);
    }
    // SAFETY: the payload just written is a `T`.
    unsafe { PyRef::from_obj_unchecked(obj) }
}

/// Allocates an instance of a class-statement type: payload `WithExt<T>`.
///
/// A given `dict` becomes the instance's inline attribute storage (CPython 3.11's
/// inline values): it is untracked, not counted in `count0`, and traversed through the
/// instance, until `materialize_dict` exposes it as a real `__dict__`.
pub fn new_ext_object<T: PyPayload>(
    base: T,
    typ: &PyObject,
    nslots: usize,
    dict: Option<PyObjectRef>,
) -> PyRef<T> {
    if let Some(d) = &dict {
        if let Some(pd) = d.payload::<PyDict>() {
            if payload_is_exact::<PyDict>(d) && pd.inner.borrow().used == 0 && d.refcount() == 1 {
                pd.inline_values.set(true);
                if TypeId::of::<T>() == TypeId::of::<crate::objects::PyBaseObject>() {
                    pd.shared_keys_owner.set(typ.addr());
                    crate::modules::sys_memory::note_instance(typ.addr());
                }
                super::collect::untrack(d);
                // CPython allocates no dict here: undo the dict's accounting.
                with_heap(|h| {
                    if h.last_dict_from_free_list.replace(false) {
                        let c = &h.free_lists[super::FreeList::Dict.index()];
                        c.set(c.get() + 1);
                    } else {
                        let g0 = &h.generations[0];
                        g0.count.set((g0.count.get() - 1).max(0));
                    }
                });
            }
        }
    }
    let payload = WithExt {
        base,
        dict: std::cell::RefCell::new(dict),
        slots: (0..nslots).map(|_| std::cell::RefCell::new(None)).collect(),
    };
    let obj = alloc_object(payload, typ, ext_vtable_of::<T>(), 0);
    // SAFETY: a `WithExt<T>` starts with a `T` (`repr(C)`).
    unsafe { PyRef::from_obj_unchecked(obj) }
}

/// Bootstraps the `type` type: an object whose type is itself. The new object owns no
/// reference to itself (static types are borrowed by their instances).
pub fn new_self_typed<T: PyPayload>(payload: T) -> PyRef<T> {
    let vtable = vtable_of::<T>();
    let size = GC_HEADER_SIZE * vtable.gc as usize + vtable.size;
    let block = with_heap(|h| h.allocate(Domain::Object, size, vtable.gc))
        .expect("out of memory at startup");
    let pre = if vtable.gc { GC_HEADER_SIZE } else { 0 };
    // SAFETY: as in `alloc_object`; the type pointer is the object itself, which is
    // fully written before anyone reads it.
    unsafe {
        let obj = block.as_ptr().add(pre) as *mut Py<T>;
        let nn = NonNull::new_unchecked(obj as *mut PyObject);
        obj.write(Py {
            header: ObjectHeader {
                refcnt: Cell::new(1),
                typ: Cell::new(nn),
            },
            payload,
        });
        if vtable.gc {
            // `type` is a static type: never tracked.
            (block.as_ptr() as *mut GcLinks).write(GcLinks::new());
        }
        PyRef::from_obj_unchecked(PyObjectRef::from_raw(nn))
    }
}

thread_local! {
    static TRASH_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// The dealloc path of an object whose count just reached zero.
///
/// # Safety
/// `obj` must be a live object with refcount 0 and no handle left.
#[cold]
#[inline(never)]
pub(crate) unsafe fn drop_slow(obj: NonNull<PyObject>) {
    // SAFETY: the object is still allocated (count just reached zero).
    let o = unsafe { obj.as_ref() };
    // Static types are immortal, as CPython's statically allocated types: the objects
    // that borrow them (every instance) may outlive the `Types` table at VM drop.
    if o.payload::<crate::objects::PyType>()
        .is_some_and(|t| !t.core.heap_type)
    {
        o.header.refcnt.set(1);
        return;
    }
    let core = o.type_core();
    if core.has_finalizer.get() {
        if let Some(links) = o.gc_links() {
            if links.flags() & GC_FINALIZED == 0 {
                links.set_flag(GC_FINALIZED, true);
                o.header.refcnt.set(1);
                // SAFETY: we own the temporary reference just created.
                let handle = unsafe { PyObjectRef::from_raw(obj) };
                super::run_finalizer(&handle);
                let n = handle.refcount();
                std::mem::forget(handle);
                o.header.refcnt.set(n - 1);
                if n > 1 {
                    return; // Resurrected by __del__.
                }
            }
        }
    }
    let depth = TRASH_DEPTH.with(|d| d.get());
    if depth >= TRASHCAN_DEPTH {
        // Queued objects leave the gc lists now (as CPython's trashcan deposit): a
        // collection before the queue drains must not see a count of zero.
        if let Some(links) = o.gc_links() {
            // SAFETY: `links` is the pre-header of this live gc object.
            with_heap(|h| unsafe { h.untrack(links) });
        }
        with_heap(|h| h.trash.borrow_mut().push(super::RawObj(obj)));
        return;
    }
    TRASH_DEPTH.with(|d| d.set(depth + 1));
    // SAFETY: forwarded from our caller.
    unsafe { dealloc(obj) };
    TRASH_DEPTH.with(|d| d.set(depth));
    if depth == 0 {
        loop {
            let next = with_heap(|h| h.trash.borrow_mut().pop());
            let Some(next) = next else { break };
            TRASH_DEPTH.with(|d| d.set(1));
            // SAFETY: queued objects have count 0 and no handles.
            unsafe { dealloc(next.0) };
            TRASH_DEPTH.with(|d| d.set(0));
        }
    }
}

/// Untrack, drop the payload, free the block, release the type.
///
/// # Safety
/// As `drop_slow`.
unsafe fn dealloc(obj: NonNull<PyObject>) {
    // SAFETY: the object is alive until its block is freed below.
    let o = unsafe { obj.as_ref() };
    let vtable = o.vtable();
    let heap_type = o.type_core().heap_type;
    let typ = o.header.typ.get();
    with_heap(|h| h.before_dealloc(o));
    // Untracked before the weakref callbacks run Python code (CPython's
    // `subtype_dealloc` order): a collection meanwhile must not see a count of zero.
    let block = if vtable.gc {
        // SAFETY: gc objects have their pre-header.
        let links = unsafe { links_of(obj) };
        // SAFETY: `links` is this live gc object's pre-header.
        with_heap(|h| unsafe { h.untrack(links) });
        links as *mut u8
    } else {
        obj.as_ptr() as *mut u8
    };
    super::clear_weakrefs_on_dealloc(o);
    // Inline attribute storage was never counted in `count0`.
    super::heap_types::heap_type_freed(o);
    let inline = o.payload::<PyDict>().is_some_and(|d| d.inline_values.get());
    // Objects CPython would keep on a type free list leave count0 unchanged.
    let to_free_list =
        !inline && super::FreeList::of(o).is_some_and(|k| with_heap(|h| h.free_list_put(k)));
    let counted = vtable.gc && !inline && !to_free_list;
    // SAFETY: the payload is dropped exactly once, here.
    unsafe { (vtable.drop)(obj) };
    // SAFETY: `block` is the start of the block `alloc_object` obtained.
    with_heap(|h| unsafe { h.deallocate(Domain::Object, NonNull::new_unchecked(block), counted) });
    if heap_type {
        // SAFETY: instances of heap types own one reference to their type.
        drop(unsafe { PyObjectRef::from_raw(typ) });
    }
}

/// Exposes an instance's inline attribute storage as a real `__dict__` (CPython
/// materialises the dict on `obj.__dict__`): counted in `count0` and tracked if it holds
/// a value that may be tracked. No-op for objects without inline storage.
pub fn materialize_dict(obj: &PyObject) {
    let Some(slot) = obj.dict_slot() else { return };
    let d = slot.borrow().clone();
    let Some(d) = d else { return };
    let Some(pd) = d.payload::<PyDict>() else {
        return;
    };
    if !pd.inline_values.replace(false) {
        return;
    }
    with_heap(|h| {
        let g0 = &h.generations[0];
        g0.count.set(g0.count.get() + 1);
    });
    let may = pd.inner.borrow().entries.iter().flatten().any(|e| {
        super::collect::may_be_tracked(&e.key) || super::collect::may_be_tracked(&e.value)
    });
    if may {
        super::collect::track(&d);
    }
}

/// Whether `obj`'s payload is exactly `T` (not only starting with one).
pub fn payload_is_exact<T: PyPayload>(obj: &PyObject) -> bool {
    vtable_is::<T>(obj.vtable())
}

/// Whether `vt` is `T`'s own vtable (not an ext vtable). Compared by content: a
/// promoted constant may exist at several addresses across codegen units.
pub(crate) fn vtable_is<T: PyPayload>(vt: &VTable) -> bool {
    vt.base_type_id == TypeId::of::<T>() && vt.size == std::mem::size_of::<Py<T>>()
}

/// The `__slots__` storage of an instance of a class-statement type, if it has one.
pub fn slot_values(obj: &PyObject) -> Option<&[SlotCell]> {
    // SAFETY: the vtable belongs to this object's payload type.
    unsafe { (obj.vtable().slots)(obj) }
}

unsafe fn no_slots(_obj: &PyObject) -> Option<&[SlotCell]> {
    None
}

unsafe fn slots_ext<T: PyPayload>(obj: &PyObject) -> Option<&[SlotCell]> {
    // SAFETY: the ext vtable is only used with `WithExt<T>` payloads.
    let p = unsafe { &*(obj as *const PyObject as *const Py<WithExt<T>>) };
    Some(&p.payload.slots)
}
