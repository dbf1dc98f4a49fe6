//! A metadata view from iconik, in the form `--view` reads: GET /API/metadata/v1/views/{id}/,
//! and for each entry that lacks its field's definition (type, options, multi) GET
//! /API/metadata/v1/fields/{name}/, the view's own settings winning (a view may override a
//! field's label, required, read_only, options). Written with its keys sorted and without
//! the API's timestamps, so that it diffs well in git; the fields keep the view's order.

use std::collections::BTreeMap;

use miette::{Report, miette};
use serde_json::{Map, Value};

use crate::document::SourceText;
use crate::document::spans::SpanIndex;
use crate::document::syntax::explain_error;
use crate::iconik::client::Client;
use crate::values::at;

/// The keys of a view field kept in the file: what presetlint judges, and what a person
/// reviewing the diff wants to see.
const KEPT: [&str; 13] = [
    "name",
    "label",
    "description",
    "field_type",
    "options",
    "multi",
    "min_value",
    "max_value",
    "required",
    "read_only",
    "auto_set",
    "hide_if_not_set",
    "source_url",
];

/// Fields are listed at most this many per page.
const PER_PAGE: usize = 100;

/// A view list longer than this many pages is not followed further.
const MOST_PAGES: usize = 10_000;

/// An id as iconik makes them (a UUID), so that it is safe in a path and a file name.
pub fn check_id(id: &str) -> Result<(), Report> {
    let fine = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if fine {
        Ok(())
    } else {
        Err(miette!(
            help = "`presetlint view list` shows the views and their ids",
            "{} is not an iconik view id (letters, digits and dashes, as in 3c7f0a52-5d7e-11ef-8b1f-0242ac120002)",
            crate::text::quoted(id)
        ))
    }
}

/// A JSON answer, parsed, or an error at its place.
fn parse(url: &str, bytes: Vec<u8>) -> Result<(String, Value), Report> {
    let text = SourceText::decode(bytes)
        .map_err(|bad| {
            at(
                url,
                &bad.lossy.text,
                bad.span.start..bad.span.end,
                "the answer is not UTF-8",
            )
        })?
        .text;
    match serde_json::from_str(&text) {
        Ok(value) => Ok((text, value)),
        Err(err) => {
            let e = explain_error(&text, &err);
            Err(at(
                url,
                &text,
                e.span.start..e.span.end,
                &format!("the answer is not JSON: {}", e.message),
            ))
        }
    }
}

/// An answer that is JSON but not the documented shape: said at the place of `pointer`.
fn not_documented(url: &str, text: &str, pointer: &str, expected: &str) -> Report {
    let index = SpanIndex::scan(text, [pointer]);
    let span = index
        .get(pointer)
        .map_or_else(Default::default, |p| p.value);
    at(
        url,
        text,
        span.start..span.end,
        &format!("not the documented shape of iconik's API: expected {expected}"),
    )
}

/// Whether a view entry lacks what only the field's definition gives.
fn needs_definition(entry: &Map<String, Value>) -> bool {
    let drop_down = entry.get("field_type").and_then(Value::as_str) == Some("drop_down");
    !entry.contains_key("field_type")
        || !entry.contains_key("multi")
        || (drop_down && !entry.contains_key("options") && !entry.contains_key("source_url"))
}

/// A field name in a URL path: iconik's names are `[a-z0-9_]`, anything else is escaped.
fn path_segment(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The kept keys of an object, sorted.
fn kept(object: &Map<String, Value>) -> BTreeMap<String, Value> {
    object
        .iter()
        .filter(|(k, v)| KEPT.contains(&k.as_str()) && !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The view `id`, as the text of the file `--view` reads.
pub fn pull_view(client: &Client, id: &str) -> Result<String, Report> {
    check_id(id)?;
    let path = format!("/API/metadata/v1/views/{id}/");
    let url = format!("{}{path}", client.base());
    let bytes = client.get(&path, &|| format!("no view {id} on {}", client.base()))?;
    let (text, view) = parse(&url, bytes)?;
    let shape = "an object with \"view_fields\": [{\"name\": ...}, ...]";
    let fields = view
        .get("view_fields")
        .and_then(Value::as_array)
        .ok_or_else(|| not_documented(&url, &text, "", shape))?;
    let mut out_fields = Vec::with_capacity(fields.len());
    for (i, entry) in fields.iter().enumerate() {
        let pointer = format!("/view_fields/{i}");
        let entry = entry
            .as_object()
            .filter(|e| e.get("name").is_some_and(Value::is_string))
            .ok_or_else(|| not_documented(&url, &text, &pointer, "a field {\"name\": ...}"))?;
        let name = entry["name"].as_str().unwrap_or_default();
        let mut field = BTreeMap::new();
        if needs_definition(entry) {
            let path = format!("/API/metadata/v1/fields/{}/", path_segment(name));
            let field_url = format!("{}{path}", client.base());
            let bytes = client.get(&path, &|| {
                format!(
                    "the view's field {} has no definition on {}",
                    crate::text::quoted(name),
                    client.base()
                )
            })?;
            let (field_text, definition) = parse(&field_url, bytes)?;
            let definition = definition
                .as_object()
                .filter(|d| d.get("field_type").is_some_and(Value::is_string))
                .ok_or_else(|| {
                    not_documented(
                        &field_url,
                        &field_text,
                        "",
                        "a field {\"name\", \"field_type\", ...}",
                    )
                })?;
            field = kept(definition);
        }
        // The view's settings win over the field's.
        field.extend(kept(entry));
        if !field.contains_key("field_type") {
            return Err(not_documented(
                &url,
                &text,
                &pointer,
                "a field with its \"field_type\"",
            ));
        }
        out_fields.push(field);
    }
    let mut out = BTreeMap::new();
    out.insert("id", Value::String(id.to_owned()));
    if let Some(name) = view.get("name").filter(|n| n.is_string()) {
        out.insert("name", name.clone());
    }
    out.insert(
        "view_fields",
        serde_json::to_value(out_fields).expect("maps of JSON values serialize"),
    );
    let mut written = serde_json::to_string_pretty(&out).expect("maps of JSON values serialize");
    written.push('\n');
    // What is written is what --view reads: proved by reading it.
    crate::view::View::parse(&url, written.clone().into_bytes())?;
    Ok(written)
}

/// One view of an instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSummary {
    pub id: String,
    pub name: String,
}

/// Every view of the instance, following iconik's pages.
pub fn list_views(client: &Client) -> Result<Vec<ViewSummary>, Report> {
    let mut views = Vec::new();
    let mut page = 1;
    loop {
        let path = format!("/API/metadata/v1/views/?per_page={PER_PAGE}&page={page}");
        let url = format!("{}{path}", client.base());
        let bytes = client.get(&path, &|| {
            format!("{} has no metadata views API", client.base())
        })?;
        let (text, answer) = parse(&url, bytes)?;
        let objects = answer
            .get("objects")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                not_documented(&url, &text, "", "a page {\"objects\": [...], \"pages\": N}")
            })?;
        for (i, view) in objects.iter().enumerate() {
            let field = |key: &str| view.get(key).and_then(Value::as_str).map(str::to_owned);
            let (Some(id), name) = (field("id"), field("name")) else {
                return Err(not_documented(
                    &url,
                    &text,
                    &format!("/objects/{i}"),
                    "a view {\"id\", \"name\"}",
                ));
            };
            views.push(ViewSummary {
                id,
                name: name.unwrap_or_default(),
            });
        }
        let pages = answer.get("pages").and_then(Value::as_u64).unwrap_or(1) as usize;
        if page >= pages || objects.is_empty() || page >= MOST_PAGES {
            return Ok(views);
        }
        page += 1;
    }
}
