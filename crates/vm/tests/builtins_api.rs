//! Builtin functions and the sys/math/time modules through the Rust API (no eval
//! loop needed). Expected values come from CPython 3.11.

use mempy_vm::{PyObjectRef, Vm};

fn vm() -> std::rc::Rc<Vm> {
    Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()))
}

fn builtin(vm: &Vm, name: &str) -> PyObjectRef {
    vm.builtins.dict.get_item_str_opt(&vm.intern(name)).unwrap()
}

fn call(vm: &Vm, name: &str, args: &[PyObjectRef]) -> String {
    match vm.call(&builtin(vm, name), args) {
        Ok(v) => vm.repr(&v).unwrap().as_str().to_string(),
        Err(e) => mempy_vm::traceback::exception_line(vm, &e).trim_end().to_string(),
    }
}

fn module_call(vm: &Vm, module: &str, name: &str, args: &[PyObjectRef]) -> String {
    let m = mempy_vm::modules::import_builtin(vm, module).unwrap().unwrap();
    let f = vm.get_attribute(&m, &vm.intern(name)).unwrap();
    match vm.call(&f, args) {
        Ok(v) => vm.repr(&v).unwrap().as_str().to_string(),
        Err(e) => mempy_vm::traceback::exception_line(vm, &e).trim_end().to_string(),
    }
}

#[test]
fn numeric_builtins() {
    let vm = vm();
    let i = |v: i64| vm.new_int(v);
    assert_eq!(call(&vm, "divmod", &[i(-7), i(2)]), "(-4, 1)");
    assert_eq!(call(&vm, "pow", &[i(2), i(-1), i(5)]), "3");
    assert_eq!(call(&vm, "pow", &[i(2), i(3), i(0)]), "ValueError: pow() 3rd argument cannot be 0");
    assert_eq!(call(&vm, "round", &[vm.new_float(2.5)]), "2");
    assert_eq!(call(&vm, "round", &[vm.new_float(2.675), i(2)]), "2.67");
    assert_eq!(call(&vm, "hex", &[i(-255)]), "'-0xff'");
    assert_eq!(call(&vm, "bin", &[i(5)]), "'0b101'");
    assert_eq!(call(&vm, "sum", &[vm.new_list(vec![i(1), i(2)]), i(10)]), "13");
    assert_eq!(call(&vm, "sum", &[vm.new_list(vec![]), vm.new_str("a")]), "TypeError: sum() can't sum strings [use ''.join(seq) instead]");
    assert_eq!(call(&vm, "divmod", &[vm.new_str("a"), i(1)]), "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'");
}

#[test]
fn iteration_builtins() {
    let vm = vm();
    let l = vm.new_list(vec![vm.new_int(3), vm.new_int(1), vm.new_int(2)]);
    assert_eq!(call(&vm, "sorted", &[l.clone()]), "[1, 2, 3]");
    assert_eq!(call(&vm, "max", &[l.clone()]), "3");
    assert_eq!(call(&vm, "min", &[vm.new_int(4), vm.new_int(2)]), "2");
    assert_eq!(call(&vm, "max", &[vm.new_list(vec![])]), "ValueError: max() arg is an empty sequence");
    assert_eq!(call(&vm, "any", &[l.clone()]), "True");
    assert_eq!(call(&vm, "all", &[vm.new_list(vec![vm.new_int(0)])]), "False");
    assert_eq!(call(&vm, "len", &[]), "TypeError: len() takes exactly one argument (0 given)");
}

#[test]
fn sys_math_time() {
    let vm = vm();
    let sys = mempy_vm::modules::import_builtin(&vm, "sys").unwrap().unwrap();
    let vi = vm.get_attribute(&sys, &vm.intern("version_info")).unwrap();
    assert_eq!(vm.repr(&vi).unwrap().as_str(), "sys.version_info(major=3, minor=11, micro=7, releaselevel='final', serial=0)");
    let major = vm.get_attribute(&vi, &vm.intern("major")).unwrap();
    assert_eq!(vm.repr(&major).unwrap().as_str(), "3");
    let f = |x: f64| vm.new_float(x);
    assert_eq!(module_call(&vm, "math", "sqrt", &[f(-4.0)]), "ValueError: math domain error");
    assert_eq!(module_call(&vm, "math", "exp", &[f(1000.0)]), "OverflowError: math range error");
    assert_eq!(module_call(&vm, "math", "fsum", &[vm.new_list(vec![f(0.1); 10])]), "1.0");
    assert_eq!(module_call(&vm, "math", "factorial", &[vm.new_int(-1)]), "ValueError: factorial() not defined for negative values");
    assert_eq!(module_call(&vm, "math", "log", &[vm.new_int(8), vm.new_int(2)]), "3.0");
    assert_eq!(module_call(&vm, "math", "floor", &[f(-2.5)]), "-3");
    assert_eq!(
        module_call(&vm, "time", "gmtime", &[vm.new_int(1_000_000_000)]),
        "time.struct_time(tm_year=2001, tm_mon=9, tm_mday=9, tm_hour=1, tm_min=46, tm_sec=40, tm_wday=6, tm_yday=252, tm_isdst=0)"
    );
}
