//! Start-up choices: which allocator family runs (`PYTHONMALLOC`) and the three API domains.
//!
//! This file only names and parses; `allocator.rs` turns a [`Mode`] and a [`Domain`] into a
//! route (plain pymalloc, the system allocator, or either behind the debug hooks of
//! `debug.rs`).

use core::fmt;

/// The allocator family, as CPython's `PYTHONMALLOC` selects it.
///
/// | `PYTHONMALLOC`                         | mode              |
/// |----------------------------------------|-------------------|
/// | unset, empty, `default`, `pymalloc`    | [`Mode::Pymalloc`] |
/// | `malloc`                               | [`Mode::Malloc`]   |
/// | `debug`, `pymalloc_debug`              | [`Mode::PymallocDebug`] |
/// | `malloc_debug`                         | [`Mode::MallocDebug`] |
///
/// In every mode the raw domain is the C `malloc`. In the pymalloc modes the mem and object
/// domains use pools; in the malloc modes they use `malloc` too (so valgrind sees each block).
/// The debug modes wrap every domain in CPython's debug hooks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Pools for the mem and object domains (the default).
    Pymalloc,
    /// The system allocator for everything.
    Malloc,
    /// Pools plus the debug hooks.
    PymallocDebug,
    /// The system allocator plus the debug hooks.
    MallocDebug,
}

/// A `PYTHONMALLOC` value that names no allocator.
///
/// CPython refuses to start with it, printing
/// `Fatal Python error: preconfig_init_allocator: PYTHONMALLOC: unknown allocator` followed by
/// `Python runtime state: preinitializing`, and exits with status 1. `Display` gives the part
/// after the function name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownAllocator {
    /// The rejected value.
    pub value: String,
}

impl fmt::Display for UnknownAllocator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PYTHONMALLOC: unknown allocator")
    }
}

impl std::error::Error for UnknownAllocator {}

impl Mode {
    /// Parses a `PYTHONMALLOC` value.
    pub fn from_env_value(value: &str) -> Result<Mode, UnknownAllocator> {
        match value {
            "" | "default" | "pymalloc" => Ok(Mode::Pymalloc),
            "malloc" => Ok(Mode::Malloc),
            "debug" | "pymalloc_debug" => Ok(Mode::PymallocDebug),
            "malloc_debug" => Ok(Mode::MallocDebug),
            other => Err(UnknownAllocator {
                value: other.to_owned(),
            }),
        }
    }

    /// Reads `PYTHONMALLOC` from the environment; unset means [`Mode::Pymalloc`].
    pub fn from_env() -> Result<Mode, UnknownAllocator> {
        match std::env::var_os("PYTHONMALLOC") {
            None => Ok(Mode::Pymalloc),
            Some(value) => match value.to_str() {
                Some(text) => Mode::from_env_value(text),
                None => Err(UnknownAllocator {
                    value: value.to_string_lossy().into_owned(),
                }),
            },
        }
    }

    /// The name CPython reports for the effective allocator
    /// (`_testcapi.pymem_getallocatorsname()`).
    pub fn name(&self) -> &'static str {
        match self {
            Mode::Pymalloc => "pymalloc",
            Mode::Malloc => "malloc",
            Mode::PymallocDebug => "pymalloc_debug",
            Mode::MallocDebug => "malloc_debug",
        }
    }

    /// Whether the mem and object domains are served from pools.
    pub fn uses_pymalloc(&self) -> bool {
        matches!(self, Mode::Pymalloc | Mode::PymallocDebug)
    }

    /// Whether the debug hooks wrap every domain.
    pub fn has_debug_hooks(&self) -> bool {
        matches!(self, Mode::PymallocDebug | Mode::MallocDebug)
    }
}

/// The three allocator domains of CPython's C API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Domain {
    /// `PyMem_RawMalloc` and friends: always the system allocator.
    Raw = 0,
    /// `PyMem_Malloc` and friends: internal buffers.
    Mem = 1,
    /// `PyObject_Malloc` and friends: the objects themselves.
    Object = 2,
}

impl Domain {
    /// The byte the debug hooks store in front of a block to name its domain.
    pub fn api_id(self) -> u8 {
        match self {
            Domain::Raw => b'r',
            Domain::Mem => b'm',
            Domain::Object => b'o',
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_documented_value() {
        for (value, mode) in [
            ("", Mode::Pymalloc),
            ("default", Mode::Pymalloc),
            ("pymalloc", Mode::Pymalloc),
            ("malloc", Mode::Malloc),
            ("debug", Mode::PymallocDebug),
            ("pymalloc_debug", Mode::PymallocDebug),
            ("malloc_debug", Mode::MallocDebug),
        ] {
            assert_eq!(Mode::from_env_value(value), Ok(mode), "{value:?}");
        }
        let err = Mode::from_env_value("jemalloc").unwrap_err();
        assert_eq!(err.value, "jemalloc");
        assert_eq!(err.to_string(), "PYTHONMALLOC: unknown allocator");
        assert!(Mode::from_env_value("Malloc").is_err());
    }

    #[test]
    fn names_round_trip() {
        for mode in [
            Mode::Pymalloc,
            Mode::Malloc,
            Mode::PymallocDebug,
            Mode::MallocDebug,
        ] {
            assert_eq!(Mode::from_env_value(mode.name()), Ok(mode));
        }
    }
}
