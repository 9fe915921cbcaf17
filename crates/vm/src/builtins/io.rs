//! Input and output builtins: `print`, `input`, `open`, `exit`/`quit`. They go
//! through `sys.stdout`/`sys.stdin` as the program sees them (a program may replace
//! them); the stream objects are `modules/io.rs`.

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef};
use crate::modules::io::{PyTextIO, Target};
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;
use crate::vm::{PyResult, Vm};

fn opt_str(vm: &Vm, v: &PyObject, what: &str) -> PyResult<Option<String>> {
    if vm.is_none(v) {
        return Ok(None);
    }
    match v.payload::<PyStr>() {
        Some(s) => Ok(Some(s.as_str().to_string())),
        None => Err(vm.new_type_error(format!(
            "{what} must be None or a string, not {}",
            v.class().name()
        ))),
    }
}

pub(super) fn builtin_print(vm: &Vm, args: Args) -> PyResult {
    let mut sep = None;
    let mut end = None;
    let mut file: Option<PyObjectRef> = None;
    let mut flush = false;
    for (k, v) in args.kwargs() {
        match k {
            "sep" => sep = opt_str(vm, v, "sep")?,
            "end" => end = opt_str(vm, v, "end")?,
            "file" => file = Some(v.clone()).filter(|f| !vm.is_none(f)),
            "flush" => flush = vm.is_true(v)?,
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for print()"
                )))
            }
        }
    }
    let file = match file {
        Some(f) => Some(f),
        None => crate::modules::sys::sys_attr(vm, "stdout"),
    };
    let sep = sep.as_deref().unwrap_or(" ");
    let end = end.as_deref().unwrap_or("\n");
    let direct = match &file {
        None => Some(Target::Stdout),
        Some(f) => match f.payload::<PyTextIO>().map(|t| &t.target) {
            Some(Target::Stdout) if !f.payload::<PyTextIO>().unwrap().closed.get() => {
                Some(Target::Stdout)
            }
            Some(Target::Stderr) => Some(Target::Stderr),
            _ => None,
        },
    };
    if let Some(target) = direct {
        let mut out = String::new();
        for (i, a) in args.positional().iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(vm.str(a)?.as_str());
        }
        out.push_str(end);
        match target {
            Target::Stderr => vm.write_stderr(&out),
            _ => vm.try_write_stdout(&out)?,
        }
        if flush {
            vm.flush_all();
        }
        return Ok(vm.none());
    }
    let f = file.unwrap();
    // A Python-level stream: one write() per piece, as CPython.
    for (i, a) in args.positional().iter().enumerate() {
        if i > 0 {
            vm.call_method(&f, "write", &[vm.new_str(sep)])?;
        }
        vm.call_method(&f, "write", &[vm.str(a)?.into()])?;
    }
    vm.call_method(&f, "write", &[vm.new_str(end)])?;
    if flush {
        vm.call_method(&f, "flush", &[])?;
    }
    Ok(vm.none())
}

pub(super) fn builtin_input(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "input", 0, 1)?;
    if let Some(prompt) = p.first() {
        let s = vm.str(prompt)?;
        match crate::modules::sys::sys_attr(vm, "stdout") {
            Some(out) if out.payload::<PyTextIO>().is_none() => {
                vm.call_method(&out, "write", &[s.into()])?;
            }
            _ => vm.write_stdout(s.as_str()),
        }
    }
    if let Some(out) = crate::modules::sys::sys_attr(vm, "stdout") {
        if out.payload::<PyTextIO>().is_none() {
            if let Ok(Some(f)) = vm.get_attribute_opt(&out, "flush") {
                vm.call(&f, &[])?;
            }
        }
    }
    vm.flush_all();
    let line = match crate::modules::sys::sys_attr(vm, "stdin") {
        Some(inp) if inp.payload::<PyTextIO>().is_none() => {
            let l = vm.call_method(&inp, "readline", &[])?;
            match l.payload::<PyStr>() {
                Some(s) => s.as_str().to_string(),
                None => {
                    return Err(vm.new_type_error(format!("object.readline() returned non-string")))
                }
            }
        }
        Some(inp) => crate::modules::io::read_line(vm, inp.payload::<PyTextIO>().unwrap())?,
        None => return Err(vm.new_runtime_error("input(): lost sys.stdin")),
    };
    if line.is_empty() {
        return Err(vm.new_exception_msg(&vm.ctx.exc.eof_error, "EOF when reading a line"));
    }
    let line = line.strip_suffix('\n').unwrap_or(&line);
    Ok(vm.new_str(line))
}

/// The OSError subclass and message for an I/O error, as CPython's `PyErr_SetFromErrno`.
pub fn os_error(
    vm: &Vm,
    e: &std::io::Error,
    filename: Option<&str>,
) -> crate::objects::PyBaseExceptionRef {
    let errno = e.raw_os_error().unwrap_or(0);
    // The C library's strerror text, which Rust's message starts with.
    let msg = e.to_string();
    let msg = match msg.find(" (os error") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let ex = &vm.ctx.exc;
    let cls = crate::objects::exception::oserror_subclass(
        vm,
        &ex.os_error,
        &[vm.new_int(errno as i64), vm.new_str(&msg)],
    )
    .unwrap_or_else(|| ex.os_error.clone());
    let cls = &cls;
    let mut a = vec![vm.new_int(errno as i64), vm.new_string(msg)];
    if let Some(f) = filename {
        a.push(vm.new_str(f));
    }
    vm.new_exception(cls, a)
}

pub(super) fn builtin_open(vm: &Vm, args: Args) -> PyResult {
    crate::sandbox::check(vm, "open()")?;
    let a = args.bind(
        vm,
        "open",
        &[
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        1,
    )?;
    let fobj = a[0].as_ref().unwrap();
    let path = match fobj.payload::<PyStr>() {
        Some(s) => s.as_str().to_string(),
        None => {
            if fobj.payload::<PyInt>().is_some() {
                return Err(vm.new_exception_msg(
                    &vm.ctx.exc.os_error,
                    "open() of a file descriptor is not supported",
                ));
            }
            return Err(vm.new_type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                fobj.class().name()
            )));
        }
    };
    let mode = match &a[1] {
        Some(m) => match m.payload::<PyStr>() {
            Some(s) => s.as_str().to_string(),
            None => {
                return Err(vm.new_type_error(format!(
                    "open() argument 'mode' must be str, not {}",
                    m.class().name()
                )))
            }
        },
        None => "r".to_string(),
    };
    let valid = !mode.is_empty()
        && mode.chars().all(|c| "rwaxt+b".contains(c))
        && mode.chars().filter(|c| "rwax".contains(*c)).count() == 1
        && mode.chars().all(|c| mode.matches(c).count() == 1);
    if !valid {
        return Err(vm.new_value_error(format!("invalid mode: '{mode}'")));
    }
    if mode.contains('b') {
        return Err(vm.new_value_error("binary mode files are not supported by mempy"));
    }
    if let Some(enc) = a[3].as_ref().filter(|e| !vm.is_none(e)) {
        let e = vm.str_of(enc)?.to_ascii_lowercase().replace(['-', '_'], "");
        if e != "utf8" && e != "ascii" {
            return Err(vm.new_exception_msg(
                &vm.ctx.exc.lookup_error,
                format!("unknown encoding: {}", vm.str_of(enc)?),
            ));
        }
    }
    let is_dir = std::fs::metadata(&path)
        .map(|m| m.is_dir())
        .unwrap_or(false);
    if is_dir {
        let e = std::io::Error::from_raw_os_error(libc::EISDIR);
        return Err(os_error(vm, &e, Some(&path)));
    }
    let target = if mode.contains('r') && !mode.contains('+') {
        let bytes = std::fs::read(&path).map_err(|e| os_error(vm, &e, Some(&path)))?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let pos = e.utf8_error().valid_up_to();
                let b = e.as_bytes()[pos];
                return Err(vm.new_exception_msg(
                    &vm.ctx.exc.unicode_decode_error,
                    format!("'utf-8' codec can't decode byte 0x{b:02x} in position {pos}: invalid start byte"),
                ));
            }
        };
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        };
        Target::Reader(std::cell::RefCell::new((text, 0)))
    } else {
        let mut o = std::fs::OpenOptions::new();
        if mode.contains('w') {
            o.write(true).create(true).truncate(true);
        } else if mode.contains('a') {
            o.append(true).create(true);
        } else if mode.contains('x') {
            o.write(true).create_new(true);
        } else {
            o.read(true).write(true);
        }
        let f = o.open(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                let ee = std::io::Error::from_raw_os_error(libc::EEXIST);
                let mut a = vec![vm.new_int(libc::EEXIST as i64), vm.new_str("File exists")];
                a.push(vm.new_str(&path));
                let _ = ee;
                vm.new_exception(&vm.ctx.exc.file_exists_error, a)
            } else {
                os_error(vm, &e, Some(&path))
            }
        })?;
        Target::File(std::cell::RefCell::new(Some(f)))
    };
    Ok(vm
        .new_object(
            PyTextIO::new(target, &path, &mode),
            &vm.ctx.types.text_io_type,
        )
        .into())
}

pub(super) fn builtin_exit(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "exit", 0, 1)?;
    let code = p.first().cloned().into_iter().collect();
    Err(vm.new_exception(&vm.ctx.exc.system_exit, code))
}
