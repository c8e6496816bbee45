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
//! * `two-threads`: two threads each running the degree-10 census on the same pool at once.
//!
//! Each benchmark declares its number of analyses as criterion throughput, which
//! `bench_report` turns into time per analysis. Run it, then write the report:
//!
//! ```text
//! cargo bench -p lfsr-map-benches --bench strategies
//! cargo run -p lfsr-map-benches --bin bench_report
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gf_core::Field;
use lfsr_map::analysis::{analyze, Method, Options};
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

/// Every strategy under its report name. The global pool (`simple`) is shut down at the end.
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
    let opts = options();
    for lfsr in lfsrs {
        let a = analyze(lfsr, &opts, pool, &Progress::new()).expect("analysis succeeds");
        black_box(a);
    }
}

fn census(c: &mut Criterion) {
    for d in [8, 10, 12] {
        let lfsrs = census_lfsrs(d);
        let mut group = c.benchmark_group(format!("census-deg{d}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        group.throughput(Throughput::Elements(lfsrs.len() as u64));
        for (name, pool) in strategies() {
            group.bench_function(name, |b| b.iter(|| run_all(&lfsrs, pool.as_ref())));
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
    pool_simple::shutdown_worker_pool();
}

criterion_group!(benches, census, large, idle_gaps, two_threads);
criterion_main!(benches);
