//! The baselines pass the conformance suite, and agree with the sequential answer on random
//! shapes of work.

use proptest::prelude::*;
use worker_pool::testing::{chunked_mix, conformance, expected_mix};
use worker_pool::{FreshPool, Sequential};

#[test]
fn sequential_conforms() {
    conformance(|_workers| Sequential::new());
}

#[test]
fn fresh_pool_conforms() {
    conformance(FreshPool::new);
}

proptest! {
    // `timeout` runs each case in a forked child, so a deadlock fails the case.
    #![proptest_config(ProptestConfig { cases: 32, timeout: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn fresh_pool_matches_sequential(items in 0usize..2_000, chunk in 1usize..300, workers in 1usize..6) {
        let pool = FreshPool::new(workers);
        prop_assert_eq!(chunked_mix(&pool, items, chunk).unwrap(), expected_mix(items));
        prop_assert_eq!(chunked_mix(&Sequential::new(), items, chunk).unwrap(), expected_mix(items));
    }
}
