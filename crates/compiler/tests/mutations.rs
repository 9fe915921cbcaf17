//! Issue 6 (never crash): a deterministic mutation test of the front end.
//!
//! Every golden program under `tests/programs` is mutated a few thousand times in
//! total, at the byte level (delete, insert, duplicate, flip, splice two programs)
//! and at the token level (swap keywords, brackets and operators, change
//! indentation, move lines). Each mutant is parsed and, when it parses, compiled in
//! module mode; neither may panic or overflow the native stack, and every code
//! object produced must have a consistent stack depth equal to its `max_stack`.
//! Cases run on a thread with an 8 MiB stack (the main thread's usual size) under
//! `catch_unwind`, so a failure names the mutant instead of aborting the run.
//!
//! Hand-written nasty inputs and the regressions found by `scripts/fuzz` (the
//! libFuzzer targets in `fuzz/`) follow the mutation test.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use mempy_bytecode::CodeObject;
use mempy_compiler::Mode;

const STACK: usize = 8 << 20;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn golden_programs() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

fn check_code(code: &CodeObject) {
    let (max, consistent) = mempy_compiler::check_stack_depth(code);
    assert!(
        consistent,
        "{}: an instruction is reached with two stack depths",
        code.qualname
    );
    assert_eq!(max, code.max_stack, "{}: max_stack", code.qualname);
    assert_eq!(code.instructions.len(), code.locations.len());
    for nested in code.nested_code() {
        check_code(nested);
    }
}

/// What the driver does with source bytes, minus running it: non-UTF-8 is
/// rejected before parsing there; here its lossy text is parsed anyway.
/// Returns how far the input got: 0 a parse error, 1 a compile error, 2 code.
fn front_end(bytes: &[u8]) -> usize {
    let src = String::from_utf8_lossy(bytes);
    let Ok(module) = mempy_parser::parse(&src) else {
        return 0;
    };
    let Ok(code) = mempy_compiler::compile(&module, &src, "<mutant>", Mode::Module) else {
        return 1;
    };
    check_code(&code);
    2
}

/// Runs `cases` through the front end on one thread with an 8 MiB stack and
/// returns a description of every case that panicked.
fn run_all(cases: Vec<(String, Vec<u8>)>) -> Vec<String> {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let mut failures = Vec::new();
            let mut reached = [0usize; 3];
            for (name, bytes) in cases {
                match catch_unwind(AssertUnwindSafe(|| front_end(&bytes))) {
                    Ok(stage) => reached[stage] += 1,
                    Err(e) => {
                        let msg = e
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default();
                        let shown =
                            String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned();
                        failures.push(format!(
                            "{name}: {msg}\n--- input ---\n{shown}\n-------------"
                        ));
                    }
                }
            }
            eprintln!(
                "front end: {} parse errors, {} compile errors, {} compiled, {} panics",
                reached[0],
                reached[1],
                reached[2],
                failures.len()
            );
            failures
        })
        .unwrap()
        .join()
        .expect("a stack overflow aborts the process; a panic is caught per case")
}

fn assert_no_panics(cases: Vec<(String, Vec<u8>)>) {
    let n = cases.len();
    let failures = run_all(cases);
    assert!(
        failures.is_empty(),
        "{} of {n} inputs panicked:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------- mutations

/// A random char-boundary-agnostic byte position in `0..=len`.
fn pos(rng: &mut Rng, len: usize) -> usize {
    rng.below(len + 1)
}

fn byte_mutation(rng: &mut Rng, src: &[u8], other: &[u8]) -> Vec<u8> {
    const INTERESTING: &[u8] =
        b"()[]{}'\"\\\n\r\t :=,*#@.0_xjJeEfFrRbBuU\x00\x7f\xc3\xa9\xff\xed\xa0\x80";
    let mut out = src.to_vec();
    let len = out.len();
    match rng.below(6) {
        0 => {
            // Delete a short range.
            let at = pos(rng, len);
            let end = (at + 1 + rng.below(16)).min(len);
            out.drain(at..end);
        }
        1 => {
            // Insert an interesting or a random byte.
            let b = if rng.below(2) == 0 {
                *rng.pick(INTERESTING)
            } else {
                rng.next_u64() as u8
            };
            out.insert(pos(rng, len), b);
        }
        2 => {
            // Duplicate a range, sometimes many times.
            let at = pos(rng, len);
            let end = (at + 1 + rng.below(40)).min(len);
            let piece = out[at..end].to_vec();
            let times = if rng.below(8) == 0 {
                1 + rng.below(500)
            } else {
                1
            };
            let dest = pos(rng, len);
            out.splice(dest..dest, piece.repeat(times));
        }
        3 => {
            // Flip a bit.
            if len > 0 {
                let at = rng.below(len);
                out[at] ^= 1 << rng.below(8);
            }
        }
        4 => {
            // Overwrite a byte.
            if len > 0 {
                let at = rng.below(len);
                out[at] = *rng.pick(INTERESTING);
            }
        }
        _ => {
            // Splice: a prefix of this program and a suffix of another.
            let cut_a = pos(rng, len);
            let cut_b = pos(rng, other.len());
            out.truncate(cut_a);
            out.extend_from_slice(&other[cut_b..]);
        }
    }
    out
}

/// Splits source into tokens good enough for mutation: words, runs of spaces,
/// newlines, and single other characters.
fn rough_tokens(src: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let class = |c: char| {
            if c.is_alphanumeric() || c == '_' {
                0
            } else if c == ' ' {
                1
            } else {
                2
            }
        };
        let k = class(c);
        let mut end = i + c.len_utf8();
        if k != 2 {
            while let Some(&(j, d)) = chars.peek() {
                if class(d) != k {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        out.push(&src[i..end]);
    }
    out
}

const KEYWORDS: &[&str] = &[
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "match",
    "case",
    "print",
    "self",
    "super",
    "__class__",
];
const BRACKETS: &[&str] = &["(", ")", "[", "]", "{", "}"];
const OPERATORS: &[&str] = &[
    "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "=", ":", ",", ".", ";", "!", "**",
    "//", "==", "!=", ":=", "->", "...", "*", "**", "\\", "'", "\"", "f'{", "}'", "#",
];

fn token_mutation(rng: &mut Rng, src: &str) -> Vec<u8> {
    let toks = rough_tokens(src);
    if toks.is_empty() {
        return src.as_bytes().to_vec();
    }
    let mut toks: Vec<String> = toks.into_iter().map(str::to_string).collect();
    let n = toks.len();
    match rng.below(7) {
        0 => {
            // Replace a keyword (or any word) with a keyword.
            let words: Vec<usize> = (0..n)
                .filter(|&i| toks[i].chars().next().is_some_and(char::is_alphabetic))
                .collect();
            let i = if words.is_empty() {
                rng.below(n)
            } else {
                *rng.pick(&words)
            };
            toks[i] = rng.pick(KEYWORDS).to_string();
        }
        1 => {
            // Replace a bracket with another, or drop one.
            let brackets: Vec<usize> = (0..n).filter(|&i| BRACKETS.contains(&&*toks[i])).collect();
            if let Some(&i) = (!brackets.is_empty()).then(|| rng.pick(&brackets)) {
                toks[i] = if rng.below(3) == 0 {
                    String::new()
                } else {
                    rng.pick(BRACKETS).to_string()
                };
            }
        }
        2 => {
            // Insert an operator or bracket between tokens.
            let i = rng.below(n + 1);
            let piece = if rng.below(2) == 0 {
                rng.pick(OPERATORS)
            } else {
                rng.pick(BRACKETS)
            };
            toks.insert(i, piece.to_string());
        }
        3 => {
            // Swap two tokens.
            let (a, b) = (rng.below(n), rng.below(n));
            toks.swap(a, b);
        }
        4 | 5 => {
            // Indentation: change the leading whitespace of one line.
            let mut lines: Vec<String> = src.split_inclusive('\n').map(str::to_string).collect();
            if lines.is_empty() {
                return Vec::new();
            }
            let l = rng.below(lines.len());
            let line = &mut lines[l];
            match rng.below(5) {
                0 => line.insert_str(0, "    "),
                1 => line.insert(0, '\t'),
                2 => line.insert(0, ' '),
                3 => *line = line.trim_start().to_string(),
                _ => line.insert_str(0, "\x0c "),
            }
            return lines.concat().into_bytes();
        }
        _ => {
            // Move or duplicate a line.
            let mut lines: Vec<&str> = src.split_inclusive('\n').collect();
            if lines.len() < 2 {
                return src.as_bytes().to_vec();
            }
            let from = rng.below(lines.len());
            let line = lines[from];
            if rng.below(2) == 0 {
                lines.remove(from);
            }
            let to = rng.below(lines.len() + 1);
            lines.insert(to, line);
            return lines.concat().into_bytes();
        }
    }
    toks.concat().into_bytes()
}

/// Mutants of the golden programs: `per_program` each, half byte-level and half
/// token-level, sometimes stacking two or three mutations.
fn mutants(seed: u64, per_program: usize) -> Vec<(String, Vec<u8>)> {
    let programs = golden_programs();
    assert!(programs.len() > 100, "the golden programs are found");
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for (k, (path, src)) in programs.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy();
        for m in 0..per_program {
            let mut bytes = src.clone();
            let rounds = 1 + rng.below(3);
            for _ in 0..rounds {
                bytes = if rng.below(2) == 0 {
                    let other = &programs[rng.below(programs.len())].1;
                    byte_mutation(&mut rng, &bytes, other)
                } else {
                    token_mutation(&mut rng, &String::from_utf8_lossy(&bytes))
                };
            }
            out.push((
                format!("{name} mutant {m} (program {k}, seed {seed})"),
                bytes,
            ));
        }
    }
    out
}

#[test]
fn mutated_golden_programs_never_panic() {
    // 372 programs × 24 = about nine thousand mutants (seconds in debug).
    assert_no_panics(mutants(0x6d65_6d70_795f_3036, 24));
}

// ------------------------------------------------------------ nasty inputs

fn nested_ifs(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s += &" ".repeat(i);
        s += "if x:\n";
    }
    s += &" ".repeat(n);
    s += "pass\n";
    s
}

fn nasty_inputs() -> Vec<(String, Vec<u8>)> {
    let mut big_string = b"x = '".to_vec();
    big_string.extend(vec![b'a'; 1 << 20]);
    big_string.extend_from_slice(b"'\nprint(len(x))\n");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("100000 open brackets", "(".repeat(100_000).into_bytes()),
        (
            "100000 nested brackets",
            ("(".repeat(100_000) + &")".repeat(100_000)).into_bytes(),
        ),
        ("100000 nested lists", ("[".repeat(100_000) + &"]".repeat(100_000)).into_bytes()),
        ("100000 minus", ("-".repeat(100_000) + "1").into_bytes()),
        ("100000 not", ("not ".repeat(100_000) + "x").into_bytes()),
        ("100000 awaits", ("await ".repeat(100_000) + "x").into_bytes()),
        ("100000 stars", ("*".repeat(100_000) + "x").into_bytes()),
        ("100000 lambdas", ("lambda:".repeat(100_000) + "x").into_bytes()),
        ("2989 minus", ("-".repeat(2989) + "1").into_bytes()),
        ("2989 not", ("not ".repeat(2989) + "x").into_bytes()),
        ("2989 attributes", ("a".to_string() + &".b".repeat(2989)).into_bytes()),
        ("2989 calls", ("f".to_string() + &"()".repeat(2989)).into_bytes()),
        ("2989 subscripts", ("a".to_string() + &"[0]".repeat(2989)).into_bytes()),
        ("2989 powers", ("x".to_string() + &"**x".repeat(2989)).into_bytes()),
        ("100000 additions", ("x".to_string() + &"+x".repeat(100_000)).into_bytes()),
        ("100000 and", ("x".to_string() + &" and x".repeat(100_000)).into_bytes()),
        ("100000 comparisons", ("x".to_string() + &"<x".repeat(100_000)).into_bytes()),
        ("100000 string concatenation", "'a' ".repeat(100_000).into_bytes()),
        ("100000 elifs", ("if x:\n pass\n".to_string() + &"elif x:\n pass\n".repeat(100_000)).into_bytes()),
        ("5000 nested ifs", nested_ifs(5000).into_bytes()),
        ("99 nested ifs", nested_ifs(99).into_bytes()),
        ("deep nested defs", {
            let mut s = String::new();
            for i in 0..99 {
                s += &" ".repeat(i);
                s += &format!("def f{i}(a=lambda: x{i}):\n");
            }
            s += &" ".repeat(99);
            s += "return [y for y in x if (z := y)]\n";
            s.into_bytes()
        }),
        ("1 MB string literal", big_string),
        ("NUL byte", b"x = 1\0\n".to_vec()),
        ("NUL in a string", b"x = 'a\0b'\n".to_vec()),
        ("only NULs", vec![0; 1000]),
        ("invalid UTF-8", b"x = '\xff\xfe'\n\xc3\n".to_vec()),
        ("encoded surrogate", b"x = '\xed\xa0\x80'\n".to_vec()),
        ("lone surrogate escape", br"x = '\ud800'; y = '\udfff\ud800'; z = b'\ud800'".to_vec()),
        ("surrogate pair escapes", br"x = '\ud83d\ude00' + '\U0010ffff'".to_vec()),
        ("escape out of range", br"x = '\U00110000'".to_vec()),
        ("unknown name escape", br"x = '\N{NO SUCH NAME}'".to_vec()),
        ("f-string surrogate", br"x = f'\ud800{1}\udfff'".to_vec()),
        ("100000-digit int", ("x = ".to_string() + &"1".repeat(100_000)).into_bytes()),
        ("4301-digit int", ("x = ".to_string() + &"1".repeat(4301)).into_bytes()),
        ("100000-digit hex int", ("x = 0x".to_string() + &"f".repeat(100_000)).into_bytes()),
        ("huge int arithmetic", ("x = 0x".to_string() + &"f".repeat(20_000) + " ** 3 * 7 << 100").into_bytes()),
        ("folded huge power", b"x = 2 ** 100000000; y = 10 ** 10 ** 10; z = 'a' * 10 ** 12".to_vec()),
        ("folded shifts", b"x = 1 << 100000000; y = 1 << -1; z = 1 >> 10 ** 30; w = (-1) ** -1".to_vec()),
        ("folded division by zero", b"x = 1 / 0; y = 1 // 0; z = 1 % 0; w = 0 ** -1; v = 1.0 % 0.0".to_vec()),
        ("huge float literals", b"x = 1e999999999999999999; y = 0.0000e-99999999999999; z = 1e309j".to_vec()),
        ("100000-digit float", ("x = 1.".to_string() + &"5".repeat(100_000) + "e-5").into_bytes()),
        ("folded sequence repeat", b"x = (1,) * 10 ** 9; y = 'ab' * -1; z = b'' * 10 ** 20; w = (1, 2) * 2 ** 62".to_vec()),
        ("unterminated string", b"x = 'abc\n".to_vec()),
        ("unterminated triple string", b"x = '''abc\n\n".to_vec()),
        ("unterminated f-string", b"x = f'{1\n".to_vec()),
        ("nested f-strings", br#"x = f'{f"{f'{1}'}"}'"#.to_vec()),
        ("deep f-string formats", br#"x = f'{1:{2:{3:{4}}}}'"#.to_vec()),
        ("tabs and spaces", b"if x:\n\tif y:\n        pass\n".to_vec()),
        ("form feeds", b"\x0cif x:\n\x0c    pass\n  \x0c  pass\n".to_vec()),
        ("CR line endings", b"if x:\r    pass\r\r\n  y\r".to_vec()),
        ("continuation at EOF", b"x = 1 + \\".to_vec()),
        ("BOM", b"\xef\xbb\xbfx = 1\n\xef\xbb\xbf".to_vec()),
        ("many arguments", format!("f({})", (0..100_000).map(|i| format!("a{i}")).collect::<Vec<_>>().join(",")).into_bytes()),
        ("many parameters", format!("def f({}): pass", (0..10_000).map(|i| format!("a{i}")).collect::<Vec<_>>().join(",")).into_bytes()),
        ("many keywords", format!("f({})", (0..10_000).map(|i| format!("k{i}=1")).collect::<Vec<_>>().join(",")).into_bytes()),
        ("huge dict display", format!("d = {{{}}}", (0..50_000).map(|i| format!("{i}: x")).collect::<Vec<_>>().join(",")).into_bytes()),
        ("long jumps", ("while x:\n".to_string() + &"    try:\n        y = [a for a in b]\n    except E as e:\n        continue\n".repeat(3000)).into_bytes()),
        ("unpacking", b"a, *b, c, *d = x; [*a, *b] = y; *a = z; (*a,) = w".to_vec()),
        ("bad targets", b"f() = 1; del f(); (a, b) += 1; [x for x in y] = 2; a if b else c = 3".to_vec()),
        ("misplaced statements", b"return 1\nyield 2\nawait 3\nbreak\ncontinue\nnonlocal x\nclass C:\n return\n".to_vec()),
        ("global after use", b"def f():\n x = 1\n global x\n nonlocal y\n def g():\n  nonlocal x\n  global x\n".to_vec()),
        ("async comprehensions", b"async def f():\n [x async for x in y]\n {x: await x for x in y}\n async with a as b, c: yield\n".to_vec()),
        ("brackets around 2989 minus", ("(".repeat(199) + &"-".repeat(2790) + "1" + &")".repeat(199)).into_bytes()),
        ("deep expression in deep blocks", {
            let mut s = String::new();
            for i in 0..99 {
                s += &" ".repeat(i);
                s += if i % 3 == 0 { "def f():\n" } else if i % 3 == 1 { "for x in y:\n" } else { "with a:\n" };
            }
            s += &" ".repeat(99);
            s += &("x = ".to_string() + &"-".repeat(2900) + "1\n");
            s.into_bytes()
        }),
        ("deep expression in an f-string", ("f'{".to_string() + &"-".repeat(2980) + "1}'").into_bytes()),
        ("nested f-strings with deep expressions", ("f'{f\"{".to_string() + &"-".repeat(2980) + "1}\"}'").into_bytes()),
        ("deep lambdas in comprehensions", ("[".to_string() + &"[lambda: ".repeat(90) + "x" + &" for x in y]".repeat(90) + "]").into_bytes()),
        ("2989 minus in a default", ("def f(a=".to_string() + &"-".repeat(2985) + "1): pass").into_bytes()),
        ("2989 ternaries", ("1 if x else ".repeat(2989) + "1").into_bytes()),
        ("2989 lambdas", ("lambda:".repeat(2989) + "1").into_bytes()),
        ("2989 walrus", ("(x := ".repeat(199) + "1" + &")".repeat(199)).into_bytes()),
        ("2989 chained comparisons", ("x".to_string() + &" < -x".repeat(2989)).into_bytes()),
        ("2989 boolean ops", ("x".to_string() + &" or not x".repeat(2989)).into_bytes()),
        ("2989 power chain", ("2".to_string() + &" ** -2".repeat(1500)).into_bytes()),
        ("constant folding deep", ("1".to_string() + &" + 1".repeat(2989)).into_bytes()),
        ("tuple folding deep", ("(".repeat(199) + "1," + &"),".repeat(198) + ")").into_bytes()),
        ("match", b"match x:\n case [1, *r] | {'k': _, **kw} if r: pass\n case C(a, b=[*_]) as z: pass\n case _: pass\n".to_vec()),
    ];
    cases
        .into_iter()
        .map(|(name, bytes)| (name.to_string(), bytes))
        .collect()
}

#[test]
fn nasty_inputs_never_panic() {
    assert_no_panics(nasty_inputs());
}

#[test]
fn nasty_inputs_give_cpythons_errors() {
    let parse = |s: &str| {
        mempy_parser::parse(s)
            .map(|_| ())
            .map_err(|e| (e.class_name(), e.message()))
    };
    let too_deep = |s: &str| {
        std::thread::scope(|sc| {
            std::thread::Builder::new()
                .stack_size(STACK)
                .spawn_scoped(sc, || parse(s))
                .unwrap()
                .join()
                .unwrap()
        })
    };
    assert_eq!(
        too_deep(&"(".repeat(100_000)),
        Err(("SyntaxError", "too many nested parentheses".to_string()))
    );
    assert_eq!(
        too_deep(&nested_ifs(5000)),
        Err((
            "IndentationError",
            "too many levels of indentation".to_string()
        ))
    );
    assert_eq!(
        too_deep("x = 1\0\n"),
        Err((
            "SyntaxError",
            "source code cannot contain null bytes".to_string()
        ))
    );
    // Known difference: CPython 3.11 accepts lone surrogates in escapes (the str
    // holds them); mempy's strings are UTF-8, so the parser reports a SyntaxError
    // ("(unicode error) 'unicodeescape' codec can't decode bytes ...: illegal
    // Unicode character") instead. Either way it must not crash.
    assert!(matches!(
        too_deep(r"x = '\ud800'"),
        Ok(()) | Err(("SyntaxError", _))
    ));
    // A 1 MB literal parses and compiles.
    let big = format!("x = '{}'\n", "a".repeat(1 << 20));
    assert_eq!(too_deep(&big), Ok(()));
    // Known difference: CPython 3.11 raises "SyntaxError: Exceeds the limit (4300
    // digits) for integer string conversion: value has 100000 digits; ..." for a
    // decimal literal over 4300 digits (hex and the like are not limited); mempy
    // still accepts it. This only checks that it does not crash.
    let _ = too_deep(&("x = ".to_string() + &"1".repeat(100_000)));
}

// ------------------------------------------------------ fuzz regressions

/// Inputs that crashed a `scripts/fuzz` target (issue 6), kept so they never
/// come back. Each is named after the target that found it.
const ISSUE_6_FUZZ_REGRESSIONS: &[(&str, &[u8])] = &[];

#[test]
fn issue_6_fuzz_regressions() {
    assert_no_panics(
        ISSUE_6_FUZZ_REGRESSIONS
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect(),
    );
}
