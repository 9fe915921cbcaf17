//! `str.format` and `str.format_map`: replacement fields `{name.attr[key]!conv:spec}`
//! with automatic or manual numbering, nested fields inside the spec (two levels, as
//! CPython), and CPython's error messages.

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef};
use crate::vm::{PyResult, Vm};

/// Where field values come from.
enum Source<'a> {
    Args(Args<'a>),
    Mapping(&'a PyObject),
}

/// Automatic numbering state: `Some(n)` in automatic mode, `None` before any field.
struct Numbering {
    auto: Option<usize>,
    manual: bool,
}

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(vm: &Vm, fmt: &str, args: Args) -> PyResult<String> {
    let mut n = Numbering {
        auto: None,
        manual: false,
    };
    render(vm, fmt, &Source::Args(args), &mut n, 2)
}

/// `fmt.format_map(mapping)`.
pub fn str_format_map(vm: &Vm, fmt: &str, mapping: &PyObject) -> PyResult<String> {
    let mut n = Numbering {
        auto: None,
        manual: false,
    };
    render(vm, fmt, &Source::Mapping(mapping), &mut n, 2)
}

fn render(vm: &Vm, fmt: &str, src: &Source, num: &mut Numbering, depth: u32) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.new_value_error("Max string recursion exceeded"));
    }
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.new_value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if i + 1 >= chars.len() {
            return Err(vm.new_value_error("Single '{' encountered in format string"));
        }
        // Find the matching '}' (nested braces count; brackets protect ':' and '!').
        let mut depth_b = 1;
        let mut j = i + 1;
        let mut in_bracket = false;
        let mut field_end = None; // end of the field name (':' or '!')
        while j < chars.len() {
            let ch = chars[j];
            if in_bracket {
                if ch == ']' {
                    in_bracket = false;
                }
            } else if ch == '[' && field_end.is_none() {
                in_bracket = true;
            } else if ch == '{' {
                depth_b += 1;
            } else if ch == '}' {
                depth_b -= 1;
                if depth_b == 0 {
                    break;
                }
            } else if (ch == ':' || ch == '!') && field_end.is_none() && depth_b == 1 {
                field_end = Some(j);
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(vm.new_value_error(if in_bracket {
                "expected '}' before end of string"
            } else {
                "expected '}' before end of string"
            }));
        }
        let name_end = field_end.unwrap_or(j);
        let name: String = chars[i + 1..name_end].iter().collect();
        let mut conv = None;
        let mut spec_start = j;
        if let Some(fe) = field_end {
            if chars[fe] == '!' {
                if fe + 1 >= j {
                    return Err(
                        vm.new_value_error("end of string while looking for conversion specifier")
                    );
                }
                conv = Some(chars[fe + 1]);
                if fe + 2 < j {
                    if chars[fe + 2] != ':' {
                        return Err(vm.new_value_error("expected ':' after conversion specifier"));
                    }
                    spec_start = fe + 3;
                }
            } else {
                spec_start = fe + 1;
            }
        }
        let spec: String = if spec_start < j {
            chars[spec_start..j].iter().collect()
        } else {
            String::new()
        };
        let v = lookup(vm, &name, src, num)?;
        let v = match conv {
            None => v,
            Some('r') => vm.repr(&v)?.into(),
            Some('s') => vm.str(&v)?.into(),
            Some('a') => vm.new_string(crate::builtins::ascii_escape(vm.repr(&v)?.as_str())),
            Some(c) => return Err(vm.new_value_error(format!("Unknown conversion specifier {c}"))),
        };
        let spec = if spec.contains('{') {
            render(vm, &spec, src, num, depth - 1)?
        } else {
            spec
        };
        out.push_str(&super::format_value(vm, &v, &spec)?);
        i = j + 1;
    }
    Ok(out)
}

fn lookup(vm: &Vm, name: &str, src: &Source, num: &mut Numbering) -> PyResult<PyObjectRef> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let key = &name[..first_end];
    let mut v = if key.is_empty() || key.bytes().all(|b| b.is_ascii_digit()) {
        let idx = if key.is_empty() {
            if num.manual {
                return Err(vm.new_value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            let n = num.auto.unwrap_or(0);
            num.auto = Some(n + 1);
            n
        } else {
            if num.auto.is_some() {
                return Err(vm.new_value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            num.manual = true;
            key.parse::<usize>()
                .map_err(|_| vm.new_value_error("Too many decimal digits in format string"))?
        };
        match src {
            Source::Args(a) => a.positional().get(idx).cloned().ok_or_else(|| {
                vm.new_index_error(format!(
                    "Replacement index {idx} out of range for positional args tuple"
                ))
            })?,
            Source::Mapping(_) => {
                return Err(vm.new_value_error("Format string contains positional fields"))
            }
        }
    } else {
        match src {
            Source::Args(a) => a
                .kwarg(key)
                .cloned()
                .ok_or_else(|| vm.new_key_error(vm.new_str(key)))?,
            Source::Mapping(m) => vm.getitem(m, &vm.new_str(key))?,
        }
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let e = r.find(['.', '[']).unwrap_or(r.len());
            if e == 0 {
                return Err(vm.new_value_error("Empty attribute in format string"));
            }
            v = vm.get_attribute(&v, &vm.intern(&r[..e]))?;
            rest = &r[e..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let e = r
                .find(']')
                .ok_or_else(|| vm.new_value_error("Missing ']' in format string"))?;
            let k = &r[..e];
            if k.is_empty() {
                return Err(vm.new_value_error("Empty attribute in format string"));
            }
            let kobj = if k.bytes().all(|b| b.is_ascii_digit()) {
                vm.new_int(k.parse::<i64>().unwrap_or(i64::MAX))
            } else {
                vm.new_str(k)
            };
            v = vm.getitem(&v, &kobj)?;
            rest = &r[e + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(
                    vm.new_value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        } else {
            break;
        }
    }
    Ok(v)
}
