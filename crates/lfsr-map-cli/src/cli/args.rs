//! The command line, as clap derive types.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Analyze every LFSR of a CSV file (one coefficient vector c0,...,c_{d-1} per row).
    Analyze(AnalyzeArgs),
    /// Analyze every LFSR of one degree and summarize (primitive, irreducible, max periods,
    /// numbers of cycles, factorization patterns), or with `--summary` only count them.
    Census(CensusArgs),
    /// Factor a polynomial and give its orders, irreducibility and primitivity.
    Poly(PolyArgs),
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
    /// CSV file (`-`: standard input): one LFSR per row, integers in 0..q; `#` comments and
    /// blank lines skipped.
    pub file: PathBuf,
    /// The field order q (a prime or a prime power).
    #[arg(long, value_name = "Q")]
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
}

/// `lfsr-map census --degree D --field Q`.
#[derive(Debug, Args)]
pub struct CensusArgs {
    /// The degree d of every LFSR in the census (q^d at most 2^120).
    #[arg(long, value_name = "D", value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub degree: u32,
    /// The field order q (a prime or a prime power).
    #[arg(long, value_name = "Q")]
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
}

/// `lfsr-map poly "x^4+x+1" --field Q`.
#[derive(Debug, Args)]
pub struct PolyArgs {
    /// The polynomial, e.g. `x^4+x+1` or `x^2 + (a + 1)*x + a`.
    pub polynomial: String,
    /// The field order q (a prime or a prime power).
    #[arg(long, value_name = "Q")]
    pub field: u64,
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
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024), global = true)]
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

/// Parses `50ms`, `2s`, `1.5s`, `250us`, `1m`, `2h`, `0`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a duration (examples: 50ms, 2s)"))?;
    let seconds_per_unit = match unit.trim() {
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
    fn command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
