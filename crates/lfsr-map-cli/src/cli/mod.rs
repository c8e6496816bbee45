//! The `lfsr-map` command line: parse, validate everything, run on the chosen pool, report.
//!
//! Exit codes: 0 success, 2 bad input or usage (clap's usage errors included), 1 anything
//! else. Messages go to stderr; a bug that panics is reported as an internal error (exit 1),
//! never with a backtrace. That holds for a panic on any thread (a pool's worker or reaper,
//! the progress bar): the panic hook records it, and a run during which anything panicked
//! exits 1 even if the main thread finished its work, since its results cannot be trusted.

mod args;
mod census;
mod find;
mod input;
mod interrupt;
mod memory;
mod output;
mod plot;
mod poly;
mod pools;
mod progress;
mod report;
mod report_csv;
pub(crate) mod report_json;
mod report_text;
mod sequence;
mod shard;
mod synth;

use std::cell::RefCell;
use std::fmt;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime};

use clap::Parser;
use gf_core::{Field, Poly};
use lfsr_map::algebra::AlgebraError;
use lfsr_map::analysis::{analyze, Analysis, AnalysisError, Method, Options};
use lfsr_map::batch::{analyze_batch_rendered, BatchError};
use lfsr_map::lfsr::{max_degree, Lfsr};

use args::{AnalyzeArgs, Cli, Command, Common, MethodArg};
use output::{write_error, Sink};
use pools::PoolConfig;
use report::{Header, Listing, Report, RunInfo};

/// Why a run failed; decides the exit code.
#[derive(Debug)]
pub enum CliError {
    /// The user's input or usage is wrong (exit 2).
    Input(String),
    /// Anything else (exit 1).
    Failure(String),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Input(_) => 2,
            CliError::Failure(_) => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(m) | CliError::Failure(m) => f.write_str(m),
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let _ = STARTED.set((SystemTime::now(), Instant::now()));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    install_panic_hook();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| execute(&cli)));
    pools::shutdown_global();
    exit_code(outcome)
}

/// When the run started (wall clock for the report, monotonic for its total time).
static STARTED: OnceLock<(SystemTime, Instant)> = OnceLock::new();

/// Set by the panic hook: something panicked, on whichever thread.
static PANICKED: AtomicBool = AtomicBool::new(false);

/// Reports any panic as an internal error and records it in [`PANICKED`].
fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        PANICKED.store(true, Ordering::SeqCst);
        eprintln!("lfsr-map: internal error (a bug, please report it): {info}");
    }));
}

/// The exit code of a run: its own outcome, but 1 whenever any thread panicked.
fn exit_code(outcome: std::thread::Result<Result<(), CliError>>) -> ExitCode {
    let code = match outcome {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            for line in e.to_string().lines() {
                eprintln!("lfsr-map: {line}");
            }
            e.exit_code()
        }
        Err(_) => 1,
    };
    if PANICKED.load(Ordering::SeqCst) {
        return ExitCode::from(1);
    }
    ExitCode::from(code)
}

fn execute(cli: &Cli) -> Result<(), CliError> {
    let pool = PoolConfig::from_args(&cli.common)?;
    match &cli.command {
        Command::Analyze(a) => run_analyze(a, &cli.common, &pool),
        Command::Census(a) => census::run(a, &cli.common, &pool),
        Command::Poly(a) => poly::run(a, &cli.common),
        Command::Find(a) => find::run(a, &cli.common),
        Command::Merge(a) => shard::run_merge(a, &cli.common),
        Command::Sequence(a) => sequence::run(a, &cli.common),
        Command::Synth(a) => synth::run(a, &cli.common),
    }
}

/// Input echoed in a message, cut to its first 40 characters (a value can be a megabyte).
pub fn shorten(text: &str) -> String {
    const SHOWN: usize = 40;
    let n = text.chars().count();
    if n <= SHOWN {
        return text.to_string();
    }
    let head: String = text.chars().take(SHOWN).collect();
    format!("{head}... ({n} characters)")
}

/// GF(q), or an input error naming `--field`.
fn field(q: u64) -> Result<Field, CliError> {
    Field::new(q).map_err(|e| CliError::Input(format!("invalid --field {q}: {e}")))
}

/// The report header for `field`: its order and its defining polynomial over GF(p); no RUN
/// block, the default listing and memory limit (see [`with_run`]).
fn header(field: &Field) -> Result<Header, CliError> {
    let base = Field::new(field.p()).map_err(|e| CliError::Failure(e.to_string()))?;
    let modulus =
        Poly::new(&base, field.modulus().to_vec()).map_err(|e| CliError::Failure(e.to_string()))?;
    Ok(Header {
        q: field.q(),
        p: field.p(),
        n: field.modulus().len().saturating_sub(1) as u32,
        modulus: modulus.to_string(),
        listing: Listing::Auto,
        memory_limit: memory::limit(None),
        run: None,
    })
}

/// `header` for a run on `input`: its listing, its memory limit, and the RUN block unless
/// `--no-run-info`.
fn with_run(mut header: Header, c: &Common, input: String, listing: Listing) -> Header {
    header.listing = listing;
    header.memory_limit = memory::limit(c.memory_limit);
    if !c.no_run_info {
        let (started, clock) = *STARTED.get_or_init(|| (SystemTime::now(), Instant::now()));
        header.run = Some(RunInfo {
            input,
            started,
            clock,
        });
    }
    header
}

/// The message for a degree above the library's [`max_degree`], or `None` if `degree` is
/// accepted (`poly` and the CSV check share the library's limit, so that no row passes the
/// validation and is refused later).
fn degree_error(degree: usize, q: u64) -> Option<String> {
    let limit = max_degree(q);
    (degree > limit).then(|| {
        format!(
            "degree {degree} is above the limit of {limit} for GF({q}) (factoring beyond it \
             can take minutes and gigabytes)"
        )
    })
}

fn method(m: MethodArg) -> Method {
    match m {
        MethodArg::Auto => Method::Auto,
        MethodArg::Enumerate => Method::Enumerate,
        MethodArg::Algebraic => Method::Algebraic,
    }
}

fn run_analyze(args: &AnalyzeArgs, c: &Common, pool: &PoolConfig) -> Result<(), CliError> {
    let field = field(args.field)?;
    let ((rows, digest), name) = match &args.file {
        Some(file) => (
            input::read_rows_digest(file, &field)?,
            input::display_name(file),
        ),
        None => (input::poly_rows(&args.poly, &field)?, "--poly".to_string()),
    };
    let method = method(args.method.unwrap_or(MethodArg::Auto));
    let opts = Options {
        method,
        // The algebraic method cannot list states: it implies --period-only.
        full: !args.period_only && method != Method::Algebraic,
        memory_limit: memory::limit(c.memory_limit),
    };
    let listing = match (method, args.period_only) {
        (Method::Algebraic, _) => Listing::Algebraic,
        (_, true) => Listing::PeriodOnly,
        (Method::Enumerate, false) => Listing::Enumerate,
        (Method::Auto, false) => Listing::Auto,
    };
    let mut lfsrs = Vec::with_capacity(rows.len());
    let mut lines = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for row in rows {
        if let Some(msg) = degree_error(row.coeffs.len(), field.q()) {
            errors.push(format!("{name}:{}:1: {msg}", row.line));
            continue;
        }
        match Lfsr::new(&field, row.coeffs) {
            Ok(l) => match check_fits(&l, &opts) {
                Ok(()) => lfsrs.push(l),
                Err(msg) => errors.push(format!("{name}:{}:1: {msg}", row.line)),
            },
            Err(e) => errors.push(format!("{name}:{}:1: {e}", row.line)),
        }
        lines.push(row.line);
    }
    if !errors.is_empty() {
        return Err(input::error_list(errors));
    }
    if let Some(p) = &args.plot {
        check_plot(p, args.shard.is_some())?;
    }
    let panels = RefCell::new(Vec::new());
    let mut sink = Sink::open(c.output.as_deref())?;
    let header = with_run(header(&field)?, c, name.clone(), listing);
    let (first, end) = match args.shard {
        None => (0, lfsrs.len() as u64),
        Some(shard) => {
            let costs: Vec<f64> = lfsrs.iter().map(|l| cost(l, &opts)).collect();
            shard.range_by_cost(&costs)
        }
    };
    let job = Job {
        first,
        count: end - first,
        lfsr_at: &|k| Ok(lfsrs[(first + k) as usize].clone()),
        label: &|k| format!("{name}:{}", lines[(first + k) as usize]),
        opts: &opts,
        panels: args.plot.as_ref().map(|_| &panels),
    };
    match args.shard {
        None => {
            run_job(&job, c, pool, &header, sink.writer(), None, Frame::Whole)?;
        }
        Some(shard) => {
            let mut options = serde_json::Map::new();
            options.insert("input_sha256".into(), digest.into());
            options.insert("rows".into(), (lfsrs.len() as u64).into());
            options.insert("method".into(), format!("{:?}", opts.method).into());
            options.insert("full".into(), opts.full.into());
            let id = shard::job("analyze", field.q(), c.format, options);
            let mut part = shard::PartWriter::begin(sink.writer(), &id, shard, first, end - first)
                .map_err(output::write_error)?;
            run_job(&job, c, pool, &header, &mut part, None, Frame::RowsOnly)?;
            part.end(None).map_err(output::write_error)?;
        }
    }
    sink.commit()?;
    if let Some(p) = &args.plot {
        let panels = panels.into_inner();
        let footer = if lfsrs.len() > panels.len() {
            format!(
                "The first {} of the {} LFSRs are drawn (--plot draws at most {}).",
                panels.len(),
                lfsrs.len(),
                plot::MAX_PANELS
            )
        } else {
            String::new()
        };
        write_plot(p, &plot::svg(&panels, &footer))?;
    }
    Ok(())
}

/// Refuses a `--plot` path that cannot be written (before any work), and `--plot` with
/// `--shard` (a part has no whole picture).
fn check_plot(path: &Path, sharded: bool) -> Result<(), CliError> {
    if sharded {
        return Err(CliError::Input(
            "--plot draws a whole job and does not apply to --shard (plot the job unsharded)"
                .into(),
        ));
    }
    let shown = path.display();
    if path.is_dir() {
        return Err(CliError::Input(format!(
            "cannot write the --plot {shown}: it is a directory"
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(CliError::Input(format!(
            "cannot write the --plot {shown}: directory {} does not exist",
            dir.display()
        )));
    }
    Ok(())
}

/// Writes a plot atomically, as the report is written.
fn write_plot(path: &Path, svg: &str) -> Result<(), CliError> {
    let mut sink = Sink::open(Some(path))?;
    sink.writer()
        .write_all(svg.as_bytes())
        .map_err(write_error)?;
    sink.commit()
}

/// The estimated cost of analyzing `lfsr` (to balance shards): its states when it is
/// enumerated, else the factoring's degree squared.
fn cost(lfsr: &Lfsr, opts: &Options) -> f64 {
    let d = lfsr.degree() as f64;
    let q = lfsr.field().q() as f64;
    let enumerates = opts.method == Method::Enumerate
        || (opts.full && lfsr.state_count() <= AUTO_LIST_LIMIT.into());
    if enumerates {
        q.powf(d)
    } else {
        d * d + 64.0
    }
}

/// The memory an enumeration of `lfsr` needs: the library's estimate, and with a full
/// listing the report of it too (rendered in memory before it is written: about one
/// coordinate list per state).
fn memory_needed(lfsr: &Lfsr, full: bool) -> num_bigint::BigUint {
    use lfsr_map::enumerate::{memory_needed, Mode};
    if !full {
        return memory_needed(lfsr, Mode::PeriodOnly);
    }
    let digits = (lfsr.field().q() - 1).to_string().len() as u64;
    let per_state = lfsr.degree() as u64 * (digits + 1) + 2;
    memory_needed(lfsr, Mode::Full) + lfsr.state_count() * per_state
}

/// Refuses up front an enumeration that cannot fit in memory.
fn check_fits(lfsr: &Lfsr, opts: &Options) -> Result<(), String> {
    let listing = opts.full
        && (opts.method == Method::Enumerate || lfsr.state_count() <= AUTO_LIST_LIMIT.into());
    if opts.method != Method::Enumerate && !listing {
        return Ok(());
    }
    let needed = memory_needed(lfsr, opts.full);
    if needed > opts.memory_limit.into() {
        let needed =
            u64::try_from(&needed).map_or_else(|_| format!("{needed} bytes"), memory::show);
        return Err(format!(
            "{} {} states needs about {needed}, more than the memory limit of {} (use \
             --memory-limit, or --method algebraic{})",
            if opts.full { "listing" } else { "enumerating" },
            lfsr.state_count(),
            memory::show(opts.memory_limit),
            if opts.full { " or --period-only" } else { "" }
        ));
    }
    Ok(())
}

/// Why `analyze --method enumerate` could not list the states of the LFSR of `a` within
/// `memory_limit`, or `None` when it could (so that the report may suggest it).
fn listing_refusal(a: &Analysis, memory_limit: u64) -> Option<String> {
    let opts = Options {
        method: Method::Enumerate,
        full: true,
        memory_limit,
    };
    let lfsr = Field::new(a.field)
        .ok()
        .and_then(|field| Lfsr::new(&field, a.coefficients.clone()).ok())?;
    check_fits(&lfsr, &opts).err()?;
    let needed = memory_needed(&lfsr, true);
    let needed = u64::try_from(&needed).map_or_else(|_| format!("{needed} bytes"), memory::show);
    Some(format!(
        "listing {} states would need about {needed}, more than the memory limit of {}",
        lfsr.state_count(),
        memory::show(memory_limit)
    ))
}

/// With `--method auto`, states are listed only up to this many (beyond, only counts).
const AUTO_LIST_LIMIT: u64 = 1 << 20;

/// The options for one LFSR: `auto` lists the states of small state spaces only.
fn options_for(lfsr: &Lfsr, requested: &Options) -> Options {
    let mut opts = requested.clone();
    if opts.method == Method::Auto && lfsr.state_count() > AUTO_LIST_LIMIT.into() {
        opts.full = false;
    }
    opts
}

/// A sequence of analyses on one pool: through the batch engine
/// ([`analyze_batch_rendered`]), side by side on the workers, rendered there too, and
/// reported in input order. Its analyses are numbers `first + 1 ..= first + count` of the
/// whole job (a shard is a range of it); `lfsr_at` and `label` take `0..count`.
struct Job<'a> {
    first: u64,
    count: u64,
    lfsr_at: &'a dyn Fn(u64) -> Result<Lfsr, CliError>,
    label: &'a dyn Fn(u64) -> String,
    opts: &'a Options,
    /// With `--plot`: where the panels of the first analyses go.
    panels: Option<&'a RefCell<Vec<plot::Panel>>>,
}

/// Whether [`run_job`] writes a whole report or only its rows (a shard's part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// The report's beginning, the rows, the end (with the checked census summary).
    Whole,
    /// Only the rows; the census tally of those rows is returned, unchecked.
    RowsOnly,
}

/// Runs `job` and writes its report (or, for [`Frame::RowsOnly`], its rows) to `w`; returns
/// the census summary (with [`Frame::RowsOnly`], the tally of these rows alone).
#[allow(clippy::too_many_arguments)]
fn run_job(
    job: &Job,
    c: &Common,
    pool: &PoolConfig,
    header: &Header,
    w: &mut dyn std::io::Write,
    mut census: Option<census::Check>,
    frame: Frame,
) -> Result<Option<lfsr_map::census::Summary>, CliError> {
    let mut summary = None;
    interrupt::install();
    let bar = progress::Bar::start(!c.quiet && !c.no_progress, job.count);
    let mut report = match frame {
        Frame::Whole => Report::begin(c.format, census.is_some(), header, w),
        Frame::RowsOnly => Ok(Report::rows_only(c.format, census.is_some(), header, w)),
    }
    .map_err(write_error)?;
    let renderer = report.renderer();
    let finish = |check: census::Check, pool: &dyn worker_pool::WorkerPool| match frame {
        Frame::Whole => check.finish(pool),
        Frame::RowsOnly => Ok(check.into_tally()),
    };
    let (outcome, stats) = pools::run(pool, |pool| -> Result<(), CliError> {
        let mut deliver = |k: u64, a: Analysis, bytes: io::Result<Vec<u8>>| {
            if let Some(check) = census.as_mut() {
                check.add(&a)?;
            }
            if let Some(panels) = job.panels {
                let mut panels = panels.borrow_mut();
                if panels.len() < plot::MAX_PANELS {
                    panels.push(plot::analysis_panel((job.first + k) as usize + 1, &a));
                }
            }
            let bytes = bytes.map_err(|e| match write_error(e) {
                CliError::Input(m) => CliError::Input(format!("{}: {m}", (job.label)(k))),
                e => e,
            })?;
            report.rendered(&bytes).map_err(write_error)
        };
        if job.count == 1 {
            // One LFSR: analyzed alone, its bar counts states.
            let lfsr = (job.lfsr_at)(0)?;
            let progress = bar.track();
            interrupt::watch(&progress)?;
            let a = analyze(&lfsr, &options_for(&lfsr, job.opts), pool, &progress)
                .map_err(|e| analysis_error(&(job.label)(0), e))?;
            let bytes = renderer.render(job.first as usize + 1, &a);
            deliver(0, a, bytes)?;
        } else {
            let progress = bar.track_lfsrs();
            interrupt::watch(&progress)?;
            // Each worker renders the report text of the analyses it made; this thread only
            // writes them in order (and counts census rows).
            let first = job.first;
            let render = |k: u64, a: &Analysis| renderer.render((first + k) as usize + 1, a);
            analyze_batch_rendered(
                job.count,
                job.lfsr_at,
                |_, lfsr| options_for(lfsr, job.opts),
                &render,
                pool,
                &progress,
                &mut deliver,
            )
            .map_err(|e| batch_error(job, e))?;
        }
        if let Some(check) = census.take() {
            summary = Some(finish(check, pool)?);
        }
        Ok(())
    })?;
    bar.finish();
    if c.stats {
        eprintln!("{stats}");
    }
    outcome?;
    if frame == Frame::Whole {
        report.end(summary.as_ref()).map_err(write_error)?;
    }
    Ok(summary)
}

/// The CLI error for a failed batch: the input's or the report's own error, or the analysis
/// error named by the LFSR's label.
fn batch_error(job: &Job, e: BatchError<CliError>) -> CliError {
    match e {
        BatchError::Source { error, .. } | BatchError::Consumer { error, .. } => error,
        BatchError::Analysis { index, error } => analysis_error(&(job.label)(index), error),
        BatchError::Cancelled if interrupt::happened() => interrupt::interrupted(),
        BatchError::Cancelled => CliError::Failure("cancelled".into()),
        BatchError::Pool(e) => CliError::Failure(format!("worker pool: {e}")),
    }
}

fn analysis_error(label: &str, e: AnalysisError) -> CliError {
    let msg = format!("{label}: {e}");
    match e {
        // Both are size limits the input ran into, not failures of the tool.
        AnalysisError::TooLarge { .. }
        | AnalysisError::Algebra(AlgebraError::TailsTooLarge { .. }) => CliError::Input(msg),
        AnalysisError::OutOfMemory { bytes } => CliError::Input(format!(
            "{label}: out of memory: the system refused {} (this process may use about {}; a \
             lower --memory-limit refuses such a run up front, --period-only or --method \
             algebraic need less)",
            memory::show(bytes),
            memory::show(memory::limit(None))
        )),
        AnalysisError::Cancelled if interrupt::happened() => interrupt::interrupted(),
        _ => CliError::Failure(msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_on_another_thread_fails_the_run() {
        assert_eq!(exit_code(Ok(Ok(()))), ExitCode::SUCCESS);
        install_panic_hook();
        let background = std::thread::spawn(|| panic!("a worker bug"));
        assert!(background.join().is_err());
        let _ = panic::take_hook();
        assert_eq!(exit_code(Ok(Ok(()))), ExitCode::from(1));
    }

    #[test]
    fn long_input_is_shortened_in_messages() {
        assert_eq!(shorten("x^4+x+1"), "x^4+x+1");
        let long = "1".repeat(1 << 20);
        let short = shorten(&long);
        assert_eq!(short, format!("{}... (1048576 characters)", "1".repeat(40)));
        let accents = shorten(&"é".repeat(41));
        assert_eq!(accents, format!("{}... (41 characters)", "é".repeat(40)));
    }

    #[test]
    fn size_limits_hit_by_the_input_are_input_errors() {
        // Unreachable through the binary since the degree limits (x^e0 needs e0 > ~2000),
        // but the mapping stays right if those limits move.
        let tails = AlgebraError::TailsTooLarge {
            x_multiplicity: 20_000,
            bits: 1 << 28,
        };
        let e = analysis_error("f.csv:3", AnalysisError::Algebra(tails));
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.to_string().starts_with("f.csv:3: "), "{e}");
        let e = analysis_error("f.csv:3", AnalysisError::Invariant("x".into()));
        assert_eq!(e.exit_code(), 1);
    }
}
