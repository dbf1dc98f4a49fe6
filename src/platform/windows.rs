//! Windows. Checked on this project's Linux machines by `cargo clippy --target
//! x86_64-pc-windows-gnu` and a cross build with MinGW (never run there); the Windows runner
//! of CI builds it and checks the examples.

use std::fs::File;
use std::io;
use std::path::Path;

/// std gives no stable file index on Windows yet (`MetadataExt::file_index` is unstable).
pub fn file_identity(_metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Windows' named pipes live under `\\.\pipe\`, not in the file system.
pub fn is_fifo(_file_type: &std::fs::FileType) -> bool {
    false
}

pub fn open_fifo_for_reading(path: &Path) -> io::Result<File> {
    File::open(path)
}

pub fn open_fifo_for_writing(path: &Path) -> io::Result<Option<File>> {
    std::fs::OpenOptions::new().write(true).open(path).map(Some)
}

/// Opening a file never waits on Windows.
pub fn never_wait(_options: &mut cap_std::fs::OpenOptions) {}

/// A renamed file keeps the owner it was created with: the user's.
pub fn keep_owner(_file: &cap_std::fs::File, _replaced: &cap_std::fs::Metadata) -> io::Result<()> {
    Ok(())
}

pub fn process_is_running(pid: u32) -> bool {
    use windows_sys::Win32::Foundation::{CloseHandle, STILL_ACTIVE};
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    // SAFETY: the handle is checked before use and closed after.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            // No such process, or one we may not ask about: only the former frees its files,
            // and the two cannot be told apart here without more rights; keep them.
            return io::Error::last_os_error().raw_os_error() != Some(87);
        }
        let mut code = 0u32;
        let asked = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        asked == 0 || code == STILL_ACTIVE as u32
    }
}

/// Windows has no call that flushes a whole volume for an unprivileged user; the README says so.
pub fn sync_file_system(_folder: &Path) -> io::Result<()> {
    Ok(())
}
