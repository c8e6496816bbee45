//! Property: any sequence of lifecycle operations (use, idle past the timeout, use again,
//! shutdown, use after shutdown) runs every accepted job exactly once, retires exactly the
//! expired workers beyond `min_idle`, and ends with no thread alive.
//!
//! Each case runs in a forked process with a timeout, so a deadlock fails the case
//! instead of hanging the test run.
#![cfg(not(loom))] // real threads; the loom models live in src/loom_tests.rs

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{wait_until, Tally, TestSpawner};
use pool_idle_timeout::{Builder, Clock, IdleTimeoutPool, ManualClock};
use proptest::prelude::*;
use worker_pool::{PoolError, WorkerPool};

const TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Debug, Clone)]
enum Op {
    /// `callers` threads each run one call of `jobs` jobs at the same time.
    Use {
        jobs: usize,
        callers: usize,
    },
    /// Let the pool go quiet, move the clock past the timeout, reap.
    IdlePastTimeout,
    /// Move the clock by less than the timeout, reap.
    Tick(u64),
    Shutdown,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..64, 1usize..=3).prop_map(|(jobs, callers)| Op::Use { jobs, callers }),
        2 => Just(Op::IdlePastTimeout),
        1 => (0u64..1000).prop_map(Op::Tick),
        1 => Just(Op::Shutdown),
    ]
}

/// Runs one `Use` and returns how many jobs it ran (0 after shutdown).
fn use_pool(pool: &Arc<IdleTimeoutPool>, jobs: usize, callers: usize) -> u64 {
    let calls: Vec<_> = (0..callers)
        .map(|_| {
            let pool = Arc::clone(pool);
            std::thread::spawn(move || {
                let tally = Tally::new(jobs);
                let result = pool.execute(jobs, &tally.job());
                (result, tally)
            })
        })
        .collect();
    let mut ran = 0;
    for call in calls {
        let (result, tally) = call.join().unwrap();
        match result {
            Ok(()) => tally.assert_each_ran_once(),
            Err(PoolError::ShutDown) => assert!(pool.is_shut_down() && tally.total() == 0),
            Err(e) => panic!("unexpected error {e}"),
        }
        ran += tally.total() as u64;
    }
    ran
}

fn idle_past_timeout(pool: &IdleTimeoutPool, clock: &ManualClock, min_idle: usize) {
    wait_until("every live worker is idle", || {
        pool.idle_workers() == pool.live_workers()
    });
    let live = pool.live_workers();
    clock.advance(TIMEOUT);
    let reaped = pool.reap(clock.now());
    let kept = live.min(min_idle);
    assert_eq!((reaped, pool.live_workers()), (live - kept, kept));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, timeout: 30_000, ..ProptestConfig::default() })]

    #[test]
    fn lifecycle_runs_every_job_once_and_leaks_no_thread(
        workers in 1usize..=4,
        min_idle in 0usize..=2,
        ops in prop::collection::vec(op(), 1..16),
    ) {
        let clock = Arc::new(ManualClock::new());
        let spawner = TestSpawner::new();
        let pool = Arc::new(
            Builder::new(workers)
                .idle_timeout(TIMEOUT)
                .min_idle(min_idle)
                .clock(clock.clone())
                .spawner(spawner.clone())
                .manual_reaping()
                .build(),
        );
        let mut expected_jobs = 0;
        for op in ops {
            match op {
                Op::Use { jobs, callers } => {
                    let accepted = !pool.is_shut_down();
                    let ran = use_pool(&pool, jobs, callers);
                    prop_assert_eq!(ran, if accepted { (jobs * callers) as u64 } else { 0 });
                    expected_jobs += ran;
                }
                Op::IdlePastTimeout => idle_past_timeout(&pool, &clock, min_idle),
                Op::Tick(ms) => {
                    clock.advance(Duration::from_millis(ms));
                    pool.reap(clock.now());
                }
                Op::Shutdown => pool.shutdown(),
            }
            prop_assert!(pool.live_workers() <= workers);
        }
        pool.shutdown();
        let m = pool.metrics();
        prop_assert_eq!(m.jobs_run, expected_jobs);
        prop_assert_eq!((m.threads_alive, spawner.running()), (0, 0));
        prop_assert_eq!(m.threads_spawned, spawner.spawned() as u64);
    }
}
