//! Builtin functions (`len`, `print`, `isinstance`...), grouped by theme: `io.rs`
//! (print, input, open, exit), `numbers.rs` (abs, round, divmod, pow, sum, hex...),
//! `iteration.rs` (len, iter, next, sorted, min, max, any, all), `attributes.rs`
//! (getattr family, vars, dir), `introspection.rs` (isinstance, id, hash, repr,
//! format, globals, locals, `__import__`), `site.rs` (help, copyright, credits, license). Builtin *types* (`int`, `list`, `zip`...)
//! are in `objects/`; this module only exposes them under their names.
//!
//! # How to add a builtin
//! Write `fn builtin_name(vm: &Vm, args: Args) -> PyResult` in the file of its theme
//! (see `args.rs` for argument helpers and CPython's count messages) and add
//! `("name", builtin_name)` to the table in `init`.

mod attributes;
mod exec_eval;
mod introspection;
mod io;
mod iteration;
mod numbers;
mod site;

pub use crate::objects::int::index_bigint;
pub use introspection::{ascii_escape, isinstance_of};
pub use io::os_error;

use crate::vm::Vm;

pub(crate) fn init(vm: &Vm) {
    let b = &vm.builtins;
    vm.add_functions(
        b,
        &[
            ("print", io::builtin_print),
            ("compile", exec_eval::builtin_compile),
            ("exec", exec_eval::builtin_exec),
            ("eval", exec_eval::builtin_eval),
            ("input", io::builtin_input),
            ("open", io::builtin_open),
            ("exit", io::builtin_exit),
            ("quit", io::builtin_exit),
            ("abs", numbers::builtin_abs),
            ("round", numbers::builtin_round),
            ("divmod", numbers::builtin_divmod),
            ("pow", numbers::builtin_pow),
            ("sum", numbers::builtin_sum),
            ("hex", numbers::builtin_hex),
            ("oct", numbers::builtin_oct),
            ("bin", numbers::builtin_bin),
            ("chr", numbers::builtin_chr),
            ("ord", numbers::builtin_ord),
            ("len", iteration::builtin_len),
            ("iter", iteration::builtin_iter),
            ("next", iteration::builtin_next),
            ("sorted", iteration::builtin_sorted),
            ("min", iteration::builtin_min),
            ("max", iteration::builtin_max),
            ("any", iteration::builtin_any),
            ("all", iteration::builtin_all),
            ("getattr", attributes::builtin_getattr),
            ("setattr", attributes::builtin_setattr),
            ("hasattr", attributes::builtin_hasattr),
            ("delattr", attributes::builtin_delattr),
            ("vars", attributes::builtin_vars),
            ("dir", attributes::builtin_dir),
            ("isinstance", introspection::builtin_isinstance),
            ("issubclass", introspection::builtin_issubclass),
            ("id", introspection::builtin_id),
            ("hash", introspection::builtin_hash),
            ("callable", introspection::builtin_callable),
            ("repr", introspection::builtin_repr),
            ("ascii", introspection::builtin_ascii),
            ("format", introspection::builtin_format),
            ("globals", introspection::builtin_globals),
            ("locals", introspection::builtin_locals),
            ("__import__", introspection::builtin_import),
        ],
    );
    let t = &vm.ctx.types;
    for (name, typ) in [
        ("object", &t.object_type),
        ("type", &t.type_type),
        ("int", &t.int_type),
        ("bool", &t.bool_type),
        ("float", &t.float_type),
        ("str", &t.str_type),
        ("bytes", &t.bytes_type),
        ("list", &t.list_type),
        ("tuple", &t.tuple_type),
        ("dict", &t.dict_type),
        ("set", &t.set_type),
        ("frozenset", &t.frozenset_type),
        ("range", &t.range_type),
        ("slice", &t.slice_type),
        ("property", &t.property_type),
        ("staticmethod", &t.staticmethod_type),
        ("classmethod", &t.classmethod_type),
        ("super", &t.super_type),
        ("enumerate", &t.enumerate_type),
        ("zip", &t.zip_type),
        ("map", &t.map_type),
        ("filter", &t.filter_type),
        ("reversed", &t.reversed_type),
    ] {
        vm.module_set(b, name, typ.clone().into());
    }
    vm.module_set(b, "None", vm.none());
    vm.module_set(b, "True", vm.new_bool(true));
    vm.module_set(b, "False", vm.new_bool(false));
    vm.module_set(b, "Ellipsis", vm.ctx.ellipsis.clone());
    vm.module_set(b, "NotImplemented", vm.not_implemented());
    vm.module_set(b, "__name__", vm.new_str("builtins"));
    vm.module_set(b, "__doc__", vm.none());
    site::init(vm);
}
