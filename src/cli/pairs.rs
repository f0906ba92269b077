//! `dupdrift pairs`: score explicit pairs of texts for drift, without alignment.

use super::progress::Progress;
use super::Outcome;
use anyhow::{bail, Context};
use clap::Args;
use dupdrift::align::counterpart;
use dupdrift::analyze::{analyze, LanguageChoice};
use dupdrift::article::Article;
use dupdrift::document::Document;
use dupdrift::drift::{score_pairs, DriftFinding};
use dupdrift::ingest::{InputError, JsonLines};
use dupdrift::neardup::sketch::{SketchParams, Sketcher};
use dupdrift::report;
use dupdrift::report::rows::{CounterpartColumn, FindingColumns, PairId, PairScore};
use dupdrift::report::set::Staging;
use dupdrift::text::language::Language;
use rayon::prelude::*;
use serde::Deserialize;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  # Each line: {\"id\": \"p1\", \"a\": \"The minister signed.\", \"b\": \"The minister never signed.\"}
  dupdrift pairs pairs.jsonl --out scores

  # From standard input:
  cat pairs.jsonl | dupdrift pairs - --out scores

Reports (in --out):
  drift.csv        pair_id, kind, severity, evidence_a, evidence_b, text_a, text_b,
                   explanation, evidence_spans_a, evidence_spans_b, counterpart (one
                   row per finding; counterpart: the confidence that a and b render
                   one statement, from the pair alone; it does not lower severities)
  pair_scores.csv  pair_id, max_severity, kinds (one row per pair, findings or not)
  errors.csv       input, reason (lines that could not be read)";

/// Pairs read and scored per batch.
const BATCH: usize = 8192;

/// Score explicit pairs of texts for meaning drift
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct PairsArgs {
    /// JSON Lines of {"id", "a", "b"}, plain or compressed (.gz, .zst); `-` reads
    /// standard input
    #[arg(value_name = "PAIRS.jsonl")]
    pub input: PathBuf,
    /// Directory for the reports (created if missing)
    #[arg(long, short, value_name = "DIR", default_value = "report")]
    pub out: PathBuf,
    /// Language of the texts (en, de, ru, …), or `auto`: the pair's own `lang`
    /// field, else each text's detected language, a text too short to tell taking
    /// the other's (both are read in one)
    #[arg(long, default_value = "auto", value_name = "LANG")]
    pub lang: String,
    /// Worker threads; 0 uses every core
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// No progress bar and no messages on stderr
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Deserialize)]
struct PairLine {
    id: serde_json::Value,
    a: String,
    b: String,
    lang: Option<serde_json::Value>,
}

struct Pair {
    id: String,
    a: String,
    b: String,
    /// The language the line names, if it is one dupdrift knows.
    given: Option<Language>,
    /// The language both texts are read in (see [`choose_languages`]).
    lang: Language,
    /// The confidence that the two texts render one statement (see [`counterparts`]).
    counterpart: f64,
}

/// The counterpart confidence of each pair with findings, from the pair alone
/// ([`counterpart::of_pair`]: no neighbours, no corpus), for drift.csv; a pair
/// without findings has no row to show it. The user asserts that the pairs are
/// counterparts: it is reported, and lowers no severity.
fn counterparts(scored: &mut [(Pair, Vec<DriftFinding>)]) {
    // Analysis needs a sketch; the smallest one does.
    let sketcher = Sketcher::new(
        SketchParams::new(5, 1, SketchParams::DEFAULT_SEED).expect("valid sketch parameters"),
    );
    // Pair files repeat their texts: each distinct (text, language) analysed once.
    let mut texts: Vec<(&str, Language)> = scored
        .iter()
        .filter(|(_, found)| !found.is_empty())
        .flat_map(|(p, _)| [(p.a.as_str(), p.lang), (p.b.as_str(), p.lang)])
        .collect();
    texts.sort_unstable_by(|x, y| x.0.cmp(y.0).then(x.1.code.cmp(y.1.code)));
    texts.dedup_by(|x, y| x.0 == y.0 && x.1.code == y.1.code);
    let docs: Vec<Option<Document>> = texts
        .par_iter()
        .map(|&(text, lang)| {
            let article = Article {
                text: text.into(),
                ..Article::default()
            };
            analyze(&article, LanguageChoice::Fixed(lang), &sketcher).ok()
        })
        .collect();
    let doc = |text: &str, lang: Language| {
        let at = texts
            .binary_search_by(|x| x.0.cmp(text).then(x.1.code.cmp(lang.code)))
            .expect("every text of a pair with findings was analysed");
        docs[at].as_ref()
    };
    let values: Vec<f64> = scored
        .par_iter()
        .map(|(p, found)| {
            if found.is_empty() {
                return 0.0;
            }
            match (doc(&p.a, p.lang), doc(&p.b, p.lang)) {
                (Some(a), Some(b)) => counterpart::of_pair(a, b),
                _ => 0.0,
            }
        })
        .collect();
    for ((p, _), v) in scored.iter_mut().zip(values) {
        p.counterpart = v;
    }
}

/// Each pair's language: `--lang`, else the one the line names, else the one
/// [`Language::detect_pair`] finds for its two texts.
fn choose_languages(batch: &mut [Pair], choice: LanguageChoice) {
    batch.par_iter_mut().for_each(|p| {
        p.lang = match choice {
            LanguageChoice::Fixed(lang) => lang,
            LanguageChoice::Auto => p.given.unwrap_or_else(|| Language::detect_pair(&p.a, &p.b)),
        }
    });
}

pub fn run(args: PairsArgs) -> anyhow::Result<Outcome> {
    let Some(choice) = LanguageChoice::parse(&args.lang) else {
        bail!(
            "unknown language {:?}: give a code such as en, or auto",
            args.lang
        );
    };
    let staging = Staging::begin(&args.out)
        .with_context(|| format!("cannot write the reports in {}", args.out.display()))?;
    super::abandon_staged_on_interrupt();
    let mut lines = JsonLines::open(&args.input)
        .with_context(|| format!("cannot open {}", args.input.display()))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()?;
    let mut progress = Progress::new(args.quiet);
    let mut errors: Vec<InputError> = Vec::new();
    let mut scored: Vec<(Pair, Vec<DriftFinding>)> = Vec::new();
    let mut batch: Vec<Pair> = Vec::new();
    let flush = |batch: &mut Vec<Pair>, scored: &mut Vec<(Pair, Vec<DriftFinding>)>| {
        pool.install(|| choose_languages(batch, choice));
        // Pair files repeat their texts (one original against many rewrites):
        // `score_pairs` prepares each distinct text once per batch (and language).
        let texts: Vec<(&str, &str, Language)> = batch
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str(), p.lang))
            .collect();
        let found = pool.install(|| score_pairs(&texts));
        let from = scored.len();
        scored.extend(batch.drain(..).zip(found));
        pool.install(|| counterparts(&mut scored[from..]));
    };
    while let Some(line) = lines.next_line() {
        let (at, text) = match line {
            Ok(line) => (line.at, line.text),
            Err(e) => {
                progress.input_error(&e.input, &e.reason);
                errors.push(e);
                continue;
            }
        };
        match serde_json::from_str::<PairLine>(text) {
            Ok(p) => {
                let id = match p.id {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                let given = p
                    .lang
                    .as_ref()
                    .and_then(|l| l.as_str())
                    .and_then(Language::parse);
                batch.push(Pair {
                    id,
                    a: p.a,
                    b: p.b,
                    given,
                    lang: Language::UNDETERMINED,
                    counterpart: 0.0,
                });
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut scored);
                    progress.stage(format!("scored {} pairs", scored.len()));
                }
            }
            Err(e) => {
                let reason = format!("invalid pair: {e}");
                progress.input_error(&at, &reason);
                errors.push(InputError::new(at, reason));
            }
        }
    }
    flush(&mut batch, &mut scored);
    let out = staging.dir();
    let context = || format!("cannot write the reports in {}", args.out.display());
    report::write_csv(
        out,
        report::PAIR_SCORES,
        scored
            .iter()
            .map(|(p, found)| (PairId::new(&p.id), PairScore::new(found))),
    )
    .with_context(context)?;
    report::write_csv(
        out,
        report::DRIFT,
        scored.iter().flat_map(|(p, found)| {
            found.iter().map(|f| {
                (
                    PairId::new(&p.id),
                    FindingColumns::new(f, (&p.a, 0), (&p.b, 0)),
                    CounterpartColumn::new(p.counterpart),
                )
            })
        }),
    )
    .with_context(context)?;
    report::write_errors(out, &errors).with_context(context)?;
    staging.commit().with_context(context)?;
    let flagged = scored
        .iter()
        .filter(|(_, f)| f.iter().any(|f| f.severity >= 0.5))
        .count();
    progress.finish(&format!(
        "dupdrift: {} pairs scored, {flagged} with drift of severity >= 0.5, {} lines in errors.csv; reports in {}",
        scored.len(),
        errors.len(),
        args.out.display()
    ));
    Ok(Outcome {
        input_errors: errors.len(),
    })
}
