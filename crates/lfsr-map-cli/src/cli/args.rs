//! The command line, as clap derive types.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use num_traits::Bounded;

use super::pools::PoolKind;

/// Map the state space of LFSRs over GF(q): cycles, periods, characteristic polynomial.
#[derive(Debug, Parser)]
#[command(name = "lfsr-map", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Options shared by every subcommand.
    #[command(flatten)]
    pub common: Common,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyze every LFSR of a CSV file (one coefficient vector c0,...,c_{d-1} per row), or
    /// those given with `--poly`.
    ///
    /// The row c = (c0, ..., c_{d-1}) is the LFSR (s0, ..., s_{d-1}) -> (s1, ..., s_{d-1},
    /// c0 s0 + ... + c_{d-1} s_{d-1}). Its characteristic polynomial is f(x) = x^d - sum c_i x^i
    /// (over GF(2): x^d + sum c_i x^i); its connection (feedback) polynomial is the reciprocal
    /// C(x) = x^d f(1/x) = 1 - sum c_i x^(d-i). So x^4 + x + 1 is the row 1,1,0,0 (connection
    /// polynomial 1 + x^3 + x^4), and `--poly "x^4 + x + 1"` is the same LFSR.
    ///
    /// A file may also hold one monic characteristic polynomial per row (a row without a
    /// comma that holds an x), and may start with a header row: c0,c1,...,c_{d-1}, or with a
    /// column named poly holding the polynomials (other columns ignored).
    Analyze(AnalyzeArgs),
    /// Analyze every LFSR of one degree and summarize (primitive, irreducible, max periods,
    /// numbers of cycles, factorization patterns), or with `--summary` only count them.
    Census(CensusArgs),
    /// Factor a polynomial and give its orders, irreducibility and primitivity.
    Poly(PolyArgs),
    /// Find monic primitive or irreducible polynomials of a degree: the least ones in
    /// galois' order, all of them, or random ones; optionally with a number of terms
    /// (trinomials, pentanomials).
    ///
    /// Order (galois' `primitive_poly(q, d)` / `primitive_polys` / `irreducible_polys`, method
    /// "min"): x^d + c_{d-1} x^{d-1} + ... + c_0 stands for the integer q^d + sum c_i q^i, each
    /// c_i in its integer encoding (GF(p^n): sum a_j p^j for sum a_j a^j over the Conway
    /// polynomial), and smaller comes first; so the coefficients are compared from the top,
    /// and x^4 + x + 1 comes before x^4 + x^3 + 1. With `--weight` the same order restricted
    /// to that many nonzero terms (galois' `terms=`).
    ///
    /// Output: one polynomial per line (text); `--format csv` the LFSR rows c0,...,c_{d-1}
    /// (c_i = -coefficient of x^i) under a header, ready for `lfsr-map analyze`; `--format
    /// json` one document with one polynomial per line.
    Find(FindArgs),
    /// Join the part files of a sharded job (`--shard K/N`) into the report the unsharded
    /// run writes (in the parts' format).
    Merge(MergeArgs),
    /// Print the output sequence of one LFSR (Fibonacci or Galois form) from a state.
    Sequence(super::sequence::SequenceArgs),
    /// Find the shortest LFSR that generates a sequence (Berlekamp-Massey): linear
    /// complexity, minimal polynomial, the LFSR row for `analyze`.
    Synth(super::synth::SynthArgs),
}

/// `lfsr-map merge PART... [-o OUT]`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The part files, all N of one job, in any order.
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,
}

/// `lfsr-map analyze FILE.csv --field Q`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// CSV file (`-`: standard input): one LFSR per row, integers from 0 to q - 1, or a monic
    /// polynomial per row; an optional header row; `#` comments and blank lines skipped.
    #[arg(required_unless_present = "poly")]
    pub file: Option<PathBuf>,
    /// An LFSR by its characteristic polynomial, monic, e.g. `"x^4 + x + 1"` (instead of a
    /// file; repeat it for more LFSRs).
    #[arg(long = "poly", value_name = "POLYNOMIAL", conflicts_with = "file")]
    pub poly: Vec<String>,
    /// The field GF(q): `Q` (a prime or a prime power), `P^N`, `GF(Q)` or `GF(P^N)`.
    #[arg(long, value_name = "Q", value_parser = parse_field)]
    pub field: u64,
    /// Count cycles only, list no states. Without it the states of every cycle are listed
    /// with `--method enumerate`, and with `auto` for state spaces up to 2^20 states.
    #[arg(long)]
    pub period_only: bool,
    /// How to obtain the cycle structure [default: auto].
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Do only part K of N of the job (K from 1 to N) and write a part file for `lfsr-map
    /// merge` (the parts are deterministic: any machine may run any of them).
    #[arg(long, value_name = "K/N", value_parser = super::shard::parse_shard)]
    pub shard: Option<super::shard::Shard>,
    /// Also draw the cycle-length distribution (number of cycles per cycle length) as an SVG
    /// bar chart into FILE, one panel per LFSR for the first 8 LFSRs (written atomically).
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
}

/// `--plot-of`: what a census plot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlotOf {
    /// How many LFSRs have each max period (longest cycle).
    MaxPeriod,
    /// How many LFSRs have each number of cycles.
    CycleCount,
}

/// `lfsr-map census --degree D --field Q`.
#[derive(Debug, Args)]
pub struct CensusArgs {
    /// The degree d of every LFSR in the census (q^d at most 2^120).
    #[arg(long, value_name = "D", value_parser = int_in::<u32>(1, 4096))]
    pub degree: u32,
    /// The field GF(q): `Q` (a prime or a prime power), `P^N`, `GF(Q)` or `GF(P^N)`.
    #[arg(long, value_name = "Q", value_parser = parse_field)]
    pub field: u64,
    /// Also include the singular LFSRs (c0 = 0).
    #[arg(long)]
    pub include_singular: bool,
    /// Only the summary, counted over factorization types without analyzing each LFSR: no
    /// rows, and no limit on the number of LFSRs (degree 32 over GF(2) takes a second).
    #[arg(long)]
    pub summary: bool,
    /// Also tally whole cycle structures in the summary (can be a long list).
    #[arg(long)]
    pub cycle_structures: bool,
    /// How to obtain the cycle structure of each row [default: auto, the algebra;
    /// `enumerate` visits every state of every LFSR].
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Do only part K of N of the job (K from 1 to N) and write a part file for `lfsr-map
    /// merge` (the parts are deterministic: any machine may run any of them).
    #[arg(long, value_name = "K/N", value_parser = super::shard::parse_shard)]
    pub shard: Option<super::shard::Shard>,
    /// Also draw the summary's distribution (see `--plot-of`) as an SVG bar chart into FILE
    /// (written atomically).
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// What `--plot` draws.
    #[arg(long, value_enum, default_value_t = PlotOf::MaxPeriod, requires = "plot")]
    pub plot_of: PlotOf,
}

/// `lfsr-map poly "x^4+x+1" --field Q`.
#[derive(Debug, Args)]
pub struct PolyArgs {
    /// The polynomial, e.g. `x^4+x+1` or `x^2 + (a + 1)*x + a`.
    pub polynomial: String,
    /// The field GF(q): `Q` (a prime or a prime power), `P^N`, `GF(Q)` or `GF(P^N)`.
    #[arg(long, value_name = "Q", value_parser = parse_field)]
    pub field: u64,
}

/// `lfsr-map find --degree D --field Q (--primitive | --irreducible) ...`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("property").required(true).args(["primitive", "irreducible"])))]
pub struct FindArgs {
    /// The degree d (up to the limit of `analyze`: 50,000 over GF(2), 1,024 otherwise).
    #[arg(long, value_name = "D", value_parser = int_in::<u32>(1, u32::MAX))]
    pub degree: u32,
    /// The field GF(q): `Q` (a prime or a prime power), `P^N`, `GF(Q)` or `GF(P^N)`.
    #[arg(long, value_name = "Q", value_parser = parse_field)]
    pub field: u64,
    /// Primitive polynomials (irreducible, and x of order q^d - 1: maximal-period LFSRs).
    #[arg(long)]
    pub primitive: bool,
    /// Irreducible polynomials.
    #[arg(long)]
    pub irreducible: bool,
    /// Exactly W nonzero terms, the leading x^d included: 3 for trinomials, 5 for
    /// pentanomials. Over GF(2) even W never gives an irreducible polynomial of degree > 1,
    /// nor W = 3 a degree that is a multiple of 8 (Swan's theorem): refused with the reason.
    #[arg(long, value_name = "W", value_parser = int_in::<u32>(1, u32::MAX))]
    pub weight: Option<u32>,
    /// The first N in order [default: 1].
    #[arg(long, value_name = "N", value_parser = int_in::<u64>(1, u64::MAX), conflicts_with_all = ["all", "random"])]
    pub first: Option<u64>,
    /// All of them, in order, written as they are found.
    #[arg(long, conflicts_with = "random")]
    pub all: bool,
    /// Uniformly random ones (sample and test), reproducible with `--seed`.
    #[arg(long, requires = "seed")]
    pub random: bool,
    /// The seed of `--random` (the same seed gives the same polynomials).
    #[arg(long, value_name = "S", requires = "random")]
    pub seed: Option<u64>,
    /// How many `--random` polynomials (independent, so repeats are possible) [default: 1].
    #[arg(long, value_name = "N", value_parser = int_in::<u64>(1, u64::MAX), requires = "random")]
    pub count: Option<u64>,
}

/// Parses a `--field`: `Q`, `P^N` (or `P**N`), `GF(Q)`, `GF(P^N)` (any case, spaces allowed).
/// Whether GF(q) exists and is supported is checked when the field is built (`invalid --field
/// Q: ...`, exit 2).
pub fn parse_field(text: &str) -> Result<u64, String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = match t.get(..3) {
        Some(g) if g.eq_ignore_ascii_case("gf(") => t[3..]
            .strip_suffix(')')
            .ok_or_else(|| format!("'{text}': GF( without its closing ')'"))?,
        _ => t.as_str(),
    };
    let number = |s: &str| -> Result<u64, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "'{text}' is not a field order (examples: 4, 2^2, GF(4), GF(2^2))"
            ));
        }
        s.parse::<u64>()
            .map_err(|_| format!("'{text}': {s} is too large"))
    };
    let (base, exp) = match inner.split_once("**").or_else(|| inner.split_once('^')) {
        Some((b, e)) => (b, Some(e)),
        None => (inner, None),
    };
    let mut q = number(base)?;
    if let Some(e) = exp {
        let e = number(e)?;
        q = u32::try_from(e)
            .ok()
            .and_then(|e| q.checked_pow(e))
            .ok_or_else(|| format!("'{text}' is too large"))?;
    }
    Ok(q)
}

/// Options shared by every subcommand (accepted before or after it).
#[derive(Debug, Args)]
pub struct Common {
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,
    /// Write the report to FILE (atomically: an existing file is only replaced on success;
    /// a symbolic link's target is replaced, the link kept; an existing FIFO or device is
    /// written into directly, without atomicity).
    #[arg(short = 'o', long = "output", value_name = "FILE", global = true)]
    pub output: Option<PathBuf>,
    /// The worker pool: `simple` (one global pool, reused), `idle-timeout` (idle workers
    /// retire), `scoped` (one pool for the run), as compiled in; or the baselines `fresh`
    /// (new threads per parallel call) and `sequential` [default: the first compiled in of
    /// simple, idle-timeout, scoped].
    #[arg(long, value_name = "NAME", value_parser = PoolKind::parse, global = true)]
    pub pool: Option<PoolKind>,
    /// Worker threads [default: the available cores].
    #[arg(long, value_name = "N", value_parser = int_in::<u32>(1, 1024), global = true)]
    pub workers: Option<u32>,
    /// With `--pool idle-timeout`: how long a worker may idle before it retires, e.g. `50ms`,
    /// `2s`, at most `24h` [default: the pool's own].
    #[arg(long, value_name = "DURATION", value_parser = parse_idle_timeout, global = true)]
    pub idle_timeout: Option<Duration>,
    /// No progress bar.
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Quiet: no progress bar (errors and `--stats` still go to stderr).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print the worker pool's lifecycle metrics to stderr at exit.
    #[arg(long, global = true)]
    pub stats: bool,
    /// The most memory an enumeration may use, e.g. `512M`, `2G`; a larger one is refused up
    /// front [default: what this process may use: the lowest of its cgroup limit,
    /// MemAvailable and `ulimit -v`; 4 GiB where none can be read].
    #[arg(long, value_name = "SIZE", value_parser = super::memory::parse_size, global = true)]
    pub memory_limit: Option<u64>,
    /// Leave the RUN block (input, field, start time, total time) out of the text report, so
    /// that two runs of one job write the same bytes.
    #[arg(long, global = true)]
    pub no_run_info: bool,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The sectioned report of the original tool.
    Text,
    /// One JSON document (schema: docs/json-schema.md).
    Json,
    /// One row per analysis with the scalar fields.
    Csv,
}

/// `--method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Algebra for the counts; enumerate (checked against the algebra) to list the states of
    /// state spaces up to 2^20.
    Auto,
    /// Visit every state.
    Enumerate,
    /// From the factorization of the characteristic polynomial only.
    Algebraic,
}

/// The longest `--idle-timeout`: a worker idle for a day is as good as kept, and the bound
/// keeps the pool's deadline arithmetic far from overflow.
pub const MAX_IDLE_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

/// Parses an `--idle-timeout`: a duration of at most [`MAX_IDLE_TIMEOUT`].
pub fn parse_idle_timeout(text: &str) -> Result<Duration, String> {
    let d = parse_duration(text)?;
    if d > MAX_IDLE_TIMEOUT {
        return Err(format!("'{text}' is longer than the maximum of 24h"));
    }
    Ok(d)
}

/// A value parser for an integer flag in `lo..=hi`, whose refusal reads "must be an integer
/// from 1 to 4096" (or "of at least 1" when `hi` is the type's maximum), not in Rust's range
/// syntax.
pub fn int_in<T>(lo: T, hi: T) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync
where
    T: std::str::FromStr + PartialOrd + Copy + fmt::Display + Bounded + Send + Sync + 'static,
{
    move |text: &str| {
        let range = if hi == T::max_value() {
            format!("of at least {lo}")
        } else {
            format!("from {lo} to {hi}")
        };
        match text.trim().parse::<T>() {
            Ok(v) if v >= lo && v <= hi => Ok(v),
            _ => Err(format!("must be an integer {range}")),
        }
    }
}

/// A quantity with a unit, `1.5G` or `50 ms`: the number (digits and a point) and what
/// follows it, trimmed; `None` when there is no number.
pub fn number_and_unit(text: &str) -> Option<(f64, &str)> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    Some((number.parse().ok()?, unit.trim()))
}

/// Parses `50ms`, `2s`, `1.5s`, `250us`, `1m`, `2h`, `0`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let (value, unit) = number_and_unit(text)
        .ok_or_else(|| format!("'{text}' is not a duration (examples: 50ms, 2s)"))?;
    let seconds_per_unit = match unit {
        "ns" => 1e-9,
        "us" | "µs" => 1e-6,
        "ms" => 1e-3,
        "s" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        "" if value == 0.0 => 0.0,
        "" => return Err(format!("'{text}' needs a unit: ns, us, ms, s, m or h")),
        other => {
            return Err(format!(
                "unknown unit '{other}' in '{text}' (ns, us, ms, s, m, h)"
            ))
        }
    };
    Duration::try_from_secs_f64(value * seconds_per_unit)
        .map_err(|_| format!("'{text}' is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_flags_say_their_range_in_words() {
        let degree = int_in::<u32>(1, 4096);
        assert_eq!(degree("4096"), Ok(4096));
        assert_eq!(degree(" 7 "), Ok(7));
        for bad in ["0", "4097", "-1"] {
            assert_eq!(
                degree(bad),
                Err("must be an integer from 1 to 4096".into()),
                "{bad}"
            );
        }
        let count = int_in::<u64>(1, u64::MAX);
        assert_eq!(count("18446744073709551615"), Ok(u64::MAX));
        for bad in ["x", "18446744073709551616"] {
            assert_eq!(
                count(bad),
                Err("must be an integer of at least 1".into()),
                "{bad}"
            );
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("50ms"), Ok(Duration::from_millis(50)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("250us"), Ok(Duration::from_micros(250)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert!(parse_duration("5").is_err());
        assert!(parse_duration("ms").is_err());
        assert!(parse_duration("3 parsecs").is_err());
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("1e999s").is_err());
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
    }

    #[test]
    fn idle_timeout_is_capped_at_a_day() {
        assert_eq!(parse_idle_timeout("24h"), Ok(MAX_IDLE_TIMEOUT));
        assert!(parse_idle_timeout("86401s").is_err());
        assert!(parse_idle_timeout("10000000000000000000s").is_err());
    }

    #[test]
    fn field_forms() {
        for (text, q) in [
            ("4", 4),
            ("2^2", 4),
            ("2**2", 4),
            ("GF(4)", 4),
            ("gf(2^2)", 4),
            (" GF( 3 ^ 2 ) ", 9),
            ("2", 2),
            ("65521", 65521),
            ("2^16", 65536),
        ] {
            assert_eq!(parse_field(text), Ok(q), "{text}");
        }
        for text in [
            "", "2^", "^2", "GF(4", "GF4", "x", "-2", "2^99", "GF()", "2^^2", "2^2^2",
        ] {
            assert!(parse_field(text).is_err(), "{text}");
        }
        assert!(parse_field("GF(4").unwrap_err().contains("')'"));
        // Syntax only: GF(6) is refused when the field is built.
        assert_eq!(parse_field("GF(6)"), Ok(6));
    }

    #[test]
    fn command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
