//! Text streams: `sys.stdout`/`sys.stderr`/`sys.stdin` objects over the VM's sinks,
//! and the text files `open()` returns (UTF-8; read mode loads the file at open,
//! write and append modes write through). The `open` builtin itself is in
//! `builtins/io.rs`.

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::heap::{PyObject, PyPayload};
use crate::objects::typeobj::ObjectClass;
use crate::objects::PyStr;
use crate::vm::{PyResult, Vm};

/// Where a text stream reads or writes.
pub enum Target {
    Stdout,
    Stderr,
    Stdin,
    /// A file opened for writing or appending.
    File(RefCell<Option<std::fs::File>>),
    /// A file opened for reading: its text and the read position (a byte offset).
    Reader(RefCell<(String, usize)>),
}

pub struct PyTextIO {
    pub target: Target,
    pub name: String,
    pub mode: String,
    pub closed: Cell<bool>,
}

impl PyPayload for PyTextIO {
    const GC: bool = false;
}

impl PyTextIO {
    pub fn new(target: Target, name: &str, mode: &str) -> PyTextIO {
        PyTextIO {
            target,
            name: name.to_string(),
            mode: mode.to_string(),
            closed: Cell::new(false),
        }
    }
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyTextIO> {
    o.payload::<PyTextIO>()
        .ok_or_else(|| vm.new_type_error("TextIOWrapper expected"))
}

fn check_open(vm: &Vm, t: &PyTextIO) -> PyResult<()> {
    if t.closed.get() {
        Err(vm.new_value_error("I/O operation on closed file."))
    } else {
        Ok(())
    }
}

fn unsupported(vm: &Vm, what: &str) -> crate::objects::PyBaseExceptionRef {
    vm.new_exception_msg(&vm.ctx.exc.os_error, what.to_string())
}

fn tio_write(vm: &Vm, args: Args) -> PyResult {
    let [o, s] = args.exact::<2>(vm, "write")?;
    let t = this(vm, o)?;
    let text = s.payload::<PyStr>().ok_or_else(|| {
        vm.new_type_error(format!(
            "write() argument must be str, not {}",
            s.class().name()
        ))
    })?;
    check_open(vm, t)?;
    match &t.target {
        Target::Stdout => vm.try_write_stdout(text.as_str())?,
        Target::Stderr => vm.write_stderr(text.as_str()),
        Target::Stdin | Target::Reader(_) => return Err(unsupported(vm, "not writable")),
        Target::File(f) => {
            use std::io::Write;
            if let Some(f) = f.borrow_mut().as_mut() {
                if let Err(e) = f.write_all(text.as_str().as_bytes()) {
                    return Err(vm.new_exception_msg(&vm.ctx.exc.os_error, e.to_string()));
                }
            }
        }
    }
    Ok(vm.new_int(text.char_len() as i64))
}

fn tio_writelines(vm: &Vm, args: Args) -> PyResult {
    let [o, lines] = args.exact::<2>(vm, "writelines")?;
    for l in vm.iterate(lines)? {
        tio_write(vm, Args::positional_only(&[o.clone(), l]))?;
    }
    Ok(vm.none())
}

fn tio_flush(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    check_open(vm, t)?;
    vm.flush_all();
    Ok(vm.none())
}

/// Reads up to `n` characters (all with None) from a read-mode file.
fn read_chars(vm: &Vm, t: &PyTextIO, n: Option<usize>) -> PyResult<String> {
    check_open(vm, t)?;
    match &t.target {
        Target::Reader(buf) => {
            let mut b = buf.borrow_mut();
            let (text, pos) = &mut *b;
            let rest = &text[*pos..];
            let end = match n {
                None => rest.len(),
                Some(n) => rest
                    .char_indices()
                    .nth(n)
                    .map(|(i, _)| i)
                    .unwrap_or(rest.len()),
            };
            let out = rest[..end].to_string();
            *pos += end;
            Ok(out)
        }
        Target::Stdin => {
            let mut s = String::new();
            use std::io::Read;
            let _ = vm.stdin.borrow_mut().read_to_string(&mut s);
            Ok(s)
        }
        _ => Err(vm.new_exception_msg(&vm.ctx.exc.os_error, "not readable")),
    }
}

/// Reads one line (with its newline) from a read-mode file or stdin.
pub fn read_line(vm: &Vm, t: &PyTextIO) -> PyResult<String> {
    check_open(vm, t)?;
    match &t.target {
        Target::Reader(buf) => {
            let mut b = buf.borrow_mut();
            let (text, pos) = &mut *b;
            let rest = &text[*pos..];
            let end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
            let out = rest[..end].to_string();
            *pos += end;
            Ok(out)
        }
        Target::Stdin => {
            let mut s = String::new();
            use std::io::BufRead;
            let _ = vm.stdin.borrow_mut().read_line(&mut s);
            Ok(s)
        }
        _ => Err(vm.new_exception_msg(&vm.ctx.exc.os_error, "not readable")),
    }
}

fn size_arg(vm: &Vm, args: Args, name: &str) -> PyResult<Option<usize>> {
    let p = args.range(vm, name, 1, 2)?;
    match p.get(1) {
        Some(n) if !vm.is_none(n) => {
            let n = vm.to_index_i64(n)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
        _ => Ok(None),
    }
}

fn tio_read(vm: &Vm, args: Args) -> PyResult {
    let n = size_arg(vm, args, "read")?;
    let t = this(vm, &args.args[0])?;
    Ok(vm.new_string(read_chars(vm, t, n)?))
}

fn tio_readline(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    Ok(vm.new_string(read_line(vm, t)?))
}

fn tio_readlines(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    let mut out = Vec::new();
    loop {
        let l = read_line(vm, t)?;
        if l.is_empty() {
            break;
        }
        out.push(vm.new_string(l));
    }
    Ok(vm.new_list(out))
}

fn tio_next(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    let l = read_line(vm, t)?;
    if l.is_empty() {
        return Err(vm.new_stop_iteration(None));
    }
    Ok(vm.new_string(l))
}

fn tio_iter(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    check_open(vm, t)?;
    Ok(args.args[0].clone())
}

fn tio_close(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    if let Target::File(f) = &t.target {
        use std::io::Write;
        if let Some(mut f) = f.borrow_mut().take() {
            let _ = f.flush();
        }
    }
    if matches!(t.target, Target::File(_) | Target::Reader(_)) {
        t.closed.set(true);
    }
    Ok(vm.none())
}

fn tio_enter(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    check_open(vm, t)?;
    Ok(args.args[0].clone())
}

fn tio_exit(vm: &Vm, args: Args) -> PyResult {
    tio_close(vm, Args::positional_only(&args.args[..1]))?;
    Ok(vm.none())
}

fn tio_true(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_bool(true))
}

fn tio_isatty(vm: &Vm, _args: Args) -> PyResult {
    Ok(vm.new_bool(false))
}

fn tio_fileno(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    Ok(vm.new_int(match t.target {
        Target::Stdin => 0,
        Target::Stdout => 1,
        Target::Stderr => 2,
        _ => 3,
    }))
}

fn tio_repr(vm: &Vm, args: Args) -> PyResult {
    let t = this(vm, &args.args[0])?;
    Ok(vm.new_string(format!(
        "<_io.TextIOWrapper name={} mode={} encoding='utf-8'>",
        crate::objects::str::repr_str(&t.name),
        crate::objects::str::repr_str(&t.mode)
    )))
}

fn get_closed(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_bool(this(vm, o)?.closed.get()))
}

fn get_name(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_str(&this(vm, o)?.name))
}

fn get_mode(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_str(&this(vm, o)?.mode))
}

fn get_encoding(vm: &Vm, _o: &PyObject) -> PyResult {
    Ok(vm.new_str("utf-8"))
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.text_io_type;
    vm.add_methods(
        t,
        &[
            ("write", tio_write),
            ("writelines", tio_writelines),
            ("flush", tio_flush),
            ("read", tio_read),
            ("readline", tio_readline),
            ("readlines", tio_readlines),
            ("__next__", tio_next),
            ("__iter__", tio_iter),
            ("close", tio_close),
            ("__enter__", tio_enter),
            ("__exit__", tio_exit),
            ("readable", tio_true),
            ("writable", tio_true),
            ("isatty", tio_isatty),
            ("fileno", tio_fileno),
            ("__repr__", tio_repr),
        ],
    );
    vm.add_getset(t, "closed", get_closed, None);
    vm.add_getset(t, "name", get_name, None);
    vm.add_getset(t, "mode", get_mode, None);
    vm.add_getset(t, "encoding", get_encoding, None);
}
