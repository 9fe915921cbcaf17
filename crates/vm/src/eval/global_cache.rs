//! `LoadGlobal`'s cache, in the spirit of CPython 3.11's specialised
//! `LOAD_GLOBAL_MODULE`/`LOAD_GLOBAL_BUILTIN`: each code object keeps, per name,
//! where the name was last found (the globals or the builtins dict, and the entry
//! index there) together with the keys versions of both dicts at that moment.
//!
//! Invariant: a dict's keys version (`objects::dict::DictInner::version`) changes on
//! every insertion of a new key, deletion and clear, and no two table states of any
//! dicts ever share a version. So while the globals' version is the cached one, the
//! cached entry index still holds the same key (or, for a builtin, the globals still
//! lack the name), and only the value, read fresh, can have changed. Any other case
//! falls back to the two dictionary lookups and refills the slot.

use std::cell::Cell;

use crate::eval::frame::Frame;
use crate::heap::PyObjectRef;
use crate::objects::PyCode;

/// Where a global name was found, valid while the versions match.
#[derive(Clone, Copy, Default)]
pub struct GlobalCacheEntry {
    filled: bool,
    in_builtins: bool,
    index: u32,
    globals_version: u64,
    builtins_version: u64,
}

/// One empty slot per name of a code object.
pub fn new_cache(names: usize) -> Box<[Cell<GlobalCacheEntry>]> {
    (0..names)
        .map(|_| Cell::new(GlobalCacheEntry::default()))
        .collect()
}

/// The value of global name `i` of `code` as seen from frame `f`, or None when
/// neither the globals nor the builtins hold it.
#[inline]
pub fn load_global(f: &Frame, code: &PyCode, i: usize) -> Option<PyObjectRef> {
    let slot = &code.global_cache[i];
    let c = slot.get();
    if c.filled {
        let hit = if c.in_builtins {
            if f.globals.keys_version() == c.globals_version {
                f.builtins.value_at(c.builtins_version, c.index)
            } else {
                None
            }
        } else {
            f.globals.value_at(c.globals_version, c.index)
        };
        if hit.is_some() {
            return hit;
        }
    }
    load_and_fill(f, code, i, slot)
}

#[cold]
fn load_and_fill(
    f: &Frame,
    code: &PyCode,
    i: usize,
    slot: &Cell<GlobalCacheEntry>,
) -> Option<PyObjectRef> {
    let name = &code.names[i];
    if let Some((v, index, version)) = f.globals.find_str(name) {
        slot.set(GlobalCacheEntry {
            filled: true,
            in_builtins: false,
            index,
            globals_version: version,
            builtins_version: 0,
        });
        return Some(v);
    }
    let globals_version = f.globals.keys_version();
    let (v, index, builtins_version) = f.builtins.find_str(name)?;
    slot.set(GlobalCacheEntry {
        filled: true,
        in_builtins: true,
        index,
        globals_version,
        builtins_version,
    });
    Some(v)
}
