//! The evaluation loop: frames (`frame.rs`), the dispatch loop (`dispatch.rs`, to be
//! written on top of the contract in `mempy_bytecode::instruction`), calls and
//! argument binding (`call.rs`), operators (`ops.rs`), generators (`generator.rs`).

pub mod call;
pub mod frame;
pub mod generator;
pub mod ops;
