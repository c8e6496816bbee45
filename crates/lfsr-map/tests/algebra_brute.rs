//! proptest: `algebra::cycle_structure` on brute-force factor data equals a brute-force walk of
//! the state graph, for random LFSRs (singular ones included) over GF(2), GF(3), GF(4), GF(5),
//! GF(7), GF(8), GF(9) and GF(16).

mod algebra_support;

use algebra_support::{small, SmallField};
use lfsr_map::algebra::cycle_structure;
use proptest::prelude::*;

/// (q, coefficients) with q^d <= 2^12, c0 = 0 about a third of the time.
fn lfsr() -> impl Strategy<Value = (u64, Vec<u64>)> {
    prop::sample::select(vec![2u64, 3, 4, 5, 7, 8, 9, 16])
        .prop_flat_map(|q| {
            let max_d = (1..).take_while(|&d| q.pow(d) <= 1 << 12).last().unwrap() as usize;
            (Just(q), prop::collection::vec(0..q, 1..=max_d), 0..3u8)
        })
        .prop_map(|(q, mut coeffs, singular)| {
            if singular == 0 {
                coeffs[0] = 0;
            }
            (q, coeffs)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn algebra_equals_walk((q, coeffs) in lfsr()) {
        let field = SmallField::new(q);
        let s = cycle_structure(&field.factor_data(&coeffs)).unwrap();
        let (cycles, tails) = field.enumerate(&coeffs);
        prop_assert_eq!(small(&s.cycles), cycles);
        let algebra_tails: Vec<(u64, u64)> =
            s.tails.iter().map(|(t, c)| (*t, u64::try_from(c).unwrap())).collect();
        prop_assert_eq!(algebra_tails, tails.into_iter().collect::<Vec<_>>());
        prop_assert_eq!(&s.periods_sum + &s.transient_states, s.state_count);
    }
}
