//! `presetlint view pull` / `view list` and `iconik:VIEW_ID`, against a local server that
//! answers as iconik's API documentation says (tests/it/iconik_server): the written file,
//! every error a user can act on, the cache, and that every command and the language server
//! judge against a pulled view exactly as against the same view given as a file. The
//! credentials appear in no output and no file.

use std::path::Path;
use std::time::Duration;

use crate::common::{Run, run_with_env};
use crate::iconik_server::spec::{answer, fixture, fixture_text};
use crate::iconik_server::{Reply, Routes, Server};

const ID: &str = "3c7f0a52-5d7e-11ef-8b1f-0242ac120002";
const APP_ID: &str = "app-4242-appid";
const TOKEN: &str = "tok-SECRET-9f8e7d";

/// What `view pull` writes for view-dailies.json: sorted keys, no timestamps, the view's settings over the
/// fields', the fields in the view's order.
const PULLED: &str = r#"{
  "id": "3c7f0a52-5d7e-11ef-8b1f-0242ac120002",
  "name": "Dailies",
  "view_fields": [
    {
      "field_type": "string",
      "label": "Project",
      "multi": false,
      "name": "project",
      "read_only": false,
      "required": true
    },
    {
      "field_type": "integer",
      "label": "Shoot Day",
      "max_value": 365,
      "min_value": 1,
      "multi": false,
      "name": "shoot_day",
      "required": true
    },
    {
      "field_type": "drop_down",
      "label": "Camera",
      "multi": false,
      "name": "camera",
      "options": [
        {
          "label": "A Camera",
          "value": "A"
        },
        {
          "label": "B Camera",
          "value": "B"
        }
      ]
    },
    {
      "field_type": "drop_down",
      "label": "Crew",
      "multi": true,
      "name": "crew",
      "options": [],
      "source_url": "https://crew.example/api/options"
    }
  ]
}
"#;

fn view_path() -> String {
    format!("/API/metadata/v1/views/{ID}/")
}

/// iconik's answer to GET the view: its fields merged (the spec's default).
fn view() -> String {
    fixture_text("view-dailies.json")
}

fn routes() -> Routes {
    Routes::from([(view_path(), vec![fixture("view-dailies.json")])])
}

/// The view answered without its fields merged (`merge_fields=false`, the shape the spec
/// gives views in the list), and the definitions of its fields.
fn unmerged_routes() -> Routes {
    let mut routes = Routes::from([(view_path(), vec![fixture("unmerged-view-dailies.json")])]);
    for name in ["project", "shoot_day", "camera", "crew"] {
        routes.insert(
            format!("/API/metadata/v1/fields/{name}/"),
            vec![fixture(&format!("field-{name}.json"))],
        );
    }
    routes
}

/// A folder to run in, with its own cache.
struct Session {
    dir: tempfile::TempDir,
    server: Server,
}

impl Session {
    fn new(routes: Routes) -> Session {
        Session {
            dir: tempfile::tempdir().unwrap(),
            server: Server::start(routes),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ICONIK_URL", self.server.url.clone()),
            ("ICONIK_APP_ID", APP_ID.into()),
            ("ICONIK_AUTH_TOKEN", TOKEN.into()),
            (
                "PRESETLINT_CACHE_DIR",
                self.root().join("cache").display().to_string(),
            ),
        ]
    }

    fn run(&self, args: &[&str]) -> Run {
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = run_with_env(self.root(), args, &env);
        for secret in [TOKEN, APP_ID] {
            assert!(
                !r.stdout.contains(secret) && !r.stderr.contains(secret),
                "a credential in the output of {args:?}: {}{}",
                r.stdout,
                r.stderr
            );
        }
        r
    }

    /// No file under the session's folder holds a credential.
    fn assert_no_secret_written(&self) {
        for (name, content) in crate::common::snapshot(self.root()) {
            let text = String::from_utf8_lossy(content.as_deref().unwrap_or_default()).into_owned();
            assert!(
                !text.contains(TOKEN) && !text.contains(APP_ID),
                "{name} holds a credential"
            );
        }
    }
}

#[test]
fn pull_writes_the_view_with_its_fields_sorted_and_stable() {
    let s = Session::new(routes());
    let r = s.run(&["view", "pull", ID, "--output", "views/dailies.json"]);
    assert_eq!(r.code, 2, "the folder views/ does not exist: {}", r.stderr);
    std::fs::create_dir(s.root().join("views")).unwrap();
    let r = s.run(&["view", "pull", ID, "--output", "views/dailies.json"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "presetlint: wrote the view {ID} from {} to views/dailies.json\n",
            s.server.url
        )
    );
    assert_eq!(
        std::fs::read_to_string(s.root().join("views/dailies.json")).unwrap(),
        PULLED
    );
    // To standard output without --output, byte for byte the same.
    let r = s.run(&["view", "pull", ID]);
    assert_eq!((r.code, r.stdout.as_str()), (0, PULLED));
    // iconik's headers, on every request; the view carries its fields (merged, the spec's
    // default), so nothing else is asked for.
    let seen = s.server.seen.lock().unwrap().clone();
    assert!(seen.iter().all(
        |r| r.headers.get("app-id").map(String::as_str) == Some(APP_ID)
            && r.headers.get("auth-token").map(String::as_str) == Some(TOKEN)
    ));
    assert_eq!(s.server.paths(), [view_path(), view_path(), view_path()]);
    s.assert_no_secret_written();
}

/// A view answered without its fields merged: each field's definition is asked for once, the
/// view's settings winning over the field's (its label, required); the same file is written.
#[test]
fn pull_without_merged_fields_looks_up_each_field_once() {
    let s = Session::new(unmerged_routes());
    let r = s.run(&["view", "pull", ID]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, PULLED, "")
    );
    assert_eq!(
        s.server.paths(),
        [
            view_path().as_str(),
            "/API/metadata/v1/fields/project/",
            "/API/metadata/v1/fields/shoot_day/",
            "/API/metadata/v1/fields/camera/",
            "/API/metadata/v1/fields/crew/"
        ]
    );
    s.assert_no_secret_written();
}

#[test]
fn list_follows_the_pages() {
    let page = |n: u32, objects: &str| {
        vec![answer(
            "MetadataViewsSchema",
            format!(
                r#"{{"objects": [{objects}], "page": {n}, "pages": 2, "per_page": 100, "total": 3}}"#
            ),
        )]
    };
    let s = Session::new(Routes::from([
        (
            "/API/metadata/v1/views/?per_page=100&page=1".into(),
            page(
                1,
                r#"{"id": "a1", "name": "Dailies", "view_fields": []}, {"id": "b2", "name": "Legal\u0007", "view_fields": []}"#,
            ),
        ),
        (
            "/API/metadata/v1/views/?per_page=100&page=2".into(),
            page(2, r#"{"id": "c3", "name": "Archive", "view_fields": []}"#),
        ),
    ]));
    let r = s.run(&["view", "list"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "a1\tDailies\nb2\tLegal\\u{7}\nc3\tArchive\n"),
        "{}",
        r.stderr
    );
}

/// iconik's `next_url` is followed where it gives one (the spec's ListObjectsSchema has it
/// besides `pages`, both optional), on this instance only; a full page with neither is
/// said in a note.
#[test]
fn list_follows_next_url_on_this_instance_only() {
    let first = "/API/metadata/v1/views/?per_page=100&page=1";
    let objects = |ids: std::ops::Range<u32>| -> String {
        ids.map(|i| format!(r#"{{"id": "v{i}", "name": "View {i}", "view_fields": []}}"#))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let s = Session::new(Routes::from([
        (
            first.into(),
            vec![answer(
                "MetadataViewsSchema",
                format!(
                    r#"{{"objects": [{}], "next_url": "/API/metadata/v1/views/?per_page=100&scroll_id=abc"}}"#,
                    objects(0..2)
                ),
            )],
        ),
        (
            "/API/metadata/v1/views/?per_page=100&scroll_id=abc".into(),
            vec![answer(
                "MetadataViewsSchema",
                format!(r#"{{"objects": [{}], "next_url": null}}"#, objects(2..3)),
            )],
        ),
    ]));
    let r = s.run(&["view", "list"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "v0\tView 0\nv1\tView 1\nv2\tView 2\n", ""),
    );
    // A next page on another origin is not followed: the token would go with it.
    let other = crate::iconik_server::Server::start_on("127.0.0.2", Routes::new());
    s.server.route(
        first,
        vec![answer(
            "MetadataViewsSchema",
            format!(
                r#"{{"objects": [{}], "next_url": "{}/API/metadata/v1/views/?page=2"}}"#,
                objects(0..1),
                other.url
            ),
        )],
    );
    let r = s.run(&["view", "list"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        crate::common::unwrapped(&r.stderr).contains(&format!(
            "iconik's next page of views is at {}/API/metadata/v1/views/?page=2, which is not {}; presetlint follows no link away from the instance",
            other.url, s.server.url
        )),
        "{}",
        r.stderr
    );
    assert!(other.paths().is_empty());
    // A full page without paging keys: listed, and said.
    s.server.route(
        first,
        vec![answer(
            "MetadataViewsSchema",
            format!(r#"{{"objects": [{}]}}"#, objects(0..100)),
        )],
    );
    let r = s.run(&["view", "list"]);
    assert_eq!((r.code, r.stdout.lines().count()), (0, 100), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "presetlint: note: iconik sent a full page of 100 views without next_url or pages; there may be more views than listed\n"
    );
}

/// Each error exits 2 with a message that says what to change, and writes nothing.
#[test]
fn errors_a_user_can_act_on() {
    let s = Session::new(routes());
    let error_of = |reply: Reply, extra: &[&str]| -> String {
        s.server.route(&view_path(), vec![reply]);
        let mut args = vec!["view", "pull", ID, "--output", "v.json"];
        args.extend(extra);
        let r = s.run(&args);
        assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
        assert!(!s.root().join("v.json").exists());
        crate::common::unwrapped(&r.stderr)
    };
    let url = format!("{}{}", s.server.url, view_path());
    let e = error_of(Reply::Json(401, "{}".into()), &[]);
    assert!(
        e.contains(&format!(
            "iconik answered HTTP 401 Unauthorized to GET {url}: check ICONIK_AUTH_TOKEN"
        )),
        "{e}"
    );
    let e = error_of(Reply::Json(403, "{}".into()), &[]);
    assert!(
        e.contains("HTTP 403 Forbidden") && e.contains("ICONIK_APP_ID"),
        "{e}"
    );
    // What iconik said is shown, and the roles a token needs are named.
    let e = error_of(
        Reply::Json(
            403,
            r#"{"errors": ["You don't have permission", "token tok-SECRET-9f8e7d"]}"#.into(),
        ),
        &[],
    );
    assert_eq!(
        e,
        format!(
            "  x iconik answered HTTP 403 Forbidden to GET {url} (iconik said: You don't have permission; token *****************): check ICONIK_AUTH_TOKEN (a token of this instance whose user has the roles can_read_metadata_views and can_read_metadata_fields) and ICONIK_APP_ID (its application)\n\n"
        )
    );
    let e = error_of(Reply::Json(404, "{}".into()), &[]);
    assert!(
        e.contains(&format!(
            "no view {ID} on {}: iconik answered HTTP 404 Not Found",
            s.server.url
        )),
        "{e}"
    );
    let e = error_of(Reply::Json(429, "{}".into()), &["--retries", "0"]);
    assert!(
        e.contains("HTTP 429 Too Many Requests") && e.contains("(tried 1 times)"),
        "{e}"
    );
    // 501 is no passing trouble: not tried again, whatever --retries allows.
    let before = s.server.paths().len();
    let e = error_of(Reply::Json(501, "{}".into()), &["--retries", "3"]);
    assert_eq!(
        e,
        format!("  x iconik answered HTTP 501 Not Implemented to GET {url}\n\n")
    );
    assert_eq!(s.server.paths().len(), before + 1);
    let e = error_of(Reply::Json(503, "{}".into()), &["--retries", "0"]);
    assert!(
        e.contains("HTTP 503 Service Unavailable") && e.contains("(tried 1 times)"),
        "{e}"
    );
    let e = error_of(
        Reply::Slow(Duration::from_secs(3), Box::new(Reply::Json(200, view()))),
        &["--timeout", "0.5"],
    );
    assert!(
        e.contains("did not finish answering GET")
            && e.contains("within 0.5 s (--timeout SECONDS waits longer)"),
        "{e}"
    );
    let e = error_of(Reply::Drop, &["--retries", "0"]);
    assert!(
        e.contains(&s.server.url) && e.contains("(tried 1 times)"),
        "{e}"
    );
    let e = error_of(Reply::Json(200, r#"{"view_fields": 3}"#.into()), &[]);
    // The `3` is at column 17: the snippet is placed there and points at it.
    assert_eq!(
        e,
        format!(
            "  x {url}: not the documented shape of iconik's API: expected an object with \"view_fields\": [{{\"name\": ...}}, ...]\n   ,-[{url}:1:17]\n 1 | {{\"view_fields\": 3}}\n   :                 |\n   :                 `-- here\n   `----\n\n"
        )
    );
    let e = error_of(Reply::Json(200, "<html>login</html>".into()), &[]);
    assert!(e.contains("the answer is not JSON"), "{e}");
    let r = s.run(&["view", "pull", "../etc/passwd"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("is not an iconik view id"),
        "{}",
        r.stderr
    );
    // https:// to a server that speaks plain HTTP: the TLS handshake fails, and says so.
    let https = s.server.url.replace("http://", "https://");
    let r = run_with_env(
        s.root(),
        &["view", "pull", ID, "--retries", "0"],
        &[
            ("ICONIK_URL", &https),
            ("ICONIK_APP_ID", APP_ID),
            ("ICONIK_AUTH_TOKEN", TOKEN),
        ],
    );
    assert_eq!(r.code, 2);
    let e = crate::common::unwrapped(&r.stderr);
    assert!(e.contains(&format!("TLS with {https} failed")), "{e}");
    assert!(!e.contains(TOKEN) && !e.contains(APP_ID));
    // No credentials: the variable is named (and, were it not, the request would go to this
    // session's server, never to the network).
    let r = run_with_env(
        s.root(),
        &["view", "pull", ID],
        &[
            ("ICONIK_URL", s.server.url.as_str()),
            ("ICONIK_APP_ID", ""),
            ("ICONIK_AUTH_TOKEN", ""),
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("ICONIK_APP_ID is not set"),
        "{}",
        r.stderr
    );
    s.assert_no_secret_written();
}

/// 429 and 5xx are tried again after the Retry-After iconik asks for.
#[test]
fn retries_honour_retry_after() {
    let s = Session::new(routes());
    let busy = Reply::Full(429, vec![("Retry-After".into(), "1".into())], "{}".into());
    s.server.route(
        &view_path(),
        vec![
            busy,
            Reply::Json(502, "{}".into()),
            Reply::Json(200, view()),
        ],
    );
    let r = s.run(&["view", "pull", ID, "--retries", "2"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, PULLED), "{}", r.stderr);
    let url = format!("{}{}", s.server.url, view_path());
    assert_eq!(
        r.stderr,
        format!(
            "presetlint: note: iconik answered HTTP 429 Too Many Requests to GET {url}; tried again after 1 s, as its Retry-After asked\npresetlint: note: iconik answered HTTP 502 Bad Gateway to GET {url}; tried again after 1 s, backing off\n"
        )
    );
    assert_eq!(
        s.server
            .paths()
            .iter()
            .filter(|p| **p == view_path())
            .count(),
        3
    );
}

/// iconik's rate limit is 1,000 requests per token in 20 seconds: a 429 without Retry-After
/// waits the window out, and an answer that says few requests are left
/// (`RateLimit-Remaining`) spreads the next ones over the window rather than run into a 429.
#[test]
fn the_rate_window_is_waited_out_and_a_low_remaining_slows_down() {
    let s = Session::new(unmerged_routes());
    s.server.route(
        &view_path(),
        vec![
            Reply::Json(429, "{}".into()),
            Reply::Full(
                200,
                vec![("RateLimit-Remaining".into(), "9".into())],
                fixture_text("unmerged-view-dailies.json"),
            ),
        ],
    );
    let r = s.run(&["view", "pull", ID, "--retries", "1"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, PULLED), "{}", r.stderr);
    let url = format!("{}{}", s.server.url, view_path());
    assert_eq!(
        r.stderr,
        format!(
            "presetlint: note: iconik answered HTTP 429 Too Many Requests to GET {url}; tried again after 20 s, for iconik's 20-second rate window to pass\n\
             presetlint: note: iconik said 9 requests are left in its 20-second rate window (RateLimit-Remaining); waited 2 s before the next\n"
        )
    );
}

const PRESET: &str = r#"{
  "iconikSidecarExtensions": [".R3D"],
  "iconikSidecarElements": ["{project}", "{shoot_day}", "{Camera}", "{crew}"]
}
"#;

/// check, preview, generate and audit give the same answer with `--view iconik:ID` (and with
/// the config's `view = "iconik:ID"`) as with the pulled file; the language server, which
/// never fetches, the same again from the cache.
#[test]
fn every_command_judges_a_pulled_view_as_the_file() {
    let s = Session::new(routes());
    let root = s.root();
    std::fs::write(root.join("preset.json"), PRESET).unwrap();
    crate::common::touch(root, &["RAID/A001.R3D"]);
    std::fs::write(
        root.join("RAID/A001.R3D.json"),
        r#"{"metadata_values": {"project": {"field_values": [{"value": "PRX"}]}, "shoot_day": {"field_values": [{"value": "Day 3"}]}, "crew": {"field_values": [{"value": "anyone"}]}}}"#,
    )
    .unwrap();
    assert_eq!(
        s.run(&["view", "pull", ID, "--output", "view.json"]).code,
        0
    );
    let remote = format!("iconik:{ID}");
    let values = [
        "--set",
        "project=PRX",
        "--set",
        "shoot_day=400",
        "--set",
        "Camera=A Camera",
        "--set",
        "crew=x",
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", "--format", "concise", "preset.json"],
        [
            &["preview", "preset.json", "--clip", "RAID/A001.R3D"][..],
            &values,
        ]
        .concat(),
        [
            &[
                "generate",
                "preset.json",
                "--destination",
                "RAID",
                "--dry-run",
            ][..],
            &values,
        ]
        .concat(),
        vec!["audit", "RAID", "--format", "concise"],
    ];
    for command in &commands {
        let with_file = s.run(&[&command[..], &["--view", "view.json"]].concat());
        let pulled = s.run(&[&command[..], &["--view", &remote]].concat());
        assert_eq!(pulled.stdout, with_file.stdout, "{command:?}");
        assert_eq!(pulled.code, with_file.code, "{command:?}");
        assert!(
            !with_file.stdout.is_empty() || command[0] == "check",
            "{command:?} reports nothing"
        );
    }
    // The config's view = "iconik:ID": the cache is fresh, so the server is not asked again.
    std::fs::write(
        root.join("presetlint.toml"),
        format!("view = \"{remote}\"\n"),
    )
    .unwrap();
    let asked = s.server.paths().len();
    let from_config = s.run(&commands[3]);
    let with_file = s.run(&[&commands[3][..], &["--view", "view.json"]].concat());
    assert_eq!(from_config.stdout, with_file.stdout);
    assert_eq!(
        s.server.paths().len(),
        asked,
        "a fresh cache is not fetched again"
    );
    assert!(
        from_config.stdout.contains("\"Day 3\" is not an integer"),
        "{}",
        from_config.stdout
    );
    assert!(
        !from_config.stdout.contains("anyone"),
        "a drop-down with options from a URL is not judged"
    );
    s.assert_no_secret_written();
}

/// A stale cache is fetched again; when iconik cannot be reached, the stale copy is used with
/// a warning that says how old it is; with no copy at all, the run stops.
#[test]
fn the_cache_is_used_offline_with_its_age() {
    let s = Session::new(routes());
    let root = s.root();
    std::fs::write(root.join("preset.json"), PRESET).unwrap();
    std::fs::write(
        root.join("presetlint.toml"),
        format!("view = \"iconik:{ID}\"\nview-cache-ttl = 0\n"),
    )
    .unwrap();
    let first = s.run(&["check", "--format", "concise", "preset.json"]);
    assert_eq!(
        first.stderr,
        "Found 1 error, 1 info (1 fixable with --fix --unsafe-fixes).\n"
    );
    // A field of the pulled view that no preset feeds is shown at the config's `view` line,
    // not in the cached copy outside the repository.
    assert_eq!(
        first
            .stdout
            .lines()
            .filter(|l| l.contains("PL953"))
            .collect::<Vec<_>>(),
        [
            "presetlint.toml:1:8: info[PL953 view-field-unfed] no preset of the run feeds the field \"camera\": no preset has the element \"{camera}\""
        ]
    );
    s.server
        .route(&view_path(), vec![Reply::Json(404, "{}".into())]);
    // The copy dated three and a half days back: its age is what the warning says, whatever
    // the time the runs take.
    let host = s.server.url.trim_start_matches("http://").replace(':', "_");
    let copy = root
        .join("cache/views")
        .join(host)
        .join(presetlint::iconik::token_folder(Some(APP_ID)))
        .join(format!("{ID}.json"));
    std::fs::File::options()
        .write(true)
        .open(&copy)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(84 * 3600))
        .unwrap();
    let offline = s.run(&["check", "--format", "concise", "preset.json"]);
    assert_eq!(offline.stdout, first.stdout);
    assert_eq!(offline.code, first.code);
    assert!(
        offline.stderr.starts_with(&format!(
            "presetlint: warning: cannot fetch the view iconik:{ID} (no view {ID} on {}",
            s.server.url
        )),
        "{}",
        offline.stderr
    );
    assert!(
        offline
            .stderr
            .contains("; using the copy cached 3 days ago"),
        "{}",
        offline.stderr
    );
    std::fs::remove_dir_all(root.join("cache")).unwrap();
    let none = s.run(&["check", "--format", "concise", "preset.json"]);
    assert_eq!(none.code, 2, "{}", none.stderr);
    assert!(
        crate::common::unwrapped(&none.stderr).contains(&format!("no view {ID} on")),
        "{}",
        none.stderr
    );
}

#[test]
fn the_language_server_takes_the_cached_view_and_never_fetches() {
    let s = Session::new(routes());
    let root = s.root();
    std::fs::write(
        root.join("presetlint.toml"),
        format!("view = \"iconik:{ID}\"\n"),
    )
    .unwrap();
    let env = s.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let uri = format!("file://{}/preset.json", root.display());
    // Not cached yet: the server lints without the view, and asks iconik nothing.
    let mut client = crate::lsp_client::Client::in_workspace_with_env(root, &env);
    client.open(&uri, PRESET);
    let without = client.diagnostics(&uri);
    client.shutdown_and_exit();
    assert!(
        s.server.paths().is_empty(),
        "the language server fetched {:?}",
        s.server.paths()
    );
    // Cached by a check: the same findings as check gives.
    std::fs::write(root.join("preset.json"), PRESET).unwrap();
    // PL953 is on the view file, which the language server does not publish.
    let check = s.run(&[
        "check",
        "--format",
        "json",
        "--ignore",
        "PL953",
        "preset.json",
    ]);
    let mut client = crate::lsp_client::Client::in_workspace_with_env(root, &env);
    client.open(&uri, PRESET);
    let with = client.diagnostics(&uri);
    client.shutdown_and_exit();
    let codes = |diagnostics: &serde_json::Value| -> Vec<String> {
        diagnostics["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let check: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let check_codes: Vec<String> = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes(&with), check_codes);
    assert!(check_codes.contains(&"PL601".to_owned()), "{check_codes:?}");
    assert!(!codes(&without).contains(&"PL601".to_owned()));
}

/// A view as iconik serves it (tests/fixtures/iconik/answers/view-as-iconik-sends-it.json):
/// a tag cloud without `multi` (iconik's "multiple choices"), a drop-down option without a
/// label (the spec requires neither key), fields named in CamelCase with their types given
/// (no lookup), one with a `mapped_field_name` (the embedded XMP/IPTC/EXIF key iconik fills it
/// from at upload, not a sidecar's key). It pulls, and several tags, the unlabelled option's
/// value and the field's own name are judged without a false finding.
#[test]
fn a_real_view_pulls_and_judges_without_a_false_finding() {
    let s = Session::new(Routes::from([(
        view_path(),
        vec![fixture("view-as-iconik-sends-it.json")],
    )]));
    let root = s.root();
    std::fs::write(
        root.join("preset.json"),
        r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Keywords}", "{CameraRoll}", "{StorageTier}"]}"#,
    )
    .unwrap();
    let remote = format!("iconik:{ID}");
    let r = s.run(&[
        "preview",
        "preset.json",
        "--clip",
        "RAID/A001.R3D",
        "--view",
        &remote,
        "--set",
        "StorageTier=nearline",
        "--set",
        "Keywords=day",
        "--set",
        "Keywords=night",
        "--set",
        "Keywords=exterior",
        "--set",
        "CameraRoll=A",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let preview: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let text = preview.to_string();
    assert!(!text.contains("PL70"), "{text}");
    // The sidecar's key is the field's name, not its mapped (embedded metadata) name.
    assert_eq!(
        preview["sidecar"]["fields"][2],
        serde_json::json!({"name": "StorageTier", "values": ["nearline"]}),
        "{text}"
    );
    // Only the view was asked for: the fields carry their types.
    assert_eq!(s.server.paths(), [view_path()]);
    let r = s.run(&[
        "check",
        "preset.json",
        "--view",
        &remote,
        "--format",
        "concise",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "", "All checks passed.\n")
    );
    let pulled = s.run(&["view", "pull", ID]);
    assert_eq!(pulled.code, 0, "{}", pulled.stderr);
    assert!(
        pulled
            .stdout
            .contains("\"options\": [\n        {\n          \"value\": \"A\"\n        },"),
        "{}",
        pulled.stdout
    );
    // A value the drop-down does not offer is still a finding.
    let r = s.run(&[
        "preview",
        "preset.json",
        "--clip",
        "RAID/A001.R3D",
        "--view",
        &remote,
        "--set",
        "CameraRoll=Z",
    ]);
    assert!(r.stdout.contains("PL702"), "{}{}", r.stdout, r.stderr);
}

/// iconik splits a view into groups with dividers. The spec does not describe them; they come
/// as entries without a field type (which iconik has no field definition for) or without a
/// name. Each is skipped with a note that names it, and the view judges as without them.
#[test]
fn dividers_are_skipped_with_a_note_that_names_them() {
    let view = r#"{"id": "3c7f0a52-5d7e-11ef-8b1f-0242ac120002", "name": "Dailies", "view_fields": [
      {"name": "project", "label": "Project", "field_type": "string", "required": true},
      {"name": "__divider_camera", "label": "Camera department"},
      {"label": "Sound"},
      {"name": "Keywords", "label": "Keywords", "field_type": "tag_cloud"},
      {"name": "CameraRoll", "label": "Camera", "field_type": "drop_down",
       "options": [{"value": "A"}, {"label": "B"}]}
    ]}"#;
    let s = Session::new(Routes::from([(
        view_path(),
        vec![Reply::Json(200, view.into())],
    )]));
    let r = s.run(&["view", "pull", ID]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pulled: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = pulled["view_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["project", "Keywords", "CameraRoll"]);
    assert_eq!(
        r.stderr,
        format!(
            "presetlint: note: skipped the entry \"Sound\" (number 3) of the view {ID}: it has no field name, so it is not a field (a divider, say)\n\
             presetlint: note: skipped the entry \"Camera department\" (number 2) of the view {ID}: iconik has no field named \"__divider_camera\" (a divider, or a field deleted since)\n"
        )
    );
    assert_eq!(
        s.server.paths(),
        [
            view_path(),
            "/API/metadata/v1/fields/__divider_camera/".to_owned()
        ]
    );
    // The same view saved as a file (an export): judged the same, its dividers named once.
    let root = s.root();
    std::fs::write(root.join("export.json"), view).unwrap();
    std::fs::write(
        root.join("preset.json"),
        r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{project}", "{Keywords}"]}"#,
    )
    .unwrap();
    let r = s.run(&[
        "check",
        "preset.json",
        "--view",
        "export.json",
        "--format",
        "concise",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "",
            "presetlint: warning: the view \"Dailies\" skips the entry \"Camera department\" (number 2), the entry \"Sound\" (number 3) (no \"field_type\": not a field, a divider say)\nAll checks passed.\n"
        )
    );
}

/// Views have ACLs: a copy cached for one application token is never used for another on
/// the same instance.
#[test]
fn the_cache_is_kept_per_application() {
    let s = Session::new(routes());
    let root = s.root();
    std::fs::write(root.join("preset.json"), PRESET).unwrap();
    let remote = format!("iconik:{ID}");
    let check = [
        "check",
        "--format",
        "concise",
        "--view",
        &remote,
        "preset.json",
    ];
    assert_ne!(s.run(&check).code, 2);
    // iconik now refuses: the first application still has its copy; another has none.
    s.server
        .route(&view_path(), vec![Reply::Json(403, "{}".into())]);
    let env = s.env();
    let mut other: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    other.retain(|(k, _)| *k != "ICONIK_APP_ID");
    other.push(("ICONIK_APP_ID", "another-app-77"));
    let r = run_with_env(root, &check, &other);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("HTTP 403"), "{}", r.stderr);
    let mut folders: Vec<String> = std::fs::read_dir(
        root.join("cache/views")
            .join(s.server.url.trim_start_matches("http://").replace(':', "_")),
    )
    .unwrap()
    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
    .collect();
    folders.sort();
    assert_eq!(folders, [presetlint::iconik::token_folder(Some(APP_ID))]);
}

const STORAGE: &str = "5b1e7c40-8a2d-11ef-9c3a-0242ac120002";

fn storage_path(id: &str) -> String {
    format!("/API/files/v1/storages/{id}/")
}

/// `view pull --storage`: the view the storage's gateway reads sidecars into, found from the
/// storage's settings (no view id to look up), kept with the settings that change what a
/// sidecar is for. Same errors and cache as a view pulled by id.
#[test]
fn pull_by_storage_keeps_the_gateways_settings() {
    let mut routes = routes();
    routes.insert(storage_path(STORAGE), vec![fixture("storage-raid.json")]);
    let s = Session::new(routes);
    let r = s.run(&[
        "view",
        "pull",
        "--storage",
        STORAGE,
        "--output",
        "raid.json",
    ]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "presetlint: wrote the view of the storage {STORAGE} from {} to raid.json\n",
            s.server.url
        )
    );
    let expected = PULLED.replace(
        "  \"name\": \"Dailies\",\n",
        &format!(
            "  \"name\": \"Dailies\",\n  \"storage\": {{\n    \"id\": \"{STORAGE}\",\n    \"name\": \"RAID\",\n    \"scan_ignore\": [\n      \"*.iconikagent\",\n      \"media cache\",\n      \"re:/(?i).*_proxy\\\\.mov$/\"\n    ],\n    \"scan_include\": [],\n    \"sidecar_metadata_required\": true\n  }},\n"
        ),
    );
    assert_eq!(
        std::fs::read_to_string(s.root().join("raid.json")).unwrap(),
        expected
    );
    assert_eq!(s.server.paths(), [storage_path(STORAGE), view_path()]);
    // A storage without a metadata view, and one that does not exist: exit 2, said.
    let archive = "9d0c1f22-8a2d-11ef-9c3a-0242ac120002";
    s.server.route(
        &storage_path(archive),
        vec![fixture("storage-no-view.json")],
    );
    let r = s.run(&["view", "pull", "--storage", archive]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert!(
        crate::common::unwrapped(&r.stderr).contains(&format!(
            "the storage \"Archive\" ({archive}) has no metadata view in its settings: its gateway reads no sidecar into iconik"
        )),
        "{}",
        r.stderr
    );
    let r = s.run(&["view", "pull", "--storage", "0000-missing"]);
    assert_eq!(r.code, 2);
    assert!(
        crate::common::unwrapped(&r.stderr).contains(&format!(
            "no storage 0000-missing on {}: iconik answered HTTP 404",
            s.server.url
        )),
        "{}",
        r.stderr
    );
    let r = s.run(&["view", "pull", ID, "--storage", STORAGE]);
    assert_eq!(r.code, 2, "a view id and a storage are one too many");
    s.assert_no_secret_written();
}

/// audit with the view of a storage (`iconik:storage:ID`, pulled into the cache): a clip the
/// gateway ignores needs no sidecar; a missing one is said to keep the clip from ever being
/// ingested, as the storage waits for sidecars.
#[test]
fn audit_follows_the_gateway_of_the_storage() {
    let mut routes = routes();
    routes.insert(storage_path(STORAGE), vec![fixture("storage-raid.json")]);
    let s = Session::new(routes);
    let root = s.root();
    std::fs::write(
        root.join("preset.json"),
        r#"{"iconikSidecarExtensions": [".R3D", ".MOV"], "iconikSidecarElements": ["{project}"]}"#,
    )
    .unwrap();
    for clip in [
        "RAID/A001/A001C001.R3D",
        "RAID/A001/A001C001_proxy.mov",
        "RAID/Media Cache/A001C001.mov",
    ] {
        let path = root.join(clip);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"clip").unwrap();
    }
    let remote = format!("iconik:storage:{STORAGE}");
    let audit = [
        "audit",
        "RAID",
        "--preset",
        "preset.json",
        "--view",
        &remote,
        "--format",
        "concise",
    ];
    let r = s.run(&audit);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "RAID/A001/A001C001.R3D:1:1: error[PL805 sidecar-missing] the clip \"A001C001.R3D\" has no sidecar, and the preset gives it one: extension entry \".R3D\" matches (ignoring case); the storage \"RAID\"'s gateway waits for a sidecar (sidecar_metadata_required), so the clip is never ingested\n"
        ),
        "{}",
        r.stderr
    );
    // Without the storage's settings, the clips its gateway ignores are missing sidecars too.
    let r = s.run(&[
        "audit",
        "RAID",
        "--preset",
        "preset.json",
        "--format",
        "concise",
    ]);
    assert_eq!(r.stdout.matches("[PL805 ").count(), 3, "{}", r.stdout);
    assert!(!r.stdout.contains("never ingested"), "{}", r.stdout);
    // Cached: the second run asks iconik nothing.
    let asked = s.server.paths().len();
    assert_eq!(s.run(&audit).code, 1);
    assert_eq!(s.server.paths().len(), asked);
    let cached = root
        .join("cache/views")
        .join(s.server.url.trim_start_matches("http://").replace(':', "_"))
        .join(presetlint::iconik::token_folder(Some(APP_ID)))
        .join(format!("storage-{STORAGE}.json"));
    assert!(cached.is_file(), "{}", cached.display());
}

/// iconik accepts the connection and never answers: with a cached copy, a run gives it 2 s,
/// uses the copy and says so, and the next runs do not ask again until the time to live has
/// passed; `--offline` and PRESETLINT_OFFLINE=1 fetch nothing.
#[test]
fn a_silent_iconik_never_stalls_a_run_with_a_copy() {
    let s = Session::new(routes());
    let root = s.root();
    std::fs::write(root.join("preset.json"), PRESET).unwrap();
    let remote = format!("iconik:{ID}");
    let check = [
        "check",
        "preset.json",
        "--view",
        &remote,
        "--format",
        "concise",
    ];
    let first = s.run(&check);
    assert_ne!(first.code, 2, "{}", first.stderr);
    // The copy is an hour old, and iconik now never answers.
    let cached = root
        .join("cache/views")
        .join(s.server.url.trim_start_matches("http://").replace(':', "_"))
        .join(presetlint::iconik::token_folder(Some(APP_ID)))
        .join(format!("{ID}.json"));
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&cached)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    s.server.route(
        &view_path(),
        vec![Reply::Slow(
            Duration::from_secs(60),
            Box::new(fixture("view-dailies.json")),
        )],
    );
    let asked = s.server.paths().len();
    let r = s.run(&check);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (first.code, first.stdout.as_str())
    );
    assert!(
        r.stderr.starts_with(&format!(
            "presetlint: warning: cannot fetch the view iconik:{ID} ({} did not finish answering GET {}{} within 2 s",
            s.server.url,
            s.server.url,
            view_path()
        )) && r.stderr.contains("); using the copy cached 1 h 0 min ago (tried again after 10 min)\n"),
        "{}",
        r.stderr
    );
    assert_eq!(s.server.paths().len(), asked + 1, "one try, no retry");
    // The next run does not wait again: it says when iconik was last tried.
    let r = s.run(&check);
    assert_eq!(r.code, first.code);
    assert!(
        r.stderr.starts_with("presetlint: warning: iconik could not be reached ")
            && r.stderr.contains(&format!(
                "; using the view iconik:{ID} cached 1 h 0 min ago (tried again after 10 min; `presetlint view pull {ID}` fetches it now)\n"
            )),
        "{}",
        r.stderr
    );
    assert_eq!(s.server.paths().len(), asked + 1);
    // Offline: the copy, said to be old; nothing asked.
    let mut offline = check.to_vec();
    offline.push("--offline");
    let r = s.run(&offline);
    assert_eq!(r.code, first.code);
    assert!(
        r.stderr.starts_with(&format!(
            "presetlint: warning: offline: the view iconik:{ID} is the copy cached 1 h 0 min ago\n"
        )),
        "{}",
        r.stderr
    );
    let env = s.env();
    let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.push(("PRESETLINT_OFFLINE", "1"));
    env.retain(|(k, _)| *k != "PRESETLINT_CACHE_DIR");
    let empty = root.join("empty-cache").display().to_string();
    env.push(("PRESETLINT_CACHE_DIR", &empty));
    let r = run_with_env(root, &check, &env);
    assert_eq!(r.code, 2);
    assert!(
        crate::common::unwrapped(&r.stderr).contains(&format!(
            "the view iconik:{ID} is not cached, and --offline (PRESETLINT_OFFLINE) fetches nothing"
        )),
        "{}",
        r.stderr
    );
    assert_eq!(s.server.paths().len(), asked + 1);
}
