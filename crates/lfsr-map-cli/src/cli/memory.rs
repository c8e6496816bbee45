//! The memory limit of a run: `--memory-limit`, or by default what the machine can give.
//!
//! The default is the lowest of the limits Linux shows this process:
//! - the cgroup's limit (v2 `memory.max`, v1 `memory.limit_in_bytes`, of the process's own
//!   cgroup as `/proc/self/cgroup` names it, else of the root of the hierarchy);
//! - `MemAvailable` of `/proc/meminfo` (free memory plus what the kernel can reclaim);
//! - the address-space limit (`ulimit -v`, `prlimit --as`) of `/proc/self/limits`.
//!
//! Where none of these can be read (not Linux), the limit is [`FALLBACK`] (4 GiB, the
//! library's own default), and `--help` says so. An enumeration whose estimate exceeds the
//! limit is refused up front with the bytes it needs (exit 2); an allocation refused later
//! anyway (the estimate is an estimate, other processes take memory) is reported the same way
//! instead of aborting.

use std::fs;

/// The limit when the machine's memory cannot be read.
pub const FALLBACK: u64 = 4 << 30;

/// The memory limit for this run: `flag` if given, else [`available`], else [`FALLBACK`].
pub fn limit(flag: Option<u64>) -> u64 {
    flag.or_else(available).unwrap_or(FALLBACK)
}

/// The lowest memory limit the system shows this process, in bytes (see the module docs).
pub fn available() -> Option<u64> {
    let read = |path: &str| fs::read_to_string(path).ok();
    let cgroups = read("/proc/self/cgroup").unwrap_or_default();
    let v2 = cgroup_v2_path(&cgroups)
        .map(|p| format!("/sys/fs/cgroup{p}/memory.max"))
        .and_then(|p| read(&p))
        .or_else(|| read("/sys/fs/cgroup/memory.max"))
        .and_then(|t| cgroup_value(&t));
    let v1 = cgroup_v1_path(&cgroups)
        .map(|p| format!("/sys/fs/cgroup/memory{p}/memory.limit_in_bytes"))
        .and_then(|p| read(&p))
        .or_else(|| read("/sys/fs/cgroup/memory/memory.limit_in_bytes"))
        .and_then(|t| cgroup_value(&t));
    let meminfo = read("/proc/meminfo").and_then(|t| mem_available(&t));
    let address_space = read("/proc/self/limits").and_then(|t| address_space_limit(&t));
    [v2, v1, meminfo, address_space].into_iter().flatten().min()
}

/// The cgroup v2 path (`0::/path`) of `/proc/self/cgroup`.
fn cgroup_v2_path(text: &str) -> Option<&str> {
    text.lines().find_map(|l| l.strip_prefix("0::"))
}

/// The cgroup v1 path of the memory controller (`N:memory:/path`, or a list with `memory`).
fn cgroup_v1_path(text: &str) -> Option<&str> {
    text.lines().find_map(|l| {
        let mut parts = l.splitn(3, ':');
        let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
        controllers
            .split(',')
            .any(|c| c == "memory")
            .then_some(path)
    })
}

/// A cgroup limit file's value: bytes, or `None` for `max` (v2) or a v1 "unlimited" value
/// (the largest page-aligned i64, or anything from 2^62 on).
fn cgroup_value(text: &str) -> Option<u64> {
    let v: u64 = text.trim().parse().ok()?;
    (v < 1 << 62).then_some(v)
}

/// `MemAvailable` of `/proc/meminfo`, in bytes.
fn mem_available(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

/// The soft "Max address space" of `/proc/self/limits`, in bytes (`None` when unlimited).
fn address_space_limit(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("Max address space"))?;
    line["Max address space".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Parses a `--memory-limit`: bytes, or a number with a unit `K`, `M`, `G`, `T` (powers of
/// 1024; `KiB`, `MB`, ... also accepted and read the same way), e.g. `512M`, `1.5G`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let (value, unit) = super::args::number_and_unit(text)
        .ok_or_else(|| format!("'{text}' is not a size (examples: 512M, 2G, 1048576)"))?;
    let shift = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        other => return Err(format!("unknown unit '{other}' in '{text}' (K, M, G, T)")),
    };
    let bytes = value * (1u64 << shift) as f64;
    if !(1.0..=u64::MAX as f64).contains(&bytes) {
        return Err(format!("'{text}' is not a size between 1 byte and 16 EiB"));
    }
    Ok(bytes as u64)
}

/// `bytes` for a message: the exact count with a rounded binary unit, e.g.
/// `1610612736 bytes (1.5 GiB)`.
pub fn show(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = bytes as f64;
    let mut unit = None;
    for u in UNITS {
        if v < 1024.0 {
            break;
        }
        v /= 1024.0;
        unit = Some(u);
    }
    match unit {
        Some(u) => format!("{bytes} bytes ({v:.1} {u})"),
        None if bytes == 1 => "1 byte".to_string(),
        None => format!("{bytes} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cgroup_files() {
        let v1 = "9:name=systemd:/\n4:memory:/jobs/42\n1:cpu,cpuacct:/\n0::/\n";
        assert_eq!(cgroup_v1_path(v1), Some("/jobs/42"));
        assert_eq!(cgroup_v2_path(v1), Some("/"));
        assert_eq!(cgroup_v1_path("0::/user.slice\n"), None);
        assert_eq!(cgroup_v1_path("3:cpu,memory:/a\n"), Some("/a"));
        assert_eq!(cgroup_value("max\n"), None);
        assert_eq!(cgroup_value("9223372036854771712\n"), None);
        assert_eq!(cgroup_value("536870912\n"), Some(512 << 20));
    }

    #[test]
    fn meminfo_and_limits() {
        let meminfo =
            "MemTotal:       24683520 kB\nMemFree:  100 kB\nMemAvailable:   23793368 kB\n";
        assert_eq!(mem_available(meminfo), Some(23_793_368 * 1024));
        assert_eq!(mem_available("MemTotal: 1 kB\n"), None);
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \n\
                      Max address space         unlimited            unlimited            bytes     \n";
        assert_eq!(address_space_limit(limits), None);
        let limits = "Max address space         204800000            unlimited            bytes\n";
        assert_eq!(address_space_limit(limits), Some(204_800_000));
    }

    #[test]
    fn the_default_is_never_above_the_fallback_on_this_machine_without_reason() {
        // Whatever this machine shows, an explicit flag wins.
        assert_eq!(limit(Some(12345)), 12345);
        if let Some(a) = available() {
            assert!(a > 0);
            assert_eq!(limit(None), a);
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("64k"), Ok(64 << 10));
        assert!(parse_size("0").is_err());
        assert!(parse_size("G").is_err());
        assert!(parse_size("3 parsecs").is_err());
        assert!(parse_size("-1M").is_err());
        assert!(parse_size("99999999T").is_err());
    }

    #[test]
    fn sizes_in_messages() {
        assert_eq!(show(1), "1 byte");
        assert_eq!(show(1000), "1000 bytes");
        assert_eq!(show(3 << 29), "1610612736 bytes (1.5 GiB)");
    }
}
