//! The mempy pipeline in one place: read the source, parse, compile, run on a fresh
//! VM, and report the outcome as CPython does (uncaught exceptions and syntax
//! errors on stderr, `SystemExit` codes, exit statuses).
//!
//! Every run happens on a dedicated thread with a large stack ([`STACK_SIZE`], only
//! the touched pages cost memory), so deep Python recursion is bounded by the
//! recursion limit and the VM's native-stack guard, never by the OS stack. A panic
//! inside the VM thread is caught and reported as an internal error (exit 70).
//!
//! The VM never depends on the parser or the compiler: the driver installs a
//! compile hook (`Vm::compile_hook`) used by imports. The CLI (`crates/cli`) is a
//! thin layer over [`run_program`] and [`Interactive`]; where a program comes from is
//! `program.rs`, the REPL's Tab completion `complete.rs`.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use mempy_bytecode::CodeObject;
use mempy_vm::objects::PyBaseExceptionRef;
use mempy_vm::vm::Sink;
use mempy_vm::{CompileFailure, CompileMode, Vm};

mod complete;
mod dump;
mod inspect;
mod program;
pub mod views;

pub use dump::{dump, dump_source, DumpStage};
pub use inspect::HELP as MEMORY_COMMANDS_HELP;
pub use mempy_vm::heap::Mode as MallocMode;
pub use program::{run_program, run_sandboxed, run_stdin, Program, Sandbox};

/// Native stack reserved for the VM thread.
pub const STACK_SIZE: usize = 1 << 30;
/// Stack left unused by the VM's guard (room for the deepest native call chain).
const STACK_MARGIN: usize = 64 << 20;
/// Exit status for an internal error (a Rust panic in the VM).
pub const EXIT_INTERNAL: i32 = 70;

#[derive(Default, Clone)]
pub struct RunOptions {
    pub argv: Vec<String>,
    pub show_refcount: bool,
    /// `-X gcstress` (or `MEMPY_GCSTRESS=1`): a collection at every gc allocation.
    pub gc_stress: bool,
    /// The allocator mode, instead of `PYTHONMALLOC` (in-process runs of the tests).
    pub malloc_mode: Option<MallocMode>,
    /// `--heap-report`: print the heap report at exit (stderr).
    pub heap_report: bool,
    /// `--heap-map FILE.svg`: write the heap map at exit.
    pub heap_map: Option<PathBuf>,
    /// `-u`: stdout is written through at every write.
    pub unbuffered: bool,
    /// `-X memlimit=SIZE`: the bytes the program may hold (`heap::memlimit`).
    pub memlimit: Option<usize>,
}

/// What a captured run printed and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

/// Runs `f` on a fresh thread with a [`STACK_SIZE`] stack; a panic becomes `None`.
pub fn on_big_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> Option<R> {
    let h = std::thread::Builder::new()
        .name("mempy".into())
        .stack_size(STACK_SIZE)
        .spawn(f);
    match h {
        Ok(h) => h.join().ok(),
        Err(_) => None,
    }
}

/// `mempy FILE`: real stdout (buffered, flushed at exit) and stderr.
pub fn run_file(path: &Path, opts: &RunOptions) -> i32 {
    let path = path.to_path_buf();
    let opts = opts.clone();
    let r = on_big_stack(move || {
        let err: Sink = Box::new(std::io::stderr());
        run_file_on(&path, &opts, stdout_sink(&opts), err)
    });
    finish(r)
}

/// `mempy -c CODE`.
pub fn run_command(code: &str, opts: &RunOptions) -> i32 {
    run_program(&Program::Command(code.to_string()), opts)
}

/// The program's stdout: buffered (flushed at exit), or written through with `-u`.
fn stdout_sink(opts: &RunOptions) -> Sink {
    if opts.unbuffered {
        Box::new(LineFlush(std::io::stdout()))
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        ))
    }
}

/// CPython's message for a script it can't open.
fn cant_open(abs: &Path, e: &std::io::Error) -> String {
    format!(
        "mempy: can't open file '{}': [Errno {}] {}\n",
        abs.display(),
        e.raw_os_error().unwrap_or(2),
        errno_text(e)
    )
}

fn finish(r: Option<i32>) -> i32 {
    match r {
        Some(c) => c,
        None => {
            let _ = std::io::stdout().flush();
            eprintln!("mempy: internal error (a bug in mempy, not in your program)");
            EXIT_INTERNAL
        }
    }
}

/// A `Write` into a shared buffer (captured runs).
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
            .unwrap_or_default()
    }
}

/// Runs a file on a fresh VM on its own thread and captures its output.
pub fn run_file_captured(path: &Path, opts: &RunOptions) -> Transcript {
    let out = Shared::default();
    let err = Shared::default();
    let (o2, e2) = (out.clone(), err.clone());
    let path = path.to_path_buf();
    let opts = opts.clone();
    let r = on_big_stack(move || run_file_on(&path, &opts, Box::new(o2), Box::new(e2)));
    let exit_code = match r {
        Some(c) => c,
        None => {
            let mut e = err.clone();
            let _ = e.write_all(b"mempy: internal error (a bug in mempy, not in your program)\n");
            EXIT_INTERNAL
        }
    };
    Transcript {
        stdout: out.text(),
        stderr: err.text(),
        exit_code,
    }
}

/// The path as CPython shows it in `__file__` and tracebacks: absolute, not
/// canonicalized.
fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        let joined = std::env::current_dir().unwrap_or_default().join(path);
        // Drop `./` components as CPython's os.path.abspath does.
        let mut out = PathBuf::new();
        for c in joined.components() {
            match c {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other.as_os_str()),
            }
        }
        out
    }
}

fn run_file_on(path: &Path, opts: &RunOptions, out: Sink, err: Sink) -> i32 {
    let abs = absolute(path);
    let dir = abs
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let source = match std::fs::read(&abs) {
        Ok(b) => match decode_source(b, &abs) {
            Ok(s) => s,
            Err(msg) => {
                let mut err = err;
                let _ = err.write_all(msg.as_bytes());
                return 1;
            }
        },
        Err(e) => {
            let mut err = err;
            let _ = err.write_all(cant_open(&abs, &e).as_bytes());
            return 2;
        }
    };
    let vm = new_vm(opts, out, err, dir);
    let code = run_source(&vm, &source, &abs.display().to_string());
    shutdown(&vm, opts);
    code
}

/// A source file's text: UTF-8 (CPython's default source encoding), or CPython's
/// SyntaxError line for the first byte that is not, which it prints without a traceback.
fn decode_source(bytes: Vec<u8>, path: &Path) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let b = e.as_bytes();
        let line = b[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        format!(
            "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n",
            b[at],
            path.display()
        )
    })
}

fn errno_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// Checks `PYTHONMALLOC` before anything runs: on an unknown allocator returns CPython's
/// two-line fatal error, which the caller prints to stderr before exiting with status 1.
pub fn check_allocator() -> Result<(), String> {
    mempy_vm::heap::init_allocator()
}

/// A VM with the compile hook installed and `sys.argv`/`sys.path` set.
fn new_vm(opts: &RunOptions, out: Sink, err: Sink, script_dir: String) -> Rc<Vm> {
    if let Some(mode) = opts.malloc_mode {
        mempy_vm::heap::choose_mode(mode);
    }
    let _ = mempy_vm::heap::init_allocator();
    mempy_vm::interrupt::install_sigint_handler();
    inspect::at_start(opts);
    let vm = Vm::new(out, err);
    let marker = 0u8;
    vm.stack_base.set(&marker as *const u8 as usize);
    vm.stack_budget.set(STACK_SIZE - STACK_MARGIN);
    *vm.compile_hook.borrow_mut() = Some(Rc::new(compile_hook));
    let argv = if opts.argv.is_empty() {
        vec![String::new()]
    } else {
        opts.argv.clone()
    };
    mempy_vm::modules::sys::set_argv(&vm, argv, &script_dir);
    let env_stress = std::env::var_os("MEMPY_GCSTRESS").is_some_and(|v| !v.is_empty() && v != "0");
    if opts.gc_stress || env_stress {
        mempy_vm::modules::gc::set_gc_stress(true);
    }
    mempy_vm::heap::memlimit::set_limit(opts.memlimit);
    vm
}

/// Parses and compiles `source` (the VM's compile hook).
pub fn compile_hook(
    source: &str,
    filename: &str,
    mode: CompileMode,
) -> Result<Rc<CodeObject>, CompileFailure> {
    compile_source(source, filename, mode, false)
}

/// Compiles `source`; `script_file` when it is the main script read from a file,
/// whose end-of-input errors CPython reports without a caret (offset 0).
fn compile_source(
    source: &str,
    filename: &str,
    mode: CompileMode,
    script_file: bool,
) -> Result<Rc<CodeObject>, CompileFailure> {
    let module = mempy_parser::parse(source).map_err(|e| {
        let mut f = failure(
            source,
            filename,
            e.class_name(),
            e.message(),
            e.span.start,
            e.span.end,
        );
        if script_file && e.at_end_of_input() {
            f.col = 0;
            f.end_col = 0;
        }
        f
    })?;
    let mode = match mode {
        CompileMode::Module => mempy_compiler::Mode::Module,
        CompileMode::Interactive => mempy_compiler::Mode::Interactive,
        CompileMode::Eval => mempy_compiler::Mode::Eval,
    };
    mempy_compiler::compile(&module, source, filename, mode).map_err(|e| {
        let class = match e.kind {
            mempy_compiler::CompileErrorKind::Recursion => "RecursionError",
            mempy_compiler::CompileErrorKind::Syntax => "SyntaxError",
        };
        failure(
            source,
            filename,
            class,
            e.message.clone(),
            e.span.start,
            e.span.end,
        )
    })
}

/// A compile failure with CPython's 1-based line and column (in characters).
fn failure(
    source: &str,
    filename: &str,
    class: &str,
    message: String,
    start: u32,
    end: u32,
) -> CompileFailure {
    let pos = |off: u32| -> (usize, usize, usize) {
        let off = (off as usize).min(source.len());
        let mut off = off;
        while !source.is_char_boundary(off) {
            off -= 1;
        }
        let line_start = source[..off].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line = source[..off].matches('\n').count() + 1;
        let col = source[line_start..off].chars().count() + 1;
        (line, col, line_start)
    };
    let (line, col, ls) = pos(start);
    let (end_line, end_col, _) = pos(end);
    let text_end = source[ls..]
        .find('\n')
        .map(|i| ls + i + 1)
        .unwrap_or(source.len());
    let mut text = source.get(ls..text_end).map(str::to_string);
    let (mut col, mut end_col) = (col, end_col);
    if let Some(nul) = text.as_ref().and_then(|t| t.find('\0')) {
        // A NUL byte: CPython shows the line up to it, without a caret.
        text = text.map(|t| t[..nul].to_string());
        (col, end_col) = (0, 0);
    }
    CompileFailure {
        class_name: class.to_string(),
        message,
        filename: filename.to_string(),
        line,
        col,
        end_line,
        end_col,
        text,
    }
}

/// Compiles and runs `source` as `__main__`; returns the exit status.
fn run_source(vm: &Rc<Vm>, source: &str, filename: &str) -> i32 {
    let main = vm.new_module("__main__");
    let d = &main.dict;
    let set = |k: &str, v| d.set_item_str(vm, &vm.intern(k), v);
    set("__package__", vm.none());
    set("__loader__", vm.none());
    set("__spec__", vm.none());
    set("__annotations__", vm.new_dict().into());
    set("__builtins__", vm.builtins.clone().into());
    if filename != "<string>" {
        set("__file__", vm.new_str(filename));
        set("__cached__", vm.none());
    }
    vm.sys_modules
        .set_item_str(vm, &vm.intern("__main__"), main.clone().into());
    let script_file = filename != "<string>";
    let code = match compile_source(source, filename, CompileMode::Module, script_file) {
        Ok(c) => c,
        Err(cf) => {
            let e = compile_error_exception(vm, &cf);
            return report(vm, e);
        }
    };
    let r = vm.run_source_code(code, main.dict.clone());
    match r {
        Ok(_) => {
            vm.flush_all();
            0
        }
        Err(e) => report(vm, e),
    }
}

fn compile_error_exception(vm: &Vm, cf: &CompileFailure) -> PyBaseExceptionRef {
    if cf.class_name == "RecursionError" {
        return vm.new_recursion_error(cf.message.clone());
    }
    mempy_vm::eval::import::syntax_error(vm, cf)
}

/// Set when a program run by [`run_program`] ended with an uncaught `KeyboardInterrupt`.
static UNCAUGHT_INTERRUPT: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Whether the last program ended with an uncaught `KeyboardInterrupt`: CPython then
/// ends by SIGINT ([`exit_by_sigint`]) rather than with a status.
pub fn ended_by_interrupt() -> bool {
    UNCAUGHT_INTERRUPT.load(std::sync::atomic::Ordering::SeqCst)
}

pub use mempy_vm::heap::memlimit::{parse_size as parse_memlimit, CountingAlloc};
pub use mempy_vm::interrupt::exit_by_sigint;

/// Reports an uncaught exception (or handles `SystemExit`); returns the status.
fn report(vm: &Vm, e: PyBaseExceptionRef) -> i32 {
    if e.as_object()
        .class()
        .is_subtype(&vm.ctx.exc.keyboard_interrupt)
    {
        UNCAUGHT_INTERRUPT.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    let code = mempy_vm::traceback::handle_uncaught(vm, &e);
    vm.flush_all();
    code
}

/// End of the program: CPython's finalization (at-exit callbacks, module
/// namespaces cleared so finalizers run, final collections), then flush.
fn shutdown(vm: &Rc<Vm>, opts: &RunOptions) {
    vm.flush_all();
    inspect::at_exit(vm, opts);
    let (refs, blocks) = mempy_vm::modules::gc::finalize_vm(vm);
    if opts.show_refcount {
        vm.write_stderr(&format!("[{refs} refs, {blocks} blocks]\n"));
    }
    vm.flush_all();
}

/// A REPL session: one VM, `__main__` as the namespace.
pub struct Interactive {
    vm: Rc<Vm>,
    globals: mempy_vm::objects::PyDictRef,
    _buf: RefCell<()>,
}

/// What the REPL should do with the lines typed so far.
pub enum Input {
    /// Run them.
    Complete,
    /// Ask for a continuation line (`... `).
    NeedMore,
}

impl Interactive {
    pub fn new(opts: &RunOptions) -> Interactive {
        Interactive::with_script_dir(opts, "")
    }

    /// A session whose `sys.path[0]` is `script_dir`. Installs the Ctrl-C handler.
    fn with_script_dir(opts: &RunOptions, script_dir: &str) -> Interactive {
        mempy_vm::interrupt::install_sigint_handler();
        let vm = new_vm(
            opts,
            Box::new(LineFlush(std::io::stdout())),
            Box::new(std::io::stderr()),
            script_dir.to_string(),
        );
        let main = vm.new_module("__main__");
        main.dict
            .set_item_str(&vm, &vm.intern("__builtins__"), vm.builtins.clone().into());
        main.dict
            .set_item_str(&vm, &vm.intern("__annotations__"), vm.new_dict().into());
        vm.sys_modules
            .set_item_str(&vm, &vm.intern("__main__"), main.clone().into());
        let globals = main.dict.clone();
        Interactive {
            vm,
            globals,
            _buf: RefCell::new(()),
        }
    }

    /// Whether `src` (all lines typed so far) is complete. A block statement is
    /// complete only after a blank line.
    pub fn classify(&self, src: &str) -> Input {
        if let Err(e) = mempy_parser::parse(src) {
            // An error that more lines can't fix is reported at once, as CPython does.
            return if e.is_incomplete_input() {
                Input::NeedMore
            } else {
                Input::Complete
            };
        }
        let first = src.lines().next().unwrap_or("");
        let word = first
            .trim_start()
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '@'))
            .next()
            .unwrap_or("");
        let compound = matches!(
            word,
            "if" | "while" | "for" | "def" | "class" | "with" | "try" | "async"
        ) || word.starts_with('@');
        let opens_block = compound || first.trim_end().ends_with(':') || src.lines().count() > 1;
        if opens_block && !src.ends_with("\n\n") && !src.trim().is_empty() {
            return Input::NeedMore;
        }
        Input::Complete
    }

    /// Runs one input; `Some(status)` when the program asked to exit.
    pub fn run(&self, src: &str) -> Option<i32> {
        let vm = &self.vm;
        // A Ctrl-C that arrived at the prompt or after the last check is stale.
        mempy_vm::interrupt::take_interrupt();
        let code = match compile_hook(src, "<stdin>", CompileMode::Interactive) {
            Ok(c) => c,
            Err(cf) => {
                let e = compile_error_exception(vm, &cf);
                let _ = report(vm, e);
                return None;
            }
        };
        let r = vm.run_source_code(code, self.globals.clone());
        vm.flush_all();
        match r {
            Ok(_) => None,
            Err(e) => {
                if e.as_object().class().is_subtype(&vm.ctx.exc.system_exit) {
                    return Some(report(vm, e));
                }
                let _ = report(vm, e);
                None
            }
        }
    }
}

use mempy_vm::objects::typeobj::ObjectClass;

/// Stdout for the REPL: flushed after every write.
struct LineFlush(std::io::Stdout);

impl Write for LineFlush {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(buf)?;
        self.0.flush()?;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}
