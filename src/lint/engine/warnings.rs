//! What the user should hear of an input that loaded all the same (a view's entries that are
//! not fields, a cached view kept past its time): the engine says it here, and the front end
//! decides where it goes (the command line prints it on standard error as it happens); until
//! a front end says, it is kept.

use std::sync::{Arc, Mutex, PoisonError};

type Sink = Box<dyn Fn(&str) + Send>;

#[derive(Default)]
struct Inner {
    sink: Option<Sink>,
    kept: Vec<String>,
}

/// The engine's warnings, shared by the run's config and the nested ones.
#[derive(Clone, Default)]
pub struct Warnings(Arc<Mutex<Inner>>);

impl std::fmt::Debug for Warnings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Warnings")
    }
}

impl Warnings {
    pub(crate) fn say(&self, warning: String) {
        let mut inner = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match &inner.sink {
            Some(sink) => sink(&warning),
            None => inner.kept.push(warning),
        }
    }

    /// Sends the warnings kept so far to `sink`, and every later one as it is said.
    pub fn send_to(&self, sink: impl Fn(&str) + Send + 'static) {
        let mut inner = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for warning in std::mem::take(&mut inner.kept) {
            sink(&warning);
        }
        inner.sink = Some(Box::new(sink));
    }

    /// The warnings kept so far (none once they are sent somewhere).
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner).kept)
    }
}
