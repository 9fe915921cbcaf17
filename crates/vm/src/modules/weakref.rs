//! The `weakref` module: the native `ref`/`proxy` types of `objects/weakref.rs`,
//! `getweakrefcount`, `getweakrefs`, and a Python part (compiled at import through the
//! driver's compile hook) with `WeakValueDictionary`, `WeakKeyDictionary`, `WeakSet`,
//! `WeakMethod` and `finalize`. `finalize`'s at-exit behaviour is run by the VM's
//! teardown (`modules::gc::run_exit_finalizers`).

use crate::args::Args;
use crate::heap::weak::{weakref_count, weakrefs_of};
use crate::heap::PyRef;
use crate::objects::weakref::{new_weakref, types, WeakKind};
use crate::objects::PyModule;
use crate::vm::{PyResult, Vm};

/// The pure-Python part, modelled on CPython's `Lib/weakref.py` (simplified: callbacks
/// remove entries immediately, which is what CPython does outside iteration).
const PYTHON_PART: &str = r#"
class WeakMethod:
    __slots__ = ("_obj_ref", "_func_ref", "__weakref__")
    def __init__(self, meth, callback=None):
        self._obj_ref = ref(meth.__self__, None if callback is None else (lambda wr, s=self, cb=callback: cb(s)))
        self._func_ref = ref(meth.__func__)
    def __call__(self):
        obj = self._obj_ref()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return func.__get__(obj, type(obj))

def _value_remover(selfref, key):
    def remove(wr):
        self = selfref()
        if self is not None and self.data.get(key) is wr:
            del self.data[key]
    return remove

class WeakValueDictionary:
    def __init__(self, other=(), /, **kw):
        self.data = {}
        self._selfref = ref(self)
        self.update(other, **kw)
    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o
    def __delitem__(self, key):
        del self.data[key]
    def __len__(self):
        return len(self.data)
    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None
    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))
    def __setitem__(self, key, value):
        self.data[key] = ref(value, _value_remover(self._selfref, key))
    def copy(self):
        new = WeakValueDictionary()
        for key, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                new[key] = o
        return new
    __copy__ = copy
    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        if o is None:
            return default
        return o
    def items(self):
        out = []
        for k, wr in list(self.data.items()):
            v = wr()
            if v is not None:
                out.append((k, v))
        return out
    def keys(self):
        return [k for k, wr in list(self.data.items()) if wr() is not None]
    def __iter__(self):
        return iter(self.keys())
    def values(self):
        out = []
        for wr in list(self.data.values()):
            o = wr()
            if o is not None:
                out.append(o)
        return out
    def itervaluerefs(self):
        return iter(list(self.data.values()))
    def valuerefs(self):
        return list(self.data.values())
    def popitem(self):
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o
    def pop(self, key, *args):
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o
    def setdefault(self, key, default=None):
        try:
            o = self.data[key]()
        except KeyError:
            o = None
        if o is None:
            self[key] = default
            return default
        return o
    def update(self, other=None, /, **kwargs):
        if other is not None:
            if not hasattr(other, "items"):
                other = dict(other)
            for key, o in other.items():
                self[key] = o
        for key, o in kwargs.items():
            self[key] = o

def _key_remover(selfref):
    def remove(k):
        self = selfref()
        if self is not None:
            try:
                del self.data[k]
            except KeyError:
                pass
    return remove

class WeakKeyDictionary:
    def __init__(self, dict=None):
        self.data = {}
        self._remove = _key_remover(ref(self))
        if dict is not None:
            self.update(dict)
    def __delitem__(self, key):
        del self.data[ref(key)]
    def __getitem__(self, key):
        return self.data[ref(key)]
    def __len__(self):
        return len(self.data)
    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))
    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value
    def copy(self):
        new = WeakKeyDictionary()
        for key, value in list(self.data.items()):
            o = key()
            if o is not None:
                new[o] = value
        return new
    __copy__ = copy
    def get(self, key, default=None):
        return self.data.get(ref(key), default)
    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data
    def items(self):
        out = []
        for wr, value in list(self.data.items()):
            key = wr()
            if key is not None:
                out.append((key, value))
        return out
    def keys(self):
        return [k for k in (wr() for wr in list(self.data)) if k is not None]
    def __iter__(self):
        return iter(self.keys())
    def values(self):
        return [v for wr, v in list(self.data.items()) if wr() is not None]
    def keyrefs(self):
        return list(self.data)
    def popitem(self):
        while True:
            key, value = self.data.popitem()
            o = key()
            if o is not None:
                return o, value
    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)
    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)
    def update(self, dict=None, /, **kwargs):
        if dict is not None:
            if not hasattr(dict, "items"):
                dict = type({})(dict)
            for key, value in dict.items():
                self[key] = value
        if len(kwargs):
            self.update(kwargs)

def _set_remover(selfref):
    def remove(item):
        self = selfref()
        if self is not None:
            self.data.discard(item)
    return remove

class WeakSet:
    def __init__(self, data=None):
        self.data = set()
        self._remove = _set_remover(ref(self))
        if data is not None:
            self.update(data)
    def __iter__(self):
        for itemref in list(self.data):
            item = itemref()
            if item is not None:
                yield item
    def __len__(self):
        return len(self.data)
    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data
    def __repr__(self):
        return repr(self.data)
    def add(self, item):
        self.data.add(ref(item, self._remove))
    def clear(self):
        self.data.clear()
    def copy(self):
        return self.__class__(self)
    def pop(self):
        while True:
            itemref = self.data.pop()
            item = itemref()
            if item is not None:
                return item
    def remove(self, item):
        self.data.remove(ref(item))
    def discard(self, item):
        self.data.discard(ref(item))
    def update(self, other):
        for element in other:
            self.add(element)
    def __ior__(self, other):
        self.update(other)
        return self

class finalize:
    __slots__ = ()
    _registry = {}
    _shutdown = False
    _index_iter = [0]

    class _Info:
        __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")

    def __init__(self, obj, func, /, *args, **kwargs):
        info = self._Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        finalize._index_iter[0] += 1
        info.index = finalize._index_iter[0]
        self._registry[self] = info

    def __call__(self, _=None):
        info = self._registry.pop(self, None)
        if info and not self._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and self._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in self._registry

    @property
    def atexit(self):
        info = self._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = self._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (type(self).__name__, id(self), type(obj).__name__, id(obj))

    @classmethod
    def _exitfunc(cls):
        try:
            if cls._registry:
                pending = [(f, i) for (f, i) in cls._registry.items() if i.atexit]
                pending.sort(key=lambda item: item[1].index)
                while pending:
                    f = pending.pop()[0]
                    try:
                        f()
                    except Exception:
                        import sys
                        sys.excepthook(*sys.exc_info())
        finally:
            finalize._shutdown = True
"#;

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("weakref");
    let t = types(vm);
    vm.module_set(&m, "ref", t.reference.clone().into());
    vm.module_set(&m, "ReferenceType", t.reference.clone().into());
    vm.module_set(&m, "ProxyType", t.proxy.clone().into());
    vm.module_set(&m, "CallableProxyType", t.callable_proxy.clone().into());
    vm.module_set(
        &m,
        "ProxyTypes",
        vm.new_tuple(vec![
            t.proxy.clone().into(),
            t.callable_proxy.clone().into(),
        ]),
    );
    vm.add_functions(
        &m,
        &[
            ("proxy", weakref_proxy),
            ("getweakrefcount", weakref_getweakrefcount),
            ("getweakrefs", weakref_getweakrefs),
        ],
    );
    if let Err(e) = load_python_part(vm, &m) {
        vm.report_unraisable(&e, None);
    }
    m
}

fn load_python_part(vm: &Vm, m: &PyRef<PyModule>) -> PyResult<()> {
    let code = crate::eval::import::compile_source(
        vm,
        PYTHON_PART,
        "<frozen weakref>",
        crate::vm::CompileMode::Module,
    )?;
    vm.run_code(code, m.dict.clone())?;
    Ok(())
}

fn weakref_proxy(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    if p.is_empty() || p.len() > 2 {
        return Err(vm.new_type_error(format!(
            "proxy expected at most 2 arguments, got {}",
            p.len()
        )));
    }
    let obj = &p[0];
    let t = types(vm);
    let callable = vm.lookup_special(obj, "__call__").is_some();
    let (cls, kind) = if callable {
        (&t.callable_proxy, WeakKind::CallableProxy)
    } else {
        (&t.proxy, WeakKind::Proxy)
    };
    new_weakref(vm, cls, kind, obj, p.get(1).cloned())
}

fn weakref_getweakrefcount(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let o = p.first().ok_or_else(|| {
        vm.new_type_error("getweakrefcount() takes exactly one argument (0 given)")
    })?;
    Ok(vm.new_int(weakref_count(o) as i64))
}

fn weakref_getweakrefs(vm: &Vm, args: Args) -> PyResult {
    let p = args.positional();
    let o = p
        .first()
        .ok_or_else(|| vm.new_type_error("getweakrefs() takes exactly one argument (0 given)"))?;
    Ok(vm.new_list(weakrefs_of(o)))
}
