//! Reading and validating the CSV of coefficient vectors, all of it before any work.
//!
//! Format (the original tool's): one LFSR per row, `c0,c1,...,c_{d-1}` as integers in `0..q`,
//! whitespace around values tolerated, `#` comment lines and blank lines skipped, rows of
//! different degrees allowed. Every bad row is reported as `FILE:ROW:COL: message` (1-based
//! line and character column).
//!
//! Input is bounded, whatever the file is (a regular file, a FIFO, `/dev/zero`): at most
//! [`MAX_INPUT_BYTES`] are read and at most [`MAX_ROWS`] rows accepted; beyond, the run is
//! refused (exit 2) before any work.

use std::io::Read;
use std::path::Path;

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
pub fn read_rows_digest(path: &Path, q: u64) -> Result<(Vec<Row>, String), CliError> {
    let name = display_name(path);
    let bytes = read_file(path, &name)?;
    let digest = super::shard::digest(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        CliError::Input(format!("{name}:{line}: not valid UTF-8 text"))
    })?;
    let rows = parse_rows(&name, &text, q).map_err(error_list)?;
    if rows.is_empty() {
        return Err(CliError::Input(format!(
            "{name}: no LFSR rows (the file is empty or only comments and blank lines)"
        )));
    }
    Ok((rows, digest))
}

/// The most bytes of CSV read: 32 MiB is over a million rows of a degree-8 LFSR, and keeps
/// the parsed coefficients (8 bytes per value) far below a gigabyte.
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

fn read_file(path: &Path, name: &str) -> Result<Vec<u8>, CliError> {
    if !is_stdin(path) && path.is_dir() {
        return Err(CliError::Input(format!(
            "{name}: is a directory, expected a CSV file"
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
            "{name}: larger than the limit of {} MiB; split it into smaller files",
            MAX_INPUT_BYTES >> 20
        )));
    }
    Ok(bytes)
}

/// Parses the whole text; on failure returns one `NAME:ROW:COL: message` per bad value.
pub fn parse_rows(name: &str, text: &str, q: u64) -> Result<Vec<Row>, Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if rows.len() + errors.len() == MAX_ROWS {
            errors.push(format!(
                "{name}:{}: more than {MAX_ROWS} LFSR rows; split the file",
                i + 1
            ));
            break;
        }
        match parse_line(line, q) {
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

    #[test]
    fn comments_blanks_whitespace_and_mixed_degrees() {
        let text = "# header\n\n1,1,0,1\n  2 , 1\t,0  \r\n\n# x\n1\n";
        let rows = parse_rows("f", text, 3).unwrap();
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
        let errors = parse_rows("in.csv", text, 2).unwrap_err();
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
        let rows = parse_rows("f", "\u{feff}1,1\n", 2).unwrap();
        assert_eq!(rows[0].coeffs, vec![1, 1]);
    }
}
