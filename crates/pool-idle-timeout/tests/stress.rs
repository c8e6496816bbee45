//! Stress: 1,000,000 empty jobs from 4 submitting threads on a pool whose workers retire
//! after 1 ms, with random pauses so that workers keep retiring and coming back while
//! calls arrive. Every job must run exactly once, and no thread may outlive the pool.
#![cfg(not(loom))] // real threads; the loom models live in src/loom_tests.rs

mod common;

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::TestSpawner;
use pool_idle_timeout::Builder;
use worker_pool::WorkerPool;

const SUBMITTERS: u64 = 4;
const JOBS_PER_SUBMITTER: u64 = 250_000;

/// xorshift64*: a tiny deterministic generator, one per submitter.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

#[test]
fn a_million_jobs_from_four_threads_with_a_1ms_idle_timeout() {
    let spawner = TestSpawner::new();
    let pool = Arc::new(
        Builder::new(4)
            .idle_timeout(Duration::from_millis(1))
            .spawner(spawner.clone())
            .build(),
    );
    let total = Arc::new(AtomicU64::new(0));
    let submitters: Vec<_> = (0..SUBMITTERS)
        .map(|s| {
            let pool = Arc::clone(&pool);
            let total = Arc::clone(&total);
            std::thread::spawn(move || submit_all(&pool, &total, s))
        })
        .collect();
    for s in submitters {
        s.join().unwrap();
    }
    assert_eq!(
        total.load(Ordering::SeqCst),
        SUBMITTERS * JOBS_PER_SUBMITTER
    );
    let m = pool.metrics();
    assert_eq!(m.jobs_run, SUBMITTERS * JOBS_PER_SUBMITTER);
    assert!(m.idle_reaps > 0, "the pauses must let workers retire: {m}");
    assert!(m.threads_spawned > 4, "retired workers must come back: {m}");
    println!("{m}");
    pool.shutdown();
    let m = pool.metrics();
    assert_eq!((m.threads_alive, spawner.running()), (0, 0), "{m}");
}

/// Submits `JOBS_PER_SUBMITTER` empty jobs in calls of 1..=200 jobs; pauses 0-3 ms
/// before about one call in 4. Checks after each call that each of its jobs ran once.
fn submit_all(pool: &dyn WorkerPool, total: &Arc<AtomicU64>, seed: u64) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (seed + 1));
    let mut left = JOBS_PER_SUBMITTER;
    while left > 0 {
        if rng.below(4) == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(3000)));
        }
        let n = (1 + rng.below(200)).min(left);
        let ran: Arc<Vec<AtomicU8>> = Arc::new((0..n).map(|_| AtomicU8::new(0)).collect());
        let (marks, total) = (Arc::clone(&ran), Arc::clone(total));
        pool.execute(n as usize, &move |i| {
            marks[i].fetch_add(1, Ordering::Relaxed);
            total.fetch_add(1, Ordering::Relaxed);
        })
        .unwrap();
        assert!(ran.iter().all(|r| r.load(Ordering::Relaxed) == 1));
        left -= n;
    }
}
