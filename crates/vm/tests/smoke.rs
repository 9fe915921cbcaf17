//! Smoke test of the object model without the eval loop: builds objects through the
//! public API and checks reprs and protocol results against CPython's.

use mempy_vm::Vm;

#[test]
fn object_model_smoke() {
    let vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
    let ints: Vec<_> = [3, 1, 2].iter().map(|&i| vm.new_int(i)).collect();
    let s = mempy_vm::objects::set::new_set(&vm, ints.clone(), false).unwrap();
    assert_eq!(vm.repr(&s).unwrap().as_str(), "{1, 2, 3}");
    let l = vm.new_list(ints);
    assert_eq!(vm.repr(&l).unwrap().as_str(), "[3, 1, 2]");
    vm.call_method(&l, "append", &[l.clone()]).unwrap();
    assert_eq!(vm.repr(&l).unwrap().as_str(), "[3, 1, 2, [...]]");
    let d = vm.new_dict();
    d.set_item(&vm, vm.new_str("k"), vm.new_float(0.1)).unwrap();
    d.set_item(&vm, vm.new_int(-1), vm.new_float(1e16)).unwrap();
    assert_eq!(
        vm.repr(d.as_object()).unwrap().as_str(),
        "{'k': 0.1, -1: 1e+16}"
    );
    assert_eq!(vm.hash(&vm.new_int(-1)).unwrap(), -2);
    let big = vm
        .binary_op(
            &vm.new_int(1 << 62),
            &vm.new_int(1 << 62),
            mempy_bytecode::BinaryOperator::Multiply,
        )
        .unwrap();
    assert_eq!(
        vm.str_of(&big).unwrap(),
        "21267647932558653966460912964485513216"
    );
    let fd = vm
        .binary_op(
            &vm.new_int(-7),
            &vm.new_int(2),
            mempy_bytecode::BinaryOperator::FloorDivide,
        )
        .unwrap();
    assert_eq!(vm.str_of(&fd).unwrap(), "-4");
    let e = vm
        .binary_op(
            &vm.new_int(1),
            &vm.new_int(0),
            mempy_bytecode::BinaryOperator::FloorDivide,
        )
        .unwrap_err();
    assert_eq!(
        mempy_vm::traceback::format_exception(&vm, &e),
        "ZeroDivisionError: integer division or modulo by zero\n"
    );
    let k = vm.new_key_error(vm.new_str("k"));
    assert_eq!(
        mempy_vm::traceback::exception_line(&vm, &k),
        "KeyError: 'k'\n"
    );
    let q = vm.new_str("it's");
    assert_eq!(vm.repr(&q).unwrap().as_str(), "\"it's\"");
    // A deep nested list is destroyed without native recursion.
    let mut x = vm.new_list(vec![]);
    for _ in 0..200_000 {
        x = vm.new_list(vec![x]);
    }
    drop(x);
    let lst = vm.new_list(vec![]);
    let n1 = lst.refcount();
    let _c = lst.clone();
    assert_eq!(lst.refcount(), n1 + 1);
}
