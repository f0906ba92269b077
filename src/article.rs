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
    /// The page it was published at, when the input names it.
    pub url: String,
    /// The headline; for HTML, the page's `<title>`.
    pub title: String,
    /// Language as given by the input (any common spelling: `en`, `eng`, `English`);
    /// empty when unknown, in which case it is detected.
    pub lang: String,
    /// When it was published, as the input gives it (not parsed).
    pub published: String,
    /// The body as read: every reported span is a byte offset into it.
    pub text: String,
    /// Where the article was read from: a path, or `path:line` for a record in a file.
    pub input: String,
}
