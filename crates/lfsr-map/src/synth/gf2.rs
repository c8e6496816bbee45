//! Berlekamp-Massey over GF(2) on packed words.

use gf_core::Field;

use super::Synthesis;

/// The Berlekamp-Massey algorithm over GF(2) on the first `n` bits of `bits` (bit `k` of
/// word `k / 64` is `s_k`, as [`crate::sequence::BitGenerator`] writes them): the same
/// [`Synthesis`] as [`super::berlekamp_massey`], with 64 elements per word operation.
///
/// The sequence is kept reversed, so that the discrepancy `s_n + sum C_i s_{n-i}` is the
/// parity of the AND of `C` with a contiguous window; `C <- C + x^m B` is a shifted XOR.
/// Both cost `L / 64` words per element.
///
/// ```
/// use lfsr_map::synth::berlekamp_massey_bits;
///
/// // 0001 1110 1011 001: x^4 + x^3 + 1 from the state (0, 0, 0, 1), bit k = s_k
/// let bits = [0b100_1101_0111_1000u64];
/// let syn = berlekamp_massey_bits(&bits, 15);
/// assert_eq!(syn.linear_complexity(), 4);
/// assert_eq!(syn.minimal_polynomial().to_string(), "x^4 + x^3 + 1");
/// ```
///
/// # Panics
/// If `bits` holds fewer than `n` bits.
pub fn berlekamp_massey_bits(bits: &[u64], n: usize) -> Synthesis {
    assert!(bits.len() * 64 >= n, "fewer than n bits given");
    let gf2 = Field::new(2).expect("GF(2)");
    let words = n.div_ceil(64) + 2;
    // rev bit j = s_{n-1-j}; so s_{k-i} for i = 0..=L is rev[n-1-k ..= n-1-k+L].
    let mut rev = vec![0u64; words];
    for k in 0..n {
        if get(bits, k) {
            let j = n - 1 - k;
            rev[j / 64] |= 1 << (j % 64);
        }
    }
    let mut c = vec![0u64; words];
    let mut b = vec![0u64; words];
    let mut t = vec![0u64; words];
    c[0] = 1;
    b[0] = 1;
    let (mut l, mut m) = (0usize, 1usize);
    let mut b_words = 1;
    let mut profile = Vec::with_capacity(n);
    for k in 0..n {
        let o = n - 1 - k;
        let c_words = l / 64 + 1;
        let mut acc = 0u64;
        for (i, &cw) in c[..c_words].iter().enumerate() {
            acc ^= cw & window(&rev, o + 64 * i);
        }
        if acc.count_ones() & 1 == 1 {
            if 2 * l <= k {
                t[..c_words].copy_from_slice(&c[..c_words]);
                let old_l = l;
                xor_shifted(&mut c, &b[..b_words], m);
                l = k + 1 - l;
                std::mem::swap(&mut b, &mut t);
                b_words = old_l / 64 + 1;
                m = 1;
            } else {
                xor_shifted(&mut c, &b[..b_words], m);
                m += 1;
            }
        } else {
            m += 1;
        }
        profile.push(l);
    }
    let connection: Vec<u64> = (0..=l).map(|i| get(&c, i) as u64).collect();
    let state: Vec<u64> = (0..l).map(|i| get(bits, i) as u64).collect();
    Synthesis::from_parts(&gf2, connection, state, profile)
}

fn get(v: &[u64], k: usize) -> bool {
    (v[k / 64] >> (k % 64)) & 1 == 1
}

/// The 64 bits of `v` from bit `at` (zeros past the end).
#[inline]
fn window(v: &[u64], at: usize) -> u64 {
    let (w, s) = (at / 64, at % 64);
    let lo = v.get(w).copied().unwrap_or(0);
    if s == 0 {
        return lo;
    }
    let hi = v.get(w + 1).copied().unwrap_or(0);
    (lo >> s) | (hi << (64 - s))
}

/// `dst ^= src << shift` (bits), within `dst`'s length.
fn xor_shifted(dst: &mut [u64], src: &[u64], shift: usize) {
    let (w, s) = (shift / 64, shift % 64);
    for (i, &x) in src.iter().enumerate() {
        if x == 0 {
            continue;
        }
        if let Some(d) = dst.get_mut(i + w) {
            *d ^= x << s;
        }
        if s != 0 {
            if let Some(d) = dst.get_mut(i + w + 1) {
                *d ^= x >> (64 - s);
            }
        }
    }
}
