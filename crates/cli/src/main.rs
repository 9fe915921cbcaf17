//! The `mempy` command: `mempy FILE [ARGS]`, `mempy -c CODE [ARGS]`, and `mempy`
//! alone for a REPL. Flags are parsed here (clap) and mapped to
//! `mempy_driver::RunOptions`; everything else is the driver's.

use std::process::ExitCode;

use clap::{Arg, ArgAction, Command};
use mempy_driver::{Input, Interactive, RunOptions};

fn cli() -> Command {
    Command::new("mempy")
        .about("A Python 3.11 interpreter whose subject is memory management")
        .arg(Arg::new("command").short('c').value_name("CODE").help("program passed in as string"))
        .arg(Arg::new("xopt").short('X').value_name("OPT").action(ArgAction::Append).help("showrefcount | gcstress"))
        .disable_version_flag(true)
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::SetTrue).help("print the Python version number and exit"))
        .arg(Arg::new("quiet").short('q').action(ArgAction::SetTrue).help("don't print the version banner on interactive startup"))
        .arg(Arg::new("dump").long("dump").value_name("STAGE").value_parser(["tokens", "ast", "bytecode"]).help("print a pipeline stage of FILE and exit"))
        .arg(Arg::new("heap-report").long("heap-report").action(ArgAction::SetTrue).help("print a summary of the heap's life at exit (stderr)"))
        .arg(Arg::new("heap-map").long("heap-map").value_name("FILE.svg").help("write a picture of the arenas at exit"))
        .arg(Arg::new("args").value_name("FILE [ARGS]").num_args(0..).trailing_var_arg(true).allow_hyphen_values(true))
}

fn main() -> ExitCode {
    let m = cli().get_matches();
    let mut opts = RunOptions::default();
    for x in m.get_many::<String>("xopt").into_iter().flatten() {
        match x.as_str() {
            "showrefcount" => opts.show_refcount = true,
            "gcstress" => opts.gc_stress = true,
            _ => {}
        }
    }
    if m.get_flag("version") {
        println!("Python 3.11.7 (mempy {})", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    opts.heap_report = m.get_flag("heap-report");
    opts.heap_map = m.get_one::<String>("heap-map").map(std::path::PathBuf::from);
    let rest: Vec<String> = m.get_many::<String>("args").into_iter().flatten().cloned().collect();
    let status = if let Some(stage) = m.get_one::<String>("dump") {
        let (Some(stage), Some(file)) = (mempy_driver::DumpStage::parse(stage), rest.first()) else {
            eprintln!("mempy: --dump needs a file: mempy --dump {stage} FILE");
            return ExitCode::from(2);
        };
        mempy_driver::dump(stage, std::path::Path::new(file))
    } else if let Some(code) = m.get_one::<String>("command") {
        opts.argv = std::iter::once("-c".to_string()).chain(rest).collect();
        mempy_driver::run_command(code, &opts)
    } else if let Some(file) = rest.first() {
        opts.argv = rest.clone();
        mempy_driver::run_file(std::path::Path::new(file), &opts)
    } else {
        repl(opts, m.get_flag("quiet"))
    };
    ExitCode::from((status & 0xff) as u8)
}

/// The interactive prompt: `>>> `, `... ` for continuation lines, Ctrl-D exits.
fn repl(opts: RunOptions, quiet: bool) -> i32 {
    let r = mempy_driver::on_big_stack(move || {
        let Ok(mut rl) = rustyline::DefaultEditor::new() else { return 1 };
        let session = Interactive::new(&opts);
        if !quiet {
            eprintln!("Python 3.11.7 (mempy {}) on {}", env!("CARGO_PKG_VERSION"), std::env::consts::OS);
            eprintln!("Type \":help\" for the memory commands (:heap, :refs, :why, :gc, :alloc).");
        }
        let mut buf = String::new();
        loop {
            let prompt = if buf.is_empty() { ">>> " } else { "... " };
            match rl.readline(prompt) {
                Ok(line) => {
                    if buf.is_empty() && line.trim().is_empty() {
                        continue;
                    }
                    if buf.is_empty() && line.trim_start().starts_with(':') {
                        let _ = rl.add_history_entry(line.trim());
                        print!("{}", session.command(&line));
                        continue;
                    }
                    buf.push_str(&line);
                    buf.push('\n');
                    if let Input::NeedMore = session.classify(&buf) {
                        continue;
                    }
                    let _ = rl.add_history_entry(buf.trim_end());
                    let src = std::mem::take(&mut buf);
                    if let Some(status) = session.run_observed(&src) {
                        return status;
                    }
                }
                Err(rustyline::error::ReadlineError::Interrupted) => {
                    buf.clear();
                    eprintln!("KeyboardInterrupt");
                }
                Err(_) => return 0,
            }
        }
    });
    r.unwrap_or(mempy_driver::EXIT_INTERNAL)
}
