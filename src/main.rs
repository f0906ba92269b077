//! The `dupdrift` binary: parse, run, map the outcome to an exit status.
//! 0: every input was read; 1: some inputs were reported as errors; 2: fatal error.

use clap::Parser;
use std::process::ExitCode;

// Drift and alignment allocate many short strings and vectors across threads;
// mimalloc serves them with less locking and page churn than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = dupdrift::cli::Cli::parse();
    match dupdrift::cli::run(cli) {
        Ok(outcome) if outcome.input_errors > 0 => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dupdrift: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
