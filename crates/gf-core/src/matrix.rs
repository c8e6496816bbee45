//! Dense square matrices over GF(q).
//!
//! [`Matrix`] is what an LFSR's state-update matrix `C` becomes in gf-core. Besides
//! multiplication and powers it computes the invariants lfsr-map reports: rank, the
//! characteristic polynomial (any square matrix: Hessenberg reduction, O(d^3)), the minimal
//! polynomial (the lcm of the minimal polynomials of Krylov sequences that span the space,
//! O(d^3) for cyclic matrices, at worst O(d^4)), and the multiplicative order, which equals the
//! order of the *minimal* polynomial. The characteristic polynomial gives the right order only
//! for cyclic matrices such as companion matrices; the order is never found by repeated
//! multiplication.
//!
//! Vectors are row vectors multiplied on the left, `v * M`, matching lfsr-map's convention
//! `S_{i+1} = S_i * C`.
//!
//! ```
//! use gf_core::{Field, Poly};
//! use gf_core::matrix::Matrix;
//! use gf_core::order::Order;
//! use num_bigint::BigUint;
//!
//! let gf2 = Field::new(2)?;
//! // Two 2x2 Jordan blocks for the eigenvalue 1.
//! let m = Matrix::from_rows(&gf2, vec![
//!     vec![1, 1, 0, 0],
//!     vec![0, 1, 0, 0],
//!     vec![0, 0, 1, 1],
//!     vec![0, 0, 0, 1],
//! ])?;
//! assert_eq!(m.charpoly(), Poly::parse(&gf2, "x^4 + 1")?); // (x + 1)^4
//! assert_eq!(m.minpoly(), Poly::parse(&gf2, "x^2 + 1")?);  // (x + 1)^2
//! assert_eq!(m.order()?, Order::Finite(BigUint::from(2u32)));
//! assert_eq!(m.mul_vec_left(&[1, 0, 1, 0]), vec![1, 1, 1, 1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use num_bigint::BigUint;

use crate::field::Field;
use crate::order::{order, Order, OrderError};
use crate::poly::Poly;

/// A dense `d x d` matrix over a [`Field`], stored row-major.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Matrix {
    field: Field,
    dim: usize,
    entries: Vec<u64>,
}

/// Invalid input to a [`Matrix`] constructor or operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MatrixError {
    /// A row's length differs from the number of rows.
    #[error("row {row} has {len} entries; a {dim} x {dim} matrix needs {dim}")]
    NotSquare {
        /// The row index.
        row: usize,
        /// Its length.
        len: usize,
        /// The number of rows.
        dim: usize,
    },
    /// An entry is not an element of the field (not below q).
    #[error("entry ({row}, {col}) = {value} is not an element of GF({q})")]
    NotInField {
        /// Row index.
        row: usize,
        /// Column index.
        col: usize,
        /// The entry.
        value: u64,
        /// The field order.
        q: u64,
    },
}

impl Matrix {
    /// The matrix with the given rows; each row must have one entry per row, each entry < q.
    /// No rows gives the 0 x 0 matrix.
    pub fn from_rows(field: &Field, rows: Vec<Vec<u64>>) -> Result<Matrix, MatrixError> {
        let dim = rows.len();
        let mut entries = Vec::with_capacity(dim * dim);
        for (row, values) in rows.into_iter().enumerate() {
            if values.len() != dim {
                let len = values.len();
                return Err(MatrixError::NotSquare { row, len, dim });
            }
            if let Some(col) = values.iter().position(|&v| !field.contains(v)) {
                let (value, q) = (values[col], field.q());
                return Err(MatrixError::NotInField { row, col, value, q });
            }
            entries.extend(values);
        }
        Ok(Matrix {
            field: field.clone(),
            dim,
            entries,
        })
    }

    /// The `d x d` identity matrix.
    pub fn identity(field: &Field, d: usize) -> Matrix {
        let mut entries = vec![0; d * d];
        entries.iter_mut().step_by(d + 1).for_each(|e| *e = 1);
        Matrix {
            field: field.clone(),
            dim: d,
            entries,
        }
    }

    /// The field of the entries.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// The number of rows (= columns).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The entry in row `i`, column `j`.
    ///
    /// # Panics
    /// If `i` or `j` is not below [`Matrix::dim`].
    pub fn get(&self, i: usize, j: usize) -> u64 {
        assert!(
            i < self.dim && j < self.dim,
            "index ({i}, {j}) out of range"
        );
        self.entries[i * self.dim + j]
    }

    /// Row `i` as a slice.
    fn row(&self, i: usize) -> &[u64] {
        &self.entries[i * self.dim..(i + 1) * self.dim]
    }

    /// The product `self * other` (also `&a * &b`).
    ///
    /// # Panics
    /// When the fields or the sizes differ: combining such matrices is a programmer error,
    /// as for [`Poly`] arithmetic, not a data error.
    pub fn mul(&self, other: &Matrix) -> Matrix {
        assert!(
            self.field == other.field,
            "matrices over GF({}) and GF({}) cannot be combined",
            self.field.q(),
            other.field.q()
        );
        assert!(
            self.dim == other.dim,
            "a {0} x {0} and a {1} x {1} matrix cannot be multiplied",
            self.dim,
            other.dim
        );
        self.mul_unchecked(other)
    }

    fn mul_unchecked(&self, other: &Matrix) -> Matrix {
        let entries = (0..self.dim)
            .flat_map(|i| other.vec_mul(self.row(i)))
            .collect();
        Matrix {
            field: self.field.clone(),
            dim: self.dim,
            entries,
        }
    }

    /// The row vector `v * self`.
    ///
    /// # Panics
    /// If `v.len() != self.dim()` or an entry of `v` is not below q.
    pub fn mul_vec_left(&self, v: &[u64]) -> Vec<u64> {
        assert_eq!(
            v.len(),
            self.dim,
            "vector length must equal the matrix size"
        );
        assert!(
            v.iter().all(|&c| self.field.contains(c)),
            "entry not in field"
        );
        self.vec_mul(v)
    }

    fn vec_mul(&self, v: &[u64]) -> Vec<u64> {
        let mut out = vec![0; self.dim];
        for (i, &c) in v.iter().enumerate() {
            axpy(&self.field, &mut out, self.row(i), c);
        }
        out
    }

    /// `self^e` by square-and-multiply (`self^0` is the identity).
    pub fn pow(&self, e: &BigUint) -> Matrix {
        let mut acc = Matrix::identity(&self.field, self.dim);
        for i in (0..e.bits()).rev() {
            acc = acc.mul_unchecked(&acc);
            if e.bit(i) {
                acc = acc.mul_unchecked(self);
            }
        }
        acc
    }

    /// Whether this is the identity matrix.
    pub fn is_identity(&self) -> bool {
        self.entries
            .iter()
            .enumerate()
            .all(|(k, &e)| e == u64::from(k % (self.dim + 1) == 0))
    }

    /// The rank (Gaussian elimination).
    pub fn rank(&self) -> usize {
        let mut basis = EchelonBasis::default();
        (0..self.dim)
            .filter(|&i| basis.insert(&self.field, self.row(i).to_vec()))
            .count()
    }

    /// The characteristic polynomial `det(x I - self)`: monic of degree `dim`.
    ///
    /// Reduces to upper Hessenberg form by similarity transforms, then expands along the
    /// subdiagonal (Cohen, *A Course in Computational Algebraic Number Theory*, alg. 2.2.9).
    pub fn charpoly(&self) -> Poly {
        let f = &self.field;
        let h = self.hessenberg();
        let d = self.dim;
        let at = |i: usize, j: usize| h[i * d + j];
        // p[k] is the characteristic polynomial of the leading k x k block.
        let mut p: Vec<Vec<u64>> = vec![vec![1]];
        for k in 0..d {
            let mut next = shift_sub(f, &p[k], at(k, k));
            let mut t = 1;
            for i in (0..k).rev() {
                t = f.mul(t, at(i + 1, i));
                let c = f.mul(t, at(i, k));
                axpy(f, &mut next, &p[i], f.neg(c));
            }
            p.push(next);
        }
        // p starts as [1] (the empty block) and only grows.
        poly_from(
            f,
            p.pop()
                .expect("p holds at least the empty block's polynomial"),
        )
    }

    /// An upper Hessenberg matrix similar to `self`, row-major.
    fn hessenberg(&self) -> Vec<u64> {
        let (f, d) = (&self.field, self.dim);
        let mut h = self.entries.clone();
        for m in 1..d.saturating_sub(1) {
            let Some(piv) = (m..d).find(|&i| h[i * d + m - 1] != 0) else {
                continue;
            };
            if piv != m {
                for j in 0..d {
                    h.swap(piv * d + j, m * d + j);
                }
                for i in 0..d {
                    h.swap(i * d + piv, i * d + m);
                }
            }
            let t_inv = f.inv(h[m * d + m - 1]).expect(NONZERO_PIVOT);
            for i in m + 1..d {
                let u = f.mul(h[i * d + m - 1], t_inv);
                if u == 0 {
                    continue;
                }
                // row_i -= u row_m, then column_m += u column_i (the inverse transform).
                for j in 0..d {
                    let v = f.mul(u, h[m * d + j]);
                    h[i * d + j] = f.sub(h[i * d + j], v);
                }
                for r in 0..d {
                    let v = f.mul(u, h[r * d + i]);
                    h[r * d + m] = f.add(h[r * d + m], v);
                }
            }
        }
        h
    }

    /// The minimal polynomial: the monic polynomial of least degree with `mu(self) = 0`.
    ///
    /// Computed as the lcm of the minimal polynomials of the Krylov sequences
    /// `v, v M, v M^2, ...` for unit vectors `v = e_i` not already in the span of the earlier
    /// sequences (a vector in that span is annihilated by the lcm so far).
    pub fn minpoly(&self) -> Poly {
        let f = &self.field;
        let mut span = EchelonBasis::default();
        let mut result = Poly::one(f);
        for i in 0..self.dim {
            let mut unit = vec![0; self.dim];
            unit[i] = 1;
            if span.contains(f, unit.clone()) {
                continue;
            }
            let (local, krylov) = self.krylov_minpoly(unit);
            for v in krylov {
                span.insert(f, v);
            }
            result = lcm(&result, &local);
        }
        result
    }

    /// The minimal polynomial of `v` under `self`, and the Krylov vectors `v, v M, ...` up to
    /// the first dependent one (exclusive).
    fn krylov_minpoly(&self, v: Vec<u64>) -> (Poly, Vec<Vec<u64>>) {
        let f = &self.field;
        let mut basis = TrackedBasis::default();
        let mut krylov = Vec::new();
        let mut w = v;
        loop {
            let k = krylov.len();
            if let Some(mut dependency) = basis.reduce(f, w.clone(), k) {
                // w_k - sum c_j w_j = 0 with dependency = -c: the polynomial is x^k + sum(-c_j) x^j.
                dependency[k] = 1;
                return (poly_from(f, dependency), krylov);
            }
            let next = self.vec_mul(&w);
            krylov.push(w);
            w = next;
        }
    }

    /// The multiplicative order: the least `n >= 1` with `self^n = I`, which is the order of
    /// the minimal polynomial; [`Order::Infinite`] for singular matrices. The 0 x 0 matrix has
    /// order 1.
    ///
    /// # Errors
    /// [`OrderError::Factor`] when the order of an irreducible factor of the minimal polynomial
    /// needs a factorization of `q^m - 1` that cannot be found.
    pub fn order(&self) -> Result<Order, OrderError> {
        order(&self.minpoly())
    }
}

/// Gaussian-elimination basis: rows with distinct pivot columns, each normalized to pivot 1.
#[derive(Default)]
struct EchelonBasis {
    rows: Vec<(usize, Vec<u64>)>,
}

impl EchelonBasis {
    /// Reduces `v` against the basis; the remainder.
    fn reduce(&self, f: &Field, mut v: Vec<u64>) -> Vec<u64> {
        for (pivot, row) in &self.rows {
            let c = v[*pivot];
            if c != 0 {
                axpy(f, &mut v, row, f.neg(c));
            }
        }
        v
    }

    fn contains(&self, f: &Field, v: Vec<u64>) -> bool {
        self.reduce(f, v).iter().all(|&c| c == 0)
    }

    /// Adds `v` if it is independent; whether it was.
    fn insert(&mut self, f: &Field, v: Vec<u64>) -> bool {
        let v = self.reduce(f, v);
        let Some(pivot) = v.iter().position(|&c| c != 0) else {
            return false;
        };
        let inv = f.inv(v[pivot]).expect(NONZERO_PIVOT);
        let v: Vec<u64> = v.iter().map(|&c| f.mul(c, inv)).collect();
        // Keep earlier rows reduced at the new pivot so reduction stays one pass.
        for (_, row) in &mut self.rows {
            let c = row[pivot];
            if c != 0 {
                axpy(f, row, &v, f.neg(c));
            }
        }
        self.rows.push((pivot, v));
        true
    }
}

/// An echelon basis of Krylov vectors `w_0..w_{k-1}` that also records each row as a
/// combination of the `w_j` (coefficient vectors of length `dim + 1`).
#[derive(Default)]
struct TrackedBasis {
    rows: Vec<(usize, Vec<u64>, Vec<u64>)>,
}

impl TrackedBasis {
    /// Reduces `w` (the k-th Krylov vector). If it depends on the earlier ones, returns the
    /// combination `c` with `w_k + sum_j c_j w_j = 0` (entry k left for the caller); otherwise
    /// stores it and returns `None`.
    fn reduce(&mut self, f: &Field, mut w: Vec<u64>, k: usize) -> Option<Vec<u64>> {
        let mut combo = vec![0; w.len() + 1];
        combo[k] = 1;
        for (pivot, row, row_combo) in &self.rows {
            let c = w[*pivot];
            if c != 0 {
                axpy(f, &mut w, row, f.neg(c));
                axpy(f, &mut combo, row_combo, f.neg(c));
            }
        }
        match w.iter().position(|&c| c != 0) {
            None => Some(combo),
            Some(pivot) => {
                let inv = f.inv(w[pivot]).expect(NONZERO_PIVOT);
                let scale = |v: &[u64]| v.iter().map(|&c| f.mul(c, inv)).collect::<Vec<_>>();
                self.rows.push((pivot, scale(&w), scale(&combo)));
                None
            }
        }
    }
}

/// Pivots are chosen as nonzero entries, so they are invertible.
const NONZERO_PIVOT: &str = "a pivot is a nonzero field element";

/// `dst += c * src`, entrywise (src may be shorter).
fn axpy(f: &Field, dst: &mut [u64], src: &[u64], c: u64) {
    if c == 0 {
        return;
    }
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = f.add(*d, f.mul(c, s));
    }
}

/// `(x - a) * p` for a coefficient vector `p` (low-to-high).
fn shift_sub(f: &Field, p: &[u64], a: u64) -> Vec<u64> {
    let mut out = vec![0; p.len() + 1];
    out[1..].copy_from_slice(p);
    axpy(f, &mut out, p, f.neg(a));
    out
}

/// A polynomial from coefficients that are already field elements.
fn poly_from(f: &Field, coeffs: Vec<u64>) -> Poly {
    Poly::from_vec(f, coeffs)
}

/// lcm of two monic nonzero polynomials over the same field.
fn lcm(a: &Poly, b: &Poly) -> Poly {
    let g = a.gcd(b);
    let (quot, _) = a
        .divrem(&g)
        .expect("lcm: gcd of monic polynomials is nonzero");
    (quot * b).monic()
}

impl std::ops::Mul for &Matrix {
    type Output = Matrix;
    /// [`Matrix::mul`]; panics when the fields or sizes differ.
    fn mul(self, other: &Matrix) -> Matrix {
        Matrix::mul(self, other)
    }
}
