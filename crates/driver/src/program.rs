//! Where a program comes from: a file, `-c CODE`, or standard input (`mempy -` and piped
//! stdin, named `<stdin>` as CPython names it). Runs one to completion on a fresh VM
//! ([`run_program`]), or inside a REPL session for `-i` ([`Interactive::run_program`]),
//! where an uncaught exception, `SystemExit` included, is printed and the session goes on,
//! as CPython does. The pipeline itself (compile, run, report) is in `lib.rs`.

use std::io::Read;
use std::path::PathBuf;

use mempy_vm::objects::typeobj::ObjectClass;
use mempy_vm::CompileMode;

use crate::{
    absolute, compile_error_exception, compile_hook, finish, new_vm, on_big_stack, run_file,
    run_source, shutdown, stdout_sink, Interactive, RunOptions,
};

/// The program to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Program {
    /// `mempy FILE`.
    File(PathBuf),
    /// `mempy -c CODE`.
    Command(String),
    /// `mempy -` or a pipe on standard input.
    Stdin,
}

impl Program {
    /// The directory CPython puts first on `sys.path`: the script's, or `''`.
    fn script_dir(&self) -> String {
        match self {
            Program::File(p) => absolute(p)
                .parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            Program::Command(_) => std::env::current_dir()
                .unwrap_or_default()
                .display()
                .to_string(),
            Program::Stdin => String::new(),
        }
    }

    /// The source and the file name tracebacks show; `Err(message)` when a file can't
    /// be read (CPython's wording).
    fn source(&self) -> Result<(String, String), String> {
        match self {
            Program::File(p) => {
                let abs = absolute(p);
                match std::fs::read(&abs) {
                    Ok(b) => Ok((crate::decode_source(b, &abs)?, abs.display().to_string())),
                    Err(e) => Err(crate::cant_open(&abs, &e)),
                }
            }
            Program::Command(c) => Ok((c.clone(), "<string>".into())),
            Program::Stdin => {
                let mut b = Vec::new();
                let _ = std::io::stdin().lock().read_to_end(&mut b);
                Ok((String::from_utf8_lossy(&b).into_owned(), "<stdin>".into()))
            }
        }
    }
}

/// Runs `program` on a fresh VM and returns the exit status.
pub fn run_program(program: &Program, opts: &RunOptions) -> i32 {
    match program {
        Program::File(p) => run_file(p, opts),
        Program::Command(_) | Program::Stdin => {
            let program = program.clone();
            let opts = opts.clone();
            let r = on_big_stack(move || {
                let (source, filename) = match program.source() {
                    Ok(s) => s,
                    Err(_) => return 2,
                };
                let vm = new_vm(
                    &opts,
                    stdout_sink(&opts),
                    Box::new(std::io::stderr()),
                    program.script_dir(),
                );
                let status = run_source(&vm, &source, &filename);
                shutdown(&vm, &opts);
                status
            });
            finish(r)
        }
    }
}

/// `mempy -` and piped stdin.
pub fn run_stdin(opts: &RunOptions) -> i32 {
    run_program(&Program::Stdin, opts)
}

impl Interactive {
    /// A session whose `sys.path[0]` is `program`'s directory (`-i`).
    pub fn for_program(opts: &RunOptions, program: &Program) -> Interactive {
        Interactive::with_script_dir(opts, &program.script_dir())
    }

    /// Runs `program` in the session's `__main__` before the prompt (`-i`). An uncaught
    /// exception, `SystemExit` included, is printed and the session goes on, as in
    /// CPython; a file that can't be opened gives `Some(2)`.
    pub fn run_program(&self, program: &Program) -> Option<i32> {
        let vm = &self.vm;
        let (source, filename) = match program.source() {
            Ok(s) => s,
            Err(msg) => {
                vm.write_stderr(&msg);
                return Some(2);
            }
        };
        if let Program::File(_) = program {
            self.globals
                .set_item_str(vm, &vm.intern("__file__"), vm.new_str(&filename));
            self.globals
                .set_item_str(vm, &vm.intern("__cached__"), vm.none());
        }
        let r = match compile_hook(&source, &filename, CompileMode::Module) {
            Ok(code) => vm.run_source_code(code, self.globals.clone()),
            Err(cf) => Err(compile_error_exception(vm, &cf)),
        };
        vm.flush_all();
        if let Err(e) = r {
            if e.as_object().class().is_subtype(&vm.ctx.exc.system_exit) {
                vm.write_stderr(&mempy_vm::traceback::format_exception(vm, &e));
            } else {
                let _ = crate::report(vm, e);
            }
        }
        None
    }
}

/// Limits and switches for [`run_sandboxed`].
#[derive(Debug, Clone)]
pub struct Sandbox {
    /// Periodic checks (backward jumps, calls, native-loop slices) before the program is
    /// stopped with `KeyboardInterrupt` (`mempy_vm::interrupt::set_step_budget`).
    pub steps: u64,
    /// Bytes the program may hold on top of what the process holds when it starts.
    pub memory: usize,
    /// `-X gcstress`: a collection at every gc-tracked allocation.
    pub gc_stress: bool,
}

/// Runs `source` as `__main__` of a fresh VM on its own thread, cut off from the outside
/// world: output captured, an empty stdin, no file access and no sleeping
/// (`mempy_vm::sandbox`), a step budget, a memory cap, and the allocator mode of
/// `PYTHONMALLOC` (the fuzz target sets `debug`). `None` if the VM panicked (a mempy
/// bug, which the caller reports).
pub fn run_sandboxed(source: &str, limits: &Sandbox) -> Option<crate::Transcript> {
    let source = source.to_string();
    let limits = limits.clone();
    let out = crate::Shared::default();
    let err = crate::Shared::default();
    let (o2, e2) = (out.clone(), err.clone());
    let code = on_big_stack(move || {
        mempy_vm::sandbox::set(true);
        mempy_vm::interrupt::set_step_budget(Some(limits.steps));
        let cap = mempy_vm::heap::memlimit::held().saturating_add(limits.memory);
        let opts = RunOptions {
            gc_stress: limits.gc_stress,
            memlimit: Some(cap),
            ..RunOptions::default()
        };
        let vm = new_vm(&opts, Box::new(o2), Box::new(e2), String::new());
        *vm.stdin.borrow_mut() = Box::new(std::io::empty());
        let status = run_source(&vm, &source, "<fuzz>");
        shutdown(&vm, &opts);
        drop(vm);
        mempy_vm::heap::memlimit::set_limit(None);
        mempy_vm::interrupt::set_step_budget(None);
        mempy_vm::sandbox::set(false);
        status
    })?;
    Some(crate::Transcript {
        stdout: out.text(),
        stderr: err.text(),
        exit_code: code,
    })
}

#[cfg(test)]
mod tests {
    use super::{run_sandboxed, Sandbox};

    fn limits(steps: u64) -> Sandbox {
        Sandbox {
            steps,
            memory: 64 << 20,
            gc_stress: false,
        }
    }

    /// Fuzz run regression (crash-11fd1f88): a spent budget raised at a call whose
    /// exception was made by a call that checked again, recursing until the stack ended.
    #[test]
    fn a_spent_step_budget_stops_the_program_with_keyboard_interrupt() {
        let src = "class C:\n    pass\nfor _ in range(2000):\n    c = C()\n    c.me = c\nprint('not reached')\n";
        let t = run_sandboxed(src, &limits(500)).expect("no panic");
        assert_eq!(t.stdout, "");
        assert!(
            t.stderr
                .ends_with("KeyboardInterrupt: mempy: step budget exhausted\n"),
            "{}",
            t.stderr
        );
        let t = run_sandboxed(src, &limits(100_000)).expect("no panic");
        assert_eq!(t.stdout, "not reached\n");
    }

    /// A program that catches the budget's exception is stopped again at its next check.
    #[test]
    fn catching_the_budget_stop_does_not_keep_the_program_running() {
        let src = "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass\n";
        let t = run_sandboxed(src, &limits(1000)).expect("no panic");
        assert_eq!(t.exit_code, 1);
    }

    #[test]
    fn the_sandbox_refuses_files_and_does_not_sleep() {
        let src = "import time\ntime.sleep(1000)\ntry:\n    open('/tmp/x', 'w')\nexcept PermissionError as e:\n    print(e)\nprint(input.__name__)\ntry:\n    input()\nexcept EOFError:\n    print('EOF')\n";
        let t = run_sandboxed(src, &limits(10_000)).expect("no panic");
        assert_eq!(
            t.stdout, "open() is not allowed in mempy's fuzz sandbox\ninput\nEOF\n",
            "{}",
            t.stderr
        );
    }
}
