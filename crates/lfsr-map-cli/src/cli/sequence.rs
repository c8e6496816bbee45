//! `lfsr-map sequence`: the output sequence of one LFSR, streamed.
//!
//! The LFSR is given by its coefficients (`--coeffs 1,0,0,1`, a CSV row of `analyze`) or by
//! its characteristic polynomial (`--poly "x^4 + x^3 + 1"`, monic: `c_i` is minus the
//! coefficient of `x^i`). The output is `a_0, a_1, ...` with `a_{n+d} = sum_i c_i a_{n+i}`:
//! in the Fibonacci form the state's first coordinate `s0` is output at each step (so the
//! first `d` outputs are the state), in the Galois form the last one (see the library's
//! `lfsr_map::sequence`). The default state outputs the impulse response `0, ..., 0, 1`:
//! `(0, ..., 0, 1)` for Fibonacci, `(1, 0, ..., 0)` for Galois.
//!
//! Output (`--format text`, the default): `--as digits` (default for q <= 10) writes one
//! character per element and a newline; `--as list` the elements separated by spaces and a
//! newline; `--as bytes` (GF(2) only) the bits packed 8 to a byte, the first in the most
//! significant bit, the last byte padded with zeros, no newline. `--format csv` writes the
//! elements separated by commas; `--format json` one document (docs/json-schema.md). The
//! output is streamed: any `--length` runs in constant memory.

use std::io::{self, Write};

use clap::{ArgGroup, Args, ValueEnum};
use gf_core::{Field, Poly};
use lfsr_map::sequence::{default_state, Form, Output};

use super::args::{Common, Format};
use super::output::{write_error, Sink};
use super::report_json::json;
use super::{field, header, shorten, CliError};

/// The largest degree `sequence` accepts (no factoring is needed; the GF(2) generator's
/// tables stay within 16 MiB).
pub const MAX_SEQUENCE_DEGREE: usize = 1 << 16;

/// `lfsr-map sequence (--coeffs C | --poly F) --field Q --length N`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("lfsr").required(true).args(["coeffs", "poly"])))]
pub struct SequenceArgs {
    /// The field order q (a prime or a prime power).
    #[arg(long, value_name = "Q")]
    pub field: u64,
    /// The coefficients c0,...,c_{d-1} (a CSV row of `analyze`), integers from 0 to q - 1.
    #[arg(long, value_name = "LIST")]
    pub coeffs: Option<String>,
    /// Or the characteristic polynomial x^d - sum c_i x^i, monic, e.g. "x^4 + x^3 + 1".
    #[arg(long, value_name = "POLY")]
    pub poly: Option<String>,
    /// The initial state, d comma-separated elements [default: the state whose output
    /// starts 0,...,0,1].
    #[arg(long, value_name = "LIST")]
    pub state: Option<String>,
    /// The form of the LFSR.
    #[arg(long, value_enum, default_value_t = FormArg::Fibonacci)]
    pub form: FormArg,
    /// How many elements to output (at least 1).
    #[arg(long, value_name = "N", value_parser = super::args::int_in::<u64>(1, u64::MAX))]
    pub length: u64,
    /// How `--format text` writes the elements [default: digits for q <= 10, else list].
    #[arg(long = "as", value_enum, value_name = "STYLE")]
    pub style: Option<Style>,
}

/// `--form`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormArg {
    /// External form: output s0, feedback into s_{d-1} (the `analyze` LFSR).
    Fibonacci,
    /// Internal form: multiplication by x mod the characteristic polynomial, output g_{d-1}.
    Galois,
}

/// `--as`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Style {
    /// One character per element (q <= 10).
    Digits,
    /// Elements separated by spaces.
    List,
    /// GF(2) only: 8 bits per byte, first bit in the most significant bit.
    Bytes,
}

/// Runs `lfsr-map sequence`.
pub fn run(args: &SequenceArgs, c: &Common) -> Result<(), CliError> {
    let field = field(args.field)?;
    let q = field.q();
    let coeffs = match (&args.coeffs, &args.poly) {
        (Some(text), _) => parse_list("--coeffs", text, &field, "c")?,
        (None, Some(text)) => coefficients_of_poly(&field, text)?,
        (None, None) => return Err(CliError::Input("give --coeffs or --poly".into())),
    };
    let d = coeffs.len();
    if d == 0 {
        return Err(CliError::Input("--coeffs: no coefficients".into()));
    }
    if d > MAX_SEQUENCE_DEGREE {
        return Err(CliError::Input(format!(
            "degree {d} is above the limit of {MAX_SEQUENCE_DEGREE} for `sequence`"
        )));
    }
    let form = match args.form {
        FormArg::Fibonacci => Form::Fibonacci,
        FormArg::Galois => Form::Galois,
    };
    let state = match &args.state {
        Some(text) => {
            let s = parse_list("--state", text, &field, "s")?;
            if s.len() != d {
                return Err(CliError::Input(format!(
                    "--state has {} elements, the LFSR has degree {d}: give {d}",
                    s.len()
                )));
            }
            s
        }
        None => default_state(d, form),
    };
    let style = match (c.format, args.style) {
        (Format::Text, Some(s)) => s,
        (Format::Text, None) if q <= 10 => Style::Digits,
        (Format::Text, None) => Style::List,
        (_, Some(_)) => {
            return Err(CliError::Input(
                "--as applies to --format text only (csv and json have their own form)".into(),
            ))
        }
        (_, None) => Style::List,
    };
    if style == Style::Digits && q > 10 {
        return Err(CliError::Input(format!(
            "--as digits needs q <= 10 (one digit per element); GF({q}) needs --as list"
        )));
    }
    if style == Style::Bytes && q != 2 {
        return Err(CliError::Input(format!(
            "--as bytes is for GF(2) only, not GF({q})"
        )));
    }
    let mut source = Output::from_parts(&field, &coeffs, form, &state)
        .map_err(|e| CliError::Input(e.to_string()))?;
    let mut sink = Sink::open(c.output.as_deref())?;
    let w = sink.writer();
    let n = args.length;
    match c.format {
        Format::Json => {
            let h = header(&field)?;
            let poly = characteristic(&field, &coeffs)?;
            let form_name = match form {
                Form::Fibonacci => "fibonacci",
                Form::Galois => "galois",
            };
            write!(
                w,
                "{{\"tool\":\"lfsr-map\",\"version\":{},\"field\":{},\"field_modulus\":{},\
                 \"sequence\":{{\"coefficients\":{},\"characteristic_polynomial\":{},\
                 \"form\":\"{form_name}\",\"state\":{},\"length\":{n},\"elements\":[",
                json(env!("CARGO_PKG_VERSION")).map_err(write_error)?,
                h.q,
                json(&h.modulus).map_err(write_error)?,
                json(&coeffs).map_err(write_error)?,
                json(&poly).map_err(write_error)?,
                json(&state).map_err(write_error)?,
            )
            .map_err(write_error)?;
            write_elements(w, &mut source, n, b',').map_err(write_error)?;
            writeln!(w, "]}}}}").map_err(write_error)?;
        }
        Format::Csv => {
            write_elements(w, &mut source, n, b',').map_err(write_error)?;
            writeln!(w).map_err(write_error)?;
        }
        Format::Text => match style {
            Style::Digits => {
                write_digits(w, &mut source, n).map_err(write_error)?;
                writeln!(w).map_err(write_error)?;
            }
            Style::List => {
                write_elements(w, &mut source, n, b' ').map_err(write_error)?;
                writeln!(w).map_err(write_error)?;
            }
            Style::Bytes => write_bytes(w, &mut source, n).map_err(write_error)?,
        },
    }
    sink.commit()
}

/// `x^d - sum c_i x^i` as text.
fn characteristic(field: &Field, coeffs: &[u64]) -> Result<String, CliError> {
    let mut c: Vec<u64> = coeffs.iter().map(|&x| field.neg(x)).collect();
    c.push(1);
    Poly::new(field, c)
        .map(|p| p.to_string())
        .map_err(|e| CliError::Failure(e.to_string()))
}

/// The coefficients of the monic polynomial `text`: `c_i = -f_i`.
fn coefficients_of_poly(field: &Field, text: &str) -> Result<Vec<u64>, CliError> {
    let shown = shorten(text);
    let f = Poly::parse(field, text)
        .map_err(|e| CliError::Input(format!("--poly: cannot read '{shown}': {e}")))?;
    match f.degree() {
        Some(d) if d >= 1 => {
            if !f.is_monic() {
                return Err(CliError::Input(format!(
                    "--poly: {f} is not monic (a characteristic polynomial has leading \
                     coefficient 1)"
                )));
            }
            if d > MAX_SEQUENCE_DEGREE {
                return Err(CliError::Input(format!(
                    "--poly: degree {d} is above the limit of {MAX_SEQUENCE_DEGREE} for \
                     `sequence`"
                )));
            }
            Ok((0..d).map(|i| field.neg(f.coeff(i))).collect())
        }
        _ => Err(CliError::Input(format!(
            "--poly: '{shown}' is {f}: give a polynomial of degree at least 1"
        ))),
    }
}

/// A comma-separated list of field elements; errors name the flag, the position (1-based
/// element and character column) and the value.
pub fn parse_list(flag: &str, text: &str, field: &Field, name: &str) -> Result<Vec<u64>, CliError> {
    let q = field.q();
    let mut out = Vec::new();
    let mut offset = 0;
    for (k, item) in text.split(',').enumerate() {
        let lead = item.len() - item.trim_start().len();
        let col = text[..offset + lead].chars().count() + 1;
        offset += item.len() + 1;
        let v = item.trim();
        let at = format!("{flag}: {name}{k} (column {col})");
        if v.is_empty() {
            return Err(CliError::Input(format!(
                "{at}: empty value (expected an element of GF({q}): an integer from 0 to {})",
                q - 1
            )));
        }
        if !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CliError::Input(format!(
                "{at}: '{}' is not an integer (the elements of GF({q}) are written 0 to {})",
                shorten(v),
                q - 1
            )));
        }
        match v.parse::<u64>() {
            Ok(x) if x < q => out.push(x),
            _ => {
                return Err(CliError::Input(format!(
                    "{at}: {} is not an element of GF({q}) (allowed 0 to {})",
                    shorten(v),
                    q - 1
                )))
            }
        }
        if out.len() > MAX_SEQUENCE_DEGREE {
            return Err(CliError::Input(format!(
                "{flag}: more than {MAX_SEQUENCE_DEGREE} elements"
            )));
        }
    }
    Ok(out)
}

/// Elements produced per chunk.
const CHUNK: usize = 1 << 14;

/// Runs `emit` over chunks of at most [`CHUNK`] elements, `n` in all.
fn chunks(
    source: &mut Output,
    n: u64,
    mut emit: impl FnMut(&[u64]) -> io::Result<()>,
) -> io::Result<()> {
    let mut buf = vec![0u64; CHUNK];
    let mut left = n;
    while left > 0 {
        let k = left.min(CHUNK as u64) as usize;
        source.fill(&mut buf[..k]);
        emit(&buf[..k])?;
        left -= k as u64;
    }
    Ok(())
}

fn write_digits(w: &mut dyn Write, source: &mut Output, n: u64) -> io::Result<()> {
    let mut text = Vec::with_capacity(CHUNK);
    chunks(source, n, |xs| {
        text.clear();
        text.extend(xs.iter().map(|&x| b'0' + x as u8));
        w.write_all(&text)
    })
}

fn write_elements(w: &mut dyn Write, source: &mut Output, n: u64, sep: u8) -> io::Result<()> {
    let mut text = Vec::with_capacity(8 * CHUNK);
    let mut first = true;
    chunks(source, n, |xs| {
        text.clear();
        for &x in xs {
            if !first {
                text.push(sep);
            }
            first = false;
            text.extend_from_slice(x.to_string().as_bytes());
        }
        w.write_all(&text)
    })
}

fn write_bytes(w: &mut dyn Write, source: &mut Output, n: u64) -> io::Result<()> {
    let mut bytes = Vec::with_capacity(CHUNK / 8 + 1);
    chunks(source, n, |xs| {
        // CHUNK is a multiple of 8, so only the last chunk has a partial byte.
        bytes.clear();
        for eight in xs.chunks(8) {
            let b = eight
                .iter()
                .enumerate()
                .fold(0u8, |acc, (j, &x)| acc | ((x as u8) << (7 - j)));
            bytes.push(b);
        }
        w.write_all(&bytes)
    })
}
