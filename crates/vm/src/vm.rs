//! The virtual machine: the builtin context, module registry, recursion state, the
//! current exception, output sinks, and constructors for objects and exceptions.
//!
//! One `Vm` runs one program on one thread. Everything takes `&Vm`; mutable state
//! is in cells. The protocol functions (`vm.getattr`, `vm.call`, `vm.repr`...) are in
//! `protocol.rs`, the eval loop in `eval/`, builtins in `builtins/`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::args::{Args, NativeFn};
use crate::heap::{new_object, PyObject, PyObjectRef, PyPayload, PyRef};
use crate::objects::descriptor::{GetterFn, SetterFn};
use crate::objects::exception::ExceptionTypes;
use crate::objects::typeobj::ObjectClass;
use crate::objects::*;

/// The result of anything that can raise.
pub type PyResult<T = PyObjectRef> = Result<T, PyBaseExceptionRef>;

/// What a compiled chunk of source is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileMode {
    Module,
    Interactive,
    /// `eval()`: one expression, whose value the code returns.
    Eval,
}

/// A compile failure reported by the driver's compile hook, turned into SyntaxError.
#[derive(Clone, Debug)]
pub struct CompileFailure {
    pub class_name: String,
    pub message: String,
    pub filename: String,
    pub line: usize,
    pub col: usize,
    pub end_line: usize,
    pub end_col: usize,
    pub text: Option<String>,
}

/// The driver's compile function: `(source, filename, mode)` to a code object.
pub type CompileHook =
    dyn Fn(&str, &str, CompileMode) -> Result<Rc<mempy_bytecode::CodeObject>, CompileFailure>;

/// The builtin objects every VM has.
pub struct Context {
    pub types: Types,
    pub exc: ExceptionTypes,
    pub none: PyObjectRef,
    pub true_obj: PyObjectRef,
    pub false_obj: PyObjectRef,
    pub not_implemented: PyObjectRef,
    pub ellipsis: PyObjectRef,
    pub empty_tuple: PyTupleRef,
    pub empty_str: PyStrRef,
    small_ints: Vec<PyObjectRef>,
    /// Name -> canonical str. foldhash, not SipHash: names are looked up on hot
    /// paths (special methods by name) and need no protection from collisions.
    interner: RefCell<HashMap<Box<str>, PyStrRef, foldhash::fast::FixedState>>,
    pub latin1_chars: Vec<PyStrRef>,
}

/// Where `sys.stdout` / `sys.stderr` write.
pub type Sink = Box<dyn Write>;

pub struct Vm {
    pub ctx: Context,
    pub builtins: PyRef<PyModule>,
    pub sys_modules: PyDictRef,
    pub recursion_depth: Cell<u32>,
    pub recursion_limit: Cell<u32>,
    /// Address of a local in the outermost eval call and the bytes of native stack
    /// the VM may use below it.
    pub stack_base: Cell<usize>,
    pub stack_budget: Cell<usize>,
    /// The exception currently being handled (`sys.exc_info()`).
    pub current_exc: RefCell<Option<PyObjectRef>>,
    pub stdout: RefCell<Sink>,
    pub stderr: RefCell<Sink>,
    pub stdin: RefCell<Box<dyn std::io::BufRead>>,
    pub compile_hook: RefCell<Option<Rc<CompileHook>>>,
    pub argv: RefCell<Vec<String>>,
    /// Folder of the main script, first entry of `sys.path`.
    pub script_dir: RefCell<String>,
    /// Depth of nested repr() calls per object, for `[...]` on self-containing lists.
    pub repr_guard: RefCell<Vec<usize>>,
    pub object_new: RefCell<Option<PyObjectRef>>,
    pub object_init: RefCell<Option<PyObjectRef>>,
    /// Set by the eval loop: the globals and locals mapping of the running frame,
    /// read by the `globals()`, `locals()`, `vars()` and `dir()` builtins.
    pub scope_hook: Cell<Option<fn(&Vm) -> Option<(PyDictRef, PyObjectRef)>>>,
    /// `types.GenericAlias` (a heap type made at start-up, see `objects/genericalias.rs`).
    pub generic_alias_type: RefCell<Option<PyTypeRef>>,
}

impl Vm {
    /// A fresh VM with builtins, `sys` and the builtin modules registered.
    pub fn new(stdout: Sink, stderr: Sink) -> Rc<Vm> {
        let types = Types::new();
        let exc = ExceptionTypes::new(&types);
        let none = new_object(PyNone, types.none_type.as_object()).into_object();
        let true_obj = new_object(PyInt::from_i64(1), types.bool_type.as_object()).into_object();
        let false_obj = new_object(PyInt::from_i64(0), types.bool_type.as_object()).into_object();
        let not_implemented =
            new_object(PyNotImplemented, types.notimplemented_type.as_object()).into_object();
        let ellipsis = new_object(PyEllipsis, types.ellipsis_type.as_object()).into_object();
        let empty_tuple = new_object(PyTuple::new(Vec::new()), types.tuple_type.as_object());
        let empty_str = new_object(
            PyStr::from_string(String::new()),
            types.str_type.as_object(),
        );
        let small_ints = (-5..=256)
            .map(|i| new_object(PyInt::from_i64(i), types.int_type.as_object()).into_object())
            .collect();
        let latin1_chars = (0u32..256)
            .map(|c| {
                new_object(
                    PyStr::from_string(char::from_u32(c).unwrap().to_string()),
                    types.str_type.as_object(),
                )
            })
            .collect();
        let module_type = types.module_type.clone();
        let dict_type = types.dict_type.clone();
        let ctx = Context {
            types,
            exc,
            none,
            true_obj,
            false_obj,
            not_implemented,
            ellipsis,
            empty_tuple,
            empty_str,
            small_ints,
            interner: RefCell::new(HashMap::default()),
            latin1_chars,
        };
        let sys_modules = new_object(PyDict::default(), dict_type.as_object());
        let builtins_dict = new_object(PyDict::default(), dict_type.as_object());
        let builtins = new_object(PyModule::new(builtins_dict), module_type.as_object());
        let vm = Vm {
            ctx,
            builtins,
            sys_modules,
            recursion_depth: Cell::new(0),
            recursion_limit: Cell::new(1000),
            stack_base: Cell::new(0),
            stack_budget: Cell::new(6 << 20),
            current_exc: RefCell::new(None),
            stdout: RefCell::new(stdout),
            stderr: RefCell::new(stderr),
            stdin: RefCell::new(Box::new(std::io::BufReader::new(std::io::stdin()))),
            compile_hook: RefCell::new(None),
            argv: RefCell::new(Vec::new()),
            script_dir: RefCell::new(String::new()),
            repr_guard: RefCell::new(Vec::new()),
            object_new: RefCell::new(None),
            object_init: RefCell::new(None),
            scope_hook: Cell::new(None),
            generic_alias_type: RefCell::new(None),
        };
        init_all(&vm);
        crate::objects::exception::init_types(&vm);
        crate::builtins::init(&vm);
        crate::modules::init(&vm);
        let vm = Rc::new(vm);
        crate::protocol::install_heap_hooks(&vm);
        vm
    }

    // ----- Singletons and constructors -----

    #[inline]
    pub fn none(&self) -> PyObjectRef {
        self.ctx.none.clone()
    }

    #[inline]
    pub fn is_none(&self, o: &PyObject) -> bool {
        o.is(&self.ctx.none)
    }

    #[inline]
    pub fn new_bool(&self, b: bool) -> PyObjectRef {
        if b {
            self.ctx.true_obj.clone()
        } else {
            self.ctx.false_obj.clone()
        }
    }

    pub fn not_implemented(&self) -> PyObjectRef {
        self.ctx.not_implemented.clone()
    }

    #[inline]
    pub fn new_int(&self, i: i64) -> PyObjectRef {
        if (-5..=256).contains(&i) {
            return self.ctx.small_ints[(i + 5) as usize].clone();
        }
        new_object(PyInt::from_i64(i), self.ctx.types.int_type.as_object()).into_object()
    }

    pub fn new_bigint(&self, b: BigInt) -> PyObjectRef {
        match PyInt::from_bigint(b) {
            p if p.as_small().is_some() => self.new_int(p.as_small().unwrap()),
            p => new_object(p, self.ctx.types.int_type.as_object()).into_object(),
        }
    }

    pub fn new_float(&self, f: f64) -> PyObjectRef {
        new_object(PyFloat { value: f }, self.ctx.types.float_type.as_object()).into_object()
    }

    pub fn new_str(&self, s: &str) -> PyObjectRef {
        self.new_str_ref(s).into_object()
    }

    pub fn new_str_ref(&self, s: &str) -> PyStrRef {
        if s.is_empty() {
            return self.ctx.empty_str.clone();
        }
        let b = s.as_bytes();
        if b.len() <= 2 {
            let mut it = s.chars();
            if let (Some(c), None) = (it.next(), it.next()) {
                if (c as u32) < 256 {
                    return self.ctx.latin1_chars[c as usize].clone();
                }
            }
        }
        new_object(
            PyStr::from_string(s.to_string()),
            self.ctx.types.str_type.as_object(),
        )
    }

    pub fn new_string(&self, s: String) -> PyObjectRef {
        if s.len() <= 2 {
            return self.new_str(&s);
        }
        new_object(PyStr::from_string(s), self.ctx.types.str_type.as_object()).into_object()
    }

    /// The interned string object for `s` (identity-comparable attribute names).
    pub fn intern(&self, s: &str) -> PyStrRef {
        if let Some(r) = self.ctx.interner.borrow().get(s) {
            return r.clone();
        }
        let r = new_object(
            PyStr::from_string(s.to_string()),
            self.ctx.types.str_type.as_object(),
        );
        r.mark_interned();
        self.ctx.interner.borrow_mut().insert(s.into(), r.clone());
        r
    }

    /// Interns an existing string object (returns the canonical one).
    pub fn intern_str(&self, s: &PyStrRef) -> PyStrRef {
        if s.is_interned() {
            return s.clone();
        }
        if let Some(r) = self.ctx.interner.borrow().get(s.as_str()) {
            return r.clone();
        }
        if s.as_object().class().is_heap_type()
            || !s
                .as_object()
                .class()
                .as_object()
                .is(self.ctx.types.str_type.as_object())
        {
            return self.intern(s.as_str());
        }
        s.mark_interned();
        self.ctx
            .interner
            .borrow_mut()
            .insert(s.as_str().into(), s.clone());
        s.clone()
    }

    pub fn new_list(&self, items: Vec<PyObjectRef>) -> PyObjectRef {
        new_object(PyList::new(items), self.ctx.types.list_type.as_object()).into_object()
    }

    pub fn new_tuple(&self, items: Vec<PyObjectRef>) -> PyObjectRef {
        self.new_tuple_ref(items).into_object()
    }

    pub fn new_tuple_ref(&self, items: Vec<PyObjectRef>) -> PyTupleRef {
        if items.is_empty() {
            return self.ctx.empty_tuple.clone();
        }
        new_object(PyTuple::new(items), self.ctx.types.tuple_type.as_object())
    }

    pub fn new_dict(&self) -> PyDictRef {
        new_object(PyDict::default(), self.ctx.types.dict_type.as_object())
    }

    /// Allocates an object of the builtin type `typ` with payload `payload`.
    pub fn new_object<T: PyPayload>(&self, payload: T, typ: &PyTypeRef) -> PyRef<T> {
        new_object(payload, typ.as_object())
    }

    /// Allocates an instance of `cls`, which may be a class-statement subclass of the
    /// builtin type whose payload is `T` (then the instance gets `__dict__`/slots).
    pub fn new_instance<T: PyPayload>(&self, payload: T, cls: &PyTypeRef) -> PyRef<T> {
        if cls.is_heap_type()
            || !crate::heap::same_vtable(cls.core.vtable.get(), crate::heap::vtable_of::<T>())
        {
            let dict = if cls.has_flag(crate::objects::typeobj::flags::HAS_DICT) {
                Some(self.new_dict().into_object())
            } else {
                None
            };
            crate::heap::new_ext_object(payload, cls.as_object(), cls.nslots, dict)
        } else {
            new_object(payload, cls.as_object())
        }
    }

    // ----- Registration helpers for types and modules -----

    /// Adds native methods to a builtin type.
    pub fn add_methods(&self, typ: &PyTypeRef, methods: &[(&'static str, NativeFn)]) {
        for &(name, func) in methods {
            let d = PyMethodDescr {
                name,
                func,
                owner: typ.as_object().addr(),
                owner_name: typ.name().clone(),
            };
            let key = self.intern(name);
            let dt = if crate::objects::descriptor::is_slot_wrapper(self, typ, name) {
                &self.ctx.types.wrapper_descriptor_type
            } else {
                &self.ctx.types.method_descriptor_type
            };
            typ.set_attr(key, self.new_object(d, dt).into());
        }
    }

    /// Adds a class method (receives the class as `args[0]`).
    pub fn add_classmethod(&self, typ: &PyTypeRef, name: &'static str, func: NativeFn) {
        let d = PyMethodDescr {
            name,
            func,
            owner: typ.as_object().addr(),
            owner_name: typ.name().clone(),
        };
        let d = self
            .new_object(d, &self.ctx.types.method_descriptor_type)
            .into_object();
        let cm = self.new_object(PyClassMethod::new(d), &self.ctx.types.classmethod_type);
        typ.set_attr(self.intern(name), cm.into());
    }

    /// Adds a static method.
    pub fn add_staticmethod(&self, typ: &PyTypeRef, name: &'static str, func: NativeFn) {
        let f = self.new_builtin_function(name, func, None);
        let sm = self.new_object(PyStaticMethod::new(f), &self.ctx.types.staticmethod_type);
        typ.set_attr(self.intern(name), sm.into());
    }

    /// Sets the type's `__new__`: `func` receives the class as `args[0]`.
    pub fn add_new(&self, typ: &PyTypeRef, func: NativeFn) {
        let f = self.new_builtin_function("__new__", func, None);
        typ.set_attr(self.intern("__new__"), f);
    }

    /// Adds a computed attribute (`getset_descriptor`).
    pub fn add_getset(
        &self,
        typ: &PyTypeRef,
        name: &'static str,
        get: GetterFn,
        set: Option<SetterFn>,
    ) {
        let d = PyGetSet {
            name,
            get,
            set,
            owner_name: typ.name().clone(),
        };
        typ.set_attr(
            self.intern(name),
            self.new_object(d, &self.ctx.types.getset_type).into(),
        );
    }

    /// Adds a plain attribute to a type.
    pub fn add_attr(&self, typ: &PyTypeRef, name: &str, value: PyObjectRef) {
        typ.set_attr(self.intern(name), value);
    }

    /// A builtin function object (`len`, `math.sqrt`, or a bound `[].append` when
    /// `bound_self` is given).
    pub fn new_builtin_function(
        &self,
        name: &'static str,
        func: NativeFn,
        bound_self: Option<PyObjectRef>,
    ) -> PyObjectRef {
        self.new_object(
            PyBuiltinFunction {
                name,
                func,
                bound_self,
                module: None,
            },
            &self.ctx.types.builtin_function_type,
        )
        .into()
    }

    /// A new module object with `__name__` set.
    pub fn new_module(&self, name: &str) -> PyRef<PyModule> {
        let d = self.new_dict();
        let m = self.new_object(PyModule::new(d), &self.ctx.types.module_type);
        m.dict
            .set_item_str(self, &self.intern("__name__"), self.new_str(name));
        m.dict
            .set_item_str(self, &self.intern("__doc__"), self.none());
        m
    }

    /// Adds native functions to a module.
    pub fn add_functions(&self, module: &PyRef<PyModule>, funcs: &[(&'static str, NativeFn)]) {
        for &(name, func) in funcs {
            let f = self.new_object(
                PyBuiltinFunction {
                    name,
                    func,
                    bound_self: None,
                    module: Some(
                        module
                            .dict
                            .get_item_str_opt(&self.intern("__name__"))
                            .unwrap_or_else(|| self.none()),
                    ),
                },
                &self.ctx.types.builtin_function_type,
            );
            module.dict.set_item_str(self, &self.intern(name), f.into());
        }
    }

    /// Sets an attribute of a module.
    pub fn module_set(&self, module: &PyRef<PyModule>, name: &str, value: PyObjectRef) {
        module.dict.set_item_str(self, &self.intern(name), value);
    }

    // ----- Output -----

    /// Writes to `sys.stdout`'s sink.
    pub fn write_stdout(&self, s: &str) {
        let _ = self.stdout.borrow_mut().write_all(s.as_bytes());
    }

    /// Writes to `sys.stdout`'s sink; `Err` as `OSError` when the write fails (a closed
    /// pipe gives `BrokenPipeError`, as in CPython).
    pub fn try_write_stdout(&self, s: &str) -> PyResult<()> {
        self.stdout
            .borrow_mut()
            .write_all(s.as_bytes())
            .map_err(|e| crate::builtins::os_error(self, &e, None))
    }

    /// Writes to `sys.stderr`'s sink.
    pub fn write_stderr(&self, s: &str) {
        let mut out = self.stdout.borrow_mut();
        let _ = out.flush();
        drop(out);
        let _ = self.stderr.borrow_mut().write_all(s.as_bytes());
    }

    pub fn flush_all(&self) {
        let _ = self.stdout.borrow_mut().flush();
        let _ = self.stderr.borrow_mut().flush();
    }

    /// The running frame's `(globals, locals)` through `scope_hook` (None outside code).
    pub fn current_scope(&self) -> Option<(PyDictRef, PyObjectRef)> {
        self.scope_hook.get().and_then(|f| f(self))
    }

    pub fn args<'a>(&self, args: &'a [PyObjectRef]) -> Args<'a> {
        Args::positional_only(args)
    }

    /// The interned strings (teardown: see `modules::gc::finalize_vm`).
    pub fn interned_keys(&self) -> Vec<Box<str>> {
        self.ctx.interner.borrow().keys().cloned().collect()
    }

    /// Forgets every interned string not in `keep` (teardown only: later lookups of those
    /// names would intern them again).
    pub fn release_interned_except(&self, keep: &std::collections::HashSet<Box<str>>) {
        let dropped: Vec<PyStrRef> = {
            let mut m = self.ctx.interner.borrow_mut();
            let gone: Vec<Box<str>> = m.keys().filter(|k| !keep.contains(*k)).cloned().collect();
            gone.iter().filter_map(|k| m.remove(k)).collect()
        };
        drop(dropped);
    }
}
