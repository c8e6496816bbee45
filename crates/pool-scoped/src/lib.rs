//! Strategy C: a worker pool whose lifecycle is owned, by a value or by a scope.
//!
//! One mechanism (a [`Crew`] of workers sharing a channel of batches, the caller helping),
//! two forms:
//!
//! * [`OwnedPool`], for code that wants a [`WorkerPool`] value: the workers start in
//!   [`OwnedPool::new`], serve every `execute`, and are joined when the pool is dropped.
//! * [`scope(workers, |s| ...)`](scope): an `OwnedPool` that lives exactly as long as the
//!   closure: the workers start when the scope opens, serve every call made through `s`, and
//!   are joined when the scope ends: normally, after a job panicked, and even if the closure
//!   itself panics.
//!
//! In both, jobs **borrow** the caller's data, as every [`WorkerPool`] job may.
//!
//! ```
//! let words = vec!["shift", "register", "feedback"]; // borrowed, not moved
//! let lengths = pool_scoped::scope(2, |s| s.map(words.len(), |i| words[i].len()))
//!     .unwrap() // the scope's workers started
//!     .unwrap(); // no job panicked
//! assert_eq!(lengths, vec![5, 8, 8]);
//! ```
//!
//! # Guarantees
//!
//! * **Borrowing is sound because calls block.** A job may borrow anything that outlives its
//!   `execute` call, because `execute` returns only once no job of it runs any more (the
//!   [`WorkerPool`] contract). That guarantee does not depend on the pool's `Drop`: a guard
//!   whose `Drop` joins cannot *promise* the join (`mem::forget` is safe), and forgetting an
//!   `OwnedPool` only leaks idle threads, never a dangling borrow.
//! * **Joined means joined.** `scope` returns (or unwinds) only after every worker thread has
//!   exited: the scope owns its pool, so no caller can forget it. `OwnedPool`'s `Drop` closes
//!   the task channel and joins every worker; it is the only way the threads end, so the
//!   lifecycle is exactly: `new` spawns, `drop` joins.
//! * **Panics become errors.** A panicking job never unwinds into the caller: the call that
//!   ran it returns [`PoolError::JobPanicked`] (lowest index, with its message and payload)
//!   after every other job of the call finished, and the workers stay usable for the next
//!   call.
//! * **Results in index order**, from [`Scope::map`] and [`WorkerPoolExt::map`].
//!
//! # How a call runs
//!
//! `execute(n, job)` sends `min(workers, n) - 1` tasks to the workers and works on the batch
//! on the calling thread too, so a call uses at most `workers` threads counting the caller
//! and never sleeps while a job is unclaimed. A job that calls the pool running it (an
//! `OwnedPool`, or a `Scope` it borrows) runs that nested call inline on its own thread (a
//! thread-local marks the workers), so nested calls cannot deadlock.
//!
//! [`WorkerPoolExt::map`]: worker_pool::WorkerPoolExt::map
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::sync::Arc;

use worker_pool::crew::Crew;
use worker_pool::{MetricsRecorder, PoolError, PoolMetrics, WorkerPool, WorkerPoolExt};

/// Opens a scope with `workers` threads (`0` is treated as 1), runs `f` on the calling
/// thread, then closes the channel and joins every worker before returning `f`'s result.
///
/// Jobs submitted through the [`Scope`] may borrow anything that outlives their call,
/// including the `Scope` itself (a nested call runs inline on the worker). If `f` itself
/// panics, the workers are still joined, then the panic continues (as with
/// [`std::thread::scope`]); panics in *jobs* never unwind, they are errors of their call.
///
/// # Errors
///
/// [`PoolError::Spawn`] if a worker thread could not be started (`f` does not run; the
/// threads already started are joined).
///
/// ```
/// let total: u64 = 10;
/// let sums = pool_scoped::scope(2, |s| {
///     let first = s.map(3, |i| i as u64 + total)?; // borrows `total`
///     let second = s.map(2, |i| i as u64 * total)?; // same workers, second call
///     Ok::<_, worker_pool::PoolError>((first, second))
/// });
/// assert_eq!(sums.unwrap().unwrap(), (vec![10, 11, 12], vec![0, 10]));
/// ```
///
/// The `Scope` cannot leave the closure (its workers are joined when `scope` returns):
///
/// ```compile_fail
/// let escaped = pool_scoped::scope(2, |s| s).unwrap();
/// let _ = escaped.workers();
/// ```
pub fn scope<F, R>(workers: usize, f: F) -> Result<R, PoolError>
where
    F: FnOnce(&Scope) -> R,
{
    let scope = Scope {
        pool: OwnedPool::new(workers)?,
    };
    Ok(f(&scope))
    // `scope` drops here, also when `f` unwinds: the pool joins its workers.
}

/// The handle a [`scope`] closure receives: submits batches of jobs to the scope's workers.
#[derive(Debug)]
pub struct Scope {
    pool: OwnedPool,
}

impl Scope {
    /// Runs `job(i)` for every `i` in `0..n` on the scope's workers and the calling thread,
    /// and blocks until all are done.
    ///
    /// # Errors
    ///
    /// [`PoolError::JobPanicked`] for the lowest panicking index; the other jobs still ran.
    pub fn execute<F>(&self, n: usize, job: F) -> Result<(), PoolError>
    where
        F: Fn(usize) + Sync,
    {
        self.pool.execute(n, &job)
    }

    /// Runs `f(i)` for every `i` in `0..n` and returns the results in index order.
    ///
    /// # Errors
    ///
    /// As [`execute`](Scope::execute).
    pub fn map<T, F>(&self, n: usize, f: F) -> Result<Vec<T>, PoolError>
    where
        T: Send + Sync,
        F: Fn(usize) -> T + Sync,
    {
        self.pool.map(n, f)
    }

    /// The scope's pool, to pass to code that takes a `&dyn WorkerPool`.
    pub fn pool(&self) -> &OwnedPool {
        &self.pool
    }

    /// The number of threads a call may use, counting the caller.
    pub fn workers(&self) -> usize {
        self.pool.workers()
    }

    /// The scope's counters so far (after the scope ends, all its threads are retired).
    pub fn metrics(&self) -> PoolMetrics {
        self.pool.metrics()
    }
}

/// A [`WorkerPool`] whose threads live exactly as long as the value: started by
/// [`new`](OwnedPool::new), joined by `Drop`. See the [crate docs](crate) for the lifecycle.
///
/// ```
/// use pool_scoped::OwnedPool;
/// use worker_pool::{WorkerPool, WorkerPoolExt};
///
/// let pool = OwnedPool::new(2).unwrap(); // two threads start
/// let xs = [3, 4, 5];
/// assert_eq!(pool.map(3, |i| xs[i] * xs[i]).unwrap(), vec![9, 16, 25]);
/// let metrics = pool.metrics_handle();
/// drop(pool); // both threads are joined here
/// assert_eq!(metrics.snapshot().threads_alive, 0);
/// ```
#[derive(Debug)]
pub struct OwnedPool {
    crew: Crew,
}

impl OwnedPool {
    /// Starts `workers` threads (`0` is treated as 1).
    ///
    /// # Errors
    ///
    /// [`PoolError::Spawn`] if a thread could not be started (those already started are
    /// joined before returning).
    pub fn new(workers: usize) -> Result<Self, PoolError> {
        Ok(Self {
            crew: Crew::start("pool-scoped", workers, Arc::new(MetricsRecorder::new()))?,
        })
    }

    /// The pool's counters, readable after the pool is dropped (to check that every thread
    /// was joined).
    pub fn metrics_handle(&self) -> Arc<MetricsRecorder> {
        Arc::clone(self.crew.metrics())
    }
}

impl WorkerPool for OwnedPool {
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        self.crew.execute(n, job)
    }
    fn workers(&self) -> usize {
        self.crew.workers()
    }
    fn metrics(&self) -> PoolMetrics {
        self.crew.metrics().snapshot()
    }
    fn name(&self) -> &'static str {
        "scoped"
    }
}

impl Drop for OwnedPool {
    /// Closes the channel and joins every worker after the queued tasks are done. If the
    /// last reference is dropped by one of the pool's own workers (a job owned an `Arc` to
    /// the pool), that one thread is not joined by itself; it exits as soon as its job
    /// returns.
    fn drop(&mut self) {
        self.crew.join();
    }
}
