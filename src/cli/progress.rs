//! Progress and messages on stderr: a live bar on a terminal, nothing with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// How many input problems are printed before the rest are left to `errors.csv`.
const MAX_PRINTED_ERRORS: usize = 10;

pub struct Progress {
    bar: ProgressBar,
    quiet: bool,
    errors_printed: usize,
}

impl Progress {
    pub fn new(quiet: bool) -> Self {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress {
            bar,
            quiet,
            errors_printed: 0,
        }
    }

    pub fn stage(&self, msg: String) {
        self.bar.set_message(msg);
    }

    /// Reports a problem with one input (the first few; the rest are counted).
    pub fn input_error(&mut self, input: &str, reason: &str) {
        if self.quiet {
            return;
        }
        if self.errors_printed < MAX_PRINTED_ERRORS {
            self.bar
                .suspend(|| eprintln!("dupdrift: skipped {input}: {reason}"));
        } else if self.errors_printed == MAX_PRINTED_ERRORS {
            self.bar.suspend(|| {
                eprintln!("dupdrift: more inputs skipped; all are listed in errors.csv")
            });
        }
        self.errors_printed += 1;
    }

    /// Clears the bar and prints a closing line.
    pub fn finish(&self, summary: &str) {
        self.bar.finish_and_clear();
        if !self.quiet {
            eprintln!("{summary}");
        }
    }
}
