//! Strategy B: a worker pool whose idle workers retire after a timeout and come back on
//! demand.
//!
//! [`IdleTimeoutPool`] keeps up to `max_workers` threads. A worker that finds no work goes
//! idle; once it has been idle longer than the *idle timeout*, a background reaper thread
//! retires it (keeping the `min_idle` most recently used ones, 0 by default). The next call
//! that needs a worker and finds none idle spawns a fresh one. So a program that analyses
//! a file of many LFSRs keeps warm threads while it works, and holds no threads at all
//! once it has been quiet for a while, without anyone calling `shutdown`.
//!
//! # How a call runs
//!
//! A call of `n` jobs is queued, then claims idle workers (the most recently idle first)
//! or spawns new ones, up to `min(n - 1, max_workers)` of them but at least one. The
//! calling thread then works on its own call too, claiming jobs exactly like a worker, and
//! returns once every job has returned. So a short call often finishes on the caller
//! before a woken worker is even running, and a long one uses up to `max_workers` workers
//! plus the caller.
//!
//! # Guarantees
//!
//! * Every job of an accepted call runs exactly once, and the call returns once all have
//!   returned (the [`WorkerPool`] contract), so jobs may borrow the caller's data. A worker
//!   may still hold a call's batch for a moment after it returned; it finds nothing left to
//!   claim and never touches the job. Every queued call is taken up by a worker,
//!   even one that arrives while the last worker retires; if a thread cannot be spawned
//!   while no worker is alive, the call returns [`PoolError::Spawn`] without running
//!   anything.
//! * A worker is either *claimed* by a call or *retired* by the reaper, never both: both
//!   decisions are taken under the pool's one lock, by removing the worker from the idle
//!   list. The crate's `README.md` walks through the protocol and every race it closes.
//! * At most `max_workers` workers are live; a retiring worker stops counting at once, so
//!   for a moment one more thread may exist while it exits.
//! * [`shutdown`](IdleTimeoutPool::shutdown) (also run on drop) lets accepted calls
//!   finish, then stops and joins the reaper and every worker: afterwards
//!   [`metrics`](WorkerPool::metrics) shows `threads_alive == 0`, and `execute` returns
//!   [`PoolError::ShutDown`].
//! * A job that calls `execute` on the pool running it does not deadlock: on one of the
//!   pool's workers the nested call runs inline on that worker (on the caller's thread it
//!   is an ordinary call).
//! * A panicking job becomes [`PoolError::JobPanicked`]; the worker survives it.
//!
//! # Example
//!
//! ```
//! use std::time::Duration;
//! use pool_idle_timeout::IdleTimeoutPool;
//! use worker_pool::{WorkerPool, WorkerPoolExt};
//!
//! let pool = IdleTimeoutPool::new(2, Duration::from_millis(50));
//! assert_eq!(pool.map(4, |i| i * i).unwrap(), vec![0, 1, 4, 9]);
//!
//! // Retire every idle worker now, as if the timeout had passed; the next call
//! // spawns fresh workers on demand.
//! pool.reap_all();
//! assert_eq!(pool.live_workers(), 0);
//! assert_eq!(pool.map(3, |i| i + 1).unwrap(), vec![1, 2, 3]);
//!
//! pool.shutdown();
//! let m = pool.metrics();
//! assert_eq!((m.pools_created, m.threads_alive), (1, 0));
//! assert!(m.idle_reaps >= 1);
//! ```
//!
//! # Testing with a manual clock
//!
//! Time is read through the [`Clock`] trait and reaping is one explicit step,
//! [`reap(now)`](IdleTimeoutPool::reap), which the background reaper calls when an idle
//! worker's timeout expires. Tests turn the reaper thread off, use a [`ManualClock`] and
//! reap by hand, so that "idle past the timeout" needs no sleeping:
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Duration;
//! use pool_idle_timeout::{Builder, Clock, ManualClock};
//! use worker_pool::{WorkerPool, WorkerPoolExt};
//!
//! let clock = Arc::new(ManualClock::new());
//! let pool = Builder::new(1)
//!     .idle_timeout(Duration::from_secs(10))
//!     .clock(clock.clone())
//!     .manual_reaping()
//!     .build();
//! pool.map(1, |i| i).unwrap();
//! # while pool.idle_workers() < 1 { std::thread::yield_now(); }
//! assert_eq!(pool.reap(clock.now()), 0); // idle, but not for 10 s yet
//! clock.advance(Duration::from_secs(10));
//! assert_eq!(pool.reap(clock.now()), 1); // now it is retired
//! assert_eq!(pool.live_workers(), 0);
//! ```
//!
//! Spawning goes through the [`Spawner`] trait in the same way, so that tests can make it
//! fail. Under `--cfg loom` the protocol's locks, condition variables and threads are
//! loom's, and the crate's loom tests model-check it (see the README).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use worker_pool::crew::run_inline;
use worker_pool::{Batch, PoolError, PoolMetrics, WorkerPool};

mod clock;
#[cfg(all(test, loom))]
mod loom_tests;
mod protocol;
mod spawn;
mod sync;

pub use clock::{Clock, ManualClock, SystemClock};
pub use spawn::{Spawner, ThreadMain, ThreadSpawner};

use protocol::{Config, Shared};

/// The idle timeout [`IdleTimeoutPool::with_workers`] and [`Builder::new`] use.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(5);

/// A pool of up to `max_workers` threads whose idle workers retire after a timeout and
/// are re-created on demand. See the [crate docs](crate) for the guarantees.
///
/// ```
/// use std::time::Duration;
/// use pool_idle_timeout::IdleTimeoutPool;
/// use worker_pool::WorkerPoolExt;
///
/// let pool = IdleTimeoutPool::new(4, Duration::from_millis(100));
/// let sums = pool.map(3, |i| (0..=i as u64).sum::<u64>()).unwrap();
/// assert_eq!(sums, vec![0, 1, 3]);
/// ```
#[derive(Debug)]
pub struct IdleTimeoutPool {
    shared: Arc<Shared>,
}

impl IdleTimeoutPool {
    /// A pool of up to `max_workers` threads (0 is treated as 1) whose idle workers
    /// retire after `idle_timeout`, with a background reaper and `min_idle = 0`.
    /// No thread starts before the first call.
    pub fn new(max_workers: usize, idle_timeout: Duration) -> Self {
        Builder::new(max_workers).idle_timeout(idle_timeout).build()
    }

    /// [`new`](Self::new) with [`DEFAULT_IDLE_TIMEOUT`].
    pub fn with_workers(max_workers: usize) -> Self {
        Builder::new(max_workers).build()
    }

    /// One reaping step: retires the idle workers whose idle timeout has expired at `now`
    /// (oldest first, keeping the `min_idle` most recently idle), and joins the threads of
    /// workers that retired earlier. Returns how many workers it retired.
    ///
    /// The background reaper calls this on its own; call it yourself with
    /// [`Builder::manual_reaping`] and a [`ManualClock`]. A retired worker leaves
    /// [`live_workers`](Self::live_workers) at once; its thread exits right after.
    pub fn reap(&self, now: Instant) -> usize {
        self.shared.reap(now)
    }

    /// Makes the pool idle now, as if every idle timeout had expired: waits until no work
    /// is queued or running, retires every worker (`min_idle` ignored) and joins their
    /// threads. Returns how many it retired. The next call spawns workers again.
    ///
    /// Meant for benchmarks and tests ("the first call after an idle period"); if other
    /// threads keep submitting work, this waits until they pause. Called from a job running
    /// on one of the pool's workers it returns 0 at once: the pool cannot go idle while that
    /// job runs.
    pub fn reap_all(&self) -> usize {
        if self.shared.on_own_worker() {
            return 0;
        }
        self.shared.reap_all()
    }

    /// Stops the pool: refuses new calls ([`PoolError::ShutDown`]), retires the idle
    /// workers, lets calls already accepted finish, then joins the reaper and every worker
    /// thread. Idempotent; also run when the pool is dropped.
    ///
    /// Called from a job running on this pool, it only signals (a thread cannot join
    /// itself): the threads then exit on their own, unjoined.
    pub fn shutdown(&self) {
        self.shared.shutdown();
    }

    /// `true` once [`shutdown`](Self::shutdown) has been called.
    pub fn is_shut_down(&self) -> bool {
        self.shared.is_shut_down()
    }

    /// Workers currently counted against `max_workers`: busy or idle, not retiring.
    pub fn live_workers(&self) -> usize {
        self.shared.live_workers()
    }

    /// Workers currently idle (waiting to be claimed or reaped).
    pub fn idle_workers(&self) -> usize {
        self.shared.idle_workers()
    }

    /// The idle timeout after which an idle worker may be reaped.
    pub fn idle_timeout(&self) -> Duration {
        self.shared.config.idle_timeout
    }

    /// Runs the jobs of `batch` on the pool without waiting: for the loom tests, where the
    /// caller cannot block in `Batch::wait` (a `std` condition variable).
    #[cfg(all(test, loom))]
    fn submit(&self, batch: &Arc<Batch>) -> Result<(), PoolError> {
        self.shared.submit(batch)
    }
}

impl WorkerPool for IdleTimeoutPool {
    /// Runs `job(i)` for every `i` in `0..n` on the pool's workers (claimed, or spawned if
    /// none is idle) and on the calling thread. On one of this pool's own workers (a job
    /// calling its pool) the jobs run inline on that worker instead.
    ///
    /// Workers may still hold the batch for a moment after the call returned (a queued task
    /// whose jobs the caller already claimed): they find nothing left to claim and never
    /// touch the job, so the job may borrow the caller's data.
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        if n == 0 {
            return Ok(());
        }
        if self.shared.on_own_worker() {
            if self.shared.is_shut_down() {
                return Err(PoolError::ShutDown);
            }
            return run_inline(n, job, &self.shared.metrics);
        }
        // After `submit`, `run` helps while the woken workers get going: for short calls the
        // caller often runs most jobs itself, which is what keeps a warm call cheap. A
        // refused submit (`ShutDown`, `Spawn`) queued nothing, so no job runs.
        Batch::run(n, job, &self.shared.metrics, |batch| {
            self.shared.submit(batch)
        })
    }

    fn workers(&self) -> usize {
        self.shared.config.max_workers
    }

    fn metrics(&self) -> PoolMetrics {
        self.shared.metrics.snapshot()
    }

    fn name(&self) -> &'static str {
        "idle-timeout"
    }
}

impl Drop for IdleTimeoutPool {
    fn drop(&mut self) {
        self.shared.shutdown();
    }
}

/// Configures an [`IdleTimeoutPool`].
///
/// ```
/// use std::time::Duration;
/// use pool_idle_timeout::Builder;
/// use worker_pool::WorkerPool;
///
/// let pool = Builder::new(4)
///     .idle_timeout(Duration::from_millis(200))
///     .min_idle(1)
///     .build();
/// assert_eq!(pool.workers(), 4);
/// ```
#[derive(Debug)]
pub struct Builder {
    max_workers: usize,
    idle_timeout: Duration,
    min_idle: usize,
    background_reaper: bool,
    clock: Arc<dyn Clock>,
    spawner: Arc<dyn Spawner>,
}

impl Builder {
    /// Up to `max_workers` threads (0 is treated as 1), [`DEFAULT_IDLE_TIMEOUT`],
    /// `min_idle = 0`, a background reaper, the [`SystemClock`] and [`ThreadSpawner`].
    pub fn new(max_workers: usize) -> Self {
        Self {
            max_workers: max_workers.max(1),
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            min_idle: 0,
            background_reaper: true,
            clock: Arc::new(SystemClock),
            spawner: Arc::new(ThreadSpawner),
        }
    }

    /// How long a worker may stay idle before the reaper retires it (0: as soon as the
    /// reaper sees it idle).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// How many idle workers the reaper always leaves alone (the most recently idle
    /// ones); capped at `max_workers`. These are kept, not pre-started.
    pub fn min_idle(mut self, min_idle: usize) -> Self {
        self.min_idle = min_idle;
        self
    }

    /// Reads the time from `clock` instead of the [`SystemClock`].
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Starts threads with `spawner` instead of the [`ThreadSpawner`].
    pub fn spawner(mut self, spawner: Arc<dyn Spawner>) -> Self {
        self.spawner = spawner;
        self
    }

    /// No background reaper thread: idle workers retire only when you call
    /// [`IdleTimeoutPool::reap`] (or [`reap_all`](IdleTimeoutPool::reap_all)).
    pub fn manual_reaping(mut self) -> Self {
        self.background_reaper = false;
        self
    }

    /// The pool. No thread starts until the first call needs one (the reaper starts with
    /// the first worker).
    pub fn build(self) -> IdleTimeoutPool {
        let config = Config {
            max_workers: self.max_workers,
            idle_timeout: self.idle_timeout,
            min_idle: self.min_idle.min(self.max_workers),
            background_reaper: self.background_reaper,
        };
        IdleTimeoutPool {
            shared: Shared::new(config, self.clock, self.spawner),
        }
    }
}
