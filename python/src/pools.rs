//! The pools a call can run on (`pool=`), as Python classes, each with `stats()`:
//!
//! * [`WorkerPool`]: a handle to strategy A, the process-global pool of `pool-simple`
//!   (`get_worker_pool`, `shutdown_worker_pool`); the default when `pool` is not given.
//! * [`IdleTimeoutPoolPy`] (`IdleTimeoutPool`): strategy B, idle workers retire.
//! * [`ScopedPoolPy`] (`ScopedPool`): strategy C, threads joined when its `with` block ends.
//! * [`SequentialPool`]: no threads at all, the baseline.
//!
//! A call resolves its `pool` argument to a [`Resolved`] pool: owned, `Send` and `'static`,
//! so the work can run on a background thread while the calling thread watches for Ctrl-C.

use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use pool_idle_timeout::IdleTimeoutPool;
use pool_scoped::OwnedPool;
use pool_simple::GlobalPool;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use worker_pool::poison::{lock, recover};
use worker_pool::{MetricsRecorder, PoolMetrics, Sequential, WorkerPool as _};

use crate::errors::{pool_error, value_error, PoolClosedError};
use crate::input::int_in;

/// The most worker threads a pool may be asked for.
pub const MAX_WORKERS: u64 = 1024;

/// The number of workers when none is given: the machine's parallelism (read once:
/// `available_parallelism` reads cgroup files, ~80 µs, more than a small analysis).
pub fn default_workers() -> usize {
    static WORKERS: OnceLock<usize> = OnceLock::new();
    *WORKERS.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// A worker count argument: `None` for the default, else an int in `1..=MAX_WORKERS`.
fn workers_arg(workers: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
    match workers {
        None => Ok(default_workers()),
        Some(w) if w.is_none() => Ok(default_workers()),
        // MAX_WORKERS fits a usize.
        Some(w) => Ok(int_in(w, "workers", 1, MAX_WORKERS)? as usize),
    }
}

/// `PoolMetrics` as a dict of ints.
fn stats_dict<'py>(py: Python<'py>, m: &PoolMetrics) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("pools_created", m.pools_created)?;
    d.set_item("pool_grows", m.pool_grows)?;
    d.set_item("threads_spawned", m.threads_spawned)?;
    d.set_item("threads_alive", m.threads_alive)?;
    d.set_item("threads_retired", m.threads_retired)?;
    d.set_item("jobs_run", m.jobs_run)?;
    d.set_item("panics_caught", m.panics_caught)?;
    d.set_item("idle_reaps", m.idle_reaps)?;
    Ok(d)
}

/// A handle to the module-level worker pool (strategy A: one process-global pool, created
/// on first use, reused by every call, shut down by `shutdown_worker_pool()` and at
/// interpreter exit).
///
/// Obtained from `get_worker_pool(workers)`. The handle stays valid after a shutdown: its
/// next call creates a fresh global pool.
#[pyclass(module = "lfsr_map", frozen, name = "WorkerPool")]
pub struct WorkerPool {
    handle: GlobalPool,
}

#[pymethods]
impl WorkerPool {
    /// The most threads one call on this handle uses (counting the calling thread).
    #[getter]
    fn workers(&self) -> usize {
        self.handle.workers()
    }

    /// The counters of the global pool, over the whole process: pools_created,
    /// pool_grows, threads_spawned, threads_alive, threads_retired, jobs_run,
    /// panics_caught, idle_reaps.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        stats_dict(py, &pool_simple::global_metrics())
    }

    fn __repr__(&self) -> String {
        format!("lfsr_map.WorkerPool(workers={})", self.handle.workers())
    }
}

/// The module-level worker pool, created now if it does not exist (grown to `workers` if
/// it has fewer; it never shrinks).
#[pyfunction]
#[pyo3(signature = (workers=None))]
pub fn get_worker_pool(py: Python<'_>, workers: Option<&Bound<'_, PyAny>>) -> PyResult<WorkerPool> {
    let workers = workers_arg(workers)?;
    py.detach(|| pool_simple::get_worker_pool(workers))
        .map_err(|e| pool_error("get_worker_pool", &e))?;
    Ok(WorkerPool {
        handle: GlobalPool::new(workers),
    })
}

/// Shuts the module-level pool down and joins its threads (idempotent; the next call that
/// uses it creates a fresh one). Registered with `atexit`.
#[pyfunction]
pub fn shutdown_worker_pool(py: Python<'_>) {
    py.detach(pool_simple::shutdown_worker_pool);
}

/// A pool whose idle workers retire after `idle_timeout` seconds and come back on demand
/// (strategy B). `shutdown()` (or the end of a `with` block) joins every thread.
#[pyclass(module = "lfsr_map", frozen, name = "IdleTimeoutPool")]
pub struct IdleTimeoutPoolPy {
    pool: Arc<IdleTimeoutPool>,
}

#[pymethods]
impl IdleTimeoutPoolPy {
    #[new]
    #[pyo3(signature = (workers=None, idle_timeout=0.05))]
    fn new(workers: Option<&Bound<'_, PyAny>>, idle_timeout: f64) -> PyResult<Self> {
        let workers = workers_arg(workers)?;
        let seconds = idle_timeout;
        if !(seconds.is_finite() && (0.0..=86_400.0).contains(&seconds)) {
            return Err(value_error(format!(
                "idle_timeout = {seconds}: must be a number of seconds from 0 to 86400"
            )));
        }
        let timeout = Duration::from_secs_f64(seconds);
        Ok(Self {
            pool: Arc::new(
                pool_idle_timeout::Builder::new(workers)
                    .idle_timeout(timeout)
                    .build(),
            ),
        })
    }

    /// The most worker threads the pool keeps.
    #[getter]
    fn workers(&self) -> usize {
        self.pool.workers()
    }

    /// Workers alive now (busy or idle); 0 once they all retired.
    #[getter]
    fn live_workers(&self) -> usize {
        self.pool.live_workers()
    }

    /// The pool's counters (see `WorkerPool.stats`); idle_reaps counts retired idle workers.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        stats_dict(py, &self.pool.metrics())
    }

    /// Refuses new calls, lets calls in flight finish, and joins every thread. Idempotent.
    fn shutdown(&self, py: Python<'_>) {
        py.detach(|| self.pool.shutdown());
    }

    fn __enter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) -> bool {
        self.shutdown(py);
        false
    }

    fn __repr__(&self) -> String {
        format!(
            "lfsr_map.IdleTimeoutPool(workers={}, idle_timeout={})",
            self.pool.workers(),
            self.pool.idle_timeout().as_secs_f64()
        )
    }
}

/// What a `ScopedPool` shares with the calls running on it.
struct ScopedShared {
    /// The pool, until the pool is closed.
    pool: Mutex<Option<Arc<OwnedPool>>>,
    /// Signalled when a call on the pool ends (its lease is dropped).
    released: Condvar,
}

/// A call's hold on a `ScopedPool`: closing the pool waits until every lease is dropped.
///
/// Fields drop in declaration order: the pool reference first, then [`Notify`] wakes a
/// `close()` waiting for the count of references to fall to its own.
pub struct Lease {
    pool: Arc<OwnedPool>,
    _notify: Notify,
}

/// Wakes a waiting `close()` when a [`Lease`] ends.
struct Notify {
    shared: Arc<ScopedShared>,
}

impl Drop for Notify {
    fn drop(&mut self) {
        let _guard = lock(&self.shared.pool);
        self.shared.released.notify_all();
    }
}

/// A pool whose threads live exactly as long as a `with` block (strategy C).
///
/// The threads start when the pool is created and are joined when the block ends, whether
/// it ends normally or by an exception (or by `close()`); calls still running on the pool
/// from other threads finish first. Using the pool afterwards raises `PoolClosedError`.
#[pyclass(module = "lfsr_map", frozen, name = "ScopedPool")]
pub struct ScopedPoolPy {
    shared: Arc<ScopedShared>,
    metrics: Arc<MetricsRecorder>,
    workers: usize,
}

impl ScopedPoolPy {
    /// A lease on the pool, or `PoolClosedError`.
    fn lease(&self) -> PyResult<Lease> {
        let pool = lock(&self.shared.pool).clone();
        match pool {
            Some(pool) => Ok(Lease {
                pool,
                _notify: Notify {
                    shared: Arc::clone(&self.shared),
                },
            }),
            None => Err(PoolClosedError::new_err(
                "this ScopedPool is closed: its threads were joined when its with block ended \
                 (or close() was called); create a new ScopedPool",
            )),
        }
    }
}

#[pymethods]
impl ScopedPoolPy {
    #[new]
    #[pyo3(signature = (workers=None))]
    fn new(py: Python<'_>, workers: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let workers = workers_arg(workers)?;
        let pool = py
            .detach(|| OwnedPool::new(workers))
            .map_err(|e| pool_error("ScopedPool", &e))?;
        Ok(Self {
            metrics: pool.metrics_handle(),
            shared: Arc::new(ScopedShared {
                pool: Mutex::new(Some(Arc::new(pool))),
                released: Condvar::new(),
            }),
            workers,
        })
    }

    /// The number of worker threads.
    #[getter]
    fn workers(&self) -> usize {
        self.workers
    }

    /// Whether the pool is closed (its threads joined).
    #[getter]
    fn closed(&self) -> bool {
        lock(&self.shared.pool).is_none()
    }

    /// The pool's counters (see `WorkerPool.stats`); still readable after `close()`.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        stats_dict(py, &self.metrics.snapshot())
    }

    /// Closes the pool: waits for the calls running on it, then joins every thread.
    /// Idempotent; the end of the `with` block calls it.
    fn close(&self, py: Python<'_>) {
        py.detach(|| {
            let mut slot = lock(&self.shared.pool);
            let Some(pool) = slot.take() else { return };
            while Arc::strong_count(&pool) > 1 {
                slot = recover(self.shared.released.wait(slot));
            }
            drop(slot);
            drop(pool); // the last reference: OwnedPool's Drop joins the workers
        });
    }

    fn __enter__(slf: Bound<'_, Self>) -> PyResult<Bound<'_, Self>> {
        slf.get().lease()?;
        Ok(slf)
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) -> bool {
        self.close(py);
        false
    }

    fn __repr__(&self) -> String {
        let state = if self.closed() { ", closed" } else { "" };
        format!("lfsr_map.ScopedPool(workers={}{state})", self.workers)
    }
}

/// Runs every job on the calling thread: no threads at all (the baseline).
#[pyclass(module = "lfsr_map", frozen)]
pub struct SequentialPool {
    pool: Arc<Sequential>,
}

#[pymethods]
impl SequentialPool {
    #[new]
    fn new() -> Self {
        Self {
            pool: Arc::new(Sequential::new()),
        }
    }

    /// Always 1.
    #[getter]
    fn workers(&self) -> usize {
        1
    }

    /// The counters (no thread is ever spawned).
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        stats_dict(py, &self.pool.metrics())
    }

    fn __repr__(&self) -> &'static str {
        "lfsr_map.SequentialPool()"
    }
}

/// The pool of one call, owned so that it can move to a background thread.
pub enum Resolved {
    /// The module-level pool.
    Global(GlobalPool),
    /// An `IdleTimeoutPool`.
    Idle(Arc<IdleTimeoutPool>),
    /// A `ScopedPool`, held open for the call.
    Scoped(Lease),
    /// A `SequentialPool`.
    Sequential(Arc<Sequential>),
}

impl Resolved {
    /// The pool to run on.
    pub fn get(&self) -> &dyn worker_pool::WorkerPool {
        match self {
            Resolved::Global(p) => p,
            Resolved::Idle(p) => p.as_ref(),
            Resolved::Scoped(l) => l.pool.as_ref(),
            Resolved::Sequential(p) => p.as_ref(),
        }
    }
}

/// Resolves the `pool` argument: `None` is the module-level pool with the default number
/// of workers.
pub fn resolve(pool: Option<&Bound<'_, PyAny>>) -> PyResult<Resolved> {
    let Some(pool) = pool.filter(|p| !p.is_none()) else {
        return Ok(Resolved::Global(GlobalPool::new(default_workers())));
    };
    if let Ok(p) = pool.cast::<WorkerPool>() {
        return Ok(Resolved::Global(p.get().handle));
    }
    if let Ok(p) = pool.cast::<IdleTimeoutPoolPy>() {
        return Ok(Resolved::Idle(Arc::clone(&p.get().pool)));
    }
    if let Ok(p) = pool.cast::<ScopedPoolPy>() {
        return Ok(Resolved::Scoped(p.get().lease()?));
    }
    if let Ok(p) = pool.cast::<SequentialPool>() {
        return Ok(Resolved::Sequential(Arc::clone(&p.get().pool)));
    }
    Err(PyTypeError::new_err(format!(
        "pool: expected None, a WorkerPool (get_worker_pool()), IdleTimeoutPool, ScopedPool \
         or SequentialPool, got {}",
        pool.get_type()
            .name()
            .map_or_else(|_| "object".to_string(), |n| n.to_string())
    )))
}
