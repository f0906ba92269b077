//! `dupdrift gen`: write a synthetic corpus with planted near-duplicates, shared
//! passages and meaning changes, and the truth files that say where they are.

use super::progress::Progress;
use super::Outcome;
use anyhow::{bail, Context};
use clap::Args;
use dupdrift::gen::{self, truth, Generator, Truth};
use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  # A small corpus for a quick look, then scan it:
  dupdrift gen --articles 2000 --seed 7 --out corpus
  dupdrift scan corpus/corpus.jsonl --out report

  # A large one, compressed (about 0.8 GB of text before compression):
  dupdrift gen --articles 320000 --seed 1 --out big --gzip

Writes (in --out):
  corpus.jsonl[.gz]    one article a line: id, title, source, lang, published, text
                       (gzip: one member per 512 articles, read as one stream)
  truth_pairs.tsv      doc_a, doc_b, kind, edit_rate: every planted near-duplicate;
                       kind copy (exact reprint), edited (words replaced, added and
                       dropped; edit_rate = edits per word of doc_a) or drift (one
                       sentence changed: see truth_drift.tsv)
  truth_passages.tsv   passage, doc_id, start, end: byte span of every copy of a
                       planted passage (told by 2 to 8 articles, some copies reworded)
  truth_drift.tsv      doc_a, doc_b, kind, start_a, end_a, start_b, end_b,
                       sentence_a, sentence_b, change: the sentence changed in each
                       drift copy; kind is a drift kind (polarity, tense, aspect,
                       number, date, entity, attribution, quote, hedge, quantity,
                       antonym, omission, addition, substitution, mood, order) or
                       none for a rewording that keeps the meaning
  gen.json             version, seed, articles and counts

The truth files are tab-separated with a header; a cell holding a quotation mark
is quoted as in CSV (Python reads them with csv.DictReader(f, delimiter='\\t')).

The same --articles and --seed give the same corpus and truth files, byte for
byte, whatever --threads.";

/// Articles generated and written per round: bounds memory on large corpora.
const ROUND: usize = 16_384;
/// Articles per gzip member, compressed in parallel.
const MEMBER: usize = 512;

/// Generate a synthetic corpus with planted near-duplicates, passages and drift
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct GenArgs {
    /// Articles to generate (originals and copies together)
    #[arg(long, short = 'n', value_name = "N")]
    pub articles: usize,
    /// Seed: the same seed and --articles give the same corpus
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Directory for the corpus and truth files (created if missing)
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Write corpus.jsonl.gz instead of corpus.jsonl
    #[arg(long)]
    pub gzip: bool,
    /// Worker threads; 0 uses every core (the output does not depend on it)
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// No progress bar and no messages on stderr
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Serialize)]
struct GenJson {
    dupdrift_version: &'static str,
    command: &'static str,
    seed: u64,
    articles: usize,
    gzip: bool,
    counts: Counts,
    seconds: f64,
}

#[derive(Serialize)]
struct Counts {
    bytes: usize,
    pairs: usize,
    passages: u32,
    passage_copies: usize,
    drift: usize,
}

pub fn run(args: GenArgs) -> anyhow::Result<Outcome> {
    if args.articles == 0 {
        bail!("--articles must be at least 1");
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create the directory {}", args.out.display()))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .context("cannot start the worker threads")?;
    pool.install(|| generate(&args))?;
    Ok(Outcome { input_errors: 0 })
}

fn generate(args: &GenArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let progress = Progress::new(args.quiet);
    let generator = Generator::new(args.articles, args.seed);
    let (name, other) = if args.gzip {
        ("corpus.jsonl.gz", "corpus.jsonl")
    } else {
        ("corpus.jsonl", "corpus.jsonl.gz")
    };
    let path = args.out.join(name);
    let partial = args.out.join(format!("{name}.partial"));
    let context = || format!("cannot write {}", partial.display());
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial).with_context(context)?);
    let mut truth = Truth::default();
    let mut bytes = 0;
    for start in (0..args.articles).step_by(ROUND) {
        let end = (start + ROUND).min(args.articles);
        let blocks: Vec<(Vec<u8>, usize, Truth)> = (start..end)
            .step_by(MEMBER)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|from| block(&generator, from..(from + MEMBER).min(end), args.gzip))
            .collect::<anyhow::Result<_>>()?;
        for (data, text_bytes, part) in blocks {
            out.write_all(&data).with_context(context)?;
            bytes += text_bytes;
            truth.pairs.extend(part.pairs);
            truth.passages.extend(part.passages);
            truth.drift.extend(part.drift);
        }
        progress.stage(format!(
            "generated {end} of {} articles, {:.0} MB",
            args.articles,
            bytes as f64 / 1e6
        ));
    }
    out.flush().with_context(context)?;
    drop(out);
    std::fs::rename(&partial, &path).with_context(context)?;
    // A corpus of the other form left from an earlier run would be read as this one's.
    match std::fs::remove_file(args.out.join(other)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).context(format!("cannot remove the old {other}"));
        }
        _ => {}
    }

    progress.stage("writing truth files".into());
    truth.sort();
    write_tsv(&args.out, "truth_pairs.tsv", |w| {
        truth::write_pairs(w, &truth.pairs)
    })?;
    write_tsv(&args.out, "truth_passages.tsv", |w| {
        truth::write_passages(w, &truth.passages)
    })?;
    write_tsv(&args.out, "truth_drift.tsv", |w| {
        truth::write_drift(w, &truth.drift)
    })?;
    let summary = GenJson {
        dupdrift_version: env!("CARGO_PKG_VERSION"),
        command: "gen",
        seed: args.seed,
        articles: args.articles,
        gzip: args.gzip,
        counts: Counts {
            bytes,
            pairs: truth.pairs.len(),
            passages: generator.passages(),
            passage_copies: truth.passages.len(),
            drift: truth.drift.len(),
        },
        seconds: started.elapsed().as_secs_f64(),
    };
    let json = serde_json::to_string_pretty(&summary)? + "\n";
    std::fs::write(args.out.join("gen.json"), json)
        .with_context(|| format!("cannot write gen.json in {}", args.out.display()))?;
    progress.finish(&format!(
        "dupdrift: {} articles ({:.1} MB of text), {} planted near-duplicate pairs, {} passages in {} copies, {} changed sentences; corpus and truth in {}",
        args.articles,
        bytes as f64 / 1e6,
        summary.counts.pairs,
        summary.counts.passages,
        summary.counts.passage_copies,
        summary.counts.drift,
        args.out.display()
    ));
    Ok(())
}

/// Articles `range` as JSON Lines (one gzip member when compressing), the bytes of
/// their texts, and their truth.
fn block(
    generator: &Generator,
    range: std::ops::Range<usize>,
    gzip: bool,
) -> anyhow::Result<(Vec<u8>, usize, Truth)> {
    let mut lines = Vec::new();
    let mut truth = Truth::default();
    let mut text_bytes = 0;
    for i in range {
        let g = generator.article(i);
        gen::write_record(&g.article, &mut lines)?;
        text_bytes += g.article.text.len();
        truth.pairs.extend(g.pair);
        truth.passages.extend(g.passages);
        truth.drift.extend(g.drift);
    }
    if gzip {
        let mut z = GzEncoder::new(Vec::with_capacity(lines.len() / 3), Compression::default());
        z.write_all(&lines)?;
        lines = z.finish()?;
    }
    Ok((lines, text_bytes, truth))
}

fn write_tsv(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut BufWriter<File>) -> dupdrift::Result<()>,
) -> anyhow::Result<()> {
    let path = dir.join(name);
    let partial = dir.join(format!("{name}.partial"));
    let context = || format!("cannot write {}", path.display());
    let mut w = BufWriter::new(File::create(&partial).with_context(context)?);
    write(&mut w).with_context(context)?;
    drop(w);
    std::fs::rename(&partial, &path).with_context(context)
}
