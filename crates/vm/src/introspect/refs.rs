//! `refs(obj)`: why an object's reference count is what it is. Its count, its size as
//! `sys.getsizeof` reports it, whether the collector tracks it and in which generation,
//! and the tracked objects that refer to it (the collector's `get_referrers`, so
//! untracked holders such as frames' value stacks do not appear).

use std::fmt;

use crate::heap::{collect, with_heap, PyObject};
use crate::introspect::edge::{describe, edge_label};
use crate::objects::{PyInt, PyModule};
use crate::vm::Vm;

/// Where a tracked object lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenerationOf {
    /// Generation 0, 1 or 2.
    Young(usize),
    /// The permanent generation of `gc.freeze()`.
    Permanent,
}

/// One object holding a reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referrer {
    /// Short description of the holder.
    pub holder: String,
    /// How it holds the object (`[0]`, `['x']`, `.attr`).
    pub via: String,
}

/// The answer of `:refs EXPR`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefsInfo {
    /// Short description of the object.
    pub what: String,
    /// `id(obj)`.
    pub address: usize,
    /// References held by others (the inspection's own references are not counted).
    pub refcount: usize,
    /// `sys.getsizeof(obj)`, if it has one.
    pub size: Option<i64>,
    /// Whether its type takes part in cycle collection (has the gc pre-header).
    pub gc_type: bool,
    /// Whether it is in a generation list now.
    pub tracked: bool,
    /// Its generation when tracked.
    pub generation: Option<GenerationOf>,
    /// Tracked objects that refer to it.
    pub referrers: Vec<Referrer>,
}

/// The generation list holding `obj`, if any (walks the lists).
pub fn generation_of(obj: &PyObject) -> Option<GenerationOf> {
    if !collect::is_tracked(obj) {
        return None;
    }
    let target = obj.addr();
    with_heap(|h| {
        for (i, g) in h.generations.iter().enumerate() {
            let mut hit = false;
            g.for_each(|o| hit |= o.addr() == target);
            if hit {
                return Some(GenerationOf::Young(i));
            }
        }
        let mut hit = false;
        h.permanent.for_each(|o| hit |= o.addr() == target);
        hit.then_some(GenerationOf::Permanent)
    })
}

/// `sys.getsizeof(obj)` through the `sys` module, so user `__sizeof__` counts.
fn getsizeof(vm: &Vm, obj: &PyObject) -> Option<i64> {
    let sys = vm.sys_modules.get_item_str_opt(&vm.intern("sys"))?;
    let f = sys
        .downcast_ref::<PyModule>()?
        .dict
        .get_item_str_opt(&vm.intern("getsizeof"))?;
    let r = vm.call(&f, &[obj.to_owned()]).ok()?;
    r.payload::<PyInt>().and_then(|i| i.as_small())
}

/// The view of `obj`; `held` is how many references the caller itself holds (the REPL's
/// evaluation result, a call's argument slot) and is subtracted from the count.
pub fn refs(vm: &Vm, obj: &PyObject, held: usize) -> RefsInfo {
    let target = obj.addr();
    let holders: Vec<_> = collect::objects(None)
        .into_iter()
        .filter(|o| collect::refers_to_any(o, &[target]))
        .collect();
    // An object that refers to itself (`a.append(a)`) is its own referrer: the cycle.
    let referrers = holders
        .iter()
        .map(|h| Referrer {
            holder: if h.is(obj) {
                "itself".to_string()
            } else {
                describe(vm, h)
            },
            via: edge_label(vm, h, target),
        })
        .collect();
    drop(holders);
    let size = getsizeof(vm, obj);
    RefsInfo {
        what: describe(vm, obj),
        address: target,
        refcount: obj.refcount().saturating_sub(held),
        size,
        gc_type: obj.gc_links().is_some(),
        tracked: collect::is_tracked(obj),
        generation: generation_of(obj),
        referrers,
    }
}

impl fmt::Display for RefsInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.what)?;
        writeln!(f, "  refcount   {}", self.refcount)?;
        match self.size {
            Some(n) => writeln!(f, "  size       {n} bytes (sys.getsizeof)")?,
            None => writeln!(f, "  size       unknown (no __sizeof__)")?,
        }
        let gc = match (self.gc_type, self.generation) {
            (false, _) => "not a gc type (cannot be part of a cycle)".to_string(),
            (true, None) => "untracked".to_string(),
            (true, Some(GenerationOf::Young(g))) => format!("tracked, generation {g}"),
            (true, Some(GenerationOf::Permanent)) => {
                "tracked, permanent generation (gc.freeze)".to_string()
            }
        };
        writeln!(f, "  gc         {gc}")?;
        if self.referrers.is_empty() {
            writeln!(f, "  referrers  none tracked by the collector")?;
        } else {
            writeln!(f, "  referrers  {}", self.referrers.len())?;
            for r in &self.referrers {
                writeln!(f, "    {}  {}", r.holder, r.via)?;
            }
        }
        Ok(())
    }
}
