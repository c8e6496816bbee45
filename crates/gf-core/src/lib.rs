//! gf-core: exact arithmetic over finite fields GF(q) for LFSR analysis (in progress).

pub mod conway;
pub mod factor;
pub mod field;
pub mod integer;
pub mod matrix;
pub mod order;
pub mod poly;

pub use conway::conway_polynomial;
pub use factor::{factor, is_irreducible, Factorization};
pub use field::{Field, FieldError};
pub use poly::{Poly, PolyError};
