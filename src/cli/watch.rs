//! `dupdrift watch`: one run of the job over feeds, for cron or a systemd timer.

use super::Outcome;
use anyhow::{bail, Context};
use clap::Args;
use dupdrift::analyze::LanguageChoice;
use dupdrift::neardup::sketch::SketchParams;
use dupdrift::watch::{self, fetch::Limits, source::Source};
use std::path::PathBuf;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples:
  # Two feeds and a drop folder; the index is ./dupdrift.db, reports in ./runs/:
  dupdrift watch https://example.org/rss.xml https://example.net/atom.xml incoming/

  # The sources in a file (one a line: SOURCE [OUTLET NAME]; # starts a comment):
  dupdrift watch --sources feeds.txt --db /var/lib/dupdrift/index.db --out /var/lib/dupdrift

  # From cron, every ten minutes (exit status 75 means the last run still holds the lock):
  */10 * * * * cd /var/lib/dupdrift && dupdrift watch --sources feeds.txt --quiet

  # The article of each entry's page rather than the feed's summary:
  dupdrift watch --fetch-pages https://example.org/rss.xml

  # As a systemd timer: scripts/dupdrift-watch.service and scripts/dupdrift-watch.timer,
  # which run: dupdrift watch --sources feeds.txt --db dupdrift.db --out . --quiet

Sources:
  A feed URL (RSS 2.0, Atom or JSON Feed, fetched with conditional GET), a feed
  file, a drop folder of articles, or a JSON Lines or CSV file of articles. An entry
  is one article by its GUID, else by its link (tracking parameters, fragment,
  scheme and www. dropped); a changed headline or text is a new version of it.
  With --fetch-pages, a feed entry's text is the article of its linked page
  (found by Readability, menus and footers left out), fetched when the entry is
  new or changed in its feed; the page it lands on after redirects is one more
  name of the article, so one story behind two links is one article. A page that
  cannot be had is an errors.csv row and its entry waits for the next run; after
  three failures (or at once for no HTML page) a new article takes the feed's text.

Each run compares only what is new (versions no run reported) with the stored
articles the index proposes for it (a shared band key, or two rare term pairs of
sentences), with the corpus statistics of every article's current version.

Reports (each run that found something new writes runs/<UTC time>/ under --out):
  documents.csv, pairs.csv, alignments.csv, passages.csv, drift.csv: as `scan`
                 writes them, holding only the rows no earlier run reported
  versions.csv   doc_id, version, kind (edit, revert, suspect), previous_version,
                 previous_bytes, bytes, drift_findings, title: each new version of an
                 article; an edit's drift against the version before is in drift.csv
                 between DOC@vN and DOC@vM
  errors.csv     input, reason: every source or entry that could not be read

Exit status: 0 when every source was read, 1 when some are in errors.csv, 2 on a
fatal error, 75 when another run holds the lock (nothing is done).";

/// Add what is new in feeds to an index, and report only what is new
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct WatchArgs {
    /// Feed URLs, feed files, drop folders, JSON Lines or CSV files
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// A file of sources, one a line: SOURCE [OUTLET NAME]
    #[arg(long = "sources", value_name = "FILE")]
    pub sources_file: Option<PathBuf>,
    /// The SQLite index (created on first run)
    #[arg(long, value_name = "PATH", default_value = "dupdrift.db")]
    pub db: PathBuf,
    /// Where the runs/ folder of reports goes
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Jaccard similarity (of word shingles) from which two articles are near-duplicates
    #[arg(long, short, default_value_t = 0.5, value_name = "0..1")]
    pub threshold: f64,
    /// Seconds a request may take, connection to last byte
    #[arg(long, default_value_t = 30, value_name = "S")]
    pub timeout: u64,
    /// Largest body read, in megabytes after decompression
    #[arg(long, default_value_t = 16, value_name = "MB")]
    pub max_body_mb: u64,
    /// Milliseconds between two requests to one host
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    pub host_delay_ms: u64,
    /// Take each feed entry's text from its linked page (the article on it)
    /// rather than from the feed
    #[arg(long)]
    pub fetch_pages: bool,
    /// Worker threads; 0 uses every core
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// No summary on stderr
    #[arg(long, short)]
    pub quiet: bool,
    /// The run's time, unix seconds (for reproducible tests); default: now
    #[arg(long, hide = true, env = "DUPDRIFT_NOW")]
    pub now: Option<i64>,
}

/// Another run holds the lock: exit status 75.
#[derive(Debug, thiserror::Error)]
#[error("another dupdrift watch holds the lock on {0}; nothing done")]
pub struct Busy(pub String);

pub fn run(args: WatchArgs) -> anyhow::Result<Outcome> {
    let mut sources: Vec<Source> = args.sources.iter().map(|s| Source::new(s, None)).collect();
    if let Some(file) = &args.sources_file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the sources file {}", file.display()))?;
        sources.extend(Source::list(&text));
    }
    if sources.is_empty() {
        bail!("no sources: name feed URLs, files or folders, or give --sources FILE");
    }
    if args.threads > super::scan::MAX_THREADS {
        bail!(
            "--threads must be at most {} (0 uses every core), got {}",
            super::scan::MAX_THREADS,
            args.threads
        );
    }
    if !(args.threshold > 0.0 && args.threshold <= 1.0) {
        bail!("--threshold must be in (0, 1], got {}", args.threshold);
    }
    let now = match args.now {
        Some(t) => t,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .context("the clock is before 1970")?
            .as_secs() as i64,
    };
    let config = watch::Config {
        sources,
        db: args.db.clone(),
        out: args.out,
        now,
        limits: Limits {
            timeout: Duration::from_secs(args.timeout),
            max_body: args.max_body_mb << 20,
            host_delay: Duration::from_millis(args.host_delay_ms),
            ..Limits::default()
        },
        threshold: args.threshold,
        sketch: SketchParams::new(5, 128, SketchParams::DEFAULT_SEED)?,
        language: LanguageChoice::Auto,
        fetch_pages: args.fetch_pages,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .context("cannot start the worker threads")?;
    let summary = match pool.install(|| watch::run(&config))? {
        watch::Outcome::Busy => return Err(Busy(format!("{}.lock", args.db.display())).into()),
        watch::Outcome::Done(summary) => summary,
    };
    if !args.quiet {
        for e in &summary.errors {
            eprintln!("dupdrift: {}: {}", e.input, e.reason);
        }
        let new: Vec<String> = summary
            .reported
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(f, n)| format!("{n} in {f}"))
            .collect();
        if let Some(dir) = &summary.recovered {
            eprintln!(
                "dupdrift watch: what an interrupted run had stored is reported in {}",
                dir.display()
            );
        }
        eprintln!(
            "dupdrift watch: {} sources ({} unchanged, {} deferred, {} in errors.csv), {} new articles, {} new versions, {} compared with {} stored; {}",
            summary.sources,
            summary.unchanged,
            summary.deferred,
            summary.errors.len(),
            summary.new_articles,
            summary.new_versions,
            summary.compared.0,
            summary.compared.1,
            match &summary.run_dir {
                Some(dir) if !new.is_empty() => format!("new: {}; report in {}", new.join(", "), dir.display()),
                Some(dir) => format!("nothing new; errors in {}", dir.display()),
                None => "nothing new".into(),
            }
        );
    }
    Ok(Outcome {
        input_errors: summary.errors.len(),
    })
}
