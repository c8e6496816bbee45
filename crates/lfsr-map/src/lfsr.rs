//! [`Lfsr`]: a linear feedback shift register over GF(q), in the conventions of lfsr-seq.
//!
//! A state is a row vector `S = (s0, ..., s_{d-1})`; one clock step is `S * C` with `C` the
//! companion-style matrix that has ones on the sub-diagonal and the coefficients in the last
//! column, that is `(s0, ..., s_{d-1}) -> (s1, ..., s_{d-1}, sum_i c_i s_i)`. The
//! characteristic polynomial is `x^d - sum_i c_i x^i`. States are numbered by
//! `k = sum_j s_j q^j` (coordinate 0 varies fastest).
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::lfsr::Lfsr;
//!
//! let lfsr = Lfsr::new(&Field::new(2)?, vec![1, 1, 0, 1])?;
//! assert_eq!(lfsr.characteristic_polynomial().to_string(), "x^4 + x^3 + x + 1");
//! assert_eq!(lfsr.step(&[1, 0, 0, 0]), vec![0, 0, 0, 1]);
//! assert_eq!(lfsr.state_to_index(&[0, 0, 0, 1]), 8);
//! assert_eq!(lfsr.index_to_state(8), vec![0, 0, 0, 1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use gf_core::matrix::Matrix;
use gf_core::{Field, Poly};
use num_bigint::BigUint;

/// The largest degree an [`Lfsr`] over GF(2) may have; enumeration needs far less.
///
/// Over GF(2) the algebra runs on gf-core's bit-packed `gf2x` arithmetic: irreducibility
/// (a small-factor sieve, Ben-Or, then Rabin's test with modular composition) and primitivity
/// of x^44497 + x^8575 + 1 take well under a second, and orders are known wherever 2^m - 1
/// is factored (m <= 1,206 and the Mersenne exponents; elsewhere the order is reported
/// unknown with the reason). Factoring a dense polynomial costs about n/2 multiplications
/// modulo f when it has a large factor: seconds at degree 10,000, tens of seconds near the
/// limit. Over other fields the general arithmetic keeps [`MAX_DEGREE_NOT_GF2`] (degree 1024
/// over GF(3), GF(251), GF(2^8), GF(65521): 1.5-9.4 s, under 35 MB; degree 2048 over GF(3):
/// 11 s; degree 2^16 over GF(3) had taken minutes and 16 GB).
pub const MAX_DEGREE_GF2: usize = 50_000;

/// The largest degree over every field but GF(2) (see [`MAX_DEGREE_GF2`] for the measurements).
pub const MAX_DEGREE_NOT_GF2: usize = 1024;

/// The largest degree [`Lfsr::new`] accepts over GF(`q`).
pub fn max_degree(q: u64) -> usize {
    if q == 2 {
        MAX_DEGREE_GF2
    } else {
        MAX_DEGREE_NOT_GF2
    }
}

/// Why an [`Lfsr`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LfsrError {
    /// The coefficient vector is empty (degree 0).
    #[error("an LFSR needs at least one coefficient")]
    Empty,
    /// A coefficient is not an element of GF(q).
    #[error("coefficient c{index} = {value} is not an element of GF({q})")]
    CoefficientOutOfRange {
        /// Position `i` of `c_i`.
        index: usize,
        /// The offending value.
        value: u64,
        /// The field order.
        q: u64,
    },
    /// The degree exceeds [`max_degree`] for the field.
    #[error("degree {degree} exceeds the supported maximum {limit}")]
    TooLarge {
        /// The requested degree.
        degree: usize,
        /// [`max_degree`] of the field.
        limit: usize,
    },
}

/// An LFSR of degree `d` over GF(q) with feedback coefficients `[c0, ..., c_{d-1}]`.
///
/// See the [module docs](self) for the conventions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lfsr {
    field: Field,
    coeffs: Vec<u64>,
}

impl Lfsr {
    /// Builds the LFSR with coefficients `[c0, ..., c_{d-1}]` (integer-encoded elements `< q`).
    pub fn new(field: &Field, coeffs: Vec<u64>) -> Result<Lfsr, LfsrError> {
        if coeffs.is_empty() {
            return Err(LfsrError::Empty);
        }
        let limit = max_degree(field.q());
        if coeffs.len() > limit {
            return Err(LfsrError::TooLarge {
                degree: coeffs.len(),
                limit,
            });
        }
        if let Some((index, &value)) = coeffs.iter().enumerate().find(|(_, &c)| c >= field.q()) {
            return Err(LfsrError::CoefficientOutOfRange {
                index,
                value,
                q: field.q(),
            });
        }
        Ok(Lfsr {
            field: field.clone(),
            coeffs,
        })
    }

    /// The field GF(q).
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// The degree d (number of cells).
    pub fn degree(&self) -> usize {
        self.coeffs.len()
    }

    /// `[c0, ..., c_{d-1}]`.
    pub fn coefficients(&self) -> &[u64] {
        &self.coeffs
    }

    /// `c0 == 0`: the update is not a bijection (some states are transient).
    pub fn is_singular(&self) -> bool {
        self.coeffs[0] == 0
    }

    /// The multiplicity of `x` in the characteristic polynomial: the index of the first nonzero
    /// coefficient, or `d` when all are zero. It is the longest tail of a transient state.
    pub fn x_multiplicity(&self) -> usize {
        self.coeffs
            .iter()
            .position(|&c| c != 0)
            .unwrap_or(self.coeffs.len())
    }

    /// `x^d - sum_i c_i x^i`.
    pub fn characteristic_polynomial(&self) -> Poly {
        let f = &self.field;
        let mut c: Vec<u64> = self.coeffs.iter().map(|&ci| f.neg(ci)).collect();
        c.push(1);
        Poly::new(f, c).expect("negated coefficients are field elements")
    }

    /// The state-update matrix `C` (states are row vectors, `S_{i+1} = S_i * C`).
    pub fn state_update_matrix(&self) -> Matrix {
        let d = self.degree();
        let rows = (0..d)
            .map(|i| {
                let mut row = vec![0; d];
                if i >= 1 {
                    row[i - 1] = 1;
                }
                row[d - 1] = self.coeffs[i];
                row
            })
            .collect();
        Matrix::from_rows(&self.field, rows).expect("a square matrix of field elements")
    }

    /// One clock step `S * C` computed with field arithmetic (the reference for every kernel).
    ///
    /// # Panics
    /// If `state.len() != d`.
    pub fn step(&self, state: &[u64]) -> Vec<u64> {
        assert_eq!(
            state.len(),
            self.degree(),
            "state length must equal the degree"
        );
        let f = &self.field;
        let fb = self
            .coeffs
            .iter()
            .zip(state)
            .fold(0, |acc, (&c, &s)| f.add(acc, f.mul(c, s)));
        let mut next = state[1..].to_vec();
        next.push(fb);
        next
    }

    /// q^d, the number of states.
    pub fn state_count(&self) -> BigUint {
        BigUint::from(self.field.q()).pow(self.degree() as u32)
    }

    /// The state with index `k = sum_j s_j q^j`; digits of `k` beyond the d-th are dropped.
    pub fn index_to_state(&self, mut k: u64) -> Vec<u64> {
        let q = self.field.q();
        (0..self.degree())
            .map(|_| {
                let s = k % q;
                k /= q;
                s
            })
            .collect()
    }

    /// The index `sum_j s_j q^j` of a state.
    ///
    /// # Panics
    /// If the index does not fit in a `u64` (only possible when q^d > 2^64).
    pub fn state_to_index(&self, s: &[u64]) -> u64 {
        let q = self.field.q();
        s.iter().rev().fold(0u64, |acc, &x| {
            acc.checked_mul(q)
                .and_then(|a| a.checked_add(x))
                .expect("state index exceeds u64")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gf(q: u64) -> Field {
        Field::new(q).unwrap()
    }

    #[test]
    fn characteristic_polynomials_of_the_reference() {
        let l = Lfsr::new(&gf(2), vec![1, 1, 0, 1]).unwrap();
        assert_eq!(
            l.characteristic_polynomial().to_string(),
            "x^4 + x^3 + x + 1"
        );
        let l = Lfsr::new(&gf(3), vec![1, 2, 1]).unwrap();
        assert_eq!(
            l.characteristic_polynomial().to_string(),
            "x^3 + 2*x^2 + x + 2"
        );
    }

    #[test]
    fn matrix_is_the_worked_example_and_agrees_with_step() {
        let l = Lfsr::new(&gf(2), vec![1, 1, 0, 1]).unwrap();
        let c = l.state_update_matrix();
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
        let l = Lfsr::new(&gf(9), vec![3, 0, 7, 8]).unwrap();
        let c = l.state_update_matrix();
        assert_eq!(c.charpoly(), l.characteristic_polynomial());
        for k in [0, 1, 5, 80, 999, 6560] {
            let s = l.index_to_state(k);
            assert_eq!(c.mul_vec_left(&s), l.step(&s));
        }
    }

    #[test]
    fn errors() {
        assert_eq!(Lfsr::new(&gf(2), vec![]), Err(LfsrError::Empty));
        assert_eq!(
            Lfsr::new(&gf(3), vec![1, 3]),
            Err(LfsrError::CoefficientOutOfRange {
                index: 1,
                value: 3,
                q: 3
            })
        );
    }

    #[test]
    fn numbering_follows_the_reference() {
        let l = Lfsr::new(&gf(2), vec![1, 1, 0]).unwrap();
        let states: Vec<_> = (0..4).map(|k| l.index_to_state(k)).collect();
        assert_eq!(
            states,
            vec![vec![0, 0, 0], vec![1, 0, 0], vec![0, 1, 0], vec![1, 1, 0]]
        );
        let l3 = Lfsr::new(&gf(3), vec![1, 2]).unwrap();
        assert_eq!(l3.index_to_state(3), vec![0, 1]);
        assert_eq!(l3.index_to_state(8), vec![2, 2]);
        for k in 0..9 {
            assert_eq!(l3.state_to_index(&l3.index_to_state(k)), k);
        }
        assert_eq!(l3.state_count(), BigUint::from(9u32));
    }

    #[test]
    fn step_follows_the_reference_cycle() {
        // [1,2]/GF(3): (1,0),(0,1),(1,2),(2,2),(2,0),(0,2),(2,1),(1,1)
        let l = Lfsr::new(&gf(3), vec![1, 2]).unwrap();
        let expect = [
            [1, 0],
            [0, 1],
            [1, 2],
            [2, 2],
            [2, 0],
            [0, 2],
            [2, 1],
            [1, 1],
            [1, 0],
        ];
        for w in expect.windows(2) {
            assert_eq!(l.step(&w[0]), w[1].to_vec());
        }
    }

    #[test]
    fn x_multiplicity_and_singularity() {
        let l = Lfsr::new(&gf(2), vec![0, 1, 1]).unwrap();
        assert!(l.is_singular());
        assert_eq!(l.x_multiplicity(), 1);
        assert_eq!(Lfsr::new(&gf(2), vec![0; 4]).unwrap().x_multiplicity(), 4);
        assert!(!Lfsr::new(&gf(2), vec![1, 0]).unwrap().is_singular());
    }
}
