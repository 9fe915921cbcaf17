//! `why(obj)`: the shortest chain of references from a root to an object, so a learner
//! can see what keeps it alive. The named roots are the locals of the calling frame (which
//! the caller passes: `mempy.why` gets them from the eval loop) and the globals of every
//! module in `sys.modules` (`__main__` first, so its names win ties). When none of them
//! reaches the object, the search starts again from the objects held from outside the
//! heap: frames run on the native stack here, so the locals of the frames further up
//! the call stack are references the collector cannot see, found as CPython's collector
//! finds its roots (reference count minus the references of other tracked objects). The
//! search is breadth-first over the collector's view of references (`Traverse`, as
//! `gc.get_referents`), so it follows exactly the edges the cycle collector sees.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;

use crate::heap::{collect, with_heap, PyObject, PyObjectRef};
use crate::introspect::edge::{describe, edge_label};
use crate::objects::{PyModule, PyStr};
use crate::vm::Vm;

/// Objects visited before the search gives up.
const MAX_VISITED: usize = 1_000_000;

/// One link of the chain: how the previous object refers to this one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// `[0]`, `['key']`, `.attr`.
    pub via: String,
    /// The object reached.
    pub what: String,
}

/// The answer of `:why EXPR`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhyChain {
    /// The object asked about.
    pub target: String,
    /// The root the chain starts from (`__main__.x`), None when unreachable from roots.
    pub root: Option<String>,
    /// From the root's value to the object; empty when the root is the object itself.
    pub steps: Vec<Step>,
    /// Objects visited.
    pub visited: usize,
}

/// The roots: `(label, object)` for every global of every module, `__main__` first.
pub fn module_roots(vm: &Vm) -> Vec<(String, PyObjectRef)> {
    let mut mods = vm.sys_modules.items_vec();
    mods.sort_by_key(|(k, _)| {
        k.payload::<PyStr>()
            .map_or(true, |s| s.as_str() != "__main__")
    });
    let mut out = Vec::new();
    for (k, m) in mods {
        let Some(name) = k.payload::<PyStr>().map(|s| s.as_str().to_string()) else {
            continue;
        };
        let Some(m) = m.downcast_ref::<PyModule>() else {
            continue;
        };
        for (gk, gv) in m.dict.items_vec() {
            if let Some(g) = gk.payload::<PyStr>() {
                out.push((format!("{name}.{}", g.as_str()), gv));
            }
        }
    }
    out
}

struct Node {
    obj: PyObjectRef,
    parent: Option<usize>,
    root: Option<usize>,
}

/// Breadth-first search from `roots` (in order, so earlier roots win ties) to the
/// object at `target`: the root's index and the steps, or None; and the objects visited.
fn search(vm: &Vm, target: usize, roots: &[PyObjectRef]) -> (Option<(usize, Vec<Step>)>, usize) {
    let mut nodes: Vec<Node> = Vec::new();
    let mut seen: HashSet<usize> = HashSet::new();
    let mut queue = VecDeque::new();
    let mut found = None;
    for (i, v) in roots.iter().enumerate() {
        if v.addr() == target {
            found = Some(nodes.len());
            nodes.push(Node {
                obj: v.clone(),
                parent: None,
                root: Some(i),
            });
            break;
        }
        if seen.insert(v.addr()) {
            queue.push_back(nodes.len());
            nodes.push(Node {
                obj: v.clone(),
                parent: None,
                root: Some(i),
            });
        }
    }
    while found.is_none() && nodes.len() < MAX_VISITED {
        let Some(i) = queue.pop_front() else { break };
        for child in collect::referents(&nodes[i].obj) {
            if !seen.insert(child.addr()) {
                continue;
            }
            let hit = child.addr() == target;
            let idx = nodes.len();
            nodes.push(Node {
                obj: child,
                parent: Some(i),
                root: None,
            });
            if hit {
                found = Some(idx);
                break;
            }
            queue.push_back(idx);
        }
    }
    let visited = nodes.len();
    let Some(mut i) = found else {
        return (None, visited);
    };
    let mut path = vec![i];
    while let Some(p) = nodes[i].parent {
        path.push(p);
        i = p;
    }
    path.reverse();
    let root_index = nodes[path[0]].root.unwrap_or(0);
    let steps = path
        .windows(2)
        .map(|w| {
            let (parent, child) = (&nodes[w[0]].obj, &nodes[w[1]].obj);
            Step {
                via: edge_label(vm, parent, child.addr()),
                what: describe(vm, child),
            }
        })
        .collect();
    (Some((root_index, steps)), visited)
}

/// Every tracked object, the permanent generation's too (new references).
fn all_tracked() -> Vec<PyObjectRef> {
    let mut out = collect::objects(None);
    with_heap(|h| h.permanent.for_each(|o| out.push(o.to_owned())));
    out
}

/// The objects held from outside the heap: tracked objects whose reference count is
/// more than the references other tracked objects hold (the collector's `gc_refs` after
/// subtracting internal references). Those references come from the value stacks and
/// fast locals of running frames, and from the interpreter's own handles. Also returns
/// how many such outside references `target` has beyond the `held` of the caller.
fn outside_roots(target: &PyObject, held: usize) -> (Vec<PyObjectRef>, usize) {
    let objs = all_tracked();
    // Each count starts at the reference count less the one `objs` holds.
    let mut external: HashMap<usize, usize> = objs
        .iter()
        .map(|o| (o.addr(), o.refcount().saturating_sub(1)))
        .collect();
    external
        .entry(target.addr())
        .or_insert_with(|| target.refcount());
    for o in &objs {
        for child in collect::referents(o) {
            if let Some(c) = external.get_mut(&child.addr()) {
                *c = c.saturating_sub(1);
            }
        }
    }
    let own = external
        .remove(&target.addr())
        .unwrap_or(0)
        .saturating_sub(held);
    let roots = objs
        .into_iter()
        .filter(|o| external.get(&o.addr()).is_some_and(|&c| c > 0))
        .collect();
    (roots, own)
}

/// What the chain's outside roots are, for people.
const OUTSIDE: &str = "a running frame's local or stack slot (outside the heap)";

/// The shortest chain from a root to `obj`. `extra_roots` (frame locals, labelled by the
/// caller) are searched before the module globals; `held` is how many references the
/// caller itself holds to `obj` (the REPL's evaluation result, a call's argument slot).
/// When no named root reaches it, objects held from outside the heap (the locals and
/// stacks of the frames that are running, which are not heap objects here) are roots.
pub fn why(
    vm: &Vm,
    obj: &PyObject,
    extra_roots: Vec<(String, PyObjectRef)>,
    held: usize,
) -> WhyChain {
    let target = obj.addr();
    let mut roots = extra_roots;
    roots.extend(module_roots(vm));
    let (labels, values): (Vec<String>, Vec<PyObjectRef>) = roots.into_iter().unzip();
    let (found, visited) = search(vm, target, &values);
    let mut chain = WhyChain {
        target: describe(vm, obj),
        root: None,
        steps: Vec::new(),
        visited,
    };
    if let Some((i, steps)) = found {
        chain.root = Some(format!("{}  ({})", labels[i], describe(vm, &values[i])));
        chain.steps = steps;
        return chain;
    }
    // The named roots hold references too: drop them before counting.
    drop(values);
    let (outside, direct) = outside_roots(obj, held);
    if direct > 0 {
        chain.root = Some(OUTSIDE.to_string());
        return chain;
    }
    let (found, more) = search(vm, target, &outside);
    chain.visited += more;
    if let Some((i, steps)) = found {
        chain.root = Some(format!("{OUTSIDE}  ({})", describe(vm, &outside[i])));
        chain.steps = steps;
    }
    chain
}

impl fmt::Display for WhyChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(root) = &self.root else {
            writeln!(f, "{}", self.target)?;
            writeln!(
                f,
                "  not reachable from any module global or running frame ({} objects searched):",
                self.visited
            )?;
            return writeln!(f, "  only temporary references (or an unreachable cycle awaiting gc.collect()) keep it alive");
        };
        let n = self.steps.len();
        writeln!(
            f,
            "{} is reachable in {n} step{}:",
            self.target,
            if n == 1 { "" } else { "s" }
        )?;
        writeln!(f, "  {root}")?;
        for (depth, s) in self.steps.iter().enumerate() {
            writeln!(f, "  {}└─ {} → {}", "   ".repeat(depth), s.via, s.what)?;
        }
        Ok(())
    }
}
