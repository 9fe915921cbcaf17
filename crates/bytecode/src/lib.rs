//! mempy's bytecode: the instruction set, code objects and their disassembler.
//!
//! The compiler (`mempy-compiler`) produces [`CodeObject`]s; the VM (`mempy-vm`) runs
//! them. This crate is the contract between the two and knows nothing about runtime
//! objects: constants are compile-time values ([`Constant`]) that the VM turns into
//! Python objects when it loads a code object.
//!
//! The instruction set is a stack machine close to CPython 3.10/3.11 (the names are
//! CPython's where the meaning is the same), with a block stack for exception
//! handling as in CPython 3.10. Every instruction documents its stack effect in the
//! notation `[before] -> [after]`, rightmost item on top. [`Instruction::stack_effect`]
//! encodes the same facts for the compiler's stack-depth computation.
//!
//! Read `instruction.rs` for the full list, `code.rs` for code objects and
//! `disassemble.rs` for the `dis`-like listing used by `--dump bytecode` and tests.

mod code;
mod constant;
mod disassemble;
mod instruction;

pub use code::{CodeFlags, CodeObject, Location};
pub use constant::Constant;
pub use instruction::{BinaryOperator, ComparisonOperator, Conversion, Instruction, UnaryOperator};
