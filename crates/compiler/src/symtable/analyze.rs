//! The second symbol-table pass: decide the scope of every name.
//!
//! A transcription of CPython 3.11's `analyze_block`/`analyze_name`: each block
//! receives the names bound in enclosing functions (`bound`) and the names declared
//! global (`global`), classifies its own names, analyses its children with the
//! sets they may see, turns locals captured by children into cells, and hands its
//! unresolved free names up. Class blocks pass down what *they* received, not their
//! own bindings, and turn a free `__class__` from a method into
//! `needs_class_closure`.

use std::collections::HashSet;

use super::{
    NameScope, ScopeKind, Symbol, SymbolTable, DEF_BOUND, DEF_FREE_CLASS, DEF_GLOBAL, DEF_NONLOCAL,
};
use crate::error::{CompileError, CompileResult};

type Names = HashSet<String>;

pub(super) fn analyze(table: &mut SymbolTable) -> CompileResult<()> {
    let mut free = Names::new();
    let mut global = Names::new();
    analyze_block(table, 0, None, &mut free, &mut global)
}

fn analyze_block(
    table: &mut SymbolTable,
    index: usize,
    mut bound: Option<&mut Names>,
    free: &mut Names,
    global: &mut Names,
) -> CompileResult<()> {
    let kind = table.scopes[index].kind;
    let mut local = Names::new();
    let mut new_global = Names::new();
    let mut new_bound = Names::new();
    let mut new_free = Names::new();

    if kind == ScopeKind::Class {
        new_global.extend(global.iter().cloned());
        if let Some(b) = bound.as_deref() {
            new_bound.extend(b.iter().cloned());
        }
    }

    let order = table.scopes[index].order.clone();
    for name in &order {
        let flags = table.scopes[index].symbols[name].flags;
        let scope = analyze_name(
            table,
            index,
            name,
            flags,
            bound.as_deref_mut(),
            &mut local,
            free,
            global,
        )?;
        if let Some(sym) = table.scopes[index].symbols.get_mut(name) {
            sym.scope = Some(scope);
        }
    }

    if kind != ScopeKind::Class {
        if kind == ScopeKind::Function {
            new_bound.extend(local.iter().cloned());
        }
        if let Some(b) = bound.as_deref() {
            new_bound.extend(b.iter().cloned());
        }
        new_global.extend(global.iter().cloned());
    } else {
        new_bound.insert("__class__".to_string());
    }

    let mut all_free = Names::new();
    let children = table.scopes[index].children.clone();
    for child in children {
        let mut temp_bound = new_bound.clone();
        let mut temp_free = new_free.clone();
        let mut temp_global = new_global.clone();
        analyze_block(
            table,
            child,
            Some(&mut temp_bound),
            &mut temp_free,
            &mut temp_global,
        )?;
        all_free.extend(temp_free);
        let c = &table.scopes[child];
        if c.has_free || c.child_free {
            table.scopes[index].child_free = true;
        }
    }
    new_free.extend(all_free);

    let scope = &mut table.scopes[index];
    match kind {
        ScopeKind::Function => {
            // Locals captured by children become cells.
            for name in &order {
                let sym = scope.symbols.get_mut(name).expect("symbol listed in order");
                if sym.scope == Some(NameScope::Local) && new_free.remove(name) {
                    sym.scope = Some(NameScope::Cell);
                }
            }
        }
        ScopeKind::Class => {
            if new_free.remove("__class__") {
                scope.needs_class_closure = true;
            }
        }
        ScopeKind::Module => {}
    }

    // Record free names of children that are unresolved here (`update_symbols`).
    let mut pending: Vec<&String> = new_free.iter().collect();
    pending.sort();
    for name in pending {
        if let Some(sym) = scope.symbols.get_mut(name) {
            if kind == ScopeKind::Class && sym.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                sym.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if let Some(b) = bound.as_deref() {
            if !b.contains(name) {
                continue;
            }
        }
        scope.order.push(name.clone());
        scope.symbols.insert(
            name.clone(),
            Symbol {
                flags: 0,
                scope: Some(NameScope::Free),
            },
        );
    }
    free.extend(new_free);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn analyze_name(
    table: &mut SymbolTable,
    index: usize,
    name: &str,
    flags: u32,
    bound: Option<&mut Names>,
    local: &mut Names,
    free: &mut Names,
    global: &mut Names,
) -> CompileResult<NameScope> {
    let scope = &mut table.scopes[index];
    let directive =
        |scope: &super::Scope| scope.directives.get(name).copied().unwrap_or(scope.span);
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(CompileError::syntax(
                format!("name '{name}' is nonlocal and global"),
                directive(scope),
            ));
        }
        global.insert(name.to_string());
        // Children must not see an enclosing binding of a name declared global here.
        if let Some(b) = bound {
            b.remove(name);
        }
        return Ok(NameScope::GlobalExplicit);
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(bound) = bound else {
            return Err(CompileError::syntax(
                "nonlocal declaration not allowed at module level",
                directive(scope),
            ));
        };
        if !bound.contains(name) {
            return Err(CompileError::syntax(
                format!("no binding for nonlocal '{name}' found"),
                directive(scope),
            ));
        }
        scope.has_free = true;
        free.insert(name.to_string());
        return Ok(NameScope::Free);
    }
    if flags & DEF_BOUND != 0 {
        local.insert(name.to_string());
        global.remove(name);
        return Ok(NameScope::Local);
    }
    if let Some(b) = bound.as_deref() {
        if b.contains(name) {
            scope.has_free = true;
            free.insert(name.to_string());
            return Ok(NameScope::Free);
        }
    }
    if global.contains(name) {
        return Ok(NameScope::GlobalImplicit);
    }
    if scope.nested {
        scope.has_free = true;
    }
    Ok(NameScope::GlobalImplicit)
}
