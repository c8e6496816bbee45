//! Exact arithmetic over finite fields GF(q), built for analysing LFSRs.
//!
//! gf-core answers the algebraic questions behind an LFSR report without enumerating states:
//! what the characteristic polynomial factors into, whether it is irreducible or primitive,
//! and what its order (the longest period) is. Everything is exact: elements are integers,
//! orders are big integers, and nothing is approximated or reduced "mod p" by accident.
//!
//! # The pieces
//!
//! * [`Field`]: GF(q) for a prime p < 2^31 or a prime power p^n (n >= 2) with q <= 2^16.
//!   Elements are plain `u64`s in SageMath's integer encoding: `k = sum a_i p^i` stands for
//!   `sum a_i * a^i`, `a` a root of the [Conway polynomial](conway_polynomial) of (p, n).
//!   So in GF(4), `2` is `a` and `3` is `a + 1`; results compare one-to-one with
//!   SageMath's `GF(q).from_integer(k)`.
//! * [`conway_polynomial`]: computed from the definition (least primitive polynomial
//!   compatible with all subfields, in the alternating-sign order) and cached.
//! * [`Poly`]: dense polynomials over a field with the usual ring operations, division,
//!   gcd, extended gcd, modular powers, and SageMath-style text (`x^3 + 2*x^2 + x + 2`,
//!   `(a + 1)*x^2 + a`) in both directions.
//! * [`factor()`]: factorization into monic irreducibles with multiplicities
//!   (square-free, distinct-degree, then Cantor-Zassenhaus with a fixed seed, so the output
//!   is deterministic), and [`is_irreducible`] (Rabin's test).
//! * [`order`](mod@order), [`integer`], [`matrix`]: orders and primitivity, the integer
//!   factoring they need, and dense matrices over GF(q).
//! * [`gf2x`]: fast GF(2)\[x\] arithmetic for large degrees ([`gf2x::Gf2Poly`],
//!   [`gf2x::Gf2Modulus`]).
//! * [`find`]: irreducible and primitive polynomials of a degree, in galois' order, with a
//!   given number of terms (trinomials, pentanomials) or at random.
//! * `testing` (feature `testing`): slow oracles the tests check the fast algorithms against.
//!
//! # Guarantees
//!
//! * Invalid *data* gives typed errors, never a panic: a non-prime-power or too large q
//!   ([`FieldError`]), coefficients outside the field, division by the zero polynomial, and
//!   unparsable text with the 1-based column of the problem ([`PolyError`]).
//! * Arithmetic on valid values cannot fail, so it returns values: `+`, `-`, `*` and unary
//!   `-` on [`Poly`] (values or references), [`Poly::gcd`], [`Poly::xgcd`]. Mixing
//!   polynomials over different fields is a programmer error and **panics** (with the
//!   message of [`PolyError::FieldMismatch`]); so does `%` by the zero polynomial, whose
//!   checked form is [`Poly::rem`].
//! * Internal invariants are asserted, never papered over: an "impossible" error panics
//!   instead of turning into a wrong answer.
//! * Factorizations are sorted (degree, then coefficients from the top) and reproducible.
//!
//! # Example
//!
//! ```
//! use gf_core::{factor, is_irreducible, Field, Poly};
//!
//! // The LFSR [1, 1, 0, 1] over GF(2) has characteristic polynomial x^4 + x^3 + x + 1.
//! let gf2 = Field::new(2)?;
//! let f = Poly::parse(&gf2, "x^4 + x^3 + x + 1")?;
//! let fact = factor(&f)?;
//! let text: Vec<String> = fact.factors.iter().map(|(g, e)| format!("({g})^{e}")).collect();
//! assert_eq!(text.join(" * "), "(x + 1)^2 * (x^2 + x + 1)^1");
//!
//! // Over GF(4) = GF(2)[a]/(a^2 + a + 1), x^2 + x + 1 splits: its roots are a and a + 1.
//! let gf4 = Field::new(4)?;
//! let g = Poly::parse(&gf4, "x^2 + x + 1")?;
//! assert!(!is_irreducible(&g));
//! assert_eq!(g.eval(2), 0);                         // 2 encodes a
//! assert!(is_irreducible(&Poly::parse(&gf4, "x^2 + x + a")?));
//!
//! // Ring arithmetic uses the operators; over GF(4), (x + a)(x + a + 1) = x^2 + x + 1.
//! let (r, s) = (Poly::parse(&gf4, "x + a")?, Poly::parse(&gf4, "x + a + 1")?);
//! assert_eq!(&r * &s, g);
//! assert_eq!(&g % &r, Poly::zero(&gf4));
//! assert_eq!(&g - &r * s, Poly::zero(&gf4));
//! assert_eq!(-&r + &r, Poly::zero(&gf4));
//! assert_eq!(g.gcd(&r), r);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Performance
//!
//! Prime fields use one `u64` product reduced by Barrett reduction (products of residues below
//! 2^31 fit; measured 1.9 ns per multiply against 3.5-4.6 ns with `%`), with polynomial
//! products accumulated in `u128`; extension fields use log/antilog and Zech
//! tables. Over GF(2), [`Poly`] multiplication, division, gcd and modular powers go through
//! [`gf2x`]: bit-packed words, carry-less products (`pclmulqdq` when the CPU has it),
//! Karatsuba, and reduction by shifts (sparse moduli) or Barrett (dense ones).
// `unsafe` is denied everywhere except `gf2x::clmul`, which allows it for the `pclmulqdq`
// intrinsics (behind run-time CPU detection; see its SAFETY comments).
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod conway;
pub mod factor;
pub mod field;
pub mod find;
pub mod gf2x;
pub mod integer;
pub mod matrix;
pub mod order;
pub mod poly;
mod splitmix;
#[cfg(feature = "testing")]
pub mod testing;

pub use conway::conway_polynomial;
pub use factor::{factor, is_irreducible, Factorization};
pub use field::{Field, FieldError};
pub use integer::{factor_pm1, IntFactorError};
pub use matrix::{Matrix, MatrixError};
pub use order::{is_primitive, order, Order, OrderError};
pub use poly::{Poly, PolyError};
