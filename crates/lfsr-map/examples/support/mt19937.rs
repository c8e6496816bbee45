//! MT19937, the 32-bit Mersenne Twister (Matsumoto and Nishimura 1998), as in C++'s
//! `std::mt19937`: shared by `examples/mt19937.rs` and `tests/mt19937.rs` (included with
//! `#[path]`).

/// The generator's state: 624 words and the position in them.
pub struct Mt19937 {
    mt: [u32; N],
    index: usize,
}

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER: u32 = 0x8000_0000;
const LOWER: u32 = 0x7fff_ffff;

impl Mt19937 {
    /// Seeded as `std::mt19937(seed)` (the default seed is 5489).
    pub fn new(seed: u32) -> Mt19937 {
        let mut mt = [0u32; N];
        mt[0] = seed;
        for i in 1..N {
            let prev = mt[i - 1];
            mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 { mt, index: N }
    }

    /// The next tempered 32-bit output.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn twist(&mut self) {
        for i in 0..N {
            let x = (self.mt[i] & UPPER) | (self.mt[(i + 1) % N] & LOWER);
            let mut xa = x >> 1;
            if x & 1 == 1 {
                xa ^= MATRIX_A;
            }
            self.mt[i] = self.mt[(i + M) % N] ^ xa;
        }
        self.index = 0;
    }
}

/// The lowest bit of each of the next `n` outputs, packed 64 to a word (bit k = output k).
pub fn low_bits(mt: &mut Mt19937, n: usize) -> Vec<u64> {
    let mut words = vec![0u64; n.div_ceil(64)];
    for k in 0..n {
        words[k / 64] |= ((mt.next_u32() & 1) as u64) << (k % 64);
    }
    words
}
