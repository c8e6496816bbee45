//! The Mersenne Twister is an LFSR: Berlekamp-Massey finds its degree-19,937 recurrence from
//! 39,874 output bits, and gf-core says whether its characteristic polynomial is primitive.
//!
//! ```text
//! cargo run --release -p lfsr-map --example mt19937
//! cargo run --release -p lfsr-map --example mt19937 -- --no-primitivity
//! cargo run --release -p lfsr-map --example mt19937 -- --write-charpoly FILE
//! ```
//!
//! MT19937's state is 19,937 bits (624 words less 31 unused bits) updated by a linear map
//! over GF(2), and every bit of its tempered output is a linear function of the state. So
//! the lowest bit of each output is a linear recurring sequence whose minimal polynomial
//! divides the characteristic polynomial of that map, of degree 19,937: with 2 * 19,937 =
//! 39,874 bits, Berlekamp-Massey finds it, uniquely. The characteristic polynomial is known
//! to be primitive (that is the generator's period 2^19937 - 1) and to have 135 nonzero
//! terms (Matsumoto and Nishimura 1998; Panneton, L'Ecuyer and Matsumoto 2006, Table I).
//!
//! The primitivity test needs x^(2^19937) mod f and irreducibility at degree 19,937: it is
//! fast only with gf-core's fast GF(2)[x] arithmetic; the example says how long it took.
//! `--write-charpoly FILE` writes the polynomial as its exponents, one line, descending
//! (`tests/data/mt19937-charpoly.txt` was made that way).

#[path = "support/mt19937.rs"]
mod mt;

use std::time::Instant;

use gf_core::{Field, Poly};
use lfsr_map::sequence::{BitGenerator, Form};
use lfsr_map::synth::berlekamp_massey_bits;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check_primitive = !args.iter().any(|a| a == "--no-primitivity");
    let write_to = args
        .iter()
        .position(|a| a == "--write-charpoly")
        .map(|i| {
            args.get(i + 1)
                .cloned()
                .ok_or("--write-charpoly needs a FILE")
        })
        .transpose()?;

    // The C++ standard's check: the 10,000th output of a default-constructed std::mt19937.
    let mut check = mt::Mt19937::new(5489);
    let first = check.next_u32();
    let tenth_thousand = (1..10_000)
        .map(|_| check.next_u32())
        .last()
        .unwrap_or(first);
    println!("MT19937(5489): first output {first}, 10000th {tenth_thousand}");
    if first != 3_499_211_612 || tenth_thousand != 4_123_659_995 {
        return Err("this MT19937 does not match the reference outputs".into());
    }

    let n = 2 * 19_937;
    let mut gen = mt::Mt19937::new(5489);
    let bits = mt::low_bits(&mut gen, n);
    let t = Instant::now();
    let syn = berlekamp_massey_bits(&bits, n);
    let bm_time = t.elapsed();
    let m = syn.minimal_polynomial();
    let weight = m.coeffs().iter().filter(|&&c| c != 0).count();
    println!(
        "Berlekamp-Massey on {n} low bits: linear complexity {} in {:.1} ms; minimal polynomial \
         of degree {} with {weight} nonzero terms",
        syn.linear_complexity(),
        bm_time.as_secs_f64() * 1e3,
        m.degree().unwrap_or(0),
    );

    // The synthesized LFSR predicts the generator: 100,000 more bits.
    let more = 100_000;
    let mut lfsr = BitGenerator::from_parts(
        syn.field(),
        &syn.coefficients(),
        Form::Fibonacci,
        syn.initial_state(),
    )?;
    let mut predicted = vec![0u64; (n + more).div_ceil(64)];
    lfsr.fill_words(&mut predicted);
    let mut replay = mt::Mt19937::new(5489);
    let actual = mt::low_bits(&mut replay, n + more);
    let agree = (0..n + more).all(|k| (predicted[k / 64] ^ actual[k / 64]) >> (k % 64) & 1 == 0);
    println!(
        "the LFSR regenerates the {n} bits and predicts the next {more}: {}",
        if agree { "yes" } else { "NO" }
    );

    if let Some(path) = write_to {
        std::fs::write(&path, exponents(&m) + "\n")?;
        println!("wrote the exponents of the polynomial to {path}");
    }
    if check_primitive {
        println!("asking gf-core whether it is primitive (needs the fast GF(2)[x] path)...");
        let t = Instant::now();
        let f = Poly::new(&Field::new(2)?, m.coeffs().to_vec())?;
        let primitive = gf_core::is_primitive(&f)?;
        println!(
            "primitive: {} ({:.1} s)",
            if primitive { "yes" } else { "no" },
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// The exponents of the nonzero terms, descending, space separated.
fn exponents(p: &Poly) -> String {
    let e: Vec<String> = (0..p.coeffs().len())
        .rev()
        .filter(|&i| p.coeff(i) != 0)
        .map(|i| i.to_string())
        .collect();
    e.join(" ")
}
