//! Reading articles from paths: directories (recursively), plain text, Markdown,
//! HTML, JSON Lines and CSV.
//!
//! Reading is a stream of [`Item`]s in a fixed order (paths as given, directory
//! entries sorted by name, records in file order), so a run is reproducible and a
//! multi-gigabyte JSON Lines or CSV file is never held in memory at once. A problem
//! with one input is an [`Item::Error`] naming it; reading goes on.

pub mod codec;
pub mod html;
mod jsonl;
mod lines;
pub mod nesting;
mod oversize;
mod plain;
mod table;

pub use codec::Codec;
pub use lines::JsonLines;

use crate::article::Article;
use std::path::{Path, PathBuf};

/// An input that could not be read, and why: one row of `errors.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The path, or `path:line` for one record of a file.
    pub input: String,
    /// Why it could not be read, in words a user acts on.
    pub reason: String,
}

impl InputError {
    /// An error of `input` (a path or `path:line`) for `reason`. Both go to
    /// terminals and CSV files: control characters are shown escaped, and a
    /// reason quoting an input is cut at [`MAX_REASON_CHARS`].
    pub fn new(input: impl Into<String>, reason: impl Into<String>) -> Self {
        InputError {
            input: printable(&input.into(), usize::MAX),
            reason: printable(&reason.into(), MAX_REASON_CHARS),
        }
    }
}

impl InputError {
    /// The error of an article `input` whose `id` was read first from `first`.
    pub fn duplicate_id(input: impl Into<String>, id: &str, first: &str) -> Self {
        InputError::new(
            input,
            format!("duplicate id {id:?}: already read from {first}"),
        )
    }
}

/// Characters of a reason kept; a parser quoting a binary input says no more.
pub const MAX_REASON_CHARS: usize = 400;

/// `text` with control characters (and the Unicode direction marks that can
/// reorder a line on a terminal) escaped as `\u{..}`, cut to `max` characters
/// and an ellipsis.
pub fn printable(text: &str, max: usize) -> String {
    let risky = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(risky) && text.chars().nth(max).is_none() {
        return text.to_string();
    }
    let mut out = String::new();
    let mut shown = 0;
    for c in text.chars() {
        let piece = if risky(c) {
            format!("\\u{{{:x}}}", c as u32)
        } else {
            c.to_string()
        };
        shown += piece.chars().count();
        if shown > max {
            out.push('…');
            break;
        }
        out.push_str(&piece);
    }
    out
}

/// One thing read from the inputs.
#[derive(Debug)]
pub enum Item {
    /// An article read whole.
    Article(Article),
    /// An input, or a record of one, that could not be read.
    Error(InputError),
    /// A file inside a directory whose kind is not an article format.
    Skipped(PathBuf),
}

/// The formats dupdrift reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: one article, the file stem as id.
    Plain,
    /// HTML: markup stripped, `<title>` kept as the title.
    Html,
    /// JSON Lines, plain or compressed (`.jsonl.gz`, `.jsonl.zst`).
    JsonLines(Codec),
    /// CSV with a header row naming the fields; only `text` is required.
    Csv,
}

impl Format {
    /// Whether the format holds records (many articles), not one article.
    pub fn is_records(self) -> bool {
        matches!(self, Format::JsonLines(_) | Format::Csv)
    }

    /// The format of `path` by its extension, after a compression extension for JSON
    /// Lines; `None` for an unknown extension.
    pub fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        let (codec, inner) = Codec::of(name);
        let ext = Path::new(inner).extension()?.to_str()?.to_ascii_lowercase();
        match (ext.as_str(), codec) {
            ("jsonl" | "ndjson", codec) => Some(Format::JsonLines(codec)),
            (_, Codec::Gzip | Codec::Zstd) => None,
            ("txt" | "text" | "md" | "markdown", _) => Some(Format::Plain),
            ("html" | "htm" | "xhtml", _) => Some(Format::Html),
            ("csv", _) => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Reads every path in order. A file named directly is read even with an unknown
/// extension (as plain text); inside a directory such files are skipped. The path
/// `-` reads JSON Lines from standard input. Directories in `exclude` (canonical
/// paths, such as the report directory) are not entered.
pub fn read<'a>(
    paths: &'a [PathBuf],
    exclude: &'a [PathBuf],
    limits: Limits,
) -> impl Iterator<Item = Item> + 'a {
    paths
        .iter()
        .flat_map(move |path| read_path(path, exclude, limits))
}

/// Bounds on what one input may make the process read or hold: past them, an
/// error row, and the batch goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one article: a file of plain text or HTML, a JSON line.
    pub article_bytes: u64,
    /// Bytes read from one input, after decompression.
    pub input_bytes: u64,
    /// Bytes a compressed input may make of each byte it holds (see
    /// [`codec::MAX_RATIO`]); 0 for no bound.
    pub compression_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // A long news article is 50 KB; a book 1 MB.
            article_bytes: 16 << 20,
            input_bytes: 64 << 30,
            compression_ratio: codec::MAX_RATIO,
        }
    }
}

fn read_path<'a>(
    path: &'a Path,
    exclude: &'a [PathBuf],
    limits: Limits,
) -> Box<dyn Iterator<Item = Item> + 'a> {
    if path == Path::new("-") {
        return jsonl::read_stdin(limits);
    }
    match std::fs::metadata(path) {
        Err(e) => one_error(path, describe_io(&e)),
        Ok(meta) if meta.is_dir() => read_dir(path, exclude, limits),
        Ok(meta) if !meta.is_file() => one_error(path, special(meta.file_type())),
        Ok(meta) => read_file(
            path.to_path_buf(),
            Format::of(path).unwrap_or(Format::Plain),
            meta.len(),
            limits,
            None,
        ),
    }
}

fn read_dir<'a>(
    dir: &'a Path,
    exclude: &'a [PathBuf],
    limits: Limits,
) -> Box<dyn Iterator<Item = Item> + 'a> {
    let mut files = Vec::new();
    let mut items = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let excluded = e.file_type().is_dir()
                && !exclude.is_empty()
                && e.path().canonicalize().is_ok_and(|p| exclude.contains(&p));
            !hidden && !excluded
        });
    for entry in walker {
        match entry {
            Err(e) => {
                let at = e.path().unwrap_or(dir).display().to_string();
                let reason = e.io_error().map_or_else(|| e.to_string(), describe_io);
                items.push(Item::Error(InputError::new(at, reason)));
            }
            Ok(e) if e.file_type().is_file() => match Format::of(e.path()) {
                Some(format) => {
                    let bytes = e.metadata().map_or(0, |m| m.len());
                    files.push((e.into_path(), format, bytes))
                }
                None => items.push(Item::Skipped(e.into_path())),
            },
            Ok(e) if !e.file_type().is_dir() && !e.file_type().is_symlink() => {
                let reason = special(e.file_type());
                items.push(Item::Error(InputError::new(
                    e.path().display().to_string(),
                    reason,
                )));
            }
            Ok(_) => {}
        }
    }
    if files.is_empty() && items.iter().all(|i| matches!(i, Item::Skipped(_))) {
        items.push(Item::Error(InputError::new(
            dir.display().to_string(),
            "no articles found: the directory has no .txt, .md, .html, .jsonl(.gz/.zst) or .csv files",
        )));
    }
    // A stem met twice among a folder's articles (`a/index.html`, `b/index.html`)
    // names neither: each is its path within the folder.
    let mut stems: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (p, f, _) in &files {
        if matches!(f, Format::Plain | Format::Html) {
            *stems.entry(stem_id(p)).or_default() += 1;
        }
    }
    let files: Vec<_> = files
        .into_iter()
        .map(|(p, f, b)| {
            let shared = matches!(f, Format::Plain | Format::Html) && stems[&stem_id(&p)] > 1;
            let id = shared.then(|| relative_id(dir, &p));
            (p, f, b, id)
        })
        .collect();
    Box::new(
        items.into_iter().chain(
            files
                .into_iter()
                .flat_map(move |(p, f, b, id)| read_file(p, f, b, limits, id)),
        ),
    )
}

/// Reads one file of `bytes`; a plain or HTML file's article gets `id`, else its
/// file stem.
fn read_file(
    path: PathBuf,
    format: Format,
    bytes: u64,
    limits: Limits,
    id: Option<String>,
) -> Box<dyn Iterator<Item = Item>> {
    if matches!(format, Format::Plain | Format::Html) && bytes > limits.article_bytes {
        return one_error(&path, article_too_large(bytes, limits));
    }
    match format {
        Format::Plain => {
            let id = id.unwrap_or_else(|| stem_id(&path));
            Box::new(std::iter::once(plain::read(&path, id)))
        }
        Format::Html => {
            let id = id.unwrap_or_else(|| stem_id(&path));
            Box::new(std::iter::once(html::read(&path, id)))
        }
        Format::JsonLines(codec) => jsonl::read(path, codec, limits),
        Format::Csv => table::read(path, limits),
    }
}

/// `path` within `dir`, its parts joined by `/` whatever the system.
fn relative_id(dir: &Path, path: &Path) -> String {
    let within = path.strip_prefix(dir).unwrap_or(path);
    within
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The reason for an input that is no regular file: reading a FIFO or a device
/// would wait for ever or never end.
fn special(kind: std::fs::FileType) -> String {
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;
    #[cfg(not(unix))]
    let what = "no regular file";
    #[cfg(unix)]
    let what = if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "no regular file"
    };
    let _ = kind;
    format!("{what}, not a file of articles: skipped (pipe it to `scan -` instead)")
}

/// The reason for an article of `bytes` (or more) past the limit.
pub fn article_too_large(bytes: u64, limits: Limits) -> String {
    format!(
        "{} MB, more than the limit of {} MB for one article (--max-article-mb): skipped",
        bytes.div_ceil(1 << 20),
        limits.article_bytes >> 20
    )
}

fn one_error(path: &Path, reason: String) -> Box<dyn Iterator<Item = Item>> {
    Box::new(std::iter::once(Item::Error(InputError::new(
        path.display().to_string(),
        reason,
    ))))
}

/// An I/O error in words a user acts on.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// Why a UTF-16 input is not read.
const UTF16: &str = "UTF-16 text (its byte-order mark says so): convert it to UTF-8";

/// Decodes a whole file's bytes as article text, or says why it is not text.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(UTF16.into());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes), not text".into());
    }
    let mut text = String::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))?;
    if text.starts_with('\u{FEFF}') {
        text.drain(..3);
    }
    Ok(text)
}

/// The article if its text has something in it, else the reason it is unusable.
pub fn checked(article: Article) -> Item {
    if article.text.trim().is_empty() {
        Item::Error(InputError::new(article.input, "empty article: no text"))
    } else {
        Item::Article(article)
    }
}

/// The id of a plain file: its file stem.
pub(crate) fn stem_id(path: &Path) -> String {
    // "dump.jsonl.gz" is "dump", as "dump.jsonl" is.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let (_, inner) = Codec::of(&name);
    Path::new(inner)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The fields of one article record in a JSON Lines or CSV file.
pub(crate) struct Record {
    pub id: Option<String>,
    pub text: String,
    pub title: String,
    pub url: String,
    pub source: String,
    pub lang: String,
    pub published: String,
}

impl Record {
    /// The article, named `STEM:LINE` when the record has no id.
    pub fn into_item(self, stem: &str, line: usize, input: String) -> Item {
        let id = match self.id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => format!("{stem}:{line}"),
        };
        checked(Article {
            id,
            source: self.source,
            url: self.url,
            title: self.title,
            lang: self.lang,
            published: self.published,
            text: self.text,
            input,
        })
    }
}
