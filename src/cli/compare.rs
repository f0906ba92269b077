//! `dupdrift compare`: explain on the terminal how the meaning changed between two texts.

use super::excerpt::excerpt;
use super::Outcome;
use crate::drift::{evidence_text, DriftFinding};
use crate::explain::drift_between;
use crate::ingest::{decode_text, describe_io};
use crate::language::Language;
use crate::report;
use anstyle::{AnsiColor, Style};
use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{IsTerminal, Read, Write};

const EXAMPLES: &str = "\
Examples:
  # Two versions of a story, as files:
  dupdrift compare a.txt b.txt

  # The texts themselves:
  dupdrift compare --text \"The minister signed.\" \"The minister never signed.\"

  # B from standard input; only what is worth a look, as CSV:
  zcat b.txt.gz | dupdrift compare a.txt - --min-severity 0.5 --format csv

Output:
  For each meaning change, most severe first: its kind, severity (0..1) and
  explanation, then the sentence around the evidence on each side, the evidence
  highlighted (in colour on a terminal, else [[like this]]).
  --format csv: kind, severity, evidence_a, evidence_b, explanation,
  evidence_spans_a, evidence_spans_b (spans as byte offsets start-end, `;`-separated)

Exit status: 0 whether or not the meaning changed, 2 on a fatal error.";

const CSV_HEADER: &str =
    "kind,severity,evidence_a,evidence_b,explanation,evidence_spans_a,evidence_spans_b";

/// Explain the meaning changes between two texts
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct CompareArgs {
    /// Text A: a UTF-8 file, `-` for standard input, or the text itself with --text
    #[arg(value_name = "A")]
    pub a: String,
    /// Text B, the rewrite: as A
    #[arg(value_name = "B")]
    pub b: String,
    /// A and B are the texts themselves, not files
    #[arg(long)]
    pub text: bool,
    /// Language of both texts (en, de, ru, …), or `auto`: detected from the two
    /// texts together
    #[arg(long, default_value = "auto", value_name = "LANG")]
    pub lang: String,
    /// Show only findings at least this severe; 0.5 is the "worth a reader's look"
    /// threshold of the other commands' summaries
    #[arg(long, default_value_t = 0.0, value_name = "0..1")]
    pub min_severity: f64,
    /// Report for a reader, or CSV for a program
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Highlight the evidence in colour; `auto`: on a terminal, unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub color: When,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum When {
    Auto,
    Always,
    Never,
}

#[derive(Serialize)]
struct Row<'a> {
    kind: &'static str,
    severity: String,
    evidence_a: String,
    evidence_b: String,
    explanation: &'a str,
    evidence_spans_a: String,
    evidence_spans_b: String,
}

pub fn run(args: CompareArgs) -> anyhow::Result<Outcome> {
    if !(0.0..=1.0).contains(&args.min_severity) {
        bail!(
            "--min-severity must be in [0, 1], got {}",
            args.min_severity
        );
    }
    if !args.text && args.a == "-" && args.b == "-" {
        bail!("only one of A and B can be `-` (standard input)");
    }
    let (a, b) = if args.text {
        (args.a, args.b)
    } else {
        (read(&args.a)?, read(&args.b)?)
    };
    let lang = if args.lang.eq_ignore_ascii_case("auto") {
        Language::detect(&format!("{a}\n{b}"))
    } else {
        Language::parse(&args.lang).ok_or_else(|| {
            anyhow!(
                "unknown language {:?}: give a code such as en, de, ru, or auto",
                args.lang
            )
        })?
    };
    let mut found = drift_between(&a, &b, lang);
    found.retain(|f| f.severity >= args.min_severity);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Csv => write_csv(&mut out, &a, &b, &found)?,
        Format::Text => {
            let colour = match args.color {
                When::Always => true,
                When::Never => false,
                // https://no-color.org: set and not empty turns colour off.
                When::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            write_text(&mut out, &a, &b, &found, colour)?;
            let changes = match found.len() {
                0 => "No meaning change found".to_string(),
                1 => "1 meaning change".to_string(),
                n => format!("{n} meaning changes"),
            };
            let (min, code) = (args.min_severity, lang.code);
            writeln!(out, "{changes} (severity >= {min:.2}, language {code}).")?;
        }
    }
    out.flush()?;
    Ok(Outcome { input_errors: 0 })
}

/// The text of a file, or of standard input for `-`.
fn read(path: &str) -> anyhow::Result<String> {
    let (name, bytes) = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        ("standard input", bytes)
    } else {
        let bytes =
            std::fs::read(path).map_err(|e| anyhow!("cannot read {path}: {}", describe_io(&e)))?;
        (path, bytes)
    };
    decode_text(bytes).map_err(|why| anyhow!("cannot read {name}: {why}"))
}

/// The findings as CSV, with drift.csv's conventions for severity and spans.
fn write_csv(out: &mut impl Write, a: &str, b: &str, found: &[DriftFinding]) -> anyhow::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    // Written by hand so that no findings still gives the header.
    w.write_record(CSV_HEADER.split(','))?;
    for f in found {
        w.serialize(Row {
            kind: f.kind.name(),
            severity: format!("{:.6}", f.severity),
            evidence_a: evidence_text(a, &f.evidence_a),
            evidence_b: evidence_text(b, &f.evidence_b),
            explanation: &f.explanation,
            evidence_spans_a: report::offsets(0, &f.evidence_a),
            evidence_spans_b: report::offsets(0, &f.evidence_b),
        })?;
    }
    w.flush()?;
    Ok(())
}

/// Each finding: a header line, then each side around its evidence.
fn write_text(
    out: &mut impl Write,
    a: &str,
    b: &str,
    found: &[DriftFinding],
    colour: bool,
) -> std::io::Result<()> {
    let red = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
    let green = Style::new().bold().fg_color(Some(AnsiColor::Green.into()));
    let width = found.iter().map(|f| f.kind.name().len()).max().unwrap_or(0);
    for f in found {
        let (kind, severity) = (f.kind.name(), f.severity);
        writeln!(out, "{kind:width$}  {severity:.2}  {}", f.explanation)?;
        for (side, text, spans, style) in
            [("A", a, &f.evidence_a, red), ("B", b, &f.evidence_b, green)]
        {
            writeln!(
                out,
                "  {side}  {}",
                excerpt(text, spans, colour.then_some(style))
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
