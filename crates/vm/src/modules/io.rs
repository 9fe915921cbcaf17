//! Text streams: `sys.stdout`/`sys.stderr` objects writing to the VM's sinks, and
//! text files from `open()`.

use std::cell::RefCell;

use crate::args::Args;
use crate::heap::PyPayload;
use crate::vm::{PyResult, Vm};

/// Where a text stream writes.
pub enum Target {
    Stdout,
    Stderr,
    File(RefCell<Option<std::fs::File>>),
}

pub struct PyTextIO {
    pub target: Target,
    pub name: String,
}

impl PyPayload for PyTextIO {
    const GC: bool = false;
}

fn tio_write(vm: &Vm, args: Args) -> PyResult {
    let [o, s] = args.exact::<2>(vm, "write")?;
    let t = o.payload::<PyTextIO>().ok_or_else(|| vm.new_type_error("stream expected"))?;
    let text = s.payload::<crate::objects::PyStr>().ok_or_else(|| {
        vm.new_type_error(format!("write() argument must be str, not {}", crate::objects::typeobj::ObjectClass::class(&**s).name()))
    })?;
    match &t.target {
        Target::Stdout => vm.write_stdout(text.as_str()),
        Target::Stderr => vm.write_stderr(text.as_str()),
        Target::File(f) => {
            use std::io::Write;
            if let Some(f) = f.borrow_mut().as_mut() {
                let _ = f.write_all(text.as_str().as_bytes());
            } else {
                return Err(vm.new_value_error("I/O operation on closed file."));
            }
        }
    }
    Ok(vm.new_int(text.char_len() as i64))
}

fn tio_flush(vm: &Vm, _args: Args) -> PyResult {
    vm.flush_all();
    Ok(vm.none())
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.text_io_type;
    vm.add_methods(t, &[("write", tio_write), ("flush", tio_flush)]);
}
