//! lfsr-map: the whole state space of a linear feedback shift register over GF(q), exactly.
//!
//! An LFSR of degree `d` over GF(q) (`q` a prime or a prime power) moves its `q^d` states
//! along cycles, and, when it is singular (`c0 = 0`), along tails that fall into them. This
//! crate tells you all of it: every cycle length and how many cycles have it, every transient
//! state with its tail, the factorization of the characteristic polynomial with the order of
//! each factor, whether it is primitive, and, when you want it, the listing of every cycle's
//! states.
//!
//! It gets there two ways, and checks one against the other:
//!
//! * **Algebra** ([`algebra`]): the cycle structure follows from the factorization of the
//!   characteristic polynomial and the orders of its factors (Elspas, Golomb), without
//!   visiting a state. Degree 127 over GF(2), with 2^127 states, takes about a millisecond
//!   or less. Counts are big integers, so there is no size limit beyond the factoring.
//! * **Enumeration** ([`enumerate`]): every state is visited with a stepping [`kernel`] chosen
//!   for the field (bit-parallel for characteristic 2, table-driven otherwise), on any
//!   [`worker_pool::WorkerPool`]; even a single long cycle is split across the workers.
//!
//! [`analysis::analyze`] is the entry point: it always computes the algebra, and enumerates
//! only when the listing of states is asked for (or when told to). When it enumerates, the
//! two results must agree exactly, or it returns an error instead of a wrong report.
//! [`batch::analyze_batch`] analyzes many LFSRs side by side on the pool's workers and
//! delivers the analyses in input order.
//!
//! # Guarantees
//!
//! * **Exact.** Every count is an integer of arbitrary size ([`num_bigint::BigUint`]); with
//!   the `serde` feature, an [`Analysis`] serializes them exactly, as numbers up to `u128`
//!   and as decimal strings beyond (`serde_big`), with any serializer.
//! * **Every state once.** Cycle states plus transient states equal `q^d`, checked, not
//!   hoped; no cycle is counted twice, whatever the pool or the worker count.
//! * **Deterministic.** The listing and its numbering (sequences by their lowest state index)
//!   are the same for every pool strategy and worker count as for a sequential run.
//! * **Honest about singular LFSRs.** Transient states are reported as transients with their
//!   tail lengths (the longest equals the multiplicity of `x`), never as periods.
//! * **Bounded.** An enumeration whose memory need exceeds the limit is refused before it
//!   starts, with the number of bytes it would need; long runs report progress through
//!   [`progress::Progress`] and stop when it is cancelled.
//!
//! # Features
//!
//! * `pool-simple`, `pool-idle-timeout`, `pool-scoped` (default): the pool crates.
//! * `serde`: `Serialize` for [`Analysis`] and the [`structure`] types, with no format
//!   feature required (see `serde_big`).
//!
//! The command line tool is a separate crate, `lfsr-map-cli` (binary `lfsr-map`), so the
//! library depends on no CLI crate.
//!
//! The conventions (row-vector states, `S * C`, coefficients in the last column, state
//! numbering `k = sum s_j q^j`, SageMath's encoding of GF(p^n) elements) are those of the
//! original lfsr-seq tool, so results compare line by line; see [`lfsr`].
//!
//! # Example
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::lfsr::Lfsr;
//! use lfsr_map::progress::Progress;
//! use lfsr_map::{analyze, Method, Options};
//! use worker_pool::FreshPool;
//!
//! let pool = FreshPool::new(2);
//! // x^4 + x^3 + x + 1 = (x + 1)^2 (x^2 + x + 1) over GF(2)
//! let lfsr = Lfsr::new(&Field::new(2)?, vec![1, 1, 0, 1])?;
//! let a = analyze(&lfsr, &Options::default(), &pool, &Progress::new())?;
//! let factors: Vec<_> = a.factors.iter().map(|f| (f.polynomial.to_string(), f.multiplicity)).collect();
//! assert_eq!(factors, [("x + 1".to_string(), 2), ("x^2 + x + 1".to_string(), 1)]);
//! // The factors are polynomials to compute with: their product is the characteristic one.
//! assert_eq!(a.characteristic_polynomial, lfsr.characteristic_polynomial());
//! let cycles: Vec<String> = a.cycles.iter().map(|c| format!("{}x{}", c.count, c.period)).collect();
//! assert_eq!(cycles, ["2x1", "1x2", "2x3", "1x6"]); // 2 + 2 + 6 + 6 = 16 states
//!
//! // The listing: enumerated, and checked against the algebra.
//! let opts = Options { full: true, ..Options::default() };
//! let a = analyze(&lfsr, &opts, &pool, &Progress::new())?;
//! let sequences = a.sequences.unwrap();
//! assert_eq!(sequences[1].states, [1, 8, 12, 14, 7, 3]); // (1,0,0,0) -> (0,0,0,1) -> ...
//!
//! // Degree 127: 2^127 states, one cycle of length 2^127 - 1 and the zero state.
//! let mut c = vec![0; 127];
//! c[..2].copy_from_slice(&[1, 1]); // x^127 + x + 1
//! let big = Lfsr::new(&Field::new(2)?, c)?;
//! let opts = Options { method: Method::Algebraic, ..Options::default() };
//! let a = analyze(&big, &opts, &pool, &Progress::new())?;
//! assert!(a.primitive);
//! assert_eq!(a.max_period.to_string(), "170141183460469231731687303715884105727");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![deny(unsafe_code)] // one audited exception: the prefetch hint in enumerate/cycles/marks.rs

pub mod algebra;
pub mod analysis;
pub mod batch;
pub mod census;
pub mod enumerate;
pub mod kernel;
pub mod lfsr;
pub mod progress;
pub mod sequence;
#[cfg(feature = "serde")]
pub mod serde_big;
pub mod structure;
pub mod synth;

pub use analysis::{analyze, Analysis, AnalysisError, Method, MethodUsed, Options};
pub use batch::{analyze_batch, BatchError};
