//! [`Analysis`]: everything lfsr-map knows about one LFSR, ready for a report.
//!
//! The serde form of [`Analysis`] *is* the per-analysis object of the JSON report (see
//! `docs/json-schema.md`): integers are exact JSON numbers at any size, polynomials are
//! SageMath-style strings.

use num_bigint::BigUint;
use serde::{Serialize, Serializer};

/// How the cycle structure of an [`Analysis`] was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MethodUsed {
    /// Every state was visited.
    Enumerate,
    /// Computed from the factorization of the characteristic polynomial, no state visited.
    Algebraic,
}

/// One irreducible factor of the characteristic polynomial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactorInfo {
    /// The monic irreducible factor, SageMath style (`x^2 + x + 1`).
    pub polynomial: String,
    /// Its multiplicity in the characteristic polynomial.
    pub multiplicity: u32,
    /// The order of the irreducible factor itself (not of its power); `None` for `x`.
    #[serde(serialize_with = "ser_opt_big")]
    pub order: Option<BigUint>,
}

/// `count` cycles of length `period`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CycleCount {
    /// The cycle length.
    #[serde(serialize_with = "ser_big")]
    pub period: BigUint,
    /// How many cycles have that length.
    #[serde(serialize_with = "ser_big")]
    pub count: BigUint,
}

/// `count` transient states at distance `tail` from their cycle (singular LFSRs only).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TailCount {
    /// Steps until the state reaches a cycle (>= 1).
    pub tail: u64,
    /// How many states have that tail length.
    #[serde(serialize_with = "ser_big")]
    pub count: BigUint,
}

/// One cycle in full mode, listed from its lowest-index state in clock order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sequence {
    /// 1-based number, in the order of the lowest-index state (sequence 1 is the zero state).
    pub number: u64,
    /// The cycle length (= `states.len()`).
    pub period: u64,
    /// The states as indices `k = sum_j s_j q^j` (coordinate 0 varies fastest).
    pub states: Vec<u64>,
}

/// One transient state in full mode (singular LFSRs only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transient {
    /// The state index.
    pub state: u64,
    /// The number of the [`Sequence`] it falls into.
    pub sequence: u64,
    /// Steps until it reaches that cycle (>= 1).
    pub tail: u64,
}

/// The full picture of one LFSR's state space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// The coefficient vector `[c0, ..., c_{d-1}]`, integer-encoded field elements.
    pub coefficients: Vec<u64>,
    /// The degree d (length of the register).
    pub degree: usize,
    /// The field order q.
    pub field: u64,
    /// `x^d - sum c_i x^i`, SageMath style.
    pub characteristic_polynomial: String,
    /// Monic irreducible factors with multiplicities, sorted by degree then coefficients.
    pub factors: Vec<FactorInfo>,
    /// The order of the characteristic polynomial; `None` (JSON null) when x divides it.
    #[serde(serialize_with = "ser_opt_big")]
    pub polynomial_order: Option<BigUint>,
    /// The multiplicative order of the state-update matrix; `None` when it is singular.
    #[serde(serialize_with = "ser_opt_big")]
    pub matrix_order: Option<BigUint>,
    /// The characteristic polynomial is primitive.
    pub primitive: bool,
    /// The characteristic polynomial is irreducible.
    pub irreducible: bool,
    /// `c0 == 0`: the update is not a bijection and some states are transient.
    pub singular: bool,
    /// q^d, the number of states (never the period sum).
    #[serde(serialize_with = "ser_big")]
    pub state_count: BigUint,
    /// `{period, count}` sorted by period.
    pub cycles: Vec<CycleCount>,
    /// The total number of cycles.
    #[serde(serialize_with = "ser_big")]
    pub cycle_count: BigUint,
    /// The longest cycle length.
    #[serde(serialize_with = "ser_big")]
    pub max_period: BigUint,
    /// The sum of the lengths of all cycles (= the number of cyclic states).
    #[serde(serialize_with = "ser_big")]
    pub periods_sum: BigUint,
    /// States on no cycle; `periods_sum + transient_states == state_count`.
    #[serde(serialize_with = "ser_big")]
    pub transient_states: BigUint,
    /// The longest tail (= the multiplicity of x in the characteristic polynomial).
    pub max_tail: u64,
    /// Transient states by tail length, sorted by tail (empty when invertible).
    pub tails: Vec<TailCount>,
    /// How the cycle structure was obtained.
    pub method: MethodUsed,
    /// Full mode only: every cycle with its states, numbered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequences: Option<Vec<Sequence>>,
    /// Full mode, singular LFSRs only: every transient state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transients: Option<Vec<Transient>>,
}

/// Serializes a [`BigUint`] as an exact integer: a plain number up to `u128`, and beyond that
/// a `serde_json::Number` holding the decimal digits (exact with `arbitrary_precision`).
pub fn ser_big<S: Serializer>(v: &BigUint, s: S) -> Result<S::Ok, S::Error> {
    match u128::try_from(v) {
        Ok(small) => match u64::try_from(small) {
            Ok(x) => s.serialize_u64(x),
            Err(_) => s.serialize_u128(small),
        },
        Err(_) => {
            let n: serde_json::Number = v
                .to_string()
                .parse()
                .map_err(|e| serde::ser::Error::custom(format!("big integer: {e}")))?;
            n.serialize(s)
        }
    }
}

/// [`ser_big`] for an optional value (`None` is null).
pub fn ser_opt_big<S: Serializer>(v: &Option<BigUint>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser_big(v, s),
        None => s.serialize_none(),
    }
}
