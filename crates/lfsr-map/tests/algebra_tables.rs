//! Every row of reference tables 6 and 6b through `algebra::cycle_structure`, with the factor
//! data found by brute force in the test (trial division, orders by stepping `x^n mod g`).
//! The table's factor shapes and cycles are checked, and so is a brute-force walk of the
//! state graph, so table, brute force and algebra must all agree.

mod algebra_support;

use std::collections::BTreeMap;

use algebra_support::{small, SmallField};
use lfsr_map::algebra::cycle_structure;
use num_bigint::BigUint;

struct Row {
    q: u64,
    coeffs: Vec<u64>,
    /// The multiplicity of x.
    e0: u32,
    /// (degree, multiplicity) of the factors other than x, from the table.
    shape: Vec<(usize, u32)>,
    cycles: Vec<(u64, u64)>,
    /// Tail lengths where the table states them.
    tails: Option<Vec<(u64, u64)>>,
}

fn row(q: u64, coeffs: &[u64], shape: &[(usize, u32)], cycles: &[(u64, u64)]) -> Row {
    Row {
        q,
        coeffs: coeffs.to_vec(),
        e0: 0,
        shape: shape.to_vec(),
        cycles: cycles.to_vec(),
        tails: None,
    }
}

fn singular(row: Row, e0: u32, tails: Option<&[(u64, u64)]>) -> Row {
    Row {
        e0,
        tails: tails.map(<[_]>::to_vec),
        ..row
    }
}

fn zeros_after(head: &[u64], len: usize) -> Vec<u64> {
    let mut v = head.to_vec();
    v.resize(len, 0);
    v
}

/// Table 6, including its two singular examples.
fn table6() -> Vec<Row> {
    vec![
        row(
            2,
            &[1, 1, 0, 1],
            &[(1, 2), (2, 1)],
            &[(1, 2), (2, 1), (3, 2), (6, 1)],
        ),
        row(2, &[1, 0, 1, 1], &[(1, 1), (3, 1)], &[(1, 2), (7, 2)]),
        row(2, &[1, 1, 0], &[(3, 1)], &[(1, 1), (7, 1)]),
        row(2, &[1, 1], &[(2, 1)], &[(1, 1), (3, 1)]),
        row(2, &[1, 0, 0, 1, 0], &[(5, 1)], &[(1, 1), (31, 1)]),
        row(3, &[1, 2, 1], &[(1, 1), (2, 1)], &[(1, 3), (4, 6)]),
        row(
            5,
            &[1, 3, 2, 1],
            &[(2, 1), (2, 1)],
            &[(1, 1), (3, 8), (12, 50)],
        ),
        row(2, &[1, 0, 0, 1], &[(4, 1)], &[(1, 1), (15, 1)]),
        row(2, &[1, 1, 1, 1], &[(4, 1)], &[(1, 1), (5, 3)]),
        row(2, &[1, 0, 0, 0], &[(1, 4)], &[(1, 2), (2, 1), (4, 3)]),
        row(3, &[1, 2], &[(2, 1)], &[(1, 1), (8, 1)]),
        row(3, &[1, 2, 0], &[(1, 1), (2, 1)], &[(1, 1), (2, 1), (8, 3)]),
        row(5, &[1, 3, 2], &[(1, 1), (2, 1)], &[(1, 5), (6, 20)]),
        row(2, &[1; 10], &[(10, 1)], &[(1, 1), (11, 93)]),
        row(
            2,
            &[1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0],
            &[(12, 1)],
            &[(1, 1), (4095, 1)],
        ),
        row(
            2,
            &[1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0],
            &[(3, 1), (4, 1), (5, 1)],
            &[1, 7, 15, 31, 105, 217, 465, 3255].map(|p| (p, 1)),
        ),
        row(
            2,
            &[1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
            &[(1, 2), (6, 2)],
            &[(1, 2), (2, 1), (63, 2), (126, 129)],
        ),
        row(
            2,
            &zeros_after(&[1, 0, 0, 1], 16),
            &[(3, 1), (13, 1)],
            &[(1, 1), (7, 1), (8191, 1), (57337, 1)],
        ),
        row(
            2,
            &zeros_after(&[1, 1], 16),
            &[(8, 1), (8, 1)],
            &[(1, 1), (85, 3), (255, 256)],
        ),
        row(
            2,
            &[1, 1, 1, 0, 0, 0, 0, 0, 1, 1],
            &[(1, 8), (2, 1)],
            &[
                (1, 2),
                (2, 1),
                (3, 2),
                (4, 3),
                (6, 1),
                (8, 30),
                (12, 3),
                (24, 30),
            ],
        ),
        // [0,0]: x^2, the zero state and 3 transient states (1 at tail 1, 2 at tail 2).
        singular(row(2, &[0, 0], &[], &[(1, 1)]), 2, None),
        singular(
            row(2, &[0, 1, 1], &[(2, 1)], &[(1, 1), (3, 1)]),
            1,
            Some(&[(1, 4)]),
        ),
    ]
}

/// Table 6b.
fn table6b() -> Vec<Row> {
    vec![
        row(2, &[1, 0, 1, 0], &[(2, 2)], &[(1, 1), (3, 1), (6, 2)]),
        row(
            2,
            &[1, 0, 0, 0, 1],
            &[(2, 1), (3, 1)],
            &[(1, 1), (3, 1), (7, 1), (21, 1)],
        ),
        row(
            2,
            &[1, 1, 0, 0, 1, 0],
            &[(1, 1), (2, 1), (3, 1)],
            &[(1, 2), (3, 2), (7, 2), (21, 2)],
        ),
        row(
            2,
            &[1, 1, 0, 0, 0, 0, 1, 0, 1],
            &[(2, 1), (3, 1), (4, 1)],
            &[(1, 1), (3, 1), (7, 1), (15, 4), (21, 1), (105, 4)],
        ),
        row(3, &[2, 2, 0], &[(1, 1), (2, 1)], &[(1, 3), (8, 3)]),
        row(
            2,
            &[1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0],
            &[(15, 1)],
            &[(1, 1), (1057, 31)],
        ),
        singular(
            row(2, &[0, 1, 1, 0], &[(3, 1)], &[(1, 1), (7, 1)]),
            1,
            Some(&[(1, 8)]),
        ),
        singular(
            row(2, &[0, 0, 0, 0], &[], &[(1, 1)]),
            4,
            Some(&[(1, 1), (2, 2), (3, 4), (4, 8)]),
        ),
        row(
            2,
            &[1, 0, 1, 0, 0, 0],
            &[(3, 2)],
            &[(1, 1), (7, 1), (14, 4)],
        ),
        row(3, &[2, 0, 1, 0], &[(2, 2)], &[(1, 1), (4, 2), (12, 6)]),
        row(2, &[1, 1, 0, 1, 1, 0, 0, 0], &[(8, 1)], &[(1, 1), (51, 5)]),
        row(2, &[1, 0, 0, 1, 0, 0], &[(6, 1)], &[(1, 1), (9, 7)]),
        row(
            2,
            &[1, 1, 1, 1, 1],
            &[(1, 1), (2, 2)],
            &[(1, 2), (3, 2), (6, 4)],
        ),
        row(
            2,
            &zeros_after(&[1], 16),
            &[(1, 16)],
            &[(1, 2), (2, 1), (4, 3), (8, 30), (16, 4080)],
        ),
        row(
            3,
            &[1, 0, 0, 0],
            &[(1, 1), (1, 1), (2, 1)],
            &[(1, 3), (2, 3), (4, 18)],
        ),
        row(
            3,
            &[1, 0, 0, 0, 0, 0],
            &[(1, 3), (1, 3)],
            &[(1, 3), (2, 3), (3, 8), (6, 116)],
        ),
        row(5, &[3, 1], &[(2, 1)], &[(1, 1), (24, 1)]),
        row(3, &[1, 0, 0, 1], &[(4, 1)], &[(1, 1), (80, 1)]),
        row(7, &[2, 3], &[(2, 1)], &[(1, 1), (48, 1)]),
        row(4, &[2, 1], &[(2, 1)], &[(1, 1), (15, 1)]),
        row(4, &[1, 1], &[(1, 1), (1, 1)], &[(1, 1), (3, 5)]),
        row(4, &[1, 0], &[(1, 2)], &[(1, 4), (2, 6)]),
        row(4, &[1, 0, 0], &[(1, 1), (1, 1), (1, 1)], &[(1, 4), (3, 20)]),
        row(4, &[2, 1, 1], &[(3, 1)], &[(1, 1), (63, 1)]),
    ]
}

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
    let mut want_shape = row.shape.clone();
    want_shape.sort_unstable();
    assert_eq!(shape, want_shape, "factor shape of {what}");
    assert_eq!(data.x_multiplicity, row.e0, "multiplicity of x in {what}");

    let s = cycle_structure(&data).unwrap();
    let want: BTreeMap<u64, u64> = row.cycles.iter().copied().collect();
    let (walked_cycles, walked_tails) = field.enumerate(&row.coeffs);
    assert_eq!(walked_cycles, want, "brute-force walk vs table, {what}");
    assert_eq!(small(&s.cycles), want, "cycles of {what}");

    let d = row.coeffs.len() as u32;
    let q = BigUint::from(row.q);
    let cyclic = q.pow(d - row.e0);
    assert_eq!(s.state_count, q.pow(d), "{what}");
    assert_eq!(s.periods_sum, cyclic, "{what}");
    assert_eq!(s.transient_states, q.pow(d) - &cyclic, "{what}");
    let max = want.keys().max().copied().unwrap();
    assert_eq!(s.max_period, BigUint::from(max), "{what}");
    let count: u64 = want.values().sum();
    assert_eq!(s.cycle_count, BigUint::from(count), "{what}");
    assert_eq!(s.max_tail, u64::from(row.e0), "{what}");

    let tails: BTreeMap<u64, u64> = s
        .tails
        .iter()
        .map(|(t, c)| (*t, u64::try_from(c).unwrap()))
        .collect();
    assert_eq!(tails, walked_tails, "tails of {what}");
    if let Some(want_tails) = &row.tails {
        assert_eq!(tails, want_tails.iter().copied().collect(), "{what}");
    }
}

#[test]
fn table_6() {
    table6().iter().for_each(check);
}

#[test]
fn table_6b() {
    table6b().iter().for_each(check);
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
