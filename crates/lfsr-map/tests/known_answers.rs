//! Every known answer of reference sections 6 and 6b through the library: characteristic
//! polynomial, factorization, factor orders (checked against brute force), polynomial order,
//! primitivity, cycles, max period, period sum, transients and tails, by all three methods;
//! the exact cycle listings of section 6; the orders and primitive polynomials of 6b.

mod algebra_support;

use std::collections::BTreeMap;

use algebra_support::SmallField;
use gf_core::Field;
use lfsr_map::analysis::{analyze, Analysis, Method, MethodUsed, Options};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use num_bigint::BigUint;
use num_traits::One;
use worker_pool::Sequential;

struct Row {
    q: u64,
    coeffs: Vec<u64>,
    charpoly: &'static str,
    /// `None`: the table only says "irreducible" (the factor is the polynomial itself).
    factors: Option<Vec<(&'static str, u32)>>,
    cycles: Vec<(u64, u64)>,
    primitive: bool,
    tails: Vec<(u64, u64)>,
}

fn row(
    q: u64,
    coeffs: &[u64],
    charpoly: &'static str,
    factors: &[(&'static str, u32)],
    cycles: &[(u64, u64)],
) -> Row {
    Row {
        q,
        coeffs: coeffs.to_vec(),
        charpoly,
        factors: Some(factors.to_vec()),
        cycles: cycles.to_vec(),
        primitive: false,
        tails: vec![],
    }
}

/// An irreducible row; primitive when its only nonzero cycle has length q^d - 1.
fn irreducible(q: u64, coeffs: &[u64], charpoly: &'static str, cycles: &[(u64, u64)]) -> Row {
    let full = q.pow(coeffs.len() as u32) - 1;
    Row {
        factors: Some(vec![(charpoly, 1)]),
        primitive: cycles == [(1, 1), (full, 1)],
        ..row(q, coeffs, charpoly, &[], cycles)
    }
}

/// Rows whose factors the table does not spell out (checked by degree below).
fn unnamed(q: u64, coeffs: &[u64], charpoly: &'static str, cycles: &[(u64, u64)]) -> Row {
    Row {
        factors: None,
        ..row(q, coeffs, charpoly, &[], cycles)
    }
}

fn with_tails(row: Row, tails: &[(u64, u64)]) -> Row {
    Row {
        tails: tails.to_vec(),
        ..row
    }
}

fn zeros_after(head: &[u64], len: usize) -> Vec<u64> {
    let mut v = head.to_vec();
    v.resize(len, 0);
    v
}

fn rows() -> Vec<Row> {
    let x1 = ("x + 1", 1);
    let x2x1 = ("x^2 + x + 1", 1);
    let x3x1 = ("x^3 + x + 1", 1);
    vec![
        // table 6
        row(
            2,
            &[1, 1, 0, 1],
            "x^4 + x^3 + x + 1",
            &[("x + 1", 2), x2x1],
            &[(1, 2), (2, 1), (3, 2), (6, 1)],
        ),
        row(
            2,
            &[1, 0, 1, 1],
            "x^4 + x^3 + x^2 + 1",
            &[x1, x3x1],
            &[(1, 2), (7, 2)],
        ),
        irreducible(2, &[1, 1, 0], "x^3 + x + 1", &[(1, 1), (7, 1)]),
        irreducible(2, &[1, 1], "x^2 + x + 1", &[(1, 1), (3, 1)]),
        irreducible(2, &[1, 0, 0, 1, 0], "x^5 + x^3 + 1", &[(1, 1), (31, 1)]),
        row(
            3,
            &[1, 2, 1],
            "x^3 + 2*x^2 + x + 2",
            &[("x + 2", 1), ("x^2 + 1", 1)],
            &[(1, 3), (4, 6)],
        ),
        row(
            5,
            &[1, 3, 2, 1],
            "x^4 + 4*x^3 + 3*x^2 + 2*x + 4",
            &[x2x1, ("x^2 + 3*x + 4", 1)],
            &[(1, 1), (3, 8), (12, 50)],
        ),
        irreducible(2, &[1, 0, 0, 1], "x^4 + x^3 + 1", &[(1, 1), (15, 1)]),
        irreducible(
            2,
            &[1, 1, 1, 1],
            "x^4 + x^3 + x^2 + x + 1",
            &[(1, 1), (5, 3)],
        ),
        row(
            2,
            &[1, 0, 0, 0],
            "x^4 + 1",
            &[("x + 1", 4)],
            &[(1, 2), (2, 1), (4, 3)],
        ),
        irreducible(3, &[1, 2], "x^2 + x + 2", &[(1, 1), (8, 1)]),
        row(
            3,
            &[1, 2, 0],
            "x^3 + x + 2",
            &[x1, ("x^2 + 2*x + 2", 1)],
            &[(1, 1), (2, 1), (8, 3)],
        ),
        row(
            5,
            &[1, 3, 2],
            "x^3 + 3*x^2 + 2*x + 4",
            &[("x + 4", 1), ("x^2 + 4*x + 1", 1)],
            &[(1, 5), (6, 20)],
        ),
        irreducible(
            2,
            &[1; 10],
            "x^10 + x^9 + x^8 + x^7 + x^6 + x^5 + x^4 + x^3 + x^2 + x + 1",
            &[(1, 1), (11, 93)],
        ),
        irreducible(
            2,
            &[1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0],
            "x^12 + x^6 + x^4 + x + 1",
            &[(1, 1), (4095, 1)],
        ),
        row(
            2,
            &[1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0],
            "x^12 + x^6 + x^5 + x^2 + 1",
            &[x3x1, ("x^4 + x + 1", 1), ("x^5 + x^3 + 1", 1)],
            &[1, 7, 15, 31, 105, 217, 465, 3255].map(|p| (p, 1)),
        ),
        row(
            2,
            &[1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
            "x^14 + x^10 + x^6 + 1",
            &[("x + 1", 2), ("x^6 + x^5 + x^2 + x + 1", 2)],
            &[(1, 2), (2, 1), (63, 2), (126, 129)],
        ),
        unnamed(
            2,
            &zeros_after(&[1, 0, 0, 1], 16),
            "x^16 + x^3 + 1",
            &[(1, 1), (7, 1), (8191, 1), (57337, 1)],
        ),
        unnamed(
            2,
            &zeros_after(&[1, 1], 16),
            "x^16 + x + 1",
            &[(1, 1), (85, 3), (255, 256)],
        ),
        row(
            2,
            &[1, 1, 1, 0, 0, 0, 0, 0, 1, 1],
            "x^10 + x^9 + x^8 + x^2 + x + 1",
            &[("x + 1", 8), x2x1],
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
        with_tails(
            row(2, &[0, 0], "x^2", &[("x", 2)], &[(1, 1)]),
            &[(1, 1), (2, 2)],
        ),
        with_tails(
            row(
                2,
                &[0, 1, 1],
                "x^3 + x^2 + x",
                &[("x", 1), x2x1],
                &[(1, 1), (3, 1)],
            ),
            &[(1, 4)],
        ),
        // table 6b
        row(
            2,
            &[1, 0, 1, 0],
            "x^4 + x^2 + 1",
            &[("x^2 + x + 1", 2)],
            &[(1, 1), (3, 1), (6, 2)],
        ),
        row(
            2,
            &[1, 0, 0, 0, 1],
            "x^5 + x^4 + 1",
            &[x2x1, x3x1],
            &[(1, 1), (3, 1), (7, 1), (21, 1)],
        ),
        row(
            2,
            &[1, 1, 0, 0, 1, 0],
            "x^6 + x^4 + x + 1",
            &[x1, x2x1, x3x1],
            &[(1, 2), (3, 2), (7, 2), (21, 2)],
        ),
        row(
            2,
            &[1, 1, 0, 0, 0, 0, 1, 0, 1],
            "x^9 + x^8 + x^6 + x + 1",
            &[x2x1, x3x1, ("x^4 + x + 1", 1)],
            &[(1, 1), (3, 1), (7, 1), (15, 4), (21, 1), (105, 4)],
        ),
        row(
            3,
            &[2, 2, 0],
            "x^3 + x + 1",
            &[("x + 2", 1), ("x^2 + x + 2", 1)],
            &[(1, 3), (8, 3)],
        ),
        irreducible(
            2,
            &[1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0],
            "x^15 + x^13 + x^12 + x^11 + x^9 + x^8 + x^2 + x + 1",
            &[(1, 1), (1057, 31)],
        ),
        with_tails(
            row(
                2,
                &[0, 1, 1, 0],
                "x^4 + x^2 + x",
                &[("x", 1), x3x1],
                &[(1, 1), (7, 1)],
            ),
            &[(1, 8)],
        ),
        with_tails(
            row(2, &[0, 0, 0, 0], "x^4", &[("x", 4)], &[(1, 1)]),
            &[(1, 1), (2, 2), (3, 4), (4, 8)],
        ),
        row(
            2,
            &[1, 0, 1, 0, 0, 0],
            "x^6 + x^2 + 1",
            &[("x^3 + x + 1", 2)],
            &[(1, 1), (7, 1), (14, 4)],
        ),
        row(
            3,
            &[2, 0, 1, 0],
            "x^4 + 2*x^2 + 1",
            &[("x^2 + 1", 2)],
            &[(1, 1), (4, 2), (12, 6)],
        ),
        irreducible(
            2,
            &[1, 1, 0, 1, 1, 0, 0, 0],
            "x^8 + x^4 + x^3 + x + 1",
            &[(1, 1), (51, 5)],
        ),
        irreducible(2, &[1, 0, 0, 1, 0, 0], "x^6 + x^3 + 1", &[(1, 1), (9, 7)]),
        row(
            2,
            &[1, 1, 1, 1, 1],
            "x^5 + x^4 + x^3 + x^2 + x + 1",
            &[x1, ("x^2 + x + 1", 2)],
            &[(1, 2), (3, 2), (6, 4)],
        ),
        row(
            2,
            &zeros_after(&[1], 16),
            "x^16 + 1",
            &[("x + 1", 16)],
            &[(1, 2), (2, 1), (4, 3), (8, 30), (16, 4080)],
        ),
        row(
            3,
            &[1, 0, 0, 0],
            "x^4 + 2",
            &[x1, ("x + 2", 1), ("x^2 + 1", 1)],
            &[(1, 3), (2, 3), (4, 18)],
        ),
        row(
            3,
            &[1, 0, 0, 0, 0, 0],
            "x^6 + 2",
            &[("x + 1", 3), ("x + 2", 3)],
            &[(1, 3), (2, 3), (3, 8), (6, 116)],
        ),
        irreducible(5, &[3, 1], "x^2 + 4*x + 2", &[(1, 1), (24, 1)]),
        irreducible(3, &[1, 0, 0, 1], "x^4 + 2*x^3 + 2", &[(1, 1), (80, 1)]),
        irreducible(7, &[2, 3], "x^2 + 4*x + 5", &[(1, 1), (48, 1)]),
        irreducible(4, &[2, 1], "x^2 + x + a", &[(1, 1), (15, 1)]),
        row(
            4,
            &[1, 1],
            "x^2 + x + 1",
            &[("x + a", 1), ("x + a + 1", 1)],
            &[(1, 1), (3, 5)],
        ),
        row(4, &[1, 0], "x^2 + 1", &[("x + 1", 2)], &[(1, 4), (2, 6)]),
        row(
            4,
            &[1, 0, 0],
            "x^3 + 1",
            &[x1, ("x + a", 1), ("x + a + 1", 1)],
            &[(1, 4), (3, 20)],
        ),
        irreducible(4, &[2, 1, 1], "x^3 + x^2 + x + a", &[(1, 1), (63, 1)]),
    ]
}

fn run(lfsr: &Lfsr, method: Method, full: bool) -> Analysis {
    let opts = Options {
        method,
        full,
        ..Options::default()
    };
    analyze(lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap()
}

fn small_cycles(a: &Analysis) -> BTreeMap<u64, u64> {
    a.cycles
        .iter()
        .map(|c| {
            let period = u64::try_from(&c.period).unwrap();
            (period, u64::try_from(&c.count).unwrap())
        })
        .collect()
}

fn check(row: &Row) {
    let what = format!("q = {}, {:?}", row.q, row.coeffs);
    let field = Field::new(row.q).unwrap();
    let lfsr = Lfsr::new(&field, row.coeffs.clone()).unwrap();
    let a = run(&lfsr, Method::Algebraic, false);
    assert_eq!(a.method, MethodUsed::Algebraic);
    assert_eq!(a.characteristic_polynomial, row.charpoly, "{what}");
    assert_eq!((a.field, a.degree), (row.q, row.coeffs.len()), "{what}");
    assert_eq!(a.coefficients, row.coeffs, "{what}");

    // factors: as the table names them, orders as brute force finds them
    let brute = SmallField::new(row.q);
    let f = brute.charpoly(&row.coeffs);
    let brute_factors = brute.factor(&f);
    assert_eq!(a.factors.len(), brute_factors.len(), "{what}");
    if let Some(names) = &row.factors {
        let got: Vec<(&str, u32)> = a
            .factors
            .iter()
            .map(|fi| (fi.polynomial.as_str(), fi.multiplicity))
            .collect();
        assert_eq!(&got, names, "factors of {what}");
    }
    let mut want_orders: Vec<Option<u64>> = brute_factors
        .iter()
        .map(|(g, _)| (g != &[0, 1]).then(|| brute.order(g)))
        .collect();
    let mut got_orders: Vec<Option<u64>> = a
        .factors
        .iter()
        .map(|fi| fi.order.as_ref().map(|o| u64::try_from(o).unwrap()))
        .collect();
    want_orders.sort_unstable();
    got_orders.sort_unstable();
    assert_eq!(got_orders, want_orders, "factor orders of {what}");

    let want: BTreeMap<u64, u64> = row.cycles.iter().copied().collect();
    assert_eq!(small_cycles(&a), want, "cycles of {what}");
    let max = *want.keys().max().unwrap();
    assert_eq!(a.max_period, BigUint::from(max), "{what}");
    assert_eq!(
        a.cycle_count,
        BigUint::from(want.values().sum::<u64>()),
        "{what}"
    );
    let e0 = a
        .factors
        .iter()
        .find(|f| f.polynomial == "x")
        .map_or(0, |f| f.multiplicity);
    let q = BigUint::from(row.q);
    let d = row.coeffs.len() as u32;
    assert_eq!(a.state_count, q.pow(d), "{what}");
    assert_eq!(a.periods_sum, q.pow(d - e0), "{what}");
    assert_eq!(
        &a.periods_sum + &a.transient_states,
        a.state_count,
        "{what}"
    );
    assert_eq!(a.max_tail, u64::from(e0), "{what}");
    let tails: Vec<(u64, u64)> = a
        .tails
        .iter()
        .map(|t| (t.tail, u64::try_from(&t.count).unwrap()))
        .collect();
    assert_eq!(tails, row.tails, "tails of {what}");

    let singular = row.coeffs[0] == 0;
    assert_eq!(a.singular, singular, "{what}");
    let order = (!singular).then(|| BigUint::from(max));
    assert_eq!(a.polynomial_order, order, "{what}");
    assert_eq!(a.matrix_order, order, "{what}");
    // the matrix order computed on the matrix itself (gf-core), not from the polynomial
    let matrix = lfsr.state_update_matrix();
    assert_eq!(
        matrix.order().unwrap().finite().cloned(),
        order,
        "matrix of {what}"
    );
    assert_eq!(matrix.charpoly().to_string(), row.charpoly, "{what}");
    assert_eq!(a.primitive, row.primitive, "primitive: {what}");
    let irreducible = a.factors.len() == 1 && a.factors[0].multiplicity == 1;
    assert_eq!(a.irreducible, irreducible, "{what}");
    assert_eq!(
        gf_core::order::is_primitive(&lfsr.characteristic_polynomial()).unwrap(),
        row.primitive,
        "gf-core on {what}"
    );

    // Enumeration (period-only and full) reports the same, and lists every state once.
    let e = run(&lfsr, Method::Enumerate, false);
    assert_eq!(e.method, MethodUsed::Enumerate);
    assert_eq!(
        Analysis {
            method: MethodUsed::Algebraic,
            ..e
        },
        a,
        "{what}"
    );
    let full = run(&lfsr, Method::Auto, true);
    assert_eq!(full.method, MethodUsed::Enumerate);
    let seqs = full.sequences.clone().unwrap();
    let mut seen: Vec<u64> = seqs.iter().flat_map(|s| s.states.clone()).collect();
    seen.extend(full.transients.iter().flatten().map(|t| t.state));
    seen.sort_unstable();
    assert_eq!(seen, (0..row.q.pow(d)).collect::<Vec<_>>(), "{what}");
    let stripped = Analysis {
        method: MethodUsed::Algebraic,
        sequences: None,
        transients: None,
        ..full
    };
    assert_eq!(stripped, a, "{what}");
}

#[test]
fn table_6_and_6b() {
    rows().iter().for_each(check);
}

#[test]
fn unnamed_factors_have_the_stated_degrees_and_orders() {
    let gf2 = Field::new(2).unwrap();
    let shape = |coeffs: Vec<u64>| -> Vec<(String, Option<u64>)> {
        let lfsr = Lfsr::new(&gf2, coeffs).unwrap();
        run(&lfsr, Method::Algebraic, false)
            .factors
            .into_iter()
            .map(|f| (f.polynomial, f.order.map(|o| u64::try_from(&o).unwrap())))
            .collect()
    };
    let f = shape(zeros_after(&[1, 0, 0, 1], 16)); // x^16 + x^3 + 1
    assert_eq!(f[0], ("x^3 + x^2 + 1".to_string(), Some(7)));
    assert!(f[1].0.starts_with("x^13 ") && f[1].1 == Some(8191), "{f:?}");
    assert_eq!(f.len(), 2);
    let f = shape(zeros_after(&[1, 1], 16)); // x^16 + x + 1
    assert!(f.iter().all(|(g, _)| g.starts_with("x^8 ")), "{f:?}");
    let mut orders: Vec<_> = f.iter().map(|(_, o)| o.unwrap()).collect();
    orders.sort_unstable();
    assert_eq!(orders, [85, 255]);
}

#[test]
fn exact_cycles_in_sequential_order() {
    // states as tuples (s0, ..., s_{d-1}) -> index sum s_j 2^j
    let idx = |s: &[u64]| s.iter().rev().fold(0, |acc, &b| 2 * acc + b);
    let listing = |q: u64, coeffs: Vec<u64>| -> Vec<Vec<u64>> {
        let lfsr = Lfsr::new(&Field::new(q).unwrap(), coeffs).unwrap();
        let a = run(&lfsr, Method::Auto, true);
        let seqs = a.sequences.unwrap();
        for (i, s) in seqs.iter().enumerate() {
            assert_eq!(s.number, i as u64 + 1);
            assert_eq!(s.period, s.states.len() as u64);
        }
        seqs.into_iter().map(|s| s.states).collect()
    };
    assert_eq!(
        listing(2, vec![1, 1]),
        [vec![0], vec![idx(&[1, 0]), idx(&[0, 1]), idx(&[1, 1])]]
    );
    let want: Vec<Vec<u64>> = [
        vec![[0, 0, 0]],
        vec![
            [1, 0, 0],
            [0, 0, 1],
            [0, 1, 0],
            [1, 0, 1],
            [0, 1, 1],
            [1, 1, 1],
            [1, 1, 0],
        ],
    ]
    .iter()
    .map(|c| c.iter().map(|s| idx(s)).collect())
    .collect();
    assert_eq!(listing(2, vec![1, 1, 0]), want);
    let want: Vec<Vec<u64>> = [
        vec![[0, 0, 0, 0]],
        vec![
            [1, 0, 0, 0],
            [0, 0, 0, 1],
            [0, 0, 1, 1],
            [0, 1, 1, 1],
            [1, 1, 1, 0],
            [1, 1, 0, 0],
        ],
        vec![[0, 1, 0, 0], [1, 0, 0, 1], [0, 0, 1, 0]],
        vec![[1, 0, 1, 0], [0, 1, 0, 1]],
        vec![[0, 1, 1, 0], [1, 1, 0, 1], [1, 0, 1, 1]],
        vec![[1, 1, 1, 1]],
    ]
    .iter()
    .map(|c| c.iter().map(|s| idx(s)).collect())
    .collect();
    assert_eq!(listing(2, vec![1, 1, 0, 1]), want);
    // [1,2]/GF(3): the 8-cycle from (1,0); index = s0 + 3 s1
    let gf3 = |s: [u64; 2]| s[0] + 3 * s[1];
    let eight: Vec<u64> = [
        [1, 0],
        [0, 1],
        [1, 2],
        [2, 2],
        [2, 0],
        [0, 2],
        [2, 1],
        [1, 1],
    ]
    .map(gf3)
    .to_vec();
    assert_eq!(listing(3, vec![1, 2]), [vec![0], eight]);
}

#[test]
fn singular_transients_fall_into_their_cycles() {
    // [0,1,1]/GF(2): 4 transients of tail 1; each lands where one step takes it.
    let lfsr = Lfsr::new(&Field::new(2).unwrap(), vec![0, 1, 1]).unwrap();
    let a = run(&lfsr, Method::Auto, true);
    let seqs = a.sequences.unwrap();
    let transients = a.transients.unwrap();
    assert_eq!(transients.len(), 4);
    for t in &transients {
        assert_eq!(t.tail, 1);
        let next = lfsr.state_to_index(&lfsr.step(&lfsr.index_to_state(t.state)));
        let seq = &seqs[t.sequence as usize - 1];
        assert!(seq.states.contains(&next), "{t:?} -> {next}");
    }
}

/// Orders of x^n + x + 1 over GF(2), n = 2..=12 (OEIS A046932), without enumerating.
#[test]
fn orders_of_trinomials() {
    let want = [3u64, 7, 15, 21, 63, 127, 63, 73, 889, 1533, 3255];
    for (n, want) in (2..=12).zip(want) {
        let lfsr = Lfsr::new(&Field::new(2).unwrap(), zeros_after(&[1, 1], n)).unwrap();
        let a = run(&lfsr, Method::Algebraic, false);
        assert_eq!(a.polynomial_order, Some(BigUint::from(want)), "n = {n}");
        assert_eq!(a.matrix_order, Some(BigUint::from(want)), "n = {n}");
    }
}

fn gf2_lfsr(degree: usize, terms: &[usize]) -> Lfsr {
    let mut c = vec![0; degree];
    terms.iter().for_each(|&t| c[t] = 1);
    Lfsr::new(&Field::new(2).unwrap(), c).unwrap()
}

/// Primitive (and one non-primitive) polynomials of section 6b, far beyond enumeration.
#[test]
fn named_primitive_polynomials() {
    let crc32 = [0, 1, 2, 4, 5, 7, 8, 10, 11, 12, 16, 22, 23, 26];
    let cases: [(usize, &[usize], bool); 7] = [
        (89, &[0, 38], true),
        (127, &[0, 1], true),
        (32, &crc32, true),
        (19, &[0, 14, 17, 18], true),
        (22, &[0, 21], true),
        (23, &[0, 8, 21, 22], true),
        (32, &[0, 2, 3, 7], false),
    ];
    for (d, terms, primitive) in cases {
        let a = run(&gf2_lfsr(d, terms), Method::Auto, false);
        assert_eq!(a.method, MethodUsed::Algebraic);
        assert_eq!(a.primitive, primitive, "degree {d}, {terms:?}");
        let full = (BigUint::one() << d) - 1u32;
        if primitive {
            assert!(a.irreducible);
            let want = BTreeMap::from([
                (BigUint::one(), BigUint::one()),
                (full.clone(), BigUint::one()),
            ]);
            let got: BTreeMap<_, _> = a
                .cycles
                .iter()
                .map(|c| (c.period.clone(), c.count.clone()))
                .collect();
            assert_eq!(got, want);
            assert_eq!(a.polynomial_order, Some(full));
        } else {
            assert_ne!(a.polynomial_order, Some(full));
        }
    }
}
