//! The cycle collector through the Rust API: cycles of lists and dicts are found with
//! CPython's counts, and the allocator's block count returns to its baseline.

use mempy_vm::heap::collect;
use mempy_vm::heap::with_heap;
use mempy_vm::modules::gc::VmEnv;
use mempy_vm::Vm;

fn blocks() -> usize {
    with_heap(|h| h.allocated_blocks())
}

#[test]
fn list_and_dict_cycles_are_collected() {
    let vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
    let env = VmEnv(&vm);
    with_heap(|h| h.enabled.set(false));
    collect::collect_with_callbacks(&env, 2);
    let base = blocks();
    // l = []; l.append(l) -> 1
    let l = vm.new_list(vec![]);
    vm.call_method(&l, "append", &[l.clone()]).unwrap();
    drop(l);
    assert_eq!(collect::collect_with_callbacks(&env, 2), 1);
    assert_eq!(blocks(), base);
    // two lists referencing each other -> 2
    let a = vm.new_list(vec![]);
    let b = vm.new_list(vec![a.clone()]);
    vm.call_method(&a, "append", &[b.clone()]).unwrap();
    drop((a, b));
    assert_eq!(collect::collect_with_callbacks(&env, 2), 2);
    // d = {}; d['self'] = d -> 1
    let d = vm.new_dict();
    d.set_item(&vm, vm.new_str("self"), d.clone().into())
        .unwrap();
    drop(d);
    assert_eq!(collect::collect_with_callbacks(&env, 2), 1);
    // Reachable objects survive and are promoted.
    let keep = vm.new_list(vec![]);
    vm.call_method(&keep, "append", &[keep.clone()]).unwrap();
    assert_eq!(collect::collect_with_callbacks(&env, 0), 0);
    assert!(collect::is_tracked(&keep));
    drop(keep);
    assert_eq!(
        collect::collect_with_callbacks(&env, 0),
        0,
        "it is in generation 1 now"
    );
    assert_eq!(collect::collect_with_callbacks(&env, 1), 1);
    assert_eq!(blocks(), base);
    // Atomic tuples are untracked by any collection.
    let t = vm.new_tuple(vec![vm.new_int(1), vm.new_int(2)]);
    assert!(collect::is_tracked(&t));
    collect::collect_with_callbacks(&env, 0);
    assert!(!collect::is_tracked(&t));
}

#[test]
fn long_chain_is_collected_in_one_pass() {
    let vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
    let env = VmEnv(&vm);
    with_heap(|h| h.enabled.set(false));
    collect::collect_with_callbacks(&env, 2);
    let base = blocks();
    let first = vm.new_list(vec![]);
    let mut cur = first.clone();
    for _ in 0..10_000 {
        let n = vm.new_list(vec![cur]);
        cur = n;
    }
    vm.call_method(&first, "append", &[cur.clone()]).unwrap();
    drop((first, cur));
    assert_eq!(collect::collect_with_callbacks(&env, 2), 10_001);
    assert_eq!(blocks(), base);
}
