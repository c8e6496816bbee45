//! lfsr-map: the state space of an LFSR over GF(q) (in progress).

pub mod algebra;
pub mod analysis;
pub mod enumerate;
pub mod kernel;
pub mod lfsr;
pub mod progress;
