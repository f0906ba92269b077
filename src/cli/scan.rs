//! `dupdrift scan`: read articles, find near-duplicates, write the CSV reports.

use super::progress::Progress;
use super::Outcome;
use ahash::AHashMap;
use anyhow::{bail, Context};
use clap::Args;
use dupdrift::align::cluster::cluster;
use dupdrift::align::{align, AlignParams, TermStats, DEFAULT_MIN_SIMILARITY};
use dupdrift::analyze::{analyze_batch, Depth, LanguageChoice};
use dupdrift::article::Article;
use dupdrift::document::{Document, SharedContents};
use dupdrift::drift::findings_of;
use dupdrift::ingest::{self, InputError, Item};
use dupdrift::neardup::lsh::Banding;
use dupdrift::neardup::sketch::{SketchParams, Sketcher};
use dupdrift::neardup::{find_pairs, Search, DEFAULT_LISTED_GROUP};
use dupdrift::report;
use dupdrift::report::set::Staging;
use dupdrift::text::language::Language;
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  # The five sample articles that come with dupdrift:
  dupdrift scan data/seeds --out report

  # A mix of inputs, stricter near-duplicates, two threads:
  dupdrift scan articles/ dump.jsonl more.csv --out report --threshold 0.8 --threads 2

  # All articles are German, whatever their `lang` field says:
  dupdrift scan de/ --lang de --out report-de

  # The same reports and a page to read them in a browser (report/report.html):
  dupdrift scan data/seeds --html --out report

  # JSON Lines on standard input:
  zcat dump.jsonl.gz | dupdrift scan - --out report

Inputs:
  A directory is read recursively: .txt, .md, .html/.htm (markup stripped), .jsonl
  and .csv files; other files are skipped. A plain file's id is its file stem (its
  path within the folder where two files share a stem).
  JSON Lines and CSV records carry `id`, `text` and optionally `title`, `url`,
  `source`, `lang`, `published`; a record without an id is named FILE-STEM:LINE.

Reports (in --out):
  documents.csv  doc_id, source, title, lang, bytes, sentences, tokens, shingles, input
  pairs.csv      doc_a, doc_b, jaccard_estimate, jaccard, containment_a, containment_b,
                 shared_shingles (pairs with exact jaccard >= --threshold; a group
                 past --list-groups-up-to through its first member)
  groups.csv     group_id, doc_id, size (one row per member of each group of
                 identical articles: the same shingle set)
  alignments.csv doc_a, start_a, end_a, doc_b, start_b, end_b, similarity, cluster_id,
                 sentences_a, sentences_b, counterpart (sentences saying the same thing;
                 byte spans; counterpart: the confidence that they render one statement)
  passages.csv   cluster_id, doc_id, start, end, docs_in_cluster, text (one row per
                 article holding a shared passage)
  drift.csv      doc_a, start_a, end_a, doc_b, start_b, end_b, kind, severity,
                 evidence_a, evidence_b, text_a, text_b, explanation, evidence_spans_a,
                 evidence_spans_b, counterpart (meaning changes in aligned sentences: polarity,
                 tense, aspect, number, date, entity, attribution, quote, hedge,
                 quantity, antonym, omission, addition, substitution, mood, order;
                 severity >= 0.5 is worth a look, and only found where counterpart
                 >= 0.9; `dupdrift compare A B` explains a pair)
  errors.csv     input, reason (every input that could not be read)
  run.json       parameters, counts, timings, version
  report.html    with --html: the same findings, passages and pairs in one page, the
                 aligned sentences side by side with the evidence marked

Exit status: 0 when every input was read, 1 when some were reported in
errors.csv, 2 on a fatal error.";

/// The largest `--threads`, `--permutations` and `--shingle-size` taken.
pub const MAX_THREADS: usize = 1024;
const MAX_PERMUTATIONS: usize = 4096;
const MAX_SHINGLE: usize = 64;

/// Articles analysed together in parallel; bounds memory on huge inputs.
const BATCH_ARTICLES: usize = 1024;
const BATCH_BYTES: usize = 16 << 20;

/// Find near-duplicate articles and shared passages, and write CSV reports
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ScanArgs {
    /// Directories, or .txt/.md/.html/.jsonl/.csv files; `-` reads JSON Lines from stdin
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Directory for the reports (created if missing)
    #[arg(long, short, value_name = "DIR", default_value = "report")]
    pub out: PathBuf,
    /// Jaccard similarity (of word shingles) from which two articles are near-duplicates
    #[arg(long, short, default_value_t = 0.5, value_name = "0..1")]
    pub threshold: f64,
    /// Words per shingle
    #[arg(long, short = 'k', default_value_t = 5, value_name = "K")]
    pub shingle_size: usize,
    /// MinHash permutations (signature length); more is slower and more accurate
    #[arg(long, default_value_t = 128, value_name = "N")]
    pub permutations: usize,
    /// Seed of the MinHash permutations
    #[arg(long, default_value_t = SketchParams::DEFAULT_SEED, hide_default_value = true)]
    pub seed: u64,
    /// Similarity (weighted word overlap, 0..1) from which two sentences are aligned
    #[arg(long, default_value_t = DEFAULT_MIN_SIMILARITY, value_name = "0..1")]
    pub align_threshold: f64,
    /// Articles a shared passage must appear in to be reported as a cluster
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_docs: usize,
    /// Worker threads; 0 uses every core
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Language of every article (en, de, ru, …), or `auto`: the article's own
    /// `lang` field, else detected from its text
    #[arg(long, default_value = "auto", value_name = "LANG")]
    pub lang: String,
    /// Also write report.html: the findings, passages and pairs in one page that
    /// opens in any browser, with no server and no network
    #[arg(long)]
    pub html: bool,
    /// No progress bar and no messages on stderr
    #[arg(long, short)]
    pub quiet: bool,
    /// How near-duplicate candidates are found: `lsh` (banded MinHash: fast,
    /// misses at most 1% of the pairs right at the threshold, fewer above it) or
    /// `exact` (prefix filtering over the shingle sets: every pair, slower and with
    /// a table of every shingle in memory; the truth to measure `lsh` against)
    #[arg(long, value_enum, default_value_t = SearchKind::Lsh)]
    pub search: SearchKind,
    /// Groups of identical articles (the same shingle set) up to N members are
    /// listed in pairs.csv pair by pair; a larger group through its first member
    /// (by id) alone, paired with each other member and with the articles near
    /// the group, and its exact copies left out of passages and drift. Copies of
    /// one sentence are aligned pair by pair up to N, past it each with the first.
    /// groups.csv lists every member of every group
    #[arg(long, default_value_t = DEFAULT_LISTED_GROUP, value_name = "N")]
    pub list_groups_up_to: usize,
    /// Stages to run: `all`, or `pairs` for the article-level stage alone
    /// (near-duplicates: documents.csv, pairs.csv, groups.csv, errors.csv and run.json; no
    /// passages, no drift)
    #[arg(long, value_enum, default_value_t = Stages::All)]
    pub stages: Stages,
    /// Largest article read: a file of text or HTML, one JSON line or one CSV
    /// record; a larger one is an errors.csv row
    #[arg(long, default_value_t = 16, value_name = "MB")]
    pub max_article_mb: u64,
    /// Bytes a compressed input may make of each byte it holds, past its first
    /// 64 MB (a compression bomb); the rest of it is an errors.csv row. 0: no bound
    #[arg(long, default_value_t = ingest::codec::MAX_RATIO, value_name = "N")]
    pub max_compression_ratio: u64,
    /// Most bytes read from one input (after decompression); the rest of it is
    /// an errors.csv row
    #[arg(long, default_value_t = 64, value_name = "GB")]
    pub max_input_gb: u64,
}

/// How much of the pipeline a scan runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stages {
    /// Near-duplicates, shared passages and drift.
    All,
    /// Near-duplicate articles only.
    Pairs,
}

/// The `--search` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchKind {
    Lsh,
    Exact,
}

/// A validated scan: everything checked once, before any input is read.
#[derive(Debug)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub threshold: f64,
    pub sketch: SketchParams,
    pub search: Search,
    pub align: AlignParams,
    pub min_docs: usize,
    pub language: LanguageChoice,
    pub threads: usize,
    pub quiet: bool,
    pub html: bool,
    pub stages: Stages,
    pub listed_group: usize,
    pub limits: ingest::Limits,
}

impl Config {
    pub fn from_args(args: ScanArgs) -> anyhow::Result<Config> {
        // Past these a run is a typo, not a setting: a thread each would be
        // refused by the system, a signature each would fill memory.
        if args.threads > MAX_THREADS {
            bail!(
                "--threads must be at most {MAX_THREADS} (0 uses every core), got {}",
                args.threads
            );
        }
        if !(1..=MAX_PERMUTATIONS).contains(&args.permutations) {
            bail!(
                "--permutations must be in 1..={MAX_PERMUTATIONS}, got {}",
                args.permutations
            );
        }
        if !(1..=MAX_SHINGLE).contains(&args.shingle_size) {
            bail!(
                "--shingle-size must be in 1..={MAX_SHINGLE}, got {}",
                args.shingle_size
            );
        }
        let sketch = SketchParams::new(args.shingle_size, args.permutations, args.seed)?;
        let banding = Banding::for_threshold(args.threshold, args.permutations)?;
        let language = if args.lang.eq_ignore_ascii_case("auto") {
            LanguageChoice::Auto
        } else {
            match Language::parse(&args.lang) {
                Some(lang) => LanguageChoice::Fixed(lang),
                None => bail!(
                    "unknown language {:?}: give a code such as en, de, ru, or auto",
                    args.lang
                ),
            }
        };
        if !(args.align_threshold > 0.0 && args.align_threshold <= 1.0) {
            bail!(
                "--align-threshold must be in (0, 1], got {}",
                args.align_threshold
            );
        }
        if args.list_groups_up_to < 1 {
            bail!(
                "--list-groups-up-to must be at least 1, got {}",
                args.list_groups_up_to
            );
        }
        if args.min_docs < 2 {
            bail!("--min-docs must be at least 2, got {}", args.min_docs);
        }
        if !(1..=4096).contains(&args.max_article_mb) {
            bail!(
                "--max-article-mb must be in 1..=4096, got {}",
                args.max_article_mb
            );
        }
        if !(1..=1 << 20).contains(&args.max_input_gb) {
            bail!(
                "--max-input-gb must be at least 1, got {}",
                args.max_input_gb
            );
        }
        Ok(Config {
            align: AlignParams {
                min_similarity: args.align_threshold,
                listed: args.list_groups_up_to,
            },
            min_docs: args.min_docs,
            inputs: args.inputs,
            out: args.out,
            threshold: args.threshold,
            sketch,
            search: match args.search {
                SearchKind::Lsh => Search::Lsh(banding),
                SearchKind::Exact => Search::Exact,
            },
            language,
            threads: args.threads,
            quiet: args.quiet,
            html: args.html,
            stages: args.stages,
            listed_group: args.list_groups_up_to,
            limits: ingest::Limits {
                article_bytes: args.max_article_mb << 20,
                input_bytes: args.max_input_gb << 30,
                compression_ratio: args.max_compression_ratio,
            },
        })
    }
}

/// Runs the scan.
pub fn run(config: Config) -> anyhow::Result<Outcome> {
    // Before any work: a place the reports cannot go is found now, not after the
    // analysis.
    let staging = Staging::begin(&config.out)
        .with_context(|| format!("cannot write the reports in {}", config.out.display()))?;
    super::abandon_staged_on_interrupt();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .context("cannot start the worker threads")?;
    pool.install(|| scan(&config, staging, pool.current_num_threads()))
}

/// What was read: documents in input order, and every input problem in the order met.
struct Read {
    docs: Vec<Document>,
    errors: Vec<InputError>,
    skipped: Vec<PathBuf>,
}

fn scan(config: &Config, staging: Staging, threads: usize) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let mut progress = Progress::new(config.quiet);
    let sketcher = Sketcher::new(config.sketch.clone());

    let mut read = read_all(config, &sketcher, &mut progress);
    let read_secs = started.elapsed().as_secs_f64();

    progress.stage(format!(
        "finding near-duplicates among {} articles",
        read.docs.len()
    ));
    let t = Instant::now();
    let mut search = find_pairs(
        &read.docs,
        &sketcher,
        config.threshold,
        config.search,
        config.listed_group,
    )?;
    // Passages and drift are looked for in the first member of a large group of
    // identical articles alone: the documents before `shown`.
    let shown = search.stand_ins_last(&mut read.docs);
    let aligned = &read.docs[..shown];
    let pairs_secs = t.elapsed().as_secs_f64();
    let passages = config.stages == Stages::All;

    let t = Instant::now();
    let alignments = if passages {
        progress.stage(format!(
            "aligning sentences across {} articles",
            aligned.len()
        ));
        // Terms weigh by their rarity in the whole input, read as one batch, the
        // copies a large group's first member stands for counted in it alone.
        let stats = TermStats::of(aligned);
        align(aligned, &stats, &config.align).context("cannot align the sentences")?
    } else {
        Vec::new()
    };
    let align_secs = t.elapsed().as_secs_f64();

    if passages {
        progress.stage(format!(
            "clustering passages and looking for drift in {} aligned sentences",
            alignments.len()
        ));
    }
    let t = Instant::now();
    // Clustering takes the alignments one after another, strongest first; drift,
    // spread over the threads, runs beside it (its time includes clustering).
    let ((clusters, cluster_ids), drift) = rayon::join(
        || cluster(aligned, &alignments, config.min_docs),
        || findings_of(aligned, &alignments),
    );
    let drift_secs = t.elapsed().as_secs_f64();

    progress.stage("writing reports".into());
    let t = Instant::now();
    let out = staging.dir();
    let context = || format!("cannot write the reports in {}", config.out.display());
    // Each report is its own file: they are written side by side.
    let docs = &read.docs;
    let ((documents, pairs), (drift_csv, (alignments_csv, passages_csv))) = rayon::join(
        || {
            rayon::join(
                || report::write_documents(out, docs),
                || report::write_pairs(out, docs, &search.pairs),
            )
        },
        || {
            if !passages {
                return (Ok(()), (Ok(()), Ok(())));
            }
            rayon::join(
                || report::write_drift(out, docs, &alignments, &drift),
                || {
                    rayon::join(
                        || report::write_alignments(out, docs, &alignments, &cluster_ids),
                        || report::write_passages(out, docs, &clusters),
                    )
                },
            )
        },
    );
    for written in [documents, pairs, drift_csv, alignments_csv, passages_csv] {
        written.with_context(context)?;
    }
    report::write_groups(out, docs, &search.groups).with_context(context)?;
    report::write_errors(out, &read.errors).with_context(context)?;
    let report_secs = t.elapsed().as_secs_f64();

    let run = RunJson {
        dupdrift_version: env!("CARGO_PKG_VERSION"),
        command: "scan",
        inputs: config
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        parameters: Parameters {
            threshold: config.threshold,
            sketch: &config.sketch,
            search: match config.search {
                Search::Lsh(_) => SearchKind::Lsh,
                Search::Exact => SearchKind::Exact,
            },
            banding: match config.search {
                Search::Lsh(banding) => Some(banding),
                Search::Exact => None,
            },
            align: config.align,
            min_docs: config.min_docs,
            lang: match config.language {
                LanguageChoice::Auto => "auto",
                LanguageChoice::Fixed(l) => l.code,
            },
            threads,
            stages: config.stages,
            list_groups_up_to: config.listed_group,
        },
        counts: Counts {
            articles: read.docs.len(),
            input_errors: read.errors.len(),
            skipped_files: read.skipped.len(),
            bytes: read.docs.iter().map(|d| d.bytes).sum(),
            tokens: read.docs.iter().map(|d| d.tokens).sum(),
            candidates: search.candidates,
            crowded_lsh_buckets: search.crowded_buckets,
            pairs: search.pairs.len(),
            groups: search.groups.len(),
            grouped_articles: search.groups.iter().map(Vec::len).sum(),
            alignments: alignments.len(),
            clusters: clusters.len(),
            drift_findings: drift.iter().map(Vec::len).sum(),
        },
        timings_seconds: Timings {
            read_and_sketch: read_secs,
            pairs: pairs_secs,
            align: align_secs,
            drift: drift_secs,
            report: report_secs,
            total: started.elapsed().as_secs_f64(),
        },
    };
    report::write_run(out, &run).with_context(context)?;
    if config.html {
        progress.stage("writing report.html".into());
        let run = serde_json::to_value(&run).context("cannot serialize run.json")?;
        report::html::write_html(out, docs, run).with_context(context)?;
    }
    staging.commit().with_context(context)?;

    let shared = if passages {
        format!("{} shared passages, ", run.counts.clusters)
    } else {
        String::new()
    };
    let mut summary = format!(
        "dupdrift: {} articles, {} near-duplicate pairs (jaccard >= {}), {shared}{} inputs in errors.csv; reports in {}",
        run.counts.articles,
        run.counts.pairs,
        config.threshold,
        run.counts.input_errors,
        config.out.display()
    );
    if search.crowded_buckets > 0 {
        summary.push_str(&format!(
            "\ndupdrift: {} LSH buckets held more than {} articles (text they all carry, such as \
             boilerplate, or a large family of near-copies) and proposed each with their first \
             member alone; --search exact finds every pair",
            search.crowded_buckets,
            dupdrift::neardup::lsh::MAX_BUCKET
        ));
    }
    if let Some(first) = read.skipped.first() {
        summary.push_str(&format!(
            "\ndupdrift: skipped {} files of other kinds inside directories (first: {})",
            read.skipped.len(),
            first.display()
        ));
    }
    progress.finish(&summary);
    let outcome = Outcome {
        input_errors: read.errors.len(),
    };
    // The process ends with the scan: the system takes back what it built at once,
    // where freeing it would take it apart piece by piece (50 ms on one thread of
    // a 4.5-second scan of peerbench). Only the binary runs this.
    std::mem::forget((read, search, alignments, clusters, cluster_ids, drift));
    Ok(outcome)
}

/// Articles read ahead and handed to the workers together.
struct Batch {
    articles: Vec<Article>,
    /// Each article's position among the inputs' items.
    positions: Vec<usize>,
    /// Inputs that could not be read, with their positions.
    errors: Vec<(usize, InputError)>,
    skipped: Vec<PathBuf>,
    bytes: usize,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            articles: Vec::new(),
            positions: Vec::new(),
            errors: Vec::new(),
            skipped: Vec::new(),
            bytes: 0,
        }
    }
}

/// Batches the reader may run ahead of the workers: enough to keep them busy,
/// few enough to bound memory.
const BATCHES_AHEAD: usize = 2;

/// Reads every input and analyses the articles batch by batch.
///
/// One thread reads (decompressing and parsing) while the workers analyse the
/// batch before. Ids are checked once an article is analysed, in input order: an
/// article that fails does not claim its id. Every problem carries its position
/// in the input, so `errors.csv` follows the input order whatever the batching.
fn read_all(config: &Config, sketcher: &Sketcher, progress: &mut Progress) -> Read {
    let depth = match config.stages {
        Stages::All => Depth::Full,
        Stages::Pairs => Depth::Pairs,
    };
    let mut read = Read {
        docs: Vec::new(),
        errors: Vec::new(),
        skipped: Vec::new(),
    };
    let mut errors: Vec<(usize, InputError)> = Vec::new();
    // The document each id was first read as: later articles with the id are errors.
    let mut seen: AHashMap<String, u32> = AHashMap::new();
    let mut contents = SharedContents::default();
    let mut total_bytes = 0usize;
    let (sender, batches) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_AHEAD);
    std::thread::scope(|scope| {
        scope.spawn(move || read_batches(config, sender));
        for batch in batches {
            for (at, e) in batch.errors {
                progress.input_error(&e.input, &e.reason);
                errors.push((at, e));
            }
            read.skipped.extend(batch.skipped);
            total_bytes += batch.bytes;
            let keys: Vec<u128> = batch.articles.par_iter().map(SharedContents::key).collect();
            // A copy of a content read in an earlier batch is not analysed again.
            let mut copies = Vec::with_capacity(keys.len());
            let mut fresh = Vec::new();
            for mut article in batch.articles {
                let copy = contents.copy(&mut article, &read.docs);
                if copy.is_none() {
                    fresh.push(article);
                }
                copies.push(copy);
            }
            let mut analysed = analyze_batch(fresh, config.language, sketcher, depth).into_iter();
            let results = copies.into_iter().map(|copy| match copy {
                Some(doc) => Ok(doc),
                None => analysed
                    .next()
                    .expect("an analysis for each article not copied"),
            });
            for ((at, key), result) in batch.positions.into_iter().zip(keys).zip(results) {
                let problem = match result {
                    Ok(mut doc) => match seen.get(&doc.id) {
                        None => {
                            seen.insert(doc.id.clone(), read.docs.len() as u32);
                            contents.remember(key, &mut doc, &read.docs);
                            read.docs.push(doc);
                            continue;
                        }
                        Some(&first) => InputError::duplicate_id(
                            doc.input.clone(),
                            &doc.id,
                            &read.docs[first as usize].input,
                        ),
                    },
                    Err(e) => e,
                };
                progress.input_error(&problem.input, &problem.reason);
                errors.push((at, problem));
            }
            let mb = total_bytes as f64 / 1e6;
            progress.stage(format!("read {} articles, {mb:.1} MB", read.docs.len()));
        }
    });
    errors.sort_by_key(|(at, _)| *at);
    read.errors = errors.into_iter().map(|(_, e)| e).collect();
    read
}

/// The reader: every input's items, grouped into batches for the workers.
fn read_batches(config: &Config, sender: std::sync::mpsc::SyncSender<Batch>) {
    let exclude: Vec<PathBuf> = config.out.canonicalize().into_iter().collect();
    let mut batch = Batch::new();
    for (at, item) in ingest::read(&config.inputs, &exclude, config.limits).enumerate() {
        match item {
            Item::Article(article) => {
                batch.bytes += article.text.len();
                batch.articles.push(article);
                batch.positions.push(at);
            }
            Item::Error(e) => batch.errors.push((at, e)),
            Item::Skipped(path) => batch.skipped.push(path),
        }
        if batch.articles.len() >= BATCH_ARTICLES || batch.bytes >= BATCH_BYTES {
            let full = std::mem::replace(&mut batch, Batch::new());
            if sender.send(full).is_err() {
                return; // the workers stopped: nothing more to read for
            }
        }
    }
    let _ = sender.send(batch);
}

#[derive(Serialize)]
struct RunJson<'a> {
    dupdrift_version: &'static str,
    command: &'static str,
    inputs: Vec<String>,
    parameters: Parameters<'a>,
    counts: Counts,
    timings_seconds: Timings,
}

#[derive(Serialize)]
struct Parameters<'a> {
    threshold: f64,
    sketch: &'a SketchParams,
    search: SearchKind,
    /// The LSH bands; none for the exact search.
    banding: Option<Banding>,
    align: AlignParams,
    min_docs: usize,
    lang: &'static str,
    threads: usize,
    stages: Stages,
    list_groups_up_to: usize,
}

#[derive(Serialize)]
struct Counts {
    articles: usize,
    input_errors: usize,
    skipped_files: usize,
    bytes: usize,
    tokens: usize,
    candidates: usize,
    crowded_lsh_buckets: usize,
    pairs: usize,
    groups: usize,
    grouped_articles: usize,
    alignments: usize,
    clusters: usize,
    drift_findings: usize,
}

#[derive(Serialize)]
struct Timings {
    read_and_sketch: f64,
    pairs: f64,
    /// Sentence alignment.
    align: f64,
    /// Drift, with passage clustering running beside it.
    drift: f64,
    report: f64,
    total: f64,
}
