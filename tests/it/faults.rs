//! Faults during `generate` and `check --fix`, through the real binary: SIGKILL at seeded
//! random moments, a full disk, a read-only folder, clips removed mid-run, two runs at once.
//! After each: no sidecar is partial, no file but clips, whole sidecars and presetlint's
//! documented temporary files exists, failures are reported per clip, and a rerun finishes.
//!
//! The disk-full and read-only tests mount a small tmpfs and a read-only bind mount where
//! the machine allows it (root in CI); elsewhere they fall back to a real failure that needs
//! no mount, and say so on stderr. Mounts are undone by a guard, even when a test fails.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{is_root, run};

const PRESET: &str =
    r#"{"iconikSidecarElements": ["{Project}"], "iconikSidecarExtensions": [".mov"]}"#;
const SIDECAR: &str = "{\n  \"metadata_values\": {\n    \"Project\": {\n      \"field_values\": [\n        {\n          \"value\": \"PRX\"\n        }\n      ]\n    }\n  }\n}\n";
const TEMP_PREFIX: &str = ".presetlint-tmp-";
const TEMP_SUFFIX: &str = ".tmp";

/// A small seeded generator (xorshift64*): the same "random" delays on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// The card folders of a clip tree.
fn card_folders(raid: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for day in fs::read_dir(raid).unwrap() {
        for card in fs::read_dir(day.unwrap().path()).unwrap() {
            out.push(card.unwrap().path());
        }
    }
    out.sort();
    out
}

/// `folders` nested folders of `per_folder` empty clips under `dir/RAID`.
fn clip_tree(dir: &Path, folders: usize, per_folder: usize) -> usize {
    fs::write(dir.join("preset.json"), PRESET).unwrap();
    for f in 0..folders {
        let folder = dir.join(format!("RAID/day{}/card{f:03}", f / 10));
        fs::create_dir_all(&folder).unwrap();
        for c in 0..per_folder {
            fs::write(folder.join(format!("A{f:03}C{c:03}.mov")), b"").unwrap();
        }
    }
    folders * per_folder
}

/// The generate run every fault test makes, in the tree's folder.
const GENERATE: [&str; 6] = [
    "generate",
    "preset.json",
    "--destination",
    "RAID",
    "--set",
    "Project=PRX",
];

fn generate_command(dir: &Path) -> Command {
    let mut command = crate::common::presetlint();
    command.current_dir(dir).args(GENERATE);
    command
}

fn generate(dir: &Path) -> crate::common::Run {
    run(dir, &GENERATE)
}

/// What a tree holds after a run: the sidecars (each checked whole) and the temporary files.
#[derive(Debug, Default)]
struct Found {
    clips: usize,
    sidecars: usize,
    temps: Vec<PathBuf>,
}

/// Walks `root` and fails on anything that is not a clip, a whole sidecar of a clip beside
/// it, or a documented temporary file (`.presetlint-tmp-<pid>-<n>-<sidecar name>`) of a
/// sidecar of a clip beside it. iconik's Storage Gateway picks up a sidecar by its clip's
/// name plus .json/.xml/.csv, so a temporary file is never taken for one.
fn inspect(root: &Path) -> Found {
    let mut found = Found::default();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let names: BTreeSet<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        for name in &names {
            let path = dir.join(name);
            if path.is_dir() {
                pending.push(path);
            } else if name.ends_with(".mov") {
                found.clips += 1;
            } else if let Some(rest) = name.strip_prefix(TEMP_PREFIX) {
                // <pid>-<n>-<clip>.json.tmp: a temporary file, perhaps half-written, and
                // named so that no scanner takes it for a sidecar.
                let rest = rest
                    .strip_suffix(TEMP_SUFFIX)
                    .unwrap_or_else(|| panic!("a temporary file without .tmp: {path:?}"));
                let mut parts = rest.splitn(3, '-');
                let (pid, n, sidecar) = (parts.next(), parts.next(), parts.next());
                assert!(pid.unwrap().parse::<u32>().is_ok(), "{path:?}");
                assert!(n.unwrap().parse::<u64>().is_ok(), "{path:?}");
                let clip = sidecar.unwrap().strip_suffix(".json").unwrap();
                assert!(
                    names.contains(clip),
                    "a temporary file of no clip: {path:?}"
                );
                found.temps.push(path);
            } else if let Some(clip) = name.strip_suffix(".json") {
                assert!(names.contains(clip), "a sidecar of no clip: {path:?}");
                assert_eq!(
                    fs::read_to_string(&path).unwrap(),
                    SIDECAR,
                    "{path:?} is partial"
                );
                found.sidecars += 1;
            } else {
                panic!("an unexpected file: {path:?}");
            }
        }
    }
    found
}

fn remove_sidecars(root: &Path) {
    for entry in fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            remove_sidecars(&path);
        } else if path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .ends_with(".mov.json")
            && !path.file_name().unwrap().to_str().unwrap().starts_with('.')
        {
            fs::remove_file(path).unwrap();
        }
    }
}

fn summary(stdout: &str) -> &str {
    stdout.lines().last().unwrap_or_default()
}

#[test]
fn sigkill_at_random_moments_leaves_no_partial_sidecar_and_a_rerun_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let raid = dir.path().join("RAID");
    let clips = clip_tree(dir.path(), 30, 100);

    let full = generate(dir.path());
    assert_eq!(full.code, 0, "{}", full.stdout);
    assert_eq!(inspect(&raid).sidecars, clips);
    let folders = card_folders(&raid);

    // Each kill lands when the run's k-th file appears (a temporary file or a sidecar renamed
    // into place): an event of the run, not a guess of how long it takes.
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut mid_run = 0;
    for _ in 0..6 {
        remove_sidecars(&raid);
        let k = 2 + (rng.next() % (clips as u64)) as usize;
        let watch = crate::common::Watch::new(&folders);
        let mut child = generate_command(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        watch.wait(k, || child.try_wait().unwrap().is_none());
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let found = inspect(&raid);
        assert_eq!(found.clips, clips);
        if found.sidecars > 0 && found.sidecars < clips {
            mid_run += 1;
        }
    }
    assert!(
        mid_run > 0,
        "no kill landed while sidecars were being written"
    );

    let leftovers = inspect(&raid).temps;
    let rerun = generate(dir.path());
    assert_eq!(rerun.code, 0, "{}", rerun.stdout);
    let removed: BTreeSet<String> = rerun
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("removed a stale temporary file: "))
        .map(str::to_owned)
        .collect();
    // Printed as the destination was given (RAID, from the run's folder).
    let expected: BTreeSet<String> = leftovers
        .iter()
        .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(removed, expected, "the rerun removes exactly the leftovers");
    let after = inspect(&raid);
    assert_eq!((after.sidecars, after.temps.len()), (clips, 0));
}

/// Unmounts on drop, so that a failing test leaves no mount behind.
struct Mount(PathBuf);

impl Mount {
    fn new(args: &[&OsStr], target: &Path) -> Option<Mount> {
        let status = crate::common::as_root("mount")?
            .args(args)
            .arg(target)
            .stderr(Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| Mount(target.to_path_buf()))
    }

    fn tmpfs(target: &Path, size: &str) -> Option<Mount> {
        // Owned by whoever runs the tests, so that a run as a user can write to it.
        // SAFETY: getuid and getgid have no preconditions.
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        let options = format!("size={size},uid={uid},gid={gid}");
        Mount::new(
            &["-t", "tmpfs", "-o", &options, "tmpfs"].map(OsStr::new),
            target,
        )
    }

    /// `source` seen read-only at `target`: a bind mount, then a read-only remount of it.
    fn read_only(source: &Path, target: &Path) -> Option<Mount> {
        let bind = Mount::new(&[OsStr::new("--bind"), source.as_os_str()], target)?;
        let ro = ["-o", "remount,bind,ro"].map(OsStr::new);
        // A remount adds no mount: `bind` and the result are one, unmounted once.
        Mount::new(&ro, target).inspect(|_| std::mem::forget(bind))
    }

    fn remount(&self, options: &str) {
        let status = crate::common::as_root("mount")
            .unwrap()
            .args(["-o", options])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let ok = crate::common::as_root("umount")
            .is_some_and(|mut c| c.arg(&self.0).status().is_ok_and(|s| s.success()));
        if !ok && let Some(mut lazy) = crate::common::as_root("umount") {
            let _ = lazy.arg("-l").arg(&self.0).status();
        }
    }
}

#[test]
fn a_full_disk_fails_clip_by_clip_writes_nothing_partial_and_a_rerun_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let raid = dir.path().join("RAID");
    fs::create_dir(&raid).unwrap();
    let Some(mount) = Mount::tmpfs(&raid, "256k") else {
        crate::common::cannot_set_up("a full disk (a 256 KiB tmpfs: mount needs root or sudo)");
        return full_disk_fallback(dir.path());
    };
    // Empty clips take no space; each sidecar takes a 4 KiB page, so about 60 fit.
    let clips = clip_tree(dir.path(), 3, 100);
    let r = generate(dir.path());
    assert_eq!(r.code, 1);
    let errors: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    let found = inspect(&raid);
    assert!(found.sidecars > 0 && !errors.is_empty(), "{}", r.stdout);
    assert_eq!(found.sidecars + errors.len(), clips);
    assert!(found.temps.is_empty(), "{:?}", found.temps);
    for line in &errors {
        let sidecar = line
            .strip_prefix("error: cannot write ")
            .and_then(|l| l.strip_suffix(": No space left on device (os error 28)"))
            .unwrap_or_else(|| panic!("{line}"));
        assert!(
            !Path::new(sidecar).exists(),
            "{sidecar} was reported and yet written"
        );
    }
    assert_eq!(
        summary(&r.stdout),
        format!(
            "summary: destinations matched 1, skipped 0; clips seen {clips}; sidecars written {}, overwritten 0, unchanged 0, conflicts 0, errors {}",
            found.sidecars,
            errors.len()
        )
    );

    mount.remount("remount,size=16m");
    let rerun = generate(dir.path());
    assert_eq!(rerun.code, 0, "{}", rerun.stdout);
    assert_eq!(
        summary(&rerun.stdout),
        format!(
            "summary: destinations matched 1, skipped 0; clips seen {clips}; sidecars written {}, overwritten 0, unchanged {}, conflicts 0, errors 0",
            errors.len(),
            found.sidecars
        )
    );
    assert_eq!(inspect(&raid).sidecars, clips);
}

/// Without a mount: a clip whose sidecar's name is too long fails as a full disk would, at
/// the same step (creating the temporary file).
fn full_disk_fallback(dir: &Path) {
    let clips = clip_tree(dir, 1, 10);
    let long = format!("{}.mov", "x".repeat(247));
    fs::write(dir.join("RAID/day0/card000").join(&long), b"").unwrap();
    let r = generate(dir);
    assert_eq!(r.code, 1);
    let sidecar = dir.join("RAID/day0/card000").join(format!("{long}.json"));
    assert!(r.stdout.contains(&format!(
        "error: cannot write {}: File name too long (os error 36)\n",
        sidecar.display()
    )));
    assert_eq!(inspect(&dir.join("RAID")).sidecars, clips);
}

#[test]
fn a_read_only_folder_fails_clip_by_clip_and_the_rest_are_written() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let raid = dir.path().join("RAID");
    let clips = clip_tree(dir.path(), 2, 5);
    let locked = raid.join("day0/card001");
    let mount = Mount::read_only(&locked, &locked);
    let mut command = generate_command(dir.path());
    let reason = if mount.is_some() {
        "Read-only file system (os error 30)"
    } else {
        // No mount here: permission bits, with presetlint run as nobody when we are root.
        crate::common::cannot_set_up("a read-only folder (a read-only bind mount)");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
        fs::set_permissions(raid.join("day0/card000"), fs::Permissions::from_mode(0o777)).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
        if is_root() {
            command.uid(65534).gid(65534);
        }
        "Permission denied (os error 13)"
    };
    let out = command.output().unwrap();
    drop(mount);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let expected: Vec<String> = (0..5)
        .map(|c| {
            // Printed as the destination was given (RAID, from the run's folder).
            let sidecar = locked.join(format!("A001C{c:03}.mov.json"));
            let shown = sidecar.strip_prefix(dir.path()).unwrap();
            format!("error: cannot write {}: {reason}", shown.display())
        })
        .collect();
    let errors: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors, expected);
    assert_eq!(out.status.code(), Some(1));
    let found = inspect(&raid);
    assert_eq!((found.sidecars, found.temps.len()), (clips - 5, 0));
}

#[test]
fn clips_removed_during_a_run_are_reported_or_keep_a_whole_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let raid = dir.path().join("RAID");
    let clips = clip_tree(dir.path(), 30, 100);
    // The run is stopped (SIGSTOP) when its first file appears, the clips are removed, and
    // it goes on (SIGCONT): clips it listed are gone when it comes to them, every time.
    let watch = crate::common::Watch::new(&card_folders(&raid));
    let mut child = generate_command(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    watch.wait(1, || child.try_wait().unwrap().is_none());
    let pid = child.id() as libc::pid_t;
    // SAFETY: signals to our own child, which has not been waited for.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGSTOP) }, 0);
    // Remove every third clip, from the last folder back, while the run is stopped.
    let mut removed = Vec::new();
    for f in (0..30).rev() {
        for c in (0..100).step_by(3) {
            let clip = raid.join(format!("day{}/card{f:03}/A{f:03}C{c:03}.mov", f / 10));
            fs::remove_file(&clip).unwrap();
            removed.push(clip);
        }
    }
    // SAFETY: as above.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGCONT) }, 0);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    for line in stdout.lines().filter(|l| l.starts_with("error: ")) {
        let clip = line
            .strip_prefix("error: ")
            .and_then(|l| {
                l.strip_suffix(
                    " is gone since the walk listed it (No such file or directory (os error 2)); no sidecar written",
                )
            })
            .unwrap_or_else(|| panic!("{line}"));
        // Printed as the destination was given (RAID, from the run's folder).
        let clip = dir.path().join(clip);
        assert!(removed.contains(&clip), "{line}");
        assert!(
            !Path::new(&format!("{}.json", clip.display())).exists(),
            "{line}"
        );
    }
    let gone = stdout.lines().filter(|l| l.starts_with("error: ")).count();
    assert!(
        gone > 0,
        "no clip was gone when the run came to it: {stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    // Sidecars of removed clips written before the removal stay: drop them to inspect.
    for clip in &removed {
        let _ = fs::remove_file(format!("{}.json", clip.display()));
    }
    let found = inspect(&raid);
    assert_eq!(found.clips, clips - removed.len());
    assert_eq!((found.sidecars, found.temps.len()), (found.clips, 0));
}

#[test]
fn two_runs_at_once_both_finish_and_each_sidecar_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let raid = dir.path().join("RAID");
    let clips = clip_tree(dir.path(), 30, 100);
    // Leftovers of a dead run in every folder: both runs may race to remove them.
    for f in 0..30 {
        let folder = raid.join(format!("day{}/card{f:03}", f / 10));
        let stale = format!("{TEMP_PREFIX}99999999-{f}-A{f:03}C000.mov.json");
        fs::write(folder.join(stale), "half").unwrap();
    }
    let spawn = || {
        generate_command(dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let mut written = 0;
    let mut removed = 0;
    for out in [&a, &b] {
        let stdout = String::from_utf8(out.stdout.clone()).unwrap();
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        removed += stdout.matches("removed a stale temporary file").count();
        let last = summary(&stdout);
        let n: usize = last
            .split("sidecars written ")
            .nth(1)
            .and_then(|s| s.split(',').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(last.ends_with("conflicts 0, errors 0"), "{last}");
        written += n;
    }
    // The hard link that places a new sidecar fails if the other run placed it first.
    assert_eq!(written, clips, "each sidecar is written by exactly one run");
    assert_eq!(removed, 30, "each stale temporary file is removed once");
    let found = inspect(&raid);
    assert_eq!((found.sidecars, found.temps.len()), (clips, 0));
}

#[test]
fn a_killed_fix_leaves_the_old_preset_or_the_new_one_never_a_mix() {
    let dir = tempfile::tempdir().unwrap();
    let entries: Vec<String> = (0..5000).map(|i| format!("R3D{i}")).collect();
    let old = serde_json::to_string_pretty(&serde_json::json!({
        "iconikSidecarElements": ["{Project}"],
        "iconikSidecarExtensions": entries,
    }))
    .unwrap();
    let path = dir.path().join("preset.json");
    let fix = || {
        let mut command = crate::common::presetlint();
        command
            .current_dir(dir.path())
            .args(["check", "--fix", "--format", "concise", "preset.json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    fs::write(&path, &old).unwrap();
    assert!(fix().status().unwrap().success());
    let new = fs::read_to_string(&path).unwrap();
    assert_ne!(new, old);
    assert_eq!(new, old.replace("\"R3D", "\".R3D"));

    // Each kill lands when the fix's temporary file appears, or, every other time, when the
    // new preset is renamed into place (the second file event): events of the run.
    let mut outcomes = (0, 0);
    for round in 0..8 {
        fs::write(&path, &old).unwrap();
        let watch = crate::common::Watch::new(&[dir.path().to_path_buf()]);
        let mut child = fix().spawn().unwrap();
        watch.wait(1 + round % 2, || child.try_wait().unwrap().is_none());
        child.kill().unwrap();
        child.wait().unwrap();
        let now = fs::read_to_string(&path).unwrap();
        if now == old {
            outcomes.0 += 1;
        } else {
            assert_eq!(now, new, "a mix of the old and the new preset");
            outcomes.1 += 1;
        }
    }
    assert!(
        outcomes.0 > 0,
        "no kill landed before the rename: {outcomes:?}"
    );
    // Only the preset and, from a kill between the temporary file and the rename, hidden
    // temporary files that no walk picks up.
    for entry in fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name == "preset.json" || (name.starts_with(".presetlint-") && name.ends_with(".tmp")),
            "{name}"
        );
    }
}
