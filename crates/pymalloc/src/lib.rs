//! CPython 3.11's small-object allocator ("pymalloc", `Objects/obmalloc.c`) for 64-bit Linux,
//! with its statistics, its debug hooks and a view of its heap. It knows nothing about Python
//! objects; the VM asks it for bytes.
//!
//! # Layers
//!
//! ```text
//!     object / mem domain requests          raw domain requests
//!                |                                  |
//!        1..=512 bytes?  --no (0 or > 512)-->  C malloc / calloc / realloc / free
//!                | yes                              ^
//!        size class (16-byte steps, 32 classes)     |  (arenas: mmap, 1 MiB each)
//!                |                                  |
//!     block  <  pool (16 KiB, one class)  <  arena (1 MiB, 63 or 64 pools)
//! ```
//!
//! A **block** is what the caller gets. A **pool** is 16 KiB: a 48-byte header and blocks of a
//! single size class. An **arena** is 1 MiB from the system, cut into pools on demand. The
//! debug hooks (`PYTHONMALLOC=debug`) sit above all of this and add 24 bytes per request.
//!
//! # Size classes
//!
//! | class | request  | block | blocks/pool | class | request  | block | blocks/pool |
//! |-------|----------|-------|-------------|-------|----------|-------|-------------|
//! | 0     | 1–16     | 16    | 1021        | 16    | 257–272  | 272   | 60          |
//! | 1     | 17–32    | 32    | 510         | 17    | 273–288  | 288   | 56          |
//! | 2     | 33–48    | 48    | 340         | 18    | 289–304  | 304   | 53          |
//! | 3     | 49–64    | 64    | 255         | 19    | 305–320  | 320   | 51          |
//! | 4     | 65–80    | 80    | 204         | 20    | 321–336  | 336   | 48          |
//! | 5     | 81–96    | 96    | 170         | 21    | 337–352  | 352   | 46          |
//! | 6     | 97–112   | 112   | 145         | 22    | 353–368  | 368   | 44          |
//! | 7     | 113–128  | 128   | 127         | 23    | 369–384  | 384   | 42          |
//! | 8     | 129–144  | 144   | 113         | 24    | 385–400  | 400   | 40          |
//! | 9     | 145–160  | 160   | 102         | 25    | 401–416  | 416   | 39          |
//! | 10    | 161–176  | 176   | 92          | 26    | 417–432  | 432   | 37          |
//! | 11    | 177–192  | 192   | 85          | 27    | 433–448  | 448   | 36          |
//! | 12    | 193–208  | 208   | 78          | 28    | 449–464  | 464   | 35          |
//! | 13    | 209–224  | 224   | 72          | 29    | 465–480  | 480   | 34          |
//! | 14    | 225–240  | 240   | 68          | 30    | 481–496  | 496   | 32          |
//! | 15    | 241–256  | 256   | 63          | 31    | 497–512  | 512   | 31          |
//!
//! The constants and their constraints are in [`geometry`]; the mapping in [`size_class`].
//!
//! # Pool states and transitions
//!
//! ```text
//!            carve (lazily, in address order)
//!   unused ------------------------------------+
//!                                              v
//!   empty (arena's freepools) --first alloc--> used (usedpools[class]) --last block--> full
//!     ^                                          |  ^                                    |
//!     +---------------last block freed-----------+  +-----------a block freed------------+
//! ```
//!
//! - **used**: some blocks out. Lives on the circular list `usedpools[class]`; allocation
//!   always takes the head pool of the list and pops its free list (freed blocks are reused
//!   LIFO, then never-used blocks in address order).
//! - **full**: no block left. On no list at all; a free of one of its blocks makes it used
//!   again at the *front* of its list.
//! - **empty**: no block out. Pushed on its arena's `freepools`; it keeps its old class, so if
//!   the same class takes it back its free list is reused as is.
//! - **unused**: never carved. Each arena carves pools from its first 16 KiB-aligned address
//!   upward, only when no empty pool is cached.
//!
//! # Arenas
//!
//! Arenas with at least one free (empty or uncarved) pool sit on `usable_arenas`, sorted by
//! ascending number of free pools, so a new pool always comes from the fullest arena and the
//! emptiest ones get a chance to drain. The search fingers `nfp2lasta[k]` (the last arena with
//! `k` free pools) keep the order with O(1) work per transition. When an arena's last pool
//! becomes empty it is returned to the system at once, unless it is the last arena on
//! `usable_arenas`: one wholly free arena is kept so that a loop allocating and freeing one
//! block does not map and unmap an arena each time. An arena whose base is not 16 KiB aligned
//! holds 63 pools; see [`ArenaPlacement`].
//!
//! A block's pool is its address rounded down to 16 KiB; whether an address belongs to an
//! arena at all is answered in O(1) by a map over 1 MiB address slots (`arena_map.rs`), so a
//! pointer from `malloc` can be freed through the same call.
//!
//! # Where the pool headers are
//!
//! Every pool reserves its first 48 bytes for its header, so block addresses and the byte
//! accounting are CPython's; but the header itself lives in a table owned by the arena map,
//! one 64-byte slot per 16 KiB of address space, whose slot for an address is computed without
//! a memory load. CPython's in-pool headers all sit on 16 KiB boundaries and therefore share
//! one L1 cache set; with the size mix of a Python program every allocation and free missed
//! the L1 cache on its header. A slot also names its pool while the pool is carved, which is
//! how `free` tells its own blocks from `malloc`'s. `pool.rs` and `arena_map.rs` have the
//! details.
//!
//! # Invariants
//!
//! - Every block handed out is 16-byte aligned and lies wholly inside one pool.
//! - `usedpools[c]` holds exactly the used pools of class `c`; full pools are on no list;
//!   empty pools are on their arena's `freepools`.
//! - `usable_arenas` is sorted by free pools and `nfp2lasta` agrees with it.
//! - The byte accounting of [`Stats`] sums exactly to the live arenas' size.
//!
//! [`Allocator::check_consistency`] verifies all of these.
//!
//! # Threads
//!
//! Single-threaded by design, like the VM. [`Allocator`] is neither `Send` nor `Sync`, so the
//! compiler rejects any use from a second thread; there are no locks.
//!
//! # Modes
//!
//! [`Mode`] mirrors `PYTHONMALLOC`: pymalloc (default), malloc, and the two debug variants whose
//! block layout, fill bytes and fatal messages are described in the `debug` module source.

mod allocator;
mod arena;
mod arena_map;
mod debug;
pub mod geometry;
mod inspect;
mod mode;
mod pool;
mod pymalloc;
mod raw;
mod report;
pub mod size_class;
mod stats;

pub use allocator::Allocator;
pub use arena::ArenaPlacement;
pub use debug::{FatalErrorHook, CLEANBYTE, DEADBYTE, DEBUG_EXTRA_BYTES, FORBIDDENBYTE};
pub use inspect::{ArenaInfo, BlockLocation, BlockState, PoolInfo, PoolState};
pub use mode::{Domain, Mode, UnknownAllocator};
pub use report::{printone, with_commas};
pub use stats::{ClassStats, Stats};
