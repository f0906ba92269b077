//! `dupdrift pairs`: score explicit pairs of texts for drift, without alignment.

use super::progress::Progress;
use super::Outcome;
use anyhow::{bail, Context};
use clap::Args;
use dupdrift::drift::{evidence_text, score_pairs, DriftFinding};
use dupdrift::ingest::InputError;
use dupdrift::report;
use dupdrift::text::language::Language;
use serde::{Deserialize, Serialize};
use std::io::BufRead;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  # Each line: {\"id\": \"p1\", \"a\": \"The minister signed.\", \"b\": \"The minister never signed.\"}
  dupdrift pairs pairs.jsonl --out scores

  # From standard input:
  cat pairs.jsonl | dupdrift pairs - --out scores

Reports (in --out):
  drift.csv        pair_id, kind, severity, evidence_a, evidence_b, text_a, text_b,
                   explanation, evidence_spans_a, evidence_spans_b (one row per finding)
  pair_scores.csv  pair_id, max_severity, kinds (one row per pair, findings or not)
  errors.csv       input, reason (lines that could not be read)";

/// Pairs read and scored per batch.
const BATCH: usize = 8192;

/// Score explicit pairs of texts for meaning drift
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct PairsArgs {
    /// JSON Lines of {"id", "a", "b"}; `-` reads standard input
    #[arg(value_name = "PAIRS.jsonl")]
    pub input: PathBuf,
    /// Directory for the reports (created if missing)
    #[arg(long, short, value_name = "DIR", default_value = "report")]
    pub out: PathBuf,
    /// Language of the texts
    #[arg(long, default_value = "en", value_name = "LANG")]
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
}

struct Pair {
    id: String,
    a: String,
    b: String,
}

#[derive(Serialize)]
struct ScoreRow<'a> {
    pair_id: &'a str,
    max_severity: String,
    kinds: String,
}

#[derive(Serialize)]
struct FindingRow<'a> {
    pair_id: &'a str,
    kind: &'static str,
    severity: String,
    evidence_a: String,
    evidence_b: String,
    text_a: &'a str,
    text_b: &'a str,
    explanation: &'a str,
    evidence_spans_a: String,
    evidence_spans_b: String,
}

pub fn run(args: PairsArgs) -> anyhow::Result<Outcome> {
    let Some(lang) = Language::parse(&args.lang) else {
        bail!("unknown language {:?}: give a code such as en", args.lang);
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create the report directory {}", args.out.display()))?;
    let name = args.input.display().to_string();
    let reader: Box<dyn BufRead> = if args.input.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file =
            std::fs::File::open(&args.input).with_context(|| format!("cannot open {name}"))?;
        Box::new(std::io::BufReader::new(file))
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()?;
    let mut progress = Progress::new(args.quiet);
    let mut errors: Vec<InputError> = Vec::new();
    let mut scored: Vec<(Pair, Vec<DriftFinding>)> = Vec::new();
    let mut batch: Vec<Pair> = Vec::new();
    let flush = |batch: &mut Vec<Pair>, scored: &mut Vec<(Pair, Vec<DriftFinding>)>| {
        // Pair files repeat their texts (one original against many rewrites):
        // `score_pairs` prepares each distinct text once per batch.
        let texts: Vec<(&str, &str, Language)> = batch
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str(), lang))
            .collect();
        let found = pool.install(|| score_pairs(&texts));
        scored.extend(batch.drain(..).zip(found));
    };
    for (n, line) in reader.split(b'\n').enumerate() {
        let at = format!("{name}:{}", n + 1);
        let bytes = line.with_context(|| format!("cannot read {name}"))?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            progress.input_error(&at, "invalid UTF-8");
            errors.push(InputError::new(at, "invalid UTF-8"));
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<PairLine>(text) {
            Ok(p) => {
                let id = match p.id {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                batch.push(Pair { id, a: p.a, b: p.b });
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
    let out = &args.out;
    let context = || format!("cannot write the reports in {}", out.display());
    report::write_csv(
        out,
        "pair_scores.csv",
        &["pair_id", "max_severity", "kinds"],
        scored.iter().map(|(p, found)| {
            let mut kinds: Vec<&str> = found.iter().map(|f| f.kind.name()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            ScoreRow {
                pair_id: &p.id,
                max_severity: format!(
                    "{:.6}",
                    found.iter().map(|f| f.severity).fold(0.0, f64::max)
                ),
                kinds: kinds.join(";"),
            }
        }),
    )
    .with_context(context)?;
    report::write_csv(
        out,
        report::DRIFT,
        &[
            "pair_id",
            "kind",
            "severity",
            "evidence_a",
            "evidence_b",
            "text_a",
            "text_b",
            "explanation",
            "evidence_spans_a",
            "evidence_spans_b",
        ],
        scored.iter().flat_map(|(p, found)| {
            found.iter().map(move |f| FindingRow {
                pair_id: &p.id,
                kind: f.kind.name(),
                severity: format!("{:.6}", f.severity),
                evidence_a: evidence_text(&p.a, &f.evidence_a),
                evidence_b: evidence_text(&p.b, &f.evidence_b),
                text_a: &p.a,
                text_b: &p.b,
                explanation: &f.explanation,
                evidence_spans_a: report::offsets(0, &f.evidence_a),
                evidence_spans_b: report::offsets(0, &f.evidence_b),
            })
        }),
    )
    .with_context(context)?;
    report::write_errors(out, &errors).with_context(context)?;
    let flagged = scored
        .iter()
        .filter(|(_, f)| f.iter().any(|f| f.severity >= 0.5))
        .count();
    progress.finish(&format!(
        "dupdrift: {} pairs scored, {flagged} with drift of severity >= 0.5, {} lines in errors.csv; reports in {}",
        scored.len(),
        errors.len(),
        out.display()
    ));
    Ok(Outcome {
        input_errors: errors.len(),
    })
}
