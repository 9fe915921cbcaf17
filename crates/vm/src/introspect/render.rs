//! The renderers of the heap views, installed by the driver. The VM computes the views
//! (`heap_map.rs`, `report.rs`); drawing them (SVG, terminal blocks, report text) is the
//! driver's job (`crates/driver/src/views.rs`). The `mempy` module reaches the drawings
//! through this per-thread hook, as imports reach the compiler through the compile hook.

use std::cell::Cell;

use super::HeapMap;

/// Pure functions from a view to text.
#[derive(Clone, Copy)]
pub struct Renderers {
    /// The SVG document of a heap map.
    pub svg: fn(&HeapMap) -> String,
    /// The terminal map; `true` for ANSI colours and Unicode blocks.
    pub text: fn(&HeapMap, bool) -> String,
}

thread_local! {
    static RENDERERS: Cell<Option<Renderers>> = const { Cell::new(None) };
}

/// Installs the renderers for this thread's VM.
pub fn install(r: Renderers) {
    RENDERERS.with(|c| c.set(Some(r)));
}

/// The installed renderers, if any.
pub fn renderers() -> Option<Renderers> {
    RENDERERS.with(|c| c.get())
}
