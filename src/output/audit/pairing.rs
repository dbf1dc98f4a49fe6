//! Which clip each sidecar of a folder belongs to, in both of iconik's namings: `A001.R3D.json`
//! (appended) belongs to `A001.R3D`; `A001.json` (replacing) to every clip named `A001.*`, and
//! to `A001` itself. Names are compared as generate compares them for collisions: ignoring
//! case, character by character ([`collision_key`]).

use std::ffi::OsString;
use std::path::Path;

use crate::model::sidecar_reader::SidecarFormat;
use crate::output::sidecar::naming::collision_key;

/// A folder's clips and sidecars, paired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pairing {
    /// For each sidecar (by index): the clips that claim it, in name order.
    pub claimants: Vec<Vec<usize>>,
    /// For each clip: its sidecars, in name order.
    pub sidecars_of: Vec<Vec<usize>>,
}

/// Pairs a folder's clips with its sidecar-named files (both in name order).
pub(super) fn pair(clips: &[OsString], sidecars: &[OsString]) -> Pairing {
    let mut by_name: foldhash::HashMap<Vec<u8>, Vec<usize>> =
        foldhash::HashMap::with_capacity_and_hasher(clips.len(), Default::default());
    let mut by_stem: foldhash::HashMap<Vec<u8>, Vec<usize>> = Default::default();
    for (i, clip) in clips.iter().enumerate() {
        by_name.entry(collision_key(clip)).or_default().push(i);
        let stem = Path::new(clip).file_stem().unwrap_or(clip);
        if stem.len() < clip.len() {
            by_stem.entry(collision_key(stem)).or_default().push(i);
        }
    }
    let mut sidecars_of = vec![Vec::new(); clips.len()];
    let mut claimants = Vec::with_capacity(sidecars.len());
    for (s, sidecar) in sidecars.iter().enumerate() {
        let mut key = collision_key(sidecar);
        let Some((format, _)) = SidecarFormat::of_name(&sidecar.to_string_lossy()) else {
            claimants.push(Vec::new());
            continue;
        };
        // The extension is ASCII, so it is the key's last bytes.
        key.truncate(key.len() - format.extension().len());
        let mut owners: Vec<usize> = by_name.get(&key).cloned().unwrap_or_default();
        for &i in by_stem.get(&key).into_iter().flatten() {
            if !owners.contains(&i) {
                owners.push(i);
            }
        }
        owners.sort_unstable();
        for &i in &owners {
            sidecars_of[i].push(s);
        }
        claimants.push(owners);
    }
    Pairing {
        claimants,
        sidecars_of,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn both_namings_and_their_clashes() {
        let clips = names(&["A001.MOV", "A001.R3D", "B002.R3D", "README"]);
        let sidecars = names(&[
            "A001.R3D.json",
            "A001.json",
            "C003.R3D.json",
            "README.json",
            "b002.r3d.XML",
        ]);
        let pairing = pair(&clips, &sidecars);
        assert_eq!(
            pairing.claimants,
            [vec![1], vec![0, 1], vec![], vec![3], vec![2]]
        );
        assert_eq!(pairing.sidecars_of, [vec![1], vec![0, 1], vec![4], vec![3]]);
    }
}
