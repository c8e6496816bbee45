//! Output sequences of an LFSR, in the Fibonacci (external) and the Galois (internal) form.
//!
//! Both forms are defined by the coefficients `[c0, ..., c_{d-1}]` of the project (one CSV row)
//! and have the same characteristic polynomial `f(x) = x^d - sum_i c_i x^i`; every output
//! sequence `a_0, a_1, ...` of either form obeys the recurrence
//!
//! ```text
//! a_{n+d} = c_0 a_n + c_1 a_{n+1} + ... + c_{d-1} a_{n+d-1}      (n >= 0)
//! ```
//!
//! * **Fibonacci** ([`Form::Fibonacci`]): the [`Lfsr`] itself. The state `(s0, ..., s_{d-1})`
//!   steps to `(s1, ..., s_{d-1}, sum_i c_i s_i)` and the output of each step is `s0`, the
//!   coordinate that is shifted out. So the first `d` outputs are the state itself,
//!   `a_k = s_k`, and the output is the sequence of `s0` along the state's cycle in the
//!   enumeration ([`crate::enumerate`]). This is SageMath's `lfsr_sequence(key, fill, n)` with
//!   `key = [c0, ..., c_{d-1}]`, `fill = [s0, ..., s_{d-1}]`, and the `galois` package's
//!   `FLFSR(f.reverse(), state=[s_{d-1}, ..., s0])` (galois lists the Fibonacci state the
//!   other way round: its last entry is output first).
//! * **Galois** ([`Form::Galois`]): the state `(g0, ..., g_{d-1})` is the polynomial
//!   `G(x) = sum_i g_i x^i` modulo `f`, and one step multiplies it by `x`: with `t = g_{d-1}`,
//!   `(g0, ..., g_{d-1}) -> (c0 t, g0 + c1 t, ..., g_{d-2} + c_{d-1} t)` (as a matrix, the
//!   transpose of the Fibonacci one). The output of each step is `t = g_{d-1}`, the
//!   coefficient of `x^{d-1}`: `a_n = [x^{d-1}] (x^n G mod f)`. This is the `galois`
//!   package's `GLFSR(f.reverse(), state=[g0, ..., g_{d-1}])`, in the same order.
//!
//! The two forms generate the same set of sequences: the Galois state `G` outputs what the
//! Fibonacci state made of its first `d` outputs does ([`fibonacci_state_of_galois`]), and the
//! map is a bijection (unit triangular; [`galois_state_of_fibonacci`] inverts it), singular
//! LFSRs (`c0 = 0`) included. The Galois state `(1, 0, ..., 0)` (the polynomial 1) and the
//! Fibonacci state `(0, ..., 0, 1)` both output the impulse response `0, ..., 0, 1, ...`,
//! which is the default of [`default_state`].
//!
//! [`Generator`] produces the elements one by one over any field (an iterator, or
//! [`Generator::fill`] for a buffer); [`BitGenerator`] produces the output of a GF(2) LFSR
//! 64 bits at a time, word-parallel (see its docs for how), at well over a gigabit per
//! second. Neither holds more than a small window of the output.
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::lfsr::Lfsr;
//! use lfsr_map::sequence::{BitGenerator, Form, Generator};
//!
//! // x^4 + x^3 + 1 over GF(2) (primitive): c = [1, 0, 0, 1], a_{n+4} = a_n + a_{n+3}
//! let lfsr = Lfsr::new(&Field::new(2)?, vec![1, 0, 0, 1])?;
//! let fib: Vec<u64> = Generator::new(&lfsr, Form::Fibonacci, &[0, 0, 0, 1])?.take(15).collect();
//! assert_eq!(fib, [0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1]);
//! // the same sequence from the Galois form's state 1 = (1, 0, 0, 0)
//! let gal: Vec<u64> = Generator::new(&lfsr, Form::Galois, &[1, 0, 0, 0])?.take(15).collect();
//! assert_eq!(gal, fib);
//! // and 64 at a time: bit k of the word is a_k
//! let mut bits = BitGenerator::new(&lfsr, Form::Fibonacci, &[0, 0, 0, 1])?;
//! let word = bits.next_word();
//! assert!((0..15).all(|k| (word >> k) & 1 == fib[k]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod bits;

pub use bits::BitGenerator;

use gf_core::Field;

use crate::lfsr::Lfsr;

/// Which of the two LFSR forms produces the sequence (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The external form, the project's [`Lfsr`]: output `s0`, feedback into `s_{d-1}`.
    Fibonacci,
    /// The internal form: multiplication by `x` modulo the characteristic polynomial,
    /// output `g_{d-1}`.
    Galois,
}

/// Why a sequence generator could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SequenceError {
    /// No coefficients (degree 0).
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
    /// The initial state does not have `d` coordinates.
    #[error("the state has {got} elements, the LFSR has degree {expected}")]
    StateLength {
        /// The degree d.
        expected: usize,
        /// The length given.
        got: usize,
    },
    /// A state coordinate is not an element of GF(q).
    #[error("state element {index} = {value} is not an element of GF({q})")]
    StateOutOfRange {
        /// Position of the coordinate (0-based).
        index: usize,
        /// The offending value.
        value: u64,
        /// The field order.
        q: u64,
    },
    /// [`BitGenerator`] was asked for a field other than GF(2).
    #[error("the bit-parallel generator is for GF(2) only, not GF({q})")]
    NotBinary {
        /// The field order.
        q: u64,
    },
}

/// The state whose output begins with `d - 1` zeros and a one (the impulse response):
/// `(0, ..., 0, 1)` in the Fibonacci form, `(1, 0, ..., 0)` (the polynomial 1) in the
/// Galois form. Both forms then give the same sequence.
pub fn default_state(degree: usize, form: Form) -> Vec<u64> {
    let mut s = vec![0; degree];
    if degree > 0 {
        match form {
            Form::Fibonacci => s[degree - 1] = 1,
            Form::Galois => s[0] = 1,
        }
    }
    s
}

/// Checks coefficients and state: the length, and every value an element of `field`.
pub(crate) fn validate(field: &Field, coeffs: &[u64], state: &[u64]) -> Result<(), SequenceError> {
    let q = field.q();
    if coeffs.is_empty() {
        return Err(SequenceError::Empty);
    }
    if let Some((index, &value)) = coeffs.iter().enumerate().find(|(_, &c)| c >= q) {
        return Err(SequenceError::CoefficientOutOfRange { index, value, q });
    }
    if state.len() != coeffs.len() {
        return Err(SequenceError::StateLength {
            expected: coeffs.len(),
            got: state.len(),
        });
    }
    if let Some((index, &value)) = state.iter().enumerate().find(|(_, &s)| s >= q) {
        return Err(SequenceError::StateOutOfRange { index, value, q });
    }
    Ok(())
}

/// The output sequence of an LFSR over any GF(q), one element at a time.
///
/// An [`Iterator`] that never ends (`take` what you need), or [`Generator::fill`] for a
/// buffer. The Fibonacci form costs one multiply-add per nonzero coefficient and element,
/// the Galois form one per coefficient. For GF(2), [`BitGenerator`] is much faster.
///
/// ```
/// use gf_core::Field;
/// use lfsr_map::lfsr::Lfsr;
/// use lfsr_map::sequence::{Form, Generator};
///
/// // [1, 2] over GF(3): a_{n+2} = a_n + 2 a_{n+1}, x^2 + x + 2 (primitive)
/// let lfsr = Lfsr::new(&Field::new(3)?, vec![1, 2])?;
/// let mut g = Generator::new(&lfsr, Form::Fibonacci, &[1, 0])?;
/// let mut buf = [0; 9];
/// g.fill(&mut buf);
/// assert_eq!(buf, [1, 0, 1, 2, 2, 0, 2, 1, 1]); // period 8: a_8 = a_0
/// assert_eq!(g.state(), vec![0, 1]);            // the state after 9 steps
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    field: Field,
    coeffs: Vec<u64>,
    /// The nonzero coefficients as (index, value), for the Fibonacci feedback.
    taps: Vec<(usize, u64)>,
    form: Form,
    /// Fibonacci: the sequence window, `buf[start..start + d]` is the state. Galois: the
    /// state, `buf[..d]`.
    buf: Vec<u64>,
    start: usize,
}

/// Elements the Fibonacci window buffer holds beyond `d` before it is moved back.
const SLACK: usize = 1024;

impl Generator {
    /// The generator of `lfsr` in `form`, from `state` (`d` elements of the field).
    pub fn new(lfsr: &Lfsr, form: Form, state: &[u64]) -> Result<Generator, SequenceError> {
        Generator::from_parts(lfsr.field(), lfsr.coefficients(), form, state)
    }

    /// As [`Generator::new`] from the field and the coefficients `[c0, ..., c_{d-1}]`, with no
    /// limit on the degree (an [`Lfsr`] has [`crate::lfsr::max_degree`]).
    pub fn from_parts(
        field: &Field,
        coeffs: &[u64],
        form: Form,
        state: &[u64],
    ) -> Result<Generator, SequenceError> {
        validate(field, coeffs, state)?;
        let d = coeffs.len();
        let mut buf = state.to_vec();
        if form == Form::Fibonacci {
            buf.resize(d + SLACK, 0);
        }
        Ok(Generator {
            field: field.clone(),
            coeffs: coeffs.to_vec(),
            taps: coeffs
                .iter()
                .enumerate()
                .filter(|(_, &c)| c != 0)
                .map(|(i, &c)| (i, c))
                .collect(),
            form,
            buf,
            start: 0,
        })
    }

    /// The form.
    pub fn form(&self) -> Form {
        self.form
    }

    /// The current state (its next output is its first coordinate in the Fibonacci form, its
    /// last in the Galois form).
    pub fn state(&self) -> Vec<u64> {
        let d = self.coeffs.len();
        self.buf[self.start..self.start + d].to_vec()
    }

    /// Writes the next `out.len()` elements into `out`.
    pub fn fill(&mut self, out: &mut [u64]) {
        for x in out {
            *x = self.step();
        }
    }

    /// Outputs one element and steps.
    #[inline]
    fn step(&mut self) -> u64 {
        let f = &self.field;
        let d = self.coeffs.len();
        match self.form {
            Form::Fibonacci => {
                let w = &self.buf[self.start..self.start + d];
                let out = w[0];
                let fb = self
                    .taps
                    .iter()
                    .fold(0, |acc, &(i, c)| f.add(acc, f.mul(c, w[i])));
                self.buf[self.start + d] = fb;
                self.start += 1;
                if self.start + d == self.buf.len() {
                    self.buf.copy_within(self.start.., 0);
                    self.start = 0;
                }
                out
            }
            Form::Galois => {
                let g = &mut self.buf;
                let t = g[d - 1];
                for i in (1..d).rev() {
                    g[i] = f.add(g[i - 1], f.mul(self.coeffs[i], t));
                }
                g[0] = f.mul(self.coeffs[0], t);
                t
            }
        }
    }
}

impl Iterator for Generator {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        Some(self.step())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (usize::MAX, None)
    }
}

/// The output of an LFSR on the fastest path for its field: the word-parallel
/// [`BitGenerator`] over GF(2), the element-wise [`Generator`] elsewhere (the same elements).
///
/// ```
/// use gf_core::Field;
/// use lfsr_map::sequence::{Form, Generator, Output};
///
/// let gf2 = Field::new(2)?;
/// let mut fast = Output::from_parts(&gf2, &[1, 0, 0, 1], Form::Galois, &[1, 0, 0, 0])?;
/// let mut out = vec![0; 100];
/// fast.fill(&mut out[..30]);
/// fast.fill(&mut out[30..]); // continues where the first call stopped
/// let slow: Vec<u64> = Generator::from_parts(&gf2, &[1, 0, 0, 1], Form::Galois, &[1, 0, 0, 0])?
///     .take(100)
///     .collect();
/// assert_eq!(out, slow);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub enum Output {
    /// GF(2): 64 elements per step.
    Bits(Box<BitGenerator>),
    /// Any other field.
    Elements(Generator),
}

impl Output {
    /// The output of the LFSR `[c0, ..., c_{d-1}]` over `field` in `form` from `state`.
    ///
    /// # Errors
    /// As [`Generator::from_parts`].
    pub fn from_parts(
        field: &Field,
        coeffs: &[u64],
        form: Form,
        state: &[u64],
    ) -> Result<Output, SequenceError> {
        Ok(if field.q() == 2 {
            Output::Bits(Box::new(BitGenerator::from_parts(
                field, coeffs, form, state,
            )?))
        } else {
            Output::Elements(Generator::from_parts(field, coeffs, form, state)?)
        })
    }

    /// Writes the next `out.len()` elements into `out`.
    pub fn fill(&mut self, out: &mut [u64]) {
        match self {
            Output::Bits(b) => b.fill(out),
            Output::Elements(g) => g.fill(out),
        }
    }
}

/// The Fibonacci state with the same output as the Galois state `galois`: its first `d`
/// outputs, `a_k = [x^{d-1}] (x^k G mod f)`.
///
/// # Errors
/// As [`Generator::from_parts`], for a wrong length or values outside the field.
pub fn fibonacci_state_of_galois(
    field: &Field,
    coeffs: &[u64],
    galois: &[u64],
) -> Result<Vec<u64>, SequenceError> {
    let g = Generator::from_parts(field, coeffs, Form::Galois, galois)?;
    Ok(g.take(coeffs.len()).collect())
}

/// The Galois state with the same output as the Fibonacci state `fibonacci` (the inverse of
/// [`fibonacci_state_of_galois`]): `g_{d-1-k} = a_k - sum_{j=1..k} c_{d-j} a_{k-j}`.
///
/// # Errors
/// As [`Generator::from_parts`], for a wrong length or values outside the field.
pub fn galois_state_of_fibonacci(
    field: &Field,
    coeffs: &[u64],
    fibonacci: &[u64],
) -> Result<Vec<u64>, SequenceError> {
    validate(field, coeffs, fibonacci)?;
    let d = coeffs.len();
    let a = fibonacci;
    let mut g = vec![0; d];
    for k in 0..d {
        let mut v = a[k];
        for j in 1..=k {
            v = field.sub(v, field.mul(coeffs[d - j], a[k - j]));
        }
        g[d - 1 - k] = v;
    }
    Ok(g)
}
