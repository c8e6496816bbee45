//! Enumeration throughput (states per second), against the plainest correct kernel.
//!
//! `cargo bench -p lfsr-map --bench enumerate`
//!
//! * `gf2/{d}-{primitive,many}/{plain,w1,w2}`: GF(2) period-only enumeration of degree 24 and
//!   28, for a primitive LFSR (one cycle of 2^d - 1 states) and for (x^6+x+1)^4 = x^24+x^4+1 /
//!   (x^7+x+1)^4 = x^28+x^4+1 (many cycles of a few hundred states), on one worker
//!   (`Sequential`) and two (`OwnedPool`); `plain` is a word state, parity step and visited
//!   bitset walking one cycle at a time.
//! * `odd/gf3-14`, `char2/gf4-14`: period-only enumeration over GF(3) and GF(4), degree 14.
//! * `full/gf2-20`: full listing, degree 20, one and two workers.
//! * `cliff/{gf2-15,gf2-16,gf2-17,gf4-7,gf4-8,gf4-9}/{w1,w2}`: period-only enumeration of 20
//!   random LFSRs (c0 != 0, a fixed seed) per iteration, around the split threshold
//!   (`SPLIT_MIN_STATES` = 2^16); with `--features testing` also `split-w1` (the split
//!   engine forced) and `one-job` (never split), to place the threshold.
//!   `cargo bench -p lfsr-map --features testing --bench enumerate -- cliff --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gf_core::Field;
use lfsr_map::enumerate::{enumerate, Mode};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use pool_scoped::OwnedPool;
use worker_pool::{Sequential, WorkerPool};

fn lfsr(q: u64, coeffs: Vec<u64>) -> Lfsr {
    Lfsr::new(&Field::new(q).expect("field"), coeffs).expect("lfsr")
}

fn taps(d: usize, ones: &[usize]) -> Vec<u64> {
    let mut c = vec![0; d];
    ones.iter().for_each(|&i| c[i] = 1);
    c
}

/// The plainest correct kernel: one cycle at a time, parity step, plain visited bitset.
fn plain(d: usize, coeffs: &[u64]) -> u64 {
    let mask: u64 = coeffs.iter().enumerate().map(|(i, &c)| c << i).sum();
    let n = 1u64 << d;
    let mut visited = vec![0u64; (n / 64) as usize];
    let mut cycles = 0;
    for k in 0..n {
        if (visited[(k >> 6) as usize] >> (k & 63)) & 1 == 1 {
            continue;
        }
        let mut t = k;
        loop {
            visited[(t >> 6) as usize] |= 1 << (t & 63);
            t = (t >> 1) | ((((t & mask).count_ones() & 1) as u64) << (d - 1));
            if t == k {
                break;
            }
        }
        cycles += 1;
    }
    cycles
}

fn pools() -> Vec<(&'static str, Box<dyn WorkerPool>)> {
    vec![
        ("w1", Box::new(Sequential::new())),
        ("w2", Box::new(OwnedPool::new(2).expect("two threads"))),
    ]
}

fn gf2(c: &mut Criterion) {
    let mut g = c.benchmark_group("gf2");
    g.sample_size(10);
    let cases = [
        (24, "primitive", taps(24, &[0, 1, 2, 7])), // x^24+x^7+x^2+x+1
        (24, "many", taps(24, &[0, 4])),            // (x^6+x+1)^4
        (28, "primitive", taps(28, &[0, 3])),       // x^28+x^3+1
        (28, "many", taps(28, &[0, 4])),            // (x^7+x+1)^4
    ];
    let pools = pools();
    for (d, kind, coeffs) in cases {
        let name = format!("{d}-{kind}");
        g.throughput(Throughput::Elements(1 << d));
        g.bench_function(BenchmarkId::new(&name, "plain"), |b| {
            b.iter(|| plain(d, &coeffs))
        });
        let l = lfsr(2, coeffs);
        for (w, pool) in &pools {
            g.bench_function(BenchmarkId::new(&name, w), |b| {
                b.iter(|| enumerate(&l, Mode::PeriodOnly, pool.as_ref(), &Progress::new()))
            });
        }
    }
    g.finish();
}

fn other_fields(c: &mut Criterion) {
    let mut g = c.benchmark_group("fields");
    g.sample_size(10);
    let cases = [
        (
            "gf3-14",
            lfsr(3, vec![1, 2, 0, 1, 0, 0, 2, 1, 0, 0, 1, 0, 2, 1]),
        ),
        (
            "gf4-14",
            lfsr(4, vec![2, 1, 0, 3, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1]),
        ),
    ];
    for (name, l) in cases {
        g.throughput(Throughput::Elements(l.field().q().pow(14)));
        for (w, pool) in &pools() {
            g.bench_function(BenchmarkId::new(name, w), |b| {
                b.iter(|| enumerate(&l, Mode::PeriodOnly, pool.as_ref(), &Progress::new()))
            });
        }
    }
    let l = lfsr(2, taps(20, &[0, 3])); // x^20+x^3+1, primitive
    g.throughput(Throughput::Elements(1 << 20));
    for (w, pool) in &pools() {
        g.bench_function(BenchmarkId::new("full-gf2-20", w), |b| {
            b.iter(|| enumerate(&l, Mode::Full, pool.as_ref(), &Progress::new()))
        });
    }
    g.finish();
}

/// `n` random coefficient vectors of degree `d` over GF(q), `c0 != 0` (a fixed LCG seed).
fn random_lfsrs(q: u64, d: usize, n: usize) -> Vec<Lfsr> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D ^ (q << 8 | d as u64);
    let mut next = move |bound: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % bound
    };
    (0..n)
        .map(|_| {
            let c = (0..d)
                .map(|i| if i == 0 { 1 + next(q - 1) } else { next(q) })
                .collect();
            lfsr(q, c)
        })
        .collect()
}

fn cliff(c: &mut Criterion) {
    let mut g = c.benchmark_group("cliff");
    g.sample_size(10);
    for (q, d) in [(2, 15), (2, 16), (2, 17), (4, 7), (4, 8), (4, 9)] {
        let ls = random_lfsrs(q, d, 20);
        let name = format!("gf{q}-{d}");
        g.throughput(Throughput::Elements(20 * q.pow(d as u32)));
        let run = |pool: &dyn WorkerPool| {
            for l in &ls {
                enumerate(l, Mode::PeriodOnly, pool, &Progress::new()).expect("enumerates");
            }
        };
        for (w, pool) in &pools() {
            g.bench_function(BenchmarkId::new(&name, w), |b| {
                b.iter(|| run(pool.as_ref()))
            });
        }
        #[cfg(feature = "testing")]
        {
            use lfsr_map::enumerate::enumerate_split;
            let forced = |threshold: u64| {
                for l in &ls {
                    let p = Progress::new();
                    enumerate_split(l, Mode::PeriodOnly, &Sequential::new(), &p, threshold)
                        .expect("enumerates");
                }
            };
            g.bench_function(BenchmarkId::new(&name, "split-w1"), |b| {
                b.iter(|| forced(0))
            });
            g.bench_function(BenchmarkId::new(&name, "one-job"), |b| {
                b.iter(|| forced(u64::MAX))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, gf2, other_fields, cliff);
criterion_main!(benches);
