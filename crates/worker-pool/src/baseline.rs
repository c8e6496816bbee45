//! The two baselines: [`Sequential`] (no threads at all) and [`FreshPool`] (new threads for
//! every call, the per-analysis pool that the persistent strategies replace).

use std::sync::Arc;

use crate::batch::Batch;
use crate::crew::run_inline;
use crate::{MetricsRecorder, PoolError, PoolMetrics, WorkerPool};

/// Runs every job on the calling thread, in index order. Never spawns a thread.
///
/// Nested calls (a job calling the same pool) simply run inline.
///
/// ```
/// use worker_pool::{Sequential, WorkerPoolExt};
/// assert_eq!(Sequential::new().map(4, |i| i + 1).unwrap(), vec![1, 2, 3, 4]);
/// ```
#[derive(Debug, Default)]
pub struct Sequential {
    metrics: MetricsRecorder,
}

impl Sequential {
    /// A sequential "pool".
    pub fn new() -> Self {
        Self::default()
    }
}

impl WorkerPool for Sequential {
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        run_inline(n, job, &self.metrics)
    }
    fn workers(&self) -> usize {
        1
    }
    fn metrics(&self) -> PoolMetrics {
        self.metrics.snapshot()
    }
    fn name(&self) -> &'static str {
        "sequential"
    }
}

/// Creates `workers` threads for every call and joins them before returning: the
/// per-analysis pool of the original design, kept as a baseline so the saving of the
/// persistent strategies can be measured.
///
/// Each call with `n > 0` counts as one pool created and spawns `min(workers, n)` threads.
/// Nested calls create a nested fresh pool (no deadlock, just more threads).
///
/// ```
/// use worker_pool::{FreshPool, WorkerPool, WorkerPoolExt};
/// let pool = FreshPool::new(2);
/// assert_eq!(pool.map(3, |i| i * i).unwrap(), vec![0, 1, 4]);
/// let m = pool.metrics();
/// assert_eq!((m.pools_created, m.threads_alive), (1, 0));
/// ```
#[derive(Debug)]
pub struct FreshPool {
    workers: usize,
    metrics: Arc<MetricsRecorder>,
}

impl FreshPool {
    /// A baseline that starts `workers` threads per call (`0` is treated as 1).
    pub fn new(workers: usize) -> Self {
        Self {
            workers: workers.max(1),
            metrics: Arc::new(MetricsRecorder::new()),
        }
    }
}

impl WorkerPool for FreshPool {
    /// Spawns `min(workers, n)` threads that work on the batch, waits for the batch and joins
    /// them; the caller does not run jobs itself (the original design).
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        if n == 0 {
            return Ok(());
        }
        self.metrics.record_pool_created();
        Batch::run(n, job, &self.metrics, |batch| {
            let threads = self.workers.min(n);
            let mut handles = Vec::with_capacity(threads);
            let mut spawn_error = None;
            for k in 0..threads {
                let batch = Arc::clone(batch);
                let metrics = Arc::clone(&self.metrics);
                let spawned = std::thread::Builder::new()
                    .name(format!("fresh-pool-{k}"))
                    .spawn(move || {
                        batch.work(&metrics);
                    });
                match spawned {
                    Ok(h) => {
                        self.metrics.record_thread_spawned();
                        handles.push(h);
                    }
                    Err(e) => {
                        spawn_error = Some(PoolError::spawn(&e));
                        break;
                    }
                }
            }
            if handles.is_empty() {
                // No thread could start: `run` cancels the batch, nothing ran.
                return Err(spawn_error.unwrap_or(PoolError::Spawn {
                    message: "no worker thread".into(),
                }));
            }
            // The threads finish the batch; `run` then finds nothing left to claim.
            for h in handles {
                // Jobs run under catch_unwind, so a worker thread itself never panics.
                let _ = h.join();
                self.metrics.record_thread_retired();
            }
            Ok(())
        })
    }
    fn workers(&self) -> usize {
        self.workers
    }
    fn metrics(&self) -> PoolMetrics {
        self.metrics.snapshot()
    }
    fn name(&self) -> &'static str {
        "fresh"
    }
}
