//! `module` objects: a namespace dict.

use crate::args::Args;
use crate::heap::{DictSlot, PyObjectRef, PyPayload};
use crate::objects::{PyDict, PyDictRef, PyStr};
use crate::vm::{PyResult, Vm};

pub struct PyModule {
    pub dict: PyDictRef,
    dict_slot: DictSlot,
}

impl PyPayload for PyModule {
    const GC: bool = true;
    fn dict_slot(&self) -> Option<&DictSlot> {
        Some(&self.dict_slot)
    }
}

impl PyModule {
    pub fn new(dict: PyDictRef) -> PyModule {
        let slot = DictSlot::new(Some(dict.clone().into()));
        PyModule {
            dict,
            dict_slot: slot,
        }
    }
}

fn module_repr(vm: &Vm, args: Args) -> PyResult {
    let m = args.args[0]
        .payload::<PyModule>()
        .ok_or_else(|| vm.new_type_error("module expected"))?;
    let name = m.dict.get_item_str_opt(&vm.intern("__name__"));
    let name = name
        .as_ref()
        .and_then(|n| n.payload::<PyStr>().map(|s| s.as_str().to_string()))
        .unwrap_or_else(|| "?".into());
    let file = m.dict.get_item_str_opt(&vm.intern("__file__"));
    Ok(vm.new_string(
        match file
            .as_ref()
            .and_then(|f| f.payload::<PyStr>().map(|s| s.as_str().to_string()))
        {
            Some(f) => format!("<module '{name}' from '{f}'>"),
            None => format!("<module '{name}' (built-in)>"),
        },
    ))
}

fn module_dir(vm: &Vm, args: Args) -> PyResult {
    let m = args.args[0]
        .payload::<PyModule>()
        .ok_or_else(|| vm.new_type_error("module expected"))?;
    let mut keys: Vec<PyObjectRef> = m.dict.keys_vec();
    keys.sort_by(|a, b| {
        let x = a
            .payload::<PyStr>()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default();
        let y = b
            .payload::<PyStr>()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default();
        x.cmp(&y)
    });
    Ok(vm.new_list(keys))
}

fn module_new(vm: &Vm, args: Args) -> PyResult {
    let p = args.shift().range(vm, "module", 1, 2)?;
    let name = p[0]
        .payload::<PyStr>()
        .ok_or_else(|| vm.new_type_error("module.__init__() argument 'name' must be str"))?;
    let m = vm.new_module(name.as_str());
    Ok(m.into())
}

pub(crate) fn init(vm: &Vm) {
    let t = &vm.ctx.types.module_type;
    vm.add_new(t, module_new);
    vm.add_methods(t, &[("__repr__", module_repr), ("__dir__", module_dir)]);
    let (g, s) = crate::objects::object::dict_getset();
    vm.add_getset(t, "__dict__", g, Some(s));
    let _ = PyDict::default;
}
