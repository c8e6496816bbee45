//! `lfsr-map poly`: factorization, orders, irreducibility and primitivity of one polynomial.
//!
//! The orders need the factorization of `q^m - 1` for each irreducible factor of degree `m`
//! (from the Cunningham tables or by trial). When that fails, `poly` still reports what it
//! knows (the factorization, irreducibility, and every order it could compute), marks the
//! rest unknown with the reason (JSON: `order` null plus `order_unknown`; `primitive` null if
//! it depends on the unknown order), warns on stderr, and exits 0: a partial answer, honestly
//! labelled.

use std::io::{self, Write};

use super::report_json::ser_opt_big;
use gf_core::order::{profile, Order};
use gf_core::Poly;
use num_bigint::BigUint;
use serde::Serialize;

use super::args::{Common, Format, PolyArgs};
use super::output::{write_error, Sink};
use super::report_json::json;
use super::{field, header, CliError};

/// What `poly` reports (the `polynomial` object of the JSON document).
#[derive(Debug, Serialize)]
struct PolyReport {
    polynomial: String,
    degree: usize,
    /// The leading coefficient: f = unit * product of the factors.
    unit: u64,
    /// The leading coefficient as a field element (`a + 1`), for the text report.
    #[serde(skip)]
    unit_text: String,
    factors: Vec<PolyFactor>,
    /// `None`: infinite (x divides f), or unknown (then `order_unknown` says why).
    #[serde(serialize_with = "ser_opt_big")]
    order: Option<BigUint>,
    /// Why the order could not be computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    order_unknown: Option<String>,
    irreducible: bool,
    /// `None` when it depends on an order that could not be computed.
    primitive: Option<bool>,
}

/// One irreducible factor with its order.
#[derive(Debug, Serialize)]
struct PolyFactor {
    polynomial: String,
    multiplicity: u32,
    /// `None`: infinite (the factor `x`), or unknown (then `order_unknown` says why).
    #[serde(serialize_with = "ser_opt_big")]
    order: Option<BigUint>,
    /// The order of the factor's power in f, ord(g^e) (`None` as for `order`), for the text
    /// report (the JSON keeps its documented keys, which the Python package reproduces).
    #[serde(skip)]
    power_order: Option<BigUint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order_unknown: Option<String>,
}

/// Runs `lfsr-map poly`.
pub fn run(args: &PolyArgs, c: &Common) -> Result<(), CliError> {
    let field = field(args.field)?;
    let shown = super::shorten(&args.polynomial);
    let f = Poly::parse(&field, &args.polynomial)
        .map_err(|e| CliError::Input(format!("cannot read the polynomial '{shown}': {e}")))?;
    let degree = match f.degree() {
        Some(d) if d >= 1 => d,
        _ => {
            return Err(CliError::Input(format!(
                "'{shown}' is {f}: give a polynomial of degree at least 1"
            )))
        }
    };
    if let Some(msg) = super::degree_error(degree, field.q()) {
        return Err(CliError::Input(format!("the polynomial: {msg}")));
    }
    // a spinner with the elapsed time when the algebra takes more than a second
    let bar = super::progress::Bar::start(!c.quiet && !c.no_progress, 1);
    let report = analyze(&f, degree);
    bar.finish();
    let report = report?;
    if let Some(why) = &report.order_unknown {
        eprintln!(
            "lfsr-map: warning: the order of {} is unknown: {why}",
            report.polynomial
        );
    }
    let mut sink = Sink::open(c.output.as_deref())?;
    write(sink.writer(), c.format, &header(&field)?, &report).map_err(write_error)?;
    sink.commit()
}

/// The report from gf-core's [`profile`] (one factorization for everything): an order that
/// needs an unfactored `q^m - 1` becomes its reason, any other error a failure.
fn analyze(f: &Poly, degree: usize) -> Result<PolyReport, CliError> {
    let p = profile(f).map_err(|e| CliError::Failure(format!("{f}: {e}")))?;
    let finite = |o: Order| match o {
        Order::Finite(n) => Some(n),
        Order::Infinite => None,
    };
    let factors = p
        .factors
        .into_iter()
        .map(|g| PolyFactor {
            polynomial: g.factor.to_string(),
            multiplicity: g.multiplicity,
            power_order: g.power_order.ok().and_then(finite),
            order_unknown: g.order.as_ref().err().map(ToString::to_string),
            order: g.order.ok().and_then(finite),
        })
        .collect();
    Ok(PolyReport {
        polynomial: f.to_string(),
        degree,
        unit: p.unit,
        unit_text: element(f.field(), p.unit)?,
        factors,
        order_unknown: p.order.as_ref().err().map(ToString::to_string),
        order: p.order.ok().and_then(finite),
        irreducible: p.irreducible,
        primitive: p.primitive.ok(),
    })
}

/// The field element encoded `k`, as the reports write elements (`a + 1` in GF(4)).
fn element(field: &gf_core::Field, k: u64) -> Result<String, CliError> {
    let constant = Poly::new(field, vec![k]).map_err(|e| CliError::Failure(e.to_string()))?;
    let text = constant.to_string();
    Ok(if text == k.to_string() {
        text
    } else {
        format!("{text} (encoded as {k})")
    })
}

fn write(
    w: &mut dyn Write,
    format: Format,
    h: &super::report::Header,
    r: &PolyReport,
) -> io::Result<()> {
    let order = r.order.as_ref().map(BigUint::to_string);
    let primitive = r.primitive.map(|p| p.to_string());
    match format {
        Format::Json => writeln!(
            w,
            "{{\"tool\":\"lfsr-map\",\"version\":{},\"field\":{},\"field_modulus\":{},\"polynomial\":{}}}",
            json(env!("CARGO_PKG_VERSION"))?,
            h.q,
            json(&h.modulus)?,
            json(r)?
        ),
        Format::Csv => {
            let factors: Vec<String> = r
                .factors
                .iter()
                .map(|f| match f.multiplicity {
                    1 => format!("({})", f.polynomial),
                    m => format!("({})^{m}", f.polynomial),
                })
                .collect();
            writeln!(
                w,
                "polynomial,degree,field,factors,order,irreducible,primitive,order_unknown"
            )?;
            let why = r.order_unknown.as_deref().unwrap_or_default();
            writeln!(
                w,
                "{},{},{},{},{},{},{},{}",
                r.polynomial,
                r.degree,
                h.q,
                factors.join("*"),
                order.unwrap_or_default(),
                r.irreducible,
                primitive.unwrap_or_default(),
                super::report_csv::quote(why)
            )
        }
        Format::Text => {
            let tag = if r.primitive == Some(true) {
                "  [PRIMITIVE]"
            } else {
                ""
            };
            writeln!(w, "POLYNOMIAL: {} over GF({}){tag}", r.polynomial, h.q)?;
            writeln!(w, "  degree {}, leading coefficient {}", r.degree, r.unit_text)?;
            writeln!(w, "\nFACTORS")?;
            let fw = r.factors.iter().map(|f| f.polynomial.len()).max().unwrap_or(0).clamp(8, super::report_text::FACTOR_COLUMN_MAX);
            let orders: Vec<(String, String)> = r
                .factors
                .iter()
                .map(|f| match (&f.order, &f.order_unknown) {
                    (Some(o), _) => (
                        o.to_string(),
                        f.power_order.as_ref().map_or_else(String::new, BigUint::to_string),
                    ),
                    (None, Some(_)) => ("unknown".to_string(), "unknown".to_string()),
                    (None, None) => ("infinite (x)".to_string(), "infinite".to_string()),
                })
                .collect();
            let ow = orders.iter().map(|o| o.0.len()).max().unwrap_or(0).clamp(6, super::report_text::FACTOR_COLUMN_MAX);
            writeln!(
                w,
                "  {:<fw$}  multiplicity e  {:>ow$}  ord(g^e)",
                "factor g", "ord(g)"
            )?;
            for (f, (o, power)) in r.factors.iter().zip(&orders) {
                writeln!(
                    w,
                    "  {:<fw$}  {:>14}  {o:>ow$}  {power}",
                    f.polynomial, f.multiplicity
                )?;
            }
            let order = match (order, &r.order_unknown) {
                (Some(o), _) => o,
                (None, Some(why)) => format!("unknown ({why})"),
                (None, None) => "infinite (x divides it)".to_string(),
            };
            writeln!(w, "\nORDER: {order}")?;
            writeln!(w, "IRREDUCIBLE: {}", if r.irreducible { "yes" } else { "no" })?;
            let primitive = match r.primitive {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unknown (it depends on the order)",
            };
            writeln!(w, "PRIMITIVE: {primitive}")
        }
    }
}
