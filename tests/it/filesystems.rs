//! generate and audit on the file systems of shuttle drives, each a real image mounted through
//! a loop device (root, or `sudo -n` for losetup and mount): exFAT through exfat-fuse (the
//! cross-platform shuttle drive: names that ignore case, no symbolic links) and NTFS through
//! ntfs-3g (names that keep case, as ntfs-3g gives them on Linux). Where the tools or the
//! mount cannot be had, the test fails under CI=true and says so elsewhere.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{as_root, run};

/// A file system image mounted at `mount`; unmounted and its loop device detached on drop.
struct Mounted {
    mount: PathBuf,
    loop_device: Option<String>,
}

impl Mounted {
    /// Makes an image of `kind` ("exfat" or "ntfs") in `dir` and mounts it, owned by whoever
    /// runs the tests.
    fn new(dir: &Path, kind: &str) -> Option<Mounted> {
        let image = dir.join(format!("{kind}.img"));
        let mount = dir.join(format!("{kind}-drive"));
        fs::create_dir(&mount).unwrap();
        fs::File::create(&image)
            .unwrap()
            .set_len(64 * 1024 * 1024)
            .unwrap();
        let made = match kind {
            "exfat" => Command::new("mkfs.exfat")
                .arg(&image)
                .stdout(Stdio::null())
                .status(),
            _ => Command::new("mkntfs")
                .args(["-F", "-Q"])
                .arg(&image)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status(),
        };
        if !made.is_ok_and(|s| s.success()) {
            return None;
        }
        // SAFETY: getuid and getgid have no preconditions.
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        let options = format!("uid={uid},gid={gid},allow_other");
        let loop_device = if kind == "exfat" {
            // exfat-fuse wants a block device.
            let out = as_root("losetup")?
                .args(["-f", "--show"])
                .arg(&image)
                .output()
                .ok()?;
            if !out.status.success() {
                return None;
            }
            Some(String::from_utf8(out.stdout).ok()?.trim().to_owned())
        } else {
            None
        };
        let mounted = Mounted { mount, loop_device };
        let source = mounted
            .loop_device
            .clone()
            .unwrap_or_else(|| image.display().to_string());
        let fs_type = if kind == "exfat" {
            "exfat-fuse"
        } else {
            "ntfs-3g"
        };
        let ok = as_root("mount")?
            .args(["-t", fs_type, "-o", &options, &source])
            .arg(&mounted.mount)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        // A failed mount is still detached by the guard.
        ok.then_some(mounted)
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(mut umount) = as_root("umount") {
            let _ = umount.arg(&self.mount).status();
        }
        if let (Some(device), Some(mut losetup)) = (&self.loop_device, as_root("losetup")) {
            let _ = losetup.args(["-d", device]).status();
        }
    }
}

fn drive(dir: &Path, kind: &str) -> Option<Mounted> {
    let mounted = Mounted::new(dir, kind);
    if mounted.is_none() {
        crate::common::cannot_set_up(&format!(
            "an {kind} drive (mkfs, losetup and mount of an image: root or sudo, and exfatprogs, exfat-fuse, ntfs-3g)"
        ));
    }
    mounted
}

const PRESET: &str =
    r#"{"iconikSidecarElements": ["{Project}"], "iconikSidecarExtensions": [".R3D"]}"#;

fn generate(root: &Path, card: &Path) -> crate::common::Run {
    run(
        root,
        &[
            "generate",
            "preset.json",
            "--destination",
            card.to_str().unwrap(),
            "--set",
            "Project=Nightfall",
        ],
    )
}

fn audit(root: &Path, card: &Path) -> crate::common::Run {
    run(
        root,
        &[
            "audit",
            card.to_str().unwrap(),
            "--preset",
            "preset.json",
            "--set",
            "Project=Nightfall",
            "--format",
            "concise",
        ],
    )
}

fn listing(card: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(card)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn exfat_names_that_ignore_case_and_no_links() {
    let dir = tempfile::tempdir().unwrap();
    let Some(drive) = drive(dir.path(), "exfat") else {
        return;
    };
    fs::write(dir.path().join("preset.json"), PRESET).unwrap();
    let card = drive.mount.join("A001");
    fs::create_dir(&card).unwrap();
    fs::write(card.join("A001C001.R3D"), b"a").unwrap();
    // exFAT ignores case: this is the same file, and a second clip cannot be made so.
    fs::write(card.join("a001c001.r3d"), b"b").unwrap();
    // NFC and NFD spellings are two names on exFAT (it compares by its up-case table only).
    fs::write(card.join("caf\u{e9}.R3D"), b"c").unwrap();
    fs::write(card.join("cafe\u{301}.R3D"), b"d").unwrap();
    // No symbolic links on exFAT.
    assert!(std::os::unix::fs::symlink("A001C001.R3D", card.join("link.R3D")).is_err());
    let r = generate(dir.path(), &card);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.ends_with(
            "clips seen 3; sidecars written 3, overwritten 0, unchanged 0, conflicts 0, errors 0\n"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(
        listing(&card),
        [
            "A001C001.R3D",
            "A001C001.R3D.json",
            "cafe\u{301}.R3D",
            "cafe\u{301}.R3D.json",
            "caf\u{e9}.R3D",
            "caf\u{e9}.R3D.json",
        ]
    );
    let a = audit(dir.path(), &card);
    assert_eq!((a.code, a.stdout.as_str()), (0, ""), "{}", a.stderr);
    // A second run finds every sidecar as it wrote it.
    let again = generate(dir.path(), &card);
    assert!(
        again
            .stdout
            .ends_with("sidecars written 0, overwritten 0, unchanged 3, conflicts 0, errors 0\n"),
        "{}",
        again.stdout
    );
}

#[test]
fn ntfs_through_ntfs_3g_keeps_case_and_presetlint_pairs_ignoring_it() {
    let dir = tempfile::tempdir().unwrap();
    let Some(drive) = drive(dir.path(), "ntfs") else {
        return;
    };
    fs::write(dir.path().join("preset.json"), PRESET).unwrap();
    let card = drive.mount.join("A001");
    fs::create_dir(&card).unwrap();
    fs::write(card.join("A001C001.R3D"), b"a").unwrap();
    fs::write(card.join("A001C002.R3D"), b"b").unwrap();
    // ntfs-3g keeps two names that Windows would see as one: presetlint writes neither's
    // sidecar, as it would on any drive (the pairing rule ignores case everywhere).
    fs::write(card.join("a001c002.r3d"), b"c").unwrap();
    let r = generate(dir.path(), &card);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let collisions: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("collision: "))
        .collect();
    assert_eq!(collisions.len(), 2, "{}", r.stdout);
    assert_eq!(
        listing(&card),
        [
            "A001C001.R3D",
            "A001C001.R3D.json",
            "A001C002.R3D",
            "a001c002.r3d"
        ]
    );
    let a = audit(dir.path(), &card);
    let found: Vec<&str> = a.stdout.lines().filter(|l| l.contains("PL805")).collect();
    assert_eq!(found.len(), 2, "{}", a.stdout);
}
