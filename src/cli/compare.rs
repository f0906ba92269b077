//! `dupdrift compare`: explain on the terminal how the meaning changed between two texts.

use super::excerpt::{excerpt, runs, wrap, Segmented};
use super::Outcome;
use anstyle::{AnsiColor, Style};
use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};
use dupdrift::analyze::LanguageChoice;
use dupdrift::drift::explain::drift_between;
use dupdrift::drift::{evidence_text, DriftFinding};
use dupdrift::ingest::{decode_text, describe_io, printable};
use dupdrift::report;
use dupdrift::text::language::Language;
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

  # Each side on one line of its own, for grep:
  dupdrift compare a.txt b.txt --layout stacked --color never | grep '^  B'

Output:
  For each meaning change, most severe first: its kind, severity (0..1) and
  explanation, then the sentence around the evidence on each side, the evidence
  highlighted (in colour on a terminal, else [[like this]]).
  --layout side: A in a left column, B in a right one, each wrapped between
  words to half the width; stacked: A above B, each on one line; auto (the
  default): side by side when the width is at least 100 columns, else stacked.
  The width is --width, else COLUMNS or 120 on a terminal, else 100.
  --format csv: kind, severity, evidence_a, evidence_b, explanation,
  evidence_spans_a, evidence_spans_b (spans as byte offsets start-end, `;`-separated)

Exit status: 0 whether or not the meaning changed, 2 on a fatal error.";

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
    /// Language of both texts (en, de, ru, …), or `auto`: each text's detected
    /// language, a text too short to tell taking the other's (both are read in one)
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
    /// The two sides in columns (`side`) or one above the other (`stacked`);
    /// `auto`: side by side when the width is at least 100 columns
    #[arg(long, value_enum, default_value_t = Layout::Auto)]
    pub layout: Layout,
    /// Columns of output, which the side-by-side layout fills and `auto` goes by;
    /// default: COLUMNS or 120 on a terminal, else 100
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    Auto,
    Side,
    Stacked,
}

/// Width from which `auto` lays the sides out in columns: below it a column holds
/// too few words a line to read a sentence.
const SIDE_BY_SIDE_FROM: usize = 100;

/// One row of `--format csv`: drift.csv's finding columns without the texts.
#[derive(Serialize, Default)]
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
    let lang = match LanguageChoice::parse(&args.lang) {
        Some(LanguageChoice::Fixed(lang)) => lang,
        Some(LanguageChoice::Auto) => Language::detect_pair(&a, &b),
        None => bail!(
            "unknown language {:?}: give a code such as en, de, ru, or auto",
            args.lang
        ),
    };
    let mut found = drift_between(&a, &b, lang);
    found.retain(|f| f.severity >= args.min_severity);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Csv => write_csv(&mut out, &a, &b, &found)?,
        Format::Text => {
            let terminal = std::io::stdout().is_terminal();
            let colour = match args.color {
                When::Always => true,
                When::Never => false,
                // https://no-color.org: set and not empty turns colour off.
                When::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            };
            let width = args
                .width
                .map_or_else(|| default_width(terminal), usize::from);
            let columns = match args.layout {
                Layout::Side => Some(width),
                Layout::Stacked => None,
                Layout::Auto => (width >= SIDE_BY_SIDE_FROM).then_some(width),
            };
            write_text(&mut out, &a, &b, &found, colour, columns)?;
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

/// The width of the output without --width. Shells set COLUMNS for themselves and
/// seldom export it, so on a terminal it is taken when there and else a common
/// width; a pipe or a file has no width, and 100 keeps the columns of `auto`.
fn default_width(terminal: bool) -> usize {
    let columns = || std::env::var("COLUMNS").ok()?.trim().parse::<usize>().ok();
    match terminal {
        true => columns().filter(|&n| n > 0).unwrap_or(120),
        false => 100,
    }
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
    // The header from the row type: no findings still gives it.
    report::write_rows(
        out,
        found.iter().map(|f| Row {
            kind: f.kind.name(),
            severity: format!("{:.6}", f.severity),
            evidence_a: evidence_text(a, &f.evidence_a),
            evidence_b: evidence_text(b, &f.evidence_b),
            explanation: &f.explanation,
            evidence_spans_a: report::offsets(0, &f.evidence_a),
            evidence_spans_b: report::offsets(0, &f.evidence_b),
        }),
    )?;
    Ok(())
}

/// Each finding: a header line, then each side around its evidence, one above the
/// other or, given a width in `columns`, side by side.
fn write_text(
    out: &mut impl Write,
    a: &str,
    b: &str,
    found: &[DriftFinding],
    colour: bool,
    columns: Option<usize>,
) -> std::io::Result<()> {
    let red = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
    let green = Style::new().bold().fg_color(Some(AnsiColor::Green.into()));
    let (red, green) = (colour.then_some(red), colour.then_some(green));
    let width = found.iter().map(|f| f.kind.name().len()).max().unwrap_or(0);
    let (a, b) = (Segmented::new(a), Segmented::new(b));
    for f in found {
        let (kind, severity) = (f.kind.name(), f.severity);
        let explanation = printable(&f.explanation, usize::MAX);
        writeln!(out, "{kind:width$}  {severity:.2}  {explanation}")?;
        match columns {
            None => {
                writeln!(out, "  A  {}", excerpt(&a, &f.evidence_a, red))?;
                writeln!(out, "  B  {}", excerpt(&b, &f.evidence_b, green))?;
            }
            Some(total) => {
                let left = wrap(&runs(&a, &f.evidence_a), column(total), red);
                let right = wrap(&runs(&b, &f.evidence_b), column(total), green);
                write_columns(out, &left, &right, column(total))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Between the two columns.
const SEPARATOR: &str = " │ ";

/// The width of each column's text in `total` columns: each side has a margin of two
/// and its label ("A  "), and the separator stands between them.
fn column(total: usize) -> usize {
    let around = 2 + 3 + SEPARATOR.chars().count() + 3;
    // Past a width too narrow to be useful, narrower still would only break words.
    (total.saturating_sub(around) / 2).max(10)
}

/// The wrapped sides next to each other, the left one padded on its shown width so
/// that the separator is in the same column on every line:
///   A  The minister [[signed]] the   │ B  The minister [[never]]
///      treaty.                       │    [[signed]] the treaty.
fn write_columns(
    out: &mut impl Write,
    left: &[(String, usize)],
    right: &[(String, usize)],
    width: usize,
) -> std::io::Result<()> {
    let blank = (String::new(), 0);
    for i in 0..left.len().max(right.len()).max(1) {
        let (la, lb) = if i == 0 { ("A", "B") } else { (" ", " ") };
        let (l, shown) = left.get(i).unwrap_or(&blank);
        let r = right.get(i).map_or("", |r| r.0.as_str());
        let pad = " ".repeat(width.saturating_sub(*shown));
        let line = format!("  {la}  {l}{pad}{SEPARATOR}{lb}  {r}");
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
