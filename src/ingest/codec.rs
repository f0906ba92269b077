//! Compressed inputs: news dumps come as `.jsonl.gz` and `.jsonl.zst`, read as they
//! stream, never unpacked to disk, and stopped where they inflate past any text's
//! ratio (a compression bomb: 336 KB of zstd that make 10 GB).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Bytes a compressed input may make of each byte it holds, by default. Text
/// compresses some tens of times, a file of one article's copies a few thousand
/// (zstd makes 8,000 of each byte of a further copy of a 130 KB article); gzip
/// cannot pass about 1,030. Past this, zstd is a bomb built to keep the reader
/// busy, or copies of long articles: `--max-compression-ratio` lets them through.
pub const MAX_RATIO: u64 = 10_000;
/// Bytes made before the ratio is checked: a small input may inflate much.
const RATIO_FROM: u64 = 64 << 20;

/// How a file is compressed, by its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// Not compressed.
    None,
    /// gzip, including files of several gzip members (as `cat a.gz b.gz` makes).
    Gzip,
    /// zstd.
    Zstd,
}

impl Codec {
    /// The codec a file name ends with, and the name without that extension.
    pub fn of(name: &str) -> (Codec, &str) {
        let lower = name.to_ascii_lowercase();
        for (ext, codec) in [(".gz", Codec::Gzip), (".zst", Codec::Zstd)] {
            if lower.ends_with(ext) {
                return (codec, &name[..name.len() - ext.len()]);
            }
        }
        (Codec::None, name)
    }

    /// A buffered reader of the file's decompressed bytes; a read fails once they
    /// pass `max_ratio` times the bytes of the file read so far (0: never).
    pub fn open(self, file: File, max_ratio: u64) -> std::io::Result<Box<dyn BufRead>> {
        const BUF: usize = 1 << 16;
        let read = Arc::new(AtomicU64::new(0));
        let file = Counted {
            inner: file,
            read: Arc::clone(&read),
        };
        let bounded = |inner| Bounded {
            inner,
            read,
            made: 0,
            max_ratio,
        };
        Ok(match self {
            Codec::None => Box::new(BufReader::with_capacity(BUF, file)),
            Codec::Gzip => Box::new(BufReader::with_capacity(
                BUF,
                bounded(Box::new(flate2::read::MultiGzDecoder::new(
                    BufReader::with_capacity(BUF, file),
                ))),
            )),
            Codec::Zstd => Box::new(BufReader::with_capacity(
                BUF,
                bounded(Box::new(zstd::stream::read::Decoder::new(file)?)),
            )),
        })
    }
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A decompressing reader that fails past `max_ratio`.
struct Bounded {
    inner: Box<dyn Read>,
    /// Compressed bytes read.
    read: Arc<AtomicU64>,
    /// Decompressed bytes made.
    made: u64,
    /// 0: no bound.
    max_ratio: u64,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.made += n as u64;
        let read = self.read.load(Ordering::Relaxed);
        if self.max_ratio > 0
            && self.made > RATIO_FROM
            && self.made > read.saturating_mul(self.max_ratio)
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "{} MB of compressed data inflate to over {} MB, more than {} times \
                     (--max-compression-ratio): a compression bomb, not text; the rest is \
                     not read",
                    read.div_ceil(1 << 20),
                    self.made >> 20,
                    self.max_ratio
                ),
            ));
        }
        Ok(n)
    }
}
