//! The text report, with the sections users of the original tool know: COEFFS SERIES n,
//! STATE UPDATE MATRIX and O(C), STATES SEQUENCES (`**` marks the cycle of `(0,...,0,1)`),
//! PERIOD VALUES SUMMED, NO. STATE VECTORS, CHARACTERISTIC POLYNOMIAL, PERIOD DISTRIBUTION and,
//! for singular LFSRs, TRANSIENT STATES, then PERIOD STATISTICS per LFSR and a RUN block at
//! the end (input, field, start time, total time; `--no-run-info` leaves it out). Readable,
//! not byte-exact with the original.

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use gf_core::order::power_order;
use lfsr_map::analysis::{Analysis, MethodUsed};
use num_bigint::BigUint;
use num_traits::Zero;

use super::report::{push_state, Header, Listing, RunInfo};

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

/// `n` and the noun, singular or plural: `1 cycle`, `6 cycles`.
pub fn count(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let text = n.to_string();
    let noun = if text == "1" { one } else { many };
    format!("{text} {noun}")
}

/// The report's first lines: the tool and the field; for GF(p^n), n > 1, the field modulus
/// in the variable `a` and how elements are written as integers.
pub fn begin(w: &mut dyn Write, h: &Header) -> io::Result<()> {
    writeln!(w, "lfsr-map {} -- GF({})", env!("CARGO_PKG_VERSION"), h.q)?;
    if h.n > 1 {
        writeln!(
            w,
            "  GF({}) = GF({})[a]/({}), the Conway polynomial: field elements are polynomials \
             in a,\n  LFSR polynomials are in x",
            h.q,
            h.p,
            modulus_in_a(&h.modulus)
        )?;
        let terms = |power: &dyn Fn(u32) -> String| -> String {
            let term = |i: u32| format!("a_{i}{}", power(i));
            if h.n <= 3 {
                (0..h.n).map(term).collect::<Vec<_>>().join(" + ")
            } else {
                format!("{} + {} + ... + {}", term(0), term(1), term(h.n - 1))
            }
        };
        let in_a = terms(&|i| match i {
            0 => String::new(),
            1 => "*a".to_string(),
            i => format!("*a^{i}"),
        });
        let p = h.p;
        let in_p = terms(&|i| match i {
            0 => String::new(),
            1 => format!("*{p}"),
            i => format!("*{p}^{i}"),
        });
        writeln!(
            w,
            "  the element {in_a} is written as the integer {in_p}\n  (each a_i from 0 to {}; e.g. {p} = a, \
             {} = a + 1)",
            p - 1,
            p + 1
        )?;
    }
    Ok(())
}

/// The modulus, a polynomial over GF(p) printed in `x`, in the variable `a` (its text holds
/// no other letter).
pub fn modulus_in_a(modulus: &str) -> String {
    modulus.replace('x', "a")
}

/// All sections for one analysis; `listing` and `memory_limit` say why states are not
/// listed when they are not.
pub fn analysis(
    w: &mut dyn Write,
    index: usize,
    a: &Analysis,
    listing: Listing,
    memory_limit: u64,
) -> io::Result<()> {
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
    sequences(w, a, listing, memory_limit)?;
    writeln!(w, "\nPERIOD VALUES SUMMED: {}", a.periods_sum)?;
    writeln!(w, "NO. STATE VECTORS: {}", a.state_count)?;
    polynomial(w, a)?;
    distribution(w, a)?;
    statistics(w, a)?;
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

/// Why the states of `a` are not listed, for the report.
fn not_listed(a: &Analysis, listing: Listing, memory_limit: u64) -> String {
    match listing {
        Listing::PeriodOnly => "--period-only".to_string(),
        Listing::Algebraic => "--method algebraic visits no state".to_string(),
        Listing::Enumerate | Listing::Auto => match super::listing_refusal(a, memory_limit) {
            Some(why) => why,
            None => format!(
                "{} states, more than 2^20 with --method auto; --method enumerate lists them",
                a.state_count
            ),
        },
    }
}

fn sequences(w: &mut dyn Write, a: &Analysis, listing: Listing, limit: u64) -> io::Result<()> {
    writeln!(w, "\nSTATES SEQUENCES")?;
    let Some(seqs) = &a.sequences else {
        return writeln!(
            w,
            "  (states not listed: {}. Counts: PERIOD DISTRIBUTION)",
            not_listed(a, listing, limit)
        );
    };
    let marked = a.field.checked_pow(a.degree as u32 - 1);
    let on_a_cycle = marked.is_some_and(|m| seqs.iter().any(|s| s.states.contains(&m)));
    let legend = if on_a_cycle {
        "  (** = cycle of (0,...,0,1))"
    } else {
        "  ((0,...,0,1) is transient: no cycle marked)"
    };
    writeln!(w, "       seq    period  states{legend}")?;
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
            if buf.len() >= 1 << 16 {
                // A cycle can hold billions of states: hand them on in pieces.
                w.write_all(&buf)?;
                buf.clear();
            }
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
        .clamp(8, FACTOR_COLUMN_MAX);
    let orders: Vec<(String, String)> = a
        .factors
        .iter()
        .map(|f| match &f.order {
            Some(o) => (
                o.to_string(),
                power_order(f.polynomial.field().p(), o, f.multiplicity).to_string(),
            ),
            None => ("infinite (x)".to_string(), "infinite".to_string()),
        })
        .collect();
    let ow = orders
        .iter()
        .map(|o| o.0.len())
        .max()
        .unwrap_or(0)
        .clamp(6, FACTOR_COLUMN_MAX);
    writeln!(
        w,
        "  {:<fw$}  multiplicity e  {:>ow$}  ord(g^e)",
        "factor g", "ord(g)"
    )?;
    for (f, (order, power)) in a.factors.iter().zip(&orders) {
        writeln!(
            w,
            "  {:<fw$}  {:>14}  {order:>ow$}  {power}",
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
    writeln!(
        w,
        "  {}, max period {}",
        count(&a.cycle_count, "cycle", "cycles"),
        a.max_period
    )
}

/// The statistics of the cycle lengths, each cycle counted once.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// The number of cycles.
    pub cycles: BigUint,
    /// The mean cycle length.
    pub mean: Option<Real>,
    /// The median cycle length (the mean of the two middle ones for an even count).
    pub median: Option<Real>,
    /// The population standard deviation of the cycle lengths.
    pub std_dev: Option<Real>,
    /// The shortest cycle length.
    pub min: BigUint,
    /// The longest cycle length.
    pub max: BigUint,
    /// q^d - 1, the longest period an LFSR of degree d can have.
    pub max_possible: BigUint,
    /// max / (q^d - 1).
    pub ratio: Option<Real>,
}

/// A non-negative real number of the statistics, `mantissa * 10^-scale`, exact or with at
/// least [`Real::DIGITS`] correct leading digits: cycle lengths reach 2^50,000, far beyond
/// `f64`, so the statistics are computed on big integers and only rounded when printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Real {
    mantissa: BigUint,
    scale: u32,
}

impl Real {
    /// Significant digits kept beyond the integer part's (more than the report prints).
    const DIGITS: u32 = 20;

    /// `a / b`, or `None` when `b` is zero.
    pub fn ratio(a: &BigUint, b: &BigUint) -> Option<Real> {
        if b.is_zero() {
            return None;
        }
        let scale = Self::DIGITS + decimal_digits(b);
        Some(Real {
            mantissa: a * BigUint::from(10u32).pow(scale) / b,
            scale,
        })
    }

    /// `sqrt(a) / b`, or `None` when `b` is zero.
    pub fn sqrt_ratio(a: &BigUint, b: &BigUint) -> Option<Real> {
        if b.is_zero() {
            return None;
        }
        // sqrt(a * 10^(2s)) / b = sqrt(a) / b * 10^s, the square root and the division
        // floored on integers with s digits to spare.
        let scale = Self::DIGITS + decimal_digits(b);
        let root = (a * BigUint::from(10u32).pow(2 * scale)).sqrt();
        Some(Real {
            mantissa: root / b,
            scale,
        })
    }

    /// The report's text: an integer below 10^16 as such, otherwise 6 significant digits,
    /// in exponent form (`1.23457e20`, `4.00000e-7`) below 10^-5 and from 10^9 on.
    pub fn text(&self) -> String {
        if self.mantissa.is_zero() {
            return "0".to_string();
        }
        let digits = self.mantissa.to_string();
        // The value is 0.DIGITS * 10^int_len (DIGITS has no leading zero).
        let int_len = digits.len() as i64 - i64::from(self.scale);
        let fraction_is_zero = digits
            .bytes()
            .skip(int_len.max(0) as usize)
            .all(|b| b == b'0');
        if fraction_is_zero && (1..=16).contains(&int_len) {
            return digits[..int_len as usize].to_string();
        }
        if (-4..=9).contains(&int_len) {
            // Between 10^-5 and 10^9: 17 leading digits are plenty for 6 in fixed notation.
            let lead_len = digits.len().min(17);
            let lead: u64 = digits[..lead_len]
                .bytes()
                .fold(0, |acc, b| acc * 10 + u64::from(b - b'0'));
            return fixed(lead as f64 * 10f64.powi((int_len - lead_len as i64) as i32));
        }
        // Round the leading digits to 6 and write the exponent.
        let lead: u64 = digits
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(7)
            .fold(0, |acc, b| acc * 10 + u64::from(b - b'0'));
        let mut six = (lead + 5) / 10;
        let mut exponent = int_len - 1;
        if six == 1_000_000 {
            six = 100_000;
            exponent += 1;
        }
        let six = six.to_string();
        format!("{}.{}e{exponent}", &six[..1], &six[1..])
    }
}

/// The text of a statistic, `undefined` where it has no value.
fn text(r: &Option<Real>) -> String {
    r.as_ref()
        .map_or_else(|| "undefined".to_string(), Real::text)
}

/// The number of decimal digits of `n` (1 for zero).
fn decimal_digits(n: &BigUint) -> u32 {
    // bits * log10(2) is at most one below the digit count; + 1 bounds it from above.
    (n.bits() as f64 * std::f64::consts::LOG10_2) as u32 + 1
}

/// The [`Stats`] of `a`, exact on big integers until the final rounding of [`Real::text`].
pub fn stats(a: &Analysis) -> Stats {
    let (mut n, mut s1, mut s2) = (BigUint::zero(), BigUint::zero(), BigUint::zero());
    for c in &a.cycles {
        n += &c.count;
        s1 += &c.period * &c.count;
        s2 += &c.period * &c.period * &c.count;
    }
    // Median: the cycle lengths sorted, with multiplicity; the (n+1)/2-th, or the mean of
    // the n/2-th and (n/2+1)-th.
    let nth = |k: &BigUint| {
        let mut seen = BigUint::zero();
        for c in &a.cycles {
            seen += &c.count;
            if &seen >= k {
                return c.period.clone();
            }
        }
        BigUint::zero()
    };
    let one = BigUint::from(1u32);
    let two = BigUint::from(2u32);
    let lower = nth(&((&n + &one) / 2u32));
    let upper = nth(&(&n / 2u32 + &one));
    // Variance = (n s2 - s1^2) / n^2, exact in the numerator (never negative: Cauchy-Schwarz).
    let spread = &n * &s2 - &s1 * &s1;
    let max_possible = &a.state_count - &one;
    Stats {
        mean: Real::ratio(&s1, &n),
        median: Real::ratio(&(lower + upper), &two),
        std_dev: Real::sqrt_ratio(&spread, &n),
        min: a
            .cycles
            .first()
            .map_or_else(BigUint::zero, |c| c.period.clone()),
        max: a.max_period.clone(),
        ratio: Real::ratio(&a.max_period, &max_possible),
        max_possible,
        cycles: n,
    }
}

/// `x` (between 10^-5 and 10^9, from [`Real::text`]) in fixed notation: as an integer when it
/// is one, otherwise to 6 significant digits without trailing zeros.
fn fixed(x: f64) -> String {
    if x.fract() == 0.0 {
        return format!("{x:.0}");
    }
    let digits = 5 - (x.log10().floor() as i32).clamp(-10, 5);
    let text = format!("{x:.*}", digits.max(0) as usize);
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn statistics(w: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    let s = stats(a);
    let each = if s.cycles == BigUint::from(1u32) {
        ""
    } else {
        ", each counted once"
    };
    writeln!(
        w,
        "\nPERIOD STATISTICS (cycle lengths over {}{each})",
        count(&s.cycles, "cycle", "cycles")
    )?;
    writeln!(
        w,
        "  mean {}, median {}, standard deviation {} (population), min {}, max {}",
        text(&s.mean),
        text(&s.median),
        text(&s.std_dev),
        s.min,
        s.max
    )?;
    writeln!(
        w,
        "  longest possible period q^d - 1 = {}, max period / (q^d - 1) = {}",
        s.max_possible,
        text(&s.ratio)
    )
}

/// The RUN block, at the end of the text report.
pub fn run_block(w: &mut dyn Write, q: u64, run: &RunInfo) -> io::Result<()> {
    writeln!(w, "\nRUN")?;
    writeln!(w, "  input:      {}", run.input)?;
    writeln!(w, "  field:      GF({q})")?;
    writeln!(w, "  started:    {}", utc(run.started))?;
    let total = run.clock.elapsed().as_secs_f64();
    writeln!(w, "  total time: {total:.3} s")
}

/// `t` as `YYYY-MM-DD HH:MM:SS UTC` (civil calendar from days since 1970, H. Hinnant's
/// algorithm, so no date crate is needed).
pub fn utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
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
        "  {} (on no cycle), longest tail {}",
        count(&a.transient_states, "transient state", "transient states"),
        a.max_tail
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
            let steps = if t.tail == 1 { "step" } else { "steps" };
            writeln!(buf, " -> sequence {} after {} {steps}", t.sequence, t.tail)?;
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

#[cfg(test)]
mod tests {
    use super::Real;
    use num_bigint::BigUint;

    fn big(n: u64) -> BigUint {
        BigUint::from(n)
    }

    fn pow2(k: u32) -> BigUint {
        BigUint::from(2u32).pow(k)
    }

    fn text(r: Option<Real>) -> String {
        super::text(&r)
    }

    #[test]
    fn small_values_print_as_before() {
        // 16/6, (2 + 3)/2, sqrt(6 * 60 - 16^2)/6 = sqrt(104)/6: the [1,1,0,1] statistics
        assert_eq!(text(Real::ratio(&big(16), &big(6))), "2.66667");
        assert_eq!(text(Real::ratio(&big(5), &big(2))), "2.5");
        assert_eq!(text(Real::sqrt_ratio(&big(104), &big(6))), "1.69967");
        assert_eq!(text(Real::ratio(&big(2048), &big(1))), "2048");
        assert_eq!(text(Real::sqrt_ratio(&big(2047 * 2047), &big(1))), "2047");
        assert_eq!(text(Real::ratio(&big(6), &big(15))), "0.4");
        assert_eq!(text(Real::ratio(&big(0), &big(5))), "0");
        assert_eq!(text(Real::ratio(&big(1), &big(0))), "undefined");
        // an integer up to 10^16 - 1 in full, then exponent form
        assert_eq!(
            text(Real::ratio(&big(9_999_999_999_999_999), &big(1))),
            "9999999999999999"
        );
        assert_eq!(
            text(Real::ratio(&big(10_000_000_000_000_000), &big(1))),
            "1.00000e16"
        );
    }

    #[test]
    fn values_beyond_f64_keep_their_digits() {
        // 2^1278 = 5.2039660973...e384 and 2^-100 = 7.8886090522...e-31 (Python's decimal)
        assert_eq!(text(Real::ratio(&pow2(1279), &big(2))), "5.20397e384");
        assert_eq!(text(Real::ratio(&big(1), &pow2(100))), "7.88861e-31");
        // {1, 2^d - 1}: n s2 - s1^2 = (2^d - 2)^2, so the deviation is 2^(d-1) - 1
        let d = 1279;
        let spread = (pow2(d) - big(2)) * (pow2(d) - big(2));
        assert_eq!(text(Real::sqrt_ratio(&spread, &big(2))), "5.20397e384");
        // 2^44496 = 4.2725491215...e13394
        assert_eq!(text(Real::ratio(&pow2(44497), &big(2))), "4.27255e13394");
        // rounding carries into the exponent: 9.9999995e20 -> 1.00000e21
        let n = big(99_999_995) * BigUint::from(10u32).pow(13);
        assert_eq!(text(Real::ratio(&n, &big(1))), "1.00000e21");
        // (2^127 - 1) / (2^128 - 1) is just below one half
        assert_eq!(
            text(Real::ratio(&(pow2(127) - big(1)), &(pow2(128) - big(1)))),
            "0.5"
        );
    }
}
