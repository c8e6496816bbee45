//! Shards (`--shard K/N`) and `lfsr-map merge`: one job cut into N deterministic parts that
//! run anywhere (a Slurm job array, Dask tasks, N terminals), then joined into exactly the
//! report the unsharded run writes.
//!
//! # The part file
//!
//! ```text
//! lfsr-map part 1
//! {"job":{...},"shard":{"k":3,"n":8},"rows":{"first":1024,"count":512}}
//! ...the part's rows, exactly as the whole report writes them (global numbering)...
//! (a newline that ends the rows section)
//! {"summary":"..."}            (the census tally of this part, Summary::encode, or null)
//! sha256 <hex of every byte above>
//! ```
//!
//! The `job` object names what was asked (command, field, degree or input digest, options,
//! format); every part of one job carries the same one. A part is written atomically like
//! any `-o` file, and its checksum catches a truncated or edited file at merge time.
//!
//! # How a job is cut
//!
//! * `census --summary`: the walk over factorization types is cut into sub-walks the same way
//!   everywhere and dealt to the parts by estimated cost ([`Census::summary_part`]).
//! * `census` with rows: rows `(k-1) size / N .. k size / N` (census rows cost about the same).
//! * `analyze FILE`: contiguous rows balanced by estimated cost (states for an enumeration,
//!   the degree squared for the algebra), so a file with a few large LFSRs still splits evenly.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use lfsr_map::census::{Census, Part, Summary, SummaryOptions};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::args::{Common, Format, MergeArgs};
use super::output::{write_error, Sink};
use super::report::Report;
use super::{field, header, CliError};

/// The first line of every part file.
const MAGIC: &str = "lfsr-map part 1";

/// `--shard K/N`: part `k` (1-based) of `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, `1..=n`.
    pub k: u32,
    /// How many parts.
    pub n: u32,
}

/// The most parts a job may be cut into.
pub const MAX_SHARDS: u32 = 1 << 20;

/// Parses `K/N` with `1 <= K <= N <= MAX_SHARDS`.
pub fn parse_shard(text: &str) -> Result<Shard, String> {
    let bad = || format!("'{text}' is not K/N with 1 <= K <= N (for example 3/8)");
    let (k, n) = text.split_once('/').ok_or_else(bad)?;
    let k: u32 = k.trim().parse().map_err(|_| bad())?;
    let n: u32 = n.trim().parse().map_err(|_| bad())?;
    if k == 0 || k > n || n > MAX_SHARDS {
        return Err(bad());
    }
    Ok(Shard { k, n })
}

impl Shard {
    /// The library's [`Part`].
    pub fn part(self) -> Result<Part, CliError> {
        Part::new(self.k, self.n).map_err(|e| CliError::Input(format!("--shard: {e}")))
    }

    /// Rows `lo..hi` of `count` rows of about equal cost.
    pub fn range(self, count: u64) -> (u64, u64) {
        let at = |k: u32| (u128::from(count) * u128::from(k) / u128::from(self.n)) as u64;
        (at(self.k - 1), at(self.k))
    }

    /// Rows `lo..hi` of rows with these costs: row `i` belongs to the part in which the
    /// middle of its cost falls (a part number that never decreases along the rows), so the
    /// parts are contiguous, cover every row once, and are about equally costly.
    pub fn range_by_cost(self, costs: &[f64]) -> (u64, u64) {
        let total: f64 = costs.iter().sum();
        let mut before = 0.0;
        let (mut lo, mut hi) = (0u64, 0u64);
        for &c in costs {
            let middle = before + c / 2.0;
            before += c;
            let part = if total > 0.0 {
                ((middle / total * f64::from(self.n)) as u32).min(self.n - 1) + 1
            } else {
                1
            };
            lo += u64::from(part < self.k);
            hi += u64::from(part <= self.k);
        }
        (lo, hi)
    }
}

/// A writer that hashes everything it passes on.
pub struct PartWriter<'w> {
    inner: &'w mut dyn Write,
    hash: Sha256,
}

impl<'w> PartWriter<'w> {
    /// Starts a part: the magic line and the header (job, shard, rows `first..first+count`).
    pub fn begin(
        inner: &'w mut dyn Write,
        job: &Value,
        shard: Shard,
        first: u64,
        count: u64,
    ) -> io::Result<Self> {
        let mut w = PartWriter {
            inner,
            hash: Sha256::new(),
        };
        let head = json!({
            "job": job,
            "shard": {"k": shard.k, "n": shard.n},
            "rows": {"first": first, "count": count},
        });
        writeln!(w, "{MAGIC}")?;
        writeln!(w, "{head}")?;
        Ok(w)
    }

    /// Ends the part: its census tally (if any) and the checksum.
    pub fn end(mut self, summary: Option<&Summary>) -> io::Result<()> {
        let trailer = json!({ "summary": summary.map(Summary::encode) });
        // The rows need not end a line (the JSON report's last row does not): one newline
        // ends the rows section, and the reader takes it off again.
        writeln!(self, "\n{trailer}")?;
        let digest = hex(&self.hash.finalize_reset());
        writeln!(self.inner, "sha256 {digest}")?;
        self.inner.flush()
    }
}

impl Write for PartWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `bytes`, in hex (the input digest of an `analyze` job).
pub fn digest(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The format's name in a job object.
pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "text",
        Format::Json => "json",
        Format::Csv => "csv",
    }
}

fn format_of(name: &str) -> Option<Format> {
    match name {
        "text" => Some(Format::Text),
        "json" => Some(Format::Json),
        "csv" => Some(Format::Csv),
        _ => None,
    }
}

/// One part file, read and verified.
struct PartFile {
    path: PathBuf,
    job: Value,
    shard: Shard,
    /// Where its rows are in the file.
    rows_at: u64,
    rows_len: u64,
    summary: Option<Summary>,
}

/// Reads `path` as a part: checks the magic line, the checksum over the whole file, and the
/// header and trailer.
fn read_part(path: &Path) -> Result<PartFile, CliError> {
    let shown = path.display();
    let not_part =
        |why: &str| CliError::Input(format!("{shown}: not an lfsr-map part file ({why})"));
    let unreadable = |e: io::Error| CliError::Input(format!("cannot read {shown}: {e}"));
    let file = File::open(path).map_err(unreadable)?;
    let mut r = BufReader::with_capacity(1 << 16, file);
    // Every line but the last (the checksum) is hashed: hashing lags one line behind.
    let mut hash = Sha256::new();
    let mut head: Vec<Vec<u8>> = Vec::new(); // the first two lines
    let mut previous: Option<(u64, Vec<u8>)> = None; // the last hashed line, with its offset
    let mut pending: Option<(u64, Vec<u8>)> = None;
    let mut offset = 0u64;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        if head.len() < 2 {
            head.push(line.clone());
        }
        if let Some((at, p)) = pending.replace((offset, line)) {
            hash.update(&p);
            previous = Some((at, p));
        }
        offset += n as u64;
    }
    if head.first().map(|l| l.trim_ascii_end()) != Some(MAGIC.as_bytes()) {
        return Err(not_part("no 'lfsr-map part 1' line"));
    }
    let (_, checksum) = pending.ok_or_else(|| not_part("empty"))?;
    let checksum = String::from_utf8_lossy(&checksum);
    let want = checksum.trim_end().strip_prefix("sha256 ").ok_or_else(|| {
        CliError::Input(format!(
            "{shown}: truncated or edited: no checksum line at its end"
        ))
    })?;
    if hex(&hash.finalize()) != want {
        return Err(CliError::Input(format!(
            "{shown}: truncated or edited: the checksum does not match its content"
        )));
    }
    let header: Value = head
        .get(1)
        .and_then(|l| serde_json::from_slice(l).ok())
        .ok_or_else(|| not_part("unreadable header"))?;
    let shard = (|| {
        let k = u32::try_from(header["shard"]["k"].as_u64()?).ok()?;
        let n = u32::try_from(header["shard"]["n"].as_u64()?).ok()?;
        (k >= 1 && k <= n).then_some(Shard { k, n })
    })()
    .ok_or_else(|| not_part("no shard K/N"))?;
    let rows_at = head.iter().map(|l| l.len() as u64).sum::<u64>();
    let (trailer_at, trailer) = previous.ok_or_else(|| not_part("no summary line"))?;
    if trailer_at <= rows_at {
        return Err(not_part("no summary line"));
    }
    let trailer: Value =
        serde_json::from_slice(&trailer).map_err(|_| not_part("unreadable summary line"))?;
    let summary = match &trailer["summary"] {
        Value::Null => None,
        Value::String(text) => {
            Some(Summary::decode(text).map_err(|e| not_part(&format!("unreadable summary: {e}")))?)
        }
        _ => return Err(not_part("unreadable summary")),
    };
    Ok(PartFile {
        path: path.to_path_buf(),
        job: header["job"].clone(),
        shard,
        rows_at,
        // without the newline that ends the rows section
        rows_len: trailer_at - 1 - rows_at,
        summary,
    })
}

/// `lfsr-map merge PART...`: checks that the parts are exactly the parts of one job, then
/// writes the report the unsharded run writes.
pub fn run_merge(args: &MergeArgs, c: &Common) -> Result<(), CliError> {
    let parts = args
        .parts
        .iter()
        .map(|p| read_part(p))
        .collect::<Result<Vec<_>, _>>()?;
    let first = parts
        .first()
        .ok_or_else(|| CliError::Input("merge needs at least one part file".into()))?;
    for p in &parts[1..] {
        if p.job != first.job || p.shard.n != first.shard.n {
            return Err(CliError::Input(format!(
                "{} and {} are parts of different jobs ({} of {} and {} of {}): {} vs {}",
                first.path.display(),
                p.path.display(),
                first.shard.k,
                first.shard.n,
                p.shard.k,
                p.shard.n,
                first.job,
                p.job
            )));
        }
    }
    let n = first.shard.n;
    let mut by_k: Vec<Option<&PartFile>> = vec![None; n as usize];
    for p in &parts {
        let slot = &mut by_k[p.shard.k as usize - 1];
        if let Some(other) = slot {
            return Err(CliError::Input(format!(
                "part {}/{n} given twice: {} and {}",
                p.shard.k,
                other.path.display(),
                p.path.display()
            )));
        }
        *slot = Some(p);
    }
    let missing: Vec<String> = (1..=n)
        .filter(|k| by_k[*k as usize - 1].is_none())
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(CliError::Input(format!(
            "parts missing: {} of {n} (rerun them with --shard K/{n}, then merge again)",
            missing.join(", ")
        )));
    }
    let job = &first.job;
    let bad_job = || {
        CliError::Input(format!(
            "{}: the job is unreadable: {job}",
            first.path.display()
        ))
    };
    let format = job["format"]
        .as_str()
        .and_then(format_of)
        .ok_or_else(bad_job)?;
    let field = field(job["field"].as_u64().ok_or_else(bad_job)?)?;
    let input = format!("{n} part files merged");
    let header = super::with_run(header(&field)?, c, input, super::report::Listing::Auto);
    let command = job["command"].as_str().ok_or_else(bad_job)?;
    let ordered: Vec<&PartFile> = by_k.into_iter().flatten().collect();
    let summary = match command {
        "census" => Some(merged_summary(job, &field, &ordered, bad_job)?),
        "analyze" => None,
        _ => return Err(bad_job()),
    };
    let summary_only = job["summary_only"].as_bool() == Some(true);
    let mut sink = Sink::open(c.output.as_deref())?;
    let mut report = if summary_only {
        Report::begin_summary(format, &header, sink.writer())
    } else {
        Report::begin(format, summary.is_some(), &header, sink.writer())
    }
    .map_err(write_error)?;
    for p in &ordered {
        let mut file = File::open(&p.path)
            .map_err(|e| CliError::Input(format!("cannot read {}: {e}", p.path.display())))?;
        file.seek(SeekFrom::Start(p.rows_at)).map_err(write_error)?;
        let copied =
            io::copy(&mut file.take(p.rows_len), report.rows_writer()).map_err(write_error)?;
        if copied != p.rows_len {
            return Err(CliError::Input(format!(
                "{}: changed while being merged",
                p.path.display()
            )));
        }
    }
    report.end(summary.as_ref()).map_err(write_error)?;
    sink.commit()
}

/// The census summary of the merged parts, checked: the count over factorization types is
/// recomputed for rows (whose tallies must add up to it), and parts of a summary must add up
/// to the census.
fn merged_summary(
    job: &Value,
    field: &gf_core::Field,
    parts: &[&PartFile],
    bad_job: impl Fn() -> CliError,
) -> Result<Summary, CliError> {
    let degree = job["degree"]
        .as_u64()
        .and_then(|d| u32::try_from(d).ok())
        .ok_or_else(&bad_job)?;
    let all = job["include_singular"].as_bool().ok_or_else(&bad_job)?;
    let census = Census::new(field, degree, all).map_err(|e| CliError::Input(e.to_string()))?;
    let tallies = parts
        .iter()
        .map(|p| {
            p.summary.clone().ok_or_else(|| {
                CliError::Input(format!(
                    "{}: a census part without its tally",
                    p.path.display()
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let wrong = |e: lfsr_map::census::CensusError| {
        CliError::Input(format!("the parts do not add up to the census: {e}"))
    };
    if job["summary_only"].as_bool() == Some(true) {
        return census.merge(tallies).map_err(wrong);
    }
    let mut merged = Summary::new(
        field.q(),
        degree,
        all,
        job["cycle_structures"].as_bool() == Some(true),
    );
    for t in tallies {
        merged.merge(t);
    }
    let opts = SummaryOptions {
        cycle_structures: job["cycle_structures"].as_bool() == Some(true),
    };
    let expected = census
        .summary(
            &opts,
            &worker_pool::Sequential::new(),
            &lfsr_map::progress::Progress::new(),
        )
        .map_err(wrong)?;
    if merged != expected {
        return Err(CliError::Input(
            "the parts' rows do not add up to the census (a part edited or from another run)"
                .into(),
        ));
    }
    Ok(merged)
}

/// A job object: the command and everything that decides its output.
pub fn job(command: &str, field: u64, format: Format, options: Map<String, Value>) -> Value {
    let mut m = Map::new();
    m.insert("command".into(), json!(command));
    m.insert("field".into(), json!(field));
    m.insert("format".into(), json!(format_name(format)));
    m.extend(options);
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse() {
        assert_eq!(parse_shard("3/8"), Ok(Shard { k: 3, n: 8 }));
        assert_eq!(parse_shard("1/1"), Ok(Shard { k: 1, n: 1 }));
        for bad in ["0/8", "9/8", "3", "a/b", "3/0", "-1/2", ""] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ranges_cover_every_row_once() {
        for n in [1, 2, 3, 8, 64] {
            let mut next = 0;
            for k in 1..=n {
                let (lo, hi) = Shard { k, n }.range(1000);
                assert_eq!(lo, next);
                next = hi;
            }
            assert_eq!(next, 1000);
            let costs: Vec<f64> = (0..100)
                .map(|i| if i % 10 == 0 { 1000.0 } else { 1.0 })
                .collect();
            let mut next = 0;
            for k in 1..=n {
                let (lo, hi) = Shard { k, n }.range_by_cost(&costs);
                assert_eq!(lo, next, "n {n} k {k}");
                next = hi;
            }
            assert_eq!(next, 100, "n {n}");
        }
    }

    #[test]
    fn a_summary_survives_its_part_form() {
        let census = Census::new(&gf_core::Field::new(3).unwrap(), 4, true).unwrap();
        let opts = SummaryOptions {
            cycle_structures: true,
        };
        let s = census
            .summary(
                &opts,
                &worker_pool::Sequential::new(),
                &lfsr_map::progress::Progress::new(),
            )
            .unwrap();
        assert_eq!(Summary::decode(&s.encode()), Ok(s));
    }
}
