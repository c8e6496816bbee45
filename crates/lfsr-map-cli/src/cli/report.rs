//! The report of a run in any `--format`, written as the analyses arrive.

use std::io::{self, Write};

use lfsr_map::analysis::Analysis;

use super::args::Format;
use lfsr_map::census::Summary;

use super::census;
use super::{report_csv, report_json, report_text};

/// What every report states once: the field.
pub struct Header {
    /// The field order q.
    pub q: u64,
    /// The field's defining (Conway) polynomial over GF(p), SageMath style.
    pub modulus: String,
}

/// A report being written: [`Report::begin`], then [`Report::rendered`] per LFSR (the bytes
/// of its [`Report::renderer`]), then [`Report::end`].
pub struct Report<'w> {
    format: Format,
    census: bool,
    w: &'w mut dyn Write,
}

impl<'w> Report<'w> {
    /// Starts a report; `census` selects the compact text form (one line per LFSR).
    pub fn begin(
        format: Format,
        census: bool,
        header: &Header,
        w: &'w mut dyn Write,
    ) -> io::Result<Self> {
        match format {
            Format::Text => report_text::begin(w, header)?,
            Format::Json => report_json::begin(w, header)?,
            Format::Csv => report_csv::begin(w)?,
        }
        Ok(Report { format, census, w })
    }

    /// A report of which only the rows are written (a shard's part): nothing is written
    /// before them, and [`Report::end`] is not to be called.
    pub fn rows_only(format: Format, census: bool, w: &'w mut dyn Write) -> Self {
        Report { format, census, w }
    }

    /// Where rows rendered elsewhere (a shard's part) are copied, in order.
    pub fn rows_writer(&mut self) -> &mut dyn Write {
        self.w
    }

    /// Starts a report that will hold only a census summary (`census --summary`): as
    /// [`Report::begin`], but the CSV form has no header row for analyses.
    pub fn begin_summary(
        format: Format,
        header: &Header,
        w: &'w mut dyn Write,
    ) -> io::Result<Self> {
        match format {
            Format::Text => report_text::begin(w, header)?,
            Format::Json => report_json::begin(w, header)?,
            Format::Csv => {}
        }
        Ok(Report {
            format,
            census: true,
            w,
        })
    }

    /// How this report writes one analysis, to hand to the threads that render them.
    pub fn renderer(&self) -> Renderer {
        Renderer {
            format: self.format,
            census: self.census,
        }
    }

    /// Adds an analysis that a [`Renderer`] of this report rendered.
    pub fn rendered(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)
    }

    /// Ends the report, with the census summary if there is one.
    pub fn end(self, summary: Option<&Summary>) -> io::Result<()> {
        match self.format {
            Format::Text => match summary {
                Some(s) => census::write_text(s, self.w),
                None => Ok(()),
            },
            Format::Json => {
                let json = summary.map(|s| report_json::json(&census::SummaryJson::new(s)));
                report_json::end(self.w, json.transpose()?.as_deref())
            }
            Format::Csv => match summary {
                Some(s) => census::write_csv(s, self.w),
                None => Ok(()),
            },
        }
    }
}

/// How one analysis is written in a report, without the report's writer: the workers of a
/// batch render analyses side by side, and the report then writes the bytes in order.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    format: Format,
    census: bool,
}

impl Renderer {
    /// Analysis number `index` (1-based) as the report writes it.
    pub fn render(&self, index: usize, a: &Analysis) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.write(&mut buf, index, a)?;
        Ok(buf)
    }

    fn write(&self, w: &mut dyn Write, index: usize, a: &Analysis) -> io::Result<()> {
        match (self.format, self.census) {
            (Format::Text, false) => report_text::analysis(w, index, a),
            (Format::Text, true) => report_text::census_line(w, index, a),
            (Format::Json, _) => report_json::analysis(w, index, a),
            (Format::Csv, _) => report_csv::analysis(w, index, a),
        }
    }
}

/// The coordinates `(s0, ..., s_{d-1})` of state `index = sum_j s_j q^j`.
pub fn coords(mut index: u64, q: u64, d: usize) -> impl Iterator<Item = u64> {
    (0..d).map(move |_| {
        let c = index % q;
        index /= q;
        c
    })
}

/// Appends state `index` as `open s0,s1,...,s_{d-1} close`, e.g. `(1,0,0,1)` or `[1,0,0,1]`.
/// The listing's hot path: GF(2) takes bits instead of dividing.
pub fn push_state(buf: &mut Vec<u8>, index: u64, q: u64, d: usize, brackets: [u8; 2]) {
    buf.push(brackets[0]);
    if q == 2 {
        for j in 0..d {
            buf.extend_from_slice(&[b'0' + ((index >> j) & 1) as u8, b',']);
        }
        buf.pop();
    } else {
        for (j, c) in coords(index, q, d).enumerate() {
            if j > 0 {
                buf.push(b',');
            }
            push_u64(buf, c);
        }
    }
    buf.push(brackets[1]);
}

/// Appends the decimal digits of `v` (faster than `write!` for millions of small numbers).
pub fn push_u64(buf: &mut Vec<u8>, v: u64) {
    if v < 10 {
        buf.push(b'0' + v as u8);
        return;
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut v = v;
    while v > 0 {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    buf.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_follow_the_convention() {
        // GF(3)^2: index 3 is (0,1), index 8 is (2,2); GF(2)^3: index 4 is (0,0,1).
        assert_eq!(coords(3, 3, 2).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(coords(8, 3, 2).collect::<Vec<_>>(), vec![2, 2]);
        assert_eq!(coords(4, 2, 3).collect::<Vec<_>>(), vec![0, 0, 1]);
    }

    #[test]
    fn states_print_as_coordinates() {
        let mut buf = Vec::new();
        push_state(&mut buf, 4, 2, 3, *b"()");
        push_state(&mut buf, 8, 3, 2, *b"[]");
        push_state(&mut buf, 14, 16, 1, *b"()");
        assert_eq!(buf, b"(0,0,1)[2,2](14)");
    }

    #[test]
    fn decimal_digits() {
        let mut buf = Vec::new();
        for v in [0, 7, 10, 65535, u64::MAX] {
            push_u64(&mut buf, v);
            buf.push(b' ');
        }
        assert_eq!(buf, format!("0 7 10 65535 {} ", u64::MAX).into_bytes());
    }
}
