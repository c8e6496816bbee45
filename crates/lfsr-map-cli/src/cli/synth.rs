//! `lfsr-map synth`: the shortest LFSR that generates a sequence (Berlekamp-Massey).
//!
//! Input (a file, or `-` for standard input): over GF(q) with q <= 10, digits, one per
//! element (`0110100...`), with whitespace and commas between them ignored; over larger
//! fields, integers separated by whitespace or commas. Lines starting with `#` are comments.
//! Every element must be in `0..q`. The first bad character is reported as
//! `FILE:LINE:COLUMN: message` (exit 2), and so is an empty sequence.
//!
//! Output: the linear complexity L, the minimal polynomial (the characteristic polynomial
//! `x^L - sum c_i x^i` of the LFSR), the connection polynomial `C(x)`, the LFSR's
//! coefficients (a CSV row for `lfsr-map analyze`) and initial state, whether the answer is
//! unique (N >= 2L), and with `--profile` the linear complexity of every prefix.
//! `--format csv` writes just the LFSR row after a `#` comment line, so that
//! `lfsr-map synth s.txt --field 2 --format csv | lfsr-map analyze - --field 2` analyzes it;
//! `--format json` one document (docs/json-schema.md).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use gf_core::Field;
use lfsr_map::synth::{synthesize, Synthesis};
use serde::Serialize;

use super::args::{Common, Format};
use super::output::{write_error, Sink};
use super::report_json::json;
use super::{field, header, input, CliError};

/// `lfsr-map synth FILE --field Q [--profile]`.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// The sequence (`-`: standard input): digits for q <= 10, else integers separated by
    /// whitespace or commas; `#` comment lines skipped.
    pub file: PathBuf,
    /// The field order q (a prime or a prime power).
    #[arg(long, value_name = "Q")]
    pub field: u64,
    /// Also give the linear complexity profile (L of every prefix).
    #[arg(long)]
    pub profile: bool,
}

/// The longest sequence over GF(2) (2^20 bits: Berlekamp-Massey is quadratic, seconds).
pub const MAX_LENGTH_GF2: usize = 1 << 20;

/// The longest sequence over other fields (2^16 elements, seconds).
pub const MAX_LENGTH: usize = 1 << 16;

/// The `synthesis` object of the JSON document.
#[derive(Debug, Serialize)]
struct SynthJson<'a> {
    length: usize,
    linear_complexity: usize,
    minimal_polynomial: String,
    connection_polynomial: String,
    /// `None` for the all-zero sequence (L = 0).
    coefficients: Option<Vec<u64>>,
    initial_state: &'a [u64],
    unique: bool,
    singular: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a [usize]>,
}

/// Runs `lfsr-map synth`.
pub fn run(args: &SynthArgs, c: &Common) -> Result<(), CliError> {
    let field = field(args.field)?;
    let name = display_name(&args.file);
    let text = read_text(&args.file, &name)?;
    let limit = if field.q() == 2 {
        MAX_LENGTH_GF2
    } else {
        MAX_LENGTH
    };
    let seq = parse_sequence(&name, &text, field.q(), limit)?;
    if seq.is_empty() {
        return Err(CliError::Input(format!(
            "{name}: no sequence elements (the input is empty or only comments and blank lines)"
        )));
    }
    let syn = synthesize(&field, &seq).map_err(|e| CliError::Failure(e.to_string()))?;
    let mut sink = Sink::open(c.output.as_deref())?;
    write(sink.writer(), c.format, &field, &name, &syn, args.profile).map_err(write_error)?;
    sink.commit()
}

fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The whole input as text, at most [`input::MAX_INPUT_BYTES`] bytes.
fn read_text(path: &Path, name: &str) -> Result<String, CliError> {
    let bytes = input::read_file(path, name, "a sequence file")?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        CliError::Input(format!("{name}:{line}: not valid UTF-8 text"))
    })
}

/// Parses the sequence; the first bad character or value is an error naming
/// `NAME:LINE:COLUMN` (1-based, in characters).
pub fn parse_sequence(name: &str, text: &str, q: u64, limit: usize) -> Result<Vec<u64>, CliError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut seq = Vec::new();
    let too_long = || {
        CliError::Input(format!(
            "{name}: more than {limit} elements, the limit for GF({q}) (Berlekamp-Massey \
             takes time quadratic in the length)"
        ))
    };
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let at = |col: usize| format!("{name}:{}:{col}", i + 1);
        if q <= 10 {
            for (col, ch) in line.chars().enumerate() {
                if ch.is_whitespace() || ch == ',' {
                    continue;
                }
                match ch.to_digit(10) {
                    Some(v) if (v as u64) < q => seq.push(v as u64),
                    Some(v) => {
                        return Err(CliError::Input(format!(
                            "{}: {v} is not an element of GF({q}) (allowed 0 to {})",
                            at(col + 1),
                            q - 1
                        )))
                    }
                    None => {
                        return Err(CliError::Input(format!(
                            "{}: '{ch}' is not a digit (the elements of GF({q}) are the digits \
                             0 to {})",
                            at(col + 1),
                            q - 1
                        )))
                    }
                }
                if seq.len() > limit {
                    return Err(too_long());
                }
            }
        } else {
            let mut col = 0; // characters before the current token
            for piece in line.split_inclusive(|c: char| c.is_whitespace() || c == ',') {
                let token = piece.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
                let here = col + 1;
                col += piece.chars().count();
                if token.is_empty() {
                    continue;
                }
                if !token.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(CliError::Input(format!(
                        "{}: '{}' is not an integer (the elements of GF({q}) are 0 to {})",
                        at(here),
                        super::shorten(token),
                        q - 1
                    )));
                }
                match token.parse::<u64>() {
                    Ok(v) if v < q => seq.push(v),
                    _ => {
                        return Err(CliError::Input(format!(
                            "{}: {} is not an element of GF({q}) (allowed 0 to {})",
                            at(here),
                            super::shorten(token),
                            q - 1
                        )))
                    }
                }
                if seq.len() > limit {
                    return Err(too_long());
                }
            }
        }
    }
    Ok(seq)
}

fn list<T: ToString>(xs: &[T], sep: &str) -> String {
    xs.iter().map(T::to_string).collect::<Vec<_>>().join(sep)
}

fn write(
    w: &mut dyn Write,
    format: Format,
    field: &Field,
    name: &str,
    syn: &Synthesis,
    profile: bool,
) -> io::Result<()> {
    let l = syn.linear_complexity();
    let n = syn.len();
    let minimal = syn.minimal_polynomial().to_string();
    let coefficients = (l > 0).then(|| syn.coefficients());
    match format {
        Format::Json => {
            let h = header(field).map_err(|e| io::Error::other(e.to_string()))?;
            let body = SynthJson {
                length: n,
                linear_complexity: l,
                minimal_polynomial: minimal,
                connection_polynomial: syn.connection_polynomial().to_string(),
                coefficients,
                initial_state: syn.initial_state(),
                unique: syn.is_unique(),
                singular: syn.is_singular(),
                profile: profile.then(|| syn.profile()),
            };
            writeln!(
                w,
                "{{\"tool\":\"lfsr-map\",\"version\":{},\"field\":{},\"field_modulus\":{},\"synthesis\":{}}}",
                json(env!("CARGO_PKG_VERSION"))?,
                h.q,
                json(&h.modulus)?,
                json(&body)?
            )
        }
        Format::Csv => {
            writeln!(
                w,
                "# lfsr-map synth: {n} elements of GF({}) from {name}, linear complexity {l}, \
                 minimal polynomial {minimal}",
                field.q()
            )?;
            if let Some(c) = coefficients {
                writeln!(w, "{}", list(&c, ","))?;
            }
            Ok(())
        }
        Format::Text => {
            writeln!(w, "SEQUENCE: {n} elements of GF({}) from {name}", field.q())?;
            writeln!(w, "LINEAR COMPLEXITY: {l}")?;
            writeln!(w, "MINIMAL POLYNOMIAL: {minimal}")?;
            writeln!(w, "CONNECTION POLYNOMIAL: {}", syn.connection_polynomial())?;
            match coefficients {
                Some(c) => {
                    writeln!(
                        w,
                        "LFSR (coefficients c0..c{}, a row for `lfsr-map analyze`): {}",
                        l - 1,
                        list(&c, ",")
                    )?;
                    writeln!(w, "INITIAL STATE: {}", list(syn.initial_state(), ","))?;
                }
                None => writeln!(w, "LFSR: none (the sequence is all zeros)")?,
            }
            let unique = if syn.is_unique() {
                format!("yes ({n} >= 2 * {l})")
            } else {
                format!("no: {n} < 2 * {l}, other LFSRs of length {l} generate it too")
            };
            writeln!(w, "UNIQUE: {unique}")?;
            if syn.is_singular() {
                writeln!(
                    w,
                    "SINGULAR: yes (c0 = 0: the minimal polynomial has the factor x)"
                )?;
            }
            if profile {
                writeln!(
                    w,
                    "PROFILE (L of the first 1, 2, ..., {n} elements): {}",
                    list(syn.profile(), " ")
                )?;
            }
            Ok(())
        }
    }
}
