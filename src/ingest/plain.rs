//! Plain text and Markdown files: one article each, id from the file stem (see
//! `ingest::read` for stems met twice in a folder).

use super::{checked, decode_text, describe_io, InputError, Item};
use crate::article::Article;
use std::path::Path;

pub(super) fn read(path: &Path, id: String) -> Item {
    let input = path.display().to_string();
    let text = match std::fs::read(path)
        .map_err(|e| describe_io(&e))
        .and_then(decode_text)
    {
        Ok(text) => text,
        Err(reason) => return Item::Error(InputError::new(input, reason)),
    };
    checked(Article {
        id,
        text,
        input,
        ..Article::default()
    })
}
