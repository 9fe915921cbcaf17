//! A `dis`-like listing of code objects.
//!
//! The layout follows CPython's `dis.dis`: a line-number column shown on the first
//! instruction of each source line, `>>` on jump targets, the instruction index, the
//! opcode name, the raw argument and its meaning in parentheses. Nested code objects
//! are listed after their parent, each under a `Disassembly of <code ...>:` header.
//! `mempy --dump bytecode` and the bytecode snapshot tests print exactly this.

use std::collections::HashSet;
use std::fmt;

use crate::{CodeObject, Constant, Conversion, Instruction};

impl CodeObject {
    fn argument(&self, instr: Instruction) -> Option<(String, String)> {
        use Instruction::*;
        let name = |i: u32| self.names.get(i as usize).cloned().unwrap_or_default();
        let local = |i: u32| self.varnames.get(i as usize).cloned().unwrap_or_default();
        let cell = |i: u32| {
            let i = i as usize;
            if i < self.cellvars.len() {
                self.cellvars[i].clone()
            } else {
                self.freevars
                    .get(i - self.cellvars.len())
                    .cloned()
                    .unwrap_or_default()
            }
        };
        let constant = |i: u32| {
            self.constants
                .get(i as usize)
                .map(Constant::to_string)
                .unwrap_or_default()
        };
        Some(match instr {
            LoadConst(i) => (i.to_string(), constant(i)),
            LoadFast(i) | StoreFast(i) | DeleteFast(i) => (i.to_string(), local(i)),
            LoadName(i) | StoreName(i) | DeleteName(i) | LoadGlobal(i) | StoreGlobal(i)
            | DeleteGlobal(i) | LoadAttr(i) | StoreAttr(i) | DeleteAttr(i) | LoadMethod(i)
            | ImportName(i) | ImportFrom(i) => (i.to_string(), name(i)),
            LoadDeref(i) | StoreDeref(i) | DeleteDeref(i) | LoadClosure(i) | LoadClassDeref(i) => {
                (i.to_string(), cell(i))
            }
            BinaryOp(op) => ((op as u8).to_string(), op.symbol().to_string()),
            CompareOp(op) => ((op as u8).to_string(), op.symbol().to_string()),
            IsOp(inv) | ContainsOp(inv) => ((inv as u8).to_string(), String::new()),
            Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | JumpIfFalseOrPop(t)
            | JumpIfTrueOrPop(t) | ForIter(t) | SetupFinally(t) | SetupWith(t) => {
                (t.to_string(), format!("to {t}"))
            }
            Copy(n) | Swap(n) | BuildSlice(n) | BuildTuple(n) | BuildList(n) | BuildSet(n)
            | BuildMap(n) | BuildConstKeyMap(n) | BuildString(n) | ListAppend(n) | SetAdd(n)
            | MapAdd(n) | ListExtend(n) | SetUpdate(n) | DictUpdate(n) | DictMerge(n)
            | UnpackSequence(n) | Call(n) | CallKw(n) | CallMethod(n) | RaiseVarargs(n)
            | MakeFunction(n) => (n.to_string(), String::new()),
            UnpackEx { before, after } => (
                format!("{}", (after as u32) << 8 | before as u32),
                String::new(),
            ),
            FormatValue {
                conversion,
                has_spec,
            } => {
                let conv = match conversion {
                    Conversion::None => "",
                    Conversion::Str => "str",
                    Conversion::Repr => "repr",
                    Conversion::Ascii => "ascii",
                };
                let spec = if has_spec { "with format" } else { "" };
                let sep = if !conv.is_empty() && has_spec {
                    ", "
                } else {
                    ""
                };
                let code = conversion as u32 | if has_spec { 4 } else { 0 };
                (code.to_string(), format!("{conv}{sep}{spec}"))
            }
            CallEx { has_kwargs } => ((has_kwargs as u8).to_string(), String::new()),
            _ => return None,
        })
    }

    /// Writes the listing of this code object only (not its nested code objects).
    pub fn disassemble_one(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        let targets: HashSet<u32> = self
            .instructions
            .iter()
            .filter_map(|i| i.jump_target())
            .collect();
        let mut last_line = u32::MAX;
        for (index, instr) in self.instructions.iter().enumerate() {
            let loc = self.locations.get(index).copied().unwrap_or_default();
            let line_field = if loc.line != 0 && loc.line != last_line {
                if index > 0 {
                    writeln!(out)?;
                }
                last_line = loc.line;
                loc.line.to_string()
            } else {
                String::new()
            };
            let marker = if targets.contains(&(index as u32)) {
                ">>"
            } else {
                ""
            };
            let mut line = format!(
                "{line_field:>4} {marker:>6} {index:>4} {:<24}",
                instr.opname()
            );
            if let Some((arg, meaning)) = self.argument(*instr) {
                line.push_str(&format!("{arg:>4}"));
                if !meaning.is_empty() {
                    line.push_str(&format!(" ({meaning})"));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// Writes the listing of this code object and, recursively, of every nested one.
    pub fn disassemble(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        self.disassemble_one(out)?;
        for nested in self.nested_code() {
            writeln!(out)?;
            writeln!(
                out,
                "Disassembly of <code object {} at 0x..., file \"{}\", line {}>:",
                nested.name, nested.filename, nested.first_line
            )?;
            nested.disassemble(out)?;
        }
        Ok(())
    }
}

impl fmt::Display for CodeObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.disassemble(f)
    }
}
