//! Several analyses at once, from different threads, on the same pool: every strategy gives
//! each caller exactly the report a lone sequential run gives.

use std::time::Duration;

use gf_core::Field;
use lfsr_map::analysis::{analyze, Analysis, Method, Options};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use worker_pool::{FreshPool, Sequential, WorkerPool};

fn lfsrs() -> Vec<Lfsr> {
    let gf = |q| Field::new(q).unwrap();
    vec![
        // x^13 + x^4 + x^3 + x + 1, primitive: one long cycle split across workers
        Lfsr::new(&gf(2), vec![1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap(),
        Lfsr::new(&gf(2), vec![1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]).unwrap(),
        Lfsr::new(&gf(3), vec![1, 0, 0, 0, 0, 0]).unwrap(),
        Lfsr::new(&gf(4), vec![2, 1, 1, 0, 3, 1]).unwrap(),
        Lfsr::new(&gf(2), vec![0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1]).unwrap(), // singular
        Lfsr::new(&gf(5), vec![1, 3, 2, 1, 4]).unwrap(),
    ]
}

fn full(method: Method) -> Options {
    Options {
        method,
        full: matches!(method, Method::Auto),
        ..Options::default()
    }
}

fn alone(lfsr: &Lfsr, method: Method) -> Analysis {
    analyze(lfsr, &full(method), &Sequential::new(), &Progress::new()).unwrap()
}

/// Four threads at once, each through every LFSR in a different order and both enumerating
/// methods, all on `pool`.
fn concurrently(pool: &dyn WorkerPool) {
    let lfsrs = lfsrs();
    let methods = [Method::Auto, Method::Enumerate];
    let want: Vec<Vec<Analysis>> = lfsrs
        .iter()
        .map(|l| methods.iter().map(|&m| alone(l, m)).collect())
        .collect();
    std::thread::scope(|s| {
        for t in 0..4 {
            let (lfsrs, want) = (&lfsrs, &want);
            s.spawn(move || {
                for k in 0..lfsrs.len() {
                    let i = (k + t) % lfsrs.len();
                    for (j, &m) in methods.iter().enumerate() {
                        let got = analyze(&lfsrs[i], &full(m), pool, &Progress::new()).unwrap();
                        assert_eq!(got, want[i][j], "{} thread {t}, lfsr {i}", pool.name());
                    }
                }
            });
        }
    });
}

#[test]
fn sequential() {
    concurrently(&Sequential::new());
}

#[test]
fn fresh_pool() {
    concurrently(&FreshPool::new(2));
    concurrently(&FreshPool::new(3));
}

#[test]
fn simple_pool() {
    concurrently(&pool_simple::GlobalPool::new(2));
}

#[test]
fn idle_timeout_pool() {
    concurrently(&pool_idle_timeout::IdleTimeoutPool::new(
        3,
        Duration::from_millis(5),
    ));
}

#[test]
fn scoped_pool() {
    concurrently(&pool_scoped::OwnedPool::new(2).unwrap());
}
