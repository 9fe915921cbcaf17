//! mempy's virtual machine: Python objects on the pymalloc heap with reference
//! counting, the object model, the eval loop, builtins and native modules.
//!
//! Map: `heap/` (the only unsafe code: layout, handles, allocation, gc lists),
//! `objects/` (one file per type), `protocol.rs` (attribute access, calls, repr,
//! compare...), `eval/` (frames, dispatch, calls, operators), `builtins/`, `modules/`,
//! `format.rs`, `traceback.rs`, `interrupt.rs` (the Ctrl-C flag), `vm.rs` (the `Vm` and its constructors), `args.rs`
//! (native function arguments). Start with `heap/handle.rs`, then `objects/mod.rs`.
#![deny(unsafe_code)]

pub mod addr_map;
pub mod args;
pub mod builtins;
pub mod eval;
pub mod format;
pub mod heap;
pub mod interrupt;
pub mod introspect;
pub mod modules;
pub mod objects;
pub mod protocol;
pub mod sandbox;
pub mod traceback;
pub mod vm;

pub use args::{Args, NativeFn};
pub use heap::{Py, PyObject, PyObjectRef, PyRef};
pub use vm::{CompileFailure, CompileHook, CompileMode, PyResult, Vm};
