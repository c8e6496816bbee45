//! The sequence toolkit: LFSR output generation and Berlekamp-Massey.
//!
//! * `sequence-gf2/*`: 2^20 output bits of a GF(2) LFSR with `BitGenerator::fill_words`, at
//!   degrees 16 (x^16 + x^5 + x^3 + x^2 + 1), 64 (x^64 + x^4 + x^3 + x + 1), 127
//!   (x^127 + x + 1), 1000 sparse (x^1000 + x^13 + 1, word taps) and 1000 dense (a fixed
//!   pseudo-random polynomial, byte tables). Throughput in elements = bits per second.
//! * `sequence-gf3/*`: 2^16 elements over GF(3) with `Generator::fill` (degree 16 and 127,
//!   dense coefficients), and `sequence-gf2-generic/d127` the element-by-element path on
//!   GF(2), for scale.
//! * `berlekamp-massey/*`: the packed GF(2) algorithm on 10^4 and 4 * 10^4 pseudo-random
//!   bits (splitmix64's top bit, linear complexity about N/2, the worst case), the generic
//!   one on the same 10^4 bits, and `mt19937-39874`: the 39,874 low bits of MT19937.
//!
//! The anchor for Berlekamp-Massey is the Python `galois` package on the same 10^4 bits:
//! `python3 benches/galois_bm.py` (in a venv with galois) prints its time and the linear
//! complexity, which must equal lfsr-map's.
//!
//! ```text
//! cargo bench -p lfsr-map-benches --bench toolkit
//! ```

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gf_core::Field;
use lfsr_map::sequence::{default_state, BitGenerator, Form, Generator};
use lfsr_map::synth::{berlekamp_massey, berlekamp_massey_bits};

/// splitmix64, the same as in benches/galois_bm.py.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// `n` pseudo-random bits (the top bit of each splitmix64 output, seed 1), packed.
fn random_bits(n: usize) -> Vec<u64> {
    let mut g = SplitMix(1);
    let mut w = vec![0u64; n.div_ceil(64)];
    for k in 0..n {
        w[k / 64] |= (g.next() >> 63) << (k % 64);
    }
    w
}

fn sparse(d: usize, taps: &[usize]) -> Vec<u64> {
    let mut c = vec![0u64; d];
    for &t in taps {
        c[t] = 1;
    }
    c
}

fn sequence_gf2(c: &mut Criterion) {
    let gf2 = Field::new(2).unwrap();
    let mut dense = vec![0u64; 1000];
    let mut g = SplitMix(7);
    for x in dense.iter_mut() {
        *x = g.next() >> 63;
    }
    dense[0] = 1;
    let cases: Vec<(&str, Vec<u64>)> = vec![
        ("d16", sparse(16, &[0, 2, 3, 5])),
        ("d64", sparse(64, &[0, 1, 3, 4])),
        ("d127", sparse(127, &[0, 1])),
        ("d1000-sparse", sparse(1000, &[0, 13])),
        ("d1000-dense", dense),
    ];
    let words = 1 << 14; // 2^20 bits
    let mut group = c.benchmark_group("sequence-gf2");
    group.throughput(Throughput::Elements(64 * words as u64));
    for (name, coeffs) in &cases {
        let state = default_state(coeffs.len(), Form::Fibonacci);
        let mut gen = BitGenerator::from_parts(&gf2, coeffs, Form::Fibonacci, &state).unwrap();
        let mut out = vec![0u64; words];
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                gen.fill_words(&mut out);
                black_box(&out);
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("sequence-generic");
    let n = 1 << 16;
    group.throughput(Throughput::Elements(n as u64));
    let gf3 = Field::new(3).unwrap();
    for d in [16usize, 127] {
        let coeffs: Vec<u64> = (0..d).map(|i| (i as u64 * 7 + 1) % 3).collect();
        let state = default_state(d, Form::Fibonacci);
        let mut gen = Generator::from_parts(&gf3, &coeffs, Form::Fibonacci, &state).unwrap();
        let mut out = vec![0u64; n];
        group.bench_function(BenchmarkId::new("gf3", d), |b| {
            b.iter(|| {
                gen.fill(&mut out);
                black_box(&out);
            })
        });
    }
    let coeffs = sparse(127, &[0, 1]);
    let state = default_state(127, Form::Fibonacci);
    let mut gen = Generator::from_parts(&gf2, &coeffs, Form::Fibonacci, &state).unwrap();
    let mut out = vec![0u64; n];
    group.bench_function(BenchmarkId::new("gf2", 127), |b| {
        b.iter(|| {
            gen.fill(&mut out);
            black_box(&out);
        })
    });
    group.finish();
}

fn bm(c: &mut Criterion) {
    let gf2 = Field::new(2).unwrap();
    let mut group = c.benchmark_group("berlekamp-massey");
    group.sample_size(10);
    for n in [10_000usize, 40_000] {
        let bits = random_bits(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("gf2-packed", n), |b| {
            b.iter(|| black_box(berlekamp_massey_bits(&bits, n).linear_complexity()))
        });
    }
    let n = 10_000;
    let bits = random_bits(n);
    let elements: Vec<u64> = (0..n).map(|k| (bits[k / 64] >> (k % 64)) & 1).collect();
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(BenchmarkId::new("gf2-generic", n), |b| {
        b.iter(|| {
            black_box(
                berlekamp_massey(&gf2, &elements)
                    .unwrap()
                    .linear_complexity(),
            )
        })
    });
    // MT19937's low bits (39,874 of them), as in examples/mt19937.rs
    let mt = mt19937_low_bits(2 * 19_937);
    group.throughput(Throughput::Elements(2 * 19_937));
    group.bench_function("mt19937-39874", |b| {
        b.iter(|| black_box(berlekamp_massey_bits(&mt, 2 * 19_937).linear_complexity()))
    });
    group.finish();
}

/// The low bit of the first `n` outputs of MT19937 seeded with 5489.
fn mt19937_low_bits(n: usize) -> Vec<u64> {
    let mut mt = [0u32; 624];
    mt[0] = 5489;
    for i in 1..624 {
        mt[i] = 1_812_433_253u32
            .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
            .wrapping_add(i as u32);
    }
    let mut idx = 624;
    let mut words = vec![0u64; n.div_ceil(64)];
    for k in 0..n {
        if idx == 624 {
            for i in 0..624 {
                let x = (mt[i] & 0x8000_0000) | (mt[(i + 1) % 624] & 0x7fff_ffff);
                let xa = (x >> 1) ^ if x & 1 == 1 { 0x9908_b0df } else { 0 };
                mt[i] = mt[(i + 397) % 624] ^ xa;
            }
            idx = 0;
        }
        let mut y = mt[idx];
        idx += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        words[k / 64] |= ((y & 1) as u64) << (k % 64);
    }
    words
}

criterion_group!(benches, sequence_gf2, bm);
criterion_main!(benches);
