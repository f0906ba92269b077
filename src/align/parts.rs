//! Slices cut into consecutive parts, for parallel tasks that each fill their own.

/// `slice` cut into consecutive parts of these `lengths`, in order: parts that
/// parallel tasks fill, each its own (the lengths add up to at most its length).
pub(super) fn split_lengths<T>(
    slice: &mut [T],
    lengths: impl IntoIterator<Item = usize>,
) -> Vec<&mut [T]> {
    let mut rest = slice;
    lengths
        .into_iter()
        .map(|len| {
            let (part, tail) = std::mem::take(&mut rest).split_at_mut(len);
            rest = tail;
            part
        })
        .collect()
}

/// `0`, then the running totals of `counts`.
pub(super) fn prefix_sums(counts: impl Iterator<Item = usize>) -> Vec<usize> {
    std::iter::once(0)
        .chain(counts.scan(0, |total, n| {
            *total += n;
            Some(*total)
        }))
        .collect()
}
