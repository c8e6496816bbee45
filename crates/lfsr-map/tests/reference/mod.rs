//! The known answers of the reference (`/work/shared/reference/lfsr-conventions.md`, sections 6
//! and 6b), typed once, for every test that checks them. The document is the independent
//! source: fix a value here only if the document says otherwise.
//!
//! Conventions of the document kept here: coefficients `c0..c_{d-1}`; characteristic
//! polynomial `x^d - sum c_i x^i`, printed SageMath style; over GF(4) the integer 2 encodes the
//! root `a` of the Conway polynomial `a^2 + a + 1`; cycles as (period, number of cycles).
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeMap;

/// One row of the reference tables.
pub struct Row {
    /// The field size.
    pub q: u64,
    /// `c0..c_{d-1}`.
    pub coeffs: Vec<u64>,
    /// The characteristic polynomial, SageMath style.
    pub char_poly: &'static str,
    /// Monic irreducible factors with multiplicities, in the library's order (x first, then by
    /// degree). A name ending in `...` gives only the leading term: the document names the
    /// degree but not the factor.
    pub factors: Vec<(&'static str, u32)>,
    /// (period, number of cycles), ascending.
    pub cycles: Vec<(u64, u64)>,
    /// (tail length, number of transient states), ascending; empty when `c0 != 0`.
    pub tails: Vec<(u64, u64)>,
}

impl Row {
    /// The degree d.
    pub fn degree(&self) -> u32 {
        self.coeffs.len() as u32
    }

    /// `{period: cycles}`.
    pub fn cycle_map(&self) -> BTreeMap<u64, u64> {
        self.cycles.iter().copied().collect()
    }

    /// `{tail: states}`.
    pub fn tail_map(&self) -> BTreeMap<u64, u64> {
        self.tails.iter().copied().collect()
    }

    /// The largest period.
    pub fn max_period(&self) -> u64 {
        self.cycles.iter().map(|&(p, _)| p).max().unwrap()
    }

    /// How many cycles.
    pub fn cycle_count(&self) -> u64 {
        self.cycles.iter().map(|&(_, n)| n).sum()
    }

    /// The multiplicity of x in the characteristic polynomial (0 when `c0 != 0`).
    pub fn x_multiplicity(&self) -> u32 {
        self.factors
            .iter()
            .find(|(g, _)| *g == "x")
            .map_or(0, |&(_, e)| e)
    }

    /// (degree, multiplicity) of every factor other than x, as listed.
    pub fn shape(&self) -> Vec<(usize, u32)> {
        self.factors
            .iter()
            .filter(|(g, _)| *g != "x")
            .map(|&(g, e)| (leading_degree(g), e))
            .collect()
    }

    /// How many states lie off the cycles (0 when `c0 != 0`).
    pub fn transient_states(&self) -> u64 {
        self.tails.iter().map(|&(_, n)| n).sum()
    }

    /// The longest tail (0 when `c0 != 0`).
    pub fn max_tail(&self) -> u64 {
        self.tails.iter().map(|&(t, _)| t).max().unwrap_or(0)
    }

    /// The characteristic polynomial is its own only factor.
    pub fn irreducible(&self) -> bool {
        self.factors.len() == 1 && self.factors[0].1 == 1
    }

    /// Irreducible, and its only nonzero cycle has length q^d - 1.
    pub fn primitive(&self) -> bool {
        let full = self.q.pow(self.degree()) - 1;
        self.irreducible() && self.cycles == [(1, 1), (full, 1)]
    }
}

/// The degree of a polynomial from its leading term (`x^13 + ...` -> 13, `x + a` -> 1).
fn leading_degree(poly: &str) -> usize {
    let lead = poly.split(' ').next().unwrap();
    lead.strip_prefix("x^").map_or(1, |e| e.parse().unwrap())
}

fn row(
    q: u64,
    coeffs: &[u64],
    char_poly: &'static str,
    factors: &[(&'static str, u32)],
    cycles: &[(u64, u64)],
) -> Row {
    Row {
        q,
        coeffs: coeffs.to_vec(),
        char_poly,
        factors: factors.to_vec(),
        cycles: cycles.to_vec(),
        tails: vec![],
    }
}

/// A row whose characteristic polynomial is irreducible: its own only factor.
fn irreducible(q: u64, coeffs: &[u64], char_poly: &'static str, cycles: &[(u64, u64)]) -> Row {
    row(q, coeffs, char_poly, &[(char_poly, 1)], cycles)
}

/// A singular row (`c0 = 0`) with its transient states.
fn with_tails(row: Row, tails: &[(u64, u64)]) -> Row {
    Row {
        tails: tails.to_vec(),
        ..row
    }
}

/// `head` padded with zeros to length `len`.
pub fn zeros_after(head: &[u64], len: usize) -> Vec<u64> {
    let mut v = head.to_vec();
    v.resize(len, 0);
    v
}

const X1: (&str, u32) = ("x + 1", 1);
const X2X1: (&str, u32) = ("x^2 + x + 1", 1);
const X3X1: (&str, u32) = ("x^3 + x + 1", 1);

/// Section 6: the table, then its two singular examples.
pub fn section_6() -> Vec<Row> {
    vec![
        row(
            2,
            &[1, 1, 0, 1],
            "x^4 + x^3 + x + 1",
            &[("x + 1", 2), X2X1],
            &[(1, 2), (2, 1), (3, 2), (6, 1)],
        ),
        row(
            2,
            &[1, 0, 1, 1],
            "x^4 + x^3 + x^2 + 1",
            &[X1, X3X1],
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
            &[X2X1, ("x^2 + 3*x + 4", 1)],
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
            &[X1, ("x^2 + 2*x + 2", 1)],
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
            &[X3X1, ("x^4 + x + 1", 1), ("x^5 + x^3 + 1", 1)],
            &[1, 7, 15, 31, 105, 217, 465, 3255].map(|p| (p, 1)),
        ),
        row(
            2,
            &[1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
            "x^14 + x^10 + x^6 + 1",
            &[("x + 1", 2), ("x^6 + x^5 + x^2 + x + 1", 2)],
            &[(1, 2), (2, 1), (63, 2), (126, 129)],
        ),
        row(
            2,
            &zeros_after(&[1, 0, 0, 1], 16),
            "x^16 + x^3 + 1",
            &[("x^3 + x^2 + 1", 1), ("x^13 + ...", 1)],
            &[(1, 1), (7, 1), (8191, 1), (57337, 1)],
        ),
        row(
            2,
            &zeros_after(&[1, 1], 16),
            "x^16 + x + 1",
            &[("x^8 + ...", 1), ("x^8 + ...", 1)],
            &[(1, 1), (85, 3), (255, 256)],
        ),
        row(
            2,
            &[1, 1, 1, 0, 0, 0, 0, 0, 1, 1],
            "x^10 + x^9 + x^8 + x^2 + x + 1",
            &[("x + 1", 8), X2X1],
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
        // "3 transient states": x^2 is nilpotent of index 2 (section 3), so (1,0) is one step
        // from the zero state and (0,1), (1,1) are two.
        with_tails(
            row(2, &[0, 0], "x^2", &[("x", 2)], &[(1, 1)]),
            &[(1, 1), (2, 2)],
        ),
        with_tails(
            row(
                2,
                &[0, 1, 1],
                "x^3 + x^2 + x",
                &[("x", 1), X2X1],
                &[(1, 1), (3, 1)],
            ),
            &[(1, 4)],
        ),
    ]
}

/// Section 6b.
pub fn section_6b() -> Vec<Row> {
    vec![
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
            &[X2X1, X3X1],
            &[(1, 1), (3, 1), (7, 1), (21, 1)],
        ),
        row(
            2,
            &[1, 1, 0, 0, 1, 0],
            "x^6 + x^4 + x + 1",
            &[X1, X2X1, X3X1],
            &[(1, 2), (3, 2), (7, 2), (21, 2)],
        ),
        row(
            2,
            &[1, 1, 0, 0, 0, 0, 1, 0, 1],
            "x^9 + x^8 + x^6 + x + 1",
            &[X2X1, X3X1, ("x^4 + x + 1", 1)],
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
                &[("x", 1), X3X1],
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
            &[X1, ("x^2 + x + 1", 2)],
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
            &[X1, ("x + 2", 1), ("x^2 + 1", 1)],
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
            &[X1, ("x + a", 1), ("x + a + 1", 1)],
            &[(1, 4), (3, 20)],
        ),
        irreducible(4, &[2, 1, 1], "x^3 + x^2 + x + a", &[(1, 1), (63, 1)]),
    ]
}

/// Sections 6 and 6b, in the document's order.
pub fn all() -> Vec<Row> {
    let mut rows = section_6();
    rows.extend(section_6b());
    rows
}

/// The row with these coefficients over GF(q).
pub fn find(q: u64, coeffs: &[u64]) -> Row {
    all()
        .into_iter()
        .find(|r| r.q == q && r.coeffs == coeffs)
        .unwrap_or_else(|| panic!("no reference row for q = {q}, {coeffs:?}"))
}
