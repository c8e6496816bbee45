//! [`Crew`]: a growable set of worker threads fed by one channel, and the dispatch every
//! channel-fed strategy uses.
//!
//! A call of `n` jobs becomes one [`Batch`]; the crew sends `min(workers, n) - 1` tasks (the
//! same `Arc<Batch>`) down the channel, works on the batch on the calling thread too, and
//! waits ([`fan_out`]). So a call uses at most `workers` threads counting the caller, and the
//! caller never sleeps while a job is unclaimed. [`Crew::execute_capped`] lowers that bound
//! for one call (`min(cap, workers, n) - 1` tasks): only as many workers as there are tasks
//! can ever touch the batch, so a call capped at `cap` runs on at most `cap` threads however
//! big the crew is. A call from one of the crew's own workers (a job calling its pool) runs
//! inline on that worker, so no worker ever waits for its own crew.
//!
//! The crew's lifecycle is explicit: [`Crew::start`] spawns, [`Crew::grow`] spawns more
//! workers into the same crew (same [`PoolId`], same channel: nothing is torn down),
//! [`Crew::close`] lets the workers exit once the queued tasks are done, [`Crew::join`]
//! closes and joins. A crew never shrinks; a strategy that wants fewer threads starts a new
//! crew. Strategies decide when (`pool-simple`: grow on a bigger request, rebuild on an
//! explicit resize down or a dead worker, join on shutdown; `pool-scoped`: on drop).
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
//!
//! crew.grow(3).unwrap(); // one more worker, same crew
//! assert_eq!(crew.workers(), 3);
//! crew.execute_capped(4, 1, &|_| {}).unwrap(); // this call runs on the caller alone
//! let m = crew.metrics().snapshot();
//! assert_eq!((m.pools_created, m.pool_grows, m.threads_spawned), (1, 1, 3));
//!
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

/// Worker threads sharing one channel of batches; it can grow, never shrink. See the
/// [module docs](self).
#[derive(Debug)]
pub struct Crew {
    id: PoolId,
    /// Workers started (and not failed to start) so far; only ever grows. Raised after each
    /// thread is counted in `live`, so `live < workers` means that a worker died.
    workers: AtomicUsize,
    sender: Mutex<Option<Sender<Arc<Batch>>>>,
    /// The join handles, and the receiving end that new workers get. Held for the whole of
    /// a [`grow`](Crew::grow), so growths are serialized and a [`join`](Crew::join) that
    /// follows a growth joins the threads it started.
    roster: Mutex<Roster>,
    live: Arc<AtomicUsize>,
    metrics: Arc<MetricsRecorder>,
}

/// The part of a [`Crew`] that starting a worker changes.
#[derive(Debug)]
struct Roster {
    handles: Vec<JoinHandle<()>>,
    rx: Receiver<Arc<Batch>>,
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
            workers: AtomicUsize::new(0),
            sender: Mutex::new(Some(tx)),
            roster: Mutex::new(Roster {
                handles: Vec::with_capacity(workers),
                rx,
            }),
            live: Arc::new(AtomicUsize::new(0)),
            metrics,
        };
        let started = crew.spawn_up_to(&mut lock(&crew.roster), workers);
        if let Err(e) = started {
            crew.join();
            return Err(e);
        }
        crew.metrics.record_pool_created();
        Ok(crew)
    }

    /// Grows the crew in place to `to` workers: starts the missing ones (named on from
    /// `"{name}-{workers}"`) on the same channel, under the same [`PoolId`]. Nothing stops,
    /// calls in flight go on, and later calls may use the new workers. Does nothing if the
    /// crew already has `to` workers or more (a crew never shrinks). Records the new
    /// threads, and one growth if any thread was started, in the crew's metrics.
    ///
    /// Growths are serialized; a [`join`](Crew::join) that follows one joins its threads.
    ///
    /// # Errors
    ///
    /// [`PoolError::ShutDown`] if the crew is closed (nothing is started), and
    /// [`PoolError::Spawn`] if a thread could not be started: the workers started before it
    /// stay in the crew (it is then smaller than `to`, but whole).
    pub fn grow(&self, to: usize) -> Result<(), PoolError> {
        let mut roster = lock(&self.roster);
        if self.workers() >= to {
            return Ok(());
        }
        // Checked under the roster lock: a `join` that closes after this point waits for
        // the lock, then joins the threads started here too.
        if lock(&self.sender).is_none() {
            return Err(PoolError::ShutDown);
        }
        let before = self.workers();
        let outcome = self.spawn_up_to(&mut roster, to);
        if self.workers() > before {
            self.metrics.record_pool_grown();
        }
        outcome
    }

    /// Starts workers until there are `to` (the caller holds the roster lock).
    fn spawn_up_to(&self, roster: &mut Roster, to: usize) -> Result<(), PoolError> {
        while self.workers() < to {
            let k = self.workers();
            self.spawn_worker(roster, k)
                .map_err(|e| PoolError::spawn(&e))?;
            self.workers.fetch_add(1, Ordering::SeqCst);
        }
        Ok(())
    }

    fn spawn_worker(&self, roster: &mut Roster, k: usize) -> std::io::Result<()> {
        let (id, metrics, rx) = (self.id, Arc::clone(&self.metrics), roster.rx.clone());
        let alive = Alive(Arc::clone(&self.live));
        self.live.fetch_add(1, Ordering::SeqCst);
        let handle = std::thread::Builder::new()
            .name(format!("{}-{k}", self.id.name()))
            .spawn(move || {
                let _alive = alive;
                worker::serve(id, &metrics, || rx.recv().ok());
            })?; // on failure the closure, and `alive` with it, is dropped: not live
        self.metrics.record_thread_spawned();
        roster.handles.push(handle);
        Ok(())
    }

    /// The crew's pool id (its workers' marker).
    pub fn id(&self) -> PoolId {
        self.id
    }

    /// The number of workers started so far: the most threads a call may use, counting
    /// the caller. Only ever grows ([`grow`](Crew::grow)).
    pub fn workers(&self) -> usize {
        self.workers.load(Ordering::SeqCst)
    }

    /// The counters the crew records in.
    pub fn metrics(&self) -> &Arc<MetricsRecorder> {
        &self.metrics
    }

    /// `true` if a worker thread has exited while the crew was still open.
    pub fn is_broken(&self) -> bool {
        // `workers` first: a growth raises `live` before `workers`, so a growth between the
        // two loads cannot look like a death.
        let workers = self.workers();
        self.live.load(Ordering::SeqCst) < workers
    }

    /// Runs `job(i)` for every `i` in `0..n` and blocks until all are done: inline on one of
    /// the crew's own workers, otherwise by [`fan_out`] over the whole crew.
    ///
    /// # Errors
    ///
    /// [`PoolError::ShutDown`] once the crew is closed (no job ran), and
    /// [`PoolError::JobPanicked`] for the lowest panicking index.
    pub fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        self.execute_capped(n, usize::MAX, job)
    }

    /// As [`execute`](Crew::execute), but this call uses at most `cap` threads counting the
    /// caller (`0` is treated as 1): it sends `min(cap, workers, n) - 1` tasks, and only a
    /// worker that received a task ever works on the batch. The pool-simple handles use it
    /// to give each call its handle's parallelism on a crew grown for a bigger handle.
    ///
    /// # Errors
    ///
    /// As [`execute`](Crew::execute).
    pub fn execute_capped(
        &self,
        n: usize,
        cap: usize,
        job: &(dyn Fn(usize) + Sync),
    ) -> Result<(), PoolError> {
        if self.id.is_current() {
            return run_inline(n, job, &self.metrics);
        }
        if n == 0 {
            return Ok(());
        }
        let sender = lock(&self.sender).clone().ok_or(PoolError::ShutDown)?;
        let threads = self.workers().min(cap.max(1));
        fan_out(n, job, threads, &self.metrics, |task| {
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
        let handles = std::mem::take(&mut lock(&self.roster).handles);
        for handle in handles {
            if handle.thread().id() != me {
                // A worker only panics if it died, which `is_broken` already reported.
                let _ = handle.join();
            }
        }
    }
}
