//! The `time` module: wall clock (`time`, `time_ns`), monotonic clocks
//! (`monotonic`, `perf_counter`, `process_time`), `sleep`, and UTC calendar
//! conversion (`gmtime`, `localtime` (UTC here), `mktime`, `strftime`, `asctime`)
//! with `struct_time` as a struct sequence.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::args::Args;
use crate::heap::{PyObject, PyObjectRef, PyRef};
use crate::objects::typeobj::ObjectClass;
use crate::objects::{PyModule, PyStr, PyTypeRef};
use crate::vm::{PyResult, Vm};

const FIELDS: [&str; 9] = [
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

thread_local! {
    static START: Instant = Instant::now();
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn since_start() -> Duration {
    START.with(|s| s.elapsed())
}

fn t_time(vm: &Vm, _a: Args) -> PyResult {
    Ok(vm.new_float(since_epoch().as_secs_f64()))
}
fn t_time_ns(vm: &Vm, _a: Args) -> PyResult {
    Ok(vm.new_bigint(since_epoch().as_nanos().into()))
}
fn t_monotonic(vm: &Vm, _a: Args) -> PyResult {
    Ok(vm.new_float(since_start().as_secs_f64()))
}
fn t_monotonic_ns(vm: &Vm, _a: Args) -> PyResult {
    Ok(vm.new_bigint(since_start().as_nanos().into()))
}

fn t_sleep(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "sleep", 1, 1)?;
    let s = crate::modules::math::to_f64(vm, &p[0]).map_err(|_| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            p[0].class().name()
        ))
    })?;
    if s.is_nan() {
        return Err(vm.new_value_error("Invalid value NaN (not a number)"));
    }
    if s < 0.0 {
        return Err(vm.new_value_error("sleep length must be non-negative"));
    }
    vm.flush_all();
    if crate::sandbox::is_on() {
        return crate::interrupt::check(vm).map(|_| vm.none());
    }
    // In slices, so a Ctrl-C interrupts the sleep (CPython's sleep wakes on a signal).
    let end = std::time::Instant::now() + Duration::from_secs_f64(s.min(1e9));
    loop {
        crate::interrupt::check(vm)?;
        let now = std::time::Instant::now();
        if now >= end {
            break;
        }
        std::thread::sleep((end - now).min(Duration::from_millis(20)));
    }
    Ok(vm.none())
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The nine struct_time fields of a UTC timestamp.
fn broken_down(secs: i64) -> [i64; 9] {
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    let wday = (days + 3).rem_euclid(7);
    let yday = days - days_from_civil(y, 1, 1) + 1;
    [
        y,
        m,
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        wday,
        yday,
        0,
    ]
}

fn struct_time_type(vm: &Vm) -> PyTypeRef {
    let found = vm
        .sys_modules
        .get_item_str_opt(&vm.intern("time"))
        .and_then(|m| {
            m.payload::<PyModule>()
                .and_then(|m| m.dict.get_item_str_opt(&vm.intern("struct_time")))
        })
        .and_then(|t| t.downcast::<crate::objects::PyType>().ok());
    found.unwrap_or_else(|| super::structseq::new_type(vm, "time", "struct_time", &FIELDS))
}

fn secs_arg(vm: &Vm, args: Args, name: &str) -> PyResult<i64> {
    let p = args.range(vm, name, 0, 1)?;
    match p.first() {
        Some(s) if !vm.is_none(s) => {
            let f = crate::modules::math::to_f64(vm, s)?;
            if !f.is_finite() {
                return Err(vm.new_value_error(if f.is_nan() {
                    "Invalid value NaN (not a number)"
                } else {
                    "cannot convert float infinity to integer"
                }));
            }
            if f.abs() > 1e16 {
                return Err(vm.new_overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(f.floor() as i64)
        }
        _ => Ok(since_epoch().as_secs() as i64),
    }
}

fn make_struct(vm: &Vm, f: [i64; 9]) -> PyObjectRef {
    let t = struct_time_type(vm);
    super::structseq::new(vm, &t, f.iter().map(|&v| vm.new_int(v)).collect())
}

fn t_gmtime(vm: &Vm, args: Args) -> PyResult {
    let s = secs_arg(vm, args, "gmtime")?;
    Ok(make_struct(vm, broken_down(s)))
}

fn t_localtime(vm: &Vm, args: Args) -> PyResult {
    let s = secs_arg(vm, args, "localtime")?;
    Ok(make_struct(vm, broken_down(s)))
}

/// The nine fields of a struct_time or 9-tuple argument.
fn fields_of(vm: &Vm, o: &PyObject, fname: &str) -> PyResult<[i64; 9]> {
    let items = vm
        .iterate(o)
        .map_err(|_| vm.new_type_error("Tuple or struct_time argument required"))?;
    if items.len() != 9 {
        return Err(vm.new_type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let mut f = [0i64; 9];
    for (i, x) in items.iter().enumerate() {
        f[i] = vm.to_index_i64(x)?;
    }
    Ok(f)
}

fn t_mktime(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "mktime", 1, 1)?;
    let f = fields_of(vm, &p[0], "mktime")?;
    let days = days_from_civil(f[0], f[1], 1) + f[2] - 1;
    Ok(vm.new_float((days * 86400 + f[3] * 3600 + f[4] * 60 + f[5]) as f64))
}

fn strftime_impl(fmt: &str, f: &[i64; 9]) -> String {
    let mut out = String::new();
    let mut it = fmt.chars();
    let day = |i: i64| DAYS[i.rem_euclid(7) as usize];
    let mon = |i: i64| MONTHS[(i - 1).rem_euclid(12) as usize];
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = it.next() else {
            out.push('%');
            break;
        };
        let hour12 = if f[3] % 12 == 0 { 12 } else { f[3] % 12 };
        let s = match d {
            'Y' => f[0].to_string(),
            'y' => format!("{:02}", f[0].rem_euclid(100)),
            'C' => format!("{:02}", f[0] / 100),
            'm' => format!("{:02}", f[1]),
            'd' => format!("{:02}", f[2]),
            'e' => format!("{:2}", f[2]),
            'H' => format!("{:02}", f[3]),
            'I' => format!("{:02}", hour12),
            'M' => format!("{:02}", f[4]),
            'S' => format!("{:02}", f[5]),
            'p' => (if f[3] < 12 { "AM" } else { "PM" }).to_string(),
            'j' => format!("{:03}", f[7]),
            'a' => day(f[6])[..3].to_string(),
            'A' => day(f[6]).to_string(),
            'w' => ((f[6] + 1) % 7).to_string(),
            'u' => (f[6] + 1).to_string(),
            'b' | 'h' => mon(f[1])[..3].to_string(),
            'B' => mon(f[1]).to_string(),
            'Z' => "UTC".to_string(),
            'z' => "+0000".to_string(),
            'D' => format!("{:02}/{:02}/{:02}", f[1], f[2], f[0].rem_euclid(100)),
            'F' => format!("{}-{:02}-{:02}", f[0], f[1], f[2]),
            'T' => format!("{:02}:{:02}:{:02}", f[3], f[4], f[5]),
            'R' => format!("{:02}:{:02}", f[3], f[4]),
            'x' => format!("{:02}/{:02}/{:02}", f[1], f[2], f[0].rem_euclid(100)),
            'X' => format!("{:02}:{:02}:{:02}", f[3], f[4], f[5]),
            'c' => asctime_of(f),
            'n' => "\n".to_string(),
            't' => "\t".to_string(),
            '%' => "%".to_string(),
            other => format!("%{other}"),
        };
        out.push_str(&s);
    }
    out
}

fn asctime_of(f: &[i64; 9]) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        &DAYS[f[6].rem_euclid(7) as usize][..3],
        &MONTHS[(f[1] - 1).rem_euclid(12) as usize][..3],
        f[2],
        f[3],
        f[4],
        f[5],
        f[0]
    )
}

fn time_tuple_or_now(vm: &Vm, o: Option<&PyObjectRef>, fname: &str) -> PyResult<[i64; 9]> {
    match o {
        Some(t) => {
            let f = fields_of(vm, t, fname)?;
            if !(1..=12).contains(&f[1]) && f[1] != 0 {
                return Err(vm.new_value_error("month out of range"));
            }
            Ok(f)
        }
        None => Ok(broken_down(since_epoch().as_secs() as i64)),
    }
}

fn t_strftime(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "strftime", 1, 2)?;
    let fmt = p[0].payload::<PyStr>().ok_or_else(|| {
        vm.new_type_error(format!(
            "strftime() argument 1 must be str, not {}",
            p[0].class().name()
        ))
    })?;
    let f = time_tuple_or_now(vm, p.get(1), "strftime")?;
    let _ = is_leap;
    Ok(vm.new_string(strftime_impl(fmt.as_str(), &f)))
}

fn t_asctime(vm: &Vm, args: Args) -> PyResult {
    let p = args.range(vm, "asctime", 0, 1)?;
    let f = time_tuple_or_now(vm, p.first(), "asctime")?;
    Ok(vm.new_string(asctime_of(&f)))
}

fn t_ctime(vm: &Vm, args: Args) -> PyResult {
    let s = secs_arg(vm, args, "ctime")?;
    Ok(vm.new_string(asctime_of(&broken_down(s))))
}

pub(crate) fn make(vm: &Vm) -> PyRef<PyModule> {
    let m = vm.new_module("time");
    vm.add_functions(
        &m,
        &[
            ("time", t_time),
            ("time_ns", t_time_ns),
            ("monotonic", t_monotonic),
            ("monotonic_ns", t_monotonic_ns),
            ("perf_counter", t_monotonic),
            ("perf_counter_ns", t_monotonic_ns),
            ("process_time", t_monotonic),
            ("process_time_ns", t_monotonic_ns),
            ("thread_time", t_monotonic),
            ("sleep", t_sleep),
            ("gmtime", t_gmtime),
            ("localtime", t_localtime),
            ("mktime", t_mktime),
            ("strftime", t_strftime),
            ("asctime", t_asctime),
            ("ctime", t_ctime),
        ],
    );
    let st = super::structseq::new_type(vm, "time", "struct_time", &FIELDS);
    vm.module_set(&m, "struct_time", st.into());
    vm.module_set(&m, "timezone", vm.new_int(0));
    vm.module_set(&m, "altzone", vm.new_int(0));
    vm.module_set(&m, "daylight", vm.new_int(0));
    vm.module_set(
        &m,
        "tzname",
        vm.new_tuple(vec![vm.new_str("UTC"), vm.new_str("UTC")]),
    );
    m
}
