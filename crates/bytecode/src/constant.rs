//! Compile-time constants stored in a code object's constant table.

use std::fmt;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::CodeObject;

/// A constant as the compiler knows it. The VM converts each one to a Python object
/// once, when the code object is loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    Str(String),
    Bytes(Vec<u8>),
    Ellipsis,
    /// A tuple of constants (folded displays, default values, keyword-name tuples).
    Tuple(Vec<Constant>),
    /// A frozenset of constants (`x in {1, 2, 3}` is folded this way by CPython).
    FrozenSet(Vec<Constant>),
    /// A nested code object (function, lambda, class body, comprehension).
    Code(Rc<CodeObject>),
}

impl fmt::Display for Constant {
    /// A Python-like repr, used by the disassembler.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constant::None => f.write_str("None"),
            Constant::Bool(true) => f.write_str("True"),
            Constant::Bool(false) => f.write_str("False"),
            Constant::Int(i) => write!(f, "{i}"),
            Constant::Float(x) => write!(f, "{x:?}"),
            Constant::Complex { real, imag } => {
                if *real == 0.0 {
                    write!(f, "{imag:?}j")
                } else {
                    write!(f, "({real:?}+{imag:?}j)")
                }
            }
            Constant::Str(s) => write!(f, "'{}'", s.escape_debug()),
            Constant::Bytes(b) => {
                f.write_str("b'")?;
                for &c in b {
                    if c == b'\'' || c == b'\\' {
                        write!(f, "\\{}", c as char)?;
                    } else if (0x20..0x7f).contains(&c) {
                        write!(f, "{}", c as char)?;
                    } else {
                        write!(f, "\\x{c:02x}")?;
                    }
                }
                f.write_str("'")
            }
            Constant::Ellipsis => f.write_str("Ellipsis"),
            Constant::Tuple(items) => {
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                if items.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
            Constant::FrozenSet(items) => {
                f.write_str("frozenset({")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("})")
            }
            Constant::Code(code) => {
                write!(f, "<code object {}, line {}>", code.name, code.first_line)
            }
        }
    }
}
