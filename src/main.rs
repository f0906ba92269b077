//! The `dupdrift` binary: parse, run, map the outcome to an exit status.
//! 0: every input was read; 1: some inputs were reported as errors; 2: fatal error.

mod cli;

use clap::Parser;
use std::process::ExitCode;

// Drift and alignment allocate many short strings and vectors across threads;
// mimalloc serves them with less locking and page churn than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// `MI_OPTION_PURGE_DELAY`: libmimalloc-sys does not name it, so build.rs reads its
// position from the header of the C library that is built.
include!(concat!(env!("OUT_DIR"), "/mimalloc_options.rs"));

fn main() -> ExitCode {
    // Freed memory is kept for reuse instead of being handed back to the system
    // after a delay (10 ms in mimalloc 2, 1 s in 3): the stages free and allocate
    // hundreds of megabytes in turn, and touching fresh pages again cost about 15%
    // of a full scan's CPU time on the peerbench corpus. The process ends with the
    // run, which returns it all.
    // SAFETY: sets a plain integer option; called before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(outcome) if outcome.input_errors > 0 => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.downcast_ref::<cli::watch::Busy>().is_some() => {
            eprintln!("dupdrift: {e}");
            ExitCode::from(75)
        }
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
