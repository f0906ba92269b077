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
another `watch` holds its lock, 130 when interrupted (Ctrl-C, SIGTERM): the
reports of an interrupted scan are abandoned and --out is left as it was.";

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

/// Exit status of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
pub const INTERRUPTED: u8 = 130;

/// On Ctrl-C or SIGTERM, removes the reports being staged, says which report
/// directories were left as they were, and exits with [`INTERRUPTED`].
fn abandon_staged_on_interrupt() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        // Without the handler the signal still stops the run; the staging
        // directory is then removed by the next run.
        let _ = ctrlc::set_handler(|| {
            let kept = dupdrift::report::set::abandon_all();
            if kept.is_empty() {
                eprintln!("\ndupdrift: interrupted");
            }
            for out in kept {
                eprintln!(
                    "\ndupdrift: interrupted; the new reports were abandoned and {} was left as it was",
                    out.display()
                );
            }
            std::process::exit(INTERRUPTED.into());
        });
    });
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
