//! Number literal values: the text of an `Int`, `Float` or `Imag` token (already
//! validated by the lexer's regular expressions) to its value.

use mempy_ast::BigInt;
use num_traits::Num;

/// The value of an int literal in any base, underscores allowed.
pub fn int(text: &str) -> BigInt {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = match clean.get(..2) {
        Some("0x" | "0X") => (&clean[2..], 16),
        Some("0o" | "0O") => (&clean[2..], 8),
        Some("0b" | "0B") => (&clean[2..], 2),
        _ => (&clean[..], 10),
    };
    BigInt::from_str_radix(digits, radix).unwrap_or_default()
}

/// The value of a float literal (correctly rounded; overflow gives infinity).
pub fn float(text: &str) -> f64 {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    clean.parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_and_underscores() {
        assert_eq!(int("1_000"), BigInt::from(1000));
        assert_eq!(int("0xff"), BigInt::from(255));
        assert_eq!(int("0o17"), BigInt::from(15));
        assert_eq!(int("0b1_01"), BigInt::from(5));
        assert_eq!(int("000"), BigInt::from(0));
        assert_eq!(float("1_0.5e1_0"), 10.5e10);
        assert_eq!(float("1e400"), f64::INFINITY);
    }
}
