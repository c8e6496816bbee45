//! Strategy C: a worker pool whose lifecycle is owned by a scope.
//!
//! Two forms, one mechanism (workers sharing a channel of [`Batch`]es, the caller helping):
//!
//! * [`scope(workers, |s| ...)`](scope), built on [`std::thread::scope`]: the workers start
//!   when the scope opens, serve every call made through `s`, and are joined when the scope
//!   ends: normally, after a job panicked, and even if the closure itself panics. Jobs may
//!   **borrow** the caller's data (anything that outlives the `scope` call).
//! * [`ScopedPool`], for code that wants a [`WorkerPool`]: the workers start in
//!   [`ScopedPool::new`], serve every `execute` (jobs are `'static` [`Job`]s), and are joined
//!   when the `ScopedPool` is dropped.
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
//! * **Joined means joined.** `scope` returns only after every worker thread has exited
//!   (that is `std::thread::scope`'s promise). `ScopedPool`'s `Drop` closes the task channel
//!   and joins every worker; it is the only way the threads end, so the lifecycle is
//!   exactly: `new` spawns, `drop` joins. (A guard whose `Drop` joins cannot *promise* the
//!   join, since `mem::forget` is safe; for `ScopedPool` that is sound because its jobs are
//!   `'static`: forgetting it leaks idle threads, never a dangling borrow. The borrowing
//!   form therefore exists only as the closure-taking `scope`.)
//! * **Panics become errors.** A panicking job never unwinds into the caller: the call that
//!   ran it returns [`PoolError::JobPanicked`] (lowest index, with its message) after every
//!   other job of the call finished, and the workers stay usable for the next call.
//! * **Results in index order**, from [`Scope::map`] and [`WorkerPoolExt::map`].
//!
//! # How a call runs
//!
//! `execute(n, job)` sends `min(workers, n) - 1` tasks to the workers and works on the batch
//! on the calling thread too, so a call uses at most `workers` threads counting the caller
//! and never sleeps while a job is unclaimed. A job that calls the [`ScopedPool`] running it
//! runs that nested call inline on its own thread (a thread-local marks the workers), so
//! nested calls cannot deadlock. Inside `scope`, jobs cannot reach the [`Scope`] at all:
//! they must outlive the scope's own frame, which the `Scope` does not.
//!
//! [`WorkerPoolExt::map`]: worker_pool::WorkerPoolExt::map
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use worker_pool::{Batch, Job, MetricsRecorder, PoolError, PoolMetrics, WorkerPool};

/// A job that may borrow data living for `'env`.
type ScopedJob<'env> = dyn Fn(usize) + Send + Sync + 'env;

/// Pool ids start at 1; 0 means "not a pool-scoped worker".
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// The id of the pool this thread works for, or 0.
    static WORKER_OF: Cell<u64> = const { Cell::new(0) };
}

/// Opens a scope with `workers` threads (`0` is treated as 1), runs `f` on the calling
/// thread, then closes the channel and joins every worker before returning `f`'s result.
///
/// Jobs submitted through the [`Scope`] may borrow anything that outlives this call; values
/// created inside `f` are moved into the job (`move |i| ...`), as with
/// [`std::thread::Scope::spawn`].
/// If `f` itself panics, the workers are still joined, then the panic continues (as with
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
pub fn scope<'env, F, R>(workers: usize, f: F) -> Result<R, PoolError>
where
    F: FnOnce(&Scope<'env>) -> R,
{
    let workers = workers.max(1);
    let metrics = Arc::new(MetricsRecorder::new());
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let (sender, receiver) = crossbeam_channel::unbounded::<Arc<Batch<ScopedJob<'env>>>>();
    std::thread::scope(|s| {
        for k in 0..workers {
            let (rx, shared) = (receiver.clone(), Arc::clone(&metrics));
            let spawned = std::thread::Builder::new()
                .name(format!("pool-scoped-{k}"))
                .spawn_scoped(s, move || worker_loop(id, &rx, &shared));
            if let Err(e) = spawned {
                // Dropping the sender on return lets the started workers exit; the std
                // scope joins them.
                return Err(PoolError::spawn(&e));
            }
            metrics.record_thread_spawned();
        }
        drop(receiver);
        metrics.record_pool_created();
        let scope = Scope {
            workers,
            sender,
            metrics,
        };
        Ok(f(&scope))
        // `scope` (and with it the sender) drops here, also when `f` unwinds: the workers
        // see the channel close and exit, and `std::thread::scope` joins them.
    })
}

/// The handle a [`scope`] closure receives: submits batches of jobs to the scope's workers.
#[derive(Debug)]
pub struct Scope<'env> {
    workers: usize,
    sender: Sender<Arc<Batch<ScopedJob<'env>>>>,
    metrics: Arc<MetricsRecorder>,
}

impl<'env> Scope<'env> {
    /// Runs `job(i)` for every `i` in `0..n` on the scope's workers and the calling thread,
    /// and blocks until all are done.
    ///
    /// # Errors
    ///
    /// [`PoolError::JobPanicked`] for the lowest panicking index; the other jobs still ran.
    pub fn execute<F>(&self, n: usize, job: F) -> Result<(), PoolError>
    where
        F: Fn(usize) + Send + Sync + 'env,
    {
        let job: Arc<ScopedJob<'env>> = Arc::new(job);
        run(
            &self.sender,
            self.workers,
            Batch::from_arc(n, job),
            &self.metrics,
        )
    }

    /// Runs `f(i)` for every `i` in `0..n` and returns the results in index order.
    ///
    /// # Errors
    ///
    /// As [`execute`](Scope::execute).
    pub fn map<T, F>(&self, n: usize, f: F) -> Result<Vec<T>, PoolError>
    where
        T: Send + 'env,
        F: Fn(usize) -> T + Send + Sync + 'env,
    {
        // A worker may still hold the batch (and so the slots) for a moment after the last
        // job returned, so the values are taken out through locks, not by unwrapping the Arc.
        let slots: Arc<Vec<Mutex<Option<T>>>> =
            Arc::new((0..n).map(|_| Mutex::new(None)).collect());
        let out = Arc::clone(&slots);
        self.execute(n, move |i| *lock(&out[i]) = Some(f(i)))?;
        slots
            .iter()
            .enumerate()
            .map(|(index, slot)| lock(slot).take().ok_or(PoolError::Lost { index }))
            .collect()
    }

    /// The number of threads a call may use, counting the caller.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// The scope's counters so far (after the scope ends, all its threads are retired).
    pub fn metrics(&self) -> PoolMetrics {
        self.metrics.snapshot()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A slot's lock is held only to store or take a value, never while a job runs.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Sends `min(workers, n) - 1` tasks, helps on the calling thread, waits for the rest.
fn run<F: ?Sized + Fn(usize) + Send + Sync>(
    sender: &Sender<Arc<Batch<F>>>,
    workers: usize,
    batch: Batch<F>,
    metrics: &MetricsRecorder,
) -> Result<(), PoolError> {
    let batch = Arc::new(batch);
    for _ in 1..workers.min(batch.len()) {
        // Cannot fail while the pool holds a receiver; if it did, the caller does the work.
        let _ = sender.send(Arc::clone(&batch));
    }
    batch.work(metrics);
    batch.wait()
}

/// Marks a worker's exit as its last action.
struct Retire<'m>(&'m MetricsRecorder);

impl Drop for Retire<'_> {
    fn drop(&mut self) {
        self.0.record_thread_retired();
    }
}

fn worker_loop<F: ?Sized + Fn(usize) + Send + Sync>(
    id: u64,
    rx: &Receiver<Arc<Batch<F>>>,
    metrics: &MetricsRecorder,
) {
    let _retire = Retire(metrics);
    WORKER_OF.with(|w| w.set(id));
    while let Ok(batch) = rx.recv() {
        batch.work(metrics);
    }
}

/// A [`WorkerPool`] whose threads live exactly as long as the value: started by
/// [`new`](ScopedPool::new), joined by `Drop`. See the [crate docs](crate) for the lifecycle.
///
/// ```
/// use pool_scoped::ScopedPool;
/// use worker_pool::{WorkerPool, WorkerPoolExt};
///
/// let pool = ScopedPool::new(2).unwrap(); // two threads start
/// assert_eq!(pool.map(4, |i| i * i).unwrap(), vec![0, 1, 4, 9]);
/// let metrics = pool.metrics_handle();
/// drop(pool); // both threads are joined here
/// assert_eq!(metrics.snapshot().threads_alive, 0);
/// ```
#[derive(Debug)]
pub struct ScopedPool {
    id: u64,
    workers: usize,
    sender: Option<Sender<Arc<Batch>>>,
    handles: Vec<JoinHandle<()>>,
    metrics: Arc<MetricsRecorder>,
}

impl ScopedPool {
    /// Starts `workers` threads (`0` is treated as 1).
    ///
    /// # Errors
    ///
    /// [`PoolError::Spawn`] if a thread could not be started (those already started are
    /// joined before returning).
    pub fn new(workers: usize) -> Result<Self, PoolError> {
        let workers = workers.max(1);
        let (tx, rx) = crossbeam_channel::unbounded();
        let mut pool = ScopedPool {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            workers,
            sender: Some(tx),
            handles: Vec::with_capacity(workers),
            metrics: Arc::new(MetricsRecorder::new()),
        };
        for k in 0..workers {
            let (id, rx, metrics) = (pool.id, rx.clone(), Arc::clone(&pool.metrics));
            let handle = std::thread::Builder::new()
                .name(format!("pool-scoped-{k}"))
                .spawn(move || worker_loop(id, &rx, &metrics))
                .map_err(|e| PoolError::spawn(&e))?; // `pool` drops here: joins the rest
            pool.metrics.record_thread_spawned();
            pool.handles.push(handle);
        }
        pool.metrics.record_pool_created();
        Ok(pool)
    }

    /// The pool's counters, readable after the pool is dropped (to check that every thread
    /// was joined).
    pub fn metrics_handle(&self) -> Arc<MetricsRecorder> {
        Arc::clone(&self.metrics)
    }
}

impl WorkerPool for ScopedPool {
    fn execute(&self, n: usize, job: Job) -> Result<(), PoolError> {
        let batch = Batch::new(n, job);
        match &self.sender {
            Some(sender) if WORKER_OF.with(Cell::get) != self.id => {
                run(sender, self.workers, batch, &self.metrics)
            }
            // A nested call from one of our workers: run inline.
            _ => {
                batch.work(&self.metrics);
                batch.wait()
            }
        }
    }
    fn workers(&self) -> usize {
        self.workers
    }
    fn metrics(&self) -> PoolMetrics {
        self.metrics.snapshot()
    }
    fn name(&self) -> &'static str {
        "scoped"
    }
}

impl Drop for ScopedPool {
    /// Closes the channel and joins every worker after the queued tasks are done. If the
    /// last reference is dropped by one of the pool's own workers (a job owned an `Arc` to
    /// the pool), that one thread is not joined by itself; it exits as soon as its job
    /// returns.
    fn drop(&mut self) {
        drop(self.sender.take());
        let me = std::thread::current().id();
        for handle in self.handles.drain(..) {
            if handle.thread().id() != me {
                // Workers never panic: jobs run under `catch_unwind` in `Batch::work`.
                let _ = handle.join();
            }
        }
    }
}
