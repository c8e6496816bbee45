//! The JSON report: one document, one analysis per line (schema: docs/json-schema.md).
//!
//! ```text
//! {"tool":"lfsr-map","version":"0.1.0","field":2,"field_modulus":"x + 1","analyses":[
//! {"index":1,"coefficients":[1,1],...},
//! {"index":2,...}
//! ]}
//! ```
//!
//! Each analysis is the serde form of [`Analysis`] with `index` (1-based) in front and, in
//! full mode, the states of `sequences` and `transients` as coordinate lists
//! `[s0, ..., s_{d-1}]` instead of indices. Integers are exact at any size.

use std::io::{self, Write};

use lfsr_map::analysis::Analysis;
use serde::Serialize;

use super::report::{push_state, Header};

/// Writes everything up to the opening of the `analyses` list.
pub fn begin(w: &mut dyn Write, h: &Header) -> io::Result<()> {
    write!(
        w,
        "{{\"tool\":\"lfsr-map\",\"version\":{},\"field\":{},\"field_modulus\":{},\"analyses\":[",
        json(&env!("CARGO_PKG_VERSION"))?,
        h.q,
        json(&h.modulus)?
    )
}

/// Writes one analysis on its own line (`index` is 1-based).
pub fn analysis(w: &mut dyn Write, index: usize, mut a: Analysis) -> io::Result<()> {
    let sequences = a.sequences.take();
    let transients = a.transients.take().filter(|_| a.singular);
    let body = json(&a)?;
    let separator = if index > 1 { "," } else { "" };
    write!(w, "{separator}\n{{\"index\":{index},")?;
    w.write_all(&body.as_bytes()[1..body.len() - 1])?;
    let mut buf = Vec::with_capacity(1 << 16);
    if let Some(seqs) = sequences {
        buf.extend_from_slice(b",\"sequences\":[");
        for (k, s) in seqs.iter().enumerate() {
            if k > 0 {
                buf.push(b',');
            }
            write!(
                buf,
                "{{\"number\":{},\"period\":{},\"states\":[",
                s.number, s.period
            )?;
            for (j, &state) in s.states.iter().enumerate() {
                if j > 0 {
                    buf.push(b',');
                }
                push_state(&mut buf, state, a.field, a.degree, *b"[]");
            }
            buf.extend_from_slice(b"]}");
            flush_if_big(w, &mut buf)?;
        }
        buf.push(b']');
    }
    if let Some(ts) = transients {
        buf.extend_from_slice(b",\"transients\":[");
        for (k, t) in ts.iter().enumerate() {
            if k > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(b"{\"state\":");
            push_state(&mut buf, t.state, a.field, a.degree, *b"[]");
            write!(buf, ",\"sequence\":{},\"tail\":{}}}", t.sequence, t.tail)?;
            flush_if_big(w, &mut buf)?;
        }
        buf.push(b']');
    }
    buf.push(b'}');
    w.write_all(&buf)
}

/// Closes the `analyses` list, adds the census summary (serialized JSON) if there is one,
/// and ends the document.
pub fn end(w: &mut dyn Write, census: Option<&str>) -> io::Result<()> {
    w.write_all(b"\n]")?;
    if let Some(census) = census {
        write!(w, ",\"census\":{census}")?;
    }
    w.write_all(b"}\n")
}

/// Serializes one value compactly.
pub fn json<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    serde_json::to_string(value).map_err(io::Error::other)
}

fn flush_if_big(w: &mut dyn Write, buf: &mut Vec<u8>) -> io::Result<()> {
    if buf.len() >= 1 << 16 {
        w.write_all(buf)?;
        buf.clear();
    }
    Ok(())
}
