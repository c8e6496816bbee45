//! Output sequences: a hand-computed example, the enumeration's state listing, the galois
//! package's FLFSR/GLFSR outputs (tests/data/galois-vectors.txt, made by the script beside
//! it), the two forms against each other, and the GF(2) word-parallel generator against the
//! element-by-element one.

use gf_core::Field;
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use lfsr_map::sequence::{
    default_state, fibonacci_state_of_galois, galois_state_of_fibonacci, BitGenerator, Form,
    Generator, Output, SequenceError,
};
use lfsr_map::{analyze, Options};
use proptest::prelude::*;
use worker_pool::Sequential;

fn gf(q: u64) -> Field {
    Field::new(q).unwrap()
}

fn lfsr(q: u64, c: &[u64]) -> Lfsr {
    Lfsr::new(&gf(q), c.to_vec()).unwrap()
}

fn first(l: &Lfsr, form: Form, state: &[u64], n: usize) -> Vec<u64> {
    Generator::new(l, form, state).unwrap().take(n).collect()
}

#[test]
fn fibonacci_by_hand() {
    // [1,1,0,1] over GF(2): (s0,s1,s2,s3) -> (s1,s2,s3, s0+s1+s3), output s0.
    // (1,0,0,0) out 1, feedback 1+0+0 = 1 -> (0,0,0,1)
    // (0,0,0,1) out 0, feedback 0+0+1 = 1 -> (0,0,1,1)
    // (0,0,1,1) out 0, feedback 0+0+1 = 1 -> (0,1,1,1)
    // (0,1,1,1) out 0, feedback 0+1+1 = 0 -> (1,1,1,0)
    // (1,1,1,0) out 1, feedback 1+1+0 = 0 -> (1,1,0,0)
    // (1,1,0,0) out 1, feedback 1+1+0 = 0 -> (1,0,0,0): the 6-cycle of the reference.
    let l = lfsr(2, &[1, 1, 0, 1]);
    let mut g = Generator::new(&l, Form::Fibonacci, &[1, 0, 0, 0]).unwrap();
    let got: Vec<u64> = g.by_ref().take(6).collect();
    assert_eq!(got, [1, 0, 0, 0, 1, 1]);
    assert_eq!(g.state(), [1, 0, 0, 0]);
    assert_eq!(
        first(&l, Form::Fibonacci, &[1, 0, 0, 0], 12),
        [1, 0, 0, 0, 1, 1].repeat(2)
    );
}

#[test]
fn galois_by_hand() {
    // [1,2] over GF(3), f = x^2 + x + 2; (g0,g1) -> (1*t, g0 + 2*t) with t = g1, output t.
    // (1,0) t=0 -> (0,1);  (0,1) t=1 -> (1,2);  (1,2) t=2 -> (2, 1+4=2);
    // (2,2) t=2 -> (2, 2+4=0);  (2,0) t=0 -> (0,2);  (0,2) t=2 -> (2, 0+4=1);
    // (2,1) t=1 -> (1, 2+2=1);  (1,1) t=1 -> (1, 1+2=0) = (1,0): period 8.
    let l = lfsr(3, &[1, 2]);
    let mut g = Generator::new(&l, Form::Galois, &[1, 0]).unwrap();
    let got: Vec<u64> = g.by_ref().take(8).collect();
    assert_eq!(got, [0, 1, 2, 2, 0, 2, 1, 1]);
    assert_eq!(g.state(), [1, 0]);
    // The Fibonacci state with that output is its first two elements, (0, 1):
    // a2 = 1*0 + 2*1 = 2, a3 = 1*1 + 2*2 = 2, a4 = 2 + 4 = 0, a5 = 2 + 0 = 2, ...
    assert_eq!(
        fibonacci_state_of_galois(&gf(3), &[1, 2], &[1, 0]).unwrap(),
        [0, 1]
    );
    assert_eq!(first(&l, Form::Fibonacci, &[0, 1], 8), got);
}

#[test]
fn default_states_give_the_impulse_response_in_both_forms() {
    for (q, c) in [
        (2, vec![1, 1, 0, 1]),
        (3, vec![1, 2, 1]),
        (4, vec![2, 1, 1]),
    ] {
        let l = lfsr(q, &c);
        let d = c.len();
        let fib = first(&l, Form::Fibonacci, &default_state(d, Form::Fibonacci), 20);
        let gal = first(&l, Form::Galois, &default_state(d, Form::Galois), 20);
        assert_eq!(fib, gal, "GF({q}) {c:?}");
        assert_eq!(fib[..d], default_state(d, Form::Fibonacci)[..]);
    }
}

/// The output from each cycle's first state is the sequence of s0 along the cycle, as the
/// enumeration lists it, and it repeats with the cycle's period.
#[test]
fn output_is_s0_along_the_enumerated_cycles() {
    let cases: [(u64, &[u64]); 7] = [
        (2, &[1, 1, 0, 1]),
        (2, &[1, 0, 0, 1, 0]),
        (3, &[1, 2, 1]),
        (4, &[2, 1, 1]),
        (5, &[1, 3, 2]),
        (7, &[2, 3]),
        (2, &[0, 1, 1]), // singular: cycles only (transients fall into them)
    ];
    for (q, c) in cases {
        let l = lfsr(q, c);
        let opts = Options {
            full: true,
            ..Options::default()
        };
        let a = analyze(&l, &opts, &Sequential::new(), &Progress::new()).unwrap();
        for s in a.sequences.unwrap() {
            let start = l.index_to_state(s.states[0]);
            let want: Vec<u64> = s.states.iter().map(|&k| l.index_to_state(k)[0]).collect();
            let n = s.states.len();
            let got = first(&l, Form::Fibonacci, &start, 2 * n);
            assert_eq!(got[..n], want[..], "GF({q}) {c:?} sequence {}", s.number);
            assert_eq!(got[n..], want[..], "period {n}");
        }
    }
}

fn parse_list(s: &str) -> Vec<u64> {
    s.split(',').map(|x| x.parse().unwrap()).collect()
}

#[test]
fn galois_package_vectors() {
    let text = include_str!("data/galois-vectors.txt");
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let parts: Vec<&str> = line.split(' ').collect();
        let (kind, q, c) = (parts[0], parts[1].parse().unwrap(), parse_list(parts[2]));
        let (s, want) = (parse_list(parts[3]), parse_list(parts[4]));
        let form = match kind {
            "fib" => Form::Fibonacci,
            "gal" => Form::Galois,
            _ => continue,
        };
        let l = lfsr(q, &c);
        assert_eq!(first(&l, form, &s, want.len()), want, "{line}");
        if q == 2 {
            let mut b = BitGenerator::new(&l, form, &s).unwrap();
            let got: Vec<u64> = (0..want.len()).map(|_| b.next_bit()).collect();
            assert_eq!(got, want, "bits: {line}");
        }
        checked += 1;
    }
    assert_eq!(checked, 96);
}

#[test]
fn bad_states_are_errors() {
    let l = lfsr(3, &[1, 2, 1]);
    assert_eq!(
        Generator::new(&l, Form::Fibonacci, &[1, 0]).unwrap_err(),
        SequenceError::StateLength {
            expected: 3,
            got: 2
        }
    );
    assert_eq!(
        Generator::new(&l, Form::Galois, &[1, 3, 0]).unwrap_err(),
        SequenceError::StateOutOfRange {
            index: 1,
            value: 3,
            q: 3
        }
    );
    assert_eq!(
        BitGenerator::new(&l, Form::Fibonacci, &[1, 0, 0]).unwrap_err(),
        SequenceError::NotBinary { q: 3 }
    );
    let e = Generator::from_parts(&gf(2), &[], Form::Fibonacci, &[]).unwrap_err();
    assert_eq!(e, SequenceError::Empty);
    let e = Generator::from_parts(&gf(2), &[1, 2], Form::Fibonacci, &[0, 0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "coefficient c1 = 2 is not an element of GF(2)"
    );
}

/// Bits of the word-parallel generator, one by one.
fn fast_bits(c: &[u64], form: Form, s: &[u64], n: usize) -> Vec<u64> {
    let mut b = BitGenerator::from_parts(&gf(2), c, form, s).unwrap();
    let mut words = vec![0u64; n.div_ceil(64)];
    b.fill_words(&mut words);
    (0..n).map(|k| (words[k / 64] >> (k % 64)) & 1).collect()
}

#[test]
fn both_gf2_engines_are_exercised_and_agree() {
    // x^127 + x + 1 and x^255 + x^192 + 1 (taps, D = d), x^127 + x^126 + 1 (x^190 mod f is
    // dense: table), x^100 + x^68 + 1 (taps with D = d + 63: x^163 mod f =
    // x^99 + x^63 + x^31) and a dense degree-100 polynomial (table), against the
    // element-by-element generator.
    let mut sparse = vec![0; 127];
    sparse[0] = 1;
    sparse[1] = 1;
    let mut high = vec![0; 127];
    high[0] = 1;
    high[126] = 1;
    let mut wide = vec![0; 255];
    wide[0] = 1;
    wide[192] = 1;
    let mut near = vec![0; 100];
    for i in [0, 68] {
        near[i] = 1;
    }
    let dense: Vec<u64> = (0..100).map(|i| ((i * 7 + 3) % 5 < 2) as u64).collect();
    for (c, taps) in [
        (sparse, true),
        (wide, true),
        (high, false),
        (near, true),
        (dense, false),
    ] {
        let l = lfsr(2, &c);
        let d = c.len();
        let s: Vec<u64> = (0..d).map(|i| ((i * 13) % 3 == 0) as u64).collect();
        let b = BitGenerator::new(&l, Form::Fibonacci, &s).unwrap();
        assert_eq!(b.uses_taps(), taps, "d {d}");
        let n = c.len() + 70_000; // several refills of the buffer
        for form in [Form::Fibonacci, Form::Galois] {
            assert_eq!(
                fast_bits(&c, form, &s, n),
                first(&l, form, &s, n),
                "d {d} {form:?}"
            );
        }
    }
}

#[test]
fn output_fill_in_uneven_pieces_continues_the_sequence() {
    // Output (the word-parallel generator over GF(2), by whole words then single bits)
    // filled in pieces of every awkward size equals the element-by-element generator; GF(3)
    // goes through the generic one.
    let mut sparse = vec![0; 127];
    sparse[0] = 1;
    sparse[1] = 1;
    let dense: Vec<u64> = (0..100).map(|i| ((i * 7 + 3) % 5 < 2) as u64).collect();
    let pieces = [1, 63, 64, 65, 127, 1000, 3, 40_000, 5];
    let n: usize = pieces.iter().sum();
    for (q, c) in [(2, sparse), (2, dense), (3, vec![1, 2, 0, 1, 1])] {
        let d = c.len();
        let s: Vec<u64> = (0..d).map(|i| ((i * 13) % 3 == 0) as u64).collect();
        for form in [Form::Fibonacci, Form::Galois] {
            let mut out = Output::from_parts(&gf(q), &c, form, &s).unwrap();
            assert_eq!(matches!(out, Output::Bits(_)), q == 2);
            let mut got = vec![0; n];
            let mut at = 0;
            for p in pieces {
                out.fill(&mut got[at..at + p]);
                at += p;
            }
            assert_eq!(
                got,
                first(&lfsr(q, &c), form, &s, n),
                "GF({q}) d {d} {form:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The Galois state and its Fibonacci image output the same sequence, and the two maps
    /// are inverse to each other (singular LFSRs included).
    #[test]
    fn forms_give_the_same_sequences(
        q in prop::sample::select(vec![2u64, 3, 4, 5, 7, 9]),
        raw in prop::collection::vec(any::<u64>(), 1..12),
        raw_state in prop::collection::vec(any::<u64>(), 12),
    ) {
        let f = gf(q);
        let c: Vec<u64> = raw.iter().map(|x| x % q).collect();
        let d = c.len();
        let g: Vec<u64> = raw_state[..d].iter().map(|x| x % q).collect();
        let fib = fibonacci_state_of_galois(&f, &c, &g).unwrap();
        prop_assert_eq!(galois_state_of_fibonacci(&f, &c, &fib).unwrap(), g.clone());
        let l = Lfsr::new(&f, c.clone()).unwrap();
        prop_assert_eq!(first(&l, Form::Galois, &g, 4 * d + 10), first(&l, Form::Fibonacci, &fib, 4 * d + 10));
    }

    /// GF(2): the word-parallel generator equals the element-by-element one, both forms.
    #[test]
    fn gf2_fast_equals_generic(
        raw in prop::collection::vec(any::<bool>(), 1..300),
        raw_state in prop::collection::vec(any::<bool>(), 300),
        n in 1usize..5000,
        galois in any::<bool>(),
    ) {
        let c: Vec<u64> = raw.iter().map(|&b| b as u64).collect();
        let s: Vec<u64> = raw_state[..c.len()].iter().map(|&b| b as u64).collect();
        let form = if galois { Form::Galois } else { Form::Fibonacci };
        let l = lfsr(2, &c);
        prop_assert_eq!(fast_bits(&c, form, &s, n), first(&l, form, &s, n));
    }

    /// Sparse GF(2) polynomials (the taps engine), degrees up to 600.
    #[test]
    fn gf2_sparse_fast_equals_generic(
        d in 1usize..600,
        taps in prop::collection::vec(any::<prop::sample::Index>(), 0..5),
        raw_state in prop::collection::vec(any::<bool>(), 600),
    ) {
        let mut c = vec![0u64; d];
        c[0] = 1;
        for t in taps {
            c[t.index(d)] = 1;
        }
        let s: Vec<u64> = raw_state[..d].iter().map(|&b| b as u64).collect();
        let l = lfsr(2, &c);
        prop_assert_eq!(fast_bits(&c, Form::Fibonacci, &s, 3000), first(&l, Form::Fibonacci, &s, 3000));
    }
}
