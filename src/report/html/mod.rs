//! `report.html`: the reports of a run as one self-contained page, for readers who
//! would rather look than read CSV. It is built from the CSV files already written
//! in the report directory (so it shows what they hold), with the articles' texts
//! and links from memory; it opens in any browser, without a server or network.
//!
//! Article texts, titles, ids and URLs are hostile input: the page is written with
//! maud (which escapes everything it is not told is markup), its data travels as
//! JSON no `<` of which survives (`page::embeddable`), its script writes text
//! with `textContent` alone, only http(s) addresses become links, and its
//! Content-Security-Policy lets nothing but its own script and style run and no
//! request leave the file.

mod chart;
mod data;
mod page;

use super::write::write_atomic;
use crate::document::Document;
use crate::error::Result;
use std::path::Path;

/// The page's name in a report directory.
pub const HTML: &str = "report.html";

/// Writes `report.html` in `dir` from the reports there (run over `docs`) and
/// `run`, the value of its `run.json`. The same reports give the same bytes.
pub fn write_html(dir: &Path, docs: &[Document], run: serde_json::Value) -> Result<()> {
    let data = data::Data::read(dir, docs, run)?;
    let json = serde_json::to_string(&data)?;
    let page = page::render(&data, &json);
    write_atomic(dir, HTML, |out| Ok(out.write_all(page.as_bytes())?))
}
