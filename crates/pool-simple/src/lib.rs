//! Strategy A: one process-global worker pool, created on first use, reused by every later
//! call, grown in place when a bigger handle asks, and shut down explicitly.
//!
//! The per-analysis pool this replaces paid thread start-up and tear-down on every analysis.
//! Here the first call creates the pool, every later call reuses its threads, and
//! [`shutdown_worker_pool`] joins them when the program is done (Rust runs no destructor for
//! statics, so the program, or the test, calls it).
//!
//! ```
//! use pool_simple::{global_metrics, shutdown_worker_pool, GlobalPool};
//! use worker_pool::{WorkerPool, WorkerPoolExt};
//!
//! let pool = GlobalPool::new(2); // a cheap handle: no thread yet
//! let squares = pool.map(4, |i| i * i).unwrap(); // first use creates the pool
//! assert_eq!(squares, vec![0, 1, 4, 9]);
//! assert_eq!(pool.map(2, |i| i + 1).unwrap(), vec![1, 2]); // reuses it
//! // A bigger handle grows the same pool by one worker; the 2-handle keeps using 2 threads.
//! assert_eq!(GlobalPool::new(3).map(3, |i| i).unwrap(), vec![0, 1, 2]);
//! assert_eq!(pool.map(2, |i| i).unwrap(), vec![0, 1]);
//!
//! shutdown_worker_pool(); // joins every worker thread
//! let m = global_metrics();
//! assert_eq!((m.pools_created, m.pool_grows, m.threads_spawned), (1, 1, 3));
//! assert_eq!(m.threads_alive, 0);
//! ```
//!
//! # Sizing policy: one pool, as big as the biggest request
//!
//! Handles may ask for different worker counts ([`GlobalPool::new(2)`](GlobalPool::new) here,
//! `GlobalPool::new(3)` there); the global pool stays **one** pool:
//!
//! * It **grows in place** to the largest worker count asked for: [`get_worker_pool(n)`] with
//!   `n` above the current size starts only the missing workers, into the same generation
//!   (same [`Crew`], same channel, same workers). Nothing is torn down; `pools_created` does
//!   not move, `pool_grows` counts the growth, `threads_spawned` the new workers.
//! * Each call's parallelism is **capped at its handle's count**:
//!   `GlobalPool::new(2).execute(n, job)` runs on at most 2 threads counting the caller
//!   (it sends `min(2, n) - 1` tasks), even when the pool has grown to 8 workers.
//! * It **shrinks only on an explicit resize**: a smaller request never shrinks it;
//!   [`resize_worker_pool(n)`](resize_worker_pool) with `n` below the current size builds a
//!   new generation of `n` workers and joins the old one (a rebuild: `pools_created` + 1).
//!   Later bigger handles grow it again.
//! * A **dead worker** is detected at the next [`get_worker_pool`] (or handle call), and the
//!   pool is rebuilt at its size (or the requested one, if bigger).
//! * After [`shutdown_worker_pool`] the size is forgotten: the next use creates a fresh pool
//!   of the size it asks for.
//!
//! Alternating `GlobalPool::new(2)` and `GlobalPool::new(3)` thus creates 1 pool and spawns 3
//! threads, however long it goes on.
//!
//! # Lifecycle
//!
//! The pool lives in a `static Mutex<Option<Arc<SimplePool>>>`. [`get_worker_pool(n)`]
//! returns it (grown to `n` workers if it had fewer) unless one of its workers died;
//! otherwise it starts a new pool under the lock (so concurrent first callers wait and
//! exactly one pool is built), installs it, releases the lock, and only then shuts the old
//! pool down and joins its threads: nobody waits on the lock for a join. Growing also happens
//! under the lock (it starts threads, it joins none). [`resize_worker_pool`] rebuilds the
//! same way when it shrinks. A caller still running on an old pool finishes its call: the
//! task channel closes only when the last caller holding it has queued its tasks, the workers
//! drain the queue before they exit, and the caller helps with its own batch.
//! [`shutdown_worker_pool`] takes the pool out and joins it the same way; it is idempotent,
//! and the next use creates a fresh pool. Pools taken out but not yet joined are counted,
//! and `shutdown_worker_pool` also waits for the joins other threads are doing, so when it
//! returns, every thread of every pool taken down before it has been joined. Every pool is
//! joined by a rebuild, a resize or a shutdown; only a program that never calls
//! `shutdown_worker_pool` leaves its last pool's (idle) threads to the process exit.
//!
//! # How a call runs
//!
//! Each generation is a [`Crew`] from the `worker-pool` toolkit: workers sharing one channel
//! of `Arc<Batch>` tasks ([`Batch`] does the index claiming, panic capture and completion
//! wait). A handle's `execute(n, job)` sends `min(handle_workers, pool_workers, n) - 1` tasks
//! ([`Crew::execute_capped`]) and then works on the batch itself, so a call uses at most its
//! handle's count of threads counting the caller, and the caller never sleeps while a job is
//! still unclaimed. Only a worker that received one of the call's tasks ever touches its
//! batch, which is what makes the cap exact. Jobs may borrow the caller's data: the call
//! returns only once no job runs any more. Measured against pure dispatch (send
//! `min(workers, n)` tasks and sleep), the caller's help removes one wake-up from the
//! critical path of small calls; see the workspace README's "Pool strategies: overhead"
//! section.
//!
//! # Re-entrancy
//!
//! A thread-local marks the pool's workers ([`worker_pool::worker`]). A job running on a
//! worker that calls the pool (through [`GlobalPool`] or the [`SimplePool`] running it) runs
//! the nested call inline on that worker, so no worker ever waits for the pool it belongs
//! to. A job running on the calling thread (which helps with its batch) makes an ordinary
//! call, which it can always finish by itself. A pool is never joined from one of its own
//! workers: on a worker, [`get_worker_pool`] never rebuilds the installed pool (it may grow
//! it: that starts threads and joins none), and [`shutdown_worker_pool`] and
//! [`resize_worker_pool`] panic (which the pool turns into a [`PoolError::JobPanicked`] for
//! that job).
//!
//! [`get_worker_pool(n)`]: get_worker_pool
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard};

use worker_pool::crew::{run_inline, Crew};
use worker_pool::poison::{lock, recover};
use worker_pool::worker;
#[cfg(doc)]
use worker_pool::Batch;
use worker_pool::{MetricsRecorder, PoolError, PoolMetrics, WorkerPool};

/// The [`PoolId`](worker_pool::worker::PoolId) name of every pool-simple generation.
const NAME: &str = "pool-simple";

/// The installed pool, if any.
static GLOBAL: Mutex<Option<Arc<SimplePool>>> = Mutex::new(None);
/// How many pools were taken out of `GLOBAL` and are not joined yet (counted under the
/// `GLOBAL` lock), so that a shutdown can wait for joins that other threads are doing.
static RETIRING: Mutex<usize> = Mutex::new(0);
/// Signalled when `RETIRING` drops to 0.
static ALL_RETIRED: Condvar = Condvar::new();
/// Process-wide counters: every pool this crate creates records here.
static METRICS: LazyLock<Arc<MetricsRecorder>> = LazyLock::new(Default::default);

/// `true` on a worker of any pool-simple generation.
fn on_a_worker() -> bool {
    worker::current().is_some_and(|pool| pool.name() == NAME)
}

/// What [`acquire`] does when growing the installed pool fails to start a thread.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnGrowFailure {
    /// Report the error ([`get_worker_pool`]: the caller asked for that many workers).
    Fail,
    /// Use the pool as it is ([`GlobalPool`]: a call can run on fewer threads).
    UseAsIs,
}

/// Returns the global pool with at least `workers` threads (`0` is treated as 1): creates
/// it on first use, grows it in place if it has fewer workers, and rebuilds it if one of
/// its workers died. It never shrinks the pool: a smaller count gets the installed pool as it
/// is (use [`resize_worker_pool`] to shrink, and [`GlobalPool`] to cap one call's threads).
/// See the [sizing policy](crate#sizing-policy-one-pool-as-big-as-the-biggest-request).
///
/// Called from inside a job (on any pool-simple worker), it never rebuilds: it returns the
/// installed pool, grown if need be but with any dead worker left dead (creating one only
/// if none is installed), because a pool must not be joined from one of its own workers.
///
/// # Errors
///
/// [`PoolError::Spawn`] if a worker thread could not be started. When building a new pool,
/// the threads already started are joined and the previously installed pool, if any, stays
/// in place; when growing, the workers started before the failure stay in the pool.
pub fn get_worker_pool(workers: usize) -> Result<Arc<SimplePool>, PoolError> {
    acquire(workers.max(1), OnGrowFailure::Fail)
}

/// [`get_worker_pool`], with a choice of what a failed growth means.
fn acquire(workers: usize, on_failure: OnGrowFailure) -> Result<Arc<SimplePool>, PoolError> {
    let slot = lock(&GLOBAL);
    if let Some(pool) = slot.as_ref() {
        if !pool.crew.is_broken() || on_a_worker() {
            match pool.crew.grow(workers) {
                Err(e) if on_failure == OnGrowFailure::Fail => return Err(e),
                _ => return Ok(Arc::clone(pool)),
            }
        }
    }
    // None installed, or a dead worker: a new generation, as big as the old one was.
    let size = slot
        .as_ref()
        .map_or(workers, |old| old.crew.workers().max(workers));
    replace(slot, size)
}

/// Starts a pool of `workers` threads, installs it, releases the lock, then joins the pool
/// it replaced (if any).
fn replace(
    mut slot: MutexGuard<'_, Option<Arc<SimplePool>>>,
    workers: usize,
) -> Result<Arc<SimplePool>, PoolError> {
    let fresh = Arc::new(SimplePool {
        crew: Crew::start(NAME, workers, Arc::clone(&METRICS))?,
    });
    let old = take_out(&mut slot, Some(Arc::clone(&fresh)));
    drop(slot);
    if let Some(old) = old {
        retire(&old);
    }
    Ok(fresh)
}

/// Sets the global pool to exactly `workers` threads (`0` is treated as 1) and returns it:
/// the explicit way to shrink it, which nothing else does.
///
/// * No pool installed, or one with a dead worker: creates a pool of `workers` threads
///   (joining the broken one).
/// * Fewer workers than `workers`: grows it in place, like [`get_worker_pool`].
/// * Exactly `workers`: returns it unchanged.
/// * More workers: **rebuilds** it. A new generation of `workers` threads is installed
///   under the lock; then, outside the lock, the old generation is closed and its threads
///   are joined before this returns (calls still running on it finish first; a call that
///   finds it closed retries on the new one). `pools_created` counts the rebuild.
///
/// Bigger handles grow the resized pool again, as the
/// [sizing policy](crate#sizing-policy-one-pool-as-big-as-the-biggest-request) says.
///
/// # Errors
///
/// [`PoolError::Spawn`] if a worker thread could not be started: as for
/// [`get_worker_pool`], a new pool that fails is joined and the installed one stays; a
/// growth that fails keeps the workers it started.
///
/// # Panics
///
/// If called from one of the pool's own workers (inside a job): a resize may join the pool,
/// and a pool cannot join itself.
pub fn resize_worker_pool(workers: usize) -> Result<Arc<SimplePool>, PoolError> {
    assert!(
        !on_a_worker(),
        "resize_worker_pool called from inside a pool-simple job: a pool cannot join itself"
    );
    let workers = workers.max(1);
    let slot = lock(&GLOBAL);
    if let Some(pool) = slot.as_ref() {
        if !pool.crew.is_broken() && pool.crew.workers() <= workers {
            pool.crew.grow(workers)?;
            return Ok(Arc::clone(pool));
        }
    }
    replace(slot, workers)
}

/// Shuts the global pool down and joins every worker thread, after the calls in flight on
/// it have finished. Idempotent; the next use creates a fresh pool, of the size that use
/// asks for.
///
/// # Panics
///
/// If called from one of the pool's own workers (inside a job): a pool cannot join itself.
pub fn shutdown_worker_pool() {
    assert!(
        !on_a_worker(),
        "shutdown_worker_pool called from inside a pool-simple job: a pool cannot join itself"
    );
    let old = take_out(&mut lock(&GLOBAL), None);
    if let Some(old) = old {
        retire(&old);
    }
    // Also wait for joins that concurrent rebuilds or shutdowns are doing.
    let mut pending = lock(&RETIRING);
    while *pending > 0 {
        pending = recover(ALL_RETIRED.wait(pending));
    }
}

/// Replaces the installed pool under the `GLOBAL` lock, counting the old one as retiring.
fn take_out(
    slot: &mut Option<Arc<SimplePool>>,
    new: Option<Arc<SimplePool>>,
) -> Option<Arc<SimplePool>> {
    let old = std::mem::replace(slot, new);
    if old.is_some() {
        *lock(&RETIRING) += 1;
    }
    old
}

/// Joins a pool taken out by `take_out` (outside the `GLOBAL` lock).
fn retire(pool: &SimplePool) {
    pool.shutdown();
    let mut pending = lock(&RETIRING);
    *pending -= 1;
    if *pending == 0 {
        ALL_RETIRED.notify_all();
    }
}

/// The process-wide counters of every pool this crate created: `pools_created` counts
/// creations and rebuilds over the whole process, `pool_grows` the in-place growths, and
/// `threads_spawned` every worker either started; `threads_alive` is 0 after
/// [`shutdown_worker_pool`].
pub fn global_metrics() -> PoolMetrics {
    METRICS.snapshot()
}

/// A handle to the global pool, for code that holds a `&dyn WorkerPool` or a generic pool.
///
/// Creating it starts nothing. Each [`execute`](WorkerPool::execute) goes through
/// [`get_worker_pool(workers)`](get_worker_pool), so the first call creates the global pool,
/// later calls reuse it, and a handle with a bigger worker count grows it in place. The call
/// itself uses at most the handle's `workers` threads, counting the caller, whatever the
/// pool's size (see the
/// [sizing policy](crate#sizing-policy-one-pool-as-big-as-the-biggest-request)); if the
/// pool could not grow to the handle's count, the call runs on the workers it has. A call
/// that loses a race with a concurrent shutdown or resize retries on the fresh pool. On a
/// pool-simple worker (a job calling the pool) the call runs inline, whatever the handle's
/// worker count, and grows nothing. [`workers`](WorkerPool::workers) is the handle's count
/// (the most a call may use); [`metrics`](WorkerPool::metrics) reports [`global_metrics`].
///
/// ```
/// use pool_simple::GlobalPool;
/// use worker_pool::{WorkerPool, WorkerPoolExt};
///
/// let pool: &dyn WorkerPool = &GlobalPool::new(2);
/// assert_eq!(pool.map(3, |i| 2 * i).unwrap(), vec![0, 2, 4]);
/// # pool_simple::shutdown_worker_pool();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlobalPool {
    workers: usize,
}

impl GlobalPool {
    /// A handle that asks for `workers` threads (`0` is treated as 1): its calls grow the
    /// global pool to at least that many, and run on at most that many.
    pub fn new(workers: usize) -> Self {
        Self {
            workers: workers.max(1),
        }
    }
}

impl WorkerPool for GlobalPool {
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        if n == 0 {
            return Ok(());
        }
        if on_a_worker() {
            return run_inline(n, job, &METRICS);
        }
        loop {
            let pool = acquire(self.workers, OnGrowFailure::UseAsIs)?;
            match pool.crew.execute_capped(n, self.workers, job) {
                Err(PoolError::ShutDown) => continue,
                outcome => return outcome,
            }
        }
    }
    fn workers(&self) -> usize {
        self.workers
    }
    fn metrics(&self) -> PoolMetrics {
        global_metrics()
    }
    fn name(&self) -> &'static str {
        "simple"
    }
}

/// One generation of the global pool: worker threads sharing a task channel, as many as the
/// biggest request since the generation started.
///
/// Obtained from [`get_worker_pool`] or [`resize_worker_pool`]. Once it has been replaced or
/// shut down, `execute` on it returns [`PoolError::ShutDown`].
#[derive(Debug)]
pub struct SimplePool {
    crew: Crew,
}

impl SimplePool {
    /// Closes the channel and joins every worker once the queued tasks are done.
    fn shutdown(&self) {
        assert!(
            !self.crew.id().is_current(),
            "a pool cannot be joined from one of its own workers"
        );
        self.crew.join();
    }
}

impl WorkerPool for SimplePool {
    /// Sends `min(workers, n) - 1` tasks (all the workers the generation has now), works on
    /// the batch on the calling thread too, and waits. Runs inline when called from one of
    /// this pool's workers.
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        self.crew.execute(n, job)
    }
    /// The generation's current size: it grows when a bigger request comes in.
    fn workers(&self) -> usize {
        self.crew.workers()
    }
    fn metrics(&self) -> PoolMetrics {
        global_metrics()
    }
    fn name(&self) -> &'static str {
        "simple"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;
    use worker_pool::testing::doom_this_worker;
    use worker_pool::WorkerPoolExt;

    /// Serializes the tests of this module: they share the global pool.
    static SERIAL: Mutex<()> = Mutex::new(());

    #[test]
    fn a_dead_worker_is_detected_and_the_pool_rebuilt() {
        let _serial = lock(&SERIAL);
        shutdown_worker_pool();
        let first = get_worker_pool(2).unwrap();
        // Two jobs meet at a barrier, so one runs on the caller and one on the worker,
        // which the seam kills once its batch is done.
        let meet = Barrier::new(2);
        let got = GlobalPool::new(2)
            .map(2, |i| {
                meet.wait();
                if on_a_worker() {
                    doom_this_worker();
                }
                i
            })
            .unwrap();
        // The call still completed: the dying worker finished its batch first.
        assert_eq!(got, vec![0, 1]);
        while !first.crew.is_broken() {
            std::thread::yield_now();
        }
        let before = global_metrics().pools_created;
        let second = get_worker_pool(2).unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        assert_eq!(global_metrics().pools_created, before + 1);
        assert_eq!(first.execute(1, &|_| {}), Err(PoolError::ShutDown));
        assert_eq!(GlobalPool::new(2).map(3, |i| i).unwrap(), vec![0, 1, 2]);
        shutdown_worker_pool();
        assert_eq!(global_metrics().threads_alive, 0);
    }

    #[test]
    fn a_job_cannot_shut_down_resize_or_rebuild_its_own_pool_but_may_grow_it() {
        let _serial = lock(&SERIAL);
        shutdown_worker_pool();
        let outer = get_worker_pool(2).unwrap();
        // Two jobs meet at a barrier, so one runs on the caller and one on the worker.
        let meet = Barrier::new(2);
        let got = GlobalPool::new(2)
            .map(2, |_| {
                meet.wait();
                on_a_worker().then(|| {
                    // Growing joins nothing, so a worker may do it: the same generation.
                    let same = get_worker_pool(5).map(|p| (Arc::ptr_eq(&p, &outer), p.workers()));
                    let refused = |f: fn()| std::panic::catch_unwind(f).is_err();
                    let no_shutdown = refused(shutdown_worker_pool);
                    let no_resize = refused(|| drop(resize_worker_pool(1)));
                    (same, no_shutdown, no_resize)
                })
            })
            .unwrap();
        let on_worker: Vec<_> = got.into_iter().flatten().collect();
        assert_eq!(on_worker, vec![(Ok((true, 5)), true, true)]);
        assert_eq!(outer.workers(), 5);
        assert_eq!(get_worker_pool(2).unwrap().workers(), 5, "no shrinking");
        assert_eq!(global_metrics().threads_alive, 5);
        shutdown_worker_pool();
        assert_eq!(global_metrics().threads_alive, 0);
    }
}
