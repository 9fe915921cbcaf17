//! Read-only views of the heap for people: the data behind the REPL's memory commands
//! (`:heap`, `:refs`, `:why`, `:gc`, `:alloc`), `--heap-report`, `--heap-map` and the
//! `mempy` module. Each file computes one view as a plain struct; nothing here changes
//! the heap or the collector (the only side effect is the temporary references a walk
//! holds). The heap map, text map and report are rendered by the driver
//! (`crates/driver/src/views.rs`, installed here through [`render`] so the `mempy`
//! module can use them); the short views (`refs`, `why`, `gc`) carry their own
//! `Display`. Safe code only: the allocator is read through `heap::with_allocator`.

pub mod edge;
pub mod gc_summary;
pub mod heap_map;
pub mod refs;
pub mod render;
pub mod report;
pub mod why;

pub use gc_summary::{gc_summary, GcSummary};
pub use heap_map::{heap_map, HeapMap};
pub use refs::{refs, RefsInfo};
pub use report::{heap_report, HeapReport};
pub use why::{why, WhyChain};
