//! The command line: one file per subcommand, each with its help and examples.

pub mod compare;
mod excerpt;
pub mod gen;
pub mod pairs;
mod progress;
pub mod scan;
pub mod watch;

use clap::{Parser, Subcommand};

const ABOUT: &str = "Find the passages news articles share and where a rewrite changed the meaning";

const EXAMPLES: &str = "\
Examples:
  dupdrift scan data/seeds --out report
  dupdrift scan feeds/ dump.jsonl extra.csv --out report --threshold 0.8
  dupdrift pairs pairs.jsonl --out scores
  dupdrift compare --text \"The minister signed.\" \"The minister never signed.\"
  dupdrift gen --articles 20000 --seed 1 --out corpus
  dupdrift watch https://example.org/rss.xml incoming/ --db news.db
  dupdrift scan --help

Exit status: 0 when every input was read, 1 when some inputs were reported in
errors.csv (the rest of the batch still ran), 2 on a fatal error, 75 when
another `watch` holds its lock.";

#[derive(Debug, Parser)]
#[command(name = "dupdrift", version, about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Scan(scan::ScanArgs),
    Pairs(pairs::PairsArgs),
    Compare(compare::CompareArgs),
    Gen(gen::GenArgs),
    Watch(watch::WatchArgs),
}

/// What a run tells the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Inputs reported in `errors.csv`.
    pub input_errors: usize,
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Scan(args) => scan::run(scan::Config::from_args(args)?),
        Command::Pairs(args) => pairs::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Gen(args) => gen::run(args),
        Command::Watch(args) => watch::run(args),
    }
}
