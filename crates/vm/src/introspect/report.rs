//! The heap report of `--heap-report`: per size class the peak and final blocks and
//! bytes, arenas taken and returned, and per generation the collections and the objects
//! they freed.
//!
//! Peaks are sampled, not tracked on the hot path: [`start_tracking`] turns sampling on,
//! and [`sample`] (called at each automatic collection's safe point, after each REPL
//! input and when the report is made) folds the allocator's current figures into the
//! running maxima. A peak between two samples can be missed; samples come at least every
//! `threshold0` (700) gc allocations.

use std::cell::RefCell;

use mempy_pymalloc::geometry::NB_SMALL_SIZE_CLASSES;

use crate::heap::collect::GenStats;
use crate::heap::{with_allocator, with_heap};

/// One size class of the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassRow {
    /// Size class index.
    pub class: usize,
    /// Block size in bytes.
    pub block_size: usize,
    /// Most blocks in use at a sample.
    pub peak_blocks: usize,
    /// Blocks in use when the report was made.
    pub final_blocks: usize,
}

impl ClassRow {
    pub fn peak_bytes(&self) -> usize {
        self.peak_blocks * self.block_size
    }
    pub fn final_bytes(&self) -> usize {
        self.final_blocks * self.block_size
    }
}

/// The whole report.
#[derive(Clone, Debug, Default)]
pub struct HeapReport {
    /// The allocator mode; only `pymalloc` has classes and arenas.
    pub mode: &'static str,
    /// Classes that had a block in use at some sample, smallest first.
    pub classes: Vec<ClassRow>,
    /// Most pool blocks in use at once (all classes, at one sample).
    pub peak_total_blocks: usize,
    /// Pool blocks in use at the end.
    pub final_total_blocks: usize,
    /// Most pool bytes in use at once.
    pub peak_total_bytes: usize,
    /// Pool bytes in use at the end.
    pub final_total_bytes: usize,
    /// Large or raw blocks forwarded to `malloc`, live at the end.
    pub raw_blocks: usize,
    /// Arenas mapped since start.
    pub arenas_taken: usize,
    /// Arenas returned to the system.
    pub arenas_returned: usize,
    /// Most arenas alive at once.
    pub arenas_peak: usize,
    /// Arenas alive at the end.
    pub arenas_final: usize,
    /// `gc.get_stats()` per generation.
    pub generations: [GenStats; 3],
}

#[derive(Default)]
struct Peaks {
    classes: [usize; NB_SMALL_SIZE_CLASSES],
    total_blocks: usize,
    total_bytes: usize,
}

thread_local! {
    static PEAKS: RefCell<Option<Peaks>> = const { RefCell::new(None) };
}

/// Starts sampling peaks on this thread (and takes a first sample).
pub fn start_tracking() {
    PEAKS.with(|p| *p.borrow_mut() = Some(Peaks::default()));
    sample();
}

/// Whether peaks are being sampled.
pub fn tracking() -> bool {
    PEAKS.with(|p| p.borrow().is_some())
}

/// Folds the allocator's current figures into the peaks (no-op unless tracking).
pub fn sample() {
    if !tracking() {
        return;
    }
    let st = with_allocator(|a| a.stats());
    PEAKS.with(|p| {
        if let Some(p) = p.borrow_mut().as_mut() {
            let mut blocks = 0;
            for (c, row) in st.classes.iter().enumerate() {
                p.classes[c] = p.classes[c].max(row.blocks_in_use);
                blocks += row.blocks_in_use;
            }
            p.total_blocks = p.total_blocks.max(blocks);
            p.total_bytes = p.total_bytes.max(st.bytes_in_allocated_blocks);
        }
    });
}

/// The report now (samples first, so the final figures count as a sample).
pub fn heap_report() -> HeapReport {
    sample();
    let (mode, st) = with_allocator(|a| (a.mode().name(), a.stats()));
    let generations = with_heap(|h| [0, 1, 2].map(|i| h.stats[i].get()));
    let mut r = HeapReport {
        mode,
        generations,
        ..HeapReport::default()
    };
    PEAKS.with(|p| {
        let p = p.borrow();
        for (c, row) in st.classes.iter().enumerate() {
            let peak = p.as_ref().map_or(row.blocks_in_use, |p| p.classes[c]);
            if peak == 0 && row.blocks_in_use == 0 {
                continue;
            }
            r.classes.push(ClassRow {
                class: c,
                block_size: row.size,
                peak_blocks: peak,
                final_blocks: row.blocks_in_use,
            });
            r.final_total_blocks += row.blocks_in_use;
        }
        r.peak_total_blocks = p.as_ref().map_or(r.final_total_blocks, |p| p.total_blocks);
        r.peak_total_bytes = p
            .as_ref()
            .map_or(st.bytes_in_allocated_blocks, |p| p.total_bytes);
    });
    r.final_total_bytes = st.bytes_in_allocated_blocks;
    r.raw_blocks = st.raw_allocated_blocks;
    r.arenas_taken = st.arenas_allocated_total;
    r.arenas_returned = st.arenas_reclaimed;
    r.arenas_peak = st.arenas_highwater;
    r.arenas_final = st.arenas_current;
    r
}
