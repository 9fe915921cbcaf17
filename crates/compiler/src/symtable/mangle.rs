//! Private-name mangling: `__x` inside `class C` is stored as `_C__x`.
//!
//! This is CPython's `_Py_Mangle`, used by both the symbol table and the code
//! generator so they agree on every name.

/// Mangles `name` for the class `private` (the innermost enclosing class name).
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> std::borrow::Cow<'a, str> {
    use std::borrow::Cow;
    let Some(private) = private else {
        return Cow::Borrowed(name);
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let stripped = private.trim_start_matches('_');
    if stripped.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{stripped}{name}"))
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn mangles_like_cpython() {
        assert_eq!(mangle(Some("C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("__C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("C"), "__x__"), "__x__");
        assert_eq!(mangle(Some("C"), "_x"), "_x");
        assert_eq!(mangle(Some("___"), "__x"), "__x");
        assert_eq!(mangle(None, "__x"), "__x");
        assert_eq!(mangle(Some("C"), "__a.b"), "__a.b");
    }
}
