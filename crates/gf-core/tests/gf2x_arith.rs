//! GF(2)[x] arithmetic (`gf_core::gf2x`) against references written here: a bit-by-bit
//! product and remainder on unpacked 0/1 vectors for small sizes, a shift-and-xor product on
//! words (no carry-less multiplier, no Karatsuba) for large ones, and for products of 10^4
//! words, where no reference is affordable in a debug test, the ring homomorphism
//! `(a b) mod p = ((a mod p)(b mod p)) mod p` with the bit-by-bit remainder. Both
//! carry-less backends are checked, and against each other.

use gf_core::gf2x::{Backend, Gf2Error, Gf2Modulus, Gf2Poly, Reduction, KARATSUBA_THRESHOLD};
use gf_core::{Field, Poly};
use num_bigint::BigUint;
use proptest::prelude::*;

// ---------- references ----------

fn to_bits(p: &Gf2Poly) -> Vec<u8> {
    let len = p.degree().map_or(0, |d| d + 1);
    (0..len).map(|i| p.bit(i) as u8).collect()
}

fn from_bits(b: &[u8]) -> Gf2Poly {
    let mut words = vec![0u64; b.len().div_ceil(64)];
    for (i, &x) in b.iter().enumerate() {
        words[i / 64] |= (x as u64 & 1) << (i % 64);
    }
    Gf2Poly::from_words(words)
}

/// Bit-by-bit schoolbook product.
fn ref_mul_bits(a: &Gf2Poly, b: &Gf2Poly) -> Gf2Poly {
    let (a, b) = (to_bits(a), to_bits(b));
    if a.is_empty() || b.is_empty() {
        return Gf2Poly::zero();
    }
    let mut out = vec![0u8; a.len() + b.len() - 1];
    for (i, &x) in a.iter().enumerate() {
        if x == 1 {
            for (j, &y) in b.iter().enumerate() {
                out[i + j] ^= y;
            }
        }
    }
    from_bits(&out)
}

/// Shift-and-xor product on words: one shifted copy of b per set bit of a.
fn ref_mul_words(a: &Gf2Poly, b: &Gf2Poly) -> Gf2Poly {
    let (a, b) = (a.words(), b.words());
    let mut out = vec![0u64; a.len() + b.len() + 1];
    for (i, &w) in a.iter().enumerate() {
        for k in 0..64 {
            if w >> k & 1 == 1 {
                let s = 64 * i + k;
                let (ws, bs) = (s / 64, s % 64);
                for (j, &x) in b.iter().enumerate() {
                    out[ws + j] ^= x << bs;
                    if bs != 0 {
                        out[ws + j + 1] ^= x >> (64 - bs);
                    }
                }
            }
        }
    }
    Gf2Poly::from_words(out)
}

/// Bit-by-bit long division: (quotient, remainder).
fn ref_divrem(a: &Gf2Poly, d: &Gf2Poly) -> (Gf2Poly, Gf2Poly) {
    let (mut r, d) = (to_bits(a), to_bits(d));
    let dd = d.len() - 1;
    if r.len() <= dd {
        return (Gf2Poly::zero(), from_bits(&r));
    }
    let mut q = vec![0u8; r.len() - dd];
    for i in (dd..r.len()).rev() {
        if r[i] == 1 {
            q[i - dd] = 1;
            for j in 0..=dd {
                r[i - dd + j] ^= d[j];
            }
        }
    }
    r.truncate(dd);
    (from_bits(&q), from_bits(&r))
}

/// Bit-serial remainder by a divisor of degree < 127: the remainder lives in one `u128`
/// register, shifted in one coefficient at a time from the top.
fn ref_rem_small(a: &Gf2Poly, d: &Gf2Poly) -> Gf2Poly {
    let dd = d.degree().unwrap();
    assert!((1..127).contains(&dd));
    let dv = d
        .words()
        .iter()
        .rev()
        .fold(0u128, |acc, &w| acc << 64 | w as u128);
    let mut r = 0u128;
    for i in (0..=a.degree().unwrap_or(0)).rev() {
        r = r << 1 | a.bit(i) as u128;
        if r >> dd & 1 == 1 {
            r ^= dv;
        }
    }
    Gf2Poly::from_words(vec![r as u64, (r >> 64) as u64])
}

fn ref_rem(a: &Gf2Poly, d: &Gf2Poly) -> Gf2Poly {
    ref_divrem(a, d).1
}

fn ref_mul_mod(a: &Gf2Poly, b: &Gf2Poly, f: &Gf2Poly) -> Gf2Poly {
    ref_rem(&ref_mul_words(a, b), f)
}

// ---------- strategies ----------

/// A polynomial of exactly `words` words (top word nonzero), from `seed` words.
fn poly_of(raw: &[u64], words: usize) -> Gf2Poly {
    let mut w: Vec<u64> = raw.iter().copied().cycle().take(words).collect();
    if let Some(top) = w.last_mut() {
        *top |= 1 << (*top % 64);
    }
    // De-correlate the cycled words.
    for (i, x) in w.iter_mut().enumerate() {
        *x = x.rotate_left((i * 7 % 64) as u32) ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    if let Some(top) = w.last_mut() {
        if *top == 0 {
            *top = 1;
        }
    }
    Gf2Poly::from_words(w)
}

fn size_classes() -> Vec<usize> {
    let t = KARATSUBA_THRESHOLD;
    vec![
        1,
        2,
        3,
        5,
        t - 1,
        t,
        t + 1,
        2 * t - 1,
        2 * t,
        2 * t + 3,
        4 * t + 1,
        130,
    ]
}

fn sizes() -> impl Strategy<Value = (usize, usize)> {
    let c = size_classes();
    let n = c.len();
    (0..n, 0..n).prop_map(move |(i, j)| (c[i], c[j]))
}

fn backends() -> Vec<Backend> {
    Backend::all()
}

// ---------- multiplication ----------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn mul_matches_references_on_both_backends(
        (la, lb) in sizes(),
        raw_a in prop::collection::vec(any::<u64>(), 1..16),
        raw_b in prop::collection::vec(any::<u64>(), 1..16),
    ) {
        let (a, b) = (poly_of(&raw_a, la), poly_of(&raw_b, lb));
        let want = if la + lb <= 80 { ref_mul_bits(&a, &b) } else { ref_mul_words(&a, &b) };
        for bk in backends() {
            prop_assert_eq!(&a.mul_with(&b, bk), &want, "{:?} {}x{} words", bk, la, lb);
            prop_assert_eq!(&b.mul_with(&a, bk), &want);
        }
        prop_assert_eq!(&a.mul(&b), &want);
        // Thresholds down to 2 (Karatsuba all the way down) give the same product.
        for t in [2, 3, 5, 9] {
            prop_assert_eq!(&a.mul_threshold(&b, Backend::Portable, t), &want);
            prop_assert_eq!(&a.mul_threshold(&b, Backend::best(), t), &want);
        }
    }

    #[test]
    fn square_is_mul_by_itself(
        len in 1usize..200,
        raw in prop::collection::vec(any::<u64>(), 1..16),
    ) {
        let a = poly_of(&raw, len);
        let want = ref_mul_words(&a, &a);
        for bk in backends() {
            prop_assert_eq!(&a.square_with(bk), &want, "{:?}", bk);
        }
        prop_assert_eq!(&a.square(), &a.mul(&a));
    }

    #[test]
    fn clmul_backends_agree_on_words(a in any::<u64>(), b in any::<u64>()) {
        let want = ref_mul_bits(&Gf2Poly::from_words(vec![a]), &Gf2Poly::from_words(vec![b]));
        let want = want.words().to_vec();
        for bk in backends() {
            let (lo, hi) = bk.clmul(a, b);
            let got = Gf2Poly::from_words(vec![lo, hi]);
            prop_assert_eq!(got.words(), &want[..]);
        }
    }
}

#[test]
fn edge_operands() {
    let x = Gf2Poly::x();
    let z = Gf2Poly::zero();
    for bk in backends() {
        assert!(z.mul_with(&x, bk).is_zero());
        assert!(x.mul_with(&z, bk).is_zero());
        assert_eq!(Gf2Poly::one().mul_with(&x, bk), x);
        assert_eq!(
            Gf2Poly::from_words(vec![u64::MAX]).mul_with(&Gf2Poly::from_words(vec![u64::MAX]), bk),
            ref_mul_bits(
                &Gf2Poly::from_words(vec![u64::MAX]),
                &Gf2Poly::from_words(vec![u64::MAX])
            )
        );
        assert!(z.square_with(bk).is_zero());
    }
    assert_eq!(
        Gf2Poly::monomial(1000).mul(&Gf2Poly::monomial(3000)),
        Gf2Poly::monomial(4000)
    );
}

/// Large products: Karatsuba deep down, unbalanced cuts, both backends.
#[test]
fn large_products() {
    let raw: Vec<u64> = (1..=13u64)
        .map(|i| i.wrapping_mul(0xD1B5_4A32_D192_ED03))
        .collect();
    // 10^4 x 40 words against the shift-and-xor reference.
    let (a, b) = (poly_of(&raw, 10_000), poly_of(&raw[3..], 40));
    let want = ref_mul_words(&b, &a);
    for bk in backends() {
        assert_eq!(a.mul_with(&b, bk), want, "{bk:?}");
    }
    // 1,500 x 1,100 words: Karatsuba against the word schoolbook (threshold above the size).
    let (a, b) = (poly_of(&raw, 1_500), poly_of(&raw[5..], 1_100));
    let school = a.mul_threshold(&b, Backend::best(), usize::MAX);
    assert_eq!(a.mul(&b), school);
    assert_eq!(a.mul_with(&b, Backend::Portable), school);
    // 10^4 x 10^4 words: the homomorphism to GF(2)[x]/(p) for three moduli, the remainders
    // taken bit by bit.
    let (a, b) = (poly_of(&raw, 10_000), poly_of(&raw[7..], 10_000));
    let prods: Vec<Gf2Poly> = backends()
        .into_iter()
        .map(|bk| a.mul_with(&b, bk))
        .collect();
    assert!(prods.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(
        prods[0].degree(),
        Some(a.degree().unwrap() + b.degree().unwrap())
    );
    for p in [
        Gf2Poly::from_exponents(&[61, 5, 2, 1, 0]),
        Gf2Poly::from_exponents(&[89, 38, 0]),
        Gf2Poly::from_words(vec![0x1234_5678_9ABC_DEF1, 0x0000_000F_7654_3210]),
    ] {
        let want = ref_rem_small(
            &ref_mul_bits(&ref_rem_small(&a, &p), &ref_rem_small(&b, &p)),
            &p,
        );
        assert_eq!(ref_rem_small(&prods[0], &p), want, "mod {p}");
    }
}

// ---------- division, gcd ----------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn divrem_matches_long_division(
        la in 1usize..40,
        ld in 1usize..20,
        raw_a in prop::collection::vec(any::<u64>(), 1..8),
        raw_d in prop::collection::vec(any::<u64>(), 1..8),
        cut in 0usize..64,
    ) {
        let a = poly_of(&raw_a, la);
        let d = poly_of(&raw_d, ld).truncated(64 * ld - cut);
        prop_assume!(!d.is_zero());
        let (q, r) = a.divrem(&d).unwrap();
        prop_assert_eq!((&q, &r), (&ref_divrem(&a, &d).0, &ref_divrem(&a, &d).1));
        prop_assert_eq!(&a.rem(&d).unwrap(), &r);
        prop_assert_eq!(q.mul(&d).add(&r), a.clone());
    }

    #[test]
    fn gcd_and_xgcd_are_the_gcd(
        la in 1usize..12,
        lb in 1usize..12,
        lc in 0usize..4,
        raw in prop::collection::vec(any::<u64>(), 1..8),
        cut in 0usize..64,
    ) {
        // A planted common factor c makes nontrivial gcds common.
        let c = if lc == 0 { Gf2Poly::one() } else { poly_of(&raw[1..], lc).truncated(64 * lc - cut) };
        let c = if c.is_zero() { Gf2Poly::one() } else { c };
        let a = poly_of(&raw, la).truncated(64 * la - cut).mul(&c);
        let b = poly_of(&raw[raw.len() / 2..], lb).mul(&c);
        prop_assume!(!a.is_zero());
        let g = a.gcd(&b);
        let (g2, s, t) = a.xgcd(&b);
        prop_assert_eq!(&g, &g2);
        // g divides both, and g = s a + t b: every common divisor divides g, so g is the gcd.
        prop_assert!(ref_rem(&a, &g).is_zero() && ref_rem(&b, &g).is_zero());
        prop_assert_eq!(ref_mul_words(&s, &a).add(&ref_mul_words(&t, &b)), g.clone());
        if !c.is_zero() {
            prop_assert!(ref_rem(&g, &c).is_zero(), "planted factor lost");
        }
        if let Some(inv) = a.inverse_mod(&b) {
            prop_assert!(g.is_one());
            prop_assert!(ref_mul_mod(&inv, &a, &b).is_one() || b.degree() == Some(0));
        } else {
            prop_assert!(!g.is_one() || b.degree() == Some(0));
        }
    }
}

#[test]
fn gcd_edges_and_division_by_zero() {
    let z = Gf2Poly::zero();
    let a = Gf2Poly::from_exponents(&[4, 3, 1, 0]); // (x + 1)^2 (x^2 + x + 1)
    assert!(z.gcd(&z).is_zero());
    assert_eq!(a.gcd(&z), a);
    assert_eq!(z.gcd(&a), a);
    assert_eq!(
        a.gcd(&Gf2Poly::from_exponents(&[2, 0])),
        Gf2Poly::from_exponents(&[2, 0])
    );
    assert_eq!(a.xgcd(&z), (a.clone(), Gf2Poly::one(), Gf2Poly::zero()));
    assert_eq!(z.xgcd(&z), (z.clone(), z.clone(), z.clone()));
    assert_eq!(a.divrem(&z), Err(Gf2Error::DivisionByZero));
    assert_eq!(a.rem(&z), Err(Gf2Error::DivisionByZero));
    assert_eq!(a.inverse_mod(&z), None);
    // x^2 + x + 1 is invertible modulo x^3 + x + 1 (coprime): check by multiplication.
    let m = Gf2Poly::from_exponents(&[3, 1, 0]);
    let inv = Gf2Poly::from_exponents(&[2, 1, 0]).inverse_mod(&m).unwrap();
    assert!(ref_mul_mod(&inv, &Gf2Poly::from_exponents(&[2, 1, 0]), &m).is_one());
}

// ---------- reduction and modular arithmetic ----------

/// Moduli: sparse (trinomials, pentanomials) and dense, of several degrees.
fn moduli() -> Vec<Gf2Poly> {
    let mut v = vec![
        Gf2Poly::from_exponents(&[1, 0]),
        Gf2Poly::from_exponents(&[1]),
        Gf2Poly::from_exponents(&[2, 1, 0]),
        Gf2Poly::from_exponents(&[8, 4, 3, 1, 0]),
        Gf2Poly::from_exponents(&[63, 62, 0]), // a fold landing in its own word
        Gf2Poly::from_exponents(&[64, 4, 3, 1, 0]),
        Gf2Poly::from_exponents(&[127, 1, 0]),
        Gf2Poly::from_exponents(&[128, 127, 126, 121, 0]),
        Gf2Poly::from_exponents(&[521, 32, 0]),
        Gf2Poly::from_exponents(&[1279, 216, 0]),
        Gf2Poly::from_exponents(&[1000, 999, 998, 997, 0]),
    ];
    let raw: Vec<u64> = (1..=9u64)
        .map(|i| i.wrapping_mul(0x2545_F491_4F6C_DD1D))
        .collect();
    for (words, cut) in [(1, 60), (2, 0), (3, 17), (9, 5), (20, 33)] {
        v.push(poly_of(&raw, words).truncated(64 * words - cut));
    }
    v
}

fn all_moduli() -> Vec<Gf2Modulus> {
    let mut v = Vec::new();
    for f in moduli() {
        for red in [Reduction::Sparse, Reduction::Barrett] {
            for bk in backends() {
                v.push(Gf2Modulus::with_options(&f, red, bk).unwrap());
            }
        }
    }
    v
}

#[test]
fn reduce_matches_long_division() {
    let raw: Vec<u64> = (1..=11u64)
        .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .collect();
    for m in all_moduli() {
        let n = m.degree();
        let w = n.div_ceil(64);
        for (k, len) in [1, w, 2 * w, 2 * w + 1, 3 * w + 2, 5 * w + 7]
            .into_iter()
            .enumerate()
        {
            let a = poly_of(&raw[k..], len);
            assert_eq!(
                m.reduce(&a),
                ref_rem(&a, m.modulus()),
                "{:?} len {len}",
                m.modulus()
            );
        }
        // The largest inputs of mul_mod: degree exactly 2n - 2 and 2n - 1.
        for top in [2 * n - 2, 2 * n - 1] {
            let a = poly_of(&raw, top / 64 + 1)
                .truncated(top + 1)
                .add(&Gf2Poly::monomial(top));
            let a = if a.degree() == Some(top) {
                a
            } else {
                a.add(&Gf2Poly::monomial(top))
            };
            assert_eq!(m.reduce(&a), ref_rem(&a, m.modulus()));
        }
    }
}

#[test]
fn sparse_choice_follows_weight() {
    for f in moduli() {
        let m = Gf2Modulus::new(&f).unwrap();
        assert_eq!(
            m.is_sparse(),
            f.weight() <= 5 || f.degree() == Some(1),
            "{f:?}"
        );
    }
    assert_eq!(
        Gf2Modulus::new(&Gf2Poly::zero()).err(),
        Some(Gf2Error::ConstantModulus { constant: 0 })
    );
    assert_eq!(
        Gf2Modulus::new(&Gf2Poly::one()).err(),
        Some(Gf2Error::ConstantModulus { constant: 1 })
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn modular_operations_match_references(
        mi in 0usize..16,
        raw in prop::collection::vec(any::<u64>(), 2..10),
        e in 0u32..40,
        big in any::<bool>(),
    ) {
        let f = &moduli()[mi];
        let ms: Vec<Gf2Modulus> = [Reduction::Sparse, Reduction::Barrett]
            .into_iter()
            .flat_map(|r| backends().into_iter().map(move |bk| (r, bk)))
            .map(|(r, bk)| Gf2Modulus::with_options(f, r, bk).unwrap())
            .collect();
        let n = f.degree().unwrap();
        let w = n.div_ceil(64) + usize::from(big);
        let (a, b) = (poly_of(&raw, w), poly_of(&raw[1..], w));
        let (ar, br) = (ref_rem(&a, f), ref_rem(&b, f));
        let prod = ref_mul_mod(&ar, &br, f);
        let sq = ref_mul_mod(&ar, &ar, f);
        // Repeated multiplication for a^e and x^e.
        let mut pw = ref_rem(&Gf2Poly::one(), f);
        let mut xe = pw.clone();
        for _ in 0..e {
            pw = ref_mul_mod(&pw, &ar, f);
            xe = ref_mul_mod(&xe, &Gf2Poly::x(), f);
        }
        let mut s4 = ar.clone();
        for _ in 0..4 {
            s4 = ref_mul_mod(&s4, &s4, f);
        }
        for m in &ms {
            prop_assert_eq!(&m.mul_mod(&a, &b), &prod);
            prop_assert_eq!(&m.square_mod(&a), &sq);
            prop_assert_eq!(&m.pow_mod(&a, &BigUint::from(e)), &pw);
            prop_assert_eq!(&m.x_pow_mod(&BigUint::from(e)), &xe);
            prop_assert_eq!(&m.square_mod_n(&a, 4), &s4);
            prop_assert_eq!(&m.square_mod_n(&a, 0), &ar);
        }
    }

    #[test]
    fn compose_matches_horner(
        mi in 0usize..16,
        raw in prop::collection::vec(any::<u64>(), 2..10),
        gbits in 0usize..300,
    ) {
        let f = &moduli()[mi];
        let m = Gf2Modulus::new(f).unwrap();
        let g = poly_of(&raw, gbits.div_ceil(64).max(1)).truncated(gbits);
        let h = poly_of(&raw[1..], f.degree().unwrap().div_ceil(64) + 1);
        // Horner: g(h) = (...(g_d h + g_{d-1}) h + ...) + g_0, one mul_mod per coefficient
        // (mul_mod itself is checked against the references above).
        let hr = ref_rem(&h, f);
        let mut want = Gf2Poly::zero();
        for i in (0..=g.degree().unwrap_or(0)).rev() {
            want = m.mul_mod(&want, &hr);
            if g.bit(i) {
                want = want.add(&Gf2Poly::one());
            }
        }
        let want = ref_rem(&want, f);
        prop_assert_eq!(m.compose_mod(&g, &h), want);
    }
}

// ---------- known answers, conversions ----------

/// Orders of x^n + x + 1 for n = 1..12 (OEIS A046932), by stepping x^e until it returns to 1.
#[test]
fn orders_of_x_n_plus_x_plus_1() {
    let want = [1u64, 3, 7, 15, 21, 63, 127, 63, 73, 889, 1533, 3255];
    for (n, &ord) in (1..=12).zip(&want) {
        let f = Gf2Poly::from_exponents(&[n, 1, 0]);
        let f = if n == 1 {
            Gf2Poly::from_exponents(&[1, 0])
        } else {
            f
        };
        let m = Gf2Modulus::new(&f).unwrap();
        let mut acc = m.mul_mod(&Gf2Poly::x(), &Gf2Poly::one());
        let mut e = 1u64;
        while !acc.is_one() {
            acc = m.mul_mod(&acc, &Gf2Poly::x());
            e += 1;
            assert!(e <= 4096);
        }
        assert_eq!(e, ord, "x^{n} + x + 1");
        assert!(m.x_pow_mod(&BigUint::from(ord)).is_one());
    }
}

/// Known primitive trinomials of large degree (Mersenne-prime exponents, so primitive =
/// irreducible = x^(2^n) = x mod f): x^521 + x^32 + 1, x^607 + x^105 + 1, x^1279 + x^216 + 1,
/// x^2281 + x^715 + 1 (the standard table of primitive trinomials, e.g. Zierler-Brillhart).
#[test]
fn mersenne_trinomials_are_fields() {
    for (n, k) in [(521, 32), (607, 105), (1279, 216), (2281, 715)] {
        let f = Gf2Poly::from_exponents(&[n, k, 0]);
        for red in [Reduction::Sparse, Reduction::Barrett] {
            let m = Gf2Modulus::with_options(&f, red, Backend::best()).unwrap();
            assert_eq!(m.x_pow_2k(n), Gf2Poly::x(), "x^{n} + x^{k} + 1");
            // x^(2^d) = x only when n | d (f is the minimal polynomial of x).
            assert_ne!(m.x_pow_2k(n - 1), Gf2Poly::x());
        }
    }
}

#[test]
fn conversions_and_display() {
    let gf2 = Field::new(2).unwrap();
    for s in [
        "0",
        "1",
        "x",
        "x + 1",
        "x^4 + x^3 + x + 1",
        "x^130 + x^64 + x^63 + 1",
    ] {
        let p = Poly::parse(&gf2, s).unwrap();
        let g = Gf2Poly::from_poly(&p).unwrap();
        assert_eq!(g.to_string(), s);
        assert_eq!(g.to_string(), p.to_string());
        assert_eq!(g.to_poly(), p);
    }
    let gf3 = Field::new(3).unwrap();
    assert_eq!(
        Gf2Poly::from_poly(&Poly::parse(&gf3, "x + 1").unwrap()),
        Err(Gf2Error::NotBinary { q: 3 })
    );
    let f = Gf2Poly::from_exponents(&[200, 64, 3, 3, 0]);
    assert_eq!(f.exponents(), vec![200, 64, 0]);
    assert_eq!((f.degree(), f.weight()), (Some(200), 3));
    assert_eq!(Gf2Poly::from_words(vec![5, 0, 0]).words(), &[5]);
    assert!(Gf2Poly::from_words(vec![0, 0]).is_zero());
    assert_eq!(f.shl(70).shr(70), f);
    assert_eq!(f.truncated(64), Gf2Poly::from_exponents(&[0]));
    assert_eq!(
        Gf2Poly::from_exponents(&[5, 4, 3, 1]).derivative(),
        Gf2Poly::from_exponents(&[4, 2, 0])
    );
    assert!(f.eval(true) && f.eval(false));
    let g = Gf2Poly::from_exponents(&[4, 3, 1, 0]); // (x + 1)^2 (x^2 + x + 1)
    assert!(!g.eval(true) && g.eval(false));
}
