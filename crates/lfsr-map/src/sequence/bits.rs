//! [`BitGenerator`]: the output of a GF(2) LFSR, 64 bits per step of work.

use gf_core::Field;

use super::{fibonacci_state_of_galois, validate, Form, SequenceError};
use crate::lfsr::Lfsr;

/// The output sequence of a GF(2) LFSR, packed 64 elements to a word (bit `k` of a word is
/// the `k`-th element of it, least significant bit first).
///
/// # How
///
/// The sequence is kept in a buffer of words, and each new aligned block of 64 bits
/// `a_m ... a_{m+63}` is computed from the bits before `m`, by one of two engines, whichever
/// costs fewer word operations for the polynomial:
///
/// * **taps**: with `D = d + 63` (or `D = d` when no coefficient `c_i` with `i > d - 64` is
///   set) and `r = x^D mod f`, the sequence also obeys `a_{n+D} = sum_k r_k a_{n+k}`, whose
///   every tap reaches at least 64 positions back; so the block is the XOR of the 64-bit
///   windows at `m - D + k` for the `k` with `r_k = 1`. Sparse polynomials (trinomials,
///   pentanomials) cost a few word operations per 64 bits.
/// * **table**: the block is a linear function of the `d` bits before it (bit `j` is the
///   coefficient vector of `x^{d+j} mod f` applied to them), tabulated per byte of those bits:
///   `ceil(d/8)` lookups per block, each XORing the block's 16 words (1,024 bits; 4 words
///   above degree 2,048, 1 above 8,192, to bound the table at 8 MiB).
///
/// A Galois form state is first mapped to the Fibonacci state with the same output
/// ([`super::fibonacci_state_of_galois`]), so both forms share the engines.
///
/// ```
/// use gf_core::Field;
/// use lfsr_map::lfsr::Lfsr;
/// use lfsr_map::sequence::{BitGenerator, Form, Generator};
///
/// // x^127 + x + 1 (primitive): 10^4 words of output, the same as element by element
/// let mut c = vec![0; 127];
/// c[..2].copy_from_slice(&[1, 1]);
/// let lfsr = Lfsr::new(&Field::new(2)?, c)?;
/// let state = lfsr_map::sequence::default_state(127, Form::Fibonacci);
/// let mut fast = BitGenerator::new(&lfsr, Form::Fibonacci, &state)?;
/// let mut words = vec![0u64; 10_000];
/// fast.fill_words(&mut words);
/// let slow = Generator::new(&lfsr, Form::Fibonacci, &state)?;
/// assert!(slow.take(640_000).enumerate().all(|(k, a)| (words[k / 64] >> (k % 64)) & 1 == a));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct BitGenerator {
    degree: usize,
    engine: Engine,
    /// The sequence: bit `k` of the buffer (word `k / 64`, bit `k % 64`) is one element.
    buf: Vec<u64>,
    /// Bits of `buf` computed so far (a multiple of 64).
    filled: usize,
    /// The next bit of `buf` to output.
    read: usize,
}

#[derive(Debug, Clone)]
enum Engine {
    /// Block = XOR of the windows starting `back[i]` bits before the block.
    Taps { back: Vec<usize> },
    /// Block of `width` words = XOR of `table[(b * 256 + byte) * width ..][..width]` over the
    /// window bytes `b`, the window being the `words` words before the block, starting at
    /// byte `first` of them.
    Table {
        table: Vec<u64>,
        words: usize,
        first: usize,
        width: usize,
    },
}

/// Words per table block for degree `d`: the wider, the fewer passes over the state per
/// output bit, but the table takes `2 KiB * width` per byte of state. 16 words (1,024 bits
/// per pass; 8 MiB at degree 2,048), 4 up to degree 8,192 (8 MiB), then 1.
fn table_width(d: usize) -> usize {
    match d {
        0..=2048 => 16,
        2049..=8192 => 4,
        _ => 1,
    }
}

/// Words generated per refill of the buffer (beyond the window kept).
const BLOCKS: usize = 512;

impl BitGenerator {
    /// The generator of the GF(2) LFSR `lfsr` in `form`, from `state` (`d` bits as 0/1).
    ///
    /// # Errors
    /// [`SequenceError::NotBinary`] for another field; a state of the wrong length or with
    /// values other than 0 and 1.
    pub fn new(lfsr: &Lfsr, form: Form, state: &[u64]) -> Result<BitGenerator, SequenceError> {
        BitGenerator::from_parts(lfsr.field(), lfsr.coefficients(), form, state)
    }

    /// As [`BitGenerator::new`] from the field and the coefficients, with no degree limit.
    pub fn from_parts(
        field: &Field,
        coeffs: &[u64],
        form: Form,
        state: &[u64],
    ) -> Result<BitGenerator, SequenceError> {
        if field.q() != 2 {
            return Err(SequenceError::NotBinary { q: field.q() });
        }
        validate(field, coeffs, state)?;
        let fib = match form {
            Form::Fibonacci => state.to_vec(),
            Form::Galois => fibonacci_state_of_galois(field, coeffs, state)?,
        };
        let d = coeffs.len();
        let engine = Engine::choose(coeffs);
        let window = d.div_ceil(64) + 1;
        let mut buf = vec![0u64; 2 * window + BLOCKS + 2];
        // The state ends at an aligned bit position `p`, so that blocks are aligned.
        let p = 64 * d.div_ceil(64);
        let start = p - d;
        for (k, &s) in fib.iter().enumerate() {
            buf[(start + k) / 64] |= s << ((start + k) % 64);
        }
        // The taps engine reaches `D` bits back: the first of them, bit by bit.
        let mut filled = p;
        if let Engine::Taps { back } = &engine {
            let reach = back.iter().copied().max().unwrap_or(0);
            let taps: Vec<usize> = (0..d).filter(|&i| coeffs[i] != 0).collect();
            while filled < start + reach {
                for t in filled..filled + 64 {
                    let b = taps.iter().fold(0, |acc, &i| {
                        let k = t - d + i;
                        acc ^ ((buf[k / 64] >> (k % 64)) & 1)
                    });
                    buf[t / 64] |= b << (t % 64);
                }
                filled += 64;
            }
        }
        Ok(BitGenerator {
            degree: d,
            engine,
            buf,
            filled,
            read: start,
        })
    }

    /// The degree d.
    pub fn degree(&self) -> usize {
        self.degree
    }

    /// Whether the word-tap engine was chosen (else the byte tables); for tests and benches.
    pub fn uses_taps(&self) -> bool {
        matches!(self.engine, Engine::Taps { .. })
    }

    /// The next 64 elements, the first in bit 0.
    #[inline]
    pub fn next_word(&mut self) -> u64 {
        if self.read + 128 > self.filled {
            self.refill();
        }
        let w = window(&self.buf, self.read);
        self.read += 64;
        w
    }

    /// The next element (0 or 1).
    pub fn next_bit(&mut self) -> u64 {
        if self.read + 128 > self.filled {
            self.refill();
        }
        let b = (self.buf[self.read / 64] >> (self.read % 64)) & 1;
        self.read += 1;
        b
    }

    /// Writes the next `out.len()` elements into `out`, one element (0 or 1) per entry, as
    /// [`Generator::fill`](super::Generator::fill) does: whole words, then bit by bit, so the
    /// next call continues where this one stopped.
    pub fn fill(&mut self, out: &mut [u64]) {
        let mut chunks = out.chunks_exact_mut(64);
        for chunk in &mut chunks {
            let w = self.next_word();
            for (j, x) in chunk.iter_mut().enumerate() {
                *x = (w >> j) & 1;
            }
        }
        for x in chunks.into_remainder() {
            *x = self.next_bit();
        }
    }

    /// Writes the next `64 * out.len()` elements into `out`, 64 to a word.
    pub fn fill_words(&mut self, out: &mut [u64]) {
        for w in out {
            *w = self.next_word();
        }
    }

    /// Moves the part still needed to the front and computes blocks until the buffer is full.
    fn refill(&mut self) {
        let keep_from =
            (self.read / 64).min((self.filled / 64).saturating_sub(self.window_words()));
        if keep_from > 0 {
            self.buf.copy_within(keep_from..self.filled / 64, 0);
            self.read -= 64 * keep_from;
            self.filled -= 64 * keep_from;
        }
        // One word of slack past `filled` for unaligned reads.
        let width = self.engine.width();
        while self.filled / 64 + width < self.buf.len() {
            self.engine.block(&mut self.buf, self.filled / 64);
            self.filled += 64 * width;
        }
    }

    /// Words before a block that the engine reads.
    fn window_words(&self) -> usize {
        self.degree.div_ceil(64) + 1
    }
}

/// The 64 bits of `buf` starting at bit `at` (the word after must exist when unaligned).
#[inline]
fn window(buf: &[u64], at: usize) -> u64 {
    let (w, b) = (at / 64, at % 64);
    if b == 0 {
        buf[w]
    } else {
        (buf[w] >> b) | (buf[w + 1] << (64 - b))
    }
}

impl Engine {
    /// The cheaper engine for `x^d - sum c_i x^i` over GF(2).
    fn choose(coeffs: &[u64]) -> Engine {
        let d = coeffs.len();
        let f = Gf2Poly::from_coeffs(coeffs);
        // The taps engine: r = x^D mod f, all taps at least 64 back.
        let high_taps = coeffs
            .iter()
            .enumerate()
            .any(|(i, &c)| c != 0 && i + 64 > d);
        let big_d = if high_taps { d + 63 } else { d };
        let mut r = f.low.clone(); // x^d mod f
        for _ in d..big_d {
            r = f.times_x(&r);
        }
        let back: Vec<usize> = (0..d).filter(|&k| bit(&r, k)).map(|k| big_d - k).collect();
        // Cost in word operations per block: two loads per unaligned tap against one lookup
        // per state byte.
        let table_bytes = d.div_ceil(8) + 1;
        if 2 * back.len() <= table_bytes {
            return Engine::Taps { back };
        }
        // The table: bit j of the block is <x^{d+j} mod f, the d bits before the block>.
        let words = d.div_ceil(64);
        let offset = 64 * words - d; // window bit of a_{m-d}
        let width = table_width(d);
        // window bit -> the block bits it feeds (`width` words each)
        let mut columns = vec![0u64; 64 * words * width];
        let mut rj = f.low.clone();
        for j in 0..64 * width {
            for i in 0..d {
                if bit(&rj, i) {
                    columns[(offset + i) * width + j / 64] |= 1 << (j % 64);
                }
            }
            rj = f.times_x(&rj);
        }
        let first = offset / 8;
        let nbytes = 8 * words - first;
        let mut table = vec![0u64; nbytes * 256 * width];
        for b in 0..nbytes {
            let t = &mut table[b * 256 * width..(b + 1) * 256 * width];
            for v in 1..256usize {
                let low = v & (v - 1); // v without its lowest bit
                let col = (8 * (first + b) + v.trailing_zeros() as usize) * width;
                for k in 0..width {
                    t[v * width + k] = t[low * width + k] ^ columns[col + k];
                }
            }
        }
        Engine::Table {
            table,
            words,
            first,
            width,
        }
    }

    /// Words one block computes.
    fn width(&self) -> usize {
        match self {
            Engine::Taps { .. } => 1,
            Engine::Table { width, .. } => *width,
        }
    }

    /// Computes the block at word `m` of `buf` ([`Engine::width`] words) from the bits
    /// before it.
    #[inline]
    fn block(&self, buf: &mut [u64], m: usize) {
        match self {
            Engine::Taps { back } => {
                buf[m] = back.iter().fold(0, |acc, &k| acc ^ window(buf, 64 * m - k));
            }
            Engine::Table {
                table,
                words,
                first,
                width: 16,
            } => table_block::<16>(table, buf, m, *words, *first),
            Engine::Table {
                table,
                words,
                first,
                width: 4,
            } => table_block::<4>(table, buf, m, *words, *first),
            Engine::Table {
                table,
                words,
                first,
                ..
            } => table_block::<1>(table, buf, m, *words, *first),
        }
    }
}

/// The table engine's block of `W` words at word `m`.
#[inline]
fn table_block<const W: usize>(
    table: &[u64],
    buf: &mut [u64],
    m: usize,
    words: usize,
    first: usize,
) {
    let base = m - words;
    let mut acc = [0u64; W];
    for (b, chunk) in table.chunks_exact(256 * W).enumerate() {
        let byte = first + b;
        let v = ((buf[base + byte / 8] >> (8 * (byte % 8))) & 0xff) as usize;
        let entry = &chunk[v * W..v * W + W];
        for k in 0..W {
            acc[k] ^= entry[k];
        }
    }
    buf[m..m + W].copy_from_slice(&acc);
}

/// Bit `k` of a packed vector.
fn bit(v: &[u64], k: usize) -> bool {
    (v[k / 64] >> (k % 64)) & 1 == 1
}

/// `f = x^d + low` over GF(2), for reducing products by `x`.
struct Gf2Poly {
    d: usize,
    /// The bits of `x^d mod f = sum c_i x^i` (packed, d bits).
    low: Vec<u64>,
}

impl Gf2Poly {
    fn from_coeffs(coeffs: &[u64]) -> Gf2Poly {
        let d = coeffs.len();
        let mut low = vec![0u64; d.div_ceil(64)];
        for (i, &c) in coeffs.iter().enumerate() {
            low[i / 64] |= c << (i % 64);
        }
        Gf2Poly { d, low }
    }

    /// `x * r mod f` for `r` of degree < d.
    fn times_x(&self, r: &[u64]) -> Vec<u64> {
        let top = bit(r, self.d - 1);
        let mut out = vec![0u64; r.len()];
        let mut carry = 0;
        for (o, &w) in out.iter_mut().zip(r) {
            *o = (w << 1) | carry;
            carry = w >> 63;
        }
        // clear bit d
        let (w, b) = (self.d / 64, self.d % 64);
        if w < out.len() {
            out[w] &= !(1u64 << b);
        }
        if top {
            for (o, l) in out.iter_mut().zip(&self.low) {
                *o ^= l;
            }
        }
        out
    }
}
