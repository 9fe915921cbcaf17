//! The REPL through a pseudo-terminal (rexpect): what a person typing sees. The shared
//! habits (prompts, blocks ending at a blank line, echo and `_`, tracebacks, Ctrl-C at the
//! prompt, `exit()`, Ctrl-D) are CPython 3.11's; the memory commands' texts come from
//! their definitions (`:refs` shows refcount, size, gc state and referrers; `:gc` the
//! generations and `gc.garbage`). Each test has its own `$HOME`, so the user's history is
//! never read or written.

use std::path::PathBuf;
use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::{spawn_command, PtySession};

/// Generous: a loaded machine must not fail the tests, a hang still ends.
const TIMEOUT_MS: u64 = 15_000;

/// A fresh `$HOME` for one test.
fn home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mempy-repl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp HOME");
    dir
}

fn start(home: &PathBuf, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mempy"));
    cmd.args(args)
        .env("HOME", home)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    spawn_command(cmd, Some(TIMEOUT_MS)).expect("mempy in a pty")
}

/// The prompts, as the line editor writes them at the end of its redraw.
const PS1: &str = ">>> ";
const PS2: &str = "... ";

/// Sends a line, waits for the text it should print (none when `expected` is empty),
/// then for the next prompt. Prompts are matched on their own: the line editor writes
/// terminal control sequences before them. Waiting for the prompt before typing matters:
/// the editor discards what was typed before it switched the terminal to raw mode.
fn says(p: &mut PtySession, line: &str, expected: &str, prompt: &str) {
    p.send_line(line).expect("line sent");
    if !expected.is_empty() {
        if let Err(e) = p.exp_string(expected) {
            panic!("after {line:?}, expected {expected:?}: {e}");
        }
    }
    if let Err(e) = p.exp_string(prompt) {
        panic!("after {line:?}, expected the prompt {prompt:?}: {e}");
    }
}

/// Waits for the end and checks the status; removes the test's `$HOME` unless it holds
/// a history the test reads afterwards.
fn exits_with(mut p: PtySession, code: i32) {
    p.exp_eof().expect("mempy leaves");
    match p.process().wait() {
        Ok(WaitStatus::Exited(_, c)) => assert_eq!(c, code),
        other => panic!("unexpected end: {other:?}"),
    }
}

#[test]
fn banner_function_echo_underscore_and_exit() {
    let h = home("basics");
    let mut p = start(&h, &[]);
    p.exp_string(&format!(
        "Python 3.11.7 (mempy {}) on linux",
        env!("CARGO_PKG_VERSION")
    ))
    .expect("banner");
    p.exp_string(PS1).expect("prompt");
    says(&mut p, "def f(x):", "", PS2);
    says(&mut p, "    y = x * 2", "", PS2);
    says(&mut p, "    return y", "", PS2);
    says(&mut p, "", "", PS1);
    says(&mut p, "f(21)", "42\r\n", PS1);
    says(&mut p, "_ + 1", "43\r\n", PS1);
    says(&mut p, "None", "", PS1);
    says(&mut p, "_", "43\r\n", PS1);
    says(
        &mut p,
        "help",
        "Type help() for interactive help, or help(object) for help about object.\r\n",
        PS1,
    );
    says(&mut p, "if 1: print('one')", "", PS2);
    says(&mut p, "", "one\r\n", PS1);
    p.send_line("exit()").expect("exit sent");
    exits_with(p, 0);
    let history = std::fs::read_to_string(h.join(".mempy_history")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&h);
    assert!(history.contains("f(21)"), "history: {history}");
}

#[test]
fn traceback_then_the_session_goes_on() {
    let h = home("traceback");
    let mut p = start(&h, &["-q"]);
    p.exp_string(PS1).expect("prompt");
    says(&mut p, "1/0", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: division by zero\r\n", PS1);
    says(&mut p, "x = 2 + 3", "", PS1);
    says(&mut p, "x", "5\r\n", PS1);
    says(&mut p, "def g(:", "SyntaxError", PS1);
    p.send_control('d').expect("Ctrl-D");
    exits_with(p, 0);
    let _ = std::fs::remove_dir_all(&h);
}

#[test]
fn ctrl_c_at_the_prompt_cancels_the_line() {
    let h = home("ctrlc");
    let mut p = start(&h, &["-q"]);
    p.exp_string(PS1).expect("prompt");
    p.send("for i in range(3):").expect("text sent");
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("KeyboardInterrupt\r\n").expect("cancelled");
    p.exp_string(PS1).expect("prompt");
    says(&mut p, "7 * 6", "42\r\n", PS1);
    p.send_line("exit()").expect("exit sent");
    exits_with(p, 0);
}

#[test]
fn memory_commands_on_a_small_cycle() {
    let h = home("memory");
    let mut p = start(&h, &["-q"]);
    p.exp_string(PS1).expect("prompt");
    says(&mut p, "class A: pass", "", PS2);
    says(&mut p, "", "", PS1);
    says(
        &mut p,
        "a = A(); b = A(); a.other = b; b.other = a",
        "",
        PS1,
    );
    p.send_line(":refs a").expect("line sent");
    p.exp_string("refcount   2").expect("refcount");
    p.exp_string("gc         tracked, generation")
        .expect("gc state");
    p.exp_string("referrers  2").expect("referrers");
    p.exp_string("['a']").expect("the global");
    p.exp_string(".other").expect("the other instance");
    p.exp_string(PS1).expect("prompt");
    // `b` is a global itself; once it is gone the chain goes through `a`.
    let why = output_of(&mut p, ":why a.other");
    shows(
        &why,
        &["is reachable in 0 steps:\n", "  __main__.b  (A at 0x"],
    );
    says(&mut p, "del b", "", PS1);
    let why = output_of(&mut p, ":why a.other");
    shows(
        &why,
        &[
            "is reachable in 1 step:\n",
            "  __main__.a  (A at 0x",
            "  └─ .other → A at 0x",
        ],
    );
    says(&mut p, "del a", "", PS1);
    says(&mut p, "import gc; gc.collect()", "2\r\n", PS1);
    p.send_line(":gc").expect("line sent");
    p.exp_string("gen  count/threshold").expect("generations");
    p.exp_string("gc.garbage: []").expect("garbage");
    p.exp_string(PS1).expect("prompt");
    says(&mut p, ":help", ":alloc on|off", PS1);
    p.send_line("exit()").expect("exit sent");
    exits_with(p, 0);
}

/// Sends a line and returns what it printed before the next prompt.
fn output_of(p: &mut PtySession, line: &str) -> String {
    p.send_line(line).expect("line sent");
    match p.exp_string(PS1) {
        // rexpect reads each byte as one char: decode the UTF-8 (the `└─ →` of `:why`).
        Ok(text) => {
            let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
            String::from_utf8_lossy(&bytes).replace('\r', "")
        }
        Err(e) => panic!("after {line:?}, expected the prompt: {e}"),
    }
}

/// Asserts that `text` contains each of `parts`.
fn shows(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
}

#[test]
fn each_memory_command_on_a_self_referencing_list() {
    let h = home("cycle");
    let mut p = start(&h, &["-q"]);
    p.exp_string(PS1).expect("prompt");
    says(&mut p, "a = []; a.append(a)", "", PS1);
    let refs = output_of(&mut p, ":refs a");
    shows(
        &refs,
        &[
            "list of 1 at 0x",
            "refcount   2\n",
            "gc         tracked, generation 0\n",
            "referrers  2\n",
            "dict (globals of module __main__) at 0x",
            "['a']",
            "    itself  [0]\n",
        ],
    );
    let why = output_of(&mut p, ":why a");
    shows(
        &why,
        &[
            "is reachable in 0 steps:\n",
            "  __main__.a  (list of 1 at 0x",
        ],
    );
    let heap = output_of(&mut p, ":heap");
    shows(
        &heap,
        &[
            "heap (pymalloc): 1 arena, ",
            "arena   0 |",
            "class  block  pools  empty  blocks\n",
        ],
    );
    says(&mut p, ":alloc on", "alloc reporting on\r\n", PS1);
    let made = output_of(&mut p, "x = [[] for i in range(100)]");
    shows(
        &made,
        &["[alloc] ", " blocks allocated, ", "; no collection\n"],
    );
    // 101 lists and the input's code object go; an unreachable cycle stays.
    let gone = output_of(&mut p, "del x, a");
    shows(&gone, &["[alloc] ", " allocated, 102 freed (net -101, "]);
    says(&mut p, "import gc", "", PS1);
    let collected = output_of(&mut p, "gc.collect()");
    shows(
        &collected,
        &[
            "\n1\n[alloc] ",
            "collection: gen 2 (1 unreachable object freed)\n",
        ],
    );
    says(&mut p, ":alloc off", "alloc reporting off\r\n", PS1);
    let quiet = output_of(&mut p, "y = [1, 2, 3]");
    assert!(!quiet.contains("[alloc]"), "{quiet}");
    let gc = output_of(&mut p, ":gc");
    shows(
        &gc,
        &["gc enabled\n", "gen  count/threshold", "gc.garbage: []\n"],
    );
    let help = output_of(&mut p, ":help");
    shows(
        &help,
        &[
            ":heap",
            ":refs EXPR",
            ":why EXPR",
            ":gc",
            ":alloc on|off",
            ":help",
        ],
    );
    p.send_line("exit()").expect("exit sent");
    exits_with(p, 0);
    let _ = std::fs::remove_dir_all(&h);
}

#[test]
fn tab_completes_names_and_attributes() {
    let h = home("tab");
    let mut p = start(&h, &["-q"]);
    p.exp_string(PS1).expect("prompt");
    says(&mut p, "numbers = [3, 1, 2]", "", PS1);
    p.send("numbers.so\t").expect("tab");
    p.send_line("()").expect("line");
    p.exp_string(PS1).expect("prompt");
    p.send("numb\t").expect("tab");
    p.send_line("").expect("line");
    p.exp_string("[1, 2, 3]\r\n").expect("sorted list echoed");
    p.exp_string(PS1).expect("prompt");
    p.send_line("exit()").expect("exit sent");
    exits_with(p, 0);
}

/// CPython prints the traceback of `KeyboardInterrupt` and goes on. Needs the eval loop
/// to poll the flag (`mempy_vm::interrupt::take_interrupt()`); until then the first Ctrl-C
/// is only recorded.
#[test]
fn ctrl_c_interrupts_a_running_loop() {
    let h = home("loop");
    let mut p = start(&h, &["-q"]);
    p.exp_string(PS1).expect("prompt");
    says(&mut p, "while True: pass", "", PS2);
    p.send_line("").expect("line sent");
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt\r\n").expect("interrupted");
    p.exp_string(PS1).expect("prompt");
    says(&mut p, "1 + 1", "2\r\n", PS1);
    p.send_line("exit()").expect("exit sent");
    exits_with(p, 0);
    let _ = std::fs::remove_dir_all(&h);
}
