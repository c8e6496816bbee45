//! Berlekamp-Massey: against brute force (the least L for which some LFSR of length L
//! generates the sequence, by exhaustive search), against sequences of known LFSRs over
//! GF(2), GF(3), GF(4), GF(7), against the galois package's `berlekamp_massey`
//! (tests/data/galois-vectors.txt), and the packed GF(2) version against the generic one.

use gf_core::{is_irreducible, Field, Poly};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::sequence::{Form, Generator};
use lfsr_map::synth::{berlekamp_massey, berlekamp_massey_bits, SynthError, Synthesis};
use proptest::prelude::*;

fn gf(q: u64) -> Field {
    Field::new(q).unwrap()
}

/// Whether the coefficients `c` (length L) with the state `s[..L]` generate all of `s`.
fn generates(f: &Field, c: &[u64], s: &[u64]) -> bool {
    let l = c.len();
    (l..s.len()).all(|n| {
        let v = (0..l).fold(0, |acc, k| f.add(acc, f.mul(c[k], s[n - l + k])));
        v == s[n]
    })
}

/// The least L such that some c in GF(q)^L generates `s`, by trying every c.
fn brute_complexity(f: &Field, s: &[u64]) -> usize {
    let q = f.q();
    for l in 0..=s.len() {
        let count = q.pow(l as u32);
        for code in 0..count {
            let mut k = code;
            let c: Vec<u64> = (0..l)
                .map(|_| {
                    let v = k % q;
                    k /= q;
                    v
                })
                .collect();
            if generates(f, &c, s) {
                return l;
            }
        }
    }
    unreachable!("L = N always generates")
}

/// The synthesized LFSR regenerates the sequence.
fn check_regenerates(f: &Field, s: &[u64], syn: &Synthesis) {
    assert!(generates(f, &syn.coefficients(), s), "{s:?}");
    assert_eq!(syn.initial_state(), &s[..syn.linear_complexity()]);
    let m = syn.minimal_polynomial();
    assert_eq!(m.degree(), Some(syn.linear_complexity()));
    assert!(m.is_monic());
}

#[test]
fn linear_complexity_and_profile_equal_brute_force() {
    for (q, max_len) in [(2u64, 10usize), (3, 6)] {
        let f = gf(q);
        let mut checked = 0;
        for n in 1..=max_len {
            for code in 0..q.pow(n as u32) {
                let mut k = code;
                let s: Vec<u64> = (0..n)
                    .map(|_| {
                        let v = k % q;
                        k /= q;
                        v
                    })
                    .collect();
                let syn = berlekamp_massey(&f, &s).unwrap();
                assert_eq!(syn.linear_complexity(), brute_complexity(&f, &s), "{s:?}");
                check_regenerates(&f, &s, &syn);
                // the profile is the complexity of every prefix: of the last one, from
                // the prefix's own run (checked against brute force above)
                let prefix = berlekamp_massey(&f, &s[..n - 1]).unwrap();
                assert_eq!(syn.profile()[..n - 1], prefix.profile()[..], "{s:?}");
                assert_eq!(syn.profile()[n - 1], syn.linear_complexity());
                if q == 2 {
                    let word = s.iter().enumerate().fold(0u64, |w, (i, &b)| w | b << i);
                    assert_eq!(berlekamp_massey_bits(&[word], n), syn, "{s:?}");
                }
                checked += 1;
            }
        }
        assert_eq!(checked, (1..=max_len).map(|n| q.pow(n as u32)).sum::<u64>());
    }
}

#[test]
fn singular_and_degenerate_sequences() {
    let f = gf(2);
    // 1, 0, 0, 0, 0: L = 1, C(x) = 1 (degree 0 < L), minimal polynomial x, c0 = 0
    let syn = berlekamp_massey(&f, &[1, 0, 0, 0, 0]).unwrap();
    assert_eq!(syn.linear_complexity(), 1);
    assert_eq!(syn.connection_polynomial().to_string(), "1");
    assert_eq!(syn.minimal_polynomial().to_string(), "x");
    assert!(syn.is_singular());
    assert_eq!(syn.coefficients(), [0]);
    let l = syn.lfsr().unwrap();
    assert!(l.is_singular());
    // 1, 1, 0, 0, 0, 0: L = 2 by brute force, x^2 (galois' berlekamp_massey drops the x
    // factors and says 1)
    let s = [1, 1, 0, 0, 0, 0];
    let syn = berlekamp_massey(&f, &s).unwrap();
    assert_eq!(syn.linear_complexity(), brute_complexity(&f, &s));
    assert_eq!(syn.minimal_polynomial().to_string(), "x^2");
    // all zeros: L = 0, no LFSR
    let syn = berlekamp_massey(&f, &[0; 7]).unwrap();
    assert_eq!(syn.linear_complexity(), 0);
    assert_eq!(syn.minimal_polynomial().to_string(), "1");
    assert_eq!(syn.lfsr().unwrap_err(), SynthError::ZeroComplexity);
    // empty
    let syn = berlekamp_massey(&f, &[]).unwrap();
    assert!(syn.is_empty());
    assert_eq!(syn.linear_complexity(), 0);
    // 0, ..., 0, 1 (N elements): L = N, not unique
    let syn = berlekamp_massey(&f, &[0, 0, 0, 1]).unwrap();
    assert_eq!(syn.linear_complexity(), 4);
    assert!(!syn.is_unique());
    // out of range
    assert_eq!(
        berlekamp_massey(&gf(3), &[0, 1, 3]).unwrap_err(),
        SynthError::OutOfRange {
            index: 2,
            value: 3,
            q: 3
        }
    );
    // a degree above the Lfsr limit (GF(3): MAX_DEGREE_NOT_GF2) is an error of lfsr(), not of
    // the synthesis
    let n = lfsr_map::lfsr::MAX_DEGREE_NOT_GF2 + 1;
    let mut s = vec![0u64; n];
    s[n - 1] = 1;
    let syn = berlekamp_massey(&gf(3), &s).unwrap();
    assert_eq!(syn.linear_complexity(), n);
    assert!(matches!(syn.lfsr(), Err(SynthError::Lfsr(_))));
}

/// Known LFSRs with irreducible characteristic polynomials: from any nonzero state, 2d
/// outputs give back exactly the characteristic polynomial.
#[test]
fn known_lfsrs_over_gf2_gf3_gf4_gf7() {
    let cases: [(u64, &str); 10] = [
        (2, "x^4 + x^3 + 1"),
        (2, "x^5 + x^3 + 1"),
        (2, "x^12 + x^6 + x^4 + x + 1"),
        (2, "x^8 + x^4 + x^3 + x + 1"),
        (3, "x^2 + x + 2"),
        (3, "x^4 + 2*x^3 + 2"),
        (4, "x^2 + x + a"),
        (4, "x^3 + x^2 + x + a"),
        (7, "x^2 + 4*x + 5"),
        (7, "x^3 + 3*x + 2"),
    ];
    for (q, text) in cases {
        let f = gf(q);
        let p = Poly::parse(&f, text).unwrap();
        assert!(is_irreducible(&p), "{text}");
        let d = p.degree().unwrap();
        let c: Vec<u64> = (0..d).map(|i| f.neg(p.coeff(i))).collect();
        let l = Lfsr::new(&f, c.clone()).unwrap();
        for seed in 1..20u64 {
            let s: Vec<u64> = (0..d as u64).map(|i| (seed * 7 + i * i * 3) % q).collect();
            if s.iter().all(|&x| x == 0) {
                continue;
            }
            let out: Vec<u64> = Generator::new(&l, Form::Fibonacci, &s)
                .unwrap()
                .take(2 * d)
                .collect();
            let syn = berlekamp_massey(&f, &out).unwrap();
            assert_eq!(syn.minimal_polynomial(), p, "{text} from {s:?}");
            assert_eq!(syn.coefficients(), c);
            assert_eq!(syn.lfsr().unwrap(), l);
            assert!(syn.is_unique());
        }
    }
}

#[test]
fn galois_package_berlekamp_massey() {
    let text = include_str!("data/galois-vectors.txt");
    let mut checked = 0;
    for line in text.lines().filter(|l| l.starts_with("bm ")) {
        let parts: Vec<&str> = line.split(' ').collect();
        let q: u64 = parts[1].parse().unwrap();
        let f = gf(q);
        let list = |s: &str| -> Vec<u64> { s.split(',').map(|x| x.parse().unwrap()).collect() };
        let mut want = list(parts[3]); // descending
        want.reverse();
        let seq = list(parts[4]);
        let syn = berlekamp_massey(&f, &seq).unwrap();
        assert_eq!(
            syn.minimal_polynomial(),
            Poly::new(&f, want).unwrap(),
            "{line}"
        );
        check_regenerates(&f, &seq, &syn);
        checked += 1;
    }
    assert_eq!(checked, 48);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// synth(sequence(L, s)): the minimal polynomial divides the characteristic polynomial of
    /// L, its LFSR regenerates the sequence (and beyond), and for an irreducible
    /// characteristic polynomial and a nonzero state it is that polynomial.
    #[test]
    fn synth_of_a_sequence_recovers_its_lfsr(
        q in prop::sample::select(vec![2u64, 3, 4, 5, 7, 8, 9]),
        raw in prop::collection::vec(any::<u64>(), 1..10),
        raw_state in prop::collection::vec(any::<u64>(), 10),
        galois in any::<bool>(),
    ) {
        let f = gf(q);
        let c: Vec<u64> = raw.iter().map(|x| x % q).collect();
        let d = c.len();
        let s: Vec<u64> = raw_state[..d].iter().map(|x| x % q).collect();
        let l = Lfsr::new(&f, c).unwrap();
        let form = if galois { Form::Galois } else { Form::Fibonacci };
        let out: Vec<u64> = Generator::new(&l, form, &s).unwrap().take(2 * d).collect();
        let syn = berlekamp_massey(&f, &out).unwrap();
        prop_assert!(syn.linear_complexity() <= d);
        let chi = l.characteristic_polynomial();
        let m = syn.minimal_polynomial();
        prop_assert!(chi.rem(&m).unwrap().is_zero(), "{} does not divide {}", m, chi);
        if let Ok(found) = syn.lfsr() {
            let longer: Vec<u64> = Generator::new(&l, form, &s).unwrap().take(6 * d + 5).collect();
            let again: Vec<u64> = Generator::new(&found, Form::Fibonacci, syn.initial_state())
                .unwrap()
                .take(6 * d + 5)
                .collect();
            prop_assert_eq!(again, longer);
        } else {
            prop_assert!(out.iter().all(|&x| x == 0));
        }
        if is_irreducible(&chi) && s.iter().any(|&x| x != 0) {
            prop_assert_eq!(m, chi);
        }
    }

    /// The packed GF(2) version equals the generic one on any bits.
    #[test]
    fn gf2_packed_equals_generic(bits in prop::collection::vec(any::<bool>(), 0..700)) {
        let s: Vec<u64> = bits.iter().map(|&b| b as u64).collect();
        let mut words = vec![0u64; s.len().div_ceil(64)];
        for (k, &b) in s.iter().enumerate() {
            words[k / 64] |= b << (k % 64);
        }
        let generic = berlekamp_massey(&gf(2), &s).unwrap();
        prop_assert_eq!(berlekamp_massey_bits(&words, s.len()), generic);
    }

    /// ... and on LFSR outputs of high linear complexity (long runs of the update steps).
    #[test]
    fn gf2_packed_equals_generic_on_lfsr_output(
        raw in prop::collection::vec(any::<bool>(), 1..200),
        raw_state in prop::collection::vec(any::<bool>(), 200),
    ) {
        let c: Vec<u64> = raw.iter().map(|&b| b as u64).collect();
        let d = c.len();
        let s: Vec<u64> = raw_state[..d].iter().map(|&b| b as u64).collect();
        let l = Lfsr::new(&gf(2), c).unwrap();
        let out: Vec<u64> = Generator::new(&l, Form::Fibonacci, &s).unwrap().take(2 * d + 3).collect();
        let mut words = vec![0u64; out.len().div_ceil(64)];
        for (k, &b) in out.iter().enumerate() {
            words[k / 64] |= b << (k % 64);
        }
        let generic = berlekamp_massey(&gf(2), &out).unwrap();
        prop_assert_eq!(berlekamp_massey_bits(&words, out.len()), generic);
    }
}
