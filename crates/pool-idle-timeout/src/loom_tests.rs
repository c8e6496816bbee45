//! loom model checks of the claim/retire protocol (run with `RUSTFLAGS="--cfg loom"`; see
//! the README for the command and the preemption bound).
//!
//! Every model uses a pool of one worker, a zero idle timeout (any idle worker is
//! expired) and manual reaping, and at most 4 threads in all: the model's main thread,
//! one other caller, the worker, and the worker that replaces a retired one. The caller
//! never blocks in `Batch::wait` (a `std` condition variable, invisible to loom): it only
//! submits, and `shutdown`, which lets every accepted batch finish before it joins the
//! workers, is the point after which each accepted batch must be done.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use loom::thread;
use worker_pool::{Batch, MetricsRecorder, PoolError, WorkerPool};

use crate::spawn::{Spawner, ThreadMain, ThreadSpawner};
use crate::{Builder, Clock, IdleTimeoutPool, ManualClock};

/// Starts the first `allowed` threads, then refuses.
#[derive(Debug)]
struct LimitedSpawner {
    allowed: AtomicUsize,
}

impl Spawner for LimitedSpawner {
    fn spawn(&self, name: String, main: ThreadMain) -> std::io::Result<thread::JoinHandle<()>> {
        let left = self.allowed.load(Ordering::SeqCst);
        if left == 0 {
            return Err(std::io::Error::other("no more threads"));
        }
        self.allowed.store(left - 1, Ordering::SeqCst);
        ThreadSpawner.spawn(name, main)
    }
}

struct Model {
    pool: Arc<IdleTimeoutPool>,
    clock: Arc<ManualClock>,
    ran: Arc<AtomicUsize>,
}

impl Model {
    fn new() -> Self {
        Self::with_threads(usize::MAX)
    }

    /// A model whose pool can start only `threads` worker threads in all.
    fn with_threads(threads: usize) -> Self {
        let clock = Arc::new(ManualClock::new());
        let spawner = LimitedSpawner {
            allowed: AtomicUsize::new(threads),
        };
        let pool = Builder::new(1)
            .idle_timeout(Duration::ZERO)
            .clock(clock.clone())
            .spawner(Arc::new(spawner))
            .manual_reaping()
            .build();
        Self {
            pool: Arc::new(pool),
            clock,
            ran: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// A one-job batch that counts its run.
    fn batch(&self) -> Arc<Batch> {
        let ran = Arc::clone(&self.ran);
        Batch::detached(
            1,
            Arc::new(move |_| {
                ran.fetch_add(1, Ordering::SeqCst);
            }),
        )
    }

    /// Runs one reaping step on a thread of its own (the reaper racing the test's thread).
    fn reap_on_another_thread(&self) -> thread::JoinHandle<()> {
        let (pool, clock) = (Arc::clone(&self.pool), Arc::clone(&self.clock));
        thread::spawn(move || {
            pool.reap(clock.now());
        })
    }

    fn reap(&self) {
        self.pool.reap(self.clock.now());
    }

    /// Shuts down, then checks that exactly the accepted batches ran, once each, and that
    /// no worker is left.
    fn finish(self, accepted: &[&Arc<Batch>]) {
        self.pool.shutdown();
        for batch in accepted {
            assert!(batch.is_done(), "an accepted batch was stranded");
        }
        assert_eq!(self.ran.load(Ordering::SeqCst), accepted.len());
        assert_eq!(self.pool.metrics().threads_alive, 0);
        assert_eq!(self.pool.live_workers(), 0);
    }
}

/// A submit racing a reap of the only worker (busy, idle, or retiring): the job still
/// runs, on the old worker if the claim won, on a new one if the reap won.
#[test]
fn loom_submit_racing_reap() {
    loom::model(|| {
        let m = Model::new();
        let first = m.batch();
        m.pool.submit(&first).unwrap();
        let reaper = m.reap_on_another_thread();
        let second = m.batch();
        m.pool.submit(&second).unwrap();
        reaper.join().unwrap();
        m.finish(&[&first, &second]);
    });
}

/// A submit racing shutdown: either it is refused with `ShutDown` and nothing of it runs,
/// or it is accepted and shutdown waits until it has run.
#[test]
fn loom_submit_racing_shutdown() {
    loom::model(|| {
        let m = Model::new();
        let first = m.batch();
        m.pool.submit(&first).unwrap();
        let second = m.batch();
        let submitter = {
            let (pool, second) = (Arc::clone(&m.pool), Arc::clone(&second));
            thread::spawn(move || pool.submit(&second))
        };
        m.pool.shutdown();
        let outcome = submitter.join().unwrap();
        match outcome {
            Ok(()) => m.finish(&[&first, &second]),
            Err(PoolError::ShutDown) => {
                assert!(!second.is_done());
                m.finish(&[&first]);
            }
            Err(e) => panic!("unexpected {e}"),
        }
    });
}

/// Two submitters racing the retirement of the only worker: main reaps it and then
/// submits, another thread submits meanwhile. Both jobs run; at most one new worker.
#[test]
fn loom_two_submitters_racing_one_retiring_worker() {
    loom::model(|| {
        let m = Model::new();
        let first = m.batch();
        m.pool.submit(&first).unwrap();
        let second = m.batch();
        let other = {
            let (pool, second) = (Arc::clone(&m.pool), Arc::clone(&second));
            thread::spawn(move || pool.submit(&second).unwrap())
        };
        m.reap();
        let third = m.batch();
        m.pool.submit(&third).unwrap();
        other.join().unwrap();
        assert!(m.pool.metrics().threads_spawned <= 2);
        m.finish(&[&first, &second, &third]);
    });
}

/// A submit racing the reap of the only worker, when no new thread can be spawned: either
/// the submit claims the worker first and its job runs, or the reap wins, the spawn fails
/// with no worker alive, and the submit returns `Spawn` without running anything. Never a
/// stranded job.
#[test]
fn loom_spawn_failure_racing_reap() {
    loom::model(|| {
        let m = Model::with_threads(1);
        let first = m.batch();
        m.pool.submit(&first).unwrap();
        let reaper = m.reap_on_another_thread();
        let second = m.batch();
        let outcome = m.pool.submit(&second);
        reaper.join().unwrap();
        match outcome {
            Ok(()) => m.finish(&[&first, &second]),
            Err(PoolError::Spawn { .. }) => {
                assert_eq!(m.pool.live_workers(), 0);
                m.finish(&[&first]);
                assert!(!second.is_done());
            }
            Err(e) => panic!("unexpected {e}"),
        }
    });
}

/// Shutdown racing the reaper for the same idle worker: it is retired exactly once
/// (`live` ends at 0, not below), and shutdown still joins it.
#[test]
fn loom_shutdown_racing_reap() {
    loom::model(|| {
        let m = Model::new();
        let first = m.batch();
        m.pool.submit(&first).unwrap();
        let reaper = m.reap_on_another_thread();
        m.pool.shutdown();
        reaper.join().unwrap();
        assert!(m.pool.metrics().idle_reaps <= 1);
        m.finish(&[&first]);
    });
}

/// The caller helps with its batch, as `execute` does, and may finish it before a worker
/// takes the task; that worker then holds the batch but must not run its job: once the
/// batch is done, a borrowed job's data may be gone (here: `alive` is cleared), and a job
/// running after that fails the model.
#[test]
fn loom_a_worker_holding_a_finished_batch_never_runs_its_job() {
    loom::model(|| {
        let m = Model::new();
        let alive = Arc::new(loom::sync::atomic::AtomicBool::new(true));
        let batch = {
            let (alive, ran) = (Arc::clone(&alive), Arc::clone(&m.ran));
            Batch::detached(
                1,
                Arc::new(move |_| {
                    assert!(
                        alive.load(Ordering::SeqCst),
                        "a job ran after its batch was done"
                    );
                    ran.fetch_add(1, Ordering::SeqCst);
                }),
            )
        };
        m.pool.submit(&batch).unwrap();
        batch.work(&MetricsRecorder::new());
        if batch.is_done() {
            alive.store(false, Ordering::SeqCst); // the caller returns; its data is gone
        }
        m.finish(&[&batch]);
    });
}
