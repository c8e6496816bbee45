//! `pool_overhead`: what each pool costs around the work, on synthetic jobs of known length.
//!
//! ```text
//! cargo bench -p lfsr-map-benches --bench pool_overhead
//! ```
//!
//! Every pool has 2 workers (the machine has 2 cores) and is driven through the same
//! `WorkerPool::execute` call. Workloads (criterion groups):
//!
//! 1. `overhead-tiny-calls`: one iteration is one call of 2 jobs x 5 us (busy-spin), back to
//!    back, the "many tiny analyses" case; 10,000 calls take 10,000 x the median.
//!    `idle-timeout-cold` makes its pool idle (every worker retired and joined, via
//!    `reap_all`, outside the measured time) before each call: the first call after an idle
//!    period longer than the timeout.
//! 2. `overhead-big-call`: one call of 1,000 jobs x 100 us.
//! 3. `overhead-first-call`: creating the pool plus its first call of 2 jobs x 5 us; the
//!    teardown is outside the measured time (rayon's global pool cannot be created twice,
//!    so it is absent here).
//! 4. `overhead-empty-jobs`: one call of 10,000 empty jobs; the median / 10,000 is the
//!    dispatch overhead per job.
//!
//! After criterion's own report, the bench prints a markdown table of the medians (read back
//! from criterion's `estimates.json` files), the table in the workspace README, and then the
//! issue's targets as paired ratios: the two pools of a ratio are timed alternately, nine
//! rounds, and the median ratio is printed, which keeps load changes on a shared machine from
//! deciding a comparison that criterion runs tens of seconds apart.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BenchmarkGroup, Criterion, SamplingMode};
use lfsr_map_benches::{spin, Rayon, Threadpool};
use pool_idle_timeout::IdleTimeoutPool;
use pool_scoped::OwnedPool;
use pool_simple::{shutdown_worker_pool, GlobalPool};
use worker_pool::{FreshPool, Sequential, WorkerPool};

/// A benchmark job: borrowed by every call, as `execute` takes it.
type Job = dyn Fn(usize) + Sync;

const WORKERS: usize = 2;
/// B's idle timeout when warm: long enough that no worker retires during the bench.
const WARM_TIMEOUT: Duration = Duration::from_secs(60);

/// Builds one pool for a benchmark.
type MakePool = fn() -> Box<dyn WorkerPool>;

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// The strategies, in table order.
const LABELS: &[&str] = &[
    "simple",
    "idle-timeout",
    "idle-timeout-cold",
    "scoped",
    "fresh",
    "sequential",
    "rayon-private",
    "rayon-global",
    "threadpool",
];

/// A constructor for each warm pool, labelled (`idle-timeout-cold` is measured separately).
/// Each pool is built just before its benchmark and dropped right after it.
fn warm_pools() -> Vec<(&'static str, MakePool)> {
    vec![
        ("simple", || Box::new(GlobalPool::new(WORKERS))),
        ("idle-timeout", || {
            Box::new(IdleTimeoutPool::new(WORKERS, WARM_TIMEOUT))
        }),
        ("scoped", || {
            Box::new(OwnedPool::new(WORKERS).expect("threads"))
        }),
        ("fresh", || Box::new(FreshPool::new(WORKERS))),
        ("sequential", || Box::new(Sequential::new())),
        ("rayon-private", || Box::new(Rayon::private(WORKERS))),
        ("rayon-global", || Box::new(Rayon::global())),
        ("threadpool", || Box::new(Threadpool::new(WORKERS))),
    ]
}

fn spin_job(us: u64) -> Box<Job> {
    let d = Duration::from_micros(us);
    Box::new(move |_| spin(d))
}

fn calls(group: &mut Group<'_>, n: usize, job: &Job) {
    for (label, make) in warm_pools() {
        let pool = make();
        pool.execute(n, job).expect("warm-up call");
        group.bench_function(label, |b| {
            b.iter(|| pool.execute(n, job).expect("no job panics"))
        });
    }
}

fn tiny_calls(c: &mut Criterion) {
    let mut group = c.benchmark_group("overhead-tiny-calls");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1500));
    let job = spin_job(5);
    calls(&mut group, 2, &job);
    let cold = IdleTimeoutPool::new(WORKERS, WARM_TIMEOUT);
    group.bench_function("idle-timeout-cold", |b| {
        b.iter_custom(|iters| {
            let mut measured = Duration::ZERO;
            for _ in 0..iters {
                cold.reap_all();
                let start = Instant::now();
                cold.execute(2, &*job).expect("no job panics");
                measured += start.elapsed();
            }
            measured
        })
    });
    group.finish();
}

fn big_call(c: &mut Criterion) {
    let mut group = c.benchmark_group("overhead-big-call");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(1000));
    calls(&mut group, 1_000, &spin_job(100));
    group.finish();
}

/// Measures `make()` plus the first call on what it made; `before` and the drop of the
/// pool run outside the measured time.
fn first<P: WorkerPool>(
    group: &mut Group<'_>,
    label: &str,
    before: impl Fn(),
    make: impl Fn() -> P,
) {
    let job = spin_job(5);
    group.bench_function(label, |b| {
        b.iter_custom(|iters| {
            let mut measured = Duration::ZERO;
            for _ in 0..iters {
                before();
                let start = Instant::now();
                let pool = make();
                pool.execute(2, &*job).expect("no job panics");
                measured += start.elapsed();
                drop(pool);
            }
            measured
        })
    });
}

fn first_call(c: &mut Criterion) {
    let mut group = c.benchmark_group("overhead-first-call");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1500));
    let nothing = || {};
    first(&mut group, "simple", shutdown_worker_pool, || {
        GlobalPool::new(WORKERS)
    });
    first(&mut group, "idle-timeout", nothing, || {
        IdleTimeoutPool::new(WORKERS, WARM_TIMEOUT)
    });
    first(&mut group, "scoped", nothing, || {
        OwnedPool::new(WORKERS).expect("threads")
    });
    first(&mut group, "fresh", nothing, || FreshPool::new(WORKERS));
    first(&mut group, "sequential", nothing, Sequential::new);
    first(&mut group, "rayon-private", nothing, || {
        Rayon::private(WORKERS)
    });
    first(&mut group, "threadpool", nothing, || {
        Threadpool::new(WORKERS)
    });
    group.finish();
}

fn empty_jobs(c: &mut Criterion) {
    let mut group = c.benchmark_group("overhead-empty-jobs");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1500));
    calls(&mut group, 10_000, &|_| {});
    group.finish();
}

/// Criterion's median estimate for `group/label`, in nanoseconds, if it was measured.
fn median_ns(group: &str, label: &str) -> Option<f64> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let path = target
        .join("criterion")
        .join(group)
        .join(label)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn show(ns: Option<f64>, scale: f64) -> String {
    match ns.map(|ns| ns * scale) {
        None => "n/a".into(),
        Some(ns) if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        Some(ns) if ns >= 1e3 => format!("{:.1} us", ns / 1e3),
        Some(ns) => format!("{ns:.0} ns"),
    }
}

fn print_table() {
    println!("\n| pool | (1) one call, 2 jobs x 5 us | (1) 10,000 such calls | (2) 1,000 jobs x 100 us | (3) first call after creation | (4) per empty job |");
    println!("|---|---|---|---|---|---|");
    for label in LABELS {
        let tiny = median_ns("overhead-tiny-calls", label);
        println!(
            "| {label} | {} | {} | {} | {} | {} |",
            show(tiny, 1.0),
            show(tiny, 1e4),
            show(median_ns("overhead-big-call", label), 1.0),
            show(median_ns("overhead-first-call", label), 1.0),
            show(median_ns("overhead-empty-jobs", label), 1e-4),
        );
    }
}

/// Total time of `calls` back-to-back calls of `n` jobs on `pool`.
fn timed(pool: &dyn WorkerPool, calls: usize, n: usize, job: &Job) -> Duration {
    let start = Instant::now();
    for _ in 0..calls {
        pool.execute(n, job).expect("no job panics");
    }
    start.elapsed()
}

/// The median over `rounds` of time(a) / time(b), with a and b measured alternately, so a
/// change in the machine's load hits both sides of each ratio alike.
fn paired(a: &dyn WorkerPool, b: &dyn WorkerPool, calls: usize, n: usize, job: &Job) -> f64 {
    let mut ratios: Vec<f64> = (0..9)
        .map(|_| timed(a, calls, n, job).as_secs_f64() / timed(b, calls, n, job).as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

/// The targets of the comparison as paired ratios (below 1: the first pool is faster).
fn print_targets() {
    let simple = GlobalPool::new(WORKERS);
    let warm_b = IdleTimeoutPool::new(WORKERS, WARM_TIMEOUT);
    let scoped = OwnedPool::new(WORKERS).expect("threads");
    let (fresh, rayon) = (FreshPool::new(WORKERS), Rayon::private(WORKERS));
    let tiny = spin_job(5);
    println!("\n| paired ratio (median of 9 alternating rounds) | time ratio |\n|---|---|");
    for (name, pool) in [
        ("simple", &simple as &dyn WorkerPool),
        ("idle-timeout", &warm_b),
    ] {
        for (other, base) in [
            ("fresh", &fresh as &dyn WorkerPool),
            ("rayon-private", &rayon),
        ] {
            let r = paired(pool, base, 500, 2, &tiny);
            println!("| (1) {name} / {other}, 500 calls of 2 x 5 us | {r:.2} |");
        }
    }
    let big = spin_job(100);
    let pools: [(&str, &dyn WorkerPool); 6] = [
        ("simple", &simple),
        ("idle-timeout", &warm_b),
        ("scoped", &scoped),
        ("fresh", &fresh),
        ("rayon-global", &Rayon::global()),
        ("threadpool", &Threadpool::new(WORKERS)),
    ];
    for (name, pool) in pools {
        let r = paired(pool, &rayon, 1, 1_000, &big);
        println!("| (2) {name} / rayon-private, 1,000 jobs x 100 us | {r:.2} |");
    }
}

fn main() {
    // rayon's global pool, sized like the others (criterion itself runs without rayon).
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(WORKERS)
        .build_global();
    let mut c = Criterion::default().configure_from_args();
    tiny_calls(&mut c);
    big_call(&mut c);
    first_call(&mut c);
    empty_jobs(&mut c);
    c.final_summary();
    print_table();
    if !std::env::args().any(|a| a == "--test" || a == "--list") {
        print_targets();
    }
    shutdown_worker_pool();
}
