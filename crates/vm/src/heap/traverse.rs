//! The `Traverse` trait and its implementations for every payload type.
//!
//! Contract (why the trait is `unsafe`): `traverse` visits each child reference the
//! payload owns exactly once, and never clones, drops or creates references while doing
//! so. The cycle collector subtracts one from each visited child's gc_refs; a missed or
//! doubled edge makes it free live objects or leak dead ones. Payloads that own no
//! references implement it as a no-op (the `leaf!` list below). Order matters for
//! `gc.get_referents`: lists and tuples visit their items last to first, as CPython.
//!
//! All implementations live in this file: it is the audit list for the gc contract.
//! Add one impl per new container type.
#![allow(unsafe_code)]

use super::handle::PyObjectRef;

/// The callback a traversal calls for each owned child.
pub type Visitor<'a> = dyn FnMut(&PyObjectRef) + 'a;

/// Enumerates the owned children of a payload.
///
/// # Safety
/// Implementations must visit every owned `PyObjectRef` exactly once and must not
/// clone, drop or create references during the traversal.
pub unsafe trait Traverse {
    fn traverse(&self, visit: &mut Visitor<'_>);
}

use crate::modules::io::PyTextIO;
use crate::objects::code::PyCode;
use crate::objects::descriptor::*;
use crate::objects::frame::{PyFrame, PyTraceback};
use crate::objects::iter::*;
use crate::objects::set::Slot;
use crate::objects::*;

macro_rules! leaf {
    ($($t:ty),* $(,)?) => {
        $(
            // SAFETY: the payload owns no object references.
            unsafe impl Traverse for $t {
                fn traverse(&self, _visit: &mut Visitor<'_>) {}
            }
        )*
    };
}

leaf!(
    PyBaseObject,
    PyInt,
    PyFloat,
    PyComplex,
    PyStr,
    PyBytes,
    PyByteArray,
    PyNone,
    PyNotImplemented,
    PyEllipsis,
    PyRange,
    PyRangeIter,
    PyMethodDescr,
    PyGetSet,
    PyMemberDescr,
    PyTextIO
);

fn opt(o: &Option<PyObjectRef>, visit: &mut Visitor<'_>) {
    if let Some(x) = o {
        visit(x);
    }
}

// SAFETY: visits each item once, last to first (CPython's order), no clones.
unsafe impl Traverse for PyList {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        for x in self.items.borrow().iter().rev() {
            visit(x);
        }
    }
}

// SAFETY: visits each item once, last to first.
unsafe impl Traverse for PyTuple {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        for x in self.as_slice().iter().rev() {
            visit(x);
        }
    }
}

// SAFETY: visits every live entry's value and key once. As CPython's `dict_traverse`:
// value then key, and values only when every key is an exact str (keys of such tables
// are never gc objects, so skipping them changes no gc_refs).
unsafe impl Traverse for PyDict {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        let inner = self.inner.borrow();
        let str_keys = inner
            .entries
            .iter()
            .flatten()
            .all(|e| crate::heap::raw::payload_is_exact::<PyStr>(&e.key));
        for e in inner.entries.iter().flatten() {
            visit(&e.value);
            if !str_keys {
                visit(&e.key);
            }
        }
    }
}

// SAFETY: visits every active key once.
unsafe impl Traverse for PySet {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        for s in self.inner.borrow().table.iter() {
            if let Slot::Active(_, k) = s {
                visit(k);
            }
        }
    }
}

// SAFETY: visits the bases, base, MRO entries and attribute values; each field is a
// distinct owned reference.
unsafe impl Traverse for PyType {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        for b in self.bases.borrow().iter() {
            visit(b.as_object());
        }
        if let Some(b) = self.base.borrow().as_ref() {
            visit(b.as_object());
        }
        for m in self.mro.borrow().iter() {
            visit(m.as_object());
        }
        for (k, v) in self.attrs.borrow().entries() {
            visit(k.as_object());
            visit(v);
        }
        crate::heap::heap_types::visit_type_self(self, visit);
    }
}

// SAFETY: the proxy owns one reference to its type.
unsafe impl Traverse for PyMappingProxy {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(self.typ.as_object());
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PySuper {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(self.typ.as_object());
        opt(&self.obj, visit);
        if let Some(t) = &self.obj_type {
            visit(t.as_object());
        }
    }
}

// SAFETY: the constants and names are owned once each.
unsafe impl Traverse for PyCode {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        for c in &self.consts {
            visit(c);
        }
        for n in self.names.iter().chain(self.varnames.iter()) {
            visit(n.as_object());
        }
    }
}

// SAFETY: the contents, if any.
unsafe impl Traverse for PyCell {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        opt(&self.value.borrow(), visit);
    }
}

// SAFETY: the namespace dict is owned twice (field and dict slot), so both are visited.
unsafe impl Traverse for PyModule {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(self.dict.as_object());
        opt(
            &crate::heap::PyPayload::dict_slot(self).unwrap().borrow(),
            visit,
        );
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyFunction {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(self.code.as_object());
        visit(self.globals.as_object());
        visit(&self.name.borrow());
        visit(&self.qualname.borrow());
        if let Some(d) = self.defaults.borrow().as_ref() {
            visit(d.as_object());
        }
        if let Some(d) = self.kwdefaults.borrow().as_ref() {
            visit(d.as_object());
        }
        if let Some(c) = &self.closure {
            visit(c.as_object());
        }
        visit(&self.doc.borrow());
        visit(&self.module.borrow());
        opt(&self.annotations.borrow(), visit);
        opt(&self.dict.borrow(), visit);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PySlice {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.start);
        visit(&self.stop);
        visit(&self.step);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyBuiltinFunction {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        opt(&self.bound_self, visit);
        opt(&self.module, visit);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyProperty {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        opt(&self.fget.borrow(), visit);
        opt(&self.fset.borrow(), visit);
        opt(&self.fdel.borrow(), visit);
        opt(&self.doc.borrow(), visit);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyStaticMethod {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.callable.borrow());
        opt(&self.dict.borrow(), visit);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyClassMethod {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.callable.borrow());
        opt(&self.dict.borrow(), visit);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyBoundMethod {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.func);
        visit(&self.obj);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyBaseException {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(self.args.borrow().as_object());
        opt(&self.traceback.borrow(), visit);
        opt(&self.cause.borrow(), visit);
        opt(&self.context.borrow(), visit);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyFrame {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(self.code.as_object());
        visit(self.globals.as_object());
        for l in self.locals.borrow().iter() {
            opt(l, visit);
        }
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyTraceback {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(self.frame.as_object());
        opt(&self.next.borrow(), visit);
    }
}

// SAFETY: the frame's references: code, globals, builtins, locals, cells, stack.
unsafe impl Traverse for PyGenerator {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.name.borrow());
        visit(&self.qualname.borrow());
        opt(&self.exc_state.borrow(), visit);
        if let Some(f) = self.frame.borrow().as_ref() {
            visit(f.code.as_object());
            visit(f.globals.as_object());
            visit(f.builtins.as_object());
            opt(&f.locals, visit);
            for l in &f.fastlocals {
                opt(l, visit);
            }
            for c in &f.cells {
                visit(c.as_object());
            }
            for s in &f.stack {
                visit(s);
            }
            if let Some(fo) = &f.frame_obj {
                visit(fo.as_object());
            }
        }
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PySeqIter {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        opt(&self.seq.borrow(), visit);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyDictView {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.dict);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyCallableIter {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        opt(&self.callable.borrow(), visit);
        visit(&self.sentinel);
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyEnumerate {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.iter);
        visit(&self.count.borrow());
    }
}

// SAFETY: each owned iterator once.
unsafe impl Traverse for PyZip {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        for i in &self.iters {
            visit(i);
        }
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyMap {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.func);
        for i in &self.iters {
            visit(i);
        }
    }
}

// SAFETY: each owned field once.
unsafe impl Traverse for PyFilter {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.func);
        visit(&self.iter);
    }
}
