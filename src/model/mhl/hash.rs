//! The hash formats of ASC MHL, each written as the reference implementation writes it:
//! lowercase hex of the digest (xxh64, xxh3 and xxh128 in their canonical big-endian form),
//! and for C4 the SHA-512 digest in base 58, padded with `1` to 88 digits after `c4`.

use md5::Digest as _;

/// A hash format an ASC MHL history may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashFormat {
    Md5,
    Sha1,
    Xxh64,
    Xxh3,
    Xxh128,
    C4,
}

impl HashFormat {
    /// Every format, by the element name the specification gives it.
    pub const ALL: [HashFormat; 6] = [
        HashFormat::Md5,
        HashFormat::Sha1,
        HashFormat::Xxh64,
        HashFormat::Xxh3,
        HashFormat::Xxh128,
        HashFormat::C4,
    ];

    /// The element name (`<xxh64>`), which is also `ascmhl -h`'s word for it.
    pub fn name(self) -> &'static str {
        match self {
            HashFormat::Md5 => "md5",
            HashFormat::Sha1 => "sha1",
            HashFormat::Xxh64 => "xxh64",
            HashFormat::Xxh3 => "xxh3",
            HashFormat::Xxh128 => "xxh128",
            HashFormat::C4 => "c4",
        }
    }

    pub fn of_name(name: &str) -> Option<HashFormat> {
        HashFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The hash of `bytes` in this format, as a history records it.
    pub fn hash(self, bytes: &[u8]) -> String {
        match self {
            HashFormat::Md5 => hex(&md5::Md5::digest(bytes)),
            HashFormat::Sha1 => hex(&sha1::Sha1::digest(bytes)),
            HashFormat::Xxh64 => format!("{:016x}", xxhash_rust::xxh64::xxh64(bytes, 0)),
            HashFormat::Xxh3 => format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes)),
            HashFormat::Xxh128 => format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes)),
            HashFormat::C4 => c4(bytes),
        }
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The C4 id of `bytes` (SMPTE ST 2114): `c4` and the SHA-512 digest as a base-58 number of
/// 88 digits, `1` being the zero digit.
pub(super) fn c4(bytes: &[u8]) -> String {
    let digest = sha2::Sha512::digest(bytes);
    // bs58 writes a `1` per leading zero byte; C4 pads the number itself to 88 digits.
    let encoded = bs58::encode(digest).into_string();
    let digits = encoded.trim_start_matches('1');
    format!("c4{digits:1>88}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from Python's hashlib and xxhash, as `ascmhl` computes them, for b"a\n".
    #[test]
    fn each_format_as_the_reference_writes_it() {
        let a = b"a\n";
        assert_eq!(HashFormat::Xxh64.hash(a), "fbbde8981eccc855");
        assert_eq!(HashFormat::Xxh3.hash(a), "e841f27363849a18");
        assert_eq!(
            HashFormat::Xxh128.hash(a),
            "5c73e7e3dcbb0395e841f27363849a18"
        );
        assert_eq!(HashFormat::Md5.hash(a), "60b725f10c9c85c70d97880dfe8191b3");
        assert_eq!(
            HashFormat::Sha1.hash(a),
            "3f786850e387550fdab836ed7e6dc881de23001b"
        );
        assert_eq!(HashFormat::of_name("xxh128"), Some(HashFormat::Xxh128));
        assert_eq!(HashFormat::of_name("crc32"), None);
        assert_eq!(c4(b"").len(), 90);
        // The C4 id of the empty string, from the C4 specification's examples.
        assert_eq!(
            c4(b""),
            "c459dsjfscH38cYeXXYogktxf4Cd9ibshE3BHUo6a58hBXmRQdZrAkZzsWcbWtDg5oQstpDuni4Hirj75GEmTc1sFT"
        );
    }
}
