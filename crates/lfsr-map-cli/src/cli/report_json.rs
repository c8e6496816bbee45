//! The JSON report: one document, one analysis per line (schema: docs/json-schema.md).
//!
//! ```text
//! {"tool":"lfsr-map","version":"0.1.0","field":2,"field_modulus":"x + 1","analyses":[
//! {"index":1,"coefficients":[1,1],...},
//! {"index":2,...}
//! ]}
//! ```
//!
//! Each analysis is an [`AnalysisJson`], serialized by serde: the fields of an [`Analysis`]
//! with `index` (1-based) in front, the one order printed under both `polynomial_order` and
//! `matrix_order`, and, in full mode, the states of `sequences` and `transients` as coordinate
//! lists `[s0, ..., s_{d-1}]` instead of indices. Integers are exact JSON numbers at any size:
//! beyond `u128` through `serde_json::Number`, which this crate builds with
//! `arbitrary_precision` (the library's own serde form, which must work without it, writes
//! such integers as strings instead).
//!
//! The document is written as the analyses arrive: [`begin`], [`analysis`] per LFSR, [`end`].

use std::io::{self, BufWriter, Write};

use gf_core::Poly;
use lfsr_map::analysis::{Analysis, FactorInfo, MethodUsed};
use lfsr_map::serde_big;
use lfsr_map::structure::{CycleCount, Sequence, TailCount, Transient};
use num_bigint::BigUint;
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

use super::report::{coords, Header};

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
pub fn analysis(w: &mut dyn Write, index: usize, a: &Analysis) -> io::Result<()> {
    let separator = if index > 1 { "," } else { "" };
    writeln!(w, "{separator}")?;
    let mut buf = BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer(&mut buf, &AnalysisJson::new(index, a)).map_err(io::Error::other)?;
    buf.flush()
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

/// Serializes a [`BigUint`] as an exact JSON number: up to `u128` as the library's
/// [`serde_big::big`] does, and beyond that (where the library writes a string) as a
/// `serde_json::Number` holding the decimal digits (exact with `arbitrary_precision`).
pub fn ser_big<S: Serializer>(v: &BigUint, s: S) -> Result<S::Ok, S::Error> {
    if v.bits() <= 128 {
        return serde_big::big(v, s);
    }
    let n: serde_json::Number = v
        .to_string()
        .parse()
        .map_err(|e| serde::ser::Error::custom(format!("big integer: {e}")))?;
    n.serialize(s)
}

/// [`ser_big`] for an optional value (`None` is null).
pub fn ser_opt_big<S: Serializer>(v: &Option<BigUint>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser_big(v, s),
        None => s.serialize_none(),
    }
}

/// The per-analysis object of the JSON report, borrowing from an [`Analysis`].
#[derive(Serialize)]
pub struct AnalysisJson<'a> {
    index: usize,
    coefficients: &'a [u64],
    degree: usize,
    field: u64,
    characteristic_polynomial: &'a Poly,
    factors: Vec<FactorJson<'a>>,
    #[serde(serialize_with = "ser_opt_big")]
    polynomial_order: &'a Option<BigUint>,
    /// The same value as `polynomial_order` (the companion matrix's order is the polynomial's).
    #[serde(serialize_with = "ser_opt_big")]
    matrix_order: &'a Option<BigUint>,
    primitive: bool,
    irreducible: bool,
    singular: bool,
    #[serde(serialize_with = "ser_big")]
    state_count: &'a BigUint,
    cycles: Vec<CycleJson<'a>>,
    #[serde(serialize_with = "ser_big")]
    cycle_count: &'a BigUint,
    #[serde(serialize_with = "ser_big")]
    max_period: &'a BigUint,
    #[serde(serialize_with = "ser_big")]
    periods_sum: &'a BigUint,
    #[serde(serialize_with = "ser_big")]
    transient_states: &'a BigUint,
    max_tail: u64,
    tails: Vec<TailJson<'a>>,
    method: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sequences: Option<Vec<SequenceJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transients: Option<Vec<TransientJson<'a>>>,
}

impl<'a> AnalysisJson<'a> {
    /// The report object of analysis number `index` (1-based).
    pub fn new(index: usize, a: &'a Analysis) -> Self {
        let space = StateSpace {
            q: a.field,
            d: a.degree,
        };
        AnalysisJson {
            index,
            coefficients: &a.coefficients,
            degree: a.degree,
            field: a.field,
            characteristic_polynomial: &a.characteristic_polynomial,
            factors: a.factors.iter().map(FactorJson).collect(),
            polynomial_order: &a.polynomial_order,
            matrix_order: &a.polynomial_order,
            primitive: a.primitive,
            irreducible: a.irreducible,
            singular: a.singular,
            state_count: &a.state_count,
            cycles: a.cycles.iter().map(CycleJson).collect(),
            cycle_count: &a.cycle_count,
            max_period: &a.max_period,
            periods_sum: &a.periods_sum,
            transient_states: &a.transient_states,
            max_tail: a.max_tail,
            tails: a.tails.iter().map(TailJson).collect(),
            method: match a.method {
                MethodUsed::Enumerate => "enumerate",
                MethodUsed::Algebraic => "algebraic",
            },
            sequences: a.sequences.as_ref().map(|seqs| {
                let seq = |s| SequenceJson { s, space };
                seqs.iter().map(seq).collect()
            }),
            transients: a.transients.as_ref().filter(|_| a.singular).map(|ts| {
                let tr = |t| TransientJson { t, space };
                ts.iter().map(tr).collect()
            }),
        }
    }
}

/// `{polynomial, multiplicity, order}`.
struct FactorJson<'a>(&'a FactorInfo);

impl Serialize for FactorJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct F<'a> {
            polynomial: &'a Poly,
            multiplicity: u32,
            #[serde(serialize_with = "ser_opt_big")]
            order: &'a Option<BigUint>,
        }
        let f = self.0;
        F {
            polynomial: &f.polynomial,
            multiplicity: f.multiplicity,
            order: &f.order,
        }
        .serialize(s)
    }
}

/// `{period, count}`.
struct CycleJson<'a>(&'a CycleCount);

impl Serialize for CycleJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct C<'a> {
            #[serde(serialize_with = "ser_big")]
            period: &'a BigUint,
            #[serde(serialize_with = "ser_big")]
            count: &'a BigUint,
        }
        C {
            period: &self.0.period,
            count: &self.0.count,
        }
        .serialize(s)
    }
}

/// `{tail, count}`.
struct TailJson<'a>(&'a TailCount);

impl Serialize for TailJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct T<'a> {
            tail: u64,
            #[serde(serialize_with = "ser_big")]
            count: &'a BigUint,
        }
        T {
            tail: self.0.tail,
            count: &self.0.count,
        }
        .serialize(s)
    }
}

/// GF(q)^d, to write a state index as its coordinates.
#[derive(Clone, Copy)]
struct StateSpace {
    q: u64,
    d: usize,
}

/// State `index` as `[s0, ..., s_{d-1}]`.
struct State {
    index: u64,
    space: StateSpace,
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(coords(self.index, self.space.q, self.space.d))
    }
}

/// `{number, period, states}`, the states as coordinate lists.
struct SequenceJson<'a> {
    s: &'a Sequence,
    space: StateSpace,
}

impl Serialize for SequenceJson<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Q<'a> {
            number: u64,
            period: u64,
            states: States<'a>,
        }
        Q {
            number: self.s.number,
            period: self.s.period,
            states: States {
                states: &self.s.states,
                space: self.space,
            },
        }
        .serialize(ser)
    }
}

/// A list of states as coordinate lists.
struct States<'a> {
    states: &'a [u64],
    space: StateSpace,
}

impl Serialize for States<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.states.len()))?;
        for &index in self.states {
            seq.serialize_element(&State {
                index,
                space: self.space,
            })?;
        }
        seq.end()
    }
}

/// `{state, sequence, tail}`, the state as a coordinate list.
struct TransientJson<'a> {
    t: &'a Transient,
    space: StateSpace,
}

impl Serialize for TransientJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct T {
            state: State,
            sequence: u64,
            tail: u64,
        }
        T {
            state: State {
                index: self.t.state,
                space: self.space,
            },
            sequence: self.t.sequence,
            tail: self.t.tail,
        }
        .serialize(s)
    }
}
