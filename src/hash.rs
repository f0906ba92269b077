//! Stable, specified hashing: every hash that shapes output or may be persisted.
//!
//! `ahash` is used for in-memory maps only: its values change across CPUs and
//! versions. The functions here are fixed by this specification and pinned by golden
//! tests, so a sketch computed today compares with one computed elsewhere tomorrow:
//!
//! - term hash: XXH3-64 (seed 0) of the term's UTF-8 bytes;
//! - shingle hash of term hashes `t_1..t_n`: `fmix64(t_1 K^(n-1) + t_2 K^(n-2) + .. +
//!   t_n)` with wrapping arithmetic and `K` = [`SHINGLE_BASE`]: a polynomial, so the
//!   next shingle of a text is computed from the last in constant time;
//! - MinHash sketch with seed `s` and `k` slots (one-permutation, see
//!   [`crate::neardup::sketch`]): shingle `x` hashes to `h = fmix64(x ^ key_0)` and falls in
//!   bin `(h * k) >> 64`; empty bin `i` probes bins `(fmix64(key_1 ^ (i << 32) ^ t)
//!   * k) >> 64` for `t = 0, 1, ..` and takes the first filled one's minimum. `key_0`
//!   and `key_1` are the first two outputs of SplitMix64 started at `s`, and
//!   `fmix64` is the MurmurHash3 64-bit finalizer (a bijection on `u64`);
//! - LSH band key: XXH3-64 with seed = band index of the band's values as
//!   little-endian bytes;
//! - term pair key (a sentence's two rare terms, as a stored index keeps them):
//!   XXH3-64 (seed 0) of the smaller term hash, then the larger, as little-endian
//!   bytes: the same for either order.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Name recorded with every sketch, so sketches from another hash scheme are refused.
pub const HASH_NAME: &str = "xxh3-64+oph-fmix64/splitmix64";

/// Hash of one normalized, stemmed term.
pub fn term_hash(term: &str) -> u64 {
    xxh3_64(term.as_bytes())
}

/// Base of the shingle polynomial: odd (invertible), with well-spread bits.
pub const SHINGLE_BASE: u64 = 0x9e37_79b9_7f4a_7c15;

/// Hash of a shingle given the hashes of its terms, in order.
pub fn shingle_hash(terms: &[u64]) -> u64 {
    fmix64(shingle_polynomial(terms))
}

/// The polynomial under [`shingle_hash`], before mixing.
pub(crate) fn shingle_polynomial(terms: &[u64]) -> u64 {
    terms
        .iter()
        .fold(0u64, |h, &t| h.wrapping_mul(SHINGLE_BASE).wrapping_add(t))
}

/// MurmurHash3's 64-bit finalizer: a fast bijective mixer.
#[inline]
pub fn fmix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// The SplitMix64 sequence from `seed`: `n` well-spread keys.
pub fn splitmix64(seed: u64, n: usize) -> Vec<u64> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        })
        .collect()
}

/// Key of one LSH band: equal bands give equal keys.
pub fn band_key(band: usize, values: &[u64]) -> u64 {
    const STACK: usize = 32;
    if values.len() <= STACK {
        let mut bytes = [0u8; 8 * STACK];
        for (chunk, v) in bytes.chunks_exact_mut(8).zip(values) {
            chunk.copy_from_slice(&v.to_le_bytes());
        }
        return xxh3_64_with_seed(&bytes[..8 * values.len()], band as u64);
    }
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    xxh3_64_with_seed(&bytes, band as u64)
}

/// The identity of an article's content, its text and the language its record
/// names, for copies to share one analysis within a run (never persisted): 128
/// bits, so that two different contents share a key with a chance near 2^-128.
pub fn content_key(text: &str, lang: &str) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&(lang.len() as u64).to_le_bytes());
    h.update(lang.as_bytes());
    h.update(text.as_bytes());
    h.digest128()
}

/// The identity of a shingle set (sorted, distinct hashes), for a job that
/// groups identical sets by key where `scan` compares them: 128 bits, so that two
/// different sets share a key with a chance near 2^-128.
pub fn shingle_set_key(shingles: &[u64]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for s in shingles {
        h.update(&s.to_le_bytes());
    }
    h.digest128()
}

/// Key of two terms of one sentence, whichever comes first.
pub fn term_pair_key(a: u64, b: u64) -> u64 {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.min(b).to_le_bytes());
    bytes[8..].copy_from_slice(&a.max(b).to_le_bytes());
    xxh3_64(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Golden values: if one of these changes, every persisted sketch is invalidated.
    // Change them only together with a format version bump.
    #[test]
    fn term_hash_is_stable() {
        assert_eq!(term_hash(""), 0x2d06_8005_38d3_94c2);
        assert_eq!(term_hash("putin"), GOLDEN_PUTIN);
    }

    #[test]
    fn shingle_hash_is_stable_and_order_sensitive() {
        let a = shingle_hash(&[1, 2, 3]);
        assert_eq!(a, GOLDEN_SHINGLE_123);
        assert_ne!(a, shingle_hash(&[3, 2, 1]));
        assert_ne!(shingle_hash(&[7, 9]), shingle_hash(&[9, 7]));
        // The polynomial as specified: K^2 + 2K + 3.
        let k = SHINGLE_BASE;
        let p = k
            .wrapping_mul(k)
            .wrapping_add(2u64.wrapping_mul(k))
            .wrapping_add(3);
        assert_eq!(a, fmix64(p));
    }

    #[test]
    fn mixers_are_stable() {
        assert_eq!(fmix64(0), 0);
        assert_eq!(fmix64(1), 0xb456_bcfc_34c2_cb2c);
        assert_eq!(
            splitmix64(0, 2),
            vec![0xe220_a839_7b1d_cdaf, 0x6e78_9e6a_a1b9_65f4]
        );
        assert_eq!(band_key(0, &[]), term_hash(""));
        // Long bands take the other branch and agree with the byte layout.
        let long: Vec<u64> = (0..40).collect();
        let bytes: Vec<u8> = long.iter().flat_map(|t| t.to_le_bytes()).collect();
        assert_eq!(band_key(3, &long), xxh3_64_with_seed(&bytes, 3));
        assert_eq!(band_key(3, &long[..5]), xxh3_64_with_seed(&bytes[..40], 3));
    }

    #[test]
    fn term_pair_key_is_stable_and_symmetric() {
        assert_eq!(term_pair_key(1, 2), term_pair_key(2, 1));
        assert_ne!(term_pair_key(1, 2), term_pair_key(1, 3));
        // The 16 bytes 1, 0 x 7, 2, 0 x 7 through XXH3-64: band_key's layout, seed 0.
        assert_eq!(term_pair_key(2, 1), band_key(0, &[1, 2]));
    }

    // Cross-checked against the reference XXH3 (Python `xxhash.xxh3_64_intdigest`).
    const GOLDEN_PUTIN: u64 = 0x40e3_266e_a6e0_496c;
    // The polynomial of the specification, checked in the test above as well.
    const GOLDEN_SHINGLE_123: u64 = 0xe203_89af_c827_76d6;
}
