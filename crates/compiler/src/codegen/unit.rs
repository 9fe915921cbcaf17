//! A code unit under construction: the instruction buffer, labels and the tables
//! (constants, names, variables) of one future `CodeObject`.
//!
//! Jump instructions are emitted with a *label* number in their target field;
//! `assemble.rs` replaces labels with instruction indices once the unit is complete.

use std::collections::HashMap;

use mempy_bytecode::{Constant, Instruction, Location};
use num_bigint::BigInt;

use super::fblock::FBlock;

/// A jump destination not yet bound to an instruction index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label(pub u32);

/// What kind of code a unit compiles (CPython's `COMPILER_SCOPE_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// The identity of a constant for sharing in the constant table, as CPython's
/// `_PyCode_ConstantKey`: type and value, floats by bit pattern, code objects by
/// identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Bool(bool),
    Int(BigInt),
    Float(u64),
    Complex(u64, u64),
    Str(String),
    Bytes(Vec<u8>),
    Ellipsis,
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Code(usize),
}

fn const_key(c: &Constant) -> ConstKey {
    match c {
        Constant::None => ConstKey::None,
        Constant::Bool(b) => ConstKey::Bool(*b),
        Constant::Int(i) => ConstKey::Int(i.clone()),
        Constant::Float(f) => ConstKey::Float(f.to_bits()),
        Constant::Complex { real, imag } => ConstKey::Complex(real.to_bits(), imag.to_bits()),
        Constant::Str(s) => ConstKey::Str(s.clone()),
        Constant::Bytes(b) => ConstKey::Bytes(b.clone()),
        Constant::Ellipsis => ConstKey::Ellipsis,
        Constant::Tuple(items) => ConstKey::Tuple(items.iter().map(const_key).collect()),
        Constant::FrozenSet(items) => ConstKey::FrozenSet(items.iter().map(const_key).collect()),
        Constant::Code(code) => ConstKey::Code(std::rc::Rc::as_ptr(code) as usize),
    }
}

/// An insertion-ordered set of strings with their indices.
#[derive(Debug, Default)]
pub struct NameTable {
    pub names: Vec<String>,
    index: HashMap<String, u32>,
}

impl NameTable {
    pub fn from_names(names: Vec<String>) -> NameTable {
        let mut table = NameTable::default();
        for n in names {
            table.add(&n);
        }
        table
    }

    pub fn add(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }
}

/// One code object being compiled.
pub struct Unit<'a> {
    pub kind: UnitKind,
    /// Index of this unit's scope in the symbol table.
    pub scope: usize,
    pub name: String,
    pub qualname: String,
    /// The class name used for private-name mangling.
    pub private: Option<String>,
    pub instructions: Vec<Instruction>,
    pub locations: Vec<Location>,
    /// Label number → bound instruction index.
    pub labels: Vec<Option<u32>>,
    /// The highest instruction index any label is bound to (peephole guard).
    pub max_label_index: Option<u32>,
    pub constants: Vec<Constant>,
    const_index: HashMap<ConstKey, u32>,
    pub names: NameTable,
    pub varnames: NameTable,
    pub cellvars: NameTable,
    pub freevars: NameTable,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub first_line: u32,
    pub docstring: Option<String>,
    /// The location given to emitted instructions.
    pub loc: Location,
    /// The frame blocks (loops, try bodies, handlers) around the current position.
    pub fblocks: Vec<FBlock<'a>>,
}

impl<'a> Unit<'a> {
    pub fn new(
        kind: UnitKind,
        scope: usize,
        name: String,
        qualname: String,
        first_line: u32,
    ) -> Unit<'a> {
        Unit {
            kind,
            scope,
            name,
            qualname,
            private: None,
            instructions: Vec::new(),
            locations: Vec::new(),
            labels: Vec::new(),
            max_label_index: None,
            constants: Vec::new(),
            const_index: HashMap::new(),
            names: NameTable::default(),
            varnames: NameTable::default(),
            cellvars: NameTable::default(),
            freevars: NameTable::default(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            first_line,
            docstring: None,
            loc: Location {
                line: first_line,
                end_line: first_line,
                col: 0,
                end_col: 0,
            },
            fblocks: Vec::new(),
        }
    }

    /// The index of `c` in the constant table, adding it if new.
    pub fn add_const(&mut self, c: Constant) -> u32 {
        let key = const_key(&c);
        if let Some(&i) = self.const_index.get(&key) {
            return i;
        }
        let i = self.constants.len() as u32;
        self.constants.push(c);
        self.const_index.insert(key, i);
        i
    }

    pub fn emit(&mut self, instr: Instruction) {
        self.instructions.push(instr);
        self.locations.push(self.loc);
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Binds `label` to the next instruction to be emitted.
    pub fn bind(&mut self, label: Label) {
        let at = self.instructions.len() as u32;
        self.labels[label.0 as usize] = Some(at);
        self.max_label_index = Some(self.max_label_index.map_or(at, |m| m.max(at)));
    }

    /// True when no label is bound at instruction index `index` or later, so the
    /// instructions from `index` on may be rewritten by a peephole fold.
    pub fn no_label_from(&self, index: u32) -> bool {
        match self.max_label_index {
            Some(m) => m < index,
            None => true,
        }
    }

    /// True when the last instruction never falls through and no label points
    /// past it: code emitted now would be unreachable.
    pub fn ends_in_terminator(&self) -> bool {
        let end = self.instructions.len() as u32;
        match self.instructions.last() {
            Some(last) => last.is_terminator() && self.no_label_from(end),
            None => false,
        }
    }
}
