//! The pymalloc section of `sys._debugmallocstats()`, byte for byte as CPython 3.11 prints it.
//!
//! Layout: the threshold line, the per-class table (`%5u %6u %11zu %15zu %13zu`, classes with
//! no pool in use omitted), then "printone" lines (label padded to 35 columns, `=`, the value
//! right-aligned in 21 columns with thousands separators): arena counters, the byte accounting
//! that sums to the arenas' size, and the radix-tree figures. The numbers come from
//! `stats.rs`; the type free-list lines that follow in CPython belong to the VM.

use core::fmt::{self, Write};

use crate::geometry::{ARENA_SIZE, NB_SMALL_SIZE_CLASSES, POOL_SIZE, SMALL_REQUEST_THRESHOLD};
use crate::stats::Stats;

/// Formats `value` with `,` every three digits (`printone`'s digit loop).
pub fn with_commas(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    let mut until_comma = digits.len() % 3;
    if until_comma == 0 {
        until_comma = 3;
    }
    for c in digits.chars() {
        if until_comma == 0 {
            out.push(',');
            until_comma = 3;
        }
        out.push(c);
        until_comma -= 1;
    }
    out
}

/// One `printone` line: `msg` padded to 35 columns, `=`, `value` in 21 columns.
pub fn printone(out: &mut dyn Write, msg: &str, value: usize) -> fmt::Result {
    writeln!(out, "{msg:<35}={:>21}", with_commas(value))
}

/// Writes `_PyObject_DebugMallocStats`'s output for `st`.
pub(crate) fn write_report(st: &Stats, out: &mut dyn Write) -> fmt::Result {
    writeln!(
        out,
        "Small block threshold = {SMALL_REQUEST_THRESHOLD}, in {NB_SMALL_SIZE_CLASSES} size classes."
    )?;
    out.write_char('\n')?;
    out.write_str(
        "class   size   num pools   blocks in use  avail blocks\n\
         -----   ----   ---------   -------------  ------------\n",
    )?;
    for (class, row) in st.classes.iter().enumerate() {
        if row.pools == 0 {
            continue;
        }
        writeln!(
            out,
            "{class:>5} {:>6} {:>11} {:>15} {:>13}",
            row.size, row.pools, row.blocks_in_use, row.free_blocks
        )?;
    }
    out.write_char('\n')?;
    printone(out, "# arenas allocated total", st.arenas_allocated_total)?;
    printone(out, "# arenas reclaimed", st.arenas_reclaimed)?;
    printone(out, "# arenas highwater mark", st.arenas_highwater)?;
    printone(out, "# arenas allocated current", st.arenas_current)?;
    let label = format!("{} arenas * {ARENA_SIZE} bytes/arena", st.arenas_current);
    printone(out, &label, st.arena_bytes)?;
    out.write_char('\n')?;
    printone(
        out,
        "# bytes in allocated blocks",
        st.bytes_in_allocated_blocks,
    )?;
    printone(
        out,
        "# bytes in available blocks",
        st.bytes_in_available_blocks,
    )?;
    let label = format!("{} unused pools * {POOL_SIZE} bytes", st.unused_pools);
    printone(out, &label, st.bytes_in_unused_pools)?;
    printone(
        out,
        "# bytes lost to pool headers",
        st.bytes_lost_to_pool_headers,
    )?;
    printone(
        out,
        "# bytes lost to quantization",
        st.bytes_lost_to_quantization,
    )?;
    printone(
        out,
        "# bytes lost to arena alignment",
        st.bytes_lost_to_arena_alignment,
    )?;
    printone(out, "Total", st.accounted_bytes())?;
    out.write_str("\narena map counts\n")?;
    printone(out, "# arena map mid nodes", st.arena_map_mid_nodes)?;
    printone(out, "# arena map bot nodes", st.arena_map_bot_nodes)?;
    out.write_char('\n')?;
    printone(
        out,
        "# bytes lost to arena map root",
        st.bytes_arena_map_root,
    )?;
    printone(out, "# bytes lost to arena map mid", st.bytes_arena_map_mid)?;
    printone(out, "# bytes lost to arena map bot", st.bytes_arena_map_bot)?;
    printone(out, "Total", st.arena_map_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_every_three_digits() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1000), "1,000");
        assert_eq!(with_commas(4_194_304), "4,194,304");
        assert_eq!(with_commas(262_144), "262,144");
    }

    #[test]
    fn printone_matches_the_reference_sample() {
        let mut s = String::new();
        printone(&mut s, "# arenas allocated total", 4).unwrap();
        printone(&mut s, "4 arenas * 1048576 bytes/arena", 4_194_304).unwrap();
        printone(&mut s, "Total", 655_360).unwrap();
        assert_eq!(
            s,
            "# arenas allocated total           =                    4\n\
             4 arenas * 1048576 bytes/arena     =            4,194,304\n\
             Total                              =              655,360\n"
        );
    }
}
