//! Drawings of the VM's heap views (`mempy_vm::introspect`): the SVG heap map of
//! `--heap-map` and `mempy.heap_map()`, the terminal map of the REPL's `:heap`, and the
//! `--heap-report` text. Pure functions from plain structs to strings, so the CLI stays
//! thin and tests can feed them fixed data; [`install`] hands them to the VM for the
//! `mempy` module. Colours follow the size class (the same hue in SVG and terminal),
//! shading follows occupancy (blocks used / blocks per pool).

use std::fmt::Write;

use mempy_vm::introspect::heap_map::{ArenaInfo, PoolInfo, PoolState};
use mempy_vm::introspect::render::{self, Renderers};
use mempy_vm::introspect::{HeapMap, HeapReport};

/// Installs these renderers for the VM on the current thread.
pub fn install() {
    render::install(Renderers {
        svg: heap_map_svg,
        text: heap_map_text,
    });
}

/// Hue of a size class in degrees: the golden angle, so neighbouring classes differ.
fn hue(class: usize) -> f64 {
    (class as f64 * 137.508) % 360.0
}

/// RGB of a size class at HSL(hue, 65%, 50%).
fn class_rgb(class: usize) -> (u8, u8, u8) {
    let h = hue(class) / 60.0;
    let (s, l) = (0.65, 0.5);
    let c = (1.0 - (2.0 * l - 1.0f64).abs()) * s;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    (to(r), to(g), to(b))
}

/// Occupancy of a pool in 0..=1 (0 for empty or unused pools).
fn occupancy(p: &PoolInfo) -> f64 {
    if p.capacity == 0 {
        0.0
    } else {
        p.blocks_used as f64 / p.capacity as f64
    }
}

fn state_name(s: PoolState) -> &'static str {
    match s {
        PoolState::Used => "used",
        PoolState::Full => "full",
        PoolState::Empty => "empty",
        PoolState::Unused => "never carved",
    }
}

/// Classes with at least one carved pool, smallest first.
fn classes_present(map: &HeapMap) -> Vec<(usize, usize)> {
    let mut seen = [None; 32];
    for p in map.pools() {
        if let Some(c) = p.size_class {
            if c < 32 && p.state != PoolState::Unused {
                seen[c] = Some(p.block_size);
            }
        }
    }
    seen.iter()
        .enumerate()
        .filter_map(|(c, s)| s.map(|s| (c, s)))
        .collect()
}

fn summary_line(map: &HeapMap) -> String {
    let blocks = map.blocks_in_use();
    let bytes: usize = map.pools().map(|p| p.blocks_used * p.block_size).sum();
    format!(
        "{} arena{}, {} pools in use, {} blocks in use ({})",
        map.arenas.len(),
        if map.arenas.len() == 1 { "" } else { "s" },
        map.pools_in_use(),
        blocks,
        human_bytes(bytes)
    )
}

/// `1234567` → `1.2 MiB`.
pub fn human_bytes(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    }
}

// ----- SVG -----

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG picture: a title and summary, a legend (size classes, pool states, shading),
/// then one row per arena with one cell per pool. Cells shrink for many arenas so 200
/// arenas stay on a screen-sized page; every cell has a tooltip with its figures.
pub fn heap_map_svg(map: &HeapMap) -> String {
    let n = map.arenas.len();
    let cell = if n <= 40 {
        12.0
    } else if n <= 100 {
        9.0
    } else {
        6.0
    };
    let gap = if n <= 100 { 2.0 } else { 1.0 };
    let pitch = cell + gap;
    let label_w: f64 = 80.0;
    let left: f64 = 20.0;
    let grid_x = left + label_w;
    let present = classes_present(map);
    let legend_cols = 8usize;
    let legend_rows = present.len().div_ceil(legend_cols).max(1);
    let legend_top = 70.0;
    let states_top = legend_top + legend_rows as f64 * 20.0 + 8.0;
    let grid_top = states_top + 36.0;
    let width = (grid_x + 64.0 * pitch + 20.0).max(left + legend_cols as f64 * 90.0 + 20.0);
    let height = grid_top + n.max(1) as f64 * pitch + 30.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="monospace" font-size="11">"#
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r#"<text x="{left}" y="24" font-size="16" font-weight="bold">mempy heap map ({})</text>"#,
        map.mode
    );
    let _ = writeln!(
        s,
        r#"<text x="{left}" y="44">{}</text>"#,
        xml_escape(&summary_line(map))
    );
    let _ = writeln!(
        s,
        r#"<text x="{left}" y="{}">size classes (colour) — darker = fuller pool</text>"#,
        legend_top - 8.0
    );
    let _ = writeln!(s, r#"<g class="legend">"#);
    for (i, (c, size)) in present.iter().enumerate() {
        let x = left + (i % legend_cols) as f64 * 90.0;
        let y = legend_top + (i / legend_cols) as f64 * 20.0;
        let (r, g, b) = class_rgb(*c);
        let _ = writeln!(
            s,
            r#"<rect x="{x}" y="{y}" width="12" height="12" fill="rgb({r},{g},{b})"/><text x="{}" y="{}">{c}: {size} B</text>"#,
            x + 16.0,
            y + 10.0
        );
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, r#"<g class="states">"#);
    let swatches = [
        ("empty (cached)", "#e8e8e8", "#999999"),
        ("never carved", "#ffffff", "#cccccc"),
    ];
    for (i, (name, fill, stroke)) in swatches.iter().enumerate() {
        let x = left + i as f64 * 150.0;
        let _ = writeln!(
            s,
            r#"<rect x="{x}" y="{states_top}" width="12" height="12" fill="{fill}" stroke="{stroke}"/><text x="{}" y="{}">{name}</text>"#,
            x + 16.0,
            states_top + 10.0
        );
    }
    let gx = left + 300.0;
    let _ = writeln!(
        s,
        r#"<text x="{gx}" y="{}">occupancy</text>"#,
        states_top + 10.0
    );
    for k in 0..5 {
        let o = 0.2 + 0.2 * k as f64;
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{states_top}" width="12" height="12" fill="#555555" fill-opacity="{:.2}"/>"##,
            gx + 70.0 + k as f64 * 14.0,
            opacity(o)
        );
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, r#"<g class="arenas">"#);
    if n == 0 {
        let _ = writeln!(
            s,
            r#"<text x="{left}" y="{}">no arenas (allocator mode {})</text>"#,
            grid_top + 10.0,
            map.mode
        );
    }
    for (row, a) in map.arenas.iter().enumerate() {
        let y = grid_top + row as f64 * pitch;
        let font = if cell < 9.0 { 7 } else { 11 };
        let _ = writeln!(
            s,
            r#"<g class="arena"><text x="{left}" y="{}" font-size="{font}">arena {}</text>"#,
            y + cell - 1.0,
            a.index
        );
        for p in &a.pools {
            let x = grid_x + p.index as f64 * pitch;
            let _ = write!(
                s,
                r#"<rect x="{x}" y="{y}" width="{cell}" height="{cell}" "#
            );
            match (p.state, p.size_class) {
                (PoolState::Used | PoolState::Full, Some(c)) => {
                    let (r, g, b) = class_rgb(c);
                    let _ = write!(
                        s,
                        r#"fill="rgb({r},{g},{b})" fill-opacity="{:.2}""#,
                        opacity(occupancy(p))
                    );
                }
                (PoolState::Unused, _) => {
                    let _ = write!(s, r##"fill="#ffffff" stroke="#cccccc" stroke-width="0.5""##);
                }
                _ => {
                    let _ = write!(s, r##"fill="#e8e8e8" stroke="#999999" stroke-width="0.5""##);
                }
            }
            let class = p.size_class.map_or("-".to_string(), |c| {
                format!("class {c} ({} B)", p.block_size)
            });
            let _ = writeln!(
                s,
                "><title>arena {} pool {}: {}, {}, {}/{} blocks</title></rect>",
                a.index,
                p.index,
                state_name(p.state),
                class,
                p.blocks_used,
                p.capacity
            );
        }
        let _ = writeln!(s, "</g>");
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, "</svg>");
    s
}

/// Fill opacity for an occupancy: a nearly empty pool is still visible.
fn opacity(o: f64) -> f64 {
    0.25 + 0.75 * o.clamp(0.0, 1.0)
}

// ----- Terminal -----

/// The `:heap` map: a summary line, one line per arena (one character per pool), and a
/// legend. With `color`, Unicode shade blocks coloured by size class (256-colour ANSI);
/// without, plain ASCII shades and a per-class table instead of colours.
pub fn heap_map_text(map: &HeapMap, color: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "heap ({}): {}", map.mode, summary_line(map));
    if map.arenas.is_empty() {
        let _ = writeln!(
            s,
            "(no arenas: pools are used only by the pymalloc allocator)"
        );
        return s;
    }
    for a in &map.arenas {
        let _ = write!(s, "arena {:>3} ", a.index);
        let _ = write!(s, "{}", if color { "│" } else { "|" });
        for p in &a.pools {
            s.push_str(&pool_glyph(p, color));
        }
        let used = a
            .pools
            .iter()
            .filter(|p| matches!(p.state, PoolState::Used | PoolState::Full))
            .count();
        let _ = writeln!(
            s,
            "{} {used:>2}/{} pools",
            if color { "│" } else { "|" },
            a.total_pools
        );
    }
    if color {
        let _ = writeln!(
            s,
            "shade: ░ <25%  ▒ <50%  ▓ <75%  █ fuller   · empty   (blank) never carved"
        );
        let mut line = String::from("class:");
        for (c, size) in classes_present(map) {
            let _ = write!(line, " {}{c}:{size}B\x1b[0m", ansi_fg(c));
        }
        let _ = writeln!(s, "{line}");
    } else {
        let _ = writeln!(
            s,
            "shade: - <25%  + <50%  * <75%  # fuller   . empty   (blank) never carved"
        );
        // An emptied pool keeps its class until it is reused: the `empty` column says
        // why a class with no blocks still has a row.
        let _ = writeln!(s, "class  block  pools  empty  blocks");
        for (c, size) in classes_present(map) {
            let of_class = || map.pools().filter(move |p| p.size_class == Some(c));
            let pools: Vec<&PoolInfo> = of_class()
                .filter(|p| matches!(p.state, PoolState::Used | PoolState::Full))
                .collect();
            let empty = of_class()
                .filter(|p| matches!(p.state, PoolState::Empty))
                .count();
            let blocks: usize = pools.iter().map(|p| p.blocks_used).sum();
            let _ = writeln!(
                s,
                "{c:>5}  {size:>5}  {:>5}  {empty:>5}  {blocks:>6}",
                pools.len()
            );
        }
    }
    s
}

fn ansi_fg(class: usize) -> String {
    let (r, g, b) = class_rgb(class);
    let q = |v: u8| (v as u16 * 5 / 255) as u8;
    format!(
        "\x1b[38;5;{}m",
        16 + 36 * q(r) as u16 + 6 * q(g) as u16 + q(b) as u16
    )
}

fn pool_glyph(p: &PoolInfo, color: bool) -> String {
    let o = occupancy(p);
    let idx = if o < 0.25 {
        0
    } else if o < 0.5 {
        1
    } else if o < 0.75 {
        2
    } else {
        3
    };
    match (p.state, p.size_class, color) {
        (PoolState::Unused, _, _) => " ".into(),
        (PoolState::Empty, _, true) => "·".into(),
        (PoolState::Empty, _, false) => ".".into(),
        (_, Some(c), true) => format!("{}{}\x1b[0m", ansi_fg(c), ['░', '▒', '▓', '█'][idx]),
        (_, _, _) => ['-', '+', '*', '#'][idx].to_string(),
    }
}

/// Arena row of a map, for tests and callers that draw a single arena.
pub fn arena_line(a: &ArenaInfo) -> String {
    a.pools.iter().map(|p| pool_glyph(p, false)).collect()
}

// ----- Report -----

/// The `--heap-report` text.
pub fn heap_report_text(r: &HeapReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "=== mempy heap report ({}) ===", r.mode);
    if r.mode == "pymalloc" {
        let _ = writeln!(
            s,
            "class  block  peak blocks   peak bytes  final blocks  final bytes"
        );
        for c in &r.classes {
            let _ = writeln!(
                s,
                "{:>5}  {:>5}  {:>11}  {:>11}  {:>12}  {:>11}",
                c.class,
                c.block_size,
                c.peak_blocks,
                c.peak_bytes(),
                c.final_blocks,
                c.final_bytes()
            );
        }
        let _ = writeln!(
            s,
            "total         {:>11}  {:>11}  {:>12}  {:>11}",
            r.peak_total_blocks, r.peak_total_bytes, r.final_total_blocks, r.final_total_bytes
        );
        let _ = writeln!(
            s,
            "(peaks are sampled at each automatic collection and at exit)"
        );
        let _ = writeln!(
            s,
            "arenas: {} taken, {} returned, at most {} alive, {} alive at exit",
            r.arenas_taken, r.arenas_returned, r.arenas_peak, r.arenas_final
        );
    } else {
        let _ = writeln!(
            s,
            "(no size classes or arenas: PYTHONMALLOC is not pymalloc)"
        );
    }
    let _ = writeln!(
        s,
        "blocks from malloc (0 or > 512 bytes) alive at exit: {}",
        r.raw_blocks
    );
    let _ = writeln!(s, "gen  collections  objects freed  uncollectable");
    for (g, st) in r.generations.iter().enumerate() {
        let _ = writeln!(
            s,
            "{g:>3}  {:>11}  {:>13}  {:>13}",
            st.collections, st.collected, st.uncollectable
        );
    }
    s
}
