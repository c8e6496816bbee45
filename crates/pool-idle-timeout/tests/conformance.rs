//! The idle-timeout pool passes the workspace's conformance suite, with workers that stay
//! and with workers that retire almost at once, and agrees with the sequential answer on
//! random shapes of work.
#![cfg(not(loom))] // real threads; the loom models live in src/loom_tests.rs

use std::time::Duration;

use pool_idle_timeout::IdleTimeoutPool;
use proptest::prelude::*;
use worker_pool::testing::{chunked_mix, conformance, expected_mix};
use worker_pool::WorkerPool;

#[test]
fn conforms_with_a_long_idle_timeout() {
    conformance(|workers| IdleTimeoutPool::new(workers, Duration::from_secs(60)));
}

#[test]
fn conforms_with_workers_retiring_at_once() {
    conformance(|workers| IdleTimeoutPool::new(workers, Duration::ZERO));
}

proptest! {
    // `timeout` runs each case in a forked child, so a deadlock fails the case.
    #![proptest_config(ProptestConfig { cases: 32, timeout: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn matches_sequential(
        items in 0usize..2_000,
        chunk in 1usize..300,
        workers in 1usize..6,
        timeout_us in prop_oneof![Just(0u64), Just(200), Just(60_000_000)],
    ) {
        let pool = IdleTimeoutPool::new(workers, Duration::from_micros(timeout_us));
        prop_assert_eq!(chunked_mix(&pool, items, chunk).unwrap(), expected_mix(items));
        pool.shutdown();
        prop_assert_eq!(pool.metrics().threads_alive, 0);
    }
}
