//! The sizing policy of the global pool: it stays one pool, grows in place to the biggest
//! request, caps each call at its handle's count, and shrinks only on an explicit resize.
//!
//! Every test here shares the one process-global pool, so each holds `SERIAL` and starts
//! from a shut-down pool, and compares metrics as deltas.

use std::collections::HashSet;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::ThreadId;
use std::time::Duration;

use pool_simple::{
    get_worker_pool, global_metrics, resize_worker_pool, shutdown_worker_pool, GlobalPool,
};
use worker_pool::{PoolMetrics, WorkerPool, WorkerPoolExt};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    worker_pool::poison::lock(&SERIAL)
}

/// The distinct threads that ran a call of `n` jobs through `pool`. Each job sleeps a
/// little, so that every thread the call hands work to gets to claim some: a call that used
/// more threads than it should is seen (no barrier, which would force a thread count).
fn threads_used(pool: &dyn WorkerPool, n: usize) -> HashSet<ThreadId> {
    let ids = pool
        .map(n, |_| {
            std::thread::sleep(Duration::from_millis(1));
            std::thread::current().id()
        })
        .expect("no job panics");
    ids.into_iter().collect()
}

/// `after - before` for the counters the policy is about.
fn delta(before: PoolMetrics, after: PoolMetrics) -> (u64, u64, u64) {
    (
        after.pools_created - before.pools_created,
        after.pool_grows - before.pool_grows,
        after.threads_spawned - before.threads_spawned,
    )
}

/// Runs `f` on a helper thread and fails the test if it does not finish in time (a
/// deadlock fails loudly instead of hanging the run).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(value) => {
            let _ = worker.join();
            value
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("still running after {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(payload) => std::panic::resume_unwind(payload),
            Ok(()) => unreachable!("the helper sends before it returns"),
        },
    }
}

#[test]
fn alternating_handles_share_one_pool_and_each_call_keeps_its_cap() {
    let _serial = serial();
    shutdown_worker_pool();
    let start = global_metrics();
    let (two, three) = (GlobalPool::new(2), GlobalPool::new(3));
    let mut widest_three = 0;
    for round in 0..50 {
        let used = threads_used(&two, 16);
        assert!(
            used.len() <= 2,
            "round {round}: the 2-handle ran on {} threads",
            used.len()
        );
        widest_three = widest_three.max(threads_used(&three, 16).len());
    }
    let m = global_metrics();
    assert_eq!(delta(start, m), (1, 1, 3), "one pool, grown once to 3: {m}");
    assert_eq!(m.threads_alive, 3, "{m}");
    assert!(widest_three <= 3);
    // The check above can fail: the 3-handle's calls, made the same way, did use 3 threads.
    assert_eq!(widest_three, 3, "the pool had 3 workers to offer");
    // A smaller request neither shrinks nor rebuilds it.
    assert_eq!(get_worker_pool(1).expect("no spawn").workers(), 3);
    assert_eq!(
        GlobalPool::new(1).map(4, |i| i).expect("no panic"),
        [0, 1, 2, 3]
    );
    assert_eq!(delta(start, global_metrics()), (1, 1, 3));
    shutdown_worker_pool();
    assert_eq!(global_metrics().threads_alive, 0);
}

#[test]
fn a_one_handle_on_a_big_pool_runs_on_the_caller_alone() {
    let _serial = serial();
    shutdown_worker_pool();
    get_worker_pool(4).expect("no spawn");
    let me = std::thread::current().id();
    for _ in 0..5 {
        assert_eq!(threads_used(&GlobalPool::new(1), 8), HashSet::from([me]));
    }
    shutdown_worker_pool();
}

#[test]
fn an_explicit_resize_shrinks_and_joins_the_old_threads() {
    let _serial = serial();
    shutdown_worker_pool();
    let start = global_metrics();
    GlobalPool::new(4).execute(8, &|_| {}).expect("no panic");
    let four = get_worker_pool(1).expect("no spawn");
    assert_eq!((four.workers(), global_metrics().threads_alive), (4, 4));

    let two = resize_worker_pool(2).expect("no spawn");
    assert_eq!(two.workers(), 2);
    // The old generation's threads were joined before the resize returned.
    let m = global_metrics();
    assert_eq!(
        (m.threads_alive, m.threads_retired - start.threads_retired),
        (2, 4)
    );
    assert_eq!(delta(start, m), (2, 0, 6), "a shrink is a rebuild: {m}");
    assert_eq!(
        four.execute(1, &|_| {}),
        Err(worker_pool::PoolError::ShutDown)
    );
    assert!(threads_used(&GlobalPool::new(2), 16).len() <= 2);
    assert_eq!(delta(start, global_metrics()), (2, 0, 6), "a 2-handle fits");
    assert!(threads_used(&GlobalPool::new(4), 16).len() <= 4);
    assert_eq!(
        delta(start, global_metrics()),
        (2, 1, 8),
        "the 4-handle grew it back"
    );

    // Resizing to the current size changes nothing; resizing up grows in place.
    let again = resize_worker_pool(4).expect("no spawn");
    assert!(Arc::ptr_eq(&again, &two));
    let up = resize_worker_pool(5).expect("no spawn");
    assert!(Arc::ptr_eq(&up, &two));
    assert_eq!(up.workers(), 5);
    assert_eq!(delta(start, global_metrics()), (2, 2, 9));
    assert_eq!(global_metrics().threads_alive, 5);

    // With no pool installed, a resize creates one of exactly that size.
    shutdown_worker_pool();
    assert_eq!(global_metrics().threads_alive, 0);
    assert_eq!(resize_worker_pool(0).expect("no spawn").workers(), 1);
    assert_eq!(global_metrics().threads_alive, 1);
    shutdown_worker_pool();
    assert_eq!(global_metrics().threads_alive, 0);
}

#[test]
fn a_resize_waits_for_calls_still_running_on_the_old_pool() {
    let _serial = serial();
    shutdown_worker_pool();
    resize_worker_pool(3).expect("no spawn");
    let start = global_metrics();
    std::thread::scope(|s| {
        let busy = s.spawn(|| {
            GlobalPool::new(3)
                .map(30, |i| {
                    std::thread::sleep(Duration::from_millis(2));
                    i
                })
                .expect("no panic")
        });
        std::thread::sleep(Duration::from_millis(5));
        resize_worker_pool(1).expect("no spawn");
        assert_eq!(
            global_metrics().threads_alive,
            1,
            "the 3 old workers joined"
        );
        assert_eq!(busy.join().expect("no panic"), (0..30).collect::<Vec<_>>());
    });
    assert_eq!(global_metrics().jobs_run - start.jobs_run, 30);
    shutdown_worker_pool();
    assert_eq!(global_metrics().threads_alive, 0);
}

#[test]
fn concurrent_handles_of_different_sizes_grow_one_pool() {
    let _serial = serial();
    shutdown_worker_pool();
    let start = global_metrics();
    let total = within(Duration::from_secs(120), || {
        let total = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for workers in 1..=4usize {
                let total = &total;
                s.spawn(move || {
                    let pool = GlobalPool::new(workers);
                    for call in 0..40usize {
                        let n = 1 + (call * 7 + workers) % 23;
                        let got = pool
                            .map(n, |i| (i * workers, std::thread::current().id()))
                            .expect("no job panics");
                        let (values, ids): (Vec<_>, HashSet<_>) = got.into_iter().unzip();
                        assert_eq!(values, (0..n).map(|i| i * workers).collect::<Vec<_>>());
                        assert!(
                            ids.len() <= workers,
                            "{workers}-handle on {} threads",
                            ids.len()
                        );
                        total.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                    }
                });
            }
        });
        total.into_inner()
    });
    let m = global_metrics();
    let (created, grows, spawned) = delta(start, m);
    assert_eq!(
        (created, spawned),
        (1, 4),
        "one pool, as big as the biggest handle: {m}"
    );
    assert!(grows <= 3, "{m}");
    assert_eq!(m.threads_alive, 4);
    assert_eq!(m.jobs_run - start.jobs_run, total as u64);
    shutdown_worker_pool();
    assert_eq!(global_metrics().threads_alive, 0);
}
