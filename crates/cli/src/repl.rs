//! The interactive prompt (rustyline): `>>> ` and `... ` prompts, a block continues until
//! a blank line, `:` lines are the driver's memory commands, Ctrl-C cancels the line
//! (`KeyboardInterrupt`), Ctrl-D leaves with status 0, history persists in
//! `$HOME/.mempy_history`. What a line means is the driver's (`Interactive`).

use std::path::PathBuf;
use std::rc::Rc;

use mempy_driver::{Input, Interactive, Program, RunOptions};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Config, Editor};

use crate::complete::SessionHelper;

/// The history file: `$HOME/.mempy_history`, or none without `$HOME`.
fn history_path() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".mempy_history"))
}

/// Runs the REPL (after `program`, for `-i`); returns the exit status.
pub fn repl(opts: RunOptions, program: Option<Program>, quiet: bool) -> i32 {
    let r = mempy_driver::on_big_stack(move || {
        let session = Rc::new(match &program {
            Some(p) => Interactive::for_program(&opts, p),
            None => Interactive::new(&opts),
        });
        if let Some(p) = &program {
            if let Some(status) = session.run_program(p) {
                return status;
            }
        }
        let config = Config::builder()
            .auto_add_history(false)
            .max_history_size(1000)
            .map(|b| b.build());
        let Ok(mut rl) = config.and_then(Editor::<SessionHelper, FileHistory>::with_config) else {
            return 1;
        };
        rl.set_helper(Some(SessionHelper(Rc::clone(&session))));
        let history = history_path();
        if let Some(h) = &history {
            let _ = rl.load_history(h);
        }
        if !quiet {
            eprintln!(
                "Python 3.11.7 (mempy {}) on {}",
                env!("CARGO_PKG_VERSION"),
                std::env::consts::OS
            );
            eprintln!("Type \":help\" for the memory commands, \"exit()\" or Ctrl-D to leave.");
        }
        let status = read_eval_print(&mut rl, &session, history.as_ref());
        if let Some(h) = &history {
            let _ = rl.save_history(h);
        }
        status
    });
    r.unwrap_or(mempy_driver::EXIT_INTERNAL)
}

/// The loop proper; returns the exit status.
fn read_eval_print(
    rl: &mut Editor<SessionHelper, FileHistory>,
    session: &Interactive,
    history: Option<&PathBuf>,
) -> i32 {
    let mut buf = String::new();
    loop {
        let prompt = if buf.is_empty() { ">>> " } else { "... " };
        match rl.readline(prompt) {
            Ok(line) => {
                if buf.is_empty() && line.trim().is_empty() {
                    continue;
                }
                if buf.is_empty() && line.trim_start().starts_with(':') {
                    remember(rl, line.trim(), history);
                    print!("{}", session.command(&line));
                    continue;
                }
                buf.push_str(&line);
                buf.push('\n');
                if let Input::NeedMore = session.classify(&buf) {
                    continue;
                }
                remember(rl, buf.trim_end(), history);
                let src = std::mem::take(&mut buf);
                if let Some(status) = session.run_observed(&src) {
                    return status;
                }
            }
            Err(ReadlineError::Interrupted) => {
                buf.clear();
                eprintln!("KeyboardInterrupt");
            }
            Err(ReadlineError::Eof) => {
                // CPython ends the line the prompt was on.
                eprintln!();
                return 0;
            }
            Err(_) => return 0,
        }
    }
}

/// Adds an entry to the history and writes the file at once, so a killed session keeps it.
fn remember(rl: &mut Editor<SessionHelper, FileHistory>, entry: &str, history: Option<&PathBuf>) {
    let _ = rl.add_history_entry(entry);
    if let Some(h) = history {
        let _ = rl.save_history(h);
    }
}
