//! The progress bar of long walks (`generate`, `audit`): on standard error, only on a
//! terminal, and only once the run has taken half a second.

use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget};

/// A progress bar on stderr, shown only on a terminal and only once the run takes a moment.
pub struct Progress {
    /// What is counted, in the plural.
    noun: &'static str,
    bar: ProgressBar,
    enabled: bool,
    shown: bool,
    start: Instant,
}

impl Progress {
    pub fn new(noun: &'static str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        Progress {
            noun,
            bar,
            enabled: io::stderr().is_terminal(),
            shown: false,
            start: Instant::now(),
        }
    }

    pub fn tick(&mut self, count: usize) {
        if self.enabled && !self.shown && self.start.elapsed() > Duration::from_millis(500) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        if self.shown && count.is_multiple_of(256) {
            self.bar.set_message(format!("{count} {}", self.noun));
            self.bar.tick();
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
