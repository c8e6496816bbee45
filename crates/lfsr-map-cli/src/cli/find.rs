//! `lfsr-map find`: primitive or irreducible polynomials of a degree ([`gf_core::find`]),
//! written one per line as they are found (text), as LFSR rows (CSV, for `analyze`), or as a
//! JSON document with one polynomial per line.
//!
//! A request that a theorem answers (an even weight over GF(2), trinomials of a degree
//! divisible by 8 over GF(2) by Swan's theorem) is an input error naming `--weight`, with the
//! reason. A search that ends with fewer polynomials than asked (there are no more) says so on
//! stderr and exits 0. Progress (candidates tested, found) goes to stderr once a search has run
//! for a second, when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use gf_core::find::{FindError, Property, Search};
use gf_core::{Field, Poly};
use lfsr_map::lfsr::max_degree;

use super::args::{Common, FindArgs, Format};
use super::output::{write_error, Sink};
use super::report_json::json;
use super::{field, header, interrupt, CliError};

/// Runs `lfsr-map find`.
pub fn run(args: &FindArgs, c: &Common) -> Result<(), CliError> {
    let field = field(args.field)?;
    let q = field.q();
    let d = args.degree as usize;
    let limit = max_degree(q);
    if d > limit {
        return Err(CliError::Input(format!(
            "--degree {d} is above the limit of {limit} for GF({q})"
        )));
    }
    let property = if args.primitive {
        Property::Primitive
    } else {
        Property::Irreducible
    };
    let search = make_search(&field, d, property, args.weight)?;
    let mode = if args.random {
        Mode::Random {
            seed: args.seed.unwrap_or_default(),
            count: args.count.unwrap_or(1),
        }
    } else if args.all {
        Mode::All
    } else {
        Mode::First(args.first.unwrap_or(1))
    };
    let mut sink = Sink::open(c.output.as_deref())?;
    interrupt::install();
    let header = header(&field)?;
    let mut out = Writer::begin(sink.writer(), c.format, &header, &search, &mode)?;
    let mut status = Status::new(!c.quiet && !c.no_progress);
    let wanted = match mode {
        Mode::First(n) => Some(n),
        Mode::All => None,
        Mode::Random { count, .. } => Some(count),
    };
    let mut found = 0u64;
    let mut stream = match mode {
        Mode::Random { seed, .. } => Stream::Random(search.random(seed)),
        _ => Stream::Ascending(search.ascending()),
    };
    while wanted.is_none_or(|n| found < n) {
        if interrupt::happened() {
            status.clear();
            return Err(interrupt::interrupted());
        }
        let step = match &mut stream {
            Stream::Ascending(a) => a.step(),
            Stream::Random(r) => r.step(),
        };
        let Some(step) = step else { break };
        if let Some(f) = step.map_err(|e| search_error(&search, e))? {
            found += 1;
            out.poly(&f).map_err(write_error)?;
        }
        let tested = match &stream {
            Stream::Ascending(a) => a.tested(),
            Stream::Random(r) => r.tested(),
        };
        status.update(tested, found);
    }
    status.clear();
    out.end().map_err(write_error)?;
    sink.commit()?;
    if let Some(n) = wanted.filter(|&n| found < n) {
        let what = describe(&search);
        eprintln!(
            "lfsr-map: there are only {found} {what} (all candidates tested; {n} were asked for)"
        );
    }
    Ok(())
}

/// The search under way.
enum Stream {
    Ascending(gf_core::find::Ascending),
    Random(gf_core::find::Random),
}

/// How many, in which order.
enum Mode {
    First(u64),
    All,
    Random { seed: u64, count: u64 },
}

fn make_search(
    field: &Field,
    d: usize,
    property: Property,
    weight: Option<u32>,
) -> Result<Search, CliError> {
    let mut search = Search::new(field, d, property)
        .map_err(|e| CliError::Input(format!("--degree {d}: {e}")))?;
    if let Some(w) = weight {
        search = search
            .weight(w as usize)
            .map_err(|e| CliError::Input(format!("--weight {w}: {e}")))?;
    }
    search.ready().map_err(|e| {
        CliError::Failure(format!(
            "{e} (the factorization of q^d - 1 is needed; --irreducible needs none)"
        ))
    })?;
    Ok(search)
}

/// "primitive trinomials of degree 5 over GF(2)" and the like.
fn describe(s: &Search) -> String {
    let terms = match s.weight_fixed() {
        None => "polynomials".to_string(),
        Some(3) => "trinomials".to_string(),
        Some(5) => "pentanomials".to_string(),
        Some(w) => format!("polynomials of {w} terms"),
    };
    format!(
        "{} {terms} of degree {} over GF({})",
        s.property(),
        s.degree(),
        s.field().q()
    )
}

fn search_error(s: &Search, e: FindError) -> CliError {
    match e {
        FindError::GaveUp { .. } => CliError::Input(format!("--random: {e} ({})", describe(s))),
        e => CliError::Failure(e.to_string()),
    }
}

/// The `find` object of the JSON document: what was asked.
#[derive(serde::Serialize)]
struct Query {
    degree: usize,
    property: String,
    weight: Option<usize>,
    order: &'static str,
    seed: Option<u64>,
}

/// One polynomial of the JSON document's `polynomials` list.
#[derive(serde::Serialize)]
struct Found {
    polynomial: String,
    coefficients: Vec<u64>,
    weight: usize,
}

/// Writes the polynomials in the chosen format.
struct Writer<'w> {
    w: &'w mut dyn Write,
    format: Format,
    first: bool,
    last_flush: Instant,
}

impl<'w> Writer<'w> {
    fn begin(
        w: &'w mut dyn Write,
        format: Format,
        h: &super::report::Header,
        s: &Search,
        mode: &Mode,
    ) -> Result<Writer<'w>, CliError> {
        match format {
            Format::Text => {}
            Format::Csv => {
                let names: Vec<String> = (0..s.degree()).map(|i| format!("c{i}")).collect();
                writeln!(w, "{}", names.join(",")).map_err(write_error)?;
            }
            Format::Json => {
                let (order, seed) = match mode {
                    Mode::Random { seed, .. } => ("random", Some(*seed)),
                    _ => ("ascending", None),
                };
                let query = json(&Query {
                    degree: s.degree(),
                    property: s.property().to_string(),
                    weight: s.weight_fixed(),
                    order,
                    seed,
                })
                .map_err(write_error)?;
                writeln!(
                    w,
                    "{{\"tool\":\"lfsr-map\",\"version\":{},\"field\":{},\"field_modulus\":{},\"find\":{},\"polynomials\":[",
                    json(env!("CARGO_PKG_VERSION")).map_err(write_error)?,
                    h.q,
                    json(&h.modulus).map_err(write_error)?,
                    query
                )
                .map_err(write_error)?;
            }
        }
        Ok(Writer {
            w,
            format,
            first: true,
            last_flush: Instant::now(),
        })
    }

    fn poly(&mut self, f: &Poly) -> std::io::Result<()> {
        let field = f.field();
        let d = f.degree().unwrap_or(0);
        let row: Vec<u64> = f.coeffs()[..d].iter().map(|&c| field.neg(c)).collect();
        match self.format {
            Format::Text => writeln!(self.w, "{f}")?,
            Format::Csv => {
                let cells: Vec<String> = row.iter().map(u64::to_string).collect();
                writeln!(self.w, "{}", cells.join(","))?;
            }
            Format::Json => {
                let item = Found {
                    polynomial: f.to_string(),
                    coefficients: row,
                    weight: f.coeffs().iter().filter(|&&c| c != 0).count(),
                };
                let sep = if self.first { "" } else { ",\n" };
                write!(self.w, "{sep}{}", json(&item)?)?;
            }
        }
        self.first = false;
        // Streamed: what is found shows up within a quarter second, without a write per line.
        if self.last_flush.elapsed() > Duration::from_millis(250) {
            self.w.flush()?;
            self.last_flush = Instant::now();
        }
        Ok(())
    }

    fn end(self) -> std::io::Result<()> {
        if self.format == Format::Json {
            let nl = if self.first { "" } else { "\n" };
            writeln!(self.w, "{nl}]}}")?;
        }
        self.w.flush()
    }
}

/// A one-line status on stderr (terminal only, after a second): candidates tested, found.
struct Status {
    enabled: bool,
    start: Instant,
    last: Instant,
    shown: bool,
}

impl Status {
    fn new(enabled: bool) -> Status {
        let now = Instant::now();
        Status {
            enabled: enabled && std::io::stderr().is_terminal(),
            start: now,
            last: now,
            shown: false,
        }
    }

    fn update(&mut self, tested: u64, found: u64) {
        if !self.enabled || self.start.elapsed() < Duration::from_secs(1) {
            return;
        }
        if self.last.elapsed() >= Duration::from_millis(500) || !self.shown {
            eprint!(
                "\rlfsr-map find: {tested} candidates tested, {found} found, {:.0?}   ",
                self.start.elapsed()
            );
            self.last = Instant::now();
            self.shown = true;
        }
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r{:60}\r", "");
            self.shown = false;
        }
    }
}
