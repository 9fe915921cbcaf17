//! Code objects: one compiled function, class body, comprehension or module.

use std::rc::Rc;

use crate::{Constant, Instruction};

/// Flags of a code object, with CPython's `co_flags` bit values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    /// Locals live in fast slots (functions, lambdas, comprehensions).
    pub const OPTIMIZED: CodeFlags = CodeFlags(0x1);
    /// A new locals namespace is created for each call.
    pub const NEWLOCALS: CodeFlags = CodeFlags(0x2);
    /// The code takes `*args`.
    pub const VARARGS: CodeFlags = CodeFlags(0x4);
    /// The code takes `**kwargs`.
    pub const VARKEYWORDS: CodeFlags = CodeFlags(0x8);
    /// The code is nested inside a function.
    pub const NESTED: CodeFlags = CodeFlags(0x10);
    /// Calling the function creates a generator.
    pub const GENERATOR: CodeFlags = CodeFlags(0x20);

    pub fn contains(self, other: CodeFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for CodeFlags {
    type Output = CodeFlags;
    fn bitor(self, rhs: CodeFlags) -> CodeFlags {
        CodeFlags(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for CodeFlags {
    fn bitor_assign(&mut self, rhs: CodeFlags) {
        self.0 |= rhs.0;
    }
}

/// Where an instruction comes from, as CPython's `co_positions()`: 1-based lines and
/// 0-based columns in UTF-8 bytes from the start of the line. A location with
/// `line == 0` means "no source position" (for example, implicit `return None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// A compiled unit of code.
///
/// Variable slots: fast locals are `varnames` (parameters first, in the order
/// positional-only, positional, keyword-only, `*args`, `**kwargs`, then other locals).
/// Deref slots (`LoadDeref(i)` and friends) index `cellvars` followed by `freevars`.
/// A cell variable that is also a parameter is initialised from that parameter when
/// the frame starts.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeObject {
    /// `co_name`: the function or class name, `<module>`, `<lambda>`, `<listcomp>`,...
    pub name: String,
    /// `co_qualname`: dotted path such as `Outer.method.<locals>.inner`.
    pub qualname: String,
    /// The file name as it should appear in tracebacks.
    pub filename: String,
    pub flags: CodeFlags,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    /// Names used by `*Name`, `*Global`, `*Attr`, `LoadMethod` and import instructions.
    pub names: Vec<String>,
    pub constants: Vec<Constant>,
    pub instructions: Vec<Instruction>,
    /// One entry per instruction.
    pub locations: Vec<Location>,
    /// Line of the `def`/`class` keyword (or of the first decorator), 1 for modules.
    pub first_line: u32,
    /// The maximum value-stack depth any path through the code reaches.
    pub max_stack: u32,
    /// The docstring (first statement a string literal) of a function, class or
    /// module body, which becomes `__doc__`.
    pub docstring: Option<String>,
}

impl CodeObject {
    /// The number of parameters including `*args` and `**kwargs`.
    pub fn total_args(&self) -> usize {
        let mut n = (self.argcount + self.kwonlyargcount) as usize;
        if self.flags.contains(CodeFlags::VARARGS) {
            n += 1;
        }
        if self.flags.contains(CodeFlags::VARKEYWORDS) {
            n += 1;
        }
        n
    }

    /// Nested code objects in constant order (for recursive disassembly).
    pub fn nested_code(&self) -> impl Iterator<Item = &Rc<CodeObject>> {
        self.constants.iter().filter_map(|c| match c {
            Constant::Code(code) => Some(code),
            _ => None,
        })
    }
}
