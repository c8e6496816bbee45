//! The pieces of a cycle structure, as the mappers produce them: [`CycleCount`], [`TailCount`]
//! and, when every state is listed, [`Sequence`] and [`Transient`].
//!
//! These types sit below [`crate::analysis`] so that the mappers ([`crate::enumerate`]) and
//! the algebra can build them without depending on the report-level [`Analysis`]; they are
//! re-exported from [`crate::analysis`] under their old paths.
//!
//! With the `serde` feature they implement `Serialize`; counts are exact integers (see
//! `serde_big`).
//!
//! [`Analysis`]: crate::analysis::Analysis

use num_bigint::BigUint;

/// `count` cycles of length `period`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CycleCount {
    /// The cycle length.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::big"))]
    pub period: BigUint,
    /// How many cycles have that length.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::big"))]
    pub count: BigUint,
}

/// `count` transient states at distance `tail` from their cycle (singular LFSRs only).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TailCount {
    /// Steps until the state reaches a cycle (>= 1).
    pub tail: u64,
    /// How many states have that tail length.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_big::big"))]
    pub count: BigUint,
}

/// One cycle in full mode, listed from its lowest-index state in clock order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Sequence {
    /// 1-based number, in the order of the lowest-index state (sequence 1 is the zero state).
    pub number: u64,
    /// The cycle length (= `states.len()`).
    pub period: u64,
    /// The states as indices `k = sum_j s_j q^j` (coordinate 0 varies fastest).
    pub states: Vec<u64>,
}

/// One transient state in full mode (singular LFSRs only).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Transient {
    /// The state index.
    pub state: u64,
    /// The number of the [`Sequence`] it falls into.
    pub sequence: u64,
    /// Steps until it reaches that cycle (>= 1).
    pub tail: u64,
}
