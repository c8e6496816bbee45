//! `lfsr-map census`: every LFSR of one degree, as rows with a summary, or (`--summary`)
//! the summary alone, counted over factorization types by [`lfsr_map::census`].
//!
//! With rows, every LFSR is analyzed alone (as `analyze` would) and streamed in the census
//! order; the summary the rows add up to must then equal the one counted over factorization
//! types, or the run fails instead of printing either.

use std::io::{self, Write};

use lfsr_map::analysis::{Analysis, Options};
use lfsr_map::census::{Census, CensusError, Summary, SummaryOptions};
use lfsr_map::lfsr::Lfsr;
use serde::Serialize;
use worker_pool::WorkerPool;

use super::args::PlotOf;
use super::args::{CensusArgs, Common, MethodArg};
use super::output::{write_error, Sink};
use super::pools::{self, PoolConfig};
use super::report::Listing;
use super::report::Report;
use super::shard::{self, PartWriter, Shard};
use super::{
    check_fits, check_plot, field, header, interrupt, memory, method, plot, progress, run_job,
    with_run, write_plot, CliError, Frame, Job,
};

/// Writes the census `--plot`, if asked for.
fn plot(args: &CensusArgs, q: u64, s: &Summary) -> Result<(), CliError> {
    let Some(path) = &args.plot else {
        return Ok(());
    };
    let which = if s.include_singular { "all" } else { "c0 != 0" };
    let subtitle = format!(
        "{} ({which}), {} primitive, {} irreducible",
        super::report_text::count(s.lfsrs, "LFSR", "LFSRs"),
        s.primitive,
        s.irreducible
    );
    let panel = match args.plot_of {
        PlotOf::MaxPeriod => plot::census_panel(
            format!(
                "Max periods of the LFSRs of degree {} over GF({q})",
                s.degree
            ),
            subtitle,
            "max period (the longest cycle length, clock steps)",
            "max period",
            &s.max_periods,
        ),
        PlotOf::CycleCount => plot::census_panel(
            format!(
                "Numbers of cycles of the LFSRs of degree {} over GF({q})",
                s.degree
            ),
            subtitle,
            "number of cycles (the zero state's cycle included)",
            "cycles",
            &s.cycle_counts,
        ),
    };
    write_plot(path, &plot::svg(&[panel], ""))
}

/// What the RUN block names as the input of a census.
fn input(args: &CensusArgs, q: u64) -> String {
    let which = if args.include_singular {
        "all LFSRs"
    } else {
        "the LFSRs with c0 != 0"
    };
    let how = if args.summary { ", --summary" } else { "" };
    format!(
        "census of {which} of degree {} over GF({q}){how}",
        args.degree
    )
}

/// The most rows a census without `--summary` writes (2^32): beyond, only the summary.
pub const MAX_ROWS: u128 = 1 << 32;

/// Runs `lfsr-map census`.
pub fn run(args: &CensusArgs, c: &Common, pool: &PoolConfig) -> Result<(), CliError> {
    let field = field(args.field)?;
    let (q, d, all) = (field.q(), args.degree, args.include_singular);
    let census = Census::new(&field, d, all).map_err(|e| CliError::Input(e.to_string()))?;
    let opts = SummaryOptions {
        cycle_structures: args.cycle_structures,
    };
    if args.summary {
        if args.method.is_some_and(|m| m != MethodArg::Auto) {
            return Err(CliError::Input(
                "--summary counts over factorization types and analyzes no LFSR alone: \
                 --method does not apply (leave it out, or drop --summary for rows)"
                    .into(),
            ));
        }
        return summary_only(&census, &opts, args, c, pool);
    }
    let count = u64::try_from(census.size())
        .ok()
        .filter(|&n| u128::from(n) <= MAX_ROWS)
        .ok_or_else(|| {
            CliError::Input(format!(
                "a census of degree {d} over GF({q}) has {} LFSRs, too many rows to write \
                 (at most {MAX_ROWS}); use --summary for the summary alone",
                census.size()
            ))
        })?;
    let analysis_opts = Options {
        method: method(args.method.unwrap_or(MethodArg::Auto)),
        full: false,
        memory_limit: memory::limit(c.memory_limit),
    };
    let make = |k: u64| {
        let coeffs = census.coefficients(u128::from(k)).ok_or_else(|| {
            CliError::Failure(format!("census row {k} is beyond the census size"))
        })?;
        Lfsr::new(&field, coeffs).map_err(|e| CliError::Input(format!("census of degree {d}: {e}")))
    };
    check_fits(&make(0)?, &analysis_opts).map_err(CliError::Input)?;
    if let Some(p) = &args.plot {
        check_plot(p, args.shard.is_some())?;
    }
    let mut sink = Sink::open(c.output.as_deref())?;
    let header = with_run(header(&field)?, c, input(args, q), Listing::PeriodOnly);
    let (first, end) = args.shard.map_or((0, count), |s| s.range(count));
    let at = |k: u64| make(first + k);
    let job = Job {
        first,
        count: end - first,
        lfsr_at: &at,
        label: &|k| {
            let coeffs = census
                .coefficients(u128::from(first + k))
                .unwrap_or_default();
            format!("census LFSR {coeffs:?}")
        },
        opts: &analysis_opts,
        panels: None,
    };
    let check = Check {
        tally: Summary::new(q, d, all, opts.cycle_structures),
        census: &census,
        opts: opts.clone(),
    };
    match args.shard {
        None => {
            let summary = run_job(
                &job,
                c,
                pool,
                &header,
                sink.writer(),
                Some(check),
                Frame::Whole,
            )?;
            sink.commit()?;
            return match summary {
                Some(s) => plot(args, q, &s),
                None => Ok(()),
            };
        }
        Some(shard) => {
            let id = job_id(args, q, c, false);
            let mut part = PartWriter::begin(sink.writer(), &id, shard, first, end - first)
                .map_err(write_error)?;
            let tally = run_job(
                &job,
                c,
                pool,
                &header,
                &mut part,
                Some(check),
                Frame::RowsOnly,
            )?;
            part.end(tally.as_ref()).map_err(write_error)?;
        }
    }
    sink.commit()
}

/// What names a census job in its part files.
fn job_id(args: &CensusArgs, q: u64, c: &Common, summary_only: bool) -> serde_json::Value {
    let mut options = serde_json::Map::new();
    options.insert("degree".into(), args.degree.into());
    options.insert("include_singular".into(), args.include_singular.into());
    options.insert("summary_only".into(), summary_only.into());
    options.insert("cycle_structures".into(), args.cycle_structures.into());
    let method = args.method.map(|m| format!("{m:?}"));
    options.insert("method".into(), method.into());
    shard::job("census", q, c.format, options)
}

/// `census --summary`: the summary alone, for a census of any size.
fn summary_only(
    census: &Census,
    opts: &SummaryOptions,
    args: &CensusArgs,
    c: &Common,
    pool: &PoolConfig,
) -> Result<(), CliError> {
    if let Some(p) = &args.plot {
        check_plot(p, args.shard.is_some())?;
    }
    let mut sink = Sink::open(c.output.as_deref())?;
    let q = census.field().q();
    let header = with_run(
        header(census.field())?,
        c,
        input(args, q),
        Listing::PeriodOnly,
    );
    interrupt::install();
    let bar = progress::Bar::start_summary(!c.quiet && !c.no_progress);
    let progress = bar.track();
    interrupt::watch(&progress)?;
    let part = args.shard.map(Shard::part).transpose()?;
    let (outcome, stats) = pools::run(pool, |pool| match part {
        None => census.summary(opts, pool, &progress),
        Some(part) => census.summary_part(opts, part, pool, &progress),
    })?;
    bar.finish();
    if c.stats {
        eprintln!("{stats}");
    }
    let summary = outcome.map_err(census_error)?;
    if let Some(shard) = args.shard {
        let id = job_id(args, census.field().q(), c, true);
        let part = PartWriter::begin(sink.writer(), &id, shard, 0, 0).map_err(write_error)?;
        part.end(Some(&summary)).map_err(write_error)?;
        return sink.commit();
    }
    let report = Report::begin_summary(c.format, &header, sink.writer()).map_err(write_error)?;
    report.end(Some(&summary)).map_err(write_error)?;
    sink.commit()?;
    plot(args, census.field().q(), &summary)
}

fn census_error(e: CensusError) -> CliError {
    match e {
        CensusError::Cancelled if interrupt::happened() => interrupt::interrupted(),
        CensusError::TooLarge { .. } | CensusError::ZeroDegree => CliError::Input(e.to_string()),
        e => CliError::Failure(format!("census: {e}")),
    }
}

/// The summary the rows add up to, checked at the end against the one counted over
/// factorization types.
pub struct Check<'a> {
    tally: Summary,
    census: &'a Census,
    opts: SummaryOptions,
}

impl Check<'_> {
    /// Counts one row.
    pub fn add(&mut self, a: &Analysis) -> Result<(), CliError> {
        self.tally
            .add(a)
            .map_err(|e| CliError::Failure(format!("census: {e}")))
    }

    /// The tally of the rows counted, unchecked (a shard's part of the rows).
    pub fn into_tally(self) -> Summary {
        self.tally
    }

    /// Once every row has been counted: the summary, if the count over factorization types
    /// (on the same pool) agrees with it.
    pub fn finish(self, pool: &dyn WorkerPool) -> Result<Summary, CliError> {
        let progress = lfsr_map::progress::Progress::new();
        interrupt::watch(&progress)?;
        let expected = self
            .census
            .summary(&self.opts, pool, &progress)
            .map_err(census_error)?;
        if self.tally != expected {
            return Err(CliError::Failure(format!(
                "internal invariant broken: the census rows add up to {} LFSRs, {} primitive, \
                 {} irreducible, with {} max periods, but the count over factorization types \
                 gives {}, {}, {}, {}: no report written",
                self.tally.lfsrs,
                self.tally.primitive,
                self.tally.irreducible,
                self.tally.max_periods.len(),
                expected.lfsrs,
                expected.primitive,
                expected.irreducible,
                expected.max_periods.len()
            )));
        }
        Ok(self.tally)
    }
}

/// The JSON `census` object (docs/json-schema.md).
#[derive(Serialize)]
pub struct SummaryJson {
    degree: u32,
    include_singular: bool,
    lfsrs: u128,
    primitive: u128,
    irreducible: u128,
    singular: u128,
    max_periods: Vec<MaxPeriodCount>,
    cycle_counts: Vec<CyclesCount>,
    factor_patterns: Vec<PatternCount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cycle_structures: Option<Vec<StructureCount>>,
}

#[derive(Serialize)]
struct MaxPeriodCount {
    max_period: u128,
    count: u128,
}

#[derive(Serialize)]
struct CyclesCount {
    cycles: u128,
    count: u128,
}

#[derive(Serialize)]
struct PatternCount {
    pattern: String,
    factors: Vec<FactorShape>,
    count: u128,
}

#[derive(Serialize)]
struct FactorShape {
    degree: u32,
    multiplicity: u32,
}

#[derive(Serialize)]
struct StructureCount {
    cycles: Vec<PeriodCount>,
    count: u128,
}

#[derive(Serialize)]
struct PeriodCount {
    period: u128,
    count: u128,
}

impl SummaryJson {
    /// The JSON form of `s`.
    pub fn new(s: &Summary) -> Self {
        SummaryJson {
            degree: s.degree,
            include_singular: s.include_singular,
            lfsrs: s.lfsrs,
            primitive: s.primitive,
            irreducible: s.irreducible,
            singular: s.singular,
            max_periods: s
                .max_periods
                .iter()
                .map(|(&max_period, &count)| MaxPeriodCount { max_period, count })
                .collect(),
            cycle_counts: s
                .cycle_counts
                .iter()
                .map(|(&cycles, &count)| CyclesCount { cycles, count })
                .collect(),
            factor_patterns: s
                .factor_patterns
                .iter()
                .map(|(pattern, &count)| PatternCount {
                    pattern: pattern.to_string(),
                    factors: pattern
                        .0
                        .iter()
                        .map(|&(degree, multiplicity)| FactorShape {
                            degree,
                            multiplicity,
                        })
                        .collect(),
                    count,
                })
                .collect(),
            cycle_structures: s.cycle_structures.as_ref().map(|tally| {
                tally
                    .iter()
                    .map(|(cycles, &count)| StructureCount {
                        cycles: cycles
                            .iter()
                            .map(|&(period, count)| PeriodCount { period, count })
                            .collect(),
                        count,
                    })
                    .collect()
            }),
        }
    }
}

/// A cycle structure as `count`x`period` items, the way one says "2 cycles of length 3":
/// `2x1 1x2 2x3 1x6`.
fn structure_text(cycles: &[(u128, u128)]) -> String {
    let items: Vec<String> = cycles.iter().map(|(p, c)| format!("{c}x{p}")).collect();
    items.join(" ")
}

/// The CSV form, after the rows of the analyses: comment lines holding a one-row CSV table
/// (strip the leading `# ` to read it). Tallies are `value:count` pairs separated by spaces;
/// a factor pattern writes its factors joined by `*` (`1^2*2`), a cycle structure its
/// `count`x`period` items joined by `+` (`2x1+1x2`).
///
/// ```text
/// # census summary
/// # degree,include_singular,lfsrs,primitive,irreducible,singular,max_periods,cycle_counts,factor_patterns
/// # 3,false,4,2,2,0,3:1 4:1 7:2,2:2 4:2,1*2:1 1^3:1 3:2
/// ```
pub fn write_csv(s: &Summary, w: &mut dyn Write) -> io::Result<()> {
    let pairs = |items: Vec<(String, u128)>| -> String {
        let v: Vec<String> = items.into_iter().map(|(k, c)| format!("{k}:{c}")).collect();
        v.join(" ")
    };
    let max_periods = pairs(
        s.max_periods
            .iter()
            .map(|(p, &c)| (p.to_string(), c))
            .collect(),
    );
    let cycle_counts = pairs(
        s.cycle_counts
            .iter()
            .map(|(n, &c)| (n.to_string(), c))
            .collect(),
    );
    let patterns = pairs(
        s.factor_patterns
            .iter()
            .map(|(p, &c)| (p.to_string().replace(' ', "*"), c))
            .collect(),
    );
    writeln!(w, "# census summary")?;
    let mut header = String::from(
        "degree,include_singular,lfsrs,primitive,irreducible,singular,max_periods,cycle_counts,\
         factor_patterns",
    );
    let mut row = format!(
        "{},{},{},{},{},{},{max_periods},{cycle_counts},{patterns}",
        s.degree, s.include_singular, s.lfsrs, s.primitive, s.irreducible, s.singular
    );
    if let Some(tally) = &s.cycle_structures {
        header.push_str(",cycle_structures");
        let structures = pairs(
            tally
                .iter()
                .map(|(k, &c)| (structure_text(k).replace(' ', "+"), c))
                .collect(),
        );
        row.push(',');
        row.push_str(&structures);
    }
    writeln!(w, "# {header}")?;
    writeln!(w, "# {row}")
}

/// The text form.
pub fn write_text(s: &Summary, w: &mut dyn Write) -> io::Result<()> {
    let which = if s.include_singular { "all" } else { "c0 != 0" };
    writeln!(
        w,
        "\nCENSUS SUMMARY: degree {}, {} ({which})",
        s.degree,
        super::report_text::count(s.lfsrs, "LFSR", "LFSRs")
    )?;
    writeln!(w, "  primitive:   {}", s.primitive)?;
    writeln!(w, "  irreducible: {}", s.irreducible)?;
    writeln!(w, "  singular:    {}", s.singular)?;
    let table = |w: &mut dyn Write, title: &str, head: [&str; 2], rows: Vec<[String; 2]>| {
        writeln!(w, "\n{title}")?;
        super::report_text::table(w, head, &rows, [12, 8])
    };
    let rows = |m: Vec<(String, u128)>| m.into_iter().map(|(k, c)| [k, c.to_string()]).collect();
    table(
        w,
        "MAX PERIOD DISTRIBUTION",
        ["max period", "LFSRs"],
        rows(
            s.max_periods
                .iter()
                .map(|(p, &c)| (p.to_string(), c))
                .collect(),
        ),
    )?;
    table(
        w,
        "NUMBER OF CYCLES",
        ["cycles", "LFSRs"],
        rows(
            s.cycle_counts
                .iter()
                .map(|(n, &c)| (n.to_string(), c))
                .collect(),
        ),
    )?;
    table(
        w,
        "FACTORIZATION PATTERNS (degree^multiplicity of each irreducible factor)",
        ["pattern", "LFSRs"],
        rows(
            s.factor_patterns
                .iter()
                .map(|(p, &c)| (p.to_string(), c))
                .collect(),
        ),
    )?;
    if let Some(tally) = &s.cycle_structures {
        table(
            w,
            "CYCLE STRUCTURES (cycles x period)",
            ["structure", "LFSRs"],
            rows(tally.iter().map(|(k, &c)| (structure_text(k), c)).collect()),
        )?;
    }
    Ok(())
}
