//! GF(2) irreducibility, primitivity and factorization at large degree (gf-core's `gf2x`
//! algorithms), side by side with PARI/GP and FLINT in the same run.
//!
//! Criterion groups (lfsr-map's side):
//! * `gf2x-primitive/x{n}`: `is_primitive` (irreducibility, then the order test) of the
//!   trinomials x^3217 + x^67 + 1, x^19937 + x^881 + 1, x^44497 + x^8575 + 1 and of the
//!   MT19937 characteristic polynomial (degree 19,937, 135 terms: dense arithmetic);
//! * `gf2x-irreducible/reducible-deg{1000,4000}`: the irreducibility test on the random dense
//!   reducible polynomials of `crates/gf-core/tests/data/gf2x_factor_pari.txt`;
//! * `gf2x-factor/deg{1000,4000}`: their complete factorization.
//!
//! The anchors are timed once per case, after each group, and printed as `anchor:` lines:
//! PARI/GP (`polisirreducible`, `factormod`; gp's own `getabstime`, so gp's start-up is not
//! counted) when `gp` is on the PATH, and FLINT (`nmod_poly(..., 2).factor()` of
//! python-flint, timed in Python) when `GF2X_BENCH_PYTHON` names a Python that imports
//! `flint`. Run: `cargo bench -p lfsr-map-benches --bench gf2x`.

use std::hint::black_box;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use gf_core::gf2x::{factor as gfac, irreducible, Gf2Poly};
use gf_core::order::is_primitive;

const FACTOR_DATA: &str = include_str!("../../crates/gf-core/tests/data/gf2x_factor_pari.txt");
const MT19937: &str = include_str!("data/mt19937-charpoly.txt");

/// A polynomial from hex: bit i of the number is the coefficient of x^i.
fn hex(s: &str) -> Gf2Poly {
    let mut words = Vec::new();
    let mut end = s.len();
    while end > 0 {
        let start = end.saturating_sub(16);
        words.push(u64::from_str_radix(&s[start..end], 16).expect("hex digits"));
        end = start;
    }
    Gf2Poly::from_words(words)
}

/// The first polynomial of the data file with degree `d`, as (polynomial, hex).
fn dense(d: usize) -> (Gf2Poly, String) {
    FACTOR_DATA
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .map(|h| (hex(h), h.to_string()))
        .find(|(f, _)| f.degree() == Some(d))
        .expect("a polynomial of that degree in the data file")
}

fn mt19937() -> Gf2Poly {
    let e: Vec<usize> = MT19937
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .filter_map(|w| w.parse().ok())
        .collect();
    Gf2Poly::from_exponents(&e)
}

/// The PARI expression for f.
fn pari_poly(f: &Gf2Poly) -> String {
    let terms: Vec<String> = f.exponents().iter().map(|e| format!("x^{e}")).collect();
    format!("Mod(1,2)*({})", terms.join("+"))
}

/// Runs `body` (a gp expression) `reps` times in one `gp -q` and returns gp's time per run.
fn pari(setup: &str, body: &str, reps: u32) -> Option<Duration> {
    let script = format!(
        "default(parisizemax, 2^31)\n{setup}; t=getabstime(); for(i=1,{reps}, {body}); \
         print(getabstime()-t)\n"
    );
    let mut child = Command::new("gp")
        .args(["-q", "-f"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let ms: u64 = text.lines().last()?.trim().parse().ok()?;
    Some(Duration::from_millis(ms) / reps)
}

/// FLINT's factorization of f (python-flint), timed in Python, per run.
fn flint_factor(f: &Gf2Poly, reps: u32) -> Option<Duration> {
    let python = std::env::var("GF2X_BENCH_PYTHON").ok()?;
    let exps: Vec<String> = f.exponents().iter().map(|e| e.to_string()).collect();
    let script = format!(
        "import flint, time\nc=[0]*({d}+1)\nfor e in [{e}]: c[e]=1\nf=flint.nmod_poly(c,2)\n\
         t=time.perf_counter()\nfor _ in range({reps}): f.factor()\n\
         print(int((time.perf_counter()-t)*1e9/{reps}))\n",
        d = f.degree()?,
        e = exps.join(","),
    );
    let out = Command::new(python).args(["-c", &script]).output().ok()?;
    let ns: u64 = String::from_utf8(out.stdout).ok()?.trim().parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn anchor(label: &str, what: &str, t: Option<Duration>) {
    match t {
        Some(t) => eprintln!("anchor: {label} {what}: {t:.3?}"),
        None => eprintln!("anchor: {label} {what}: not available"),
    }
}

/// Our own one-shot time, printed beside the anchors (same run, same load).
fn ours_once(label: &str, run: impl Fn()) {
    let t = Instant::now();
    run();
    eprintln!("anchor: {label} lfsr-map (one run): {:.3?}", t.elapsed());
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(3));
    g
}

fn primitivity(c: &mut Criterion) {
    let cases: Vec<(String, Gf2Poly, u32)> = vec![
        ("x3217".into(), Gf2Poly::from_exponents(&[3217, 67, 0]), 20),
        (
            "x19937".into(),
            Gf2Poly::from_exponents(&[19937, 881, 0]),
            2,
        ),
        (
            "x44497".into(),
            Gf2Poly::from_exponents(&[44497, 8575, 0]),
            1,
        ),
        ("mt19937-dense".into(), mt19937(), 1),
    ];
    for (name, f, reps) in cases {
        let p = f.to_poly();
        let mut g = group(c, "gf2x-primitive");
        g.bench_function(&name, |b| {
            b.iter(|| assert!(is_primitive(black_box(&p)).expect("2^n - 1 is prime")))
        });
        g.finish();
        let label = format!("gf2x-primitive/{name}");
        ours_once(&label, || assert!(is_primitive(&p).unwrap()));
        let setup = format!("f={}", pari_poly(&f));
        anchor(
            &label,
            "pari polisirreducible",
            pari(&setup, "polisirreducible(f)", reps),
        );
    }
}

fn reducible_and_factor(c: &mut Criterion) {
    for d in [1000, 4000] {
        let (f, hexf) = dense(d);
        let setup = format!("f=Mod(1,2)*Pol(binary(0x{hexf}))");
        let mut g = group(c, "gf2x-irreducible");
        g.bench_function(format!("reducible-deg{d}"), |b| {
            b.iter(|| assert!(!irreducible::is_irreducible(black_box(&f))))
        });
        g.finish();
        let label = format!("gf2x-irreducible/reducible-deg{d}");
        ours_once(&label, || assert!(!irreducible::is_irreducible(&f)));
        anchor(
            &label,
            "pari polisirreducible",
            pari(&setup, "polisirreducible(f)", 20),
        );

        let mut g = group(c, "gf2x-factor");
        g.bench_function(format!("deg{d}"), |b| {
            b.iter(|| gfac::factor(black_box(&f)))
        });
        g.finish();
        let label = format!("gf2x-factor/deg{d}");
        ours_once(&label, || {
            black_box(gfac::factor(&f));
        });
        anchor(&label, "pari factormod", pari(&setup, "factormod(f)", 3));
        anchor(&label, "flint nmod_poly.factor", flint_factor(&f, 3));
    }
}

criterion_group!(benches, primitivity, reducible_and_factor);
criterion_main!(benches);
