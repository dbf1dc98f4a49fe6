//! Trust at every boundary (issue 22): iconik's credentials go only to ICONIK_URL's origin and
//! appear nowhere, whatever a server sends; what the user types never becomes a git option;
//! git's paths are taken byte for byte and never through a symbolic link; the cache is
//! presetlint's own; a side file that is not what it claims is named, not quoted; nothing a
//! run writes replaces a file it read. Each test failed on the main of stop 20.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::{Run, run, run_with_env, unwrapped};
use crate::iconik_server::{Reply, Routes, Server};

const ID: &str = "3c7f0a52-5d7e-11ef-8b1f-0242ac120002";
const APP_ID: &str = "app-4242-appid";
const TOKEN: &str = "tok-SECRET-9f8e7d";

const VIEW: &str = r#"{"id": "3c7f0a52-5d7e-11ef-8b1f-0242ac120002", "name": "Dailies",
 "view_fields": [{"name": "project", "label": "Project", "field_type": "string", "required": true}]}"#;

fn view_path() -> String {
    format!("/API/metadata/v1/views/{ID}/")
}

/// Runs presetlint against `url` with credentials and a cache folder in `root`; no output
/// ever holds a credential, nor does any file under `root`.
fn pull(root: &Path, url: &str, args: &[&str], extra_env: &[(&str, &str)]) -> Run {
    let cache = root.join("cache").display().to_string();
    let mut env = vec![
        ("ICONIK_URL", url),
        ("ICONIK_APP_ID", APP_ID),
        ("ICONIK_AUTH_TOKEN", TOKEN),
        ("PRESETLINT_CACHE_DIR", cache.as_str()),
    ];
    env.extend_from_slice(extra_env);
    let r = run_with_env(root, args, &env);
    for secret in [TOKEN, APP_ID] {
        assert!(
            !r.stdout.contains(secret) && !r.stderr.contains(secret),
            "a credential in the output of {args:?}: {}{}",
            r.stdout,
            r.stderr
        );
    }
    for (name, content) in crate::common::snapshot(root) {
        let text = String::from_utf8_lossy(content.as_deref().unwrap_or_default()).into_owned();
        assert!(
            !text.contains(TOKEN) && !text.contains(APP_ID),
            "{name} holds a credential"
        );
    }
    r
}

#[test]
fn credentials_never_follow_a_redirect_to_another_origin() {
    let elsewhere = Server::start_on(
        "127.0.0.2",
        Routes::from([(view_path(), vec![Reply::Json(200, VIEW.into())])]),
    );
    let target = format!("{}{}", elsewhere.url, view_path());
    let iconik = Server::start(Routes::from([(
        view_path(),
        vec![Reply::Full(
            302,
            vec![("Location".into(), target.clone())],
            String::new(),
        )],
    )]));
    let dir = tempfile::tempdir().unwrap();
    let r = pull(dir.path(), &iconik.url, &["view", "pull", ID], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        unwrapped(&r.stderr).trim(),
        format!(
            "x iconik at {0} redirected GET {0}{1} to \"{target}\"; presetlint sends iconik's credentials only to ICONIK_URL's own address, so it did not follow (set ICONIK_URL to the address iconik answers at)",
            iconik.url,
            view_path()
        )
    );
    assert!(elsewhere.paths().is_empty(), "{:?}", elsewhere.paths());

    // Within the origin a redirect is followed, with the credentials.
    let moved = "/API/metadata/v1/views/moved/";
    iconik.route(
        &view_path(),
        vec![Reply::Full(
            308,
            vec![("Location".into(), moved.into())],
            String::new(),
        )],
    );
    iconik.route(moved, vec![Reply::Json(200, VIEW.into())]);
    let r = pull(dir.path(), &iconik.url, &["view", "pull", ID], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let seen = iconik.seen.lock().unwrap().clone();
    let last = seen.last().unwrap();
    assert_eq!(last.path, moved);
    assert_eq!(
        last.headers.get("auth-token").map(String::as_str),
        Some(TOKEN)
    );
}

#[test]
fn plain_http_to_another_machine_is_refused_before_any_connection() {
    let dir = tempfile::tempdir().unwrap();
    // A name that cannot resolve: were it tried, the error would say so instead.
    let r = pull(
        dir.path(),
        "http://iconik.invalid",
        &["view", "pull", ID],
        &[],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        unwrapped(&r.stderr),
        "  x ICONIK_URL is \"http://iconik.invalid\": presetlint does not send iconik's token over plain HTTP to another machine, where anyone on the way can read it\n  help: use https://, or set PRESETLINT_ALLOW_HTTP=1 if this network is one you trust\n\n"
    );
}

#[test]
fn credentials_a_server_echoes_are_never_shown_or_written() {
    let token_echo = |body: &str| body.replace("TOKEN", TOKEN).replace("APPID", APP_ID);
    let iconik = Server::start(Routes::new());
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(Reply, &str)> = vec![
        (
            Reply::Json(
                200,
                token_echo("<html>proxy: bad token TOKEN for APPID</html>"),
            ),
            "the answer is not JSON",
        ),
        (
            Reply::Json(200, token_echo(r#"{"view_fields":"token TOKEN"}"#)),
            "not the documented shape of iconik's API",
        ),
        (
            Reply::Bytes(200, [b"\xff".as_slice(), TOKEN.as_bytes()].concat()),
            "the answer is not UTF-8",
        ),
        (
            Reply::Json(401, token_echo(r#"{"errors": ["bad token TOKEN"]}"#)),
            "HTTP 401",
        ),
    ];
    for (reply, says) in cases {
        iconik.route(&view_path(), vec![reply]);
        let r = pull(
            dir.path(),
            &iconik.url,
            &["view", "pull", ID, "--output", "v.json"],
            &[],
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains(says), "{says}: {}", r.stderr);
    }
    // A field's definition that echoes the token.
    iconik.route(
        &view_path(),
        vec![Reply::Json(
            200,
            r#"{"view_fields": [{"name": "camera"}]}"#.into(),
        )],
    );
    iconik.route(
        "/API/metadata/v1/fields/camera/",
        vec![Reply::Json(200, token_echo("{oops TOKEN"))],
    );
    let r = pull(dir.path(), &iconik.url, &["view", "pull", ID], &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("*****************"), "{}", r.stderr);
    // A view whose label is the token is written with it masked, and cached so.
    iconik.route(
        &view_path(),
        vec![Reply::Json(
            200,
            token_echo(
                r#"{"view_fields": [{"name": "p", "label": "TOKEN", "field_type": "string"}]}"#,
            ),
        )],
    );
    let r = pull(
        dir.path(),
        &iconik.url,
        &["view", "pull", ID, "-o", "v.json"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        fs::read_to_string(dir.path().join("v.json"))
            .unwrap()
            .contains("\"label\": \"*****************\""),
    );
}

#[test]
fn a_slow_drip_ends_at_the_request_deadline() {
    let iconik = Server::start(Routes::from([(
        view_path(),
        vec![Reply::Drip(Duration::from_millis(500), VIEW.into())],
    )]));
    let dir = tempfile::tempdir().unwrap();
    let r = pull(
        dir.path(),
        &iconik.url,
        &["view", "pull", ID, "--timeout", "2", "--retries", "0"],
        &[],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        unwrapped(&r.stderr).trim(),
        format!(
            "x {0} did not finish answering GET {0}{1} within 2 s (--timeout SECONDS waits longer)",
            iconik.url,
            view_path()
        )
    );
}

#[test]
fn a_view_answer_is_bounded_in_fields_and_lookups() {
    let iconik = Server::start(Routes::new());
    let dir = tempfile::tempdir().unwrap();
    let zeros = format!("{{\"view_fields\":[{}0]}}", "0,".repeat(20_000));
    iconik.route(&view_path(), vec![Reply::Json(200, zeros)]);
    let r = pull(dir.path(), &iconik.url, &["view", "pull", ID], &[]);
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains(&format!(
            "x {}{}: the view has more than 10000 fields, the most presetlint reads of one view",
            iconik.url,
            view_path()
        )),
        "{}",
        r.stderr
    );
    // 1,001 fields without definitions: refused before a single lookup.
    let names: Vec<String> = (0..1001)
        .map(|i| format!("{{\"name\": \"f{i}\"}}"))
        .collect();
    iconik.route(
        &view_path(),
        vec![Reply::Json(
            200,
            format!("{{\"view_fields\": [{}]}}", names.join(",")),
        )],
    );
    let before = iconik.paths().len();
    let r = pull(dir.path(), &iconik.url, &["view", "pull", ID], &[]);
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains(&format!("x the view {ID} names 1001 fields without their definitions; presetlint looks up at most 1000 (iconik allows a token 1,000 requests per 20 seconds)")),
        "{}",
        r.stderr
    );
    assert_eq!(iconik.paths().len(), before + 1);
    // The same field twice is looked up once; a field with its type is not looked up at all,
    // even without `multi` (optional in iconik's spec).
    iconik.route(
        &view_path(),
        vec![Reply::Json(
            200,
            r#"{"view_fields": [{"name": "day"}, {"name": "day", "label": "Day again"},
               {"name": "StorageTier", "field_type": "string"}]}"#
                .into(),
        )],
    );
    iconik.route(
        "/API/metadata/v1/fields/day/",
        vec![Reply::Json(
            200,
            r#"{"name": "day", "field_type": "integer"}"#.into(),
        )],
    );
    let before = iconik.paths().len();
    let r = pull(dir.path(), &iconik.url, &["view", "pull", ID], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        iconik.paths()[before..],
        [view_path(), "/API/metadata/v1/fields/day/".to_owned()]
    );
}

#[test]
fn view_list_stops_on_a_page_loop() {
    let page = r#"{"objects": [{"id": "v1", "name": "Dailies"}], "pages": 1000000000}"#;
    let mut routes = Routes::new();
    for n in 1..=3 {
        routes.insert(
            format!("/API/metadata/v1/views/?per_page=100&page={n}"),
            vec![Reply::Json(200, page.into())],
        );
    }
    let iconik = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let r = pull(dir.path(), &iconik.url, &["view", "list"], &[]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        unwrapped(&r.stderr).trim(),
        "x iconik answered page 2 of its views with views it had already listed; stopped rather than loop"
    );
    assert_eq!(iconik.paths().len(), 2);
}

#[test]
fn the_cache_follows_no_symbolic_link() {
    let iconik = Server::start(Routes::from([(
        view_path(),
        vec![Reply::Json(200, VIEW.into())],
    )]));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.json"), CLEAN).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let notes = outside.path().join("notes.txt");
    fs::write(&notes, "private notes: the safe's code is 4711\n").unwrap();
    let host = iconik.url.trim_start_matches("http://").replace(':', "_");
    let folder = root
        .join("cache/views")
        .join(host)
        .join(presetlint::iconik::token_folder(Some(APP_ID)));
    fs::create_dir_all(&folder).unwrap();
    let entry = folder.join(format!("{ID}.json"));
    std::os::unix::fs::symlink(&notes, &entry).unwrap();
    let args = ["check", "--view", &format!("iconik:{ID}"), "a.json"];

    // A fresh link (its own time is now): read as the cache, refused, never shown.
    let r = pull(root, &iconik.url, &args, &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stderr.contains("4711"), "{}", r.stderr);
    assert!(
        unwrapped(&r.stderr).contains(&format!(
            "cannot read the cached view {}: it is a symbolic link, which presetlint does not follow here",
            entry.display()
        )),
        "{}",
        r.stderr
    );
    // An old one: stale, so the view is pulled, and the link is not written through.
    let old = std::ffi::CString::new(entry.to_str().unwrap()).unwrap();
    let times = [libc::timespec {
        tv_sec: 1_000_000_000,
        tv_nsec: 0,
    }; 2];
    // SAFETY: utimensat on a valid path, with AT_SYMLINK_NOFOLLOW to date the link itself.
    assert_eq!(
        unsafe {
            libc::utimensat(
                libc::AT_FDCWD,
                old.as_ptr(),
                times.as_ptr(),
                libc::AT_SYMLINK_NOFOLLOW,
            )
        },
        0
    );
    let r = pull(root, &iconik.url, &args, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        unwrapped(&r.stderr).contains(&format!(
            "cannot cache the view iconik:{ID} in {}: it is a symbolic link, which presetlint does not follow here; it is fetched again next time",
            entry.display()
        )),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read_to_string(&notes).unwrap(),
        "private notes: the safe's code is 4711\n"
    );
    assert!(
        fs::symlink_metadata(&entry)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn max_file_size_bounds_a_pulled_view_for_check() {
    let padding = "x".repeat(150_000);
    let big = VIEW.replace("\"Dailies\"", &format!("\"{padding}\""));
    let iconik = Server::start(Routes::from([(view_path(), vec![Reply::Json(200, big)])]));
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.json"), CLEAN).unwrap();
    let view = format!("iconik:{ID}");
    let r = pull(
        dir.path(),
        &iconik.url,
        &[
            "check",
            "--view",
            &view,
            "--max-file-size",
            "100000",
            "a.json",
        ],
        &[],
    );
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains(&format!(
            "the answer to GET {}{} is larger than 100000 bytes, the most presetlint reads of one answer",
            iconik.url,
            view_path()
        )),
        "{}",
        r.stderr
    );
    let r = pull(
        dir.path(),
        &iconik.url,
        &[
            "check",
            "--view",
            &view,
            "--max-file-size",
            "200000",
            "a.json",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A repository in `dir` with one commit.
fn repository(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
    fs::write(dir.join("README"), "presets\n").unwrap();
    git(dir, &["add", "README"]);
    git(dir, &["commit", "-qm", "first"]);
}

/// A preset with a PL101 error at 1:30.
const LIST_IN_STRING: &str =
    r#"{"iconikSidecarExtensions": [".R3D;.MOV"], "iconikSidecarElements": ["{project}"]}"#;

/// A preset without a finding, against VIEW too.
const CLEAN: &str =
    r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{project}"]}"#;

#[test]
fn a_changed_since_value_never_becomes_a_git_option() {
    let dir = tempfile::tempdir().unwrap();
    repository(dir.path());
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "keep me\n").unwrap();
    let created = dir.path().join("created.txt");
    for value in [
        format!("--changed-since=--output={}", victim.display()),
        format!("--changed-since=--output={}", created.display()),
    ] {
        let r = run(dir.path(), &["check", &value]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        let rev = value.trim_start_matches("--changed-since=");
        assert_eq!(
            unwrapped(&r.stderr),
            format!(
                "  x --changed-since: \"{rev}\" is not a commit in this repository\n  help: give a commit, a branch or a tag, e.g. --changed-since origin/main\n\n"
            )
        );
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me\n");
    assert!(!created.exists());
    let r = run(dir.path(), &["check", "--changed-since", "no-such-branch"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("\"no-such-branch\" is not a commit"));
}

#[test]
fn changed_paths_never_lead_out_of_the_repository() {
    let top = tempfile::tempdir().unwrap();
    let repo = top.path().join("repo");
    let outside = top.path().join("outside");
    fs::create_dir_all(&repo).unwrap();
    fs::create_dir_all(&outside).unwrap();
    repository(&repo);
    fs::write(
        outside.join("preset.json"),
        "{\"iconikSidecarExtensions\": \".R3D;.MOV\"}",
    )
    .unwrap();
    fs::write(outside.join("secret.txt"), "hunter2-password\n").unwrap();
    std::os::unix::fs::symlink("../outside/preset.json", repo.join("link.json")).unwrap();
    std::os::unix::fs::symlink("../outside/secret.txt", repo.join("secret.json")).unwrap();
    git(&repo, &["add", "link.json", "secret.json"]);
    git(&repo, &["commit", "-qm", "links"]);
    let before = crate::common::snapshot(top.path());
    for args in [
        &[
            "check",
            "--changed-since",
            "HEAD~1",
            "--fix",
            "--format",
            "human",
        ][..],
        &["check", "--changed-since", "HEAD~1", "--format", "concise"],
    ] {
        let r = run(&repo, args);
        assert!(!r.stdout.contains("hunter2"), "{}", r.stdout);
        assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
        assert!(!r.stdout.contains("PL101"), "{}", r.stdout);
    }
    assert_eq!(crate::common::snapshot(top.path()), before);
}

#[test]
fn staged_paths_are_taken_byte_for_byte() {
    use std::os::unix::ffi::OsStrExt;
    // A name that is not UTF-8, in a repository whose folder ends with a space.
    let top = tempfile::tempdir().unwrap();
    let repo = top.path().join("presets ");
    fs::create_dir(&repo).unwrap();
    repository(&repo);
    let name = std::ffi::OsStr::from_bytes(b"cam\xff.json");
    fs::write(repo.join(name), LIST_IN_STRING).unwrap();
    fs::write(repo.join("plain.json"), LIST_IN_STRING).unwrap();
    git(&repo, &["add", "-A"]);
    let r = run(&repo, &["check", "--staged", "--format", "concise"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let lines: Vec<&str> = r.stdout.lines().filter(|l| l.contains("PL101")).collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(
        lines[0].starts_with("cam\u{fffd}.json:1:30: error[PL101 list-in-string]"),
        "{}",
        r.stdout
    );
    assert!(
        lines[1].starts_with("plain.json:1:30: error[PL101 list-in-string]"),
        "{}",
        r.stdout
    );
}

/// A file that looks like /proc/self/environ: NUL-separated variables.
const ENVIRON: &[u8] = b"PATH=/usr/bin\0ICONIK_AUTH_TOKEN=hunter2-zz\0HOME=/root\0";

#[test]
fn a_side_file_that_is_not_one_is_named_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("environ"), ENVIRON).unwrap();
    fs::write(root.join("a.json"), CLEAN).unwrap();
    for (config, says) in [
        (
            "extend = \"environ\"\n",
            "environ:1:32: not a presetlint config file: its first statement sets none of presetlint.toml's keys (a file that is not one is not shown)",
        ),
        (
            "view = \"environ\"\n",
            "environ:1:1: not an iconik metadata view (a file that is not one is not shown)",
        ),
        (
            "baseline = \"environ\"\n",
            "environ:1:1: not a presetlint baseline (a file that is not one is not shown)",
        ),
    ] {
        fs::write(root.join("presetlint.toml"), config).unwrap();
        let r = run(root, &["check", "a.json"]);
        assert_eq!(r.code, 2, "{config}: {}", r.stderr);
        assert!(!r.stderr.contains("hunter2"), "{config}: {}", r.stderr);
        assert!(!r.stderr.contains("PATH"), "{config}: {}", r.stderr);
        assert!(
            unwrapped(&r.stderr).contains(says),
            "{config}: {}",
            r.stderr
        );
    }
    // A config that is one is still quoted at its mistake.
    fs::write(root.join("presetlint.toml"), "fail-level = \"warn\"\n").unwrap();
    let r = run(root, &["check", "a.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("1 | fail-level = \"warn\""),
        "{}",
        r.stderr
    );
}

#[test]
fn a_config_that_is_a_broken_link_is_an_error_not_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.json"), LIST_IN_STRING).unwrap();
    std::os::unix::fs::symlink("missing.toml", root.join("presetlint.toml")).unwrap();
    let r = run(root, &["check", "a.json"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        unwrapped(&r.stderr),
        "  x cannot read the config file presetlint.toml: No such file or directory (os error 2)\n\n"
    );
    fs::remove_file(root.join("presetlint.toml")).unwrap();
    std::os::unix::fs::symlink("presetlint.toml", root.join("presetlint.toml")).unwrap();
    let r = run(root, &["check", "a.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "cannot read the config file presetlint.toml: Too many levels of symbolic links"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn no_report_or_baseline_replaces_a_file_the_run_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.json"), LIST_IN_STRING).unwrap();
    fs::write(root.join("view.json"), VIEW).unwrap();
    let config = "view = \"view.json\"\n";
    fs::write(root.join("presetlint.toml"), config).unwrap();
    for (args, what) in [
        (
            &["check", "--write-baseline", "presetlint.toml", "a.json"][..],
            "the baseline presetlint.toml",
        ),
        (
            &["check", "--output-file", "view.json", "a.json"],
            "the report to view.json",
        ),
    ] {
        let r = run(root, args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            unwrapped(&r.stderr).contains(&format!(
                "cannot write {what}: it is one of the files this run read"
            )),
            "{args:?}: {}",
            r.stderr
        );
    }
    assert_eq!(
        fs::read_to_string(root.join("presetlint.toml")).unwrap(),
        config
    );
    assert_eq!(fs::read_to_string(root.join("view.json")).unwrap(), VIEW);
}

#[test]
fn pl952_names_a_bounded_sample_of_the_same_named_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let n = 4000;
    for i in 0..n {
        let folder = root.join(format!("p{i:04}"));
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("camera-a.json"), CLEAN).unwrap();
    }
    let r = run(
        root,
        &["check", "--format", "concise", "--select", "PL952", "."],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let findings: Vec<&str> = r.stdout.lines().filter(|l| l.contains("PL952")).collect();
    assert_eq!(findings.len(), n);
    assert_eq!(
        findings[0],
        "p0000/camera-a.json:1:1: warning[PL952 duplicate-preset-name] 3999 other preset files have this name: \"p0001/camera-a.json\", \"p0002/camera-a.json\", \"p0003/camera-a.json\" and 3996 more; OffShoot lists presets by name"
    );
    // Linear: every finding is of a bounded size, so the report grows as N, not N².
    assert!(r.stdout.len() < n * 300, "{} bytes", r.stdout.len());
}

#[test]
fn generate_and_audit_pair_names_that_differ_by_case_alike() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    crate::common::touch(root, &["card/A001.R3D", "card/a001.r3d"]);
    fs::write(
        root.join("p.json"),
        r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Project}"]}"#,
    )
    .unwrap();
    let r = run(
        root,
        &[
            "generate",
            "p.json",
            "--destination",
            "card",
            "--set",
            "Project=X",
        ],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let card = root.join("card");
    let collisions: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("collision"))
        .collect();
    assert_eq!(
        collisions,
        [
            format!(
                "collision: {}/A001.R3D would share its sidecar \"A001.R3D.json\" with \"a001.r3d\"; neither is written",
                "card"
            ),
            format!(
                "collision: {}/a001.r3d would share its sidecar \"a001.r3d.json\" with \"A001.R3D\"; neither is written",
                "card"
            ),
        ]
    );
    // Sidecars written by hand for both: audit sees each clip with two, as generate would.
    fs::write(card.join("A001.R3D.json"), r#"{"metadata_values": {}}"#).unwrap();
    fs::write(card.join("a001.r3d.json"), r#"{"metadata_values": {}}"#).unwrap();
    let r = run(
        root,
        &[
            "audit",
            "card",
            "--preset",
            "p.json",
            "--set",
            "Project=X",
            "--select",
            "PL803,PL805",
            "--format",
            "concise",
        ],
    );
    let found: Vec<&str> = r.stdout.lines().filter(|l| l.contains("[PL80")).collect();
    assert_eq!(
        found,
        [
            "card/A001.R3D.json:1:1: warning[PL803 sidecar-shadowed] the clip \"A001.R3D\" has 2 sidecars: \"A001.R3D.json\", \"a001.r3d.json\"; iconik takes one of them, and which one is not documented",
            "card/A001.R3D.json:1:1: warning[PL803 sidecar-shadowed] the clip \"a001.r3d\" has 2 sidecars: \"A001.R3D.json\", \"a001.r3d.json\"; iconik takes one of them, and which one is not documented",
            "card/A001.R3D.json:1:1: warning[PL803 sidecar-shadowed] \"A001.R3D.json\" is the sidecar of 2 clips: \"A001.R3D\", \"a001.r3d\"; iconik gives it to one of them, and which one is not documented",
            "card/a001.r3d.json:1:1: warning[PL803 sidecar-shadowed] \"a001.r3d.json\" is the sidecar of 2 clips: \"A001.R3D\", \"a001.r3d\"; iconik gives it to one of them, and which one is not documented",
        ]
    );
}

/// A stale cached copy (a regular file) is replaced by the fresh pull, without a word.
#[test]
fn a_stale_cached_copy_is_replaced_by_the_pull() {
    let iconik = Server::start(Routes::from([(
        view_path(),
        vec![Reply::Json(200, VIEW.into())],
    )]));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.json"), CLEAN).unwrap();
    let pulled = pull(root, &iconik.url, &["view", "pull", ID], &[]);
    assert_eq!(pulled.code, 0, "{}", pulled.stderr);
    let host = iconik.url.trim_start_matches("http://").replace(':', "_");
    let folder = root
        .join("cache/views")
        .join(host)
        .join(presetlint::iconik::token_folder(Some(APP_ID)));
    fs::create_dir_all(&folder).unwrap();
    let entry = folder.join(format!("{ID}.json"));
    fs::write(&entry, "{\"view_fields\": []}\n").unwrap();
    fs::File::options()
        .write(true)
        .open(&entry)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(86_400))
        .unwrap();
    let r = pull(
        root,
        &iconik.url,
        &["check", "--view", &format!("iconik:{ID}"), "a.json"],
        &[],
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "All checks passed.\n"),
        "{}",
        r.stdout
    );
    assert_eq!(fs::read_to_string(&entry).unwrap(), pulled.stdout);
}

/// A FIFO where a cached view should be is neither read nor written into.
#[test]
fn a_fifo_in_the_cache_is_refused() {
    let iconik = Server::start(Routes::from([(
        view_path(),
        vec![Reply::Json(200, VIEW.into())],
    )]));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.json"), CLEAN).unwrap();
    let host = iconik.url.trim_start_matches("http://").replace(':', "_");
    let folder = root
        .join("cache/views")
        .join(host)
        .join(presetlint::iconik::token_folder(Some(APP_ID)));
    fs::create_dir_all(&folder).unwrap();
    let entry = folder.join(format!("{ID}.json"));
    let c_path = std::ffi::CString::new(entry.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    // Dated long ago, so that the run pulls and tries to cache.
    let old = [libc::timespec {
        tv_sec: 1_000_000_000,
        tv_nsec: 0,
    }; 2];
    // SAFETY: a valid path and two timespecs.
    assert_eq!(
        unsafe { libc::utimensat(libc::AT_FDCWD, c_path.as_ptr(), old.as_ptr(), 0) },
        0
    );
    let r = pull(
        root,
        &iconik.url,
        &["check", "--view", &format!("iconik:{ID}"), "a.json"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        unwrapped(&r.stderr).contains(&format!(
            "cannot cache the view iconik:{ID} in {}: it is not a regular file; it is fetched again next time",
            entry.display()
        )),
        "{}",
        r.stderr
    );
    let kind = fs::symlink_metadata(&entry).unwrap().file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
}
