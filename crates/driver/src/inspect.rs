//! The driver's memory commands: the REPL's `:heap`, `:refs EXPR`, `:why EXPR`, `:gc`,
//! `:alloc on|off` and `:help`, and the at-exit views of `--heap-report` and
//! `--heap-map`. Each command computes a view with `mempy_vm::introspect` and renders it
//! (`views.rs`); the CLI only prints the returned text. `:refs` and `:why` evaluate their
//! expression in `__main__` through a temporary global that is removed at once, so the
//! inspection adds no lasting reference.

use std::cell::Cell;
use std::rc::Rc;

use mempy_vm::heap::with_heap;
use mempy_vm::introspect;
use mempy_vm::{CompileMode, PyObjectRef, Vm};

use crate::{compile_error_exception, compile_hook, report, views, Interactive, RunOptions};

/// The `:help` text.
pub const HELP: &str = "\
memory commands:
  :heap          the arena/pool map (one row per arena, one cell per pool)
  :refs EXPR     refcount, size, gc generation and referrers of EXPR's value
  :why EXPR      the shortest chain of references from a root (global, local) to EXPR's value
  :gc            collector counts, thresholds, statistics and gc.garbage
  :alloc on|off  after each input, the blocks it allocated and freed and the collections run
  :help          this list
";

const TMP: &str = "__mempy_inspect__";

thread_local! {
    /// `:alloc on`.
    static ALLOC: Cell<bool> = const { Cell::new(false) };
}

/// Called when a VM is created: installs the renderers and starts peak sampling.
pub(crate) fn at_start(opts: &RunOptions) {
    views::install();
    if opts.heap_report {
        introspect::report::start_tracking();
    }
}

/// Called when the program has finished, before finalization: writes the heap map and
/// the heap report (to stderr, so a program's stdout is unchanged).
pub(crate) fn at_exit(vm: &Vm, opts: &RunOptions) {
    if let Some(path) = &opts.heap_map {
        let svg = views::heap_map_svg(&introspect::heap_map());
        if let Err(e) = std::fs::write(path, svg) {
            vm.write_stderr(&format!(
                "mempy: can't write heap map '{}': {e}\n",
                path.display()
            ));
        }
    }
    if opts.heap_report {
        vm.write_stderr(&views::heap_report_text(&introspect::heap_report()));
    }
}

/// Whether stdout is a terminal (colours and Unicode blocks for `:heap`).
fn stdout_is_tty() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Figures `:alloc` compares before and after an input. Every block of the object
/// domain holds one object, so objects allocated and freed are blocks allocated and freed.
#[derive(Clone, Copy)]
struct Snapshot {
    allocations: u64,
    live: usize,
    collections: [usize; 3],
    collected: [usize; 3],
}

fn snapshot() -> Snapshot {
    with_heap(|h| Snapshot {
        allocations: h.allocations(),
        live: h.live_objects(),
        collections: [0, 1, 2].map(|i| h.stats[i].get().collections),
        collected: [0, 1, 2].map(|i| h.stats[i].get().collected),
    })
}

/// The `:alloc` line for one input: blocks allocated and freed by it, the net change and
/// what is in use now, and the collections that ran (generation, count, objects freed).
fn alloc_line(b: &Snapshot, a: &Snapshot) -> String {
    let allocated = a.allocations - b.allocations;
    let net = a.live as i64 - b.live as i64;
    let freed = allocated as i64 - net;
    let ran: Vec<String> = (0..3)
        .filter(|&g| a.collections[g] > b.collections[g])
        .map(|g| match a.collections[g] - b.collections[g] {
            1 => format!("gen {g}"),
            n => format!("gen {g} x{n}"),
        })
        .collect();
    let gc = if ran.is_empty() {
        "no collection".to_string()
    } else {
        let collected: usize = (0..3).map(|g| a.collected[g] - b.collected[g]).sum();
        let objects = if collected == 1 { "object" } else { "objects" };
        format!(
            "collection: {} ({collected} unreachable {objects} freed)",
            ran.join(", ")
        )
    };
    let blocks = if allocated == 1 { "block" } else { "blocks" };
    format!(
        "[alloc] {allocated} {blocks} allocated, {freed} freed (net {net:+}, {} in use); {gc}\n",
        a.live
    )
}

impl Interactive {
    /// Runs one input as [`Interactive::run`], then prints the `:alloc` line if it is on.
    pub fn run_observed(&self, src: &str) -> Option<i32> {
        let before = ALLOC.with(|a| a.get()).then(snapshot);
        let r = self.run(src);
        // No line after the input that ends the session (`exit()`).
        if let (Some(b), None) = (before, r) {
            self.vm.write_stderr(&alloc_line(&b, &snapshot()));
        }
        introspect::report::sample();
        r
    }

    /// Runs a `:` command; returns the text to print.
    pub fn command(&self, line: &str) -> String {
        let line = line.trim();
        let (cmd, arg) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(c, a)| (c, a.trim()));
        match cmd {
            ":heap" => views::heap_map_text(&introspect::heap_map(), stdout_is_tty()),
            ":gc" => introspect::gc_summary(&self.vm).to_string(),
            ":refs" | ":why" if arg.is_empty() => format!("usage: {cmd} EXPR\n"),
            ":refs" => match self.eval(arg) {
                // The value returned by `eval` is the one reference the command holds.
                Some(v) => introspect::refs(&self.vm, &v, 1).to_string(),
                None => String::new(),
            },
            ":why" => match self.eval(arg) {
                Some(v) => introspect::why(&self.vm, &v, Vec::new(), 1).to_string(),
                None => String::new(),
            },
            ":alloc" => match arg {
                "on" | "off" => {
                    ALLOC.with(|a| a.set(arg == "on"));
                    format!("alloc reporting {arg}\n")
                }
                _ => "usage: :alloc on|off\n".into(),
            },
            ":help" | ":h" | ":?" => HELP.into(),
            _ => format!("unknown command {cmd} (type :help)\n"),
        }
    }

    /// Evaluates `expr` in `__main__`; errors are printed as tracebacks.
    fn eval(&self, expr: &str) -> Option<PyObjectRef> {
        let vm: &Rc<Vm> = &self.vm;
        let src = format!("{TMP} = ({expr}\n)\n");
        let code = match compile_hook(&src, "<stdin>", CompileMode::Module) {
            Ok(c) => c,
            Err(cf) => {
                let _ = report(vm, compile_error_exception(vm, &cf));
                return None;
            }
        };
        let r = vm.run_code(code, self.globals.clone());
        vm.flush_all();
        let key = vm.intern(TMP);
        let value = self.globals.get_item_str_opt(&key);
        let _ = self.globals.del_item(vm, key.as_object());
        match r {
            Ok(_) => value,
            Err(e) => {
                let _ = report(vm, e);
                None
            }
        }
    }
}
