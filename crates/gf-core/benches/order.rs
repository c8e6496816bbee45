//! Factorization + order of random polynomials, and the integer factoring behind orders.
//!
//! Run: `cargo bench -p gf-core --bench order -- --quick` (or without `--quick`).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use gf_core::factor::factor;
use gf_core::integer::{factor_pm1, factor_u128, is_prime_u128};
use gf_core::matrix::Matrix;
use gf_core::order::{is_primitive, order};
use gf_core::{Field, Poly};

/// A monic polynomial of degree `d` over GF(q) with pseudo-random coefficients (xorshift64*,
/// fixed seed) and nonzero constant term, so that its order is finite.
fn random_poly(q: u64, d: usize, seed: u64) -> Poly {
    let mut s = seed;
    let mut next = || {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        s.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut c: Vec<u64> = (0..d).map(|_| next() % q).collect();
    c[0] = 1 + next() % (q - 1);
    c.push(1);
    Poly::new(&Field::new(q).expect("valid q"), c).expect("coefficients below q")
}

fn bench_orders(c: &mut Criterion) {
    let gf2 = Field::new(2).expect("GF(2)");
    let cases = [
        ("gf2_deg64_random", random_poly(2, 64, 0x5eed_0064)),
        ("gf2_deg127_random", random_poly(2, 127, 0x5eed_0127)),
        (
            "gf2_deg127_x127+x+1",
            Poly::parse(&gf2, "x^127 + x + 1").expect("parses"),
        ),
        ("gf251_deg32_random", random_poly(251, 32, 0x5eed_0251)),
    ];
    let mut group = c.benchmark_group("factor+order");
    for (name, f) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| {
                let fact = factor(black_box(f)).expect("nonzero");
                (fact, order(black_box(f)).expect("factorable"))
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("order");
    for (name, f) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| order(black_box(f)).expect("factorable"))
        });
    }
    let m127 = Poly::parse(&gf2, "x^127 + x + 1").expect("parses");
    group.bench_function("is_primitive_x127+x+1", |b| {
        b.iter(|| is_primitive(black_box(&m127)).expect("factorable"))
    });
    group.finish();
}

fn bench_integers(c: &mut Criterion) {
    let mut group = c.benchmark_group("integer");
    group.sample_size(10);
    group.bench_function("is_prime_u128(2^127-1)", |b| {
        b.iter(|| is_prime_u128(black_box((1u128 << 127) - 1)))
    });
    // Rho on a 62-bit prime times a 64-bit prime would take minutes; this one has a 2^46 factor.
    group.bench_function("factor_u128(2^128-1)", |b| {
        b.iter(|| factor_u128(black_box(u128::MAX)))
    });
    group.bench_function("factor_u128(2^67-1)", |b| {
        b.iter(|| factor_u128(black_box((1u128 << 67) - 1)))
    });
    // Off the table: the result is cached after the first call, so this is the lookup cost.
    group.bench_function("factor_pm1(251,32)_cached", |b| {
        b.iter(|| factor_pm1(black_box(251), black_box(32)).expect("factorable"))
    });
    group.finish();
}

/// The LFSR state-update matrix of `f` (ones on the subdiagonal, -f_i in the last column).
fn companion(f: &Poly) -> Matrix {
    let field = f.field();
    let d = f.degree().expect("nonzero");
    let rows = (0..d)
        .map(|i| {
            let mut row = vec![0; d];
            if i > 0 {
                row[i - 1] = 1;
            }
            row[d - 1] = field.neg(f.coeff(i));
            row
        })
        .collect();
    Matrix::from_rows(field, rows).expect("entries in the field")
}

fn bench_matrices(c: &mut Criterion) {
    let mut group = c.benchmark_group("matrix");
    group.sample_size(10);
    for (name, f) in [
        ("gf2_d64", random_poly(2, 64, 0x5eed_0064)),
        ("gf2_d127", random_poly(2, 127, 0x5eed_0127)),
        ("gf251_d32", random_poly(251, 32, 0x5eed_0251)),
    ] {
        let m = companion(&f);
        group.bench_function(format!("charpoly_{name}"), |b| {
            b.iter(|| black_box(&m).charpoly())
        });
        group.bench_function(format!("minpoly_{name}"), |b| {
            b.iter(|| black_box(&m).minpoly())
        });
        group.bench_function(format!("order_{name}"), |b| {
            b.iter(|| black_box(&m).order().expect("factorable"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_orders, bench_integers, bench_matrices);
criterion_main!(benches);
