//! Integer factoring (`gf_core::integer::factor_big_with_work`: rho, ECM, the quadratic sieve)
//! on the composites of `crates/gf-core/tests/data/composites.txt` (the two of issue 14, balanced
//! semiprimes of 40-80 digits and an unbalanced 69-digit one, all made and factored by PARI/GP),
//! side by side with PARI/GP's `factor` on the same number in the same run (`pari-gp`, timed
//! by gp's own `getabstime`, gp's start-up not counted) when `gp` is on the PATH.
//!
//! By default the numbers of at most 60 digits; `FACTOR_BENCH_LARGE=1` adds the 69-80 digit
//! ones (minutes per sample on one core). Run: `cargo bench -p lfsr-map-benches --bench factor`.

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use gf_core::integer::factor_big_with_work;
use num_bigint::BigUint;

const COMPOSITES: &str = include_str!("../../crates/gf-core/tests/data/composites.txt");

/// Enough work for the sieve to take every number here (2^32 units, about 100 s of rho/ECM).
const WORK: u64 = 1 << 32;

/// One `factor(n)` in a fresh `gp -q`: the time gp measured, or `None` if gp could not run.
fn pari_run(n: &str) -> Option<Duration> {
    use std::io::Write as _;
    let mut child = Command::new("gp")
        .arg("-q")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let script = format!(
        "default(parisizemax, 2^30)\nt=getabstime(); f=factor({n}); print(getabstime()-t)\n"
    );
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let ms: u64 = text.lines().last()?.trim().parse().ok()?;
    Some(Duration::from_millis(ms))
}

fn factor(c: &mut Criterion) {
    let large = std::env::var_os("FACTOR_BENCH_LARGE").is_some();
    for line in COMPOSITES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split(" | ").collect();
        let (digits, n_text) = (cols[0], cols[1]);
        let n: BigUint = n_text.parse().expect("data is decimal");
        if n_text.len() > 60 && !large {
            continue;
        }
        let mut group = c.benchmark_group(format!("factor-{digits}-digits-{}", &n_text[..6]));
        group.sample_size(10);
        group.sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_millis(200));
        group.measurement_time(Duration::from_secs(3));
        group.bench_function("lfsr-map", |b| {
            b.iter(|| black_box(factor_big_with_work(&n, WORK).expect("factors")))
        });
        if pari_run(n_text).is_some() {
            group.bench_function("pari-gp", |b| {
                b.iter_custom(|iters| {
                    (0..iters)
                        .map(|_| pari_run(n_text).expect("gp ran once already"))
                        .sum()
                })
            });
        } else {
            eprintln!("{digits} digits: gp not found, no pari-gp figure");
        }
        group.finish();
    }
}

criterion_group!(benches, factor);
criterion_main!(benches);
