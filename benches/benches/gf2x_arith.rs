//! `gf2x_arith`: GF(2)\[x\] arithmetic of `gf_core::gf2x` against PARI/GP in the same run.
//!
//! ```text
//! cargo bench -p lfsr-map-benches --bench gf2x_arith                 # everything
//! cargo bench -p lfsr-map-benches --bench gf2x_arith -- gf2x-mod      # one group
//! ```
//!
//! Groups:
//!
//! 1. `gf2x-mul/{portable,pclmul}/W`: the product of two random W-word polynomials (W = 64,
//!    320, 700, 4,000), each carry-less backend; `pari-gp/W` is gp multiplying two random
//!    `Mod(1,2)*Pol(..)` polynomials of the same size (PARI's generic polynomial path over
//!    `t_INTMOD` coefficients; gp has no direct handle on its F2x type), timed by gp's
//!    `getabstime` over a loop, gp's start-up and input building not counted.
//! 2. `gf2x-karatsuba-threshold/{schoolbook,one-level}/W`: a W-word product by the word
//!    schoolbook against one Karatsuba level over schoolbook halves: the smallest W where
//!    one level wins is `KARATSUBA_THRESHOLD`.
//! 3. `gf2x-mod/{square_mod,mul_mod}/CASE`, CASE `dense19937` (a fixed random dense
//!    modulus of degree 19,937: Barrett), `tri19937` (x^19937 + x^881 + 1) and `tri44497`
//!    (x^44497 + x^8575 + 1): shifts. `pari-gp` does the same operation on `random()`
//!    elements of `ffgen(f)` (PARI's F2xq arithmetic, its native GF(2)\[x\]/(f) path; ffgen
//!    does not require f irreducible).
//!
//! The machine is shared: note the load (`uptime`) with every figure you quote.
//!
//! Known gap: the dense-modulus `pari-gp` entries are skipped at present (gp measures 0 ms
//! for the script built here; by hand, the same `ffgen` squaring/multiplication modulo a
//! random dense degree-19,937 polynomial takes 1.7 / 2.9 ms per operation).

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, SamplingMode};
use gf_core::gf2x::{Backend, Gf2Modulus, Gf2Poly};

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// Deterministic pseudo-random words (splitmix64).
fn words(n: usize, seed: u64) -> Vec<u64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
        .collect()
}

/// A random polynomial of exactly `bits` coefficients (degree bits - 1).
fn random_poly(bits: usize, seed: u64) -> Gf2Poly {
    let mut w = words(bits.div_ceil(64), seed);
    let top = (bits - 1) % 64;
    if let Some(last) = w.last_mut() {
        *last &= if top == 63 {
            u64::MAX
        } else {
            (1u64 << (top + 1)) - 1
        };
        *last |= 1 << top;
    }
    Gf2Poly::from_words(w)
}

fn quick(group: &mut Group<'_>) {
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(300));
    group.measurement_time(Duration::from_millis(1500));
}

/// Runs `setup` then `reps` times `op` in a fresh `gp -q` and returns the time gp measured
/// for the loop, or `None` if gp is missing or printed no number.
fn pari_loop(setup: &str, op: &str, reps: u64) -> Option<Duration> {
    use std::io::Write as _;
    let script = format!(
        "default(parisizemax, 4000000000);\nsetrand(1);\n{setup};\n\
         T0=getabstime(); for(i=1,{reps},{op}); print(getabstime()-T0)\n"
    );
    let mut child = Command::new("gp")
        .arg("-q")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let ms: u64 = String::from_utf8(out.stdout).ok()?.trim().parse().ok()?;
    Some(Duration::from_millis(ms))
}

/// Adds a `pari-gp` entry timing `op` after `setup`; each criterion iteration batch becomes
/// one gp loop of at least 100 operations (gp's clock counts milliseconds).
fn bench_pari(group: &mut Group<'_>, id: &str, setup: &str, op: &str) {
    // A loop of 100 operations measured as 0 ms means gp did not do the operation (e.g. the
    // setup failed and `op` ran on an unbound symbol): no figure rather than a false one.
    if pari_loop(setup, op, 100).is_none_or(|t| t.is_zero()) {
        eprintln!("{id}: gp not found, failed or gave 0 ms for 100 operations: no pari-gp figure");
        return;
    }
    group.bench_function(id, |b| {
        b.iter_custom(|iters| {
            // At least 100 operations per gp loop (its clock counts milliseconds), the time
            // scaled back to `iters`.
            let reps = iters.max(100);
            let t = pari_loop(setup, op, reps).expect("gp ran once already");
            t.mul_f64(iters as f64 / reps as f64)
        })
    });
}

fn mul(c: &mut Criterion) {
    let mut group = c.benchmark_group("gf2x-mul");
    quick(&mut group);
    for w in [64usize, 320, 700, 4_000] {
        let (a, b) = (random_poly(64 * w, 1), random_poly(64 * w, 2));
        for bk in Backend::all() {
            let name = match bk {
                Backend::Portable => "portable",
                Backend::Pclmul => "pclmul",
            };
            group.bench_function(format!("{name}/{w}"), |bn| {
                bn.iter(|| black_box(a.mul_with(&b, bk)))
            });
        }
        let bits = 64 * w;
        let setup = format!(
            "rp(n)=Mod(1,2)*Pol(binary(random(2^n)+2^n));\na=rp({}); b=rp({})",
            bits - 1,
            bits - 1
        );
        bench_pari(&mut group, &format!("pari-gp/{w}"), &setup, "c=a*b");
    }
    group.finish();
}

fn karatsuba_threshold(c: &mut Criterion) {
    // 2026-12-02, pclmulqdq, load ~1 on 2 cores, median ns schoolbook / one level:
    // 8: 154/394, 12: 331/430, 16: 471/576, 20: 713/787, 24: 1046/950, 32: 2103/1797,
    // 48: 7354/5062, 64: 12772/9184 -> KARATSUBA_THRESHOLD = 24.
    let mut group = c.benchmark_group("gf2x-karatsuba-threshold");
    quick(&mut group);
    let bk = Backend::best();
    for w in [8usize, 12, 16, 20, 24, 32, 48, 64] {
        let (a, b) = (random_poly(64 * w, 3), random_poly(64 * w, 4));
        group.bench_function(format!("schoolbook/{w}"), |bn| {
            bn.iter(|| black_box(a.mul_threshold(&b, bk, usize::MAX)))
        });
        group.bench_function(format!("one-level/{w}"), |bn| {
            bn.iter(|| black_box(a.mul_threshold(&b, bk, w)))
        });
    }
    group.finish();
}

fn modular(c: &mut Criterion) {
    let mut group = c.benchmark_group("gf2x-mod");
    quick(&mut group);
    let dense = random_poly(19_938, 5).add(&Gf2Poly::one());
    let dense = if dense.bit(0) {
        dense
    } else {
        dense.add(&Gf2Poly::one())
    };
    let cases = [
        ("dense19937", dense.clone()),
        ("tri19937", Gf2Poly::from_exponents(&[19_937, 881, 0])),
        ("tri44497", Gf2Poly::from_exponents(&[44_497, 8_575, 0])),
    ];
    for (name, f) in &cases {
        let m = Gf2Modulus::new(f).expect("degree >= 1");
        let n = m.degree();
        let (a, b) = (random_poly(n, 6), random_poly(n - 3, 7));
        group.bench_function(format!("square_mod/{name}"), |bn| {
            bn.iter(|| black_box(m.square_mod(&a)))
        });
        group.bench_function(format!("mul_mod/{name}"), |bn| {
            bn.iter(|| black_box(m.mul_mod(&a, &b)))
        });
        let fpoly = if *name == "dense19937" {
            // The same dense modulus, as a coefficient vector (high to low).
            let coeffs: Vec<&str> = (0..=n)
                .rev()
                .map(|i| if f.bit(i) { "1" } else { "0" })
                .collect();
            format!("Pol([{}])", coeffs.join(","))
        } else {
            let e = f.exponents();
            format!("x^{}+x^{}+1", e[0], e[1])
        };
        let setup = format!("g=ffgen(Mod(1,2)*({fpoly}),'t); u=random(g); v=random(g)");
        bench_pari(
            &mut group,
            &format!("pari-gp-square/{name}"),
            &setup,
            "w=u^2",
        );
        bench_pari(&mut group, &format!("pari-gp-mul/{name}"), &setup, "w=u*v");
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    mul(&mut c);
    karatsuba_threshold(&mut c);
    modular(&mut c);
    c.final_summary();
}
