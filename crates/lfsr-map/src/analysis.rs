//! [`analyze`]: everything lfsr-map knows about one LFSR, as an [`Analysis`] ready for a report.
//!
//! [`analyze`] factors the characteristic polynomial, computes the order of every irreducible
//! factor and from them the whole cycle structure ([`crate::algebra`]); it walks the states
//! ([`crate::enumerate`]) only when the [`Method`] asks for it or the listing of every cycle is
//! wanted. When it does walk them, the walk is checked against the algebra: they must agree
//! exactly, or the result is an [`AnalysisError::Invariant`] instead of a wrong report.
//!
//! | [`Options::method`] | `full = false` | `full = true` |
//! |---|---|---|
//! | [`Method::Auto`] | algebra only | enumeration (full listing), checked |
//! | [`Method::Algebraic`] | algebra only | error: a listing needs enumeration |
//! | [`Method::Enumerate`] | enumeration (period-only), checked | enumeration (full listing), checked |
//!
//! An enumeration whose memory need ([`enumerate::memory_needed`]) exceeds
//! [`Options::memory_limit`] is refused before it starts ([`AnalysisError::TooLarge`], with the
//! number of bytes it would need).
//!
//! The polynomials are [`gf_core::Poly`] values, so a result can be computed with (their
//! `Display` is the SageMath-style string of the reports). With the `serde` feature,
//! [`Analysis`] implements `Serialize` in the field order of the JSON report's per-analysis
//! object (`docs/json-schema.md`); integers are exact but, beyond `u128`, decimal strings
//! (`serde_big`). The CLI's JSON report has its own types, which print every integer
//! as a JSON number.
//!
//! # Example
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::analysis::{analyze, Options};
//! use lfsr_map::lfsr::Lfsr;
//! use lfsr_map::progress::Progress;
//! use worker_pool::Sequential;
//!
//! // x^4 + x^3 + x + 1 = (x + 1)^2 (x^2 + x + 1) over GF(2)
//! let lfsr = Lfsr::new(&Field::new(2)?, vec![1, 1, 0, 1])?;
//! let a = analyze(&lfsr, &Options::default(), &Sequential::new(), &Progress::new())?;
//! assert_eq!(a.characteristic_polynomial.to_string(), "x^4 + x^3 + x + 1");
//! let cycles: Vec<String> = a.cycles.iter().map(|c| format!("{}:{}", c.period, c.count)).collect();
//! assert_eq!(cycles, ["1:2", "2:1", "3:2", "6:1"]);
//! assert_eq!(a.polynomial_order, Some(6u32.into()));
//! assert!(!a.primitive);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use gf_core::order::{irreducible_order, OrderError};
use gf_core::{factor, Poly};
use num_bigint::BigUint;
use worker_pool::{PoolError, WorkerPool};

use crate::algebra::{cycle_structure, AlgebraError, CycleStructure, FactorData, PrimaryPart};
use crate::enumerate::{self, EnumError, Enumeration, Mode};
use crate::lfsr::Lfsr;
use crate::progress::Progress;
pub use crate::structure::{CycleCount, Sequence, TailCount, Transient};

/// How [`analyze`] obtains the cycle structure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// The algebra for the distribution; enumerate only when the full listing is asked for.
    #[default]
    Auto,
    /// Always walk every state (and check the walk against the algebra).
    Enumerate,
    /// Never walk a state: the structure comes from the factorization alone.
    Algebraic,
}

/// What [`analyze`] should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// How to obtain the cycle structure.
    pub method: Method,
    /// List every cycle with its states (and every transient state): needs an enumeration.
    pub full: bool,
    /// The most memory, in bytes, an enumeration may use; a larger one is refused up front.
    pub memory_limit: u64,
}

impl Default for Options {
    /// [`Method::Auto`], no listing, 4 GiB.
    fn default() -> Self {
        Options {
            method: Method::Auto,
            full: false,
            memory_limit: 4 << 30,
        }
    }
}

/// Why [`analyze`] gave no [`Analysis`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysisError {
    /// The enumeration would need more memory than [`Options::memory_limit`].
    #[error(
        "enumerating would need {bytes_needed} bytes of memory, more than the limit of {limit} \
         bytes (the algebraic method needs none, but cannot list the states)"
    )]
    TooLarge {
        /// The bytes the enumeration would need.
        bytes_needed: BigUint,
        /// [`Options::memory_limit`].
        limit: u64,
    },
    /// The system refused an allocation of the enumeration (less memory available than
    /// [`Options::memory_limit`] promised): a clear error instead of an abort.
    #[error(
        "out of memory: an allocation of {bytes} bytes was refused (set a memory limit the \
         machine can honour, or use the algebraic method, which needs none)"
    )]
    OutOfMemory {
        /// The size of the refused allocation.
        bytes: u64,
    },
    /// [`Method::Algebraic`] with [`Options::full`]: listing the states needs an enumeration.
    #[error("listing every state needs an enumeration; the algebraic method cannot list them")]
    ListingNeedsEnumeration,
    /// [`Progress::cancel`] was called.
    #[error("cancelled")]
    Cancelled,
    /// The worker pool failed (a job panicked, or the pool was shut down).
    #[error(transparent)]
    Pool(#[from] PoolError),
    /// The order of an irreducible factor could not be computed (`q^m - 1` not factored).
    #[error(transparent)]
    Order(#[from] OrderError),
    /// The structure is too large to hold (see [`AlgebraError::TailsTooLarge`]).
    #[error(transparent)]
    Algebra(AlgebraError),
    /// A result contradicts another (enumeration against algebra, or a broken count): a bug.
    #[error("internal invariant broken: {0}")]
    Invariant(String),
}

/// How the cycle structure of an [`Analysis`] was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum MethodUsed {
    /// Every state was visited.
    Enumerate,
    /// Computed from the factorization of the characteristic polynomial, no state visited.
    Algebraic,
}

/// One irreducible factor of the characteristic polynomial.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FactorInfo {
    /// The monic irreducible factor (displayed SageMath style: `x^2 + x + 1`).
    pub polynomial: Poly,
    /// Its multiplicity in the characteristic polynomial.
    pub multiplicity: u32,
    /// The order of the irreducible factor itself (not of its power); `None` for `x`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::opt_big"))]
    pub order: Option<BigUint>,
}

/// The full picture of one LFSR's state space.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Analysis {
    /// The coefficient vector `[c0, ..., c_{d-1}]`, integer-encoded field elements.
    pub coefficients: Vec<u64>,
    /// The degree d (length of the register).
    pub degree: usize,
    /// The field order q.
    pub field: u64,
    /// `x^d - sum c_i x^i` (displayed SageMath style).
    pub characteristic_polynomial: Poly,
    /// Monic irreducible factors with multiplicities, sorted by degree then coefficients.
    pub factors: Vec<FactorInfo>,
    /// The order of the characteristic polynomial, which is also the multiplicative order of
    /// the state-update matrix (the companion matrix has the characteristic polynomial as its
    /// minimal polynomial); `None` (JSON null) when x divides it, i.e. the matrix is singular.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::opt_big"))]
    pub polynomial_order: Option<BigUint>,
    /// The characteristic polynomial is primitive.
    pub primitive: bool,
    /// The characteristic polynomial is irreducible.
    pub irreducible: bool,
    /// `c0 == 0`: the update is not a bijection and some states are transient.
    pub singular: bool,
    /// q^d, the number of states (never the period sum).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::big"))]
    pub state_count: BigUint,
    /// `{period, count}` sorted by period.
    pub cycles: Vec<CycleCount>,
    /// The total number of cycles.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::big"))]
    pub cycle_count: BigUint,
    /// The longest cycle length.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::big"))]
    pub max_period: BigUint,
    /// The sum of the lengths of all cycles (= the number of cyclic states).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::big"))]
    pub periods_sum: BigUint,
    /// States on no cycle; `periods_sum + transient_states == state_count`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::big"))]
    pub transient_states: BigUint,
    /// The longest tail (= the multiplicity of x in the characteristic polynomial).
    pub max_tail: u64,
    /// Transient states by tail length, sorted by tail (empty when invertible).
    pub tails: Vec<TailCount>,
    /// How the cycle structure was obtained.
    pub method: MethodUsed,
    /// Full mode only: every cycle with its states, numbered.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub sequences: Option<Vec<Sequence>>,
    /// Full mode, singular LFSRs only: every transient state.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub transients: Option<Vec<Transient>>,
}

/// Analyzes one LFSR: factorization, orders, cycle structure, and with [`Options::full`] the
/// listing of every cycle (see the [module docs](self) for when it enumerates).
///
/// Several calls may run at the same time from different threads on the same `pool`.
/// `progress` reports the enumeration and cancels it (the algebra, milliseconds even at degree
/// 127, does not touch it); a `progress` cancelled beforehand stops the call before any work.
///
/// # Errors
///
/// [`AnalysisError`]: a refused enumeration or listing, cancellation, a pool failure, an order
/// that could not be computed, a structure too large to hold, or a broken invariant.
pub fn analyze(
    lfsr: &Lfsr,
    opts: &Options,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<Analysis, AnalysisError> {
    if progress.is_cancelled() {
        return Err(AnalysisError::Cancelled);
    }
    let mode = enumeration_mode(opts)?;
    if let Some(mode) = mode {
        let bytes_needed = enumerate::memory_needed(lfsr, mode);
        if bytes_needed > BigUint::from(opts.memory_limit) {
            let limit = opts.memory_limit;
            return Err(AnalysisError::TooLarge {
                bytes_needed,
                limit,
            });
        }
    }
    let f = lfsr.characteristic_polynomial();
    let (factors, data) = factor_data(&f)?;
    let structure = cycle_structure(&data).map_err(|e| match e {
        AlgebraError::TailsTooLarge { .. } => AnalysisError::Algebra(e),
        e => invariant("factor data", e),
    })?;
    let walked = match mode {
        Some(mode) => {
            let walked = enumerate::enumerate(lfsr, mode, pool, progress).map_err(from_enum)?;
            cross_check(&structure, &walked)?;
            Some(walked)
        }
        None => None,
    };
    Ok(assemble(lfsr, &f, factors, structure, walked))
}

fn enumeration_mode(opts: &Options) -> Result<Option<Mode>, AnalysisError> {
    match (opts.method, opts.full) {
        (Method::Algebraic, true) => Err(AnalysisError::ListingNeedsEnumeration),
        (Method::Algebraic | Method::Auto, false) => Ok(None),
        (Method::Enumerate, false) => Ok(Some(Mode::PeriodOnly)),
        (Method::Enumerate | Method::Auto, true) => Ok(Some(Mode::Full)),
    }
}

fn invariant(what: &str, e: impl std::fmt::Display) -> AnalysisError {
    AnalysisError::Invariant(format!("{what}: {e}"))
}

fn from_enum(e: EnumError) -> AnalysisError {
    match e {
        EnumError::TooLarge {
            bytes_needed,
            limit,
            ..
        } => AnalysisError::TooLarge {
            bytes_needed,
            limit,
        },
        EnumError::OutOfMemory { bytes } => AnalysisError::OutOfMemory { bytes },
        EnumError::Cancelled => AnalysisError::Cancelled,
        EnumError::Pool(e) => AnalysisError::Pool(e),
        EnumError::Invariant(s) => AnalysisError::Invariant(s),
    }
}

/// The factors for the report and the factor data for the algebra, with the order of every
/// irreducible factor other than `x`.
fn factor_data(f: &Poly) -> Result<(Vec<FactorInfo>, FactorData), AnalysisError> {
    let field = f.field();
    let mut data = FactorData {
        p: field.p(),
        q: field.q(),
        x_multiplicity: 0,
        parts: Vec::new(),
    };
    let mut infos = Vec::new();
    for (g, multiplicity) in factor(f).map_err(|e| invariant("factoring", e))?.factors {
        let is_x = g.degree() == Some(1) && g.coeff(0) == 0;
        let order = if is_x {
            data.x_multiplicity = multiplicity;
            None
        } else {
            let order = cached_irreducible_order(&g)?;
            let degree = g.degree().and_then(|m| u32::try_from(m).ok());
            let degree = degree.ok_or_else(|| invariant("factor degree", &g))?;
            data.parts.push(PrimaryPart {
                degree,
                multiplicity,
                order: order.clone(),
            });
            Some(order)
        };
        infos.push(FactorInfo {
            polynomial: g,
            multiplicity,
            order,
        });
    }
    Ok((infos, data))
}

/// Irreducible factors up to this degree have their orders remembered (per thread).
const CACHED_ORDER_MAX_DEGREE: usize = 16;
/// The most orders one thread remembers (then it stops adding: a few MB at most).
const CACHED_ORDERS: usize = 1 << 16;

thread_local! {
    /// `(q, coefficients) -> ord(g)` for small irreducible factors: many analyses in a row (a
    /// census, a CSV) meet the same small factors again and again, and the order (which
    /// needs `q^m - 1` factored and one power per prime) was ~40% of such an analysis.
    static ORDERS: RefCell<HashMap<(u64, Vec<u64>), BigUint>> = RefCell::new(HashMap::new());
}

/// [`irreducible_order`], remembered for factors of degree up to [`CACHED_ORDER_MAX_DEGREE`].
fn cached_irreducible_order(g: &Poly) -> Result<BigUint, OrderError> {
    if g.degree().is_none_or(|m| m > CACHED_ORDER_MAX_DEGREE) {
        return irreducible_order(g);
    }
    let key = (g.field().q(), g.coeffs().to_vec());
    if let Some(order) = ORDERS.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(order);
    }
    let order = irreducible_order(g)?;
    ORDERS.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() < CACHED_ORDERS {
            cache.insert(key, order.clone());
        }
    });
    Ok(order)
}

/// The enumeration must reproduce the algebra exactly.
fn cross_check(s: &CycleStructure, e: &Enumeration) -> Result<(), AnalysisError> {
    let big = |m: &BTreeMap<u64, u64>| -> BTreeMap<BigUint, BigUint> {
        m.iter().map(|(&k, &v)| (k.into(), v.into())).collect()
    };
    let tails: BTreeMap<u64, BigUint> = e.tails.iter().map(|(&k, &v)| (k, v.into())).collect();
    let agree = big(&e.cycles) == s.cycles
        && tails == s.tails
        && BigUint::from(e.transient_states) == s.transient_states
        && e.max_tail == s.max_tail;
    if agree {
        return Ok(());
    }
    Err(AnalysisError::Invariant(format!(
        "enumeration and algebra disagree: cycles {:?} vs {:?}, tails {:?} vs {:?}",
        e.cycles, s.cycles, e.tails, s.tails
    )))
}

fn assemble(
    lfsr: &Lfsr,
    f: &Poly,
    factors: Vec<FactorInfo>,
    s: CycleStructure,
    walked: Option<Enumeration>,
) -> Analysis {
    let degree = lfsr.degree();
    let irreducible = factors.len() == 1 && factors[0].multiplicity == 1;
    // Primitive: irreducible of order q^d - 1 (x, whose order is None, never is).
    let full_period = &s.state_count - 1u32;
    let primitive = irreducible && factors[0].order.as_ref() == Some(&full_period);
    // The companion matrix has the characteristic polynomial as its minimal polynomial, so
    // its order is the polynomial's: the lcm of the ord(g^e), i.e. the longest cycle.
    let order = (s.max_tail == 0).then(|| s.max_period.clone());
    let (method, sequences, transients) = match walked {
        Some(e) => (MethodUsed::Enumerate, e.sequences, e.transients),
        None => (MethodUsed::Algebraic, None, None),
    };
    Analysis {
        coefficients: lfsr.coefficients().to_vec(),
        degree,
        field: lfsr.field().q(),
        characteristic_polynomial: f.clone(),
        factors,
        polynomial_order: order,
        primitive,
        irreducible,
        singular: lfsr.is_singular(),
        cycles: s
            .cycles
            .into_iter()
            .map(|(period, count)| CycleCount { period, count })
            .collect(),
        cycle_count: s.cycle_count,
        max_period: s.max_period,
        periods_sum: s.periods_sum,
        transient_states: s.transient_states,
        max_tail: s.max_tail,
        tails: s
            .tails
            .into_iter()
            .map(|(tail, count)| TailCount { tail, count })
            .collect(),
        state_count: s.state_count,
        method,
        sequences,
        transients,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `[1,1,0,1]` over GF(2): {1:2, 2:1, 3:2, 6:1}, no transients.
    fn structure() -> CycleStructure {
        let one = BigUint::from(1u32);
        let data = FactorData {
            p: 2,
            q: 2,
            x_multiplicity: 0,
            parts: vec![
                PrimaryPart {
                    degree: 1,
                    multiplicity: 2,
                    order: one,
                },
                PrimaryPart {
                    degree: 2,
                    multiplicity: 1,
                    order: BigUint::from(3u32),
                },
            ],
        };
        cycle_structure(&data).unwrap()
    }

    fn walked(cycles: &[(u64, u64)]) -> Enumeration {
        Enumeration {
            cycles: cycles.iter().copied().collect(),
            tails: BTreeMap::new(),
            transient_states: 0,
            max_tail: 0,
            sequences: None,
            transients: None,
        }
    }

    #[test]
    fn cross_check_accepts_agreement_and_rejects_any_difference() {
        let s = structure();
        assert!(cross_check(&s, &walked(&[(1, 2), (2, 1), (3, 2), (6, 1)])).is_ok());
        // a cycle counted twice, as the original's parallel modes did
        let err = cross_check(&s, &walked(&[(1, 2), (2, 1), (3, 2), (6, 2)])).unwrap_err();
        assert!(matches!(err, AnalysisError::Invariant(_)), "{err}");
        let mut e = walked(&[(1, 2), (2, 1), (3, 2), (6, 1)]);
        e.max_tail = 1;
        assert!(cross_check(&s, &e).is_err());
    }

    #[test]
    fn method_table() {
        let opts = |method, full| Options {
            method,
            full,
            ..Options::default()
        };
        let mode = |method, full| enumeration_mode(&opts(method, full));
        assert_eq!(mode(Method::Auto, false), Ok(None));
        assert_eq!(mode(Method::Auto, true), Ok(Some(Mode::Full)));
        assert_eq!(mode(Method::Enumerate, false), Ok(Some(Mode::PeriodOnly)));
        assert_eq!(mode(Method::Enumerate, true), Ok(Some(Mode::Full)));
        assert_eq!(mode(Method::Algebraic, false), Ok(None));
        let err = Err(AnalysisError::ListingNeedsEnumeration);
        assert_eq!(mode(Method::Algebraic, true), err);
    }
}
