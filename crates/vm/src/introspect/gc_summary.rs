//! The collector at a glance (`:gc`): whether it is enabled, the per-generation counts,
//! thresholds and sizes, the cumulative statistics of `gc.get_stats()`, and `gc.garbage`.

use std::fmt;

use crate::heap::collect::GenStats;
use crate::heap::with_heap;
use crate::introspect::edge::describe;
use crate::objects::{PyList, PyModule};
use crate::vm::Vm;

/// A snapshot of the collector's state.
#[derive(Clone, Debug)]
pub struct GcSummary {
    /// `gc.isenabled()`.
    pub enabled: bool,
    /// `gc.get_count()`.
    pub counts: [isize; 3],
    /// `gc.get_threshold()`.
    pub thresholds: [isize; 3],
    /// Objects in each generation list.
    pub sizes: [usize; 3],
    /// `gc.get_freeze_count()`.
    pub frozen: usize,
    /// `gc.get_stats()`.
    pub stats: [GenStats; 3],
    /// Descriptions of the objects in `gc.garbage` (empty when `gc` was never imported).
    pub garbage: Vec<String>,
}

/// The collector's state now.
pub fn gc_summary(vm: &Vm) -> GcSummary {
    let (enabled, counts, thresholds, sizes, frozen, stats) = with_heap(|h| {
        (
            h.enabled.get(),
            [0, 1, 2].map(|i| h.generations[i].count.get()),
            [0, 1, 2].map(|i| h.generations[i].threshold.get()),
            [0, 1, 2].map(|i| h.generations[i].len()),
            h.freeze_count(),
            [0, 1, 2].map(|i| h.stats[i].get()),
        )
    });
    let garbage = vm
        .sys_modules
        .get_item_str_opt(&vm.intern("gc"))
        .and_then(|m| {
            m.downcast_ref::<PyModule>()
                .and_then(|m| m.dict.get_item_str_opt(&vm.intern("garbage")))
        })
        .and_then(|g| g.payload::<PyList>().map(|l| l.items.borrow().clone()))
        .unwrap_or_default();
    let garbage = garbage.iter().map(|o| describe(vm, o)).collect();
    GcSummary {
        enabled,
        counts,
        thresholds,
        sizes,
        frozen,
        stats,
        garbage,
    }
}

impl fmt::Display for GcSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "gc {}{}",
            if self.enabled { "enabled" } else { "disabled" },
            if self.frozen > 0 {
                format!(", {} frozen", self.frozen)
            } else {
                String::new()
            }
        )?;
        writeln!(
            f,
            "gen  count/threshold  objects  collections  collected  uncollectable"
        )?;
        for g in 0..3 {
            let s = self.stats[g];
            let ct = format!("{}/{}", self.counts[g], self.thresholds[g]);
            writeln!(
                f,
                "{g:>3}  {ct:>15}  {:>7}  {:>11}  {:>9}  {:>13}",
                self.sizes[g], s.collections, s.collected, s.uncollectable
            )?;
        }
        if self.garbage.is_empty() {
            writeln!(f, "gc.garbage: []")?;
        } else {
            writeln!(f, "gc.garbage: {} object(s)", self.garbage.len())?;
            for g in &self.garbage {
                writeln!(f, "  {g}")?;
            }
        }
        Ok(())
    }
}
