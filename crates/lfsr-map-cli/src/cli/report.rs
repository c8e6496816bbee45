//! The report of a run in any `--format`, written as the analyses arrive.

use std::io::{self, Write};
use std::time::{Instant, SystemTime};

use lfsr_map::analysis::Analysis;

use super::args::Format;
use lfsr_map::census::Summary;

use super::census;
use super::{report_csv, report_json, report_text};

/// What every report states once: the field, and what the run asked for.
pub struct Header {
    /// The field order q = p^n.
    pub q: u64,
    /// The characteristic p.
    pub p: u64,
    /// The extension degree n (1 for a prime field).
    pub n: u32,
    /// The field's defining (Conway) polynomial over GF(p), SageMath style in `x` (the JSON
    /// `field_modulus`); the text report writes it in `a`, the variable of field elements.
    pub modulus: String,
    /// What the run lists, for the text report's note when states are not listed.
    pub listing: Listing,
    /// The run's memory limit in bytes (`--memory-limit` or the machine's).
    pub memory_limit: u64,
    /// The text report's RUN block; `None` with `--no-run-info` and where no report has one.
    pub run: Option<RunInfo>,
}

/// What `analyze` was asked to list (census rows never list states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Every state (`--method enumerate` without `--period-only`).
    Enumerate,
    /// State spaces up to 2^20 states (`--method auto`).
    Auto,
    /// No states: `--period-only`.
    PeriodOnly,
    /// No states: `--method algebraic`.
    Algebraic,
}

/// The RUN block of the text report: what ran, when, and for how long.
pub struct RunInfo {
    /// The input as the user named it (a file, `<stdin>`, or the census asked for).
    pub input: String,
    /// When the run started (the UTC time in the report).
    pub started: SystemTime,
    /// The same instant on the monotonic clock (for the total time).
    pub clock: Instant,
}

/// A report being written: [`Report::begin`], then [`Report::rendered`] per LFSR (the bytes
/// of its [`Report::renderer`]), then [`Report::end`].
pub struct Report<'w> {
    format: Format,
    census: bool,
    listing: Listing,
    memory_limit: u64,
    q: u64,
    run: Option<&'w RunInfo>,
    w: &'w mut dyn Write,
}

impl<'w> Report<'w> {
    /// Starts a report; `census` selects the compact text form (one line per LFSR).
    pub fn begin(
        format: Format,
        census: bool,
        header: &'w Header,
        w: &'w mut dyn Write,
    ) -> io::Result<Self> {
        match format {
            Format::Text => report_text::begin(w, header)?,
            Format::Json => report_json::begin(w, header)?,
            Format::Csv => report_csv::begin(w)?,
        }
        Ok(Report::new(format, census, Some(header), w))
    }

    fn new(format: Format, census: bool, header: Option<&'w Header>, w: &'w mut dyn Write) -> Self {
        Report {
            format,
            census,
            listing: header.map_or(Listing::Auto, |h| h.listing),
            memory_limit: header.map_or(super::memory::FALLBACK, |h| h.memory_limit),
            q: header.map_or(0, |h| h.q),
            run: header.and_then(|h| h.run.as_ref()),
            w,
        }
    }

    /// A report of which only the rows are written (a shard's part): nothing is written
    /// before them, and [`Report::end`] is not to be called.
    pub fn rows_only(format: Format, census: bool, header: &Header, w: &'w mut dyn Write) -> Self {
        let mut r = Report::new(format, census, None, w);
        (r.listing, r.memory_limit) = (header.listing, header.memory_limit);
        r
    }

    /// Where rows rendered elsewhere (a shard's part) are copied, in order.
    pub fn rows_writer(&mut self) -> &mut dyn Write {
        self.w
    }

    /// Starts a report that will hold only a census summary (`census --summary`): as
    /// [`Report::begin`], but the CSV form has no header row for analyses.
    pub fn begin_summary(
        format: Format,
        header: &'w Header,
        w: &'w mut dyn Write,
    ) -> io::Result<Self> {
        match format {
            Format::Text => report_text::begin(w, header)?,
            Format::Json => report_json::begin(w, header)?,
            Format::Csv => {}
        }
        Ok(Report::new(format, true, Some(header), w))
    }

    /// How this report writes one analysis, to hand to the threads that render them.
    pub fn renderer(&self) -> Renderer {
        Renderer {
            format: self.format,
            census: self.census,
            listing: self.listing,
            memory_limit: self.memory_limit,
        }
    }

    /// Adds an analysis that a [`Renderer`] of this report rendered.
    pub fn rendered(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)
    }

    /// Ends the report, with the census summary if there is one.
    pub fn end(self, summary: Option<&Summary>) -> io::Result<()> {
        match self.format {
            Format::Text => {
                if let Some(s) = summary {
                    census::write_text(s, self.w)?;
                }
                match self.run {
                    Some(run) => report_text::run_block(self.w, self.q, run),
                    None => Ok(()),
                }
            }
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
    listing: Listing,
    memory_limit: u64,
}

impl Renderer {
    /// Analysis number `index` (1-based) as the report writes it. The buffer grows with
    /// `try_reserve`: a report too large for the memory left is an
    /// [`io::ErrorKind::OutOfMemory`] error, not an abort.
    pub fn render(&self, index: usize, a: &Analysis) -> io::Result<Vec<u8>> {
        let mut buf = FallibleBuf(Vec::new());
        self.write(&mut buf, index, a)?;
        Ok(buf.0)
    }

    fn write(&self, w: &mut dyn Write, index: usize, a: &Analysis) -> io::Result<()> {
        match (self.format, self.census) {
            (Format::Text, false) => {
                report_text::analysis(w, index, a, self.listing, self.memory_limit)
            }
            (Format::Text, true) => report_text::census_line(w, index, a),
            (Format::Json, _) => report_json::analysis(w, index, a),
            (Format::Csv, _) => report_csv::analysis(w, index, a),
        }
    }
}

/// A `Vec<u8>` writer whose growth can fail: [`io::ErrorKind::OutOfMemory`] when the
/// allocator refuses.
struct FallibleBuf(Vec<u8>);

impl Write for FallibleBuf {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let v = &mut self.0;
        if v.capacity() - v.len() < bytes.len() {
            let want = bytes.len().max(v.len());
            if v.try_reserve(want).is_err() {
                v.try_reserve_exact(bytes.len()).map_err(|_| {
                    let total = v.len() + bytes.len();
                    io::Error::new(
                        io::ErrorKind::OutOfMemory,
                        format!("the report of one LFSR needs more than {total} bytes of memory"),
                    )
                })?;
            }
        }
        v.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
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
