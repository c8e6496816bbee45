//! Matrices over GF(q): known answers, and brute-force checks on random small matrices.

use std::collections::HashSet;

use gf_core::matrix::{Matrix, MatrixError};
use gf_core::order::Order;
use gf_core::{Field, Poly};
use num_bigint::BigUint;
use proptest::prelude::*;

fn field(q: u64) -> Field {
    Field::new(q).unwrap()
}

/// The LFSR state-update matrix (conventions, section 1): ones on the subdiagonal,
/// coefficients in the last column.
fn companion(f: &Field, c: &[u64]) -> Matrix {
    let d = c.len();
    let rows = (0..d)
        .map(|i| {
            let mut row = vec![0; d];
            if i > 0 {
                row[i - 1] = 1;
            }
            row[d - 1] = c[i];
            row
        })
        .collect();
    Matrix::from_rows(f, rows).unwrap()
}

#[test]
fn two_jordan_blocks_over_gf2() {
    let gf2 = field(2);
    let m = Matrix::from_rows(
        &gf2,
        vec![
            vec![1, 1, 0, 0],
            vec![0, 1, 0, 0],
            vec![0, 0, 1, 1],
            vec![0, 0, 0, 1],
        ],
    )
    .unwrap();
    assert_eq!(m.charpoly(), Poly::parse(&gf2, "x^4 + 1").unwrap());
    assert_eq!(m.minpoly(), Poly::parse(&gf2, "x^2 + 1").unwrap());
    assert_eq!(m.order().unwrap(), Order::Finite(BigUint::from(2u32)));
    assert_eq!(m.rank(), 4);
    assert!(!m.is_identity());
    assert!(m.pow(&BigUint::from(2u32)).is_identity());
    // Cycles {1:4, 2:6}: 4 fixed vectors.
    let fixed = (0..16u64)
        .map(|k| (0..4).map(|i| (k >> i) & 1).collect::<Vec<_>>())
        .filter(|v| m.mul_vec_left(v) == *v)
        .count();
    assert_eq!(fixed, 4);
}

#[test]
fn worked_companion_matrix() {
    let gf2 = field(2);
    let c = companion(&gf2, &[1, 1, 0, 1]);
    let rows: Vec<Vec<u64>> = (0..4)
        .map(|i| (0..4).map(|j| c.get(i, j)).collect())
        .collect();
    assert_eq!(
        rows,
        vec![
            vec![0, 0, 0, 1],
            vec![1, 0, 0, 1],
            vec![0, 1, 0, 0],
            vec![0, 0, 1, 1]
        ]
    );
    let f = Poly::parse(&gf2, "x^4 + x^3 + x + 1").unwrap();
    assert_eq!(c.charpoly(), f);
    assert_eq!(c.minpoly(), f);
    assert_eq!(c.order().unwrap(), Order::Finite(BigUint::from(6u32)));
    // One clock step: (s0, s1, s2, s3) -> (s1, s2, s3, s0 + s1 + s3).
    assert_eq!(c.mul_vec_left(&[1, 0, 0, 0]), vec![0, 0, 0, 1]);
    assert_eq!(c.mul_vec_left(&[0, 0, 0, 1]), vec![0, 0, 1, 1]);
}

#[test]
fn companion_matrices_of_reference_polynomials() {
    // (q, coefficients, order when checked here); the charpoly is x^d - sum c_i x^i.
    let cases: [(u64, &[u64], Option<u64>); 7] = [
        (3, &[1, 2, 1], Some(4)),
        (5, &[1, 3, 2, 1], Some(12)),
        (4, &[2, 1, 1], Some(63)),
        (2, &[1, 1, 1, 0, 0, 0, 0, 0, 1, 1], Some(24)),
        (2, &[0, 1, 1, 0], None),
        (2, &[0, 0, 0, 0], None),
        (9, &[3, 0, 1], None),
    ];
    for (q, c, ord) in cases {
        let f = field(q);
        let m = companion(&f, c);
        let mut coeffs: Vec<u64> = c.iter().map(|&ci| f.neg(ci)).collect();
        coeffs.push(1);
        let poly = Poly::new(&f, coeffs).unwrap();
        assert_eq!(m.charpoly(), poly, "GF({q}) {c:?}");
        assert_eq!(m.minpoly(), poly, "companion matrices are cyclic");
        if let Some(ord) = ord {
            assert_eq!(m.order().unwrap(), Order::Finite(BigUint::from(ord)));
        }
        assert_eq!(m.rank() == c.len(), c[0] != 0);
    }
}

#[test]
fn identity_zero_and_errors() {
    let gf7 = field(7);
    let id = Matrix::identity(&gf7, 3);
    assert!(id.is_identity());
    assert_eq!(
        id.charpoly(),
        Poly::parse(&gf7, "x^3 + 4*x^2 + 3*x + 6").unwrap()
    ); // (x-1)^3
    assert_eq!(id.minpoly(), Poly::parse(&gf7, "x + 6").unwrap());
    assert_eq!(id.order().unwrap(), Order::Finite(BigUint::from(1u32)));
    let zero = Matrix::from_rows(&gf7, vec![vec![0; 3]; 3]).unwrap();
    assert_eq!(zero.rank(), 0);
    assert_eq!(zero.minpoly(), Poly::x(&gf7));
    assert_eq!(zero.order().unwrap(), Order::Infinite);
    let empty = Matrix::from_rows(&gf7, vec![]).unwrap();
    assert_eq!(empty.charpoly(), Poly::one(&gf7));
    assert!(empty.is_identity());
    assert_eq!(
        Matrix::from_rows(&gf7, vec![vec![1, 2], vec![3]]),
        Err(MatrixError::NotSquare {
            row: 1,
            len: 1,
            dim: 2
        })
    );
    assert_eq!(
        Matrix::from_rows(&gf7, vec![vec![1, 7], vec![3, 0]]),
        Err(MatrixError::NotInField {
            row: 0,
            col: 1,
            value: 7,
            q: 7
        })
    );
    // Mixing fields or sizes is a programmer error: a documented panic, with the reason.
    let gf2 = field(2);
    let panic_text = |op: &dyn Fn() -> Matrix| {
        let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(op))
            .expect_err("the product should panic");
        err.downcast_ref::<String>().cloned()
    };
    assert_eq!(
        panic_text(&|| id.mul(&Matrix::identity(&gf2, 3))).as_deref(),
        Some("matrices over GF(7) and GF(2) cannot be combined")
    );
    assert_eq!(
        panic_text(&|| &id * &Matrix::identity(&gf7, 2)).as_deref(),
        Some("a 3 x 3 and a 2 x 2 matrix cannot be multiplied")
    );
}

// ---- brute-force references --------------------------------------------------------------

fn rows_of(m: &Matrix) -> Vec<Vec<u64>> {
    (0..m.dim())
        .map(|i| (0..m.dim()).map(|j| m.get(i, j)).collect())
        .collect()
}

/// det by the Leibniz formula (d <= 4).
fn leibniz_det(f: &Field, a: &[Vec<u64>]) -> u64 {
    fn perms(n: usize) -> Vec<(Vec<usize>, bool)> {
        if n == 0 {
            return vec![(vec![], true)];
        }
        let mut out = Vec::new();
        for (p, even) in perms(n - 1) {
            for pos in 0..n {
                let mut q = p.clone();
                q.insert(pos, n - 1);
                // Inserting at pos moves n-1 past (n-1-pos) elements.
                out.push((q, even == ((n - 1 - pos) % 2 == 0)));
            }
        }
        out
    }
    let mut det = 0;
    for (p, even) in perms(a.len()) {
        let term = p.iter().enumerate().fold(1, |t, (i, &j)| f.mul(t, a[i][j]));
        det = if even {
            f.add(det, term)
        } else {
            f.sub(det, term)
        };
    }
    det
}

/// All vectors of GF(q)^d.
fn all_vectors(q: u64, d: usize) -> Vec<Vec<u64>> {
    (0..q.pow(d as u32))
        .map(|mut k| {
            (0..d)
                .map(|_| {
                    let c = k % q;
                    k /= q;
                    c
                })
                .collect()
        })
        .collect()
}

/// p(M) by Horner's rule with matrix products.
fn eval_at(p: &Poly, m: &Matrix) -> Matrix {
    let f = m.field();
    let d = m.dim();
    let mut acc = Matrix::from_rows(f, vec![vec![0; d]; d]).unwrap();
    for &c in p.coeffs().iter().rev() {
        acc = &acc * m;
        let mut rows = rows_of(&acc);
        for (i, row) in rows.iter_mut().enumerate() {
            row[i] = f.add(row[i], c);
        }
        acc = Matrix::from_rows(f, rows).unwrap();
    }
    acc
}

fn matrix_strategy() -> impl Strategy<Value = Matrix> {
    // (q, largest dimension): q^d stays <= 4096 for the brute-force order and rank.
    let choices = vec![
        (2u64, 4usize),
        (3, 4),
        (4, 4),
        (5, 4),
        (7, 3),
        (9, 3),
        (16, 3),
        (251, 1),
    ];
    proptest::sample::select(choices).prop_flat_map(|(q, max_d)| {
        (1..=max_d).prop_flat_map(move |d| {
            // Mostly sparse-ish entries, so singular and non-cyclic matrices occur often.
            proptest::collection::vec(
                prop_oneof![3 => Just(0u64), 1 => Just(1u64), 2 => 0..q],
                d * d,
            )
            .prop_map(move |e| {
                let rows = e.chunks(d).map(|r| r.to_vec()).collect();
                Matrix::from_rows(&field(q), rows).unwrap()
            })
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn invariants_match_brute_force(m in matrix_strategy()) {
        let f = m.field().clone();
        let (q, d) = (f.q(), m.dim());
        // charpoly(a) = det(a I - M) at every a (at most 16 points; q >= d + 1 there, so the
        // degree-d polynomial is determined).
        let cp = m.charpoly();
        prop_assert_eq!(cp.degree(), Some(d));
        prop_assert!(cp.is_monic());
        for a in 0..q.min(16) {
            let shifted: Vec<Vec<u64>> = rows_of(&m).iter().enumerate()
                .map(|(i, row)| row.iter().enumerate()
                    .map(|(j, &v)| f.sub(if i == j { a } else { 0 }, v)).collect())
                .collect();
            prop_assert_eq!(cp.eval(a), leibniz_det(&f, &shifted));
        }
        // rank = log_q of the number of distinct images v * M.
        let images: HashSet<Vec<u64>> = all_vectors(q, d).iter().map(|v| m.mul_vec_left(v)).collect();
        prop_assert_eq!(images.len() as u64, q.pow(m.rank() as u32));
        // The minimal polynomial annihilates M, divides the characteristic polynomial, and
        // no lower power combination vanishes: I, M, ..., M^(k-1) are independent.
        let mp = m.minpoly();
        prop_assert!(mp.is_monic());
        let zero = Matrix::from_rows(&f, vec![vec![0; d]; d]).unwrap();
        prop_assert_eq!(eval_at(&mp, &m), zero);
        prop_assert!(cp.rem(&mp).unwrap().is_zero());
        let k = mp.degree().unwrap();
        let mut power = Matrix::identity(&f, d);
        let mut flat = Vec::new();
        for _ in 0..k {
            flat.push(rows_of(&power).concat());
            power = &power * &m;
        }
        let n = d * d;
        let padded: Vec<Vec<u64>> = (0..n).map(|i| flat.get(i).cloned().unwrap_or(vec![0; n])).collect();
        prop_assert_eq!(Matrix::from_rows(&f, padded).unwrap().rank(), k);
        // Order: the least n with M^n = I by repeated multiplication (never more than q^d).
        let brute = if m.rank() < d { None } else {
            let mut p = m.clone();
            let mut n = 1u64;
            while !p.is_identity() {
                p = &p * &m;
                n += 1;
            }
            Some(n)
        };
        let want = brute.map_or(Order::Infinite, |n| Order::Finite(BigUint::from(n)));
        prop_assert_eq!(m.order().unwrap(), want);
        if let Some(n) = brute {
            prop_assert!(m.pow(&BigUint::from(n)).is_identity());
            prop_assert_eq!(m.pow(&BigUint::from(n + 1)), m.clone());
        }
    }
}
