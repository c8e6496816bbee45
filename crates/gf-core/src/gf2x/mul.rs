//! Products of packed GF(2)\[x\] word slices: schoolbook (one carry-less product per word
//! pair) below [`KARATSUBA_THRESHOLD`] words, Karatsuba above it, unbalanced operands cut
//! into balanced pieces; and squaring, which over GF(2) only spreads bits apart.

use super::clmul::{mul_acc, square_word, Backend};

/// Operand length (in 64-bit words) from which Karatsuba beats the schoolbook loop.
///
/// Measured with `cargo bench -p lfsr-map-benches --bench gf2x_arith -- karatsuba_threshold`
/// (pclmulqdq, balanced products, load ~1 on 2 cores): schoolbook vs one Karatsuba level
/// over schoolbook halves, median ns: 20 words 713 vs 787, 24 words 1,046 vs 950,
/// 32 words 2,103 vs 1,797, 64 words 12,772 vs 9,184; one level wins from 24 words.
pub const KARATSUBA_THRESHOLD: usize = 24;

/// `a * b` as `a.len() + b.len()` words (untrimmed; empty if either is empty).
pub fn mul(backend: Backend, a: &[u64], b: &[u64]) -> Vec<u64> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u64; a.len() + b.len()];
    mul_into(backend, &mut out, a, b, KARATSUBA_THRESHOLD);
    out
}

/// `a * b` with an explicit Karatsuba threshold (for measuring the threshold).
pub fn mul_threshold(backend: Backend, a: &[u64], b: &[u64], threshold: usize) -> Vec<u64> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u64; a.len() + b.len()];
    mul_into(backend, &mut out, a, b, threshold.max(2));
    out
}

/// `out ^= a * b`; `out` holds at least `a.len() + b.len()` words.
fn mul_into(backend: Backend, out: &mut [u64], a: &[u64], b: &[u64], threshold: usize) {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let n = b.len();
    if n == 0 {
        return;
    }
    if n < threshold {
        mul_acc(backend, out, a, b);
        return;
    }
    if a.len() == n {
        let mut tmp = vec![0u64; 2 * n];
        karatsuba(backend, &mut tmp, a, b, threshold);
        xor_into(out, &tmp);
        return;
    }
    // Unbalanced: cut `a` into pieces of n words, each a balanced product (the last one,
    // shorter, recurses with the roles swapped).
    let mut tmp = vec![0u64; 2 * n];
    for (k, piece) in a.chunks(n).enumerate() {
        if piece.len() == n {
            tmp.iter_mut().for_each(|w| *w = 0);
            karatsuba(backend, &mut tmp, piece, b, threshold);
            xor_into(&mut out[k * n..], &tmp);
        } else {
            mul_into(backend, &mut out[k * n..], piece, b, threshold);
        }
    }
}

/// `out ^= a * b` for equal lengths n >= 2; `out` holds 2n words.
fn karatsuba(backend: Backend, out: &mut [u64], a: &[u64], b: &[u64], threshold: usize) {
    let n = a.len();
    debug_assert_eq!(n, b.len());
    if n < threshold || n < 4 {
        mul_acc(backend, out, a, b);
        return;
    }
    let h = n.div_ceil(2);
    let (a0, a1) = a.split_at(h);
    let (b0, b1) = b.split_at(h);
    // p0 = a0 b0 and p2 = a1 b1 directly into their (disjoint) places in a zeroed buffer.
    let mut p = vec![0u64; 2 * n];
    {
        let (lo, hi) = p.split_at_mut(2 * h);
        karatsuba(backend, lo, a0, b0, threshold);
        karatsuba(backend, hi, a1, b1, threshold);
    }
    // pm = (a0 + a1)(b0 + b1) + p0 + p2 = a0 b1 + a1 b0, added at X = x^(64 h).
    let mut sa = a0.to_vec();
    xor_into(&mut sa, a1);
    let mut sb = b0.to_vec();
    xor_into(&mut sb, b1);
    let mut pm = vec![0u64; 2 * h];
    karatsuba(backend, &mut pm, &sa, &sb, threshold);
    xor_into(&mut pm, &p[..2 * h]);
    xor_into(&mut pm, &p[2 * h..]);
    xor_into(out, &p);
    let room = 2 * n - h;
    debug_assert!(pm[room.min(pm.len())..].iter().all(|&w| w == 0));
    let len = pm.len().min(room);
    xor_into(&mut out[h..], &pm[..len]);
}

/// `dst[i] ^= src[i]` over `src` (dst at least as long).
#[inline]
pub fn xor_into(dst: &mut [u64], src: &[u64]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d ^= s;
    }
}

/// `a^2` as `2 a.len()` words.
pub fn square(backend: Backend, a: &[u64]) -> Vec<u64> {
    let mut out = vec![0u64; 2 * a.len()];
    for (i, &w) in a.iter().enumerate() {
        let (lo, hi) = square_word(backend, w);
        out[2 * i] = lo;
        out[2 * i + 1] = hi;
    }
    out
}
