//! The strategies on the real workload: LFSR analyses, not synthetic jobs.
//!
//! Every strategy (`simple`, `idle-timeout`, `scoped`), the two baselines (`fresh`,
//! `sequential`) and rayon's global pool run the same analyses through the same
//! `&dyn WorkerPool` call of lfsr-map's mapper (period-only enumeration, so every analysis
//! really dispatches to the pool):
//!
//! * `census-deg8`, `census-deg10`, `census-deg12`: every GF(2) LFSR of that degree with
//!   c0 = 1, one analysis after another (many small analyses);
//! * `enumerate-deg24`: one primitive degree-24 GF(2) LFSR (one large analysis);
//! * `idle-gap-cold` / `idle-gap-warm`: a degree-20 analysis after an untimed pause longer /
//!   shorter than the idle-timeout pool's timeout (`IDLE_TIMEOUT`);
//! * `two-threads`: two threads each running the degree-10 census on the same pool at once;
//! * `scenario-10k-deg10`: the original design's scenario, one long-lived process making
//!   10,000 separate library calls, each `analyze` of one degree-10 GF(2) LFSR with
//!   `Method::Enumerate` and the full listing of every cycle (what the original tool
//!   printed), each its own pool call. There are only 512 distinct degree-10 GF(2) LFSRs
//!   with c0 = 1, so the 10,000 calls cycle through all 512 in a fixed pseudo-random order.
//!   A 1,024-state space is below `SPLIT_MIN_STATES` (2^16), so each call is exactly one
//!   `pool.map(1, ..)` of the whole walk: the scenario measures what one single-job pool call
//!   per analysis costs (`fresh` starts and joins a thread for it, the persistent pools run it
//!   on the caller or wake a worker);
//! * `census-summary-deg{16,18,20,24,28,32}`: `Census::summary` of every GF(2) LFSR of that
//!   degree with c0 = 1 (counted over factorization types), on the warm global pool with a
//!   1-worker and a 2-worker handle (`simple-1w`, `simple-2w`) and on `Sequential`; at
//!   degree 16 also `pari-gp`, PARI/GP factoring the same 32,768 polynomials
//!   (`factormod`, timed by gp's own `getabstime`, gp's start-up not counted), when `gp` is
//!   installed.
//!
//! Each benchmark declares its number of analyses as criterion throughput, which
//! `bench_report` turns into time per analysis. The first benchmark of each group that runs
//! writes the machine's 1-minute load average to `target/criterion/<group>/load.txt`, which
//! `bench_report` quotes: on a shared machine it tells whether the second core was free. Run it, then write the report:
//!
//! ```text
//! cargo bench -p lfsr-map-benches --bench strategies
//! cargo run -p lfsr-map-benches --bin bench_report
//! ```

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use gf_core::Field;
use lfsr_map::analysis::{analyze, Method, Options};
use lfsr_map::census::{Census, SummaryOptions};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use lfsr_map_benches::Rayon;
use pool_idle_timeout::IdleTimeoutPool;
use pool_scoped::OwnedPool;
use pool_simple::GlobalPool;
use worker_pool::{FreshPool, Sequential, WorkerPool};

/// B's idle timeout in these benchmarks; the cold gap is well above it, the warm one below.
const IDLE_TIMEOUT: Duration = Duration::from_millis(1);
const COLD_GAP: Duration = Duration::from_millis(4);
const WARM_GAP: Duration = Duration::from_micros(200);

fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Every strategy under its report name. The global pool (`simple`) is shut down after the
/// last group (`census_summary`).
fn strategies() -> Vec<(&'static str, Box<dyn WorkerPool>)> {
    let w = workers();
    vec![
        ("simple", Box::new(GlobalPool::new(w))),
        (
            "idle-timeout",
            Box::new(IdleTimeoutPool::new(w, IDLE_TIMEOUT)),
        ),
        (
            "scoped",
            Box::new(OwnedPool::new(w).expect("could not start the scoped pool's threads")),
        ),
        ("fresh", Box::new(FreshPool::new(w))),
        ("sequential", Box::new(Sequential::new())),
        ("rayon-global", Box::new(Rayon::global())),
    ]
}

/// Writes the 1-minute load average to `<criterion>/<group>/load.txt`, once per group and
/// process, when the group's first benchmark starts (criterion's own directory: the
/// `CRITERION_HOME` variable, else the workspace's `target/criterion`, as `bench_report`).
fn note_load(group: &str) {
    let mut noted = NOTED.lock().unwrap_or_else(|e| e.into_inner());
    if noted.iter().any(|g| g == group) {
        return;
    }
    noted.push(group.to_string());
    let Some(load) = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
    else {
        return;
    };
    write_beside(group, "load.txt", &format!("{load}\n"));
}

/// The groups whose benchmarks ran in this process (see [`note_load`]).
static NOTED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Whether a benchmark of `group` ran in this process (criterion's filter selected it), and
/// criterion is measuring (not `--test` or `--list`).
fn measured(group: &str) -> bool {
    let noted = NOTED.lock().unwrap_or_else(|e| e.into_inner());
    noted.iter().any(|g| g == group) && !std::env::args().any(|a| a == "--test" || a == "--list")
}

/// Writes `text` to `<criterion>/<group>/<file>`.
fn write_beside(group: &str, file: &str, text: &str) {
    let root = std::env::var_os("CRITERION_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion")
        });
    let dir = root.join(group);
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join(file), text);
    }
}

/// The median over 9 rounds of time(a) / time(b), `a` and `b` run alternately (round `k`
/// passes `k` to both), so a change in the machine's load hits both sides of each ratio
/// alike: criterion times one strategy after another, minutes apart on a shared machine.
fn paired(mut a: impl FnMut(usize), mut b: impl FnMut(usize)) -> f64 {
    let mut ratios: Vec<f64> = (0..9)
        .map(|k| {
            let start = Instant::now();
            a(k);
            let ta = start.elapsed().as_secs_f64();
            let start = Instant::now();
            b(k);
            ta / start.elapsed().as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

/// Writes the paired ratios of a group to `<criterion>/<group>/paired.json` for
/// `bench_report`, and prints them.
fn write_paired(group: &str, ratios: &[(&str, f64)]) {
    let map: serde_json::Map<String, serde_json::Value> = ratios
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
        .collect();
    for (k, v) in ratios {
        eprintln!("{group}: paired time ratio {k} = {v:.3} (median of 9 alternating rounds)");
    }
    write_beside(
        group,
        "paired.json",
        &serde_json::Value::Object(map).to_string(),
    );
}

fn gf2() -> Field {
    Field::new(2).expect("GF(2) exists")
}

/// Every degree-`d` GF(2) LFSR with c0 = 1, in census order.
fn census_lfsrs(d: usize) -> Vec<Lfsr> {
    let field = gf2();
    (0..1u64 << (d - 1))
        .map(|k| {
            let coeffs = (0..d)
                .map(|i| if i == 0 { 1 } else { (k >> (i - 1)) & 1 })
                .collect();
            Lfsr::new(&field, coeffs).expect("valid census LFSR")
        })
        .collect()
}

/// A primitive GF(2) LFSR of degree `d` from the classic tap tables (x^d + ... + 1).
fn primitive(d: usize) -> Lfsr {
    let taps: &[usize] = match d {
        20 => &[0, 3],          // x^20 + x^3 + 1
        24 => &[0, 17, 22, 23], // x^24 + x^23 + x^22 + x^17 + 1
        _ => unreachable!("no tap table entry for degree {d}"),
    };
    let mut coeffs = vec![0; d];
    for &t in taps {
        coeffs[t] = 1;
    }
    Lfsr::new(&gf2(), coeffs).expect("valid LFSR")
}

fn options() -> Options {
    Options {
        method: Method::Enumerate,
        full: false,
        ..Options::default()
    }
}

fn run_all(lfsrs: &[Lfsr], pool: &dyn WorkerPool) {
    run_with(lfsrs, &options(), pool);
}

fn run_with(lfsrs: &[Lfsr], opts: &Options, pool: &dyn WorkerPool) {
    for lfsr in lfsrs {
        let a = analyze(lfsr, opts, pool, &Progress::new()).expect("analysis succeeds");
        black_box(a);
    }
}

/// The scenario's number of library calls.
const SCENARIO_CALLS: usize = 10_000;

/// `SCENARIO_CALLS` degree-10 GF(2) LFSRs with c0 = 1: all 512 distinct ones, shuffled with
/// a fixed seed (splitmix64, Fisher-Yates), repeated in that order.
fn scenario_lfsrs() -> Vec<Lfsr> {
    let mut all = census_lfsrs(10);
    let mut seed = 0x1f5a_2026_u64;
    let mut next = || {
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..all.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        all.swap(i, j);
    }
    all.iter().cycle().take(SCENARIO_CALLS).cloned().collect()
}

fn census(c: &mut Criterion) {
    for d in [8, 10, 12] {
        let lfsrs = census_lfsrs(d);
        let label = format!("census-deg{d}");
        let mut group = c.benchmark_group(&label);
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        group.throughput(Throughput::Elements(lfsrs.len() as u64));
        for (name, pool) in strategies() {
            group.bench_function(name, |b| {
                note_load(&label);
                b.iter(|| run_all(&lfsrs, pool.as_ref()))
            });
        }
        group.finish();
    }
}

fn large(c: &mut Criterion) {
    let lfsr = primitive(24);
    let mut group = c.benchmark_group("enumerate-deg24");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.throughput(Throughput::Elements(1));
    for (name, pool) in strategies() {
        group.bench_function(name, |b| {
            note_load("enumerate-deg24");
            b.iter(|| run_all(std::slice::from_ref(&lfsr), pool.as_ref()))
        });
    }
    group.finish();
}

fn idle_gaps(c: &mut Criterion) {
    // Big enough (2^20 states) that the enumeration, not the algebra, dominates.
    let lfsr = primitive(20);
    for (label, gap) in [("idle-gap-cold", COLD_GAP), ("idle-gap-warm", WARM_GAP)] {
        let mut group = c.benchmark_group(label);
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(1));
        group.throughput(Throughput::Elements(1));
        for (name, pool) in strategies() {
            group.bench_function(name, |b| {
                note_load(label);
                b.iter_custom(|iters| {
                    let mut timed = Duration::ZERO;
                    for _ in 0..iters {
                        std::thread::sleep(gap);
                        let start = Instant::now();
                        run_all(std::slice::from_ref(&lfsr), pool.as_ref());
                        timed += start.elapsed();
                    }
                    timed
                })
            });
            if name == "idle-timeout" {
                eprintln!("{label}: idle-timeout pool metrics: {}", pool.metrics());
            }
        }
        group.finish();
    }
}

fn two_threads(c: &mut Criterion) {
    let lfsrs = census_lfsrs(10);
    let mut group = c.benchmark_group("two-threads");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    group.throughput(Throughput::Elements(2 * lfsrs.len() as u64));
    for (name, pool) in strategies() {
        group.bench_function(name, |b| {
            note_load("two-threads");
            b.iter(|| {
                std::thread::scope(|s| {
                    for _ in 0..2 {
                        s.spawn(|| run_all(&lfsrs, pool.as_ref()));
                    }
                })
            })
        });
    }
    group.finish();
}

fn scenario(c: &mut Criterion) {
    let lfsrs = scenario_lfsrs();
    let opts = Options {
        method: Method::Enumerate,
        full: true,
        ..Options::default()
    };
    let mut group = c.benchmark_group("scenario-10k-deg10");
    // 10,000 analyses per iteration (0.1-1 s): ten samples of one iteration each.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    group.throughput(Throughput::Elements(lfsrs.len() as u64));
    for (name, pool) in strategies() {
        group.bench_function(name, |b| {
            note_load("scenario-10k-deg10");
            b.iter(|| run_with(&lfsrs, &opts, pool.as_ref()))
        });
    }
    group.finish();
    if measured("scenario-10k-deg10") {
        // Round k runs slice k % 5 of the 10,000 calls (2,000 calls) on each side.
        let slice = |k: usize| &lfsrs[(k % 5) * 2_000..(k % 5 + 1) * 2_000];
        let w = workers();
        let (simple, fresh, sequential) =
            (GlobalPool::new(w), FreshPool::new(w), Sequential::new());
        let on = |pool: &dyn WorkerPool, k: usize| run_with(slice(k), &opts, pool);
        let ratios = [
            (
                "simple/fresh",
                paired(|k| on(&simple, k), |k| on(&fresh, k)),
            ),
            (
                "simple/sequential",
                paired(|k| on(&simple, k), |k| on(&sequential, k)),
            ),
        ];
        write_paired("scenario-10k-deg10", &ratios);
    }
}

/// The GP script that factors every degree-`d` GF(2) polynomial with constant term 1 (the
/// characteristic polynomials of the census) and prints the milliseconds it took.
fn pari_script(d: u32) -> String {
    format!(
        "t=getabstime(); forstep(k=1,2^{d}-1,2, factormod(Mod(1,2)*Pol(binary(k+2^{d})),2)); \
         print(getabstime()-t)\n"
    )
}

/// One run of [`pari_script`] in a fresh `gp -q`: the time gp measured, or `None` if gp
/// could not run or printed no number.
fn pari_run(d: u32) -> Option<Duration> {
    use std::io::Write as _;
    let mut child = Command::new("gp")
        .arg("-q")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()?
        .write_all(pari_script(d).as_bytes())
        .ok()?;
    let out = child.wait_with_output().ok()?;
    let ms: u64 = String::from_utf8(out.stdout).ok()?.trim().parse().ok()?;
    Some(Duration::from_millis(ms))
}

/// The census summary on the warm global pool (1- and 2-worker handles) and sequentially.
fn census_summary(c: &mut Criterion) {
    let pools: Vec<(&str, Box<dyn WorkerPool>)> = vec![
        ("simple-1w", Box::new(GlobalPool::new(1))),
        ("simple-2w", Box::new(GlobalPool::new(2))),
        ("sequential", Box::new(Sequential::new())),
    ];
    for d in [16, 18, 20, 24, 28, 32] {
        let census = Census::new(&gf2(), d, false).expect("valid census");
        let label = format!("census-summary-deg{d}");
        let mut group = c.benchmark_group(&label);
        group.sample_size(10);
        group.sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        group.throughput(Throughput::Elements(census.size() as u64));
        for (name, pool) in &pools {
            group.bench_function(*name, |b| {
                note_load(&label);
                b.iter(|| {
                    let s = census
                        .summary(&SummaryOptions::default(), pool.as_ref(), &Progress::new())
                        .expect("census summary succeeds");
                    black_box(s)
                })
            });
        }
        if d == 16 {
            match pari_run(d) {
                Some(_) => {
                    group.bench_function("pari-gp", |b| {
                        b.iter_custom(|iters| {
                            (0..iters)
                                .map(|_| pari_run(d).expect("gp ran once already"))
                                .sum()
                        })
                    });
                }
                None => eprintln!("census-summary-deg{d}: gp not found, no pari-gp figure"),
            }
        }
        group.finish();
        if measured(&label) {
            let summary = |pool: &dyn WorkerPool| {
                let s = census.summary(&SummaryOptions::default(), pool, &Progress::new());
                black_box(s.expect("census summary succeeds"));
            };
            // Enough calls per side and round for ~20 ms, so the ratio is not timer noise.
            let start = Instant::now();
            summary(pools[0].1.as_ref());
            let reps = (0.02 / start.elapsed().as_secs_f64()).ceil().max(1.0) as usize;
            let on = |pool: &dyn WorkerPool| (0..reps).for_each(|_| summary(pool));
            let (one, two) = (pools[0].1.as_ref(), pools[1].1.as_ref());
            let ratio = paired(|_| on(two), |_| on(one));
            write_paired(&label, &[("simple-2w/simple-1w", ratio)]);
        }
    }
    pool_simple::shutdown_worker_pool();
}

criterion_group!(
    benches,
    census,
    large,
    idle_gaps,
    two_threads,
    scenario,
    census_summary
);
criterion_main!(benches);
