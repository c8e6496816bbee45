//! `find`: the time to find polynomials with `gf_core::find`, beside galois.
//!
//! ```text
//! cargo bench -p lfsr-map-benches --bench find
//! GALOIS_PYTHON=/path/to/venv/bin/python cargo bench -p lfsr-map-benches --bench find
//! ```
//!
//! Groups (criterion, few samples: some iterations take seconds):
//!
//! 1. `find-trinomial-1000`: the first primitive trinomial of degree 1,000 over GF(2), the
//!    issue's benchmark. There is none (Swan's theorem: 1000 = 0 mod 8), so this is the time
//!    to that answer: `theorem` is what `find --weight 3` does (refuses with the reason).
//!    The answer by exhaustion (all 999 trinomials x^1000 + x^k + 1 tested, what a tool
//!    without the theorem pays, PARI's loop too) is timed once, after criterion.
//! 2. `find-pentanomial-1000`: the first irreducible pentanomial of degree 1,000, and the first
//!    primitive one when 2^1000 - 1 can be factored (it needs the extended Cunningham table;
//!    skipped with the reason otherwise).
//! 3. `find-trinomial-1279`: the first primitive trinomial of a degree that has one
//!    (1279, a Mersenne exponent: x^1279 + x^216 + 1).
//! 4. `find-least-primitive-32`: `primitive_poly(2, 32)`, the least primitive polynomial of
//!    degree 32. With `GALOIS_PYTHON` set, galois' `primitive_poly(2, 32)` is timed in the
//!    same run (best of 5, in a fresh interpreter after import, its search cache cleared) and
//!    printed beside it. With PARI/GP's `gp` on the PATH, the same searches are timed in GP
//!    (loops over `polisirreducible`, `fforder` for primitivity; best of 5) and printed
//!    beside lfsr-map's.

use std::process::Command;
use std::time::{Duration, Instant};

use criterion::Criterion;
use gf_core::find::{Property, Search};
use gf_core::{is_irreducible, Field, Poly};

fn first(q: u64, d: usize, p: Property, w: Option<usize>) -> String {
    let mut s = Search::new(&Field::new(q).unwrap(), d, p).unwrap();
    if let Some(w) = w {
        s = s.weight(w).unwrap();
    }
    s.ascending().next().unwrap().unwrap().to_string()
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let gf2 = Field::new(2).unwrap();

    let mut g = c.benchmark_group("find-trinomial-1000");
    g.bench_function("theorem", |b| {
        b.iter(|| {
            let s = Search::new(&gf2, 1000, Property::Primitive).unwrap();
            s.weight(3).unwrap_err()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("find-pentanomial-1000");
    g.bench_function("irreducible", |b| {
        b.iter(|| first(2, 1000, Property::Irreducible, Some(5)))
    });
    match Search::new(&gf2, 1000, Property::Primitive)
        .unwrap()
        .ready()
    {
        Ok(()) => {
            g.bench_function("primitive", |b| {
                b.iter(|| first(2, 1000, Property::Primitive, Some(5)))
            });
        }
        Err(e) => eprintln!("find-pentanomial-1000/primitive skipped: {e}"),
    }
    g.finish();

    let mut g = c.benchmark_group("find-trinomial-1279");
    match Search::new(&gf2, 1279, Property::Primitive)
        .unwrap()
        .ready()
    {
        Ok(()) => {
            g.bench_function("primitive", |b| {
                b.iter(|| first(2, 1279, Property::Primitive, Some(3)))
            });
        }
        Err(e) => eprintln!("find-trinomial-1279/primitive skipped: {e}"),
    }
    g.finish();

    let mut g = c.benchmark_group("find-least-primitive-32");
    g.bench_function("lfsr-map", |b| {
        b.iter(|| first(2, 32, Property::Primitive, None))
    });
    g.finish();

    // Single timings beside galois, in this run.
    println!("\nfind, best of 5 (this run):");
    let best = |f: &dyn Fn() -> String| {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                let r = f();
                (t.elapsed(), r)
            })
            .min()
            .unwrap()
    };
    let (t, r) = best(&|| first(2, 32, Property::Primitive, None));
    println!("  lfsr-map primitive_poly(2, 32): {t:>12.3?}  {r}");
    match std::env::var("GALOIS_PYTHON") {
        Ok(python) => {
            let script = "import galois, time\n\
                ts = []\n\
                for _ in range(5):\n\
                \x20   galois._polys._search._deterministic_search.cache_clear()\n\
                \x20   t = time.perf_counter(); f = galois.primitive_poly(2, 32); ts.append(time.perf_counter() - t)\n\
                print(min(ts), f, galois.__version__)\n";
            match Command::new(python).args(["-c", script]).output() {
                Ok(out) if out.status.success() => {
                    let text = String::from_utf8_lossy(&out.stdout);
                    let mut w = text.trim().splitn(2, ' ');
                    let secs = w
                        .next()
                        .and_then(|s| s.parse::<f64>().ok())
                        .filter(|s| s.is_finite() && *s >= 0.0)
                        .unwrap_or(0.0);
                    println!(
                        "  galois   primitive_poly(2, 32): {:>12.3?}  {}",
                        Duration::from_secs_f64(secs),
                        w.next().unwrap_or("")
                    );
                }
                Ok(out) => eprintln!("galois failed: {}", String::from_utf8_lossy(&out.stderr)),
                Err(e) => eprintln!("cannot run {e}"),
            }
        }
        Err(_) => println!("  (set GALOIS_PYTHON to a python with galois to time it beside)"),
    }
    let pari = "first5(n) = { for(a=3, n-1, for(b=2, a-1, for(c=1, b-1, if(polisirreducible(Mod(1,2)*(x^n + x^a + x^b + x^c + 1)), return([a,b,c]))))); };\n\
        first3(n) = { for(k=1, n-1, if(polisirreducible(Mod(1,2)*(x^n+x^k+1)), return(k))); -1 };\n\
        lp(d) = { for(n=2^d, 2^(d+1)-1, my(f=Mod(1,2)*Pol(binary(n))); if(polisirreducible(f) && fforder(ffgen(f,'t)) == 2^d-1, return(lift(f)))); };\n\
        best(f) = { my(b = 10^9, r); for(i=1, 5, my(t = getabstime()); r = f(); b = min(b, getabstime() - t)); [b, r]; };\n\
        v = best(()->first3(1000)); print(\"  PARI     all trinomials 1000 irreducible? ms \", v[1], \"  first k = \", v[2]);\n\
        v = best(()->first5(1000)); print(\"  PARI     first irreducible pentanomial 1000 ms \", v[1], \"  \", v[2]);\n\
        v = best(()->first3(1279)); print(\"  PARI     first irreducible trinomial 1279 ms \", v[1], \"  k = \", v[2]);\n\
        v = best(()->lp(32)); print(\"  PARI     least primitive degree 32 ms \", v[1], \"  \", v[2]);\n";
    // The answer by exhaustion: every trinomial through the search's own filter and test
    // (`Search::test`), and through `is_irreducible` alone; one run each (seconds).
    let all = Search::new(&gf2, 1000, Property::Irreducible).unwrap();
    let x1000 = Poly::monomial(&gf2, 1, 1000) + Poly::one(&gf2);
    let trinomial = |k| &x1000 + Poly::monomial(&gf2, 1, k);
    let t = Instant::now();
    let k = (1..1000).find(|&k| all.test(&trinomial(k)).unwrap());
    println!(
        "  lfsr-map all trinomials 1000 (filter + test): {:>12.3?}  first k = {k:?}",
        t.elapsed()
    );
    let t = Instant::now();
    let k = (1..1000).find(|&k| is_irreducible(&trinomial(k)));
    println!(
        "  lfsr-map all trinomials 1000 (is_irreducible): {:>12.3?}  first k = {k:?}",
        t.elapsed()
    );
    let (t, r) = best(&|| first(2, 1000, Property::Irreducible, Some(5)));
    println!("  lfsr-map first irreducible pentanomial 1000: {t:>12.3?}  {r}");
    let (t, r) = best(&|| first(2, 1279, Property::Primitive, Some(3)));
    println!("  lfsr-map first primitive trinomial 1279: {t:>12.3?}  {r}");
    match Command::new("gp")
        .args(["-q", "-f"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        Ok(mut child) => {
            use std::io::Write as _;
            if let Some(mut stdin) = child.stdin.take() {
                let _ = stdin.write_all(pari.as_bytes());
            }
            match child.wait_with_output() {
                Ok(out) => print!("{}", String::from_utf8_lossy(&out.stdout)),
                Err(e) => eprintln!("gp failed: {e}"),
            }
        }
        Err(_) => println!("  (PARI/GP `gp` not on PATH: no PARI timings)"),
    }
    c.final_summary();
}
