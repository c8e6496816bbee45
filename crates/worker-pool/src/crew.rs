//! [`Crew`]: a fixed set of worker threads fed by one channel, and the dispatch every
//! channel-fed strategy uses.
//!
//! A call of `n` jobs becomes one [`Batch`]; the crew sends `min(workers, n) - 1` tasks (the
//! same `Arc<Batch>`) down the channel, works on the batch on the calling thread too, and
//! waits ([`fan_out`]). So a call uses at most `workers` threads counting the caller, and the
//! caller never sleeps while a job is unclaimed. A call from one of the crew's own workers (a
//! job calling its pool) runs inline on that worker, so no worker ever waits for its own crew.
//!
//! The crew's lifecycle is explicit: [`Crew::start`] spawns, [`Crew::close`] lets the workers
//! exit once the queued tasks are done, [`Crew::join`] closes and joins. Strategies decide
//! when (`pool-simple`: on rebuild or shutdown; `pool-scoped`: on drop).
//!
//! ```
//! use std::sync::Arc;
//! use worker_pool::crew::Crew;
//! use worker_pool::MetricsRecorder;
//!
//! let crew = Crew::start("example", 2, Arc::new(MetricsRecorder::new())).unwrap();
//! let data = [1u64, 2, 3, 4];
//! let sum = std::sync::atomic::AtomicU64::new(0);
//! crew.execute(4, &|i| {
//!     sum.fetch_add(data[i], std::sync::atomic::Ordering::Relaxed);
//! })
//! .unwrap();
//! assert_eq!(sum.into_inner(), 10);
//! crew.join();
//! assert_eq!(crew.metrics().snapshot().threads_alive, 0);
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};

use crate::poison::lock;
use crate::worker::{self, PoolId};
use crate::{Batch, MetricsRecorder, PoolError};

/// Runs `job` for every index in `0..n`: sends `min(workers, n) - 1` tasks with `send`, works
/// on the calling thread too, and waits. The one dispatch rule of the channel-fed pools.
pub fn fan_out(
    n: usize,
    job: &(dyn Fn(usize) + Sync),
    workers: usize,
    metrics: &MetricsRecorder,
    mut send: impl FnMut(Arc<Batch>),
) -> Result<(), PoolError> {
    Batch::run(n, job, metrics, |batch| {
        for _ in 1..workers.min(n) {
            send(Arc::clone(batch));
        }
        Ok(())
    })
}

/// Runs every job on the calling thread (a nested call from a worker, or a pool without
/// threads), with the same panic handling as a dispatched call.
pub fn run_inline(
    n: usize,
    job: &(dyn Fn(usize) + Sync),
    metrics: &MetricsRecorder,
) -> Result<(), PoolError> {
    Batch::run(n, job, metrics, |_| Ok(()))
}

/// `workers` threads sharing one channel of batches. See the [module docs](self).
#[derive(Debug)]
pub struct Crew {
    id: PoolId,
    workers: usize,
    sender: Mutex<Option<Sender<Arc<Batch>>>>,
    handles: Mutex<Vec<JoinHandle<()>>>,
    live: Arc<AtomicUsize>,
    metrics: Arc<MetricsRecorder>,
}

/// Counts a worker out of `live` when its thread ends, normally or not.
struct Alive(Arc<AtomicUsize>);

impl Drop for Alive {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Crew {
    /// Starts `workers` threads (`0` is treated as 1) named `"{name}-{k}"`, serving a pool
    /// with a fresh [`PoolId`] named `name`. Records the threads, and on success the pool,
    /// in `metrics`.
    ///
    /// # Errors
    ///
    /// [`PoolError::Spawn`] if a thread could not be started; those already started are
    /// joined first.
    pub fn start(
        name: &'static str,
        workers: usize,
        metrics: Arc<MetricsRecorder>,
    ) -> Result<Self, PoolError> {
        let workers = workers.max(1);
        let (tx, rx) = crossbeam_channel::unbounded();
        let crew = Crew {
            id: PoolId::new(name),
            workers,
            sender: Mutex::new(Some(tx)),
            handles: Mutex::new(Vec::with_capacity(workers)),
            live: Arc::new(AtomicUsize::new(0)),
            metrics,
        };
        for k in 0..workers {
            if let Err(e) = crew.spawn_worker(k, rx.clone()) {
                crew.join();
                return Err(PoolError::spawn(&e));
            }
        }
        crew.metrics.record_pool_created();
        Ok(crew)
    }

    fn spawn_worker(&self, k: usize, rx: Receiver<Arc<Batch>>) -> std::io::Result<()> {
        let (id, metrics) = (self.id, Arc::clone(&self.metrics));
        let alive = Alive(Arc::clone(&self.live));
        self.live.fetch_add(1, Ordering::SeqCst);
        let handle = std::thread::Builder::new()
            .name(format!("{}-{k}", self.id.name()))
            .spawn(move || {
                let _alive = alive;
                worker::serve(id, &metrics, || rx.recv().ok());
            })?; // on failure the closure, and `alive` with it, is dropped: not live
        self.metrics.record_thread_spawned();
        lock(&self.handles).push(handle);
        Ok(())
    }

    /// The crew's pool id (its workers' marker).
    pub fn id(&self) -> PoolId {
        self.id
    }

    /// The number of threads a call may use, counting the caller.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// The counters the crew records in.
    pub fn metrics(&self) -> &Arc<MetricsRecorder> {
        &self.metrics
    }

    /// `true` if a worker thread has exited while the crew was still open.
    pub fn is_broken(&self) -> bool {
        self.live.load(Ordering::SeqCst) < self.workers
    }

    /// Runs `job(i)` for every `i` in `0..n` and blocks until all are done: inline on one of
    /// the crew's own workers, otherwise by [`fan_out`].
    ///
    /// # Errors
    ///
    /// [`PoolError::ShutDown`] once the crew is closed (no job ran), and
    /// [`PoolError::JobPanicked`] for the lowest panicking index.
    pub fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        if self.id.is_current() {
            return run_inline(n, job, &self.metrics);
        }
        if n == 0 {
            return Ok(());
        }
        let sender = lock(&self.sender).clone().ok_or(PoolError::ShutDown)?;
        fan_out(n, job, self.workers, &self.metrics, |task| {
            // Fails only if every worker died; the caller then does the work alone.
            let _ = sender.send(task);
        })
    }

    /// Closes the channel: the workers exit once the tasks already queued are done, and
    /// later calls return [`PoolError::ShutDown`]. A call holding the channel finishes.
    pub fn close(&self) {
        drop(lock(&self.sender).take());
    }

    /// Closes the channel and joins every worker, except the calling thread if it is one
    /// (it exits on its own once its job returns). Idempotent.
    pub fn join(&self) {
        self.close();
        let me = std::thread::current().id();
        let handles = std::mem::take(&mut *lock(&self.handles));
        for handle in handles {
            if handle.thread().id() != me {
                // A worker only panics if it died, which `is_broken` already reported.
                let _ = handle.join();
            }
        }
    }
}
