//! [`PoolMetrics`]: the lifecycle counters every strategy reports, and the
//! [`MetricsRecorder`] that keeps them.

use std::sync::atomic::{AtomicU64, Ordering};

/// A snapshot of a pool's lifecycle counters. The same fields for every strategy, so that
/// tests and `--stats` can compare them; a strategy leaves a counter at 0 when the event
/// cannot happen to it (e.g. `idle_reaps` outside the idle-timeout pool).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PoolMetrics {
    /// Pools (sets of worker threads) created: 1 for a pool reused by every call, one per
    /// call for [`FreshPool`](crate::FreshPool), one per rebuild (an explicit resize down,
    /// a dead worker, a use after shutdown) for the global pool.
    pub pools_created: u64,
    /// Times a pool grew in place: more workers started into an existing pool instead of
    /// a new pool being built (the global pool asked for more workers than it has).
    pub pool_grows: u64,
    /// Worker threads started, over the whole lifetime.
    pub threads_spawned: u64,
    /// Worker threads alive right now (started and not yet exited).
    pub threads_alive: u64,
    /// Worker threads that exited (after shutdown, an idle timeout, or a rebuild).
    pub threads_retired: u64,
    /// Job invocations (`job(i)` calls) that ran, panicking ones included.
    pub jobs_run: u64,
    /// Job invocations that panicked and were turned into [`PoolError::JobPanicked`](crate::PoolError::JobPanicked).
    pub panics_caught: u64,
    /// Idle workers retired by a reaper because their idle timeout expired.
    pub idle_reaps: u64,
}

impl std::fmt::Display for PoolMetrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "pools created {}, pool grows {}, threads spawned {}, threads alive {}, \
             threads retired {}, jobs run {}, panics caught {}, idle reaps {}",
            self.pools_created,
            self.pool_grows,
            self.threads_spawned,
            self.threads_alive,
            self.threads_retired,
            self.jobs_run,
            self.panics_caught,
            self.idle_reaps
        )
    }
}

/// Thread-safe counters behind [`PoolMetrics`]. Every strategy embeds one (or a `static` one,
/// for a process-global pool) and calls the `record_*` methods at the matching events.
///
/// All updates are `Relaxed` increments: the counters are statistics, not synchronization.
/// `threads_alive` is derived as `spawned - retired`, so it can never drift from the two.
#[derive(Debug, Default)]
pub struct MetricsRecorder {
    pools_created: AtomicU64,
    pool_grows: AtomicU64,
    threads_spawned: AtomicU64,
    threads_retired: AtomicU64,
    jobs_run: AtomicU64,
    panics_caught: AtomicU64,
    idle_reaps: AtomicU64,
}

impl MetricsRecorder {
    /// All counters at zero (usable in a `static`).
    pub const fn new() -> Self {
        Self {
            pools_created: AtomicU64::new(0),
            pool_grows: AtomicU64::new(0),
            threads_spawned: AtomicU64::new(0),
            threads_retired: AtomicU64::new(0),
            jobs_run: AtomicU64::new(0),
            panics_caught: AtomicU64::new(0),
            idle_reaps: AtomicU64::new(0),
        }
    }
    /// A pool (set of threads) was created.
    pub fn record_pool_created(&self) {
        self.pools_created.fetch_add(1, Ordering::Relaxed);
    }
    /// An existing pool grew in place (started more workers without a new pool).
    pub fn record_pool_grown(&self) {
        self.pool_grows.fetch_add(1, Ordering::Relaxed);
    }
    /// A worker thread was started.
    pub fn record_thread_spawned(&self) {
        self.threads_spawned.fetch_add(1, Ordering::Relaxed);
    }
    /// A worker thread is about to exit (call it as the thread's last action, or after
    /// joining it).
    pub fn record_thread_retired(&self) {
        self.threads_retired.fetch_add(1, Ordering::Relaxed);
    }
    /// `count` job invocations ran (batch them per worker to keep the hot path cheap).
    pub fn record_jobs_run(&self, count: u64) {
        if count != 0 {
            self.jobs_run.fetch_add(count, Ordering::Relaxed);
        }
    }
    /// A job panicked and was caught.
    pub fn record_panic(&self) {
        self.panics_caught.fetch_add(1, Ordering::Relaxed);
    }
    /// The reaper retired an idle worker.
    pub fn record_idle_reap(&self) {
        self.idle_reaps.fetch_add(1, Ordering::Relaxed);
    }
    /// A consistent-enough snapshot (each counter is read once).
    pub fn snapshot(&self) -> PoolMetrics {
        let retired = self.threads_retired.load(Ordering::Relaxed);
        let spawned = self.threads_spawned.load(Ordering::Relaxed);
        PoolMetrics {
            pools_created: self.pools_created.load(Ordering::Relaxed),
            pool_grows: self.pool_grows.load(Ordering::Relaxed),
            threads_spawned: spawned,
            threads_alive: spawned.saturating_sub(retired),
            threads_retired: retired,
            jobs_run: self.jobs_run.load(Ordering::Relaxed),
            panics_caught: self.panics_caught.load(Ordering::Relaxed),
            idle_reaps: self.idle_reaps.load(Ordering::Relaxed),
        }
    }
}
