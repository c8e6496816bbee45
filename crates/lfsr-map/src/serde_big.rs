//! The serde form of exact integers and polynomials (feature `serde`), for any serializer.
//!
//! A [`BigUint`] is serialized as a `u64` when it fits, else as a `u128` when it fits, else as
//! a **string of its decimal digits** (`"170141183460469231731687303715884105727"` is a
//! number, 2^127 - 1, that fits `u128`; 2^200 becomes a string). No format feature such as
//! serde_json's `arbitrary_precision` is needed, and nothing is rounded: a reader that sees a
//! string parses it as a decimal integer. (A [`gf_core::Poly`] serializes itself, as its
//! SageMath-style display string `x^4 + x + 1`, through gf-core's `serde` feature, which this
//! crate's `serde` feature turns on.)
//!
//! These are `serialize_with` helpers, public so that other crates' report types can give
//! their integers the same form.
//!
//! ```
//! use num_bigint::BigUint;
//! #[derive(serde::Serialize)]
//! struct Count(#[serde(serialize_with = "lfsr_map::serde_big::big")] BigUint);
//!
//! let small = serde_json::to_string(&Count(BigUint::from(6u32)))?;
//! assert_eq!(small, "6");
//! let huge = serde_json::to_string(&Count(BigUint::from(1u32) << 200))?;
//! assert_eq!(huge, "\"1606938044258990275541962092341162602522202993782792835301376\"");
//! # Ok::<(), serde_json::Error>(())
//! ```

use num_bigint::BigUint;
use serde::Serializer;

/// Serializes `v` exactly: `u64`, else `u128`, else its decimal digits as a string.
pub fn big<S: Serializer>(v: &BigUint, s: S) -> Result<S::Ok, S::Error> {
    if let Ok(x) = u64::try_from(v) {
        s.serialize_u64(x)
    } else if let Ok(x) = u128::try_from(v) {
        s.serialize_u128(x)
    } else {
        s.collect_str(v)
    }
}

/// [`big`] for an optional value (`None` is serialized as none, JSON `null`).
pub fn opt_big<S: Serializer>(v: &Option<BigUint>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => big(v, s),
        None => s.serialize_none(),
    }
}
