//! The unit every stage works on: one article as read from an input.

/// One news article as read, before any text processing.
///
/// `text` is the article body exactly as read (markup already stripped for HTML);
/// every span dupdrift reports is a byte offset into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Unique within a run: the file stem for plain files, the `id` field otherwise.
    pub id: String,
    /// The outlet or feed, when the input names one.
    pub source: String,
    pub url: String,
    pub title: String,
    /// Language as given by the input (any common spelling: `en`, `eng`, `English`);
    /// empty when unknown, in which case it is detected.
    pub lang: String,
    pub published: String,
    pub text: String,
    /// Where the article was read from: a path, or `path:line` for a record in a file.
    pub input: String,
}
