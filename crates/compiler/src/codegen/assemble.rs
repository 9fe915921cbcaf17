//! Assembly: turn a finished [`Unit`] into a `CodeObject`.
//!
//! Four steps, as in CPython's `assemble`: resolve labels to instruction indices,
//! drop unreachable instructions (code after `return`, `raise`, `break`...) and
//! remap jump targets, drop constants nothing loads any more, then compute the maximum stack depth by walking the
//! control-flow graph with [`Instruction::stack_effect`] (an exception handler
//! entered through `SetupFinally` starts 2 above the block's level: the previous
//! exception and the new one; `SetupWith`'s level is one below the height).

use mempy_bytecode::{CodeFlags, CodeObject, Constant, Instruction, Location};

use super::unit::Unit;

/// `instr` with its jump target replaced by `target`.
pub(crate) fn retarget(instr: Instruction, target: u32) -> Instruction {
    use Instruction::*;
    match instr {
        Jump(_) => Jump(target),
        PopJumpIfFalse(_) => PopJumpIfFalse(target),
        PopJumpIfTrue(_) => PopJumpIfTrue(target),
        JumpIfFalseOrPop(_) => JumpIfFalseOrPop(target),
        JumpIfTrueOrPop(_) => JumpIfTrueOrPop(target),
        ForIter(_) => ForIter(target),
        SetupFinally(_) => SetupFinally(target),
        SetupWith(_) => SetupWith(target),
        other => other,
    }
}

/// The depth of the value stack before each instruction (`None` when unreachable),
/// the maximum depth, and whether every instruction is reached with one depth only.
pub(crate) fn stack_depths(code: &[Instruction]) -> (Vec<Option<u32>>, u32, bool) {
    let mut depths: Vec<Option<i64>> = vec![None; code.len()];
    let mut consistent = true;
    let mut max = 0i64;
    let mut work: Vec<(usize, i64)> = Vec::new();
    if !code.is_empty() {
        work.push((0, 0));
    }
    while let Some((start, depth)) = work.pop() {
        let mut i = start;
        let mut d = depth;
        loop {
            if i >= code.len() {
                break;
            }
            match depths[i] {
                Some(seen) => {
                    if seen != d {
                        consistent = false;
                    }
                    break;
                }
                None => depths[i] = Some(d),
            }
            if d < 0 {
                consistent = false;
            }
            max = max.max(d);
            let instr = code[i];
            if let Some(t) = instr.jump_target() {
                let mut td = d + instr.stack_effect(true) as i64;
                match instr {
                    Instruction::SetupFinally(_) => td += 2,
                    Instruction::SetupWith(_) => td += 1,
                    _ => {}
                }
                max = max.max(td);
                work.push((t as usize, td));
            }
            if instr.is_terminator() {
                break;
            }
            d += instr.stack_effect(false) as i64;
            max = max.max(d);
            i += 1;
        }
    }
    let depths = depths
        .into_iter()
        .map(|d| d.map(|d| d.max(0) as u32))
        .collect();
    (depths, max.max(0) as u32, consistent)
}

/// Resolves labels, removes dead code and builds the code object.
pub(crate) fn assemble(unit: Unit<'_>, filename: &str, flags: CodeFlags) -> CodeObject {
    let end = unit.instructions.len() as u32;
    let mut code: Vec<Instruction> = unit
        .instructions
        .iter()
        .map(|&instr| match instr.jump_target() {
            Some(label) => {
                let target = unit
                    .labels
                    .get(label as usize)
                    .copied()
                    .flatten()
                    .unwrap_or(end);
                retarget(instr, target)
            }
            None => instr,
        })
        .collect();
    let mut locations: Vec<Location> = unit.locations;

    // A jump to the very end (possible only for a label bound after the last
    // instruction) lands on an implicit `Nop`; the generator never produces it for
    // reachable code, but the guard keeps every target in range.
    if code.iter().any(|i| i.jump_target() == Some(end)) {
        code.push(Instruction::Nop);
        locations.push(locations.last().copied().unwrap_or_default());
    }

    // Dead-code elimination.
    let (depths, _, _) = stack_depths(&code);
    let mut new_index = vec![0u32; code.len()];
    let mut kept_code = Vec::with_capacity(code.len());
    let mut kept_locations = Vec::with_capacity(code.len());
    for (i, instr) in code.iter().enumerate() {
        new_index[i] = kept_code.len() as u32;
        if depths[i].is_some() {
            kept_code.push(*instr);
            kept_locations.push(locations[i]);
        }
    }
    for instr in &mut kept_code {
        if let Some(t) = instr.jump_target() {
            *instr = retarget(*instr, new_index.get(t as usize).copied().unwrap_or(0));
        }
    }
    let (_, max_stack, _) = stack_depths(&kept_code);
    let constants = remove_unused_constants(unit.constants, &mut kept_code);

    CodeObject {
        name: unit.name,
        qualname: unit.qualname,
        filename: filename.to_string(),
        flags,
        argcount: unit.argcount,
        posonlyargcount: unit.posonlyargcount,
        kwonlyargcount: unit.kwonlyargcount,
        varnames: unit.varnames.names,
        cellvars: unit.cellvars.names,
        freevars: unit.freevars.names,
        names: unit.names.names,
        constants,
        instructions: kept_code,
        locations: kept_locations,
        first_line: unit.first_line,
        max_stack,
        docstring: unit.docstring,
    }
}

/// Drops constants that no remaining instruction loads (dead code may have been
/// their only user), keeping index 0 (the docstring slot), as CPython's
/// `remove_unused_consts` does, and renumbers the `LoadConst` arguments.
fn remove_unused_constants(constants: Vec<Constant>, code: &mut [Instruction]) -> Vec<Constant> {
    let mut used = vec![false; constants.len()];
    if let Some(first) = used.first_mut() {
        *first = true;
    }
    for instr in code.iter() {
        if let Instruction::LoadConst(i) = instr {
            if let Some(u) = used.get_mut(*i as usize) {
                *u = true;
            }
        }
    }
    let mut new_index = vec![0u32; constants.len()];
    let mut kept = Vec::with_capacity(constants.len());
    for (i, c) in constants.into_iter().enumerate() {
        if used[i] {
            new_index[i] = kept.len() as u32;
            kept.push(c);
        }
    }
    for instr in code.iter_mut() {
        if let Instruction::LoadConst(i) = instr {
            *i = new_index.get(*i as usize).copied().unwrap_or(0);
        }
    }
    kept
}
