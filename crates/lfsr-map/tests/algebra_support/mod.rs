//! Test-only brute force, independent of the library and of gf-core: small fields from their
//! Conway polynomials, polynomials over them, factoring by trial division, orders by stepping
//! `x^n mod g`, and the state graph of an LFSR walked state by state.
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeMap;

use lfsr_map::algebra::{FactorData, PrimaryPart};
use num_bigint::BigUint;

/// GF(q), q = p^n <= 64, elements encoded as `k = sum a_i p^i` (reference section 4).
pub struct SmallField {
    pub p: u64,
    pub q: u64,
    add: Vec<u64>,
    mul: Vec<u64>,
}

/// Conway polynomials, low-to-high without the leading 1 (reference section 4).
fn conway(q: u64) -> (u64, Vec<u64>) {
    match q {
        2 | 3 | 5 | 7 | 11 | 13 => (q, vec![]),
        4 => (2, vec![1, 1]),
        8 => (2, vec![1, 1, 0]),
        16 => (2, vec![1, 1, 0, 0]),
        9 => (3, vec![2, 2]),
        27 => (3, vec![1, 2, 0]),
        25 => (5, vec![2, 4]),
        _ => panic!("no test field of order {q}"),
    }
}

impl SmallField {
    pub fn new(q: u64) -> SmallField {
        let (p, modulus) = conway(q);
        let n = modulus.len().max(1);
        let digits = |mut k: u64| -> Vec<u64> {
            (0..n)
                .map(|_| {
                    let d = k % p;
                    k /= p;
                    d
                })
                .collect()
        };
        let encode = |d: &[u64]| d.iter().rev().fold(0, |acc, &a| acc * p + a);
        let mut add = vec![0; (q * q) as usize];
        let mut mul = vec![0; (q * q) as usize];
        for a in 0..q {
            for b in 0..q {
                let (da, db) = (digits(a), digits(b));
                let sum: Vec<u64> = da.iter().zip(&db).map(|(x, y)| (x + y) % p).collect();
                // schoolbook product, then reduce with a^n = -sum modulus_i a^i
                let mut prod = vec![0u64; 2 * n];
                for (i, x) in da.iter().enumerate() {
                    for (j, y) in db.iter().enumerate() {
                        prod[i + j] = (prod[i + j] + x * y) % p;
                    }
                }
                for top in (n..2 * n).rev() {
                    let c = prod[top];
                    prod[top] = 0;
                    for (i, m) in modulus.iter().enumerate() {
                        let idx = top - n + i;
                        prod[idx] = (prod[idx] + (p - m % p) % p * c) % p;
                    }
                }
                let idx = (a * q + b) as usize;
                add[idx] = encode(&sum);
                mul[idx] = encode(&prod[..n]);
            }
        }
        SmallField { p, q, add, mul }
    }

    pub fn add(&self, a: u64, b: u64) -> u64 {
        self.add[(a * self.q + b) as usize]
    }
    pub fn mul(&self, a: u64, b: u64) -> u64 {
        self.mul[(a * self.q + b) as usize]
    }
    pub fn neg(&self, a: u64) -> u64 {
        (0..self.q).find(|&b| self.add(a, b) == 0).unwrap()
    }
    pub fn inv(&self, a: u64) -> u64 {
        (1..self.q).find(|&b| self.mul(a, b) == 1).unwrap()
    }

    /// `x^d - sum c_i x^i`, low-to-high.
    pub fn charpoly(&self, coeffs: &[u64]) -> Vec<u64> {
        let mut f: Vec<u64> = coeffs.iter().map(|&c| self.neg(c)).collect();
        f.push(1);
        f
    }

    /// Polynomial product, low-to-high.
    pub fn poly_mul(&self, a: &[u64], b: &[u64]) -> Vec<u64> {
        let mut out = vec![0; a.len() + b.len() - 1];
        for (i, &x) in a.iter().enumerate() {
            for (j, &y) in b.iter().enumerate() {
                out[i + j] = self.add(out[i + j], self.mul(x, y));
            }
        }
        out
    }

    /// `(quotient, remainder)` of `f` by the monic `g`.
    fn divrem(&self, f: &[u64], g: &[u64]) -> (Vec<u64>, Vec<u64>) {
        let mut r = f.to_vec();
        let m = g.len() - 1;
        if r.len() <= m {
            return (vec![0], r);
        }
        let mut quo = vec![0; r.len() - m];
        for top in (m..r.len()).rev() {
            let c = r[top];
            quo[top - m] = c;
            for (i, &gi) in g.iter().enumerate() {
                let idx = top - m + i;
                r[idx] = self.add(r[idx], self.neg(self.mul(c, gi)));
            }
        }
        r.truncate(m);
        (quo, r)
    }

    /// Every monic polynomial of degree `m`, low-to-high.
    fn monics(&self, m: usize) -> impl Iterator<Item = Vec<u64>> + '_ {
        (0..self.q.pow(m as u32)).map(move |mut k| {
            let mut g: Vec<u64> = (0..m)
                .map(|_| {
                    let d = k % self.q;
                    k /= self.q;
                    d
                })
                .collect();
            g.push(1);
            g
        })
    }

    /// Monic irreducible factors with multiplicities by trial division (`f` monic).
    pub fn factor(&self, f: &[u64]) -> Vec<(Vec<u64>, u32)> {
        let mut rest = f.to_vec();
        let mut out = Vec::new();
        let mut m = 1;
        while 2 * m < rest.len() {
            for g in self.monics(m) {
                let mut e = 0;
                loop {
                    let (quo, r) = self.divrem(&rest, &g);
                    if r.iter().any(|&c| c != 0) {
                        break;
                    }
                    rest = quo;
                    e += 1;
                }
                if e > 0 {
                    out.push((g, e));
                }
            }
            m += 1;
        }
        if rest.len() > 1 {
            out.push((rest, 1));
        }
        out
    }

    /// The least `n >= 1` with `x^n = 1 mod g` (`g` monic, `g(0) != 0`), by stepping.
    pub fn order(&self, g: &[u64]) -> u64 {
        let m = g.len() - 1;
        let mut r = vec![0; m];
        r[0] = 1;
        let one = r.clone();
        for n in 1.. {
            // r <- r * x mod g
            let top = r[m - 1];
            for i in (1..m).rev() {
                r[i] = self.add(r[i - 1], self.neg(self.mul(top, g[i])));
            }
            r[0] = self.neg(self.mul(top, g[0]));
            if r == one {
                return n;
            }
        }
        unreachable!()
    }

    /// The factor data of the LFSR with these coefficients, all by brute force.
    pub fn factor_data(&self, coeffs: &[u64]) -> FactorData {
        let mut data = FactorData {
            p: self.p,
            q: self.q,
            x_multiplicity: 0,
            parts: vec![],
        };
        for (g, e) in self.factor(&self.charpoly(coeffs)) {
            if g == [0, 1] {
                data.x_multiplicity = e;
            } else {
                data.parts.push(PrimaryPart {
                    degree: (g.len() - 1) as u32,
                    multiplicity: e,
                    order: BigUint::from(self.order(&g)),
                });
            }
        }
        data
    }

    /// Walks every state: `({period: cycles}, {tail: states})`.
    pub fn enumerate(&self, coeffs: &[u64]) -> (BTreeMap<u64, u64>, BTreeMap<u64, u64>) {
        let d = coeffs.len();
        let n = self.q.pow(d as u32) as usize;
        let next: Vec<usize> = (0..n).map(|k| self.step_index(coeffs, k)).collect();
        // After d steps every state is on its cycle (tails are at most d long).
        let mut cyclic = vec![false; n];
        for k in 0..n {
            let mut s = k;
            for _ in 0..d {
                s = next[s];
            }
            cyclic[s] = true;
        }
        let mut cycles = BTreeMap::new();
        let mut seen = vec![false; n];
        for k in 0..n {
            if !cyclic[k] || seen[k] {
                continue;
            }
            let (mut s, mut len) = (k, 0);
            while !seen[s] {
                seen[s] = true;
                s = next[s];
                len += 1;
            }
            assert_eq!(s, k, "a cyclic state must return to itself");
            *cycles.entry(len).or_insert(0) += 1;
        }
        let mut tails = BTreeMap::new();
        for k in (0..n).filter(|&k| !cyclic[k]) {
            let (mut s, mut t) = (k, 0);
            while !cyclic[s] {
                s = next[s];
                t += 1;
            }
            *tails.entry(t).or_insert(0) += 1;
        }
        (cycles, tails)
    }

    /// One clock step on a state index: `(s0..s_{d-1}) -> (s1.., sum c_i s_i)`.
    fn step_index(&self, coeffs: &[u64], k: usize) -> usize {
        let q = self.q as usize;
        let mut s = Vec::with_capacity(coeffs.len());
        let mut r = k;
        for _ in coeffs {
            s.push((r % q) as u64);
            r /= q;
        }
        let fb = coeffs
            .iter()
            .zip(&s)
            .fold(0, |acc, (&c, &x)| self.add(acc, self.mul(c, x)));
        s.remove(0);
        s.push(fb);
        s.iter().rev().fold(0, |acc, &x| acc * q + x as usize)
    }
}

/// `BTreeMap<BigUint, BigUint>` -> `BTreeMap<u64, u64>` (panics beyond u64: test data only).
pub fn small(m: &BTreeMap<BigUint, BigUint>) -> BTreeMap<u64, u64> {
    m.iter()
        .map(|(p, c)| (u64::try_from(p).unwrap(), u64::try_from(c).unwrap()))
        .collect()
}
