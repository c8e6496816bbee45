//! The text report, with the sections users of the original tool know: COEFFS SERIES n,
//! STATE UPDATE MATRIX and O(C), STATES SEQUENCES (`**` marks the cycle of `(0,...,0,1)`),
//! PERIOD VALUES SUMMED, NO. STATE VECTORS, CHARACTERISTIC POLYNOMIAL, PERIOD DISTRIBUTION and,
//! for singular LFSRs, TRANSIENT STATES. Readable, not byte-exact with the original.

use std::io::{self, Write};

use lfsr_map::analysis::{Analysis, MethodUsed};
use num_bigint::BigUint;

use super::report::{push_state, Header};

/// Matrices of larger degree are described instead of printed.
const MATRIX_PRINT_LIMIT: usize = 32;
/// Width of a line of the state listing.
const LINE_WIDTH: usize = 100;

/// Names the method as in the JSON report.
pub fn method_name(m: MethodUsed) -> &'static str {
    match m {
        MethodUsed::Enumerate => "enumerate",
        MethodUsed::Algebraic => "algebraic",
    }
}

/// The report's first line.
pub fn begin(w: &mut dyn Write, h: &Header) -> io::Result<()> {
    writeln!(
        w,
        "lfsr-map {} -- GF({}), field modulus {}",
        env!("CARGO_PKG_VERSION"),
        h.q,
        h.modulus
    )
}

/// All sections for one analysis.
pub fn analysis(w: &mut dyn Write, index: usize, a: &Analysis) -> io::Result<()> {
    let list: Vec<String> = a.coefficients.iter().map(u64::to_string).collect();
    writeln!(w, "\nCOEFFS SERIES {index}: [{}]", list.join(", "))?;
    writeln!(
        w,
        "  GF({}), degree {}, method {}",
        a.field,
        a.degree,
        method_name(a.method)
    )?;
    matrix(w, a)?;
    sequences(w, a)?;
    writeln!(w, "\nPERIOD VALUES SUMMED: {}", a.periods_sum)?;
    writeln!(w, "NO. STATE VECTORS: {}", a.state_count)?;
    polynomial(w, a)?;
    distribution(w, a)?;
    if a.singular {
        transients(w, a)?;
    }
    Ok(())
}

fn matrix(w: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    let d = a.degree;
    writeln!(w, "\nSTATE UPDATE MATRIX")?;
    if d > MATRIX_PRINT_LIMIT {
        writeln!(
            w,
            "  ({d} x {d} companion matrix: ones below the diagonal, the coefficients in the \
             last column; not printed above degree {MATRIX_PRINT_LIMIT})"
        )?;
    } else {
        let width = (a.field - 1).to_string().len();
        for i in 0..d {
            let row: Vec<String> = (0..d)
                .map(|j| {
                    let v = if j == d - 1 {
                        a.coefficients[i]
                    } else {
                        u64::from(i == j + 1)
                    };
                    format!("{v:>width$}")
                })
                .collect();
            writeln!(w, "  [{}]", row.join(" "))?;
        }
    }
    match &a.polynomial_order {
        Some(o) => writeln!(w, "O(C) = {o}"),
        None => writeln!(w, "O(C) = infinite (C is singular: c0 = 0)"),
    }
}

fn sequences(w: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    writeln!(w, "\nSTATES SEQUENCES")?;
    let Some(seqs) = &a.sequences else {
        if !super::listable(a) {
            return writeln!(
                w,
                "  (states not listed: {} states are too many to list. Counts: PERIOD \
                 DISTRIBUTION)",
                a.state_count
            );
        }
        return writeln!(
            w,
            "  (states not listed: --period-only, --method algebraic, or more than 2^20 states \
             with --method auto; --method enumerate lists them. Counts: PERIOD DISTRIBUTION)"
        );
    };
    let marked = a.field.checked_pow(a.degree as u32 - 1);
    writeln!(
        w,
        "       seq    period  states  (** = cycle of (0,...,0,1))"
    )?;
    let mut buf = Vec::with_capacity(1 << 16);
    for s in seqs {
        let mark = if marked.is_some_and(|m| s.states.contains(&m)) {
            "**"
        } else {
            "  "
        };
        write!(buf, "  {mark} {:>6} {:>9}  ", s.number, s.period)?;
        let indent = buf.len() - buf.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let mut line_len = indent;
        for (k, &state) in s.states.iter().enumerate() {
            let start = buf.len();
            if k > 0 {
                buf.push(b' ');
            }
            push_state(&mut buf, state, a.field, a.degree, *b"()");
            line_len += buf.len() - start;
            if line_len > LINE_WIDTH && k > 0 {
                // Move this state to a fresh continuation line.
                let tuple = buf.split_off(start + 1);
                buf.truncate(start);
                buf.push(b'\n');
                buf.resize(buf.len() + indent, b' ');
                line_len = indent + tuple.len();
                buf.extend_from_slice(&tuple);
            }
        }
        buf.push(b'\n');
        if buf.len() >= 1 << 16 {
            w.write_all(&buf)?;
            buf.clear();
        }
    }
    w.write_all(&buf)
}

fn polynomial(w: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    let tag = if a.primitive { "  [PRIMITIVE]" } else { "" };
    writeln!(
        w,
        "\nCHARACTERISTIC POLYNOMIAL: {}{tag}",
        a.characteristic_polynomial
    )?;
    let fw = a
        .factors
        .iter()
        .map(|f| f.polynomial.to_string().len())
        .max()
        .unwrap_or(0)
        .clamp(6, FACTOR_COLUMN_MAX);
    writeln!(w, "  {:<fw$}  multiplicity  order of factor", "factor")?;
    for f in &a.factors {
        let order = f
            .order
            .as_ref()
            .map_or_else(|| "infinite (x)".to_string(), BigUint::to_string);
        writeln!(
            w,
            "  {:<fw$}  {:>12}  {order}",
            f.polynomial.to_string(),
            f.multiplicity
        )?;
    }
    let order = a
        .polynomial_order
        .as_ref()
        .map_or_else(|| "infinite (x divides it)".to_string(), BigUint::to_string);
    writeln!(
        w,
        "  order {order}, irreducible: {}, primitive: {}",
        yes_no(a.irreducible),
        yes_no(a.primitive)
    )
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn distribution(w: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    writeln!(w, "\nPERIOD DISTRIBUTION")?;
    let rows: Vec<[String; 3]> = a
        .cycles
        .iter()
        .map(|c| {
            let states = &c.period * &c.count;
            [
                c.period.to_string(),
                c.count.to_string(),
                states.to_string(),
            ]
        })
        .collect();
    table(w, ["period", "cycles", "states"], &rows, [12, 12, 14])?;
    writeln!(w, "  {} cycles, max period {}", a.cycle_count, a.max_period)
}

/// Writes right-aligned columns under `headers`, each at least `min` wide and as wide as
/// its widest cell (periods and counts can have hundreds of digits).
pub fn table<const N: usize>(
    w: &mut dyn Write,
    headers: [&str; N],
    rows: &[[String; N]],
    min: [usize; N],
) -> io::Result<()> {
    let mut widths = min;
    for (k, width) in widths.iter_mut().enumerate() {
        let widest = rows.iter().map(|r| r[k].len()).chain([headers[k].len()]);
        *width = widest.fold(*width, usize::max);
    }
    let line = |cells: [&str; N]| {
        let padded: Vec<String> = (0..N)
            .map(|k| format!("{:>w$}", cells[k], w = widths[k]))
            .collect();
        format!("  {}", padded.join("  "))
    };
    writeln!(w, "{}", line(headers))?;
    for r in rows {
        writeln!(w, "{}", line(r.each_ref().map(String::as_str)))?;
    }
    Ok(())
}

fn transients(w: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    writeln!(w, "\nTRANSIENT STATES")?;
    writeln!(
        w,
        "  {} transient states (on no cycle), longest tail {}",
        a.transient_states, a.max_tail
    )?;
    let rows: Vec<[String; 2]> = a
        .tails
        .iter()
        .map(|t| [t.tail.to_string(), t.count.to_string()])
        .collect();
    table(w, ["tail", "states"], &rows, [6, 14])?;
    if let Some(list) = &a.transients {
        let mut buf = Vec::with_capacity(1 << 16);
        for t in list {
            buf.extend_from_slice(b"  ");
            push_state(&mut buf, t.state, a.field, a.degree, *b"()");
            writeln!(buf, " -> sequence {} after {} steps", t.sequence, t.tail)?;
            if buf.len() >= 1 << 16 {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        w.write_all(&buf)?;
    }
    Ok(())
}

/// One line per LFSR for the census (`index` 1-based; the first call writes the header).
pub fn census_line(w: &mut dyn Write, index: usize, a: &Analysis) -> io::Result<()> {
    if index == 1 {
        writeln!(
            w,
            "\n{:>7}  {:<24}  {:>12}  {:>8}  polynomial",
            "#", "coefficients", "max period", "cycles"
        )?;
    }
    let list: Vec<String> = a.coefficients.iter().map(u64::to_string).collect();
    let tag = if a.primitive {
        "  [PRIMITIVE]"
    } else if a.irreducible {
        "  [irreducible]"
    } else {
        ""
    };
    writeln!(
        w,
        "{index:>7}  {:<24}  {:>12}  {:>8}  {}{tag}",
        list.join(","),
        a.max_period,
        a.cycle_count,
        a.characteristic_polynomial
    )
}

/// The widest the factor column is padded to: longer factors (a dense one of degree 40,000
/// is 300,000 characters, beyond what `format!` can pad) just push the columns after them.
pub(super) const FACTOR_COLUMN_MAX: usize = 64;
