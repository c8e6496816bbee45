//! The algebraic mapper at degree 127 over GF(2), far beyond enumeration (target: < 20 ms).
//!
//! * `cycle_structure/degree127_8_factors`: the structure from factor data alone.
//! * `analyze/degree127_8_factors`: the whole algebraic analysis of the LFSR whose
//!   characteristic polynomial is (x+1)^5 (x^2+x+1)^3 (x^3+x+1)^2 (x^4+x+1) (x^5+x^2+1)
//!   (x^6+x+1) (x^6+x^3+1) (x^89+x^38+1): factoring, the order of every factor, the structure.
//! * `analyze/x127_x_1`: the same for the primitive trinomial x^127 + x + 1.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use gf_core::{Field, Poly};
use lfsr_map::algebra::{cycle_structure, FactorData, PrimaryPart};
use lfsr_map::analysis::{analyze, Method, Options};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use num_bigint::BigUint;
use worker_pool::Sequential;

/// (factor, degree, multiplicity, order of the factor; 0 stands for 2^89 - 1).
const FACTORS: [(&str, u32, u32, u64); 8] = [
    ("x + 1", 1, 5, 1),
    ("x^2 + x + 1", 2, 3, 3),
    ("x^3 + x + 1", 3, 2, 7),
    ("x^4 + x + 1", 4, 1, 15),
    ("x^5 + x^2 + 1", 5, 1, 31),
    ("x^6 + x + 1", 6, 1, 63),
    ("x^6 + x^3 + 1", 6, 1, 9),
    ("x^89 + x^38 + 1", 89, 1, 0),
];

/// The LFSR with characteristic polynomial prod FACTORS (c_i = -f_i).
fn several_factors() -> Lfsr {
    let gf2 = Field::new(2).expect("GF(2)");
    let mut f = Poly::one(&gf2);
    for (g, _, e, _) in FACTORS {
        let g = Poly::parse(&gf2, g).expect("factor");
        for _ in 0..e {
            f = f * &g;
        }
    }
    let coeffs = f.coeffs()[..127].iter().map(|&c| gf2.neg(c)).collect();
    Lfsr::new(&gf2, coeffs).expect("degree 127")
}

fn factor_data() -> FactorData {
    let m89 = (BigUint::from(1u32) << 89u32) - 1u32;
    let parts = FACTORS
        .iter()
        .map(|&(_, degree, multiplicity, order)| PrimaryPart {
            degree,
            multiplicity,
            order: if order == 0 {
                m89.clone()
            } else {
                order.into()
            },
        })
        .collect();
    FactorData {
        p: 2,
        q: 2,
        x_multiplicity: 0,
        parts,
    }
}

fn algebraic() -> Options {
    Options {
        method: Method::Algebraic,
        ..Options::default()
    }
}

fn bench(c: &mut Criterion) {
    let data = factor_data();
    assert_eq!(
        data.parts
            .iter()
            .map(|p| p.degree * p.multiplicity)
            .sum::<u32>(),
        127
    );
    c.bench_function("cycle_structure/degree127_8_factors", |b| {
        b.iter(|| cycle_structure(black_box(&data)).expect("consistent data"))
    });

    let (pool, opts) = (Sequential::new(), algebraic());
    let lfsr = several_factors();
    c.bench_function("analyze/degree127_8_factors", |b| {
        b.iter(|| analyze(black_box(&lfsr), &opts, &pool, &Progress::new()).expect("analysis"))
    });
    let mut trinomial = vec![0; 127];
    trinomial[..2].copy_from_slice(&[1, 1]);
    let lfsr = Lfsr::new(&Field::new(2).expect("GF(2)"), trinomial).expect("degree 127");
    c.bench_function("analyze/x127_x_1", |b| {
        b.iter(|| analyze(black_box(&lfsr), &opts, &pool, &Progress::new()).expect("analysis"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
