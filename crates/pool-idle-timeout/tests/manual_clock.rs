//! Deterministic tests of reaping and claiming: a ManualClock, no reaper thread, explicit
//! `reap(now)` steps.
#![cfg(not(loom))] // real threads; the loom models live in src/loom_tests.rs

mod common;

use std::sync::{mpsc, Arc, Barrier, Mutex};
use std::time::Duration;

use common::{wait_until, Tally, TestSpawner};
use pool_idle_timeout::{Builder, Clock, IdleTimeoutPool, ManualClock};
use worker_pool::{PoolError, WorkerPool};

const TIMEOUT: Duration = Duration::from_secs(10);

fn manual_pool(
    workers: usize,
    min_idle: usize,
) -> (IdleTimeoutPool, Arc<ManualClock>, Arc<TestSpawner>) {
    let clock = Arc::new(ManualClock::new());
    let spawner = TestSpawner::new();
    let pool = Builder::new(workers)
        .idle_timeout(TIMEOUT)
        .min_idle(min_idle)
        .clock(clock.clone())
        .spawner(spawner.clone())
        .manual_reaping()
        .build();
    (pool, clock, spawner)
}

/// Makes the pool hold exactly `k` workers (`k <= max_workers`), all idle: a call of
/// `k + 1` jobs that wait for each other occupies the caller and `k` workers at once.
fn start_workers(pool: &IdleTimeoutPool, k: usize) {
    let barrier = Arc::new(Barrier::new(k + 1));
    pool.execute(k + 1, &move |_| {
        barrier.wait();
    })
    .unwrap();
    wait_until("all workers are idle", || pool.idle_workers() == k);
    assert_eq!(pool.live_workers(), k);
}

/// Runs a one-job call, which claims the most recently idle worker, and waits until that
/// worker is idle again (with a new idle-since time).
fn claim_one(pool: &IdleTimeoutPool) {
    let idle_before = pool.idle_workers();
    pool.execute(1, &|_| {}).unwrap();
    wait_until("the claimed worker is idle again", || {
        pool.idle_workers() == idle_before
    });
}

#[test]
fn reap_retires_only_expired_workers_and_claims_are_lifo() {
    let (pool, clock, _) = manual_pool(2, 0);
    start_workers(&pool, 2); // A and B idle since t0
    clock.advance(Duration::from_secs(1));
    claim_one(&pool); // LIFO: the newer of the two, say B, now idle since t0 + 1
    clock.advance(Duration::from_secs(1));
    claim_one(&pool); // LIFO: B again, now idle since t0 + 2; A is still idle since t0.
                      // (FIFO would have claimed A, then B: idle since t0 + 1 and t0 + 2.)
    clock.advance(TIMEOUT - Duration::from_secs(2)); // t0 + 10: only A has expired
    assert_eq!(pool.reap(clock.now()), 1, "claims must be LIFO");
    assert_eq!((pool.live_workers(), pool.idle_workers()), (1, 1));
    claim_one(&pool); // the survivor, now idle since t0 + 10
    assert_eq!(pool.reap(clock.now()), 0, "the survivor was just claimed");
    clock.advance(TIMEOUT);
    assert_eq!(pool.reap(clock.now()), 1);
    assert_eq!(pool.live_workers(), 0);
    let m = pool.metrics();
    assert_eq!((m.idle_reaps, m.threads_spawned), (2, 2));
}

#[test]
fn nothing_is_reaped_before_the_timeout() {
    let (pool, clock, _) = manual_pool(3, 0);
    start_workers(&pool, 3);
    clock.advance(TIMEOUT - Duration::from_nanos(1));
    assert_eq!(pool.reap(clock.now()), 0);
    assert_eq!(pool.live_workers(), 3);
    clock.advance(Duration::from_nanos(1));
    assert_eq!(pool.reap(clock.now()), 3);
    assert_eq!(pool.metrics().idle_reaps, 3);
}

#[test]
fn claimed_worker_is_never_reaped() {
    let (pool, clock, spawner) = manual_pool(1, 0);
    let pool = Arc::new(pool);
    start_workers(&pool, 1);
    clock.advance(2 * TIMEOUT); // the idle worker is long expired...
    let (started_tx, started_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let caller = {
        let pool = Arc::clone(&pool);
        let both = Arc::new(Barrier::new(2));
        let release_rx = Mutex::new(release_rx);
        let started_tx = Mutex::new(started_tx);
        std::thread::spawn(move || {
            // ...but this call claims it first: two jobs that meet at a barrier, so the
            // caller runs one and the claimed worker the other; the worker's then blocks.
            pool.execute(2, &move |_| {
                if both.wait().is_leader() {
                    started_tx.lock().unwrap().send(()).unwrap();
                    release_rx.lock().unwrap().recv().unwrap();
                }
            })
        })
    };
    started_rx.recv().unwrap();
    assert_eq!(
        pool.reap(clock.now()),
        0,
        "a claimed worker must not be reaped"
    );
    assert_eq!(pool.live_workers(), 1);
    release_tx.send(()).unwrap();
    caller.join().unwrap().unwrap();
    let m = pool.metrics();
    assert_eq!(
        (m.idle_reaps, m.threads_spawned, spawner.spawned()),
        (0, 1, 1)
    );
}

#[test]
fn a_call_arriving_while_the_last_worker_retires_still_runs() {
    let (pool, clock, _) = manual_pool(1, 0);
    for round in 1..=200u64 {
        start_workers(&pool, 1);
        clock.advance(TIMEOUT);
        assert_eq!(pool.reap(clock.now()), 1);
        assert_eq!(pool.live_workers(), 0);
        // The retired thread may still be on its way out: the call must not count on it.
        let tally = Tally::new(50);
        pool.execute(50, &tally.job()).unwrap();
        tally.assert_each_ran_once();
        // One worker at the start, then a fresh one for each call after a reap.
        assert_eq!(pool.metrics().threads_spawned, round + 1);
    }
}

#[test]
fn min_idle_zero_retires_every_worker_and_the_pool_recovers() {
    let (pool, clock, spawner) = manual_pool(3, 0);
    start_workers(&pool, 3);
    clock.advance(TIMEOUT);
    assert_eq!(pool.reap(clock.now()), 3);
    assert_eq!(pool.live_workers(), 0);
    wait_until("the retired threads exited", || spawner.running() == 0);
    let tally = Tally::new(1000);
    pool.execute(1000, &tally.job()).unwrap();
    tally.assert_each_ran_once();
    assert_eq!(pool.metrics().threads_spawned, 6);
}

#[test]
fn min_idle_keeps_the_most_recently_idle_workers() {
    let (pool, clock, _) = manual_pool(3, 2);
    start_workers(&pool, 3);
    clock.advance(10 * TIMEOUT);
    assert_eq!(pool.reap(clock.now()), 1);
    assert_eq!(pool.reap(clock.now()), 0);
    assert_eq!((pool.live_workers(), pool.idle_workers()), (2, 2));
}

#[test]
fn reap_all_empties_the_pool_and_joins_its_threads() {
    let (pool, _, spawner) = manual_pool(3, 3);
    start_workers(&pool, 3);
    assert_eq!(
        pool.reap_all(),
        3,
        "min_idle does not protect from reap_all"
    );
    assert_eq!((pool.live_workers(), spawner.running()), (0, 0));
    assert_eq!(pool.metrics().threads_alive, 0);
}

#[test]
fn failed_spawn_with_no_worker_alive_is_an_error_and_runs_nothing() {
    let (pool, _, spawner) = manual_pool(2, 0);
    spawner.set_failing(true);
    let tally = Tally::new(5);
    let err = pool.execute(5, &tally.job()).unwrap_err();
    assert!(matches!(err, PoolError::Spawn { .. }), "{err:?}");
    assert_eq!(tally.total(), 0);
    spawner.set_failing(false);
    pool.execute(5, &tally.job()).unwrap();
    tally.assert_each_ran_once();
}

#[test]
fn failed_spawn_after_the_last_worker_retired_is_an_error() {
    let (pool, clock, spawner) = manual_pool(1, 0);
    start_workers(&pool, 1);
    clock.advance(TIMEOUT);
    assert_eq!(pool.reap(clock.now()), 1);
    spawner.set_failing(true);
    let tally = Tally::new(3);
    assert!(matches!(
        pool.execute(3, &tally.job()),
        Err(PoolError::Spawn { .. })
    ));
    assert_eq!(tally.total(), 0);
}

#[test]
fn failed_spawn_with_a_worker_alive_still_runs_every_job() {
    let (pool, _, spawner) = manual_pool(4, 0);
    start_workers(&pool, 1);
    spawner.set_failing(true);
    // Wants 4 helpers: claims the idle worker, then the spawns fail; that one runs all.
    let tally = Tally::new(100);
    pool.execute(100, &tally.job()).unwrap();
    tally.assert_each_ran_once();
    assert_eq!(pool.metrics().threads_spawned, 1);
}

#[test]
fn background_reaper_spawn_failure_is_reported() {
    let spawner = TestSpawner::new();
    spawner.set_failing(true);
    let pool = Builder::new(2).spawner(spawner.clone()).build();
    assert!(matches!(
        pool.execute(1, &|_| {}),
        Err(PoolError::Spawn { .. })
    ));
    spawner.set_failing(false);
    pool.execute(1, &|_| {}).unwrap();
    pool.shutdown();
    assert_eq!(spawner.running(), 0);
}

#[test]
fn shutdown_joins_everything_and_refuses_new_calls() {
    let spawner = TestSpawner::new();
    let pool = Builder::new(3).spawner(spawner.clone()).build(); // with the reaper thread
    let tally = Tally::new(30);
    pool.execute(30, &tally.job()).unwrap();
    assert!(
        spawner.running() >= 2,
        "a worker and the reaper are running"
    );
    pool.shutdown();
    assert_eq!(spawner.running(), 0, "reaper and workers are joined");
    assert_eq!(pool.metrics().threads_alive, 0);
    assert_eq!(pool.live_workers(), 0);
    assert!(pool.is_shut_down());
    assert_eq!(pool.execute(1, &|_| {}), Err(PoolError::ShutDown));
    pool.shutdown(); // idempotent
    tally.assert_each_ran_once();
}

#[test]
fn drop_joins_everything() {
    let spawner = TestSpawner::new();
    {
        let pool = Builder::new(2).spawner(spawner.clone()).build();
        pool.execute(10, &|_| {}).unwrap();
    }
    assert_eq!(spawner.running(), 0);
}

#[test]
fn shutdown_lets_accepted_calls_finish() {
    let spawner = TestSpawner::new();
    let pool = Arc::new(Builder::new(2).spawner(spawner.clone()).build());
    let (started_tx, started_rx) = mpsc::channel();
    let tally = Arc::new(Tally::new(20));
    let caller = {
        let pool = Arc::clone(&pool);
        let tally = Arc::clone(&tally);
        std::thread::spawn(move || {
            let inner = tally.job();
            let started_tx = Mutex::new(started_tx);
            pool.execute(20, &move |i| {
                if i == 0 {
                    let _ = started_tx.lock().unwrap().send(());
                }
                std::thread::sleep(Duration::from_millis(2));
                inner(i);
            })
        })
    };
    started_rx.recv().unwrap();
    pool.shutdown();
    assert_eq!(spawner.running(), 0);
    caller.join().unwrap().unwrap();
    tally.assert_each_ran_once();
}

#[test]
fn nested_call_runs_inline_on_the_worker() {
    let pool = Arc::new(IdleTimeoutPool::new(1, TIMEOUT));
    let inner_pool = Arc::clone(&pool);
    let caller = std::thread::current().id();
    let both = Arc::new(Barrier::new(2));
    let on_worker = Arc::new(Mutex::new(Vec::new()));
    let out = Arc::clone(&on_worker);
    // Two outer jobs that meet at a barrier: one runs on the caller, one on the worker.
    pool.execute(2, &move |_| {
        both.wait();
        let outer = std::thread::current().id();
        let out = Arc::clone(&out);
        inner_pool
            .execute(3, &move |_| {
                if outer != caller {
                    out.lock()
                        .unwrap()
                        .push(std::thread::current().id() == outer);
                }
            })
            .unwrap();
    })
    .unwrap();
    assert_eq!(
        *on_worker.lock().unwrap(),
        vec![true; 3],
        "inline on the worker"
    );
    assert_eq!(pool.metrics().threads_spawned, 1);
}

#[test]
fn real_time_idle_workers_are_reaped_and_come_back() {
    let spawner = TestSpawner::new();
    let pool = Builder::new(2)
        .idle_timeout(Duration::from_millis(20))
        .spawner(spawner.clone())
        .build();
    let tally = Tally::new(100);
    pool.execute(100, &tally.job()).unwrap();
    tally.assert_each_ran_once();
    let first = pool.metrics().threads_spawned;
    assert!(first >= 1);
    wait_until("the reaper retires every worker", || {
        pool.live_workers() == 0
    });
    wait_until("the reaper joins them", || {
        pool.metrics().threads_alive == 0
    });
    assert_eq!(pool.metrics().idle_reaps, first);
    let tally = Tally::new(100);
    pool.execute(100, &tally.job()).unwrap();
    tally.assert_each_ran_once();
    assert!(
        pool.metrics().threads_spawned > first,
        "workers came back on demand"
    );
    drop(pool);
    assert_eq!(spawner.running(), 0);
}

#[test]
fn reap_all_and_shutdown_from_a_job_on_a_worker_do_not_deadlock() {
    let spawner = TestSpawner::new();
    let pool = Arc::new(Builder::new(1).spawner(spawner.clone()).build());
    let inner = Arc::clone(&pool);
    let both = Arc::new(Barrier::new(2));
    let on_worker = Arc::new(Mutex::new(None));
    let out = Arc::clone(&on_worker);
    let caller = std::thread::current().id();
    // Two jobs that meet at a barrier: one of them runs on the worker.
    pool.execute(2, &move |_| {
        both.wait();
        if std::thread::current().id() != caller {
            let reaped = inner.reap_all();
            inner.shutdown(); // only signals: a worker cannot join itself
            *out.lock().unwrap() = Some(reaped);
        }
    })
    .unwrap();
    assert_eq!(*on_worker.lock().unwrap(), Some(0));
    assert!(pool.is_shut_down());
    pool.shutdown(); // from outside: joins everything
    assert_eq!(spawner.running(), 0);
    assert_eq!(pool.metrics().threads_alive, 0);
}
