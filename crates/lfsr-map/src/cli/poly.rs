//! `lfsr-map poly`: factorization, orders, irreducibility and primitivity of one polynomial.

use std::io::{self, Write};

use gf_core::factor::{factor, is_irreducible};
use gf_core::order::{irreducible_order, is_primitive, order, Order};
use gf_core::Poly;
use lfsr_map::analysis::{ser_opt_big, FactorInfo};
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
    factors: Vec<FactorInfo>,
    #[serde(serialize_with = "ser_opt_big")]
    order: Option<BigUint>,
    irreducible: bool,
    primitive: bool,
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
    let report = analyze(&f, degree)?;
    let mut sink = Sink::open(c.output.as_deref())?;
    write(sink.writer(), c.format, &header(&field)?, &report).map_err(write_error)?;
    sink.commit()
}

fn analyze(f: &Poly, degree: usize) -> Result<PolyReport, CliError> {
    let fail = |e: &dyn std::fmt::Display| CliError::Failure(format!("{f}: {e}"));
    let factorization = factor(f).map_err(|e| fail(&e))?;
    let x = Poly::x(f.field());
    let mut factors = Vec::with_capacity(factorization.factors.len());
    for (g, multiplicity) in &factorization.factors {
        let order = if *g == x {
            None
        } else {
            Some(irreducible_order(g).map_err(|e| fail(&e))?)
        };
        factors.push(FactorInfo {
            polynomial: g.to_string(),
            multiplicity: *multiplicity,
            order,
        });
    }
    let order = match order(f).map_err(|e| fail(&e))? {
        Order::Finite(n) => Some(n),
        Order::Infinite => None,
    };
    Ok(PolyReport {
        polynomial: f.to_string(),
        degree,
        unit: factorization.unit,
        factors,
        order,
        irreducible: is_irreducible(f),
        primitive: is_primitive(f).map_err(|e| fail(&e))?,
    })
}

fn write(
    w: &mut dyn Write,
    format: Format,
    h: &super::report::Header,
    r: &PolyReport,
) -> io::Result<()> {
    let order = r.order.as_ref().map(BigUint::to_string);
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
            writeln!(w, "polynomial,degree,field,factors,order,irreducible,primitive")?;
            writeln!(
                w,
                "{},{},{},{},{},{},{}",
                r.polynomial,
                r.degree,
                h.q,
                factors.join("*"),
                order.unwrap_or_default(),
                r.irreducible,
                r.primitive
            )
        }
        Format::Text => {
            let tag = if r.primitive { "  [PRIMITIVE]" } else { "" };
            writeln!(w, "POLYNOMIAL: {} over GF({}){tag}", r.polynomial, h.q)?;
            writeln!(w, "  degree {}, leading coefficient {}", r.degree, r.unit)?;
            writeln!(w, "\nFACTORS")?;
            let fw = r.factors.iter().map(|f| f.polynomial.len()).max().unwrap_or(0).max(6);
            writeln!(w, "  {:<fw$}  multiplicity  order of factor", "factor")?;
            for f in &r.factors {
                let o = f.order.as_ref().map_or_else(|| "infinite (x)".into(), BigUint::to_string);
                writeln!(w, "  {:<fw$}  {:>12}  {o}", f.polynomial, f.multiplicity)?;
            }
            writeln!(
                w,
                "\nORDER: {}",
                order.unwrap_or_else(|| "infinite (x divides it)".into())
            )?;
            writeln!(w, "IRREDUCIBLE: {}", if r.irreducible { "yes" } else { "no" })?;
            writeln!(w, "PRIMITIVE: {}", if r.primitive { "yes" } else { "no" })
        }
    }
}
