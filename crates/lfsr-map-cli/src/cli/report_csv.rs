//! The CSV report: a header, then one row per analysis with the scalar fields.
//!
//! Lists are flattened into one cell: `coefficients` space separated (`1 1 0 1`), `factors` as
//! a product (`(x + 1)^2*(x^2 + x + 1)`), `cycles` as `period:count` pairs (`1:2 2:1 3:2 6:1`).
//! Absent values (an infinite order) are empty cells. Cells are quoted only when needed.
//! A census ends with its summary as `#` comment lines (see `Summary::write_csv` and
//! docs/json-schema.md).

use std::fmt::Write as _;
use std::io::{self, Write};

use lfsr_map::analysis::Analysis;
use num_bigint::BigUint;

const COLUMNS: &str = "index,coefficients,degree,field,characteristic_polynomial,factors,\
polynomial_order,matrix_order,primitive,irreducible,singular,state_count,cycle_count,\
max_period,periods_sum,transient_states,max_tail,cycles,method";

/// Writes the header row.
pub fn begin(w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "{COLUMNS}")
}

/// Writes one analysis as a row.
pub fn analysis(w: &mut dyn Write, index: usize, a: &Analysis) -> io::Result<()> {
    let join = |v: &mut dyn Iterator<Item = String>| v.collect::<Vec<_>>().join(" ");
    let mut factors = String::new();
    for (k, f) in a.factors.iter().enumerate() {
        let star = if k > 0 { "*" } else { "" };
        let _ = write!(factors, "{star}({})", f.polynomial);
        if f.multiplicity > 1 {
            let _ = write!(factors, "^{}", f.multiplicity);
        }
    }
    let cells = [
        index.to_string(),
        join(&mut a.coefficients.iter().map(u64::to_string)),
        a.degree.to_string(),
        a.field.to_string(),
        a.characteristic_polynomial.to_string(),
        factors,
        opt(&a.polynomial_order),
        opt(&a.polynomial_order), // matrix_order: the same value
        a.primitive.to_string(),
        a.irreducible.to_string(),
        a.singular.to_string(),
        a.state_count.to_string(),
        a.cycle_count.to_string(),
        a.max_period.to_string(),
        a.periods_sum.to_string(),
        a.transient_states.to_string(),
        a.max_tail.to_string(),
        join(&mut a.cycles.iter().map(|c| format!("{}:{}", c.period, c.count))),
        super::report_text::method_name(a.method).to_string(),
    ];
    let row: Vec<String> = cells.iter().map(|c| quote(c)).collect();
    writeln!(w, "{}", row.join(","))
}

fn opt(v: &Option<BigUint>) -> String {
    v.as_ref().map(BigUint::to_string).unwrap_or_default()
}

/// RFC 4180 quoting: only cells holding a comma, quote or line break are quoted.
pub fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_only_when_needed() {
        assert_eq!(quote("x^2 + x + 1"), "x^2 + x + 1");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
