//! Shared pieces of lfsr-map's benchmarks: a busy-spin that stands in for a job of known
//! length, and [`WorkerPool`] adapters for the reference pools (rayon, threadpool), so that
//! every pool is driven through the same `&dyn WorkerPool` call in the comparisons.
//!
//! The adapters use each library the way its documentation suggests (a parallel iterator
//! inside `install` for rayon, one `execute` per job then `join` for threadpool), catch job
//! panics per job so they honour the [`WorkerPool`] error contract, and count `jobs_run`;
//! their other lifecycle counters stay 0 because these libraries do not expose them.
//! rayon's parallel iterators borrow the job directly; threadpool's tasks are `'static`, so
//! each task carries the call's [`Batch`] and runs one job of it ([`Batch::work_one`]).
//!
//! ```
//! use lfsr_map_benches::{Rayon, Threadpool};
//! use worker_pool::WorkerPoolExt;
//!
//! assert_eq!(Rayon::private(2).map(3, |i| i * 2).unwrap(), vec![0, 2, 4]);
//! assert_eq!(Threadpool::new(2).map(3, |i| i + 1).unwrap(), vec![1, 2, 3]);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use worker_pool::poison::lock;
use worker_pool::{
    panic_message, Batch, MetricsRecorder, PanicPayload, PoolError, PoolMetrics, WorkerPool,
};

/// Busy-waits for `d` on the calling thread (a job that keeps a core busy for a known time).
pub fn spin(d: Duration) {
    let start = Instant::now();
    while start.elapsed() < d {
        std::hint::spin_loop();
    }
}

/// The lowest panicking index of a call, with its payload.
#[derive(Default)]
struct FirstPanic(Mutex<Option<(usize, Box<dyn std::any::Any + Send>)>>);

impl FirstPanic {
    /// Runs `job(i)`, recording a panic instead of unwinding.
    fn run(&self, job: &(dyn Fn(usize) + Sync), i: usize) {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| job(i))) {
            let mut first = lock(&self.0);
            if first.as_ref().is_none_or(|(j, _)| i < *j) {
                *first = Some((i, payload));
            }
        }
    }

    fn outcome(&self) -> Result<(), PoolError> {
        match lock(&self.0).take() {
            None => Ok(()),
            Some((index, payload)) => Err(PoolError::JobPanicked {
                index,
                message: panic_message(payload.as_ref()),
                payload: PanicPayload::new(payload),
            }),
        }
    }
}

/// rayon as a [`WorkerPool`]: a private `ThreadPool`, or rayon's global pool.
pub struct Rayon {
    pool: Option<rayon::ThreadPool>,
    metrics: MetricsRecorder,
}

impl Rayon {
    /// A private rayon `ThreadPool` with `workers` threads.
    ///
    /// # Panics
    ///
    /// If rayon cannot start the threads (benchmark setup only).
    pub fn private(workers: usize) -> Self {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(workers.max(1))
            .build()
            .expect("rayon thread pool");
        Self {
            pool: Some(pool),
            metrics: MetricsRecorder::new(),
        }
    }

    /// rayon's global pool (created by rayon on first use, never shut down).
    pub fn global() -> Self {
        Self {
            pool: None,
            metrics: MetricsRecorder::new(),
        }
    }
}

impl WorkerPool for Rayon {
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        let panics = FirstPanic::default();
        let run = || (0..n).into_par_iter().for_each(|i| panics.run(job, i));
        match &self.pool {
            Some(pool) => pool.install(run),
            None => run(),
        }
        self.metrics.record_jobs_run(n as u64);
        panics.outcome()
    }
    fn workers(&self) -> usize {
        match &self.pool {
            Some(pool) => pool.current_num_threads(),
            None => rayon::current_num_threads(),
        }
    }
    fn metrics(&self) -> PoolMetrics {
        self.metrics.snapshot()
    }
    fn name(&self) -> &'static str {
        match self.pool {
            Some(_) => "rayon-private",
            None => "rayon-global",
        }
    }
}

/// The `threadpool` crate as a [`WorkerPool`]: one `execute` per job, then `join`.
///
/// `join` waits for every job in the pool, so concurrent callers wait for each other, and a
/// job must not call this pool (it would wait for itself): a baseline, not a strategy.
pub struct Threadpool {
    pool: threadpool::ThreadPool,
    metrics: Arc<MetricsRecorder>,
}

impl Threadpool {
    /// A `threadpool::ThreadPool` with `workers` threads.
    pub fn new(workers: usize) -> Self {
        Self {
            pool: threadpool::ThreadPool::new(workers.max(1)),
            metrics: Arc::new(MetricsRecorder::new()),
        }
    }
}

impl WorkerPool for Threadpool {
    /// One threadpool task per job, then `join`; the caller runs no job itself.
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        Batch::run(n, job, &self.metrics, |batch| {
            for _ in 0..n {
                let (batch, metrics) = (Arc::clone(batch), Arc::clone(&self.metrics));
                self.pool.execute(move || {
                    batch.work_one(&metrics);
                });
            }
            self.pool.join(); // every job has run: `run` finds nothing left to claim
            Ok(())
        })
    }
    fn workers(&self) -> usize {
        self.pool.max_count()
    }
    fn metrics(&self) -> PoolMetrics {
        self.metrics.snapshot()
    }
    fn name(&self) -> &'static str {
        "threadpool"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use worker_pool::testing::{chunked_mix, expected_mix};
    use worker_pool::WorkerPoolExt;

    fn check(pool: &dyn WorkerPool) {
        assert_eq!(chunked_mix(pool, 1_000, 7).unwrap(), expected_mix(1_000));
        let err = pool
            .execute(10, &|i| assert!(i != 4 && i != 8, "job {i} fails"))
            .unwrap_err();
        let PoolError::JobPanicked {
            index,
            message,
            payload,
        } = err
        else {
            panic!("expected JobPanicked, got {err:?}");
        };
        assert_eq!((index, message.as_str()), (4, "job 4 fails"));
        let payload = payload.take().expect("the payload is kept");
        assert_eq!(payload.downcast_ref::<String>().unwrap(), "job 4 fails");
        assert_eq!(pool.map(2, |i| i).unwrap(), vec![0, 1]);
        assert_eq!(pool.metrics().jobs_run, 143 + 10 + 2);
    }

    #[test]
    fn adapters_give_the_sequential_answer_and_report_panics() {
        check(&Rayon::private(2));
        check(&Rayon::global());
        check(&Threadpool::new(2));
    }

    #[test]
    fn spin_waits_at_least_as_long_as_asked() {
        let start = Instant::now();
        spin(Duration::from_micros(200));
        assert!(start.elapsed() >= Duration::from_micros(200));
    }
}
