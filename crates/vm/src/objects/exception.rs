//! The builtin exception hierarchy. Every exception instance has a
//! [`PyBaseException`] payload (inside `WithExt` so it has a `__dict__`), whatever
//! its class; subclass-specific attributes (`StopIteration.value`, `OSError.errno`,
//! `SystemExit.code`...) are set in the instance dict by `__init__`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyPayload, PyRef};
use crate::objects::typeobj::{flags, ObjectClass};
use crate::objects::{PyStr, PyTuple, PyTupleRef, PyType, PyTypeRef, Types};
use crate::vm::{PyResult, Vm};

pub type PyBaseExceptionRef = PyRef<PyBaseException>;

pub struct PyBaseException {
    pub args: RefCell<PyTupleRef>,
    pub traceback: RefCell<Option<PyObjectRef>>,
    pub cause: RefCell<Option<PyObjectRef>>,
    pub context: RefCell<Option<PyObjectRef>>,
    pub suppress_context: Cell<bool>,
}

impl PyPayload for PyBaseException {
    const GC: bool = true;
    fn clear(&self, out: &mut Vec<PyObjectRef>) {
        out.extend(self.traceback.borrow_mut().take());
        out.extend(self.cause.borrow_mut().take());
        out.extend(self.context.borrow_mut().take());
    }
}

macro_rules! exception_types {
    ($( $field:ident : $name:literal < $base:ident ),* $(,)?) => {
        /// The builtin exception classes.
        pub struct ExceptionTypes {
            pub base_exception: PyTypeRef,
            $(pub $field: PyTypeRef,)*
            pub by_name: HashMap<&'static str, PyTypeRef>,
        }
        impl ExceptionTypes {
            pub(crate) fn new(types: &Types) -> ExceptionTypes {
                let base_exception: PyTypeRef = crate::objects::typeobj::new_static_type_vt(
                    &types.type_type, "BaseException", Some(&types.object_type), true,
                    crate::heap::ext_vtable_of::<PyBaseException>());
                base_exception.flags.set(base_exception.flags.get() | flags::EXCEPTION | flags::HAS_DICT);
                let mut by_name = HashMap::new();
                by_name.insert("BaseException", base_exception.clone());
                by_name.insert("base_exception", base_exception.clone());
                $(
                    let $field = crate::objects::typeobj::new_static_type_vt(
                        &types.type_type, $name, Some(&by_name[stringify!($base)].clone()), true,
                        crate::heap::ext_vtable_of::<PyBaseException>());
                    $field.flags.set($field.flags.get() | flags::EXCEPTION | flags::HAS_DICT);
                    by_name.insert($name, $field.clone());
                    by_name.insert(stringify!($field), $field.clone());
                )*
                ExceptionTypes { base_exception, $($field,)* by_name }
            }
        }
    };
}

exception_types! {
    system_exit: "SystemExit" < base_exception,
    keyboard_interrupt: "KeyboardInterrupt" < base_exception,
    generator_exit: "GeneratorExit" < base_exception,
    exception: "Exception" < base_exception,
    stop_iteration: "StopIteration" < exception,
    stop_async_iteration: "StopAsyncIteration" < exception,
    arithmetic_error: "ArithmeticError" < exception,
    floating_point_error: "FloatingPointError" < arithmetic_error,
    overflow_error: "OverflowError" < arithmetic_error,
    zero_division_error: "ZeroDivisionError" < arithmetic_error,
    assertion_error: "AssertionError" < exception,
    attribute_error: "AttributeError" < exception,
    buffer_error: "BufferError" < exception,
    eof_error: "EOFError" < exception,
    import_error: "ImportError" < exception,
    module_not_found_error: "ModuleNotFoundError" < import_error,
    lookup_error: "LookupError" < exception,
    index_error: "IndexError" < lookup_error,
    key_error: "KeyError" < lookup_error,
    memory_error: "MemoryError" < exception,
    name_error: "NameError" < exception,
    unbound_local_error: "UnboundLocalError" < name_error,
    os_error: "OSError" < exception,
    blocking_io_error: "BlockingIOError" < os_error,
    child_process_error: "ChildProcessError" < os_error,
    connection_error: "ConnectionError" < os_error,
    broken_pipe_error: "BrokenPipeError" < connection_error,
    connection_aborted_error: "ConnectionAbortedError" < connection_error,
    connection_refused_error: "ConnectionRefusedError" < connection_error,
    connection_reset_error: "ConnectionResetError" < connection_error,
    file_exists_error: "FileExistsError" < os_error,
    file_not_found_error: "FileNotFoundError" < os_error,
    interrupted_error: "InterruptedError" < os_error,
    is_a_directory_error: "IsADirectoryError" < os_error,
    not_a_directory_error: "NotADirectoryError" < os_error,
    permission_error: "PermissionError" < os_error,
    process_lookup_error: "ProcessLookupError" < os_error,
    timeout_error: "TimeoutError" < os_error,
    reference_error: "ReferenceError" < exception,
    runtime_error: "RuntimeError" < exception,
    not_implemented_error: "NotImplementedError" < runtime_error,
    recursion_error: "RecursionError" < runtime_error,
    syntax_error: "SyntaxError" < exception,
    indentation_error: "IndentationError" < syntax_error,
    tab_error: "TabError" < indentation_error,
    system_error: "SystemError" < exception,
    type_error: "TypeError" < exception,
    value_error: "ValueError" < exception,
    unicode_error: "UnicodeError" < value_error,
    unicode_decode_error: "UnicodeDecodeError" < unicode_error,
    unicode_encode_error: "UnicodeEncodeError" < unicode_error,
    unicode_translate_error: "UnicodeTranslateError" < unicode_error,
    warning: "Warning" < exception,
    deprecation_warning: "DeprecationWarning" < warning,
    pending_deprecation_warning: "PendingDeprecationWarning" < warning,
    runtime_warning: "RuntimeWarning" < warning,
    syntax_warning: "SyntaxWarning" < warning,
    user_warning: "UserWarning" < warning,
    future_warning: "FutureWarning" < warning,
    import_warning: "ImportWarning" < warning,
    unicode_warning: "UnicodeWarning" < warning,
    bytes_warning: "BytesWarning" < warning,
    resource_warning: "ResourceWarning" < warning,
    encoding_warning: "EncodingWarning" < warning,
}

impl PyBaseException {
    pub fn new(args: PyTupleRef) -> PyBaseException {
        PyBaseException {
            args: RefCell::new(args),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
        }
    }

    pub fn args(&self) -> PyTupleRef {
        self.args.borrow().clone()
    }
}

fn this<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<&'a PyBaseException> {
    o.payload::<PyBaseException>()
        .ok_or_else(|| vm.new_type_error("exception expected"))
}

fn exc_new(vm: &Vm, args: Args) -> PyResult {
    let cls = args.args[0]
        .clone()
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("BaseException.__new__(X): X is not a type object"))?;
    let pos = args.shift().positional().to_vec();
    let cls = oserror_subclass(vm, &cls, &pos).unwrap_or(cls);
    let e = vm.new_instance(PyBaseException::new(vm.new_tuple_ref(pos)), &cls);
    Ok(e.into())
}

/// `OSError(errno, strerror, ...)` creates the subclass for `errno` (CPython's
/// `errnomap`), only when called on `OSError` itself.
pub(crate) fn oserror_subclass(vm: &Vm, cls: &PyTypeRef, pos: &[PyObjectRef]) -> Option<PyTypeRef> {
    let ex = &vm.ctx.exc;
    if !cls.as_object().is(ex.os_error.as_object()) || !(2..=5).contains(&pos.len()) {
        return None;
    }
    let errno = pos[0].payload::<crate::objects::PyInt>()?.as_small()?;
    let t = match errno {
        11 | 114 | 115 => &ex.blocking_io_error,
        10 => &ex.child_process_error,
        32 | 108 => &ex.broken_pipe_error,
        103 => &ex.connection_aborted_error,
        111 => &ex.connection_refused_error,
        104 => &ex.connection_reset_error,
        17 => &ex.file_exists_error,
        2 => &ex.file_not_found_error,
        21 => &ex.is_a_directory_error,
        20 => &ex.not_a_directory_error,
        4 => &ex.interrupted_error,
        1 | 13 => &ex.permission_error,
        3 => &ex.process_lookup_error,
        110 => &ex.timeout_error,
        _ => return None,
    };
    Some(t.clone())
}

fn set_attr(vm: &Vm, o: &PyObject, name: &str, v: PyObjectRef) {
    if let Some(slot) = o.dict_slot() {
        let mut s = slot.borrow_mut();
        if s.is_none() {
            *s = Some(vm.new_dict().into());
        }
        if let Some(d) = s
            .as_ref()
            .and_then(|d| d.payload::<crate::objects::PyDict>())
        {
            d.set_item_str(vm, &vm.intern(name), v);
        }
    }
}

fn exc_init(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let e = this(vm, o)?;
    let pos = args.shift().positional().to_vec();
    let cls = o.class().to_owned();
    let ex = &vm.ctx.exc;
    let first = pos.first().cloned().unwrap_or_else(|| vm.none());
    if cls.is_subtype(&ex.stop_iteration) {
        set_attr(vm, o, "value", first.clone());
    } else if cls.is_subtype(&ex.system_exit) {
        let code = if pos.len() > 1 {
            vm.new_tuple(pos.clone())
        } else {
            first.clone()
        };
        set_attr(vm, o, "code", code);
    } else if cls.is_subtype(&ex.key_error) || cls.is_subtype(&ex.import_error) {
        if cls.is_subtype(&ex.import_error) {
            set_attr(vm, o, "msg", first.clone());
            let name = args.kwarg("name").cloned().unwrap_or_else(|| vm.none());
            let path = args.kwarg("path").cloned().unwrap_or_else(|| vm.none());
            set_attr(vm, o, "name", name);
            set_attr(vm, o, "path", path);
        }
    } else if cls.is_subtype(&ex.os_error) {
        if (2..=3).contains(&pos.len()) {
            set_attr(vm, o, "errno", pos[0].clone());
            set_attr(vm, o, "strerror", pos[1].clone());
            set_attr(
                vm,
                o,
                "filename",
                pos.get(2).cloned().unwrap_or_else(|| vm.none()),
            );
        } else {
            set_attr(vm, o, "errno", vm.none());
            set_attr(vm, o, "strerror", vm.none());
            set_attr(vm, o, "filename", vm.none());
        }
    } else if cls.is_subtype(&ex.name_error) || cls.is_subtype(&ex.attribute_error) {
        set_attr(
            vm,
            o,
            "name",
            args.kwarg("name").cloned().unwrap_or_else(|| vm.none()),
        );
        if cls.is_subtype(&ex.attribute_error) {
            set_attr(
                vm,
                o,
                "obj",
                args.kwarg("obj").cloned().unwrap_or_else(|| vm.none()),
            );
        }
    } else if cls.is_subtype(&ex.syntax_error) {
        set_attr(vm, o, "msg", first.clone());
        let (mut fname, mut lineno, mut offset, mut text, mut end_lineno, mut end_offset) = (
            vm.none(),
            vm.none(),
            vm.none(),
            vm.none(),
            vm.none(),
            vm.none(),
        );
        if let Some(info) = pos.get(1).and_then(|i| i.payload::<PyTuple>()) {
            let s = info.as_slice();
            let g = |i: usize| s.get(i).cloned().unwrap_or_else(|| vm.none());
            fname = g(0);
            lineno = g(1);
            offset = g(2);
            text = g(3);
            end_lineno = g(4);
            end_offset = g(5);
        }
        set_attr(vm, o, "filename", fname);
        set_attr(vm, o, "lineno", lineno);
        set_attr(vm, o, "offset", offset);
        set_attr(vm, o, "text", text);
        set_attr(vm, o, "end_lineno", end_lineno);
        set_attr(vm, o, "end_offset", end_offset);
        set_attr(vm, o, "print_file_and_line", vm.none());
    }
    // CPython's oserror_init: with a filename, `args` keeps only (errno, strerror).
    let pos = if cls.is_subtype(&ex.os_error) && (3..=5).contains(&pos.len()) {
        pos[..2].to_vec()
    } else {
        pos
    };
    *e.args.borrow_mut() = vm.new_tuple_ref(pos);
    Ok(vm.none())
}

/// `str(exc)`: CPython's rules per class.
pub fn exception_str(vm: &Vm, o: &PyObject) -> PyResult<String> {
    let e = this(vm, o)?;
    let args = e.args();
    let cls = o.class();
    let ex = &vm.ctx.exc;
    if cls.is_subtype(&ex.key_error) && args.len() == 1 {
        return Ok(vm.repr(&args.as_slice()[0])?.as_str().to_string());
    }
    if cls.is_subtype(&ex.os_error) {
        if let (Some(errno), Some(strerror)) = (
            vm.get_attribute_opt(o, "errno")?,
            vm.get_attribute_opt(o, "strerror")?,
        ) {
            if !vm.is_none(&errno) && !vm.is_none(&strerror) {
                let filename = vm
                    .get_attribute_opt(o, "filename")?
                    .filter(|f| !vm.is_none(f));
                return Ok(match filename {
                    Some(f) => format!(
                        "[Errno {}] {}: {}",
                        vm.str_of(&errno)?,
                        vm.str_of(&strerror)?,
                        vm.repr(&f)?.as_str()
                    ),
                    None => format!("[Errno {}] {}", vm.str_of(&errno)?, vm.str_of(&strerror)?),
                });
            }
        }
    }
    if cls.is_subtype(&ex.syntax_error) {
        if let Some(msg) = vm.get_attribute_opt(o, "msg")? {
            let msg = vm.str_of(&msg)?;
            let fname = vm
                .get_attribute_opt(o, "filename")?
                .filter(|f| !vm.is_none(f));
            let lineno = vm
                .get_attribute_opt(o, "lineno")?
                .filter(|f| !vm.is_none(f));
            return Ok(match (fname, lineno) {
                (Some(f), Some(l)) => {
                    let f = vm.str_of(&f)?;
                    let base = f.rsplit('/').next().unwrap_or(&f).to_string();
                    format!("{msg} ({base}, line {})", vm.str_of(&l)?)
                }
                (None, Some(l)) => format!("{msg} (line {})", vm.str_of(&l)?),
                _ => msg,
            });
        }
    }
    Ok(match args.len() {
        0 => String::new(),
        1 => vm.str(&args.as_slice()[0])?.as_str().to_string(),
        _ => vm.repr(args.as_object())?.as_str().to_string(),
    })
}

fn exc_str(vm: &Vm, args: Args) -> PyResult {
    Ok(vm.new_string(exception_str(vm, &args.args[0])?))
}

fn exc_repr(vm: &Vm, args: Args) -> PyResult {
    let o = &args.args[0];
    let e = this(vm, o)?;
    let a = e.args();
    let name = o.class().name().clone();
    Ok(vm.new_string(if a.len() == 1 {
        format!("{}({})", name, vm.repr(&a.as_slice()[0])?.as_str())
    } else {
        format!("{}{}", name, vm.repr(a.as_object())?.as_str())
    }))
}

fn get_args(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?.args().into())
}
fn set_args(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| vm.new_type_error("args may not be deleted"))?;
    let items = vm.iterate(&v)?;
    *this(vm, o)?.args.borrow_mut() = vm.new_tuple_ref(items);
    Ok(())
}
fn get_tb(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?
        .traceback
        .borrow()
        .clone()
        .unwrap_or_else(|| vm.none()))
}
fn set_tb(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let v = v.filter(|x| !vm.is_none(x));
    if let Some(t) = &v {
        if t.payload::<crate::objects::PyTraceback>().is_none() {
            return Err(vm.new_type_error("__traceback__ must be a traceback or None"));
        }
    }
    *this(vm, o)?.traceback.borrow_mut() = v;
    Ok(())
}
fn get_cause(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?
        .cause
        .borrow()
        .clone()
        .unwrap_or_else(|| vm.none()))
}
fn set_cause(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let e = this(vm, o)?;
    *e.cause.borrow_mut() = v.filter(|x| !vm.is_none(x));
    e.suppress_context.set(true);
    Ok(())
}
fn get_context(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(this(vm, o)?
        .context
        .borrow()
        .clone()
        .unwrap_or_else(|| vm.none()))
}
fn set_context(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    *this(vm, o)?.context.borrow_mut() = v.filter(|x| !vm.is_none(x));
    Ok(())
}
fn get_suppress(vm: &Vm, o: &PyObject) -> PyResult {
    Ok(vm.new_bool(this(vm, o)?.suppress_context.get()))
}
fn set_suppress(vm: &Vm, o: &PyObject, v: Option<PyObjectRef>) -> PyResult<()> {
    let b = match v {
        Some(v) => vm.is_true(&v)?,
        None => false,
    };
    this(vm, o)?.suppress_context.set(b);
    Ok(())
}

fn exc_with_traceback(vm: &Vm, args: Args) -> PyResult {
    let [o, tb] = args.exact::<2>(vm, "with_traceback")?;
    set_tb(vm, o, Some(tb.clone()))?;
    Ok(o.clone())
}

fn exc_add_note(vm: &Vm, args: Args) -> PyResult {
    let [o, note] = args.exact::<2>(vm, "add_note")?;
    if note.payload::<PyStr>().is_none() {
        return Err(vm.new_type_error(format!("note must be a str, not '{}'", note.class().name())));
    }
    let notes = match vm.get_attribute_opt(o, "__notes__")? {
        Some(n) => n,
        None => {
            let l = vm.new_list(vec![]);
            set_attr(vm, o, "__notes__", l.clone());
            l
        }
    };
    vm.call_method(&notes, "append", &[note.clone()])?;
    Ok(vm.none())
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.exc.base_exception;
    vm.add_new(t, exc_new);
    vm.add_methods(
        t,
        &[
            ("__init__", exc_init),
            ("__str__", exc_str),
            ("__repr__", exc_repr),
            ("with_traceback", exc_with_traceback),
            ("add_note", exc_add_note),
        ],
    );
    vm.add_getset(t, "args", get_args, Some(set_args));
    vm.add_getset(t, "__traceback__", get_tb, Some(set_tb));
    vm.add_getset(t, "__cause__", get_cause, Some(set_cause));
    vm.add_getset(t, "__context__", get_context, Some(set_context));
    vm.add_getset(t, "__suppress_context__", get_suppress, Some(set_suppress));
    let (g, s) = crate::objects::object::dict_getset();
    vm.add_getset(t, "__dict__", g, Some(s));
}

/// Installs the exception classes into the builtins namespace.
pub(crate) fn init_types(vm: &Vm) {
    for (name, t) in vm
        .ctx
        .exc
        .by_name
        .iter()
        .filter(|(n, _)| n.starts_with(char::is_uppercase))
    {
        vm.builtins
            .dict
            .set_item_str(vm, &vm.intern(name), t.clone().into());
    }
    vm.builtins.dict.set_item_str(
        vm,
        &vm.intern("EnvironmentError"),
        vm.ctx.exc.os_error.clone().into(),
    );
    vm.builtins.dict.set_item_str(
        vm,
        &vm.intern("IOError"),
        vm.ctx.exc.os_error.clone().into(),
    );
}
