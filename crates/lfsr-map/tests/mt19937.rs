//! The MT19937 showcase (examples/mt19937.rs): Berlekamp-Massey on 39,874 low output bits
//! finds linear complexity 19,937, the polynomial has the 135 nonzero terms the literature
//! gives (Panneton, L'Ecuyer, Matsumoto 2006, Table I: N1 = 135 for MT19937), and the
//! synthesized LFSR regenerates the bits and predicts the next ones. The polynomial is kept
//! in tests/data/mt19937-charpoly.txt (exponents, descending; written by the example with
//! `--write-charpoly`) for the GF(2)[x] benches; this test checks it is still the same.

#[path = "../examples/support/mt19937.rs"]
mod mt;

use gf_core::{Field, Poly};
use lfsr_map::sequence::{BitGenerator, Form};
use lfsr_map::synth::{berlekamp_massey_bits, Synthesis};

const N: usize = 2 * 19_937;

fn synthesis() -> Synthesis {
    let bits = mt::low_bits(&mut mt::Mt19937::new(5489), N);
    berlekamp_massey_bits(&bits, N)
}

#[test]
fn reference_outputs() {
    // The C++ standard ([rand.predef]): the 10,000th output of std::mt19937() is 4123659995.
    let mut g = mt::Mt19937::new(5489);
    let outs: Vec<u32> = (0..10_000).map(|_| g.next_u32()).collect();
    assert_eq!(outs[0], 3_499_211_612);
    assert_eq!(outs[9_999], 4_123_659_995);
}

#[test]
fn berlekamp_massey_finds_the_degree_19937_recurrence() {
    let syn = synthesis();
    assert_eq!(syn.linear_complexity(), 19_937);
    assert!(syn.is_unique());
    assert!(!syn.is_singular());
    let m = syn.minimal_polynomial();
    assert_eq!(m.degree(), Some(19_937));
    assert_eq!(m.coeffs().iter().filter(|&&c| c != 0).count(), 135);

    // the data file is this polynomial
    let file: Vec<usize> = include_str!("data/mt19937-charpoly.txt")
        .split_whitespace()
        .map(|e| e.parse().unwrap())
        .collect();
    let mine: Vec<usize> = (0..=19_937).rev().filter(|&i| m.coeff(i) == 1).collect();
    assert_eq!(file, mine);

    // the LFSR regenerates the 39,874 bits and predicts 20,000 more
    let more = 20_000;
    let mut lfsr = BitGenerator::from_parts(
        syn.field(),
        &syn.coefficients(),
        Form::Fibonacci,
        syn.initial_state(),
    )
    .unwrap();
    let mut predicted = vec![0u64; (N + more).div_ceil(64)];
    lfsr.fill_words(&mut predicted);
    let actual = mt::low_bits(&mut mt::Mt19937::new(5489), N + more);
    let last = (N + more) / 64;
    assert_eq!(predicted[..last], actual[..last]);
    // the profile grows to 19,937 and ends there
    assert_eq!(syn.profile().len(), N);
    assert_eq!(syn.profile()[N - 1], 19_937);
    assert!(syn.profile().windows(2).all(|w| w[0] <= w[1]));
}

/// Irreducibility and x^(2^19937) mod f at degree 19,937 through gf-core's GF(2)[x] path:
/// under a second optimized, much longer in debug, so CI runs it optimized:
/// `cargo test --release -p lfsr-map --test mt19937 -- --ignored`.
#[test]
#[ignore = "optimized only (.ci/run runs it with --release)"]
fn the_characteristic_polynomial_is_primitive() {
    let m = synthesis().minimal_polynomial();
    let f = Poly::new(&Field::new(2).unwrap(), m.coeffs().to_vec()).unwrap();
    assert!(gf_core::is_primitive(&f).unwrap());
}
