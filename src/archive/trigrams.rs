//! Which three-byte sequences a meeting's folded text holds, as a Bloom filter: a search reads
//! this small filter first and skips the meeting when a sequence of the words is missing, so a
//! search for something rare reads a few kilobytes per meeting instead of all of its text.
//!
//! A filter can say "maybe" wrongly (about one sequence in a hundred, two bits per sequence
//! in a table of sixteen bits per distinct sequence), never "no" wrongly: the scan that
//! follows decides. An empty filter says "maybe" to everything.

/// Bits per distinct sequence.
const BITS_PER_TRIGRAM: usize = 16;
const MIN_BITS: usize = 1 << 12;
const MAX_BITS: usize = 1 << 22;

fn key(three: &[u8]) -> u32 {
    u32::from(three[0]) << 16 | u32::from(three[1]) << 8 | u32::from(three[2])
}

/// The two bits of a sequence in a table of `1 << shift` bits.
fn bits(key: u32, shift: u32) -> [usize; 2] {
    let drop = 32 - shift;
    [
        (key.wrapping_mul(0x9E37_79B1) >> drop) as usize,
        (key.wrapping_mul(0x85EB_CA77)
            .rotate_left(13)
            .wrapping_mul(0xC2B2_AE3D)
            >> drop) as usize,
    ]
}

/// The sequences of `text` that a line break does not cut.
fn sequences(text: &[u8]) -> impl Iterator<Item = u32> + '_ {
    text.windows(3).filter(|w| !w.contains(&b'\n')).map(key)
}

/// The filter of a folded text (entries separated by line breaks).
pub fn build(haystack: &[u8]) -> Vec<u8> {
    // Which of the 2^24 possible sequences occur: a bit each (2 MB, mostly untouched).
    let mut seen = vec![0u64; (1 << 24) / 64];
    let mut distinct = 0usize;
    for key in sequences(haystack) {
        let (word, bit) = ((key >> 6) as usize, key & 63);
        if seen[word] & (1 << bit) == 0 {
            seen[word] |= 1 << bit;
            distinct += 1;
        }
    }
    if distinct == 0 {
        return Vec::new();
    }
    let size = (distinct * BITS_PER_TRIGRAM)
        .next_power_of_two()
        .clamp(MIN_BITS, MAX_BITS);
    let shift = size.trailing_zeros();
    let mut table = vec![0u8; size / 8];
    for (word, &bits_set) in seen.iter().enumerate().filter(|(_, w)| **w != 0) {
        let mut rest = bits_set;
        while rest != 0 {
            let bit = rest.trailing_zeros();
            rest &= rest - 1;
            let key = ((word as u32) << 6) | bit;
            for at in bits(key, shift) {
                table[at / 8] |= 1 << (at % 8);
            }
        }
    }
    table
}

/// Can the text the filter was built from hold `needle` (folded)?
pub fn may_contain(filter: &[u8], needle: &[u8]) -> bool {
    let size = filter.len() * 8;
    if filter.is_empty() || !size.is_power_of_two() || needle.len() < 3 {
        return true;
    }
    let shift = size.trailing_zeros();
    sequences(needle).all(|key| {
        bits(key, shift).into_iter().all(|bit| {
            filter
                .get(bit / 8)
                .is_some_and(|b| b & (1 << (bit % 8)) != 0)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_says_no_to_what_is_there() {
        let text = "supported the budget.\nthanked cote d'ivoire for the letter.\n";
        let filter = build(text.as_bytes());
        for needle in ["budget", "cote d'ivoire", "the letter.", "d t", "ab", ""] {
            assert!(may_contain(&filter, needle.as_bytes()), "{needle}");
        }
        assert!(!may_contain(&filter, b"zeppelin"));
        assert!(
            !may_contain(&filter, b"budget. thanked"),
            "not across two entries"
        );
        assert!(may_contain(&[], b"anything"));
        assert!(may_contain(&[0; 3], b"anything"), "not a filter: maybe");
    }
}
