//! Carry-less 64 x 64 -> 128-bit multiplication, the one primitive every GF(2)\[x\] product is
//! built from, with two interchangeable backends:
//!
//! * [`Backend::Pclmul`]: the x86-64 `pclmulqdq` instruction, used when the CPU has it
//!   (checked once at run time with `is_x86_feature_detected!` and cached by std);
//! * [`Backend::Portable`]: plain Rust (a 4-bit window table), the same results on any CPU.
//!
//! This module holds the crate's only `unsafe` code: the calls into `std::arch` intrinsics,
//! which are `unsafe` because executing `pclmulqdq` on a CPU without it is undefined. Each
//! call site states why the feature is present. The rest of `gf2x` is safe code over the
//! safe functions below; tests force either backend and compare them ([`Backend::all`]).
#![allow(unsafe_code)]

/// Which carry-less multiplier to use. [`Backend::best`] is what the library uses; tests and
/// benches pick one explicitly to check that both give the same results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// Portable Rust: shifts and xors with a 16-entry window table.
    Portable,
    /// The x86-64 `pclmulqdq` instruction (only offered when the CPU has it).
    Pclmul,
}

impl Backend {
    /// The fastest backend this CPU supports.
    pub fn best() -> Backend {
        if pclmul_available() {
            Backend::Pclmul
        } else {
            Backend::Portable
        }
    }

    /// Every backend this CPU supports ([`Backend::Portable`] always, [`Backend::Pclmul`] when
    /// the CPU has `pclmulqdq`).
    pub fn all() -> Vec<Backend> {
        let mut v = vec![Backend::Portable];
        if pclmul_available() {
            v.push(Backend::Pclmul);
        }
        v
    }

    /// The product of two 64-bit polynomials as (low word, high word).
    ///
    /// A [`Backend::Pclmul`] request on a CPU without `pclmulqdq` runs the portable code, so
    /// this is safe to call with any value.
    #[inline]
    pub fn clmul(self, a: u64, b: u64) -> (u64, u64) {
        match self {
            Backend::Pclmul => clmul_best(a, b),
            Backend::Portable => clmul_portable(a, b),
        }
    }
}

/// True when the CPU executes `pclmulqdq` (std caches the detection).
#[inline]
pub fn pclmul_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("pclmulqdq")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Carry-less product with a 4-bit window: 16 multiples of `a` (as 128-bit values), then 16
/// table lookups and shifts over the nibbles of `b`.
pub fn clmul_portable(a: u64, b: u64) -> (u64, u64) {
    let a = a as u128;
    let mut table = [0u128; 16];
    for i in 1..16 {
        table[i] = if i % 2 == 0 {
            table[i / 2] << 1
        } else {
            table[i - 1] ^ a
        };
    }
    let mut acc = 0u128;
    for k in (0..16).rev() {
        acc = (acc << 4) ^ table[(b >> (4 * k) & 15) as usize];
    }
    (acc as u64, (acc >> 64) as u64)
}

/// `pclmulqdq` when present, else the portable code.
#[inline]
fn clmul_best(a: u64, b: u64) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        if pclmul_available() {
            // SAFETY: `pclmul_available()` has just confirmed that this CPU executes
            // `pclmulqdq` (and SSE2, which every x86-64 CPU has), the only requirement of the
            // `#[target_feature]` function; it touches no memory.
            return unsafe { x86::clmul(a, b) };
        }
    }
    clmul_portable(a, b)
}

/// Schoolbook product of word slices with the chosen backend:
/// `out[i + j] ^= lo(a[i] * b[j])`, `out[i + j + 1] ^= hi(...)`.
/// `out` must hold `a.len() + b.len()` words; it is xored into, not overwritten.
pub fn mul_acc(backend: Backend, out: &mut [u64], a: &[u64], b: &[u64]) {
    assert!(out.len() >= a.len() + b.len(), "output too short");
    #[cfg(target_arch = "x86_64")]
    {
        if backend == Backend::Pclmul && pclmul_available() {
            // SAFETY: the CPU executes `pclmulqdq` (checked just above); the function indexes
            // its slices with bounds checks only (`out` is long enough, asserted above).
            unsafe { x86::mul_acc(out, a, b) };
            return;
        }
    }
    let _ = backend;
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        for (j, &y) in b.iter().enumerate() {
            let (lo, hi) = clmul_portable(x, y);
            out[i + j] ^= lo;
            out[i + j + 1] ^= hi;
        }
    }
}

/// The square of a 64-bit polynomial as (low, high): its bits spread apart (bit i -> bit 2i).
#[inline]
pub fn square_word(backend: Backend, a: u64) -> (u64, u64) {
    match backend {
        Backend::Pclmul if pclmul_available() => clmul_best(a, a),
        _ => (spread(a as u32), spread((a >> 32) as u32)),
    }
}

/// Bit i of `x` moved to bit 2i.
#[inline]
fn spread(x: u32) -> u64 {
    let mut x = x as u64;
    x = (x | x << 16) & 0x0000_FFFF_0000_FFFF;
    x = (x | x << 8) & 0x00FF_00FF_00FF_00FF;
    x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | x << 2) & 0x3333_3333_3333_3333;
    (x | x << 1) & 0x5555_5555_5555_5555
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::{__m128i, _mm_clmulepi64_si128, _mm_cvtsi128_si64, _mm_set_epi64x};
    use std::arch::x86_64::{_mm_srli_si128, _mm_xor_si128};

    // The functions below are `unsafe fn` (callable only where the caller has checked the
    // CPU feature), written so that their bodies also compile where the intrinsics are
    // already safe inside `#[target_feature]` functions (Rust >= 1.87): no inner `unsafe`.

    #[inline]
    #[target_feature(enable = "pclmulqdq")]
    unsafe fn split(v: __m128i) -> (u64, u64) {
        let lo = _mm_cvtsi128_si64(v) as u64;
        let hi = _mm_cvtsi128_si64(_mm_srli_si128::<8>(v)) as u64;
        (lo, hi)
    }

    /// One carry-less product.
    #[target_feature(enable = "pclmulqdq")]
    pub(super) unsafe fn clmul(a: u64, b: u64) -> (u64, u64) {
        let va = _mm_set_epi64x(0, a as i64);
        let vb = _mm_set_epi64x(0, b as i64);
        split(_mm_clmulepi64_si128::<0x00>(va, vb))
    }

    /// The schoolbook loop of `super::mul_acc`, accumulating each row's products in a
    /// register pair so that each output word is loaded and stored once per row.
    #[target_feature(enable = "pclmulqdq")]
    pub(super) unsafe fn mul_acc(out: &mut [u64], a: &[u64], b: &[u64]) {
        for (i, &x) in a.iter().enumerate() {
            if x == 0 {
                continue;
            }
            let vx = _mm_set_epi64x(0, x as i64);
            let row = &mut out[i..i + b.len() + 1];
            let mut carry = 0u64;
            for (j, &y) in b.iter().enumerate() {
                let p = _mm_clmulepi64_si128::<0x00>(vx, _mm_set_epi64x(0, y as i64));
                let (lo, hi) = split(_mm_xor_si128(p, _mm_set_epi64x(0, carry as i64)));
                row[j] ^= lo;
                carry = hi;
            }
            row[b.len()] ^= carry;
        }
    }
}
