//! A small table for `\N{name}` escapes.
//!
//! CPython knows every Unicode character name; this crate carries no Unicode
//! database, so it knows the names a learner is likely to write (punctuation,
//! arrows, Greek letters, common symbols, accented Latin letters). Any other name is
//! reported as CPython reports an unknown one.

/// The character called `name` (case-insensitive, as CPython accepts).
pub fn lookup(name: &str) -> Option<char> {
    let upper = name.to_ascii_uppercase();
    if let Some(hex) = upper.strip_prefix("U+") {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(c) = greek(&upper) {
        return Some(c);
    }
    if let Some(c) = latin(&upper) {
        return Some(c);
    }
    TABLE.iter().find(|(n, _)| *n == upper).map(|&(_, c)| c)
}

const TABLE: &[(&str, char)] = &[
    ("NULL", '\0'),
    ("SPACE", ' '),
    ("NO-BREAK SPACE", '\u{a0}'),
    ("EXCLAMATION MARK", '!'),
    ("QUOTATION MARK", '"'),
    ("NUMBER SIGN", '#'),
    ("DOLLAR SIGN", '$'),
    ("PERCENT SIGN", '%'),
    ("AMPERSAND", '&'),
    ("APOSTROPHE", '\''),
    ("LEFT PARENTHESIS", '('),
    ("RIGHT PARENTHESIS", ')'),
    ("ASTERISK", '*'),
    ("PLUS SIGN", '+'),
    ("COMMA", ','),
    ("HYPHEN-MINUS", '-'),
    ("FULL STOP", '.'),
    ("SOLIDUS", '/'),
    ("COLON", ':'),
    ("SEMICOLON", ';'),
    ("LESS-THAN SIGN", '<'),
    ("EQUALS SIGN", '='),
    ("GREATER-THAN SIGN", '>'),
    ("QUESTION MARK", '?'),
    ("COMMERCIAL AT", '@'),
    ("LEFT SQUARE BRACKET", '['),
    ("REVERSE SOLIDUS", '\\'),
    ("RIGHT SQUARE BRACKET", ']'),
    ("CIRCUMFLEX ACCENT", '^'),
    ("LOW LINE", '_'),
    ("GRAVE ACCENT", '`'),
    ("LEFT CURLY BRACKET", '{'),
    ("VERTICAL LINE", '|'),
    ("RIGHT CURLY BRACKET", '}'),
    ("TILDE", '~'),
    ("LINE FEED", '\n'),
    ("CARRIAGE RETURN", '\r'),
    ("CHARACTER TABULATION", '\t'),
    ("INVERTED EXCLAMATION MARK", '¡'),
    ("CENT SIGN", '¢'),
    ("POUND SIGN", '£'),
    ("YEN SIGN", '¥'),
    ("SECTION SIGN", '§'),
    ("COPYRIGHT SIGN", '©'),
    ("REGISTERED SIGN", '®'),
    ("DEGREE SIGN", '°'),
    ("PLUS-MINUS SIGN", '±'),
    ("MICRO SIGN", 'µ'),
    ("PILCROW SIGN", '¶'),
    ("MIDDLE DOT", '·'),
    ("MULTIPLICATION SIGN", '×'),
    ("DIVISION SIGN", '÷'),
    ("EN DASH", '–'),
    ("EM DASH", '—'),
    ("LEFT SINGLE QUOTATION MARK", '‘'),
    ("RIGHT SINGLE QUOTATION MARK", '’'),
    ("LEFT DOUBLE QUOTATION MARK", '“'),
    ("RIGHT DOUBLE QUOTATION MARK", '”'),
    ("BULLET", '•'),
    ("HORIZONTAL ELLIPSIS", '…'),
    ("PER MILLE SIGN", '‰'),
    ("EURO SIGN", '€'),
    ("TRADE MARK SIGN", '™'),
    ("LEFTWARDS ARROW", '←'),
    ("UPWARDS ARROW", '↑'),
    ("RIGHTWARDS ARROW", '→'),
    ("DOWNWARDS ARROW", '↓'),
    ("INFINITY", '∞'),
    ("NOT EQUAL TO", '≠'),
    ("LESS-THAN OR EQUAL TO", '≤'),
    ("GREATER-THAN OR EQUAL TO", '≥'),
    ("SQUARE ROOT", '√'),
    ("N-ARY SUMMATION", '∑'),
    ("BLACK STAR", '★'),
    ("WHITE STAR", '☆'),
    ("BLACK HEART SUIT", '♥'),
    ("CHECK MARK", '✓'),
    ("HEAVY CHECK MARK", '✔'),
    ("BALLOT X", '✗'),
    ("SNOWMAN", '☃'),
    ("WHITE SMILING FACE", '☺'),
    ("BOX DRAWINGS LIGHT HORIZONTAL", '─'),
    ("BOX DRAWINGS LIGHT VERTICAL", '│'),
    ("FULL BLOCK", '█'),
    ("REPLACEMENT CHARACTER", '\u{fffd}'),
    ("ZERO WIDTH SPACE", '\u{200b}'),
    ("GRINNING FACE", '😀'),
    ("PILE OF POO", '💩'),
    ("SNAKE", '🐍'),
    ("THUMBS UP SIGN", '👍'),
];

/// `GREEK SMALL LETTER ALPHA` and friends.
fn greek(name: &str) -> Option<char> {
    const LETTERS: [&str; 24] = [
        "ALPHA", "BETA", "GAMMA", "DELTA", "EPSILON", "ZETA", "ETA", "THETA", "IOTA", "KAPPA",
        "LAMDA", "MU", "NU", "XI", "OMICRON", "PI", "RHO", "SIGMA", "TAU", "UPSILON", "PHI", "CHI",
        "PSI", "OMEGA",
    ];
    let (base, rest) = if let Some(r) = name.strip_prefix("GREEK SMALL LETTER ") {
        (0x3b1u32, r)
    } else if let Some(r) = name.strip_prefix("GREEK CAPITAL LETTER ") {
        (0x391u32, r)
    } else {
        return None;
    };
    let idx = LETTERS.iter().position(|l| *l == rest)? as u32;
    // The capital block has no final sigma, so letters after rho skip one slot.
    let code = base + idx + u32::from(idx >= 17);
    char::from_u32(code)
}

/// `LATIN SMALL LETTER A`, `LATIN CAPITAL LETTER E WITH ACUTE`, ...
fn latin(name: &str) -> Option<char> {
    let (small, rest) = if let Some(r) = name.strip_prefix("LATIN SMALL LETTER ") {
        (true, r)
    } else if let Some(r) = name.strip_prefix("LATIN CAPITAL LETTER ") {
        (false, r)
    } else if let Some(r) = name.strip_prefix("DIGIT ") {
        let digits = [
            "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
        ];
        return digits
            .iter()
            .position(|d| *d == r)
            .map(|i| (b'0' + i as u8) as char);
    } else {
        return None;
    };
    let mut words = rest.splitn(2, ' ');
    let letter = words.next()?;
    if letter.len() != 1 {
        return None;
    }
    let base = letter.chars().next()?;
    let base = if small {
        base.to_ascii_lowercase()
    } else {
        base
    };
    let Some(accent) = words.next() else {
        return Some(base);
    };
    let table: &[(&str, &str, &str)] = &[
        ("WITH GRAVE", "AEIOU", "ÀÈÌÒÙ"),
        ("WITH ACUTE", "AEIOUY", "ÁÉÍÓÚÝ"),
        ("WITH CIRCUMFLEX", "AEIOU", "ÂÊÎÔÛ"),
        ("WITH TILDE", "ANO", "ÃÑÕ"),
        ("WITH DIAERESIS", "AEIOU", "ÄËÏÖÜ"),
        ("WITH RING ABOVE", "A", "Å"),
        ("WITH CEDILLA", "C", "Ç"),
        ("WITH STROKE", "O", "Ø"),
    ];
    let (_, from, to) = table.iter().find(|(n, _, _)| *n == accent)?;
    let i = from.find(base.to_ascii_uppercase())?;
    let c = to.chars().nth(i)?;
    Some(if small { c.to_lowercase().next()? } else { c })
}
