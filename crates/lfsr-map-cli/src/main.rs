//! `lfsr-map`: map the state space of LFSRs over GF(q) from the command line (see the
//! `lfsr_map_cli` crate docs, `lfsr-map --help` and `docs/json-schema.md`).
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    lfsr_map_cli::run()
}
