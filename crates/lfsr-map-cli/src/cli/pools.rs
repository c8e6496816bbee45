//! Choosing the worker pool: `--pool NAME` among the strategies compiled in (Cargo features
//! `pool-simple`, `pool-idle-timeout`, `pool-scoped`) plus the baselines `fresh` and
//! `sequential`; `--workers N`; `--idle-timeout DURATION`. Whatever the strategy, the pool is
//! shut down (every thread joined) before the command returns, and its final metrics are
//! reported.

#[cfg(feature = "pool-idle-timeout")]
use std::time::Duration;

use worker_pool::{FreshPool, PoolMetrics, Sequential, WorkerPool};

use super::args::Common;
use super::CliError;

/// A pool strategy the binary can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolKind {
    /// Strategy A: the process-global pool, reused by every analysis.
    #[cfg(feature = "pool-simple")]
    Simple,
    /// Strategy B: idle workers retire after a timeout.
    #[cfg(feature = "pool-idle-timeout")]
    IdleTimeout,
    /// Strategy C: a pool owned by a scope around the whole run.
    #[cfg(feature = "pool-scoped")]
    Scoped,
    /// Baseline: new threads for every parallel call.
    Fresh,
    /// Baseline: no threads.
    Sequential,
}

impl PoolKind {
    /// Every strategy compiled in, the default first.
    pub const ALL: &'static [PoolKind] = &[
        #[cfg(feature = "pool-simple")]
        PoolKind::Simple,
        #[cfg(feature = "pool-idle-timeout")]
        PoolKind::IdleTimeout,
        #[cfg(feature = "pool-scoped")]
        PoolKind::Scoped,
        PoolKind::Fresh,
        PoolKind::Sequential,
    ];

    /// The `--pool` name.
    pub fn name(self) -> &'static str {
        match self {
            #[cfg(feature = "pool-simple")]
            PoolKind::Simple => "simple",
            #[cfg(feature = "pool-idle-timeout")]
            PoolKind::IdleTimeout => "idle-timeout",
            #[cfg(feature = "pool-scoped")]
            PoolKind::Scoped => "scoped",
            PoolKind::Fresh => "fresh",
            PoolKind::Sequential => "sequential",
        }
    }

    /// Parses a `--pool` name (clap value parser).
    pub fn parse(name: &str) -> Result<PoolKind, String> {
        let names: Vec<&str> = Self::ALL.iter().map(|k| k.name()).collect();
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.name() == name)
            .ok_or_else(|| {
                format!(
                    "unknown pool '{name}' (compiled into this binary: {})",
                    names.join(", ")
                )
            })
    }
}

/// The resolved pool options.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// The strategy.
    pub kind: PoolKind,
    /// Worker threads.
    pub workers: usize,
    /// Idle timeout (idle-timeout pool only).
    #[cfg(feature = "pool-idle-timeout")]
    pub idle_timeout: Option<Duration>,
}

impl PoolConfig {
    /// Resolves `--pool`, `--workers`, `--idle-timeout`.
    pub fn from_args(c: &Common) -> Result<PoolConfig, CliError> {
        let kind = c.pool.unwrap_or(PoolKind::ALL[0]);
        if c.idle_timeout.is_some() && kind.name() != "idle-timeout" {
            return Err(CliError::Input(format!(
                "--idle-timeout only applies to --pool idle-timeout (the pool is {})",
                kind.name()
            )));
        }
        let workers = match c.workers {
            Some(n) => n as usize,
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        Ok(PoolConfig {
            kind,
            workers,
            #[cfg(feature = "pool-idle-timeout")]
            idle_timeout: c.idle_timeout,
        })
    }
}

/// The pool's counters after shutdown.
pub struct FinalStats {
    /// The strategy's name.
    pub name: &'static str,
    /// Its metrics, read after every thread was joined.
    pub metrics: PoolMetrics,
}

impl std::fmt::Display for FinalStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = &self.metrics;
        write!(
            f,
            "pool stats: pool={} pools_created={} pool_grows={} threads_spawned={} \
             threads_retired={} idle_reaps={} jobs_run={} panics_caught={} \
             threads_alive_after_shutdown={}",
            self.name,
            m.pools_created,
            m.pool_grows,
            m.threads_spawned,
            m.threads_retired,
            m.idle_reaps,
            m.jobs_run,
            m.panics_caught,
            m.threads_alive
        )
    }
}

/// Runs `work` on the configured pool, shuts the pool down, and returns `work`'s result with
/// the pool's final metrics.
pub fn run<R>(
    cfg: &PoolConfig,
    work: impl FnOnce(&dyn WorkerPool) -> R,
) -> Result<(R, FinalStats), CliError> {
    let name = cfg.kind.name();
    let (result, metrics) = match cfg.kind {
        #[cfg(feature = "pool-simple")]
        PoolKind::Simple => {
            // The handle creates the global pool on first use and rebuilds it if a worker
            // died; every analysis then reuses it (one size here, so it never grows).
            let result = work(&pool_simple::GlobalPool::new(cfg.workers));
            pool_simple::shutdown_worker_pool();
            (result, pool_simple::global_metrics())
        }
        #[cfg(feature = "pool-idle-timeout")]
        PoolKind::IdleTimeout => {
            let mut builder = pool_idle_timeout::Builder::new(cfg.workers);
            if let Some(t) = cfg.idle_timeout {
                builder = builder.idle_timeout(t);
            }
            let pool = builder.build();
            let result = work(&pool);
            pool.shutdown();
            (result, pool.metrics())
        }
        #[cfg(feature = "pool-scoped")]
        PoolKind::Scoped => {
            // The pool's lifetime is this block: its threads start here and are joined by
            // the drop, before the metrics are read.
            let pool = pool_scoped::OwnedPool::new(cfg.workers)
                .map_err(|e| CliError::Failure(format!("worker pool: {e}")))?;
            let metrics = pool.metrics_handle();
            let result = work(&pool);
            drop(pool);
            (result, metrics.snapshot())
        }
        PoolKind::Fresh => {
            let pool = FreshPool::new(cfg.workers);
            (work(&pool), pool.metrics())
        }
        PoolKind::Sequential => {
            let pool = Sequential::new();
            (work(&pool), pool.metrics())
        }
    };
    Ok((result, FinalStats { name, metrics }))
}

/// Shuts the process-global pool down (idempotent); called on every way out of the binary.
pub fn shutdown_global() {
    #[cfg(feature = "pool-simple")]
    pool_simple::shutdown_worker_pool();
}
