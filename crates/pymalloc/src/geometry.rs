//! The tunable constants of 64-bit CPython 3.11's obmalloc, and the constraints that tie
//! them together.
//!
//! Everything else in the crate derives its arithmetic from these numbers; the mapping from a
//! request size to a size class lives next door in `size_class.rs`. The values are the real
//! ones of a 64-bit 3.11 build (several comments in `Objects/obmalloc.c` still describe
//! 8-byte classes and 4 KiB pools; those are out of date).

/// Every block handed out is aligned to this many bytes, and size classes are this far apart.
pub const ALIGNMENT: usize = 16;

/// `log2(ALIGNMENT)`.
pub const ALIGNMENT_SHIFT: u32 = 4;

/// The largest request served from a pool. Requests of 0 bytes or above this go to the system
/// allocator (and are still counted in [`crate::Allocator::allocated_blocks`]).
pub const SMALL_REQUEST_THRESHOLD: usize = 512;

/// Number of size classes: `SMALL_REQUEST_THRESHOLD / ALIGNMENT`.
pub const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD >> ALIGNMENT_SHIFT;

/// `log2(POOL_SIZE)`.
pub const POOL_BITS: u32 = 14;

/// A pool is 16 KiB: a 48-byte header followed by blocks of one size class.
pub const POOL_SIZE: usize = 1 << POOL_BITS;

/// Mask that turns a block address into its offset inside its pool.
pub const POOL_SIZE_MASK: usize = POOL_SIZE - 1;

/// Bytes reserved for the pool header: `sizeof(pool_header)` rounded up to `ALIGNMENT`.
pub const POOL_OVERHEAD: usize = 48;

/// `log2(ARENA_SIZE)`.
pub const ARENA_BITS: u32 = 20;

/// An arena is 1 MiB, obtained from (and returned to) the operating system in one piece.
pub const ARENA_SIZE: usize = 1 << ARENA_BITS;

/// Mask that turns an address into its offset inside its 1 MiB-aligned slot.
pub const ARENA_SIZE_MASK: usize = ARENA_SIZE - 1;

/// Pools in an arena whose base is 16 KiB aligned; one fewer (63) otherwise.
pub const MAX_POOLS_IN_ARENA: usize = ARENA_SIZE / POOL_SIZE;

/// Size index stored in a freshly carved pool header before its first use.
pub const DUMMY_SIZE_IDX: u32 = 0xffff;

/// Initial length of the arena descriptor vector; it doubles whenever it runs out.
pub const INITIAL_ARENA_OBJECTS: usize = 16;

// The constraints CPython states in prose, checked by the compiler here.
const _: () = assert!(ALIGNMENT == 1 << ALIGNMENT_SHIFT);
const _: () = assert!(SMALL_REQUEST_THRESHOLD & (ALIGNMENT - 1) == 0);
const _: () = assert!(NB_SMALL_SIZE_CLASSES == 32);
const _: () = assert!(POOL_OVERHEAD & (ALIGNMENT - 1) == 0);
const _: () = assert!(ARENA_SIZE & (POOL_SIZE - 1) == 0);
const _: () = assert!(MAX_POOLS_IN_ARENA == 64);
// `nextoffset`/`maxnextoffset` and the radix-tree tails are 32-bit fields.
const _: () = assert!(ARENA_BITS < 31);
