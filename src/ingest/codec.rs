//! Compressed inputs: news dumps come as `.jsonl.gz` and `.jsonl.zst`, read as they
//! stream, never unpacked to disk.

use std::fs::File;
use std::io::{BufRead, BufReader};

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

    /// A buffered reader of the file's decompressed bytes.
    pub fn open(self, file: File) -> std::io::Result<Box<dyn BufRead>> {
        const BUF: usize = 1 << 16;
        Ok(match self {
            Codec::None => Box::new(BufReader::with_capacity(BUF, file)),
            Codec::Gzip => Box::new(BufReader::with_capacity(
                BUF,
                flate2::read::MultiGzDecoder::new(BufReader::with_capacity(BUF, file)),
            )),
            Codec::Zstd => Box::new(BufReader::with_capacity(
                BUF,
                zstd::stream::read::Decoder::new(file)?,
            )),
        })
    }
}
