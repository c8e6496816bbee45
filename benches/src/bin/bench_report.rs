//! `bench_report`: turns criterion's saved estimates for the strategy comparison into
//! `docs/benchmarks.md` and `docs/benchmarks.svg`.
//!
//! ```text
//! cargo bench -p lfsr-map-benches --bench strategies
//! cargo run -p lfsr-map-benches --bin bench_report
//! ```
//!
//! It reads `target/criterion/<workload>/<strategy>/new/{benchmark,estimates}.json` for the
//! pool workloads listed in [`WORKLOADS`] and the census summaries in [`CENSUS`] (criterion's
//! own files, so the numbers in the report are exactly the ones criterion measured), and
//! writes a table of medians with 95% confidence intervals, the time per analysis or per
//! LFSR (the bench declares the number of analyses or LFSRs per iteration as its
//! throughput), the speedup over `fresh` (over `simple-1w` for the census), the targets of
//! the issue with their outcome, and a chart in two panels: grouped bars of time per
//! analysis by pool workload, and of time per LFSR by census degree.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use plotters::prelude::*;
use serde_json::Value;

/// The pool-strategy workloads, in report order: (criterion group, description). Their
/// strategies are [`STRATEGIES`], their baseline `fresh`, their unit one analysis.
const WORKLOADS: &[(&str, &str)] = &[
    (
        "census-deg8",
        "census of all 128 degree-8 GF(2) LFSRs with c0 = 1",
    ),
    (
        "census-deg10",
        "census of all 512 degree-10 GF(2) LFSRs with c0 = 1",
    ),
    (
        "census-deg12",
        "census of all 2048 degree-12 GF(2) LFSRs with c0 = 1",
    ),
    (
        "enumerate-deg24",
        "one degree-24 GF(2) period-only enumeration",
    ),
    (
        "idle-gap-cold",
        "analyses separated by gaps longer than B's idle timeout",
    ),
    (
        "idle-gap-warm",
        "analyses separated by gaps shorter than B's idle timeout",
    ),
    (
        "two-threads",
        "two threads running censuses on the same pool at once",
    ),
    (
        "scenario-10k-deg10",
        "the original design's scenario: 10,000 separate `analyze` calls in one process, each \
         one degree-10 GF(2) LFSR (c0 = 1, the 512 distinct ones cycled in a fixed random \
         order), `Method::Enumerate` with the full listing of every cycle; each call is one \
         single-job pool call (1,024 states is below the 2^16 split threshold)",
    ),
];

/// The census-summary workloads: (criterion group, degree). Their strategies are
/// [`CENSUS_STRATEGIES`], their baseline `simple-1w`, their unit one LFSR of the census.
const CENSUS: &[(&str, u32)] = &[
    ("census-summary-deg16", 16),
    ("census-summary-deg18", 18),
    ("census-summary-deg20", 20),
    ("census-summary-deg24", 24),
    ("census-summary-deg28", 28),
    ("census-summary-deg32", 32),
];

/// The census rows, in row order. `pari-gp` is measured at degree 16 only.
const CENSUS_STRATEGIES: &[&str] = &["simple-1w", "simple-2w", "sequential", "pari-gp"];

/// The strategies, in column order. `fresh` is the baseline of the speedup column.
const STRATEGIES: &[&str] = &[
    "simple",
    "idle-timeout",
    "scoped",
    "fresh",
    "sequential",
    "rayon-global",
];

/// One criterion measurement.
#[derive(Debug, Clone, Copy)]
struct Estimate {
    /// Median time per iteration, ns.
    median: f64,
    /// 95% confidence interval of the median, ns.
    lower: f64,
    upper: f64,
    /// Analyses per iteration (criterion throughput `Elements`), 1 if none was declared.
    analyses: f64,
}

impl Estimate {
    fn per_analysis(&self) -> f64 {
        self.median / self.analyses
    }
}

type Results = BTreeMap<(String, String), Estimate>;

/// The 1-minute load average when each group started (`<criterion>/<group>/load.txt`,
/// written by the bench), by group.
type Loads = BTreeMap<String, String>;

fn main() {
    if let Err(e) = run() {
        eprintln!("bench_report: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let root = workspace_root();
    let criterion = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/criterion"));
    let results = load(&criterion)?;
    if results.is_empty() {
        return Err(format!(
            "no estimates under {} for the strategy workloads; run \
             `cargo bench -p lfsr-map-benches --bench strategies` first",
            criterion.display()
        ));
    }
    let docs = root.join("docs");
    std::fs::create_dir_all(&docs).map_err(|e| format!("{}: {e}", docs.display()))?;
    let svg = docs.join("benchmarks.svg");
    chart(&results, &svg)?;
    let md = docs.join("benchmarks.md");
    let (loads, paired) = (loads(&criterion), paired(&criterion));
    std::fs::write(&md, markdown(&results, &loads, &paired))
        .map_err(|e| format!("{}: {e}", md.display()))?;
    println!("wrote {} and {}", md.display(), svg.display());
    Ok(())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn number(v: &Value, pointer: &str, path: &Path) -> Result<f64, String> {
    v.pointer(pointer)
        .and_then(Value::as_f64)
        .ok_or_else(|| format!("{}: no number at {pointer}", path.display()))
}

fn loads(criterion: &Path) -> Loads {
    let pools = WORKLOADS.iter().map(|(w, _)| *w);
    let census = CENSUS.iter().map(|(w, _)| *w);
    pools
        .chain(census)
        .filter_map(|w| {
            let text = std::fs::read_to_string(criterion.join(w).join("load.txt")).ok()?;
            Some((w.to_string(), text.trim().to_string()))
        })
        .collect()
}

/// Paired time ratios (`<criterion>/<group>/paired.json`, written by the bench: the median
/// of 9 rounds timing both sides alternately), by (group, "a/b").
type Paired = BTreeMap<(String, String), f64>;

fn paired(criterion: &Path) -> Paired {
    let pools = WORKLOADS.iter().map(|(w, _)| *w);
    let census = CENSUS.iter().map(|(w, _)| *w);
    let mut out = Paired::new();
    for w in pools.chain(census) {
        let Ok(v) = read_json(&criterion.join(w).join("paired.json")) else {
            continue;
        };
        for (k, x) in v.as_object().into_iter().flatten() {
            if let Some(x) = x.as_f64() {
                out.insert((w.to_string(), k.clone()), x);
            }
        }
    }
    out
}

/// The sentence quoting a group's load average, empty if the bench wrote none.
fn load_line(loads: &Loads, workload: &str) -> String {
    loads.get(workload).map_or(String::new(), |l| {
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        format!("1-minute load average when the group started: {l} ({cores} cores).\n")
    })
}

fn load(criterion: &Path) -> Result<Results, String> {
    let mut results = Results::new();
    let pools = WORKLOADS.iter().map(|(w, _)| (*w, STRATEGIES));
    let census = CENSUS.iter().map(|(w, _)| (*w, CENSUS_STRATEGIES));
    for (workload, strategies) in pools.chain(census) {
        for strategy in strategies {
            let dir = criterion.join(workload).join(strategy).join("new");
            let est_path = dir.join("estimates.json");
            if !est_path.exists() {
                continue;
            }
            let est = read_json(&est_path)?;
            let bench_path = dir.join("benchmark.json");
            let analyses = read_json(&bench_path)?
                .pointer("/throughput/Elements")
                .and_then(Value::as_f64)
                .unwrap_or(1.0);
            let estimate = Estimate {
                median: number(&est, "/median/point_estimate", &est_path)?,
                lower: number(&est, "/median/confidence_interval/lower_bound", &est_path)?,
                upper: number(&est, "/median/confidence_interval/upper_bound", &est_path)?,
                analyses,
            };
            results.insert((workload.to_string(), strategy.to_string()), estimate);
        }
    }
    Ok(results)
}

/// Formats nanoseconds with a unit that keeps 3 significant digits readable.
fn time(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn get<'a>(r: &'a Results, workload: &str, strategy: &str) -> Option<&'a Estimate> {
    r.get(&(workload.to_string(), strategy.to_string()))
}

fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let date = std::process::Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "unknown date".into());
    format!("{cores} cores, {model}; generated {date}")
}

fn markdown(r: &Results, loads: &Loads, paired: &Paired) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Pool strategies on LFSR workloads\n");
    let _ = writeln!(
        out,
        "Generated by `cargo run -p lfsr-map-benches --bin bench_report` from criterion's \
         estimates of `cargo bench -p lfsr-map-benches --bench strategies`. Do not edit by hand.\n"
    );
    let _ = writeln!(out, "Machine: {}.\n", machine());
    let _ = writeln!(
        out,
        "The machine is shared: each section quotes the 1-minute load average when its group \
         started. Above about 1 the second core was busy with other work, and the figures \
         that need it (2 workers against 1, pooled against sequential on a large \
         enumeration) undersell the parallel code; the strategies of one group still ran \
         side by side under the same load.\n"
    );
    let _ = writeln!(out, "![time per analysis by strategy](benchmarks.svg)\n");
    for (workload, description) in WORKLOADS {
        if !STRATEGIES.iter().any(|s| get(r, workload, s).is_some()) {
            continue;
        }
        let _ = writeln!(out, "## `{workload}`: {description}\n");
        let _ = writeln!(out, "{}", load_line(loads, workload));
        let _ = writeln!(
            out,
            "| strategy | median per iteration | 95% CI of the median | per analysis | speedup over `fresh` |"
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|");
        let fresh = get(r, workload, "fresh").map(|e| e.median);
        for strategy in STRATEGIES {
            let Some(e) = get(r, workload, strategy) else {
                continue;
            };
            let speedup = fresh.map_or("–".to_string(), |f| format!("{:.2}x", f / e.median));
            let _ = writeln!(
                out,
                "| {strategy} | {} | {} – {} | {} | {speedup} |",
                time(e.median),
                time(e.lower),
                time(e.upper),
                time(e.per_analysis()),
            );
        }
        let _ = writeln!(out);
    }
    census_markdown(r, loads, &mut out);
    let _ = writeln!(out, "## Targets\n");
    let _ = writeln!(
        out,
        "Where a line says \"paired\", the bench also timed the two sides alternately (9 \
         rounds, median ratio), so that a change of load between criterion's runs of the two \
         does not decide the verdict; the verdict uses the paired ratio.\n"
    );
    for line in targets(r, paired) {
        let _ = writeln!(out, "- {line}");
    }
    out
}

/// Per LFSR of the census, with one more digit below a microsecond.
fn per_lfsr(ns: f64) -> String {
    if ns < 100.0 {
        format!("{ns:.2} ns")
    } else {
        time(ns)
    }
}

fn census_markdown(r: &Results, loads: &Loads, out: &mut String) {
    let measured: Vec<_> = CENSUS
        .iter()
        .filter(|(w, _)| CENSUS_STRATEGIES.iter().any(|s| get(r, w, s).is_some()))
        .collect();
    if measured.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## `census-summary-deg*`: `Census::summary` of every GF(2) LFSR of a degree with c0 = 1\n"
    );
    let _ = writeln!(
        out,
        "The library's census summary (counted over factorization types, not LFSR by LFSR) \
         on the warm global pool with a 1-worker and a 2-worker handle (`GlobalPool::new(1)`, \
         `GlobalPool::new(2)`) and on `Sequential`. `pari-gp` (degree 16 only) is PARI/GP \
         factoring the same 32,768 characteristic polynomials, one `factormod` each, timed by \
         gp's own clock (`getabstime`, milliseconds; gp's start-up not counted), run by the \
         bench right beside the others: it factors and nothing more, the summary also \
         tallies periods, cycle counts and factor patterns.\n"
    );
    let census_loads: Vec<String> = measured
        .iter()
        .filter_map(|(w, d)| Some(format!("degree {d}: {}", loads.get(*w)?)))
        .collect();
    if !census_loads.is_empty() {
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let _ = writeln!(
            out,
            "1-minute load average when each degree's group started ({cores} cores): {}.\n",
            census_loads.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "| degree | LFSRs | strategy | median per iteration | 95% CI of the median | per LFSR | speedup over `simple-1w` |"
    );
    let _ = writeln!(out, "|---:|---:|---|---:|---:|---:|---:|");
    for (workload, degree) in measured {
        let base = get(r, workload, "simple-1w").map(|e| e.median);
        for strategy in CENSUS_STRATEGIES {
            let Some(e) = get(r, workload, strategy) else {
                continue;
            };
            let speedup = base.map_or("–".to_string(), |b| format!("{:.2}x", b / e.median));
            let _ = writeln!(
                out,
                "| {degree} | {} | {strategy} | {} | {} – {} | {} | {speedup} |",
                e.analyses,
                time(e.median),
                time(e.lower),
                time(e.upper),
                per_lfsr(e.per_analysis()),
            );
        }
    }
    let _ = writeln!(out);
}

/// The targets of the comparison issue, each with its measured outcome.
fn targets(r: &Results, paired: &Paired) -> Vec<String> {
    let mut lines = Vec::new();
    let ratio = |w: &str, a: &str, b: &str| -> Option<f64> {
        Some(get(r, w, b)?.median / get(r, w, a)?.median)
    };
    // In a census the analyses follow each other without gaps, so B stays warm.
    for strategy in ["simple", "idle-timeout"] {
        match ratio("census-deg10", strategy, "fresh") {
            Some(x) => lines.push(format!(
                "census-deg10: `{strategy}` is {x:.2}x faster than `fresh` (target >= 5x): {}",
                verdict(x >= 5.0)
            )),
            None => lines.push(format!(
                "census-deg10: `{strategy}` or `fresh` not measured"
            )),
        }
    }
    let pooled = ["simple", "idle-timeout", "scoped"];
    let w = "enumerate-deg24";
    let medians: Vec<f64> = pooled
        .iter()
        .filter_map(|s| get(r, w, s).map(|e| e.median))
        .collect();
    if medians.len() == pooled.len() {
        let (lo, hi) = medians
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &m| (lo.min(m), hi.max(m)));
        let spread = hi / lo - 1.0;
        lines.push(format!(
            "{w}: pooled strategies within {:.1}% of each other (target <= 10%): {}",
            spread * 100.0,
            verdict(spread <= 0.10)
        ));
        for s in pooled {
            if let Some(x) = ratio(w, s, "sequential") {
                lines.push(format!(
                    "{w}: `{s}` is {x:.2}x faster than `sequential` (target >= 1.7x): {}",
                    verdict(x >= 1.7)
                ));
            }
        }
    } else {
        lines.push(format!("{w}: not every pooled strategy was measured"));
    }

    // The original design's scenario: separate calls, one single-job pool call each. The
    // verdicts use the paired ratios when the bench wrote them (both sides timed
    // alternately, so a change of load between criterion's runs does not decide them).
    let w = "scenario-10k-deg10";
    match (
        ratio(w, "simple", "fresh"),
        paired.get(&(w.into(), "simple/fresh".into())),
    ) {
        (Some(x), p) => {
            let judged = p.map_or(x, |t| 1.0 / t);
            lines.push(format!(
                "{w}: `simple` is {} faster than `fresh` (target >= 10x): {}",
                speedups(x, p.map(|t| 1.0 / t)),
                verdict(judged >= 10.0)
            ))
        }
        (None, _) => lines.push(format!("{w}: `simple` or `fresh` not measured")),
    }
    let p = paired.get(&(w.into(), "simple/sequential".into())).copied();
    match ratio(w, "sequential", "simple") {
        Some(x) => lines.push(format!(
            "{w}: `simple` takes {} the time of `sequential` (target: within 10%, <= 1.10x): {}",
            speedups(x, p),
            verdict(p.unwrap_or(x) <= 1.10)
        )),
        None => lines.push(format!("{w}: `simple` or `sequential` not measured")),
    }

    // The census summary.
    let w = "census-summary-deg16";
    match ratio(w, "simple-2w", "pari-gp") {
        Some(x) => lines.push(format!(
            "{w}: the summary (`simple-2w`) is {x:.1}x faster than PARI/GP factoring the same \
             32,768 polynomials (target >= 5x, aim 20x): {}",
            verdict(x >= 5.0)
        )),
        None => lines.push(format!("{w}: `simple-2w` or `pari-gp` not measured")),
    }
    let w = "census-summary-deg24";
    match get(r, w, "simple-2w") {
        Some(e) => lines.push(format!(
            "{w}: {} per LFSR on `simple-2w` (target <= 0.5 µs): {}",
            per_lfsr(e.per_analysis()),
            verdict(e.per_analysis() <= 500.0)
        )),
        None => lines.push(format!("{w}: `simple-2w` not measured")),
    }
    let two_over_one = |w: &str| -> Option<(f64, Option<f64>)> {
        let p = paired.get(&(w.into(), "simple-2w/simple-1w".into()));
        Some((ratio(w, "simple-2w", "simple-1w")?, p.map(|t| 1.0 / t)))
    };
    let w = "census-summary-deg18";
    match two_over_one(w) {
        Some((x, p)) => lines.push(format!(
            "{w}: 2 workers give a speedup of {} over 1 worker (target >= 1.7x): {}",
            speedups(x, p),
            verdict(p.unwrap_or(x) >= 1.7)
        )),
        None => lines.push(format!("{w}: `simple-1w` or `simple-2w` not measured")),
    }
    let scaling: Vec<String> = CENSUS
        .iter()
        .filter_map(|(w, d)| {
            let (x, p) = two_over_one(w)?;
            Some(format!("{d}: {}", speedups(x, p)))
        })
        .collect();
    if !scaling.is_empty() {
        lines.push(format!(
            "census summary, speedup of 2 workers over 1 worker by degree (for reading, no \
             target): {}",
            scaling.join("; ")
        ));
    }
    lines
}

/// A ratio from criterion's medians, with the paired one (the verdict's) when there is one.
fn speedups(medians: f64, paired: Option<f64>) -> String {
    match paired {
        Some(p) => format!("{p:.2}x paired ({medians:.2}x from criterion's medians)"),
        None => format!("{medians:.2}x"),
    }
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed**"
    }
}

const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

/// The chart: time per analysis of the pool workloads on top, time per LFSR of the census
/// summaries below (each panel on its own log scale).
fn chart(r: &Results, path: &Path) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<std::io::Error>| format!("{}: {e}", path.display());
    let root = SVGBackend::new(path, (1100, 1000)).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let (top, bottom) = root.split_vertically(560);
    let pools: Vec<(String, &str)> = WORKLOADS.iter().map(|(w, _)| (w.to_string(), *w)).collect();
    panel(
        &top,
        r,
        "Time per analysis by strategy and workload (log scale)",
        "µs per analysis",
        1e3,
        &pools,
        STRATEGIES,
    )
    .map_err(err)?;
    let census: Vec<(String, &str)> = CENSUS
        .iter()
        .map(|(w, d)| (format!("degree {d}"), *w))
        .collect();
    panel(
        &bottom,
        r,
        "Census summary: time per LFSR by degree (log scale)",
        "ns per LFSR",
        1.0,
        &census,
        CENSUS_STRATEGIES,
    )
    .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}

/// One grouped bar chart: a group of bars per `(label, workload)`, a bar per strategy, the
/// time per analysis divided by `unit` nanoseconds. Workloads with no estimate are left out.
fn panel(
    area: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    r: &Results,
    caption: &str,
    y_desc: &str,
    unit: f64,
    groups: &[(String, &str)],
    strategies: &[&str],
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let groups: Vec<&(String, &str)> = groups
        .iter()
        .filter(|(_, w)| strategies.iter().any(|s| get(r, w, s).is_some()))
        .collect();
    let values: Vec<f64> = groups
        .iter()
        .flat_map(|(_, w)| strategies.iter().filter_map(|s| get(r, w, s)))
        .map(|e| e.per_analysis() / unit)
        .collect();
    if values.is_empty() {
        return Ok(());
    }
    let max = values.iter().cloned().fold(f64::MIN, f64::max) * 3.0;
    let min = values.iter().cloned().fold(f64::MAX, f64::min) / 3.0;
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(80)
        .build_cartesian_2d(0f64..groups.len() as f64, (min..max).log_scale())?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(y_desc)
        .draw()?;
    let width = 0.8 / strategies.len() as f64;
    for (k, strategy) in strategies.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let bars: Vec<_> = groups
            .iter()
            .enumerate()
            .filter_map(|(i, (_, w))| {
                let e = get(r, w, strategy)?;
                let x0 = i as f64 + 0.1 + k as f64 * width;
                Some(Rectangle::new(
                    [(x0, min), (x0 + width * 0.9, e.per_analysis() / unit)],
                    color.filled(),
                ))
            })
            .collect();
        if bars.is_empty() {
            continue;
        }
        chart
            .draw_series(bars)?
            .label(*strategy)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    chart.draw_series(groups.iter().enumerate().map(|(i, (label, _))| {
        Text::new(
            label.clone(),
            (i as f64 + 0.15, min),
            ("sans-serif", 13).into_font(),
        )
    }))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .border_style(BLACK)
        .background_style(WHITE.mix(0.9))
        .draw()?;
    Ok(())
}
