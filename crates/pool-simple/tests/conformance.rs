//! Strategy A against the conformance suite and two properties: random shapes of work give
//! the sequential answer, and random lifecycle sequences (uses with different worker
//! counts, explicit resizes, shutdowns, uses again) run every job exactly once, create,
//! grow and spawn exactly what the sizing policy predicts, and leave no thread alive after
//! shutdown.
//!
//! Every test here shares the one process-global pool, so each holds `SERIAL`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use pool_simple::{global_metrics, resize_worker_pool, shutdown_worker_pool, GlobalPool};
use proptest::prelude::*;
use worker_pool::testing::{chunked_mix, conformance, expected_mix};
use worker_pool::WorkerPool;
use worker_pool::WorkerPoolExt;

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    worker_pool::poison::lock(&SERIAL)
}

#[test]
fn global_pool_conforms() {
    let _serial = serial();
    conformance(GlobalPool::new);
    shutdown_worker_pool();
    assert_eq!(global_metrics().threads_alive, 0);
}

#[test]
fn shutdown_is_idempotent_and_the_next_use_starts_afresh() {
    let _serial = serial();
    shutdown_worker_pool();
    let before = global_metrics();
    shutdown_worker_pool();
    assert_eq!(global_metrics(), before, "a second shutdown does nothing");
    GlobalPool::new(3).execute(5, &|_| {}).unwrap();
    let m = global_metrics();
    assert_eq!(m.pools_created, before.pools_created + 1);
    assert_eq!(m.threads_alive, 3);
    shutdown_worker_pool();
    assert_eq!(global_metrics().threads_alive, 0);
}

#[test]
fn racing_resizes_and_shutdowns_lose_no_job_and_leak_no_thread() {
    let _serial = serial();
    shutdown_worker_pool();
    let start = global_metrics();
    let total = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for workers in [2, 3] {
            let total = &total;
            s.spawn(move || {
                for call in 0..150usize {
                    let n = 1 + call % 17;
                    let got = GlobalPool::new(workers)
                        .map(n, |i| i * workers)
                        .expect("no job panics");
                    assert_eq!(got, (0..n).map(|i| i * workers).collect::<Vec<_>>());
                    total.fetch_add(n, Ordering::Relaxed);
                }
            });
        }
        s.spawn(|| {
            for _ in 0..30 {
                shutdown_worker_pool();
                std::thread::yield_now();
            }
        });
    });
    shutdown_worker_pool();
    let end = global_metrics();
    // However the shutdowns interleave, the 3-handle always ran on a pool of 3 workers.
    assert!(end.pools_created > start.pools_created);
    assert!(end.threads_spawned - start.threads_spawned >= 3);
    assert_eq!(end.threads_alive, 0);
    assert_eq!(
        end.threads_spawned - start.threads_spawned,
        end.threads_retired - start.threads_retired
    );
    assert_eq!(
        end.jobs_run - start.jobs_run,
        total.load(Ordering::Relaxed) as u64
    );
}

#[derive(Debug, Clone)]
enum Op {
    Use { workers: usize, jobs: usize },
    Resize { workers: usize },
    Shutdown,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (1usize..5, 0usize..300).prop_map(|(workers, jobs)| Op::Use { workers, jobs }),
        1 => (1usize..5).prop_map(|workers| Op::Resize { workers }),
        1 => Just(Op::Shutdown),
    ]
}

/// The sizing policy as a model: which pool size is installed, and what it cost so far.
#[derive(Debug, Default)]
struct Model {
    installed: Option<usize>,
    created: u64,
    grows: u64,
    spawned: u64,
}

impl Model {
    /// A use (or an explicit resize, with `shrink`) asking for `workers`.
    fn ask(&mut self, workers: usize, shrink: bool) {
        match self.installed {
            Some(size) if size < workers => {
                self.grows += 1;
                self.spawned += (workers - size) as u64;
            }
            Some(size) if size == workers || !shrink => return,
            _ => {
                self.created += 1;
                self.spawned += workers as u64;
            }
        }
        self.installed = Some(workers);
    }
}

proptest! {
    // `timeout` runs each case in a forked child, so a deadlock fails the case.
    #![proptest_config(ProptestConfig { cases: 24, timeout: 30_000, ..ProptestConfig::default() })]

    #[test]
    fn global_pool_matches_sequential(items in 0usize..3_000, chunk in 1usize..400, workers in 1usize..5) {
        let _serial = serial();
        prop_assert_eq!(chunked_mix(&GlobalPool::new(workers), items, chunk).unwrap(), expected_mix(items));
    }

    #[test]
    fn lifecycle_runs_every_job_once_and_leaks_no_thread(ops in prop::collection::vec(op(), 1..12)) {
        let _serial = serial();
        shutdown_worker_pool();
        let start = global_metrics();
        let (mut model, mut jobs_run) = (Model::default(), 0);
        for op in &ops {
            match *op {
                Op::Use { workers, jobs } => {
                    let counts: Vec<AtomicUsize> = (0..jobs).map(|_| AtomicUsize::new(0)).collect();
                    GlobalPool::new(workers)
                        .execute(jobs, &|i| {
                            counts[i].fetch_add(1, Ordering::Relaxed);
                        })
                        .unwrap();
                    prop_assert!(counts.iter().all(|c| c.load(Ordering::Relaxed) == 1));
                    if jobs > 0 {
                        model.ask(workers, false);
                    }
                    jobs_run += jobs as u64;
                }
                Op::Resize { workers } => {
                    let pool = resize_worker_pool(workers).unwrap();
                    prop_assert_eq!(pool.workers(), workers);
                    model.ask(workers, true);
                }
                Op::Shutdown => {
                    shutdown_worker_pool();
                    model.installed = None;
                }
            }
            // Every op that shrank or shut down has joined what it took down.
            let alive = model.installed.unwrap_or(0) as u64;
            prop_assert_eq!(global_metrics().threads_alive, alive, "after {:?}", op);
        }
        shutdown_worker_pool();
        let end = global_metrics();
        prop_assert_eq!(end.pools_created - start.pools_created, model.created);
        prop_assert_eq!(end.pool_grows - start.pool_grows, model.grows);
        prop_assert_eq!(end.threads_spawned - start.threads_spawned, model.spawned);
        prop_assert_eq!(end.threads_retired - start.threads_retired, model.spawned);
        prop_assert_eq!(end.jobs_run - start.jobs_run, jobs_run);
        prop_assert_eq!(end.threads_alive, 0);
    }
}
