//! Every row of reference tables 6 and 6b through `algebra::cycle_structure`, with the factor
//! data found by brute force in the test (trial division, orders by stepping `x^n mod g`).
//! The table's factor shapes and cycles are checked, and so is a brute-force walk of the
//! state graph, so table, brute force and algebra must all agree.

mod algebra_support;
mod reference;

use std::collections::BTreeMap;

use algebra_support::{small, SmallField};
use lfsr_map::algebra::cycle_structure;
use num_bigint::BigUint;
use reference::{zeros_after, Row};

fn check(row: &Row) {
    let what = format!("q = {}, {:?}", row.q, row.coeffs);
    let field = SmallField::new(row.q);
    let data = field.factor_data(&row.coeffs);
    let mut shape: Vec<(usize, u32)> = data
        .parts
        .iter()
        .map(|p| (p.degree as usize, p.multiplicity))
        .collect();
    shape.sort_unstable();
    let mut want_shape = row.shape();
    want_shape.sort_unstable();
    assert_eq!(shape, want_shape, "factor shape of {what}");
    let e0 = row.x_multiplicity();
    assert_eq!(data.x_multiplicity, e0, "multiplicity of x in {what}");

    let s = cycle_structure(&data).unwrap();
    let want = row.cycle_map();
    let (walked_cycles, walked_tails) = field.enumerate(&row.coeffs);
    assert_eq!(walked_cycles, want, "brute-force walk vs table, {what}");
    assert_eq!(small(&s.cycles), want, "cycles of {what}");

    let d = row.degree();
    let q = BigUint::from(row.q);
    let cyclic = q.pow(d - e0);
    assert_eq!(s.state_count, q.pow(d), "{what}");
    assert_eq!(s.periods_sum, cyclic, "{what}");
    assert_eq!(s.transient_states, q.pow(d) - &cyclic, "{what}");
    assert_eq!(s.max_period, BigUint::from(row.max_period()), "{what}");
    assert_eq!(s.cycle_count, BigUint::from(row.cycle_count()), "{what}");
    assert_eq!(s.max_tail, u64::from(e0), "{what}");

    let tails: BTreeMap<u64, u64> = s
        .tails
        .iter()
        .map(|(t, c)| (*t, u64::try_from(c).unwrap()))
        .collect();
    assert_eq!(tails, walked_tails, "tails of {what}");
    assert_eq!(tails, row.tail_map(), "tails of {what} vs table");
}

#[test]
fn table_6() {
    reference::section_6().iter().for_each(check);
}

#[test]
fn table_6b() {
    reference::section_6b().iter().for_each(check);
}

#[test]
fn x_squared_has_three_transients() {
    let s = cycle_structure(&SmallField::new(2).factor_data(&[0, 0])).unwrap();
    assert_eq!(s.transient_states, BigUint::from(3u32));
    assert_eq!(small(&s.cycles), BTreeMap::from([(1, 1)]));
}

#[test]
fn x16_plus_1_has_4116_cycles() {
    let s = cycle_structure(&SmallField::new(2).factor_data(&zeros_after(&[1], 16))).unwrap();
    assert_eq!(s.cycle_count, BigUint::from(4116u32)); // OEIS A000031
}
