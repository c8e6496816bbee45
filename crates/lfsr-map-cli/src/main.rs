//! `lfsr-map`: map the state space of LFSRs over GF(q) from the command line.
//!
//! ```text
//! lfsr-map analyze examples/reference-gf2.csv --field 2 --format json -o report.json
//! lfsr-map census --degree 10 --field 2 --pool simple --stats
//! lfsr-map poly "x^4+x+1" --field 2
//! ```
//!
//! See `lfsr-map --help` and `docs/json-schema.md`.
#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
