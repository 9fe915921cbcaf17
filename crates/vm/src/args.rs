//! Arguments of native (Rust) functions: a borrowed view of the caller's stack.
//!
//! A [`NativeFn`] receives [`Args`]: `args` holds the positional arguments followed by
//! the keyword argument values, `kwnames` the names (str objects) of those last
//! values, as CPython's vectorcall. For methods `args[0]` is the receiver. Nothing is
//! copied or incref'd to make a call. Helpers check counts with CPython's messages.

use crate::heap::PyObjectRef;
use crate::objects::PyStr;
use crate::vm::{PyResult, Vm};

/// An argument vector built for one call (a receiver prepended to the caller's
/// arguments): on the Rust stack for up to four values, so a method call does not
/// go through the system allocator.
pub type ArgVec = smallvec::SmallVec<[PyObjectRef; 4]>;

/// `first` followed by `rest`, as one argument vector.
#[inline]
pub fn prepend(first: PyObjectRef, rest: &[PyObjectRef]) -> ArgVec {
    let mut v = ArgVec::with_capacity(rest.len() + 1);
    v.push(first);
    v.extend(rest.iter().cloned());
    v
}

/// The signature of every builtin function and method.
pub type NativeFn = fn(&Vm, Args<'_>) -> PyResult;

/// Positional and keyword arguments (see the module docs).
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub args: &'a [PyObjectRef],
    pub kwnames: &'a [PyObjectRef],
}

impl<'a> Args<'a> {
    pub fn new(args: &'a [PyObjectRef], kwnames: &'a [PyObjectRef]) -> Args<'a> {
        Args { args, kwnames }
    }

    pub fn positional_only(args: &'a [PyObjectRef]) -> Args<'a> {
        Args { args, kwnames: &[] }
    }

    /// The positional arguments.
    #[inline]
    pub fn positional(&self) -> &'a [PyObjectRef] {
        &self.args[..self.args.len() - self.kwnames.len()]
    }

    /// Drops the first positional argument (the receiver).
    pub fn shift(&self) -> Args<'a> {
        Args {
            args: &self.args[1..],
            kwnames: self.kwnames,
        }
    }

    /// The keyword arguments as `(name, value)` pairs.
    pub fn kwargs(&self) -> impl Iterator<Item = (&'a str, &'a PyObjectRef)> + 'a {
        let n = self.args.len() - self.kwnames.len();
        let vals = &self.args[n..];
        self.kwnames
            .iter()
            .zip(vals.iter())
            .map(|(k, v)| (k.payload::<PyStr>().map(|s| s.as_str()).unwrap_or(""), v))
    }

    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }

    /// Looks up one keyword argument.
    pub fn kwarg(&self, name: &str) -> Option<&'a PyObjectRef> {
        self.kwargs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// `TypeError: f() takes no keyword arguments` if there are any.
    pub fn no_kwargs(&self, vm: &Vm, fname: &str) -> PyResult<()> {
        if self.has_kwargs() {
            Err(vm.new_type_error(format!("{fname}() takes no keyword arguments")))
        } else {
            Ok(())
        }
    }

    /// Exactly `N` positional arguments, no keywords (receiver included for methods).
    pub fn exact<const N: usize>(&self, vm: &Vm, fname: &str) -> PyResult<&'a [PyObjectRef; N]> {
        self.no_kwargs(vm, fname)?;
        let p = self.positional();
        p.try_into().map_err(|_| {
            let given = p.len();
            vm.new_type_error(match N {
                1 => format!(
                    "{fname}() takes no arguments ({} given)",
                    given.saturating_sub(1)
                ),
                2 => format!(
                    "{fname}() takes exactly one argument ({} given)",
                    given.saturating_sub(1)
                ),
                _ => format!(
                    "{fname}() takes exactly {} arguments ({} given)",
                    N - 1,
                    given.saturating_sub(1)
                ),
            })
        })
    }

    /// Between `min` and `max` positional arguments, no keywords; messages in
    /// CPython's "expected at most N arguments, got M" form. Counts exclude nothing.
    pub fn range(
        &self,
        vm: &Vm,
        fname: &str,
        min: usize,
        max: usize,
    ) -> PyResult<&'a [PyObjectRef]> {
        self.no_kwargs(vm, fname)?;
        let p = self.positional();
        if p.len() < min {
            return Err(vm.new_type_error(if min == max {
                format!(
                    "{fname} expected {min} argument{}, got {}",
                    if min == 1 { "" } else { "s" },
                    p.len()
                )
            } else {
                format!(
                    "{fname} expected at least {min} argument{}, got {}",
                    if min == 1 { "" } else { "s" },
                    p.len()
                )
            }));
        }
        if p.len() > max {
            return Err(vm.new_type_error(if min == max {
                format!(
                    "{fname} expected {max} argument{}, got {}",
                    if max == 1 { "" } else { "s" },
                    p.len()
                )
            } else {
                format!(
                    "{fname} expected at most {max} argument{}, got {}",
                    if max == 1 { "" } else { "s" },
                    p.len()
                )
            }));
        }
        Ok(p)
    }

    /// Binds positional and keyword arguments to `names`; the first `required` are
    /// mandatory. Messages as CPython's argument clinic.
    pub fn bind(
        &self,
        vm: &Vm,
        fname: &str,
        names: &[&str],
        required: usize,
    ) -> PyResult<Vec<Option<PyObjectRef>>> {
        let pos = self.positional();
        if pos.len() > names.len() {
            return Err(vm.new_type_error(format!(
                "{fname}() takes at most {} argument{} ({} given)",
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                pos.len() + self.kwnames.len()
            )));
        }
        let mut out: Vec<Option<PyObjectRef>> = vec![None; names.len()];
        for (i, a) in pos.iter().enumerate() {
            out[i] = Some(a.clone());
        }
        for (k, v) in self.kwargs() {
            match names.iter().position(|n| *n == k) {
                Some(i) => {
                    if out[i].is_some() {
                        return Err(vm.new_type_error(format!(
                            "argument for {fname}() given by name ('{k}') and position ({})",
                            i + 1
                        )));
                    }
                    out[i] = Some(v.clone());
                }
                None => {
                    return Err(vm.new_type_error(format!(
                        "{fname}() got an unexpected keyword argument '{k}'"
                    )));
                }
            }
        }
        for (i, slot) in out.iter().enumerate().take(required) {
            if slot.is_none() {
                return Err(vm.new_type_error(format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )));
            }
        }
        Ok(out)
    }
}
