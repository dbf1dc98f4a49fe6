//! iconik's REST API, for the metadata view the gateway really uses: `presetlint view pull`
//! and `view list`, and `view = "iconik:VIEW_ID"` (or `--view iconik:VIEW_ID`) pulled into a
//! cache. A blocking client (ureq, with rustls and its own root certificates: no system
//! OpenSSL, the same on every platform); no async runtime.
//!
//! Tested against a local server that answers as iconik's API documentation says
//! (tests/it/view_pull.rs), not against iconik itself.

#[cfg(feature = "native")]
mod cache;
#[cfg(feature = "native")]
mod client;
#[cfg(feature = "native")]
mod pull;
mod source;

#[cfg(feature = "native")]
pub use cache::{age, cache_dir, token_folder, view_text};
#[cfg(feature = "native")]
pub use client::{Client, Credentials, DEFAULT_URL};
#[cfg(feature = "native")]
pub use pull::{
    Definition, MOST_FIELD_LOOKUPS, MOST_VIEW_FIELDS, Page, Pulled, Storage, ViewSummary, check_id,
    definition_from_answer, list_views, page_from_answer, pull_storage_view, pull_view,
    storage_from_answer, view_from_answer, with_storage,
};
#[cfg(not(feature = "native"))]
pub use source::view_text;
pub use source::{DEFAULT_TTL, FetchOptions, Found, PREFIX, Remote, WHOLE_PULL, remote_id};
