//! LFSR synthesis: the Berlekamp-Massey algorithm, the linear complexity and its profile.
//!
//! Given a finite sequence `s_0, ..., s_{N-1}` over GF(q), [`berlekamp_massey`] finds the
//! shortest LFSR that generates it. Its length `L` is the **linear complexity**, and the
//! algorithm gives the **connection polynomial** `C(x) = 1 + C_1 x + ... + C_L x^L` with
//!
//! ```text
//! s_n + C_1 s_{n-1} + ... + C_L s_{n-L} = 0        for L <= n < N.
//! ```
//!
//! In this project's convention ([`crate::lfsr`]) that is the LFSR of degree `L` with
//! coefficients `c_k = -C_{L-k}` (`k = 0..L`) and initial state `(s_0, ..., s_{L-1})`
//! ([`Synthesis::lfsr`], ready for [`crate::analyze`]); its characteristic polynomial is the
//! reciprocal `x^L C(1/x) = x^L - sum_k c_k x^k`, the **minimal polynomial** of the sequence
//! ([`Synthesis::minimal_polynomial`]).
//!
//! `C(x)` may have degree below `L` (`C_L = 0`): then `c_0 = 0`, the LFSR is singular and the
//! minimal polynomial has the factor `x^{L - deg C}`; the sequence is then not periodic from
//! its start (e.g. `1, 0, 0, 0` has `L = 1` and the minimal polynomial `x`: `s_{n+1} = 0 s_n`). The minimal polynomial is unique when
//! `N >= 2L` ([`Synthesis::is_unique`]); for shorter sequences other LFSRs of the same
//! length generate them too.
//!
//! The **linear complexity profile** is `L_1, ..., L_N`, the linear complexity of each
//! prefix ([`Synthesis::profile`]).
//!
//! [`berlekamp_massey`] works over every [`Field`] with `O(N^2)` field operations;
//! [`berlekamp_massey_bits`] is the GF(2) version on packed words, `O(N^2 / 64)` word
//! operations (the 39,874 bits of the MT19937 showcase take milliseconds).
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::synth::berlekamp_massey;
//!
//! let gf2 = Field::new(2)?;
//! // 15 bits of the LFSR [1, 0, 0, 1] (x^4 + x^3 + 1) from the state (0, 0, 0, 1)
//! let s = [0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1];
//! let syn = berlekamp_massey(&gf2, &s)?;
//! assert_eq!(syn.linear_complexity(), 4);
//! assert_eq!(syn.minimal_polynomial().to_string(), "x^4 + x^3 + 1");
//! assert_eq!(syn.connection_polynomial().to_string(), "x^4 + x + 1");
//! assert_eq!(syn.coefficients(), [1, 0, 0, 1]);
//! assert_eq!(syn.initial_state(), [0, 0, 0, 1]);
//! assert!(syn.is_unique());
//! assert_eq!(syn.profile(), [0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
//! let lfsr = syn.lfsr()?; // an Lfsr, for `analyze`
//! assert_eq!(lfsr.coefficients(), [1, 0, 0, 1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod gf2;

pub use gf2::berlekamp_massey_bits;

use gf_core::{Field, Poly};

use crate::lfsr::{Lfsr, LfsrError};

/// Why a synthesis failed, or its LFSR cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SynthError {
    /// An element of the sequence is not an element of GF(q).
    #[error("element {index} of the sequence, {value}, is not an element of GF({q})")]
    OutOfRange {
        /// Its position (0-based).
        index: usize,
        /// The value.
        value: u64,
        /// The field order.
        q: u64,
    },
    /// The sequence is all zeros: its linear complexity is 0 and no LFSR of degree >= 1 is
    /// minimal for it.
    #[error("the sequence is all zeros (linear complexity 0): there is no LFSR to give")]
    ZeroComplexity,
    /// The synthesized LFSR is beyond what [`Lfsr`] accepts.
    #[error("the synthesized LFSR: {0}")]
    Lfsr(#[from] LfsrError),
}

/// The result of [`berlekamp_massey`]: the shortest LFSR generating a sequence.
///
/// See the [module docs](self) for the conventions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synthesis {
    field: Field,
    length: usize,
    /// `C_0 = 1, C_1, ..., C_L` (length `L + 1`, the last may be 0).
    connection: Vec<u64>,
    /// `s_0, ..., s_{L-1}`.
    state: Vec<u64>,
    /// `L_1, ..., L_N`.
    profile: Vec<usize>,
}

impl Synthesis {
    /// Builds the result from the algorithm's connection coefficients (`connection[0] = 1`,
    /// length at least `L + 1`; longer is cut), the sequence's first `L` elements and the
    /// profile.
    pub(crate) fn from_parts(
        field: &Field,
        mut connection: Vec<u64>,
        state: Vec<u64>,
        profile: Vec<usize>,
    ) -> Synthesis {
        let l = state.len();
        connection.resize(l + 1, 0);
        debug_assert_eq!(connection[0], 1);
        debug_assert_eq!(profile.last().copied().unwrap_or(0), l);
        Synthesis {
            field: field.clone(),
            length: profile.len(),
            connection,
            state,
            profile,
        }
    }

    /// The field.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// N, the number of elements of the sequence.
    pub fn len(&self) -> usize {
        self.length
    }

    /// Whether the sequence was empty.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// L, the linear complexity: the length of the shortest LFSR that generates the sequence.
    pub fn linear_complexity(&self) -> usize {
        self.state.len()
    }

    /// `C(x) = 1 + C_1 x + ... + C_L x^L` (degree at most L).
    pub fn connection_polynomial(&self) -> Poly {
        Poly::new(&self.field, self.connection.clone()).expect("field elements")
    }

    /// The minimal polynomial `x^L C(1/x)`, monic of degree L: the characteristic polynomial
    /// of [`Synthesis::lfsr`] (`1` for the all-zero sequence).
    pub fn minimal_polynomial(&self) -> Poly {
        let rev: Vec<u64> = self.connection.iter().rev().copied().collect();
        Poly::new(&self.field, rev).expect("field elements")
    }

    /// The LFSR coefficients `[c0, ..., c_{L-1}]`, `c_k = -C_{L-k}` (empty when L = 0).
    pub fn coefficients(&self) -> Vec<u64> {
        let l = self.linear_complexity();
        (0..l)
            .map(|k| self.field.neg(self.connection[l - k]))
            .collect()
    }

    /// The initial state `(s_0, ..., s_{L-1})` of the LFSR (Fibonacci form).
    pub fn initial_state(&self) -> &[u64] {
        &self.state
    }

    /// `c0 = 0`: the connection polynomial has degree below L.
    pub fn is_singular(&self) -> bool {
        self.connection.last().is_some_and(|&c| c == 0)
    }

    /// `N >= 2L`: no other LFSR of length L generates the sequence.
    pub fn is_unique(&self) -> bool {
        self.length >= 2 * self.linear_complexity()
    }

    /// The linear complexity profile `L_1, ..., L_N` (`L_k` of the first k elements).
    pub fn profile(&self) -> &[usize] {
        &self.profile
    }

    /// The LFSR, ready for [`crate::analyze`] (generate the sequence with
    /// [`crate::sequence::Generator`] from [`Synthesis::initial_state`]).
    ///
    /// # Errors
    /// [`SynthError::ZeroComplexity`] for the all-zero sequence; [`SynthError::Lfsr`] when L
    /// exceeds [`crate::lfsr::max_degree`].
    pub fn lfsr(&self) -> Result<Lfsr, SynthError> {
        if self.linear_complexity() == 0 {
            return Err(SynthError::ZeroComplexity);
        }
        Ok(Lfsr::new(&self.field, self.coefficients())?)
    }
}

/// [`berlekamp_massey`] on the fastest path for the field: over GF(2) the elements are
/// packed 64 to a word and [`berlekamp_massey_bits`] runs (the same result, about 200 times
/// faster at 10^4 bits), elsewhere the generic algorithm. What the CLI's `synth` and the
/// Python package call.
///
/// ```
/// use gf_core::Field;
/// use lfsr_map::synth::{berlekamp_massey, synthesize};
///
/// let gf2 = Field::new(2)?;
/// let s = [0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0]; // x^4 + x^3 + 1
/// assert_eq!(synthesize(&gf2, &s)?, berlekamp_massey(&gf2, &s)?);
/// assert_eq!(synthesize(&gf2, &s)?.coefficients(), [1, 0, 0, 1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`SynthError::OutOfRange`] for a value that is not an element of `field`.
pub fn synthesize(field: &Field, seq: &[u64]) -> Result<Synthesis, SynthError> {
    if field.q() != 2 {
        return berlekamp_massey(field, seq);
    }
    let mut words = vec![0u64; seq.len().div_ceil(64)];
    for (k, &b) in seq.iter().enumerate() {
        if b > 1 {
            return Err(SynthError::OutOfRange {
                index: k,
                value: b,
                q: 2,
            });
        }
        words[k / 64] |= b << (k % 64);
    }
    Ok(berlekamp_massey_bits(&words, seq.len()))
}

/// The Berlekamp-Massey algorithm over any GF(q): the shortest LFSR generating `seq`.
///
/// `O(N^2)` field operations. For GF(2), [`berlekamp_massey_bits`] does the same on packed
/// words, 64 elements per operation.
///
/// # Errors
/// [`SynthError::OutOfRange`] for a value that is not an element of `field`.
pub fn berlekamp_massey(field: &Field, seq: &[u64]) -> Result<Synthesis, SynthError> {
    let q = field.q();
    if let Some((index, &value)) = seq.iter().enumerate().find(|(_, &v)| v >= q) {
        return Err(SynthError::OutOfRange { index, value, q });
    }
    let f = field;
    let n_total = seq.len();
    let mut c = vec![0u64; n_total + 1];
    let mut b = vec![0u64; n_total + 1];
    let mut t = vec![0u64; n_total + 1];
    c[0] = 1;
    b[0] = 1;
    let (mut l, mut m, mut bd) = (0usize, 1usize, 1u64);
    // Degree bounds of c and b, so that the updates touch only the used part.
    let mut b_len = 1;
    let mut profile = Vec::with_capacity(n_total);
    for n in 0..n_total {
        let mut d = seq[n];
        for i in 1..=l {
            if c[i] != 0 {
                d = f.add(d, f.mul(c[i], seq[n - i]));
            }
        }
        if d != 0 {
            let coef = f.neg(f.div(d, bd).expect("b != 0"));
            if 2 * l <= n {
                t[..=l].copy_from_slice(&c[..=l]);
                let old_l = l;
                for i in 0..b_len {
                    if b[i] != 0 {
                        c[i + m] = f.add(c[i + m], f.mul(coef, b[i]));
                    }
                }
                l = n + 1 - l;
                std::mem::swap(&mut b, &mut t);
                b_len = old_l + 1;
                bd = d;
                m = 1;
            } else {
                for i in 0..b_len {
                    if b[i] != 0 {
                        c[i + m] = f.add(c[i + m], f.mul(coef, b[i]));
                    }
                }
                m += 1;
            }
        } else {
            m += 1;
        }
        profile.push(l);
    }
    c.truncate(l + 1);
    Ok(Synthesis::from_parts(field, c, seq[..l].to_vec(), profile))
}
