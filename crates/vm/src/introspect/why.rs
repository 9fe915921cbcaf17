//! `why(obj)`: the shortest chain of references from a root to an object, so a learner
//! can see what keeps it alive. Roots are the globals of every module in `sys.modules`
//! (`__main__` first, so its names win ties) plus any frame locals the caller passes. The
//! search is breadth-first over the collector's view of references (`Traverse`, as
//! `gc.get_referents`), so it follows exactly the edges the cycle collector sees; an
//! object held only by a native stack (an argument being evaluated) has no chain.

use std::collections::{HashSet, VecDeque};
use std::fmt;

use crate::heap::{collect, PyObject, PyObjectRef};
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

/// The shortest chain from a root to `obj`. `extra_roots` (frame locals, labelled by the
/// caller) are searched before the module globals.
pub fn why(vm: &Vm, obj: &PyObject, extra_roots: Vec<(String, PyObjectRef)>) -> WhyChain {
    let target = obj.addr();
    let mut roots = extra_roots;
    roots.extend(module_roots(vm));
    let mut nodes: Vec<Node> = Vec::new();
    let mut seen: HashSet<usize> = HashSet::new();
    let mut queue = VecDeque::new();
    let mut found = None;
    for (i, (_, v)) in roots.iter().enumerate() {
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
    let mut chain = WhyChain {
        target: describe(vm, obj),
        root: None,
        steps: Vec::new(),
        visited,
    };
    let Some(mut i) = found else { return chain };
    let mut path = vec![i];
    while let Some(p) = nodes[i].parent {
        path.push(p);
        i = p;
    }
    path.reverse();
    let root_index = nodes[path[0]].root.unwrap_or(0);
    chain.root = roots
        .get(root_index)
        .map(|(label, v)| format!("{label}  ({})", describe(vm, v)));
    for w in path.windows(2) {
        let (parent, child) = (&nodes[w[0]].obj, &nodes[w[1]].obj);
        chain.steps.push(Step {
            via: edge_label(vm, parent, child.addr()),
            what: describe(vm, child),
        });
    }
    chain
}

impl fmt::Display for WhyChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(root) = &self.root else {
            writeln!(f, "{}", self.target)?;
            writeln!(
                f,
                "  not reachable from any module global ({} objects searched):",
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
