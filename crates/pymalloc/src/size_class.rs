//! Request size to size class and back: pure arithmetic, no state.
//!
//! A request of `n` bytes with `1 <= n <= 512` lands in class `(n - 1) >> 4`, whose blocks are
//! `(class + 1) * 16` bytes. A pool of that class holds `(16384 - 48) / size` blocks and wastes
//! the remainder ("quantization"). The geometry constants come from `geometry.rs`; the pools
//! that use these numbers are in `pool.rs`.

use crate::geometry::{
    ALIGNMENT_SHIFT, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, POOL_SIZE, SMALL_REQUEST_THRESHOLD,
};

/// The size class of a request, or `None` when the request is not served from a pool
/// (0 bytes, or more than [`SMALL_REQUEST_THRESHOLD`]).
#[inline]
pub const fn size_class(nbytes: usize) -> Option<usize> {
    if nbytes.wrapping_sub(1) < SMALL_REQUEST_THRESHOLD {
        Some((nbytes - 1) >> ALIGNMENT_SHIFT)
    } else {
        None
    }
}

/// Block size of a class (`INDEX2SIZE` in CPython).
#[inline]
pub const fn class_size(class: usize) -> usize {
    (class + 1) << ALIGNMENT_SHIFT
}

/// Number of blocks a pool of this class can hold (`NUMBLOCKS` in CPython).
#[inline]
pub const fn blocks_per_pool(class: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) / class_size(class)
}

/// Bytes at the end of a pool of this class that no block can use.
#[inline]
pub const fn quantization_waste(class: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) % class_size(class)
}

/// All classes, smallest first.
pub fn classes() -> core::ops::Range<usize> {
    0..NB_SMALL_SIZE_CLASSES
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of section 1.3 of the reference, as (block size, blocks per pool, waste).
    const TABLE: [(usize, usize, usize); 32] = [
        (16, 1021, 0),
        (32, 510, 16),
        (48, 340, 16),
        (64, 255, 16),
        (80, 204, 16),
        (96, 170, 16),
        (112, 145, 96),
        (128, 127, 80),
        (144, 113, 64),
        (160, 102, 16),
        (176, 92, 144),
        (192, 85, 16),
        (208, 78, 112),
        (224, 72, 208),
        (240, 68, 16),
        (256, 63, 208),
        (272, 60, 16),
        (288, 56, 208),
        (304, 53, 224),
        (320, 51, 16),
        (336, 48, 208),
        (352, 46, 144),
        (368, 44, 144),
        (384, 42, 208),
        (400, 40, 336),
        (416, 39, 112),
        (432, 37, 352),
        (448, 36, 208),
        (464, 35, 96),
        (480, 34, 16),
        (496, 32, 464),
        (512, 31, 464),
    ];

    #[test]
    fn every_small_request_maps_to_the_smallest_fitting_class() {
        for n in 1..=SMALL_REQUEST_THRESHOLD {
            let class = size_class(n).expect("small request has a class");
            let size = class_size(class);
            assert!(size >= n, "request {n} does not fit class {class}");
            assert!(
                size - n < 16,
                "request {n} wastes a whole step in class {class}"
            );
            assert_eq!(size % 16, 0);
            assert_eq!(class, (n - 1) / 16);
        }
    }

    #[test]
    fn zero_and_above_threshold_have_no_class() {
        assert_eq!(size_class(0), None);
        assert_eq!(size_class(513), None);
        assert_eq!(size_class(usize::MAX), None);
        assert_eq!(size_class(512), Some(31));
        assert_eq!(size_class(1), Some(0));
    }

    #[test]
    fn measured_class_samples() {
        for (n, class) in [
            (1, 0),
            (8, 0),
            (15, 0),
            (16, 0),
            (17, 1),
            (32, 1),
            (33, 2),
            (48, 2),
            (100, 6),
            (496, 30),
            (497, 31),
            (512, 31),
        ] {
            assert_eq!(size_class(n), Some(class), "request {n}");
        }
    }

    #[test]
    fn per_class_geometry_matches_the_reference_table() {
        for class in classes() {
            let (size, blocks, waste) = TABLE[class];
            assert_eq!(class_size(class), size);
            assert_eq!(blocks_per_pool(class), blocks);
            assert_eq!(quantization_waste(class), waste);
            assert_eq!(POOL_OVERHEAD + blocks * size + waste, POOL_SIZE);
        }
    }
}
