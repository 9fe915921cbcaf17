//! The `sys._debugmallocstats()` pymalloc section for a fixed allocation script, pinned with
//! insta, plus the accounting identities the report relies on.

use std::ptr::NonNull;

use mempy_pymalloc::{Allocator, ArenaPlacement, Domain, Mode};

/// A small, fixed program: a few thousand blocks over several classes, half of some freed,
/// two system blocks, one arena drained and released.
fn script(a: &Allocator) -> Vec<(Domain, NonNull<u8>)> {
    let mut keep = Vec::new();
    let mut scratch = Vec::new();
    for (size, count) in [
        (16, 300),
        (24, 2000),
        (56, 1500),
        (100, 400),
        (200, 90),
        (512, 62),
    ] {
        for i in 0..count {
            let p = a.malloc(Domain::Object, size).unwrap();
            if i % 2 == 0 {
                keep.push((Domain::Object, p));
            } else {
                scratch.push(p);
            }
        }
    }
    for _ in 0..40 {
        keep.push((Domain::Mem, a.malloc(Domain::Mem, 64).unwrap()));
    }
    keep.push((Domain::Object, a.malloc(Domain::Object, 0).unwrap()));
    keep.push((Domain::Mem, a.malloc(Domain::Mem, 4096).unwrap()));
    // A burst that needs a second and third arena, then goes away again.
    let burst: Vec<_> = (0..4000)
        .map(|_| a.malloc(Domain::Object, 480).unwrap())
        .collect();
    for p in scratch.into_iter().chain(burst) {
        // SAFETY: live object-domain blocks of `a`.
        unsafe { a.free(Domain::Object, p) };
    }
    keep
}

fn report(a: &Allocator) -> String {
    let mut s = String::new();
    a.write_debug_stats(&mut s).unwrap();
    s
}

#[test]
#[cfg_attr(miri, ignore)]
fn debugmallocstats_for_a_fixed_script() {
    let a = Allocator::new(Mode::Pymalloc);
    let keep = script(&a);
    a.check_consistency().unwrap();
    let text = report(&a);
    // Arena addresses never appear in the report; the radix-tree node counts could only differ
    // if an arena straddled a 16 GiB boundary, so they are masked to keep the snapshot stable.
    insta::with_settings!({filters => vec![
        (r"(# arena map (mid|bot) nodes +=) +\d+", "$1 [N]"),
        (r"(# bytes lost to arena map (mid|bot) +=) +[\d,]+", "$1 [BYTES]"),
        (r"(# bytes lost to arena map bot += \[BYTES\]\nTotal +=) +[\d,]+", "$1 [BYTES]"),
    ]}, {
        insta::assert_snapshot!(text);
    });
    for (d, p) in keep {
        // SAFETY: live blocks of their own domain.
        unsafe { a.free(d, p) };
    }
    assert_eq!(a.allocated_blocks(), 0);
}

#[test]
#[cfg_attr(miri, ignore)]
fn report_totals_add_up_in_every_placement() {
    for placement in [
        ArenaPlacement::Misaligned,
        ArenaPlacement::PoolAligned,
        ArenaPlacement::ArenaAligned,
        ArenaPlacement::System,
    ] {
        let a = Allocator::with_placement(Mode::Pymalloc, placement);
        let _keep = script(&a);
        let st = a.stats();
        assert_eq!(st.accounted_bytes(), st.arena_bytes, "{placement:?}");
        assert_eq!(st.arenas_current, 2, "{placement:?}");
        assert_eq!(st.arenas_allocated_total, 3, "{placement:?}");
        assert_eq!(st.arenas_reclaimed, 1, "{placement:?}");
        assert_eq!(st.arena_map_mid_nodes, 1);
        assert!(st.arena_map_bot_nodes >= 1);
        let text = report(&a);
        let total = format!("{:>21}\n", mempy_pymalloc::with_commas(st.arena_bytes));
        assert!(text.contains(&format!("Total                              ={total}")));
        assert!(
            text.ends_with("\n\n"),
            "blank line before the free-list lines"
        );
    }
}

#[test]
fn empty_allocator_report() {
    let a = Allocator::new(Mode::PymallocDebug);
    let text = report(&a);
    assert!(text.starts_with(
        "Small block threshold = 512, in 32 size classes.\n\n\
         class   size   num pools   blocks in use  avail blocks\n\
         -----   ----   ---------   -------------  ------------\n\n\
         # arenas allocated total           =                    0\n"
    ));
    assert!(text.contains("0 arenas * 1048576 bytes/arena     =                    0\n"));
    assert!(text.contains("0 unused pools * 16384 bytes       =                    0\n"));
    assert!(text.contains("# bytes lost to arena map root     =              262,144\n"));
}
