//! Reading and validating the LFSRs of an input file, all of it before any work.
//!
//! Format (the original tool's, extended): one LFSR per row, `c0,c1,...,c_{d-1}` as integers
//! in `0..q`, whitespace around values tolerated, `#` comment lines and blank lines skipped,
//! rows of different degrees allowed. Two friendlier forms:
//!
//! - A row without a comma that holds an `x` (or `X`) is a characteristic polynomial, monic
//!   (`x^4 + x + 1`, `x^2 + (a + 1)x + a`; the parser of [`gf_core::Poly::parse`]); its row is
//!   `c_i = -(coefficient of x^i)`, the project's convention. So a file with one polynomial
//!   per line (the text output of `lfsr-map find`) is an input.
//! - The first row may be a header naming the columns: `c0,c1,...,c_{d-1}` (then every row
//!   has exactly those d values), or with a column `poly` (or `polynomial`) holding the
//!   polynomial of each row (other columns are then ignored).
//!
//! Every bad row is reported as `FILE:ROW:COL: message` (1-based line and character column).
//!
//! Input is bounded, whatever the file is (a regular file, a FIFO, `/dev/zero`): at most
//! [`MAX_INPUT_BYTES`] are read and at most [`MAX_ROWS`] rows accepted; beyond, the run is
//! refused (exit 2) before any work.

use std::io::Read;
use std::path::Path;

use gf_core::{Field, Poly, PolyError};

use super::CliError;

/// One data row: its 1-based line number and its coefficients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line number in the file.
    pub line: usize,
    /// `[c0, ..., c_{d-1}]`, each checked to be `< q`.
    pub coeffs: Vec<u64>,
}

/// How messages name the input: the path, or `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads `path` (standard input for `-`) and parses every row; an unreadable file or any
/// bad row is a [`CliError::Input`] listing the problems.
///
/// Also returns the SHA-256 of the bytes read (hex), which names the input of a sharded job.
pub fn read_rows_digest(path: &Path, field: &Field) -> Result<(Vec<Row>, String), CliError> {
    let name = display_name(path);
    let bytes = read_file(path, &name, "a CSV file")?;
    let digest = super::shard::digest(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        CliError::Input(format!("{name}:{line}: not valid UTF-8 text"))
    })?;
    let rows = parse_rows(&name, &text, field).map_err(error_list)?;
    if rows.is_empty() {
        return Err(CliError::Input(format!(
            "{name}: no LFSR rows (the file is empty or only comments and blank lines)"
        )));
    }
    Ok((rows, digest))
}

/// The most bytes of an input file read (a CSV of LFSRs, a sequence for `synth`): 32 MiB is
/// over a million rows of a degree-8 LFSR, and keeps the parsed values (8 bytes each) far
/// below a gigabyte.
pub const MAX_INPUT_BYTES: u64 = 32 << 20;

/// The most LFSR rows one file may hold (2^20; the file is read whole, within
/// [`MAX_INPUT_BYTES`]).
pub const MAX_ROWS: usize = 1 << 20;

/// At most this many bad rows are listed; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 50;

/// One input error listing `errors`, the first [`MAX_LISTED_ERRORS`] of them in full.
pub fn error_list(mut errors: Vec<String>) -> CliError {
    let more = errors.len().saturating_sub(MAX_LISTED_ERRORS);
    errors.truncate(MAX_LISTED_ERRORS);
    if more > 0 {
        let s = if more == 1 { "" } else { "s" };
        errors.push(format!("... and {more} more error{s}"));
    }
    CliError::Input(errors.join("\n"))
}

/// The whole of `path` (`-`: standard input), at most [`MAX_INPUT_BYTES`]; `kind` says what
/// it should be ("a CSV file") when it is a directory. Errors name the file.
pub(super) fn read_file(path: &Path, name: &str, kind: &str) -> Result<Vec<u8>, CliError> {
    if !is_stdin(path) && path.is_dir() {
        return Err(CliError::Input(format!(
            "{name}: is a directory, expected {kind}"
        )));
    }
    let cannot = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        CliError::Input(format!("{name}: cannot read: {why}"))
    };
    let mut bytes = Vec::new();
    let input: Box<dyn Read> = if is_stdin(path) {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(cannot)?)
    };
    input
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(CliError::Input(format!(
            "{name}: larger than the limit of {} MiB (split a CSV of LFSRs into smaller files)",
            MAX_INPUT_BYTES >> 20
        )));
    }
    Ok(bytes)
}

/// The LFSRs of `--poly` options: each a monic polynomial; errors name the option.
pub fn poly_rows(polys: &[String], field: &Field) -> Result<(Vec<Row>, String), CliError> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (k, text) in polys.iter().enumerate() {
        match poly_row(text, field) {
            Ok(coeffs) => rows.push(Row {
                line: k + 1,
                coeffs,
            }),
            Err((col, msg)) => errors.push(format!("--poly #{}: column {col}: {msg}", k + 1)),
        }
    }
    if !errors.is_empty() {
        return Err(error_list(errors));
    }
    let digest = super::shard::digest(polys.join("\n").as_bytes());
    Ok((rows, digest))
}

/// The coefficient row `c_i = -(coefficient of x^i)` of a monic polynomial of degree >= 1
/// written as text; the error is (1-based character column, message).
pub fn poly_row(text: &str, field: &Field) -> Result<Vec<u64>, (usize, String)> {
    let f = Poly::parse(field, text).map_err(|e| match e {
        PolyError::Parse { column, message } => (column, message),
        e => (1, e.to_string()),
    })?;
    let lead = text.len() - text.trim_start().len();
    let col = text[..lead].chars().count() + 1;
    match f.degree() {
        Some(d) if d >= 1 && f.is_monic() => {
            Ok(f.coeffs()[..d].iter().map(|&c| field.neg(c)).collect())
        }
        Some(d) if d >= 1 => Err((
            col,
            format!(
                "{f} is not monic (leading coefficient {}): an LFSR's characteristic \
                 polynomial is x^d - sum c_i x^i",
                field.format_element(f.leading())
            ),
        )),
        _ => Err((
            col,
            format!("{f} has degree 0: an LFSR needs degree at least 1"),
        )),
    }
}

/// What the columns of the file are, from its header row (or their absence).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Columns {
    /// No header: each row is coefficients, or a polynomial (no comma, an `x`).
    Free,
    /// `c0,...,c_{d-1}`: rows of exactly `d` coefficients.
    Coefficients(usize),
    /// A column `poly` at this index (0-based) out of this many.
    Poly(usize, usize),
}

/// The header of `line`, if it is one: every field a name, one of them `c0`, `poly` or
/// `polynomial`. A header naming other columns is an error (column, message).
fn header(line: &str) -> Option<Result<Columns, (usize, String)>> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let is_name = |f: &&str| {
        f.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let poly_name =
        |f: &str| f.eq_ignore_ascii_case("poly") || f.eq_ignore_ascii_case("polynomial");
    if !fields.iter().all(is_name)
        || !fields
            .iter()
            .any(|f| f.eq_ignore_ascii_case("c0") || poly_name(f))
    {
        return None;
    }
    let cols = columns_of(line);
    let polys: Vec<usize> = (0..fields.len())
        .filter(|&k| poly_name(fields[k]))
        .collect();
    Some(match polys.as_slice() {
        [k] => Ok(Columns::Poly(*k, fields.len())),
        [_, k, ..] => Err((
            cols[*k],
            format!("a second polynomial column '{}'", fields[*k]),
        )),
        [] => fields
            .iter()
            .enumerate()
            .find(|(k, f)| !f.eq_ignore_ascii_case(&format!("c{k}")))
            .map_or(Ok(Columns::Coefficients(fields.len())), |(k, f)| {
                Err((
                    cols[k],
                    format!(
                        "header column {}: expected 'c{k}', found '{}' (a header names the \
                         coefficients c0,c1,... in order, or a column 'poly')",
                        k + 1,
                        super::shorten(f)
                    ),
                ))
            }),
    })
}

/// The 1-based character column where each comma-separated field's text starts.
fn columns_of(line: &str) -> Vec<usize> {
    let mut cols = Vec::new();
    let mut start = 0;
    for field in line.split(',') {
        let lead = field.len() - field.trim_start().len();
        cols.push(line[..start + lead].chars().count() + 1);
        start += field.len() + 1;
    }
    cols
}

/// Parses the whole text; on failure returns one `NAME:ROW:COL: message` per bad value.
pub fn parse_rows(name: &str, text: &str, field: &Field) -> Result<Vec<Row>, Vec<String>> {
    let q = field.q();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut columns = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if columns.is_none() {
            match header(line) {
                Some(Ok(c)) => {
                    columns = Some(c);
                    continue;
                }
                Some(Err((col, msg))) => {
                    errors.push(format!("{name}:{}:{col}: {msg}", i + 1));
                    columns = Some(Columns::Free);
                    continue;
                }
                None => columns = Some(Columns::Free),
            }
        }
        if rows.len() + errors.len() == MAX_ROWS {
            errors.push(format!(
                "{name}:{}: more than {MAX_ROWS} LFSR rows; split the file",
                i + 1
            ));
            break;
        }
        let parsed = match columns {
            Some(Columns::Poly(k, n)) => poly_column(line, k, n, field),
            Some(Columns::Coefficients(d)) => parse_line(line, q).and_then(|c| {
                if c.len() == d {
                    Ok(c)
                } else {
                    Err((
                        1,
                        format!(
                            "{} values, but the header names {d} (c0..c{})",
                            c.len(),
                            d - 1
                        ),
                    ))
                }
            }),
            _ if !line.contains(',') && line.contains(['x', 'X']) => poly_row(line, field),
            _ => parse_line(line, q),
        };
        match parsed {
            Ok(coeffs) => rows.push(Row {
                line: i + 1,
                coeffs,
            }),
            Err((col, msg)) => errors.push(format!("{name}:{}:{col}: {msg}", i + 1)),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The row of the polynomial in field `k` of `n` of `line`.
fn poly_column(line: &str, k: usize, n: usize, field: &Field) -> Result<Vec<u64>, (usize, String)> {
    let fields: Vec<&str> = line.split(',').collect();
    if fields.len() != n {
        return Err((
            1,
            format!("{} columns, but the header names {n}", fields.len()),
        ));
    }
    let start = columns_of(line)[k];
    let text = fields[k];
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    poly_row(text, field).map_err(|(col, msg)| {
        // `col` counts from the start of the field, `start` is where its text begins.
        (start + col.saturating_sub(lead + 1), format!("poly: {msg}"))
    })
}

/// Parses one data line; the error is (1-based character column, message).
fn parse_line(line: &str, q: u64) -> Result<Vec<u64>, (usize, String)> {
    let mut coeffs = Vec::new();
    let mut start = 0; // byte offset of the current field
    for (k, field) in line.split(',').enumerate() {
        let lead = field.len() - field.trim_start().len();
        let col = line[..start + lead].chars().count() + 1;
        coeffs.push(parse_value(field.trim(), k, q).map_err(|msg| (col, msg))?);
        start += field.len() + 1;
    }
    Ok(coeffs)
}

fn parse_value(text: &str, k: usize, q: u64) -> Result<u64, String> {
    if text.is_empty() {
        return Err(format!(
            "c{k}: empty value (expected an element of GF({q}), 0 to {})",
            q - 1
        ));
    }
    let shown = super::shorten(text);
    if let Some(rest) = text.strip_prefix('-') {
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            if rest.bytes().all(|b| b == b'0') {
                return Err(format!("c{k}: {shown}: write 0 without a sign"));
            }
            return Err(format!(
                "c{k}: {shown} is negative (elements of GF({q}) are 0 to {})",
                q - 1
            ));
        }
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("c{k}: '{shown}' is not an integer"));
    }
    match text.parse::<u64>() {
        Ok(v) if v < q => Ok(v),
        _ => Err(format!(
            "c{k}: {shown} is not an element of GF({q}) (allowed 0 to {})",
            q - 1
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gf(q: u64) -> Field {
        Field::new(q).unwrap()
    }

    fn coeffs(text: &str, q: u64) -> Vec<Vec<u64>> {
        parse_rows("f", text, &gf(q))
            .unwrap()
            .into_iter()
            .map(|r| r.coeffs)
            .collect()
    }

    #[test]
    fn polynomial_rows_give_the_negated_coefficients() {
        // x^4 + x + 1 over GF(2): c = [1, 1, 0, 0]; x^3 + 2x^2 + x + 2 over GF(3): [1, 2, 1]
        // (the conventions' example); over GF(5), x^2 + 3x + 1: c = [-1, -3] = [4, 2].
        assert_eq!(coeffs("x^4 + x + 1\n", 2), [vec![1, 1, 0, 0]]);
        assert_eq!(
            coeffs("x^3 + 2*x^2 + x + 2\n1,2,1\n", 3),
            [vec![1, 2, 1], vec![1, 2, 1]]
        );
        assert_eq!(coeffs("X**2 + 3X + 1", 5), [vec![4, 2]]);
        // GF(4): x^2 + x + a is the row [2, 1] of the reference (2 encodes a; -a = a).
        assert_eq!(coeffs("x^2 + x + a", 4), [vec![2, 1]]);
        assert_eq!(coeffs("x", 7), [vec![0]]);
    }

    #[test]
    fn headers_name_the_columns() {
        assert_eq!(coeffs("c0,c1,c2\n1,1,0\n", 2), [vec![1, 1, 0]]);
        assert_eq!(coeffs(" C0 , c1\n# c\n1,1\n", 2), [vec![1, 1]]);
        let text = "name,poly\nA5/1 R1,x^19 + x^18 + x^17 + x^14 + 1\nsmall, x^2+x+1\n";
        let rows = coeffs(text, 2);
        assert_eq!(rows[1], vec![1, 1]);
        assert_eq!(rows[0].len(), 19);
        assert_eq!(coeffs("polynomial\nx^3 + x + 1\n", 2), [vec![1, 1, 0]]);
    }

    #[test]
    fn bad_headers_and_polynomials_point_at_the_column() {
        let errors = |text: &str, q: u64| parse_rows("f", text, &gf(q)).unwrap_err();
        assert_eq!(
            errors("c0, c2\n1,1\n", 2),
            ["f:1:5: header column 2: expected 'c1', found 'c2' (a header names the coefficients c0,c1,... in order, or a column 'poly')"]
        );
        assert_eq!(
            errors("c0,c1\n1,1,0\n", 2),
            ["f:2:1: 3 values, but the header names 2 (c0..c1)"]
        );
        assert_eq!(
            errors("poly,poly\n", 2),
            ["f:1:6: a second polynomial column 'poly'"]
        );
        assert_eq!(
            errors("x^4 + x + 1\nx^4 + y\n", 2),
            ["f:2:7: unexpected 'y', expected a term"]
        );
        assert_eq!(
            errors("name,poly\na,  x^2 + # \n", 2),
            ["f:2:11: poly: unexpected '#', expected a term"]
        );
        assert_eq!(
            errors("name,poly\na\n", 2),
            ["f:2:1: 1 columns, but the header names 2"]
        );
        let e = errors("  2x^3 + 1\n", 3);
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("f:1:3: 2*x^3 + 1 is not monic (leading coefficient 2)"),
            "{e:?}"
        );
        assert_eq!(
            errors("x^0 + x - x\n", 3),
            ["f:1:1: 1 has degree 0: an LFSR needs degree at least 1"]
        );
        assert_eq!(
            errors("x + 5\n", 5)[0],
            "f:1:5: 5 is not an element of GF(5)"
        );
    }

    #[test]
    fn comments_blanks_whitespace_and_mixed_degrees() {
        let text = "# header\n\n1,1,0,1\n  2 , 1\t,0  \r\n\n# x\n1\n";
        let rows = parse_rows("f", text, &gf(3)).unwrap();
        assert_eq!(
            rows,
            vec![
                Row {
                    line: 3,
                    coeffs: vec![1, 1, 0, 1]
                },
                Row {
                    line: 4,
                    coeffs: vec![2, 1, 0]
                },
                Row {
                    line: 7,
                    coeffs: vec![1]
                },
            ]
        );
    }

    #[test]
    fn every_bad_row_is_reported_with_its_column() {
        let text = "1,x,0\n1,1\n 1, 2\n1,,1\n,\n1,-1\n1,99999999999999999999999\n1,-00\n";
        let errors = parse_rows("in.csv", text, &gf(2)).unwrap_err();
        assert_eq!(
            errors,
            vec![
                "in.csv:1:3: c1: 'x' is not an integer",
                "in.csv:3:5: c1: 2 is not an element of GF(2) (allowed 0 to 1)",
                "in.csv:4:3: c1: empty value (expected an element of GF(2), 0 to 1)",
                "in.csv:5:1: c0: empty value (expected an element of GF(2), 0 to 1)",
                "in.csv:6:3: c1: -1 is negative (elements of GF(2) are 0 to 1)",
                "in.csv:7:3: c1: 99999999999999999999999 is not an element of GF(2) (allowed 0 to 1)",
                "in.csv:8:3: c1: -00: write 0 without a sign",
            ]
        );
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let rows = parse_rows("f", "\u{feff}1,1\n", &gf(2)).unwrap();
        assert_eq!(rows[0].coeffs, vec![1, 1]);
    }
}
