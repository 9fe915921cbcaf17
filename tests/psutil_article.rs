//! The article's `memory_usage()` sample (psutil), which CPython here cannot run (no
//! psutil), so it has no CPython snapshot: `mempy_only/memory_usage_psutil.py` is the
//! sample verbatim, run in-process under mempy, and its printed RSS must be the real
//! resident set size of this process, compared with `/proc/self/statm` read right after.

use std::path::Path;

/// Resident set size of this process in bytes, from `/proc/self/statm` (pages).
fn rss_now() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("statm's second field");
    pages * page_size()
}

fn page_size() -> u64 {
    let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap_or_default();
    smaps
        .lines()
        .find_map(|l| l.strip_prefix("KernelPageSize:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(4096, |kb| kb * 1024)
}

#[test]
fn memory_usage_sample_prints_the_real_rss() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("mempy_only/memory_usage_psutil.py");
    let opts = mempy_driver::RunOptions {
        argv: vec![path.display().to_string()],
        ..Default::default()
    };
    let before = rss_now();
    let t = mempy_driver::run_file_captured(&path, &opts);
    let after = rss_now();
    assert_eq!(t.exit_code, 0, "stderr: {}", t.stderr);
    assert_eq!(t.stderr, "");
    let rss: u64 = t
        .stdout
        .strip_prefix("Memory usage: ")
        .and_then(|s| s.strip_suffix(" bytes\n"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected output {:?}", t.stdout));
    assert_eq!(
        rss % page_size(),
        0,
        "RSS {rss} is not a whole number of pages"
    );
    // The VM thread's heap comes and goes between the readings, so the sample's value
    // lies within the readings around it, give or take a few MiB.
    let slack = 8 << 20;
    let (lo, hi) = (before.min(after), before.max(after));
    assert!(
        rss + slack >= lo && rss <= hi + slack,
        "printed RSS {rss} is not within [{lo}, {hi}] ± {slack} (this process's /proc/self/statm)"
    );
}
