//! Montgomery arithmetic modulo an odd number of at most `64 * N` bits in `N` fixed 64-bit
//! limbs (CIOS multiplication, no allocation), for ECM on composites of 129 to 512 bits: about
//! five to ten times faster per multiplication than generic `BigUint` arithmetic at these sizes.

// The limb loops walk several arrays and a carry in lockstep; indices say that most plainly.
#![allow(clippy::needless_range_loop)]

use num_bigint::BigUint;
use num_integer::Integer;

use super::ModN;

/// Residues modulo odd `n` (`n < 2^(64 N)`), stored in Montgomery form `a * 2^(64 N) mod n`.
pub(super) struct MontWide<const N: usize> {
    n: [u64; N],
    /// `-n^{-1} mod 2^64`.
    n0inv: u64,
    /// `2^(128 N) mod n`, to convert into Montgomery form.
    r2: [u64; N],
    big: BigUint,
}

fn limbs<const N: usize>(x: &BigUint) -> [u64; N] {
    let mut out = [0u64; N];
    for (o, d) in out.iter_mut().zip(x.iter_u64_digits()) {
        *o = d;
    }
    out
}

impl<const N: usize> MontWide<N> {
    /// `None` unless `n` is odd, greater than one and fits in `N` limbs.
    pub(super) fn new(n: &BigUint) -> Option<MontWide<N>> {
        if n.is_even() || n.bits() > 64 * N as u64 || n.bits() < 2 {
            return None;
        }
        let nl = limbs::<N>(n);
        let mut inv = nl[0];
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(nl[0].wrapping_mul(inv)));
        }
        let r2 = (BigUint::from(1u32) << (128 * N)) % n;
        Some(MontWide {
            n: nl,
            n0inv: inv.wrapping_neg(),
            r2: limbs(&r2),
            big: n.clone(),
        })
    }

    fn geq_n(&self, t: &[u64; N]) -> bool {
        for j in (0..N).rev() {
            if t[j] != self.n[j] {
                return t[j] > self.n[j];
            }
        }
        true
    }

    fn sub_n(&self, t: &mut [u64; N]) {
        let mut borrow = 0u64;
        for j in 0..N {
            let (d, b1) = t[j].overflowing_sub(self.n[j]);
            let (d, b2) = d.overflowing_sub(borrow);
            t[j] = d;
            borrow = u64::from(b1 | b2);
        }
    }

    /// `a * b * 2^(-64 N) mod n` (CIOS).
    fn mont_mul(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        let mut t = [0u64; N];
        let mut t_n = 0u64;
        for &bi in b.iter() {
            let mut carry = 0u128;
            for j in 0..N {
                let s = u128::from(t[j]) + u128::from(a[j]) * u128::from(bi) + carry;
                t[j] = s as u64;
                carry = s >> 64;
            }
            let s = u128::from(t_n) + carry;
            t_n = s as u64;
            let t_n1 = (s >> 64) as u64;
            let m = t[0].wrapping_mul(self.n0inv);
            let mut carry = (u128::from(t[0]) + u128::from(m) * u128::from(self.n[0])) >> 64;
            for j in 1..N {
                let s = u128::from(t[j]) + u128::from(m) * u128::from(self.n[j]) + carry;
                t[j - 1] = s as u64;
                carry = s >> 64;
            }
            let s = u128::from(t_n) + carry;
            t[N - 1] = s as u64;
            t_n = t_n1 + (s >> 64) as u64;
        }
        if t_n != 0 || self.geq_n(&t) {
            self.sub_n(&mut t);
        }
        t
    }
}

impl<const N: usize> ModN for MontWide<N> {
    type E = [u64; N];

    fn curve_cost_per_b1(&self) -> u64 {
        // Relative to the u128 ring (10 per B1). Measured for N = 4 in an optimized build: the
        // whole default budget (nominally 0.84 s) spent on a 227-bit composite took 0.5 s
        // with 58 per B1 charged, so about 34; other N scale with the N^2 limb products.
        10 + (3 * N * N / 2) as u64
    }

    fn mul(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        self.mont_mul(a, b)
    }

    fn add(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        let mut t = [0u64; N];
        let mut carry = 0u64;
        for j in 0..N {
            let (s, c1) = a[j].overflowing_add(b[j]);
            let (s, c2) = s.overflowing_add(carry);
            t[j] = s;
            carry = u64::from(c1 | c2);
        }
        if carry != 0 || self.geq_n(&t) {
            self.sub_n(&mut t);
        }
        t
    }

    fn sub(&self, a: &[u64; N], b: &[u64; N]) -> [u64; N] {
        let mut t = [0u64; N];
        let mut borrow = 0u64;
        for j in 0..N {
            let (d, b1) = a[j].overflowing_sub(b[j]);
            let (d, b2) = d.overflowing_sub(borrow);
            t[j] = d;
            borrow = u64::from(b1 | b2);
        }
        if borrow != 0 {
            // t + n wraps back into [0, n).
            let mut carry = 0u64;
            for j in 0..N {
                let (s, c1) = t[j].overflowing_add(self.n[j]);
                let (s, c2) = s.overflowing_add(carry);
                t[j] = s;
                carry = u64::from(c1 | c2);
            }
        }
        t
    }

    fn small(&self, v: u64) -> [u64; N] {
        let v = limbs::<N>(&(BigUint::from(v) % &self.big));
        self.mont_mul(&v, &self.r2)
    }

    fn gcd_n(&self, a: &[u64; N]) -> BigUint {
        // a = x 2^(64 N) mod n and gcd(2, n) = 1, so gcd(a, n) = gcd(x, n).
        let x = BigUint::from_slice(
            &a.iter()
                .flat_map(|&l| [l as u32, (l >> 32) as u32])
                .collect::<Vec<u32>>(),
        );
        x.gcd(&self.big)
    }

    fn modulus(&self) -> BigUint {
        self.big.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Back out of Montgomery form: multiply by 1.
    fn value<const N: usize>(r: &MontWide<N>, a: &[u64; N]) -> BigUint {
        let mut one = [0u64; N];
        one[0] = 1;
        let x = r.mont_mul(a, &one);
        x.iter()
            .rev()
            .fold(BigUint::from(0u32), |acc, &l| (acc << 64u32) + l)
    }

    #[test]
    fn matches_biguint_arithmetic() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state
        };
        for bits in [130u32, 190, 255, 256] {
            for _ in 0..20 {
                let mut n = BigUint::from(0u32);
                for _ in 0..4 {
                    n = (n << 64u32) + next();
                }
                n = (n >> (256 - bits)) | BigUint::from(1u32) | (BigUint::from(1u32) << (bits - 1));
                let r = MontWide::<4>::new(&n).unwrap();
                let (x, y) = (next() % 1_000_000_007, next());
                let (a, b) = (r.small(x), r.small(y));
                let (xb, yb) = (BigUint::from(x), BigUint::from(y) % &n);
                assert_eq!(value(&r, &r.mul(&a, &b)), &xb * &yb % &n, "{n}");
                assert_eq!(value(&r, &r.add(&a, &b)), (&xb + &yb) % &n, "{n}");
                assert_eq!(value(&r, &r.sub(&a, &b)), (&xb + &n - &yb) % &n, "{n}");
                let ab = r.mul(&a, &b);
                assert_eq!(value(&r, &r.mul(&ab, &ab)), (&xb * &yb).pow(2) % &n, "{n}");
            }
        }
        assert!(MontWide::<4>::new(&BigUint::from(10u32)).is_none());
        assert!(
            MontWide::<2>::new(&(BigUint::from(1u32) << 200u32 | BigUint::from(1u32))).is_none()
        );
    }
}
