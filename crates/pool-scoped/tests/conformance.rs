//! Strategy C against the conformance suite, the borrowing `scope` API, and the property
//! that random shapes of work give the sequential answer in both forms.

use std::sync::atomic::{AtomicUsize, Ordering};

use pool_scoped::{scope, OwnedPool};
use proptest::prelude::*;
use worker_pool::testing::{chunked_mix, conformance, expected_mix, mix, panicked};
use worker_pool::WorkerPoolExt;

#[test]
fn owned_pool_conforms() {
    conformance(|w| OwnedPool::new(w).unwrap());
}

#[test]
fn dropping_an_owned_pool_joins_every_thread() {
    let pool = OwnedPool::new(3).unwrap();
    assert_eq!(chunked_mix(&pool, 1_000, 7).unwrap(), expected_mix(1_000));
    let metrics = pool.metrics_handle();
    assert_eq!(metrics.snapshot().threads_alive, 3);
    drop(pool);
    let m = metrics.snapshot();
    assert_eq!(
        (m.pools_created, m.threads_spawned, m.threads_alive),
        (1, 3, 0)
    );
}

#[test]
fn jobs_borrow_the_callers_data_and_every_call_reuses_the_workers() {
    let data: Vec<u64> = (0..500).map(mix).collect();
    let hits = AtomicUsize::new(0);
    let (sums, metrics) = scope(2, |s| {
        let mut sums = Vec::new();
        for round in 0..10 {
            // Everything is borrowed: `data` and `hits` from outside, `round` from inside.
            let part = s
                .map(data.len(), |i| {
                    hits.fetch_add(1, Ordering::Relaxed);
                    data[i] ^ round
                })
                .unwrap();
            sums.push(part.iter().fold(0u64, |a, &x| a.wrapping_add(x)));
        }
        (sums, s.metrics())
    })
    .unwrap();
    let want: Vec<u64> = (0..10u64)
        .map(|r| data.iter().fold(0u64, |a, &x| a.wrapping_add(x ^ r)))
        .collect();
    assert_eq!(sums, want);
    assert_eq!(hits.load(Ordering::Relaxed), 5_000);
    // One pool, two threads, for all ten calls.
    assert_eq!((metrics.pools_created, metrics.threads_spawned), (1, 2));
    assert_eq!(metrics.jobs_run, 5_000);
}

#[test]
fn a_panicking_job_becomes_an_error_and_the_scope_goes_on() {
    let ran = AtomicUsize::new(0);
    let (first, second) = scope(2, |s| {
        let first = s.execute(40, |i| {
            ran.fetch_add(1, Ordering::Relaxed);
            assert!(i % 10 != 7, "chunk {i} is bad");
        });
        let second = s.map(3, |i| i + 1);
        (first, second)
    })
    .unwrap();
    assert_eq!(panicked(first), (7, "chunk 7 is bad".into()));
    assert_eq!(ran.load(Ordering::Relaxed), 40);
    assert_eq!(second, Ok(vec![1, 2, 3]));
}

#[test]
fn a_panicking_closure_still_joins_the_workers_then_unwinds() {
    let data = [1u8, 2, 3];
    let mut metrics = None;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        scope(2, |s| {
            metrics = Some(s.pool().metrics_handle());
            s.map(3, |i| data[i]).unwrap();
            panic!("the closure itself fails");
        })
    }));
    assert!(outcome.is_err());
    // `scope` only unwinds after its pool joined the threads.
    let m = metrics.expect("the closure ran").snapshot();
    assert_eq!((m.threads_spawned, m.threads_alive), (2, 0));
}

#[test]
fn a_job_may_borrow_the_scope_and_call_it() {
    let got = scope(2, |s| {
        s.map(4, |i| s.map(3, |j| i * 10 + j).expect("nested call"))
            .expect("outer call")
    })
    .unwrap();
    let want: Vec<Vec<usize>> = (0..4)
        .map(|i| (0..3).map(|j| i * 10 + j).collect())
        .collect();
    assert_eq!(got, want);
}

/// A forgotten pool leaks its idle threads, nothing else: calls made before returned only
/// once their jobs were done, so their borrows ended with them.
#[test]
fn forgetting_an_owned_pool_leaks_threads_not_borrows() {
    let pool = OwnedPool::new(2).unwrap();
    let metrics = pool.metrics_handle();
    {
        let data: Vec<u64> = (0..100).collect();
        assert_eq!(pool.map(100, |i| data[i] * 2).unwrap()[99], 198);
    } // `data` is gone; no job can still read it
    std::mem::forget(pool);
    let m = metrics.snapshot();
    assert_eq!((m.jobs_run, m.threads_alive), (100, 2));
}

proptest! {
    // `timeout` runs each case in a forked child, so a deadlock fails the case.
    #![proptest_config(ProptestConfig { cases: 24, timeout: 30_000, ..ProptestConfig::default() })]

    #[test]
    fn both_forms_match_sequential(items in 0usize..3_000, chunk in 1usize..400, workers in 1usize..5) {
        let pool = OwnedPool::new(workers).unwrap();
        prop_assert_eq!(chunked_mix(&pool, items, chunk).unwrap(), expected_mix(items));
        let jobs = items.div_ceil(chunk);
        let parts = scope(workers, |s| {
            s.map(jobs, |i| (i * chunk..((i + 1) * chunk).min(items)).map(|x| mix(x as u64)).collect::<Vec<_>>())
        })
        .unwrap()
        .unwrap();
        prop_assert_eq!(parts.concat(), expected_mix(items));
        let handle = pool.metrics_handle();
        drop(pool);
        prop_assert_eq!(handle.snapshot().threads_alive, 0);
    }
}
