//! `lfsr-map-cli`: the `lfsr-map` command line, on top of the [`lfsr_map`] library.
//!
//! ```text
//! cargo install --path crates/lfsr-map-cli
//! lfsr-map analyze examples/reference-gf2.csv --field 2 --format json -o report.json
//! lfsr-map census --degree 10 --field 2 --pool simple --stats
//! lfsr-map poly "x^4+x+1" --field 2
//! ```
//!
//! See `lfsr-map --help` and `docs/json-schema.md`. The binary is a thin `main` over
//! [`run`]; the CLI is its own crate so that the library depends on no CLI crate (clap,
//! indicatif, tempfile, ctrlc).
//!
//! The JSON report's per-analysis object is an [`AnalysisJson`], serialized by serde. Unlike
//! the library's own serde form (feature `serde`, big integers beyond `u128` as strings),
//! it writes every integer as an exact JSON number; this crate builds serde_json with
//! `arbitrary_precision` for that.
//!
//! # Example
//!
//! The object `lfsr-map analyze --format json` prints for one LFSR:
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::lfsr::Lfsr;
//! use lfsr_map::progress::Progress;
//! use lfsr_map::{analyze, Options};
//! use lfsr_map_cli::AnalysisJson;
//! use worker_pool::Sequential;
//!
//! // x^4 + x^3 + x + 1 = (x + 1)^2 (x^2 + x + 1) over GF(2)
//! let lfsr = Lfsr::new(&Field::new(2)?, vec![1, 1, 0, 1])?;
//! let a = analyze(&lfsr, &Options::default(), &Sequential::new(), &Progress::new())?;
//! let line = serde_json::to_string(&AnalysisJson::new(1, &a))?;
//! assert!(line.starts_with(
//!     r#"{"index":1,"coefficients":[1,1,0,1],"degree":4,"field":2,"characteristic_polynomial":"x^4 + x^3 + x + 1","#
//! ));
//! // one order in the library, printed under both keys of the report
//! assert!(line.contains(r#""polynomial_order":6,"matrix_order":6,"#));
//! assert!(line.contains(r#""cycles":[{"period":1,"count":2},{"period":2,"count":1},{"period":3,"count":2},{"period":6,"count":1}]"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cli;

pub use cli::report_json::AnalysisJson;
pub use cli::run;
