//! A small deterministic pseudo-random generator (xorshift64*): the same
//! seed gives the same numbers on every machine and run. For what must be
//! reproducible (the network layout's starting positions, the test-data
//! generator), never for anything secret.

/// A small deterministic random generator (xorshift64*), with no
/// dependency: the sequence depends on the seed alone.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }

    /// A text of fewer than `most` of `pieces`, and fewer than `spans`
    /// non-empty character ranges inside it (they may overlap): the input
    /// of tests that check a property of every text.
    pub fn text_and_ranges(
        &mut self,
        pieces: &[&str],
        most: usize,
        spans: usize,
    ) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        for _ in 0..self.below(most) {
            text.push_str(pieces[self.below(pieces.len())]);
        }
        let n = text.chars().count();
        let mut ranges = Vec::new();
        for _ in 0..self.below(spans) {
            if n == 0 {
                break;
            }
            let a = self.below(n);
            ranges.push((a, a + 1 + self.below(n - a)));
        }
        (text, ranges)
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn the_same_seed_gives_the_same_numbers_in_range() {
        let draw = |seed| {
            let mut r = Rng::new(seed);
            (0..100).map(|_| r.below(10)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        assert!(draw(7).iter().all(|n| *n < 10));
        assert_eq!(draw(0), draw(1), "a zero seed counts as 1");
        let mut r = Rng::new(42);
        assert_eq!(r.below(0), 0);
    }
}
