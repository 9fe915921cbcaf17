//! The `mempy` command: `mempy [options] [-c CODE | FILE | -] [ARGS]`, and `mempy` alone
//! for a REPL (or, when standard input is not a terminal, the program read from it).
//! Flags are parsed here (clap) and mapped to `mempy_driver::RunOptions`; the REPL's
//! line editing is `repl.rs`, its Tab completion `complete.rs`; everything else is the
//! driver's. Usage errors are CPython's three lines (reason, usage, hint) with exit status 2.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, Command};
use mempy_driver::{Program, RunOptions};

mod complete;
mod repl;

/// Counts the Rust heap for `-X memlimit`.
#[global_allocator]
static GLOBAL: mempy_driver::CountingAlloc = mempy_driver::CountingAlloc;

fn cli() -> Command {
    Command::new("mempy")
        .about("A Python 3.11 interpreter whose subject is memory management")
        .override_usage("mempy [OPTIONS] [-c CODE | FILE | -] [ARGS]...")
        .arg(
            Arg::new("command")
                .short('c')
                .value_name("CODE")
                .allow_hyphen_values(true)
                .help("program passed in as string (terminates option list)"),
        )
        .arg(
            Arg::new("inspect")
                .short('i')
                .action(ArgAction::SetTrue)
                .help("inspect interactively after running script (also after an exception)"),
        )
        .arg(
            Arg::new("unbuffered")
                .short('u')
                .action(ArgAction::SetTrue)
                .help("force the stdout stream to be unbuffered"),
        )
        .arg(
            Arg::new("xopt")
                .short('X')
                .value_name("OPT")
                .action(ArgAction::Append)
                .help("showrefcount | gcstress | memlimit=SIZE (e.g. 64M)"),
        )
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::SetTrue)
                .help("print the Python version number and exit"),
        )
        .arg(
            Arg::new("quiet")
                .short('q')
                .action(ArgAction::SetTrue)
                .help("don't print the version banner on interactive startup"),
        )
        .arg(
            Arg::new("dump")
                .long("dump")
                .value_name("STAGE")
                .value_parser(["tokens", "ast", "bytecode"])
                .help("print a pipeline stage of FILE and exit"),
        )
        .arg(
            Arg::new("heap-report")
                .long("heap-report")
                .action(ArgAction::SetTrue)
                .help("print a summary of the heap's life at exit (stderr)"),
        )
        .arg(
            Arg::new("heap-map")
                .long("heap-map")
                .value_name("FILE.svg")
                .help("write a picture of the arenas at exit"),
        )
        .arg(
            Arg::new("args")
                .value_name("FILE | - [ARGS]")
                .num_args(0..)
                .trailing_var_arg(true),
        )
}

fn main() -> ExitCode {
    let (head, tail) = split_after_command(std::env::args_os().collect());
    let m = match cli().try_get_matches_from(head) {
        Ok(m) => m,
        Err(e) if e.use_stderr() => {
            eprint!("{}", usage_error(&e));
            return ExitCode::from(2);
        }
        // `-h`: clap prints the help to stdout and exits with 0.
        Err(e) => e.exit(),
    };
    if let Err(fatal) = mempy_driver::check_allocator() {
        eprintln!("{fatal}");
        return ExitCode::from(1);
    }
    let mut opts = RunOptions::default();
    for x in m.get_many::<String>("xopt").into_iter().flatten() {
        match x.as_str() {
            "showrefcount" => opts.show_refcount = true,
            "gcstress" => opts.gc_stress = true,
            x if x.starts_with("memlimit=") => {
                let size = &x["memlimit=".len()..];
                match mempy_driver::parse_memlimit(size) {
                    Some(n) => opts.memlimit = Some(n),
                    None => {
                        eprintln!("mempy: -X memlimit: invalid size '{size}' (bytes, or a number with K, M, G or T)");
                        return ExitCode::from(2);
                    }
                }
            }
            _ => {}
        }
    }
    if m.get_flag("version") {
        println!("Python 3.11.7 (mempy {})", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    opts.heap_report = m.get_flag("heap-report");
    opts.heap_map = m.get_one::<String>("heap-map").map(PathBuf::from);
    opts.unbuffered = m.get_flag("unbuffered");
    let quiet = m.get_flag("quiet");
    let inspect = m.get_flag("inspect");
    let rest: Vec<String> = m
        .get_many::<String>("args")
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if let Some(stage) = m.get_one::<String>("dump") {
        let (Some(stage), Some(file)) = (mempy_driver::DumpStage::parse(stage), rest.first())
        else {
            eprintln!("mempy: --dump needs a file: mempy --dump {stage} FILE");
            return ExitCode::from(2);
        };
        return status(mempy_driver::dump(stage, std::path::Path::new(file)));
    }
    // `sys.argv` as CPython sets it: `['-c', ...]`, `['-', ...]`, `[FILE, ...]`, or `['']`.
    let program = if let Some(code) = m.get_one::<String>("command") {
        let tail = tail.into_iter().map(|a| a.to_string_lossy().into_owned());
        opts.argv = std::iter::once("-c".to_string())
            .chain(rest)
            .chain(tail)
            .collect();
        Some(Program::Command(code.clone()))
    } else if let Some(first) = rest.first() {
        opts.argv = rest.clone();
        Some(if first == "-" {
            Program::Stdin
        } else {
            Program::File(PathBuf::from(first))
        })
    } else if !std::io::stdin().is_terminal() && !inspect {
        Some(Program::Stdin)
    } else {
        None
    };
    // CPython prints no banner when `-i` follows a program.
    status(match program {
        Some(p) if !inspect => {
            let code = mempy_driver::run_program(&p, &opts);
            if mempy_driver::ended_by_interrupt() {
                // As CPython: the traceback is printed, then SIGINT's default action.
                mempy_driver::exit_by_sigint();
            }
            code
        }
        Some(p) => repl::repl(opts, Some(p), true),
        None => repl::repl(opts, None, quiet),
    })
}

/// A usage error as CPython reports one (exit status 2): the reason on one line in
/// CPython's words (`Unknown option: -Z`, `Argument expected for the -X option`), then
/// the usage line and where to read more.
fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |k| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    // `-X <OPT>` names the flag with its value placeholder.
    let invalid = context(ContextKind::InvalidArg);
    let arg = invalid.split([' ', '=']).next().unwrap_or_default();
    let value = context(ContextKind::InvalidValue);
    let reason = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with("--") => format!("unknown option {arg}"),
        ErrorKind::UnknownArgument => format!("Unknown option: {arg}"),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("Argument expected for the {arg} option")
        }
        ErrorKind::InvalidValue => format!(
            "invalid value '{value}' for {arg} (one of: {})",
            context(ContextKind::ValidValue)
        ),
        _ => e
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_string(),
    };
    format!(
        "{reason}\nusage: mempy [option] ... [-c cmd | file | -] [arg] ...\nTry `mempy -h' for more information.\n"
    )
}

/// Splits the command line after `-c CODE`: as in CPython, `-c` ends the option list,
/// so what follows the code is `sys.argv[1:]` even when it looks like an option.
fn split_after_command(
    args: Vec<std::ffi::OsString>,
) -> (Vec<std::ffi::OsString>, Vec<std::ffi::OsString>) {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if a == "--" || a == "-" || !a.starts_with('-') {
            break;
        }
        if a == "-c" {
            return split_at(args, i + 2);
        }
        if a.starts_with("-c") {
            return split_at(args, i + 1);
        }
        // Options that take a separate value.
        i += if matches!(a.as_ref(), "-X" | "--dump" | "--heap-map") {
            2
        } else {
            1
        };
    }
    (args, Vec::new())
}

fn split_at(
    mut args: Vec<std::ffi::OsString>,
    at: usize,
) -> (Vec<std::ffi::OsString>, Vec<std::ffi::OsString>) {
    let tail = args.split_off(at.min(args.len()));
    (args, tail)
}

fn status(code: i32) -> ExitCode {
    ExitCode::from((code & 0xff) as u8)
}
