//! A metadata view from iconik, in the form `--view` reads: GET /API/metadata/v1/views/{id}/,
//! and for each entry that lacks its field's definition (type, options, multi) GET
//! /API/metadata/v1/fields/{name}/, the view's own settings winning (a view may override a
//! field's label, required, read_only, options). Written with its keys sorted and without
//! the API's timestamps, so that it diffs well in git; the fields keep the view's order.

use std::collections::{BTreeMap, HashMap, HashSet};

use miette::{Report, miette};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::base::document::explain_error;
use crate::iconik::client::Client;
use crate::model::values::at;

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

/// Views are listed at most this many per page.
const PER_PAGE: usize = 100;

/// A view list longer than this many pages is not followed further (100,000 views).
const MOST_PAGES: usize = 1_000;

/// The most fields one view may have: far above any view a person fills in (iconik's own
/// metadata forms show a few dozen), and a bound on what an answer can make presetlint hold.
pub const MOST_VIEW_FIELDS: usize = 10_000;

/// The most field definitions one pull looks up: iconik allows a token 1,000 requests per
/// 20 seconds, so one pull never spends more than that window's budget.
pub const MOST_FIELD_LOOKUPS: usize = 1_000;

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
            crate::base::text::quoted(id)
        ))
    }
}

/// An answer's text, or an error at its first byte that is not UTF-8.
fn decode(url: &str, bytes: Vec<u8>) -> Result<String, Report> {
    crate::model::values::decoded(url, bytes, "the answer is not UTF-8").map(|source| source.text)
}

/// A serde error on an answer: a syntax error at its place, or the shape expected.
fn json_error(url: &str, text: &str, err: &serde_json::Error, expected: &str) -> Report {
    let e = explain_error(text, err);
    let message = if err.is_syntax() || err.is_eof() {
        format!("the answer is not JSON: {}", e.message)
    } else {
        format!("not the documented shape of iconik's API: expected {expected}")
    };
    at(url, text, e.span.start..e.span.end, &message)
}

/// A small JSON answer (a field, a page of views), parsed, or an error at its place.
fn parse(url: &str, bytes: Vec<u8>) -> Result<(String, Value), Report> {
    let text = decode(url, bytes)?;
    match serde_json::from_str(&text) {
        Ok(value) => Ok((text, value)),
        Err(err) => Err(json_error(url, &text, &err, "JSON")),
    }
}

/// An answer that is JSON but not the documented shape: said at the place of the part that
/// is not (the whole answer's first character when it is the top that is wrong).
fn not_documented(url: &str, text: &str, place: std::ops::Range<usize>, expected: &str) -> Report {
    let place = if place.is_empty() {
        let first = text.len() - text.trim_start().len();
        first..(first + 1).min(text.len())
    } else {
        place
    };
    at(
        url,
        text,
        place,
        &format!("not the documented shape of iconik's API: expected {expected}"),
    )
}

/// Whether a view entry lacks what only the field's definition gives. A view answered with
/// `merge_fields` (iconik's default) carries `field_type`; `multi` is optional in the spec and
/// its absence means a single value, so it alone asks for nothing.
fn needs_definition(entry: &Map<String, Value>) -> bool {
    let drop_down = entry.get("field_type").and_then(Value::as_str) == Some("drop_down");
    !entry.contains_key("field_type")
        || (drop_down && !entry.contains_key("options") && !entry.contains_key("source_url"))
}

/// A field name in a URL path: letters, digits and `-_.~` as they are (iconik's names are
/// `snake_case` or `CamelCase`), anything else escaped.
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

/// The top of a view answer, its fields borrowed from the text (each entry is parsed on its
/// own, one at a time): what the answer costs in memory is the answer itself.
#[derive(serde::Deserialize)]
struct ViewAnswer<'a> {
    #[serde(borrow, default)]
    view_fields: Option<&'a RawValue>,
    #[serde(borrow, default)]
    name: Option<&'a RawValue>,
}

/// A list of at most `MOST` entries, borrowed; parsing stops at the one past.
struct Entries<'a, const MOST: usize>(Vec<&'a RawValue>);

impl<'de: 'a, 'a, const MOST: usize> serde::Deserialize<'de> for Entries<'a, MOST> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Capped<'a, const MOST: usize>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a, const MOST: usize> serde::de::Visitor<'de> for Capped<'a, MOST> {
            type Value = Entries<'a, MOST>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of fields")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Entries<'a, MOST>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element::<&'de RawValue>()? {
                    if entries.len() == MOST {
                        return Err(serde::de::Error::custom(TOO_MANY_FIELDS));
                    }
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_seq(Capped(std::marker::PhantomData))
    }
}

const TOO_MANY_FIELDS: &str = "more fields than presetlint reads of one view";

/// Where a borrowed part of `text` starts and ends in it.
fn range_in(text: &str, part: &RawValue) -> std::ops::Range<usize> {
    let start = (part.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    start..start + part.get().len()
}

/// The view `id`, as the text of the file `--view` reads.
pub fn pull_view(client: &Client, id: &str) -> Result<String, Report> {
    check_id(id)?;
    let path = format!("/API/metadata/v1/views/{id}/");
    let url = format!("{}{path}", client.base());
    let bytes = client.get(&path, &|| format!("no view {id} on {}", client.base()))?;
    let pulled = view_from_answer(id, &url, bytes, &mut |name| field_definition(client, name))?;
    for note in pulled.notes {
        client.note(note);
    }
    Ok(pulled.text)
}

/// The view the gateway of the storage `storage_id` reads sidecars into (its settings'
/// `metadata_view_id`), as the text of the file `--view` reads, with the storage's settings
/// that change what a sidecar is for (`scan_ignore`, `scan_include`,
/// `sidecar_metadata_required`) kept under `"storage"`.
pub fn pull_storage_view(client: &Client, storage_id: &str) -> Result<String, Report> {
    check_id(storage_id)?;
    let path = format!("/API/files/v1/storages/{storage_id}/");
    let url = format!("{}{path}", client.base());
    let bytes = client.get(&path, &|| {
        format!("no storage {storage_id} on {}", client.base())
    })?;
    let storage = storage_from_answer(storage_id, &url, bytes)?;
    let Some(view_id) = storage.view_id.clone() else {
        return Err(miette!(
            help = "choose the storage's Metadata View in iconik (Admin, Storages, the storage's scan settings), or pull a view by its id",
            "the storage {} has no metadata view in its settings: its gateway reads no sidecar into iconik",
            storage.shown()
        ));
    };
    let text = with_storage(&pull_view(client, &view_id)?, &storage);
    // What is written is what --view reads (its patterns included): proved by reading it.
    crate::model::view::View::parse(&url, text.clone().into_bytes())?;
    Ok(text)
}

/// A storage, as far as its gateway's sidecars go.
#[derive(Debug, Clone, PartialEq)]
pub struct Storage {
    /// The view its gateway reads sidecars into, if one is set.
    pub view_id: Option<String>,
    /// What the pulled view keeps under `"storage"`.
    pub kept: Map<String, Value>,
}

impl Storage {
    fn shown(&self) -> String {
        let said = |key: &str| {
            self.kept
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
        };
        match (said("name"), said("id")) {
            ("", id) => id.to_owned(),
            (name, id) => format!("{} ({id})", crate::base::text::quoted(name)),
        }
    }
}

/// The storage `id` from iconik's answer to GET `url` (the Files API's StorageSchema).
pub fn storage_from_answer(id: &str, url: &str, bytes: Vec<u8>) -> Result<Storage, Report> {
    let (text, answer) = parse(url, bytes)?;
    let shape = "a storage {\"name\", \"settings\": {\"metadata_view_id\", ...}}";
    let settings = answer
        .get("settings")
        .and_then(Value::as_object)
        .ok_or_else(|| not_documented(url, &text, 0..0, shape))?;
    let view_id = match settings.get("metadata_view_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(view)) if !view.is_empty() => Some(view.clone()),
        Some(_) => {
            return Err(not_documented(
                url,
                &text,
                0..0,
                "a storage whose settings' \"metadata_view_id\" is a view id or null",
            ));
        }
    };
    let mut kept = Map::new();
    kept.insert("id".into(), Value::String(id.to_owned()));
    if let Some(name) = answer.get("name").filter(|n| n.is_string()) {
        kept.insert("name".into(), name.clone());
    }
    for key in ["scan_ignore", "scan_include"] {
        match settings.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) if list.iter().all(Value::is_string) => {
                kept.insert(key.into(), Value::Array(list.clone()));
            }
            Some(_) => {
                return Err(not_documented(
                    url,
                    &text,
                    0..0,
                    &format!("a storage whose settings' \"{key}\" is a list of patterns"),
                ));
            }
        }
    }
    if let Some(required) = settings
        .get("sidecar_metadata_required")
        .filter(|r| r.is_boolean())
    {
        kept.insert("sidecar_metadata_required".into(), required.clone());
    }
    Ok(Storage { view_id, kept })
}

/// A pulled view's text with the storage kept under `"storage"`, keys sorted as before.
pub fn with_storage(text: &str, storage: &Storage) -> String {
    let mut view: Map<String, Value> =
        serde_json::from_str(text).expect("a pulled view is a JSON object");
    view.insert("storage".into(), Value::Object(storage.kept.clone()));
    view.sort_keys();
    let mut written = serde_json::to_string_pretty(&view).expect("JSON values serialize");
    written.push('\n');
    written
}

/// The definition of a field, as `lookup` gives it: the kept keys of iconik's answer.
pub type Definition = BTreeMap<String, Value>;

/// The file `--view` reads, from iconik's answer to GET `url` for the view `id`; `lookup`
/// gives the definition of a field the view names without one (each at most once, at most
/// [`MOST_FIELD_LOOKUPS`]), or `None` when iconik has no such field. The network stays
/// outside: the fuzz target calls this.
pub fn view_from_answer(
    id: &str,
    url: &str,
    bytes: Vec<u8>,
    lookup: &mut dyn FnMut(&str) -> Result<Option<Definition>, Report>,
) -> Result<Pulled, Report> {
    let url = url.to_owned();
    let text = decode(&url, bytes)?;
    let shape = "an object with \"view_fields\": [{\"name\": ...}, ...]";
    let answer: ViewAnswer =
        serde_json::from_str(&text).map_err(|err| json_error(&url, &text, &err, shape))?;
    let Some(raw_fields) = answer.view_fields else {
        return Err(not_documented(&url, &text, 0..0, shape));
    };
    let entries: Entries<MOST_VIEW_FIELDS> = serde_json::from_str(raw_fields.get()).map_err(|err| {
        let place = range_in(&text, raw_fields);
        if err.to_string().starts_with(TOO_MANY_FIELDS) {
            at(
                &url,
                &text,
                place.start..place.start + 1,
                &format!(
                    "the view has more than {MOST_VIEW_FIELDS} fields, the most presetlint reads of one view"
                ),
            )
        } else {
            not_documented(&url, &text, place, shape)
        }
    })?;
    // What is not a field (iconik splits a view into groups with dividers; the spec does not
    // describe them) is skipped with a note that names it: an entry without a name, or one
    // that iconik has no field of.
    let mut fields: Vec<(usize, Map<String, Value>, std::ops::Range<usize>)> =
        Vec::with_capacity(entries.0.len());
    let mut notes = Vec::new();
    for (index, entry) in entries.0.iter().enumerate() {
        let place = range_in(&text, entry);
        let parsed = serde_json::from_str::<Map<String, Value>>(entry.get())
            .map_err(|_| not_documented(&url, &text, place.clone(), "a field {\"name\": ...}"))?;
        if parsed.get("name").is_some_and(Value::is_string) {
            fields.push((index, parsed, place));
        } else {
            notes.push(format!(
                "skipped {} of the view {id}: it has no field name, so it is not a field (a divider, say)",
                crate::model::view::entry_named(&parsed, index)
            ));
        }
    }
    let wanted: Vec<&str> = {
        let mut seen = HashSet::new();
        fields
            .iter()
            .filter(|(_, f, _)| needs_definition(f))
            .filter_map(|(_, f, _)| f["name"].as_str())
            .filter(|name| seen.insert(*name))
            .collect()
    };
    if wanted.len() > MOST_FIELD_LOOKUPS {
        return Err(miette!(
            help = "ask iconik for the view with its fields merged (its default), or pull a smaller view",
            "the view {id} names {} fields without their definitions; presetlint looks up at most {MOST_FIELD_LOOKUPS} (iconik allows a token 1,000 requests per 20 seconds)",
            wanted.len()
        ));
    }
    let mut definitions: HashMap<&str, Option<Definition>> = HashMap::new();
    for name in wanted {
        definitions.insert(name, lookup(name)?);
    }
    let mut out_fields = Vec::with_capacity(fields.len());
    for (index, entry, place) in &fields {
        let name = entry["name"].as_str().unwrap_or_default();
        let mut field = if needs_definition(entry) {
            match definitions.get(name) {
                Some(Some(definition)) => definition.clone(),
                // iconik has no field of this name: a divider, or a field deleted since.
                Some(None) | None if !entry.contains_key("field_type") => {
                    notes.push(format!(
                        "skipped {} of the view {id}: iconik has no field named {} (a divider, or a field deleted since)",
                        crate::model::view::entry_named(entry, *index),
                        crate::base::text::quoted(name)
                    ));
                    continue;
                }
                _ => BTreeMap::new(),
            }
        } else {
            BTreeMap::new()
        };
        // The view's settings win over the field's.
        field.extend(kept(entry));
        if !field.contains_key("field_type") {
            return Err(not_documented(
                &url,
                &text,
                place.clone(),
                "a field with its \"field_type\"",
            ));
        }
        out_fields.push(field);
    }
    let mut out = BTreeMap::new();
    out.insert("id", Value::String(id.to_owned()));
    if let Some(name) = answer
        .name
        .and_then(|n| serde_json::from_str::<Value>(n.get()).ok())
        .filter(Value::is_string)
    {
        out.insert("name", name);
    }
    out.insert(
        "view_fields",
        serde_json::to_value(out_fields).expect("maps of JSON values serialize"),
    );
    let mut written = serde_json::to_string_pretty(&out).expect("maps of JSON values serialize");
    written.push('\n');
    // What is written is what --view reads: proved by reading it.
    crate::model::view::View::parse(&url, written.clone().into_bytes())?;
    Ok(Pulled {
        text: written,
        notes,
    })
}

/// A view as `view pull` writes it, and what the user should hear of the pull (the entries
/// skipped as not fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    pub text: String,
    pub notes: Vec<String>,
}

/// The kept keys of the definition of the field `name`; `None` when iconik has none (404).
fn field_definition(client: &Client, name: &str) -> Result<Option<Definition>, Report> {
    let path = format!("/API/metadata/v1/fields/{}/", path_segment(name));
    let field_url = format!("{}{path}", client.base());
    match client.get_if_found(&path)? {
        Some(bytes) => definition_from_answer(&field_url, bytes).map(Some),
        None => Ok(None),
    }
}

/// The kept keys of iconik's answer to GET `url` for a field's definition.
pub fn definition_from_answer(field_url: &str, bytes: Vec<u8>) -> Result<Definition, Report> {
    let (field_text, definition) = parse(field_url, bytes)?;
    let definition = definition
        .as_object()
        .filter(|d| d.get("field_type").is_some_and(Value::is_string))
        .ok_or_else(|| {
            not_documented(
                field_url,
                &field_text,
                0..0,
                "a field {\"name\", \"field_type\", ...}",
            )
        })?;
    Ok(kept(definition))
}

/// One view of an instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSummary {
    pub id: String,
    pub name: String,
}

/// Every view of the instance, following iconik's pages: its `next_url` where it gives one
/// (on this instance only), else its `pages`. The spec's ListObjectsSchema makes both
/// optional; a full page with neither is said in a note, as the list may go on.
pub fn list_views(client: &Client) -> Result<Vec<ViewSummary>, Report> {
    let mut views = Vec::new();
    let mut ids = HashSet::new();
    let mut path = format!("/API/metadata/v1/views/?per_page={PER_PAGE}&page=1");
    for page in 1..=MOST_PAGES {
        let url = format!("{}{path}", client.base());
        let bytes = client.get(&path, &|| {
            format!("{} has no metadata views API", client.base())
        })?;
        let page_of = page_from_answer(&url, bytes)?;
        let mut new = 0;
        for view in page_of.views.iter().cloned() {
            if ids.insert(view.id.clone()) {
                new += 1;
                views.push(view);
            }
        }
        if new == 0 && !page_of.views.is_empty() {
            return Err(miette!(
                "iconik answered page {page} of its views with views it had already listed; stopped rather than loop"
            ));
        }
        if page_of.views.is_empty() {
            return Ok(views);
        }
        path = match (&page_of.next, page_of.pages) {
            (Some(next), _) => next_path(client.base(), next).ok_or_else(|| {
                miette!(
                    "iconik's next page of views is at {}, which is not {}; presetlint follows no link away from the instance",
                    crate::base::shown::escape_controls(next),
                    client.base()
                )
            })?,
            (None, Some(pages)) if (page as u64) < pages => {
                format!("/API/metadata/v1/views/?per_page={PER_PAGE}&page={}", page + 1)
            }
            (None, Some(_)) => return Ok(views),
            (None, None) => {
                if page_of.views.len() >= PER_PAGE {
                    client.note(format!(
                        "iconik sent a full page of {PER_PAGE} views without next_url or pages; there may be more views than listed"
                    ));
                }
                return Ok(views);
            }
        };
    }
    Err(miette!(
        "iconik lists its views on more than {MOST_PAGES} pages of {PER_PAGE}; presetlint reads no further"
    ))
}

/// The path of iconik's `next_url` on this instance (`base`): a path under `/API/`, or a URL
/// that starts with the instance's own; `None` for anything else.
fn next_path(base: &str, next: &str) -> Option<String> {
    let path = match next.strip_prefix(base) {
        Some(rest) => rest,
        None if next.starts_with('/') => next,
        None => return None,
    };
    (path.starts_with("/API/") && !path.contains("..") && !path.contains(['\r', '\n', '#']))
        .then(|| path.to_owned())
}

/// One page of the view list as iconik answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub views: Vec<ViewSummary>,
    /// How many pages iconik says there are, if it says.
    pub pages: Option<u64>,
    /// The next page, if iconik says (`next_url`).
    pub next: Option<String>,
}

/// A page of the view list from iconik's answer to GET `url`.
pub fn page_from_answer(url: &str, bytes: Vec<u8>) -> Result<Page, Report> {
    let shape = "a page {\"objects\": [...], \"pages\": N}";
    let text = decode(url, bytes)?;
    let answer: PageAnswer =
        serde_json::from_str(&text).map_err(|err| json_error(url, &text, &err, shape))?;
    let Some(raw_objects) = answer.objects else {
        return Err(not_documented(url, &text, 0..0, shape));
    };
    let objects: Entries<PER_PAGE_READ> = serde_json::from_str(raw_objects.get())
        .map_err(|_| not_documented(url, &text, range_in(&text, raw_objects), shape))?;
    let mut views = Vec::with_capacity(objects.0.len());
    for object in &objects.0 {
        let view = serde_json::from_str::<RawSummary>(object.get())
            .ok()
            .and_then(|v| Some((v.id?, v.name)))
            .ok_or_else(|| {
                not_documented(
                    url,
                    &text,
                    range_in(&text, object),
                    "a view {\"id\", \"name\"}",
                )
            })?;
        views.push(ViewSummary {
            id: view.0,
            name: view.1.unwrap_or_default(),
        });
    }
    Ok(Page {
        views,
        pages: answer.pages,
        next: answer.next_url.filter(|n| !n.is_empty()),
    })
}

/// The most entries one page of views is read with (iconik sends at most `per_page`).
const PER_PAGE_READ: usize = 10 * PER_PAGE;

/// A page of the view list, its views borrowed.
#[derive(serde::Deserialize)]
struct PageAnswer<'a> {
    #[serde(borrow, default)]
    objects: Option<&'a RawValue>,
    #[serde(default)]
    pages: Option<u64>,
    #[serde(default)]
    next_url: Option<String>,
}

/// A view as a listing shows it.
#[derive(serde::Deserialize)]
struct RawSummary {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
}
