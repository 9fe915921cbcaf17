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
        Err(e) => mempy_vm::traceback::exception_line(vm, &e)
            .trim_end()
            .to_string(),
    }
}

fn module_call(vm: &Vm, module: &str, name: &str, args: &[PyObjectRef]) -> String {
    let m = mempy_vm::modules::import_builtin(vm, module)
        .unwrap()
        .unwrap();
    let f = vm.get_attribute(&m, &vm.intern(name)).unwrap();
    match vm.call(&f, args) {
        Ok(v) => vm.repr(&v).unwrap().as_str().to_string(),
        Err(e) => mempy_vm::traceback::exception_line(vm, &e)
            .trim_end()
            .to_string(),
    }
}

#[test]
fn numeric_builtins() {
    let vm = vm();
    let i = |v: i64| vm.new_int(v);
    assert_eq!(call(&vm, "divmod", &[i(-7), i(2)]), "(-4, 1)");
    assert_eq!(call(&vm, "pow", &[i(2), i(-1), i(5)]), "3");
    assert_eq!(
        call(&vm, "pow", &[i(2), i(3), i(0)]),
        "ValueError: pow() 3rd argument cannot be 0"
    );
    assert_eq!(call(&vm, "round", &[vm.new_float(2.5)]), "2");
    assert_eq!(call(&vm, "round", &[vm.new_float(2.675), i(2)]), "2.67");
    assert_eq!(call(&vm, "hex", &[i(-255)]), "'-0xff'");
    assert_eq!(call(&vm, "bin", &[i(5)]), "'0b101'");
    assert_eq!(
        call(&vm, "sum", &[vm.new_list(vec![i(1), i(2)]), i(10)]),
        "13"
    );
    assert_eq!(
        call(&vm, "sum", &[vm.new_list(vec![]), vm.new_str("a")]),
        "TypeError: sum() can't sum strings [use ''.join(seq) instead]"
    );
    assert_eq!(
        call(&vm, "divmod", &[vm.new_str("a"), i(1)]),
        "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'"
    );
}

#[test]
fn iteration_builtins() {
    let vm = vm();
    let l = vm.new_list(vec![vm.new_int(3), vm.new_int(1), vm.new_int(2)]);
    assert_eq!(call(&vm, "sorted", &[l.clone()]), "[1, 2, 3]");
    assert_eq!(call(&vm, "max", &[l.clone()]), "3");
    assert_eq!(call(&vm, "min", &[vm.new_int(4), vm.new_int(2)]), "2");
    assert_eq!(
        call(&vm, "max", &[vm.new_list(vec![])]),
        "ValueError: max() arg is an empty sequence"
    );
    assert_eq!(call(&vm, "any", &[l.clone()]), "True");
    assert_eq!(
        call(&vm, "all", &[vm.new_list(vec![vm.new_int(0)])]),
        "False"
    );
    assert_eq!(
        call(&vm, "len", &[]),
        "TypeError: len() takes exactly one argument (0 given)"
    );
}

#[test]
fn sys_math_time() {
    let vm = vm();
    let sys = mempy_vm::modules::import_builtin(&vm, "sys")
        .unwrap()
        .unwrap();
    let vi = vm.get_attribute(&sys, &vm.intern("version_info")).unwrap();
    assert_eq!(
        vm.repr(&vi).unwrap().as_str(),
        "sys.version_info(major=3, minor=11, micro=7, releaselevel='final', serial=0)"
    );
    let major = vm.get_attribute(&vi, &vm.intern("major")).unwrap();
    assert_eq!(vm.repr(&major).unwrap().as_str(), "3");
    let f = |x: f64| vm.new_float(x);
    assert_eq!(
        module_call(&vm, "math", "sqrt", &[f(-4.0)]),
        "ValueError: math domain error"
    );
    assert_eq!(
        module_call(&vm, "math", "exp", &[f(1000.0)]),
        "OverflowError: math range error"
    );
    assert_eq!(
        module_call(&vm, "math", "fsum", &[vm.new_list(vec![f(0.1); 10])]),
        "1.0"
    );
    assert_eq!(
        module_call(&vm, "math", "factorial", &[vm.new_int(-1)]),
        "ValueError: factorial() not defined for negative values"
    );
    assert_eq!(
        module_call(&vm, "math", "log", &[vm.new_int(8), vm.new_int(2)]),
        "3.0"
    );
    assert_eq!(module_call(&vm, "math", "floor", &[f(-2.5)]), "-3");
    assert_eq!(
        module_call(&vm, "time", "gmtime", &[vm.new_int(1_000_000_000)]),
        "time.struct_time(tm_year=2001, tm_mon=9, tm_mday=9, tm_hour=1, tm_min=46, tm_sec=40, tm_wday=6, tm_yday=252, tm_isdst=0)"
    );
}
const FORMAT_CASES: &[(&str, &str, &str)] = &[
    (
        r#"1"#,
        r#"z"#,
        r#"ValueError: Negative zero coercion (z) not allowed in integer format specifier"#,
    ),
    (r#"1.5"#, r#"z"#, r#"1.5"#),
    (r#"-0.0"#, r#"z.1f"#, r#"0.0"#),
    (
        r#"1"#,
        r#".2"#,
        r#"ValueError: Precision not allowed in integer format specifier"#,
    ),
    (r#"65"#, r#"c"#, r#"A"#),
    (
        r#"65"#,
        r#"+c"#,
        r#"ValueError: Sign not allowed with integer format specifier 'c'"#,
    ),
    (r#"1234567"#, r#","#, r#"1,234,567"#),
    (r#"1234567"#, r#"_x"#, r#"12_d687"#),
    (
        r#"1234"#,
        r#",x"#,
        r#"ValueError: Cannot specify ',' with 'x'."#,
    ),
    (r#"1234"#, r#"010,"#, r#"00,001,234"#),
    (r#"-1234"#, r#"010,"#, r#"-0,001,234"#),
    (r#"1234.5"#, r#"010,.1f"#, r#"0,001,234.5"#),
    (r#"1.0"#, r#".3"#, r#"1.0"#),
    (r#"1234.5"#, r#".2"#, r#"1.2e+03"#),
    (r#"1e+16"#, r#""#, r#"1e+16"#),
    (r#"1e+16"#, r#"20"#, r#"               1e+16"#),
    (r#"0.1"#, r#"%"#, r#"10.000000%"#),
    (r#"1.5"#, r#".0%"#, r#"150%"#),
    (r#"123"#, r#"e"#, r#"1.230000e+02"#),
    (r#"1.5"#, r#"n"#, r#"1.5"#),
    (r#"12345678.9"#, r#","#, r#"12,345,678.9"#),
    (r#"'ab'"#, r#"^7"#, r#"  ab   "#),
    (
        r#"'ab'"#,
        r#"=5"#,
        r#"ValueError: '=' alignment not allowed in string format specifier"#,
    ),
    (
        r#"'ab'"#,
        r#"+5"#,
        r#"ValueError: Sign not allowed in string format specifier"#,
    ),
    (
        r#"'ab'"#,
        r#"d"#,
        r#"ValueError: Unknown format code 'd' for object of type 'str'"#,
    ),
    (
        r#"1.5"#,
        r#"d"#,
        r#"ValueError: Unknown format code 'd' for object of type 'float'"#,
    ),
    (r#"3"#, r#"#b"#, r#"0b11"#),
    (r#"-3"#, r#"#010b"#, r#"-0b0000011"#),
    (r#"255"#, r#"#X"#, r#"0XFF"#),
    (r#"1.0"#, r#"#g"#, r#"1.00000"#),
    (r#"0.0001"#, r#"g"#, r#"0.0001"#),
    (r#"1e-05"#, r#"g"#, r#"1e-05"#),
    (r#"123456789.0"#, r#"g"#, r#"1.23457e+08"#),
    (r#"1.5"#, r#"=+10"#, r#"+      1.5"#),
    (r#"inf"#, r#"+"#, r#"+inf"#),
    (r#"-1.5"#, r#" "#, r#"-1.5"#),
    (
        r#"1"#,
        r#"<<<"#,
        r#"ValueError: Unknown format code '<' for object of type 'int'"#,
    ),
    (
        r#"1"#,
        r#"1.2.3"#,
        r#"ValueError: Invalid format specifier '1.2.3' for object of type 'int'"#,
    ),
    (
        r#"1"#,
        r#".x"#,
        r#"ValueError: Format specifier missing precision"#,
    ),
    (r#"'s'"#, r#".0"#, r#""#),
    (r#"12.0"#, r#""#, r#"12.0"#),
    (r#"2.5"#, r#".0f"#, r#"2"#),
    (r#"0.125"#, r#".2f"#, r#"0.12"#),
    (r#"1e+22"#, r#"f"#, r#"10000000000000000000000.000000"#),
    (r#"1"#, r#"_"#, r#"1"#),
    (r#"1234567.0"#, r#"_"#, r#"1_234_567.0"#),
    (
        r#"1"#,
        r#",_"#,
        r#"ValueError: Cannot specify both ',' and '_'."#,
    ),
    (
        r#"100000000000000000000"#,
        r#",d"#,
        r#"100,000,000,000,000,000,000"#,
    ),
    (r#"0"#, r#"#o"#, r#"0o0"#),
    (r#"-0.0"#, r#"z"#, r#"0.0"#),
    (r#"1.5"#, r#"10.3e"#, r#" 1.500e+00"#),
    (r#"123.456"#, r#".3g"#, r#"123"#),
    (r#"123.456"#, r#"#.3g"#, r#"123."#),
    (r#"1e+100"#, r#".3"#, r#"1e+100"#),
    (r#"5"#, r#"%"#, r#"500.000000%"#),
    (r#"'ab'"#, r#"05"#, r#"ab000"#),
    (r#"5"#, r#"<05"#, r#"50000"#),
    (r#"-5"#, r#"^05"#, r#"0-500"#),
    (r#"3.14159"#, r#"*^12.3f"#, r#"***3.142****"#),
    (r#"42"#, r#"+"#, r#"+42"#),
    (r#"-42"#, r#"=8"#, r#"-     42"#),
    (r#"0.5"#, r#".0f"#, r#"0"#),
    (r#"1.5"#, r#".0f"#, r#"2"#),
    (r#"1e-07"#, r#".2e"#, r#"1.00e-07"#),
    (r#"123.0"#, r#".3"#, r#"1.23e+02"#),
    (r#"100.0"#, r#".2"#, r#"1e+02"#),
    (r#"0.000123"#, r#".2"#, r#"0.00012"#),
];

/// Builds an int, float or str from its Python repr.
fn value_of(vm: &Vm, r: &str) -> PyObjectRef {
    if let Some(s) = r.strip_prefix('\'') {
        return vm.new_str(s.trim_end_matches('\''));
    }
    if r.contains(['.', 'e', 'n']) {
        let f: f64 = match r {
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            _ => r.parse().unwrap(),
        };
        return vm.new_float(f);
    }
    vm.call(&builtin(vm, "int"), &[vm.new_str(r)]).unwrap()
}

#[test]
fn format_spec_cases() {
    let vm = vm();
    let mut bad = Vec::new();
    for (v, spec, want) in FORMAT_CASES {
        let got = match vm.call(
            &builtin(&vm, "format"),
            &[value_of(&vm, v), vm.new_str(spec)],
        ) {
            Ok(s) => vm.str_of(&s).unwrap(),
            Err(e) => mempy_vm::traceback::exception_line(&vm, &e)
                .trim_end()
                .to_string(),
        };
        if got != *want {
            bad.push(format!("format({v}, {spec:?}): got {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
