//! The progress bar of long walks (`generate`, `audit`): on standard error, only on a
//! terminal, and only once the run has taken half a second. A walk's length is not known
//! ahead, so it shows what is known: how many so far, how fast, and for how long
//! (`⠙ 12,288 clips · 4,113/s · 3s`).

use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its bar shows: quick runs print nothing extra.
/// PRESETLINT_PROGRESS_AFTER_MS changes it (the pty test shows it at once).
const SHOW_AFTER: Duration = Duration::from_millis(500);

/// A progress bar on stderr, shown only on a terminal and only once the run takes a moment.
pub(super) struct Progress {
    bar: ProgressBar,
    enabled: bool,
    shown: bool,
    start: Instant,
    after: Duration,
}

impl Progress {
    pub(super) fn new(noun: &'static str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let style =
            ProgressStyle::with_template("{spinner} {human_pos} {msg} · {per_sec} · {elapsed}")
                .expect("the template is valid");
        bar.set_style(style);
        bar.set_message(noun);
        let after = std::env::var("PRESETLINT_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.trim().parse().ok())
            .map_or(SHOW_AFTER, Duration::from_millis);
        Progress {
            bar,
            enabled: io::stderr().is_terminal(),
            shown: false,
            start: Instant::now(),
            after,
        }
    }

    /// `count` done so far.
    pub(super) fn tick(&mut self, count: usize) {
        if self.enabled && !self.shown && self.start.elapsed() >= self.after {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.set_position(count as u64);
        if self.shown && count.is_multiple_of(256) {
            self.bar.tick();
        }
    }

    pub(super) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
