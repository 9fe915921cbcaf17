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
    let rest: Vec<String> = m.get_many::<String>("args").into_iter().flatten().cloned().collect();
    let status = if let Some(code) = m.get_one::<String>("command") {
        opts.argv = std::iter::once("-c".to_string()).chain(rest).collect();
        mempy_driver::run_command(code, &opts)
    } else if let Some(file) = rest.first() {
        opts.argv = rest.clone();
        mempy_driver::run_file(std::path::Path::new(file), &opts)
    } else {
        repl(opts)
    };
    ExitCode::from((status & 0xff) as u8)
}

/// The interactive prompt: `>>> `, `... ` for continuation lines, Ctrl-D exits.
fn repl(opts: RunOptions) -> i32 {
    let r = mempy_driver::on_big_stack(move || {
        let Ok(mut rl) = rustyline::DefaultEditor::new() else { return 1 };
        let session = Interactive::new(&opts);
        let mut buf = String::new();
        loop {
            let prompt = if buf.is_empty() { ">>> " } else { "... " };
            match rl.readline(prompt) {
                Ok(line) => {
                    if buf.is_empty() && line.trim().is_empty() {
                        continue;
                    }
                    buf.push_str(&line);
                    buf.push('\n');
                    if let Input::NeedMore = session.classify(&buf) {
                        continue;
                    }
                    let _ = rl.add_history_entry(buf.trim_end());
                    let src = std::mem::take(&mut buf);
                    if let Some(status) = session.run(&src) {
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
