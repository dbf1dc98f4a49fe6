//! Windows: whether a process still runs. Checked on this project's Linux machines by
//! `cargo clippy --target x86_64-pc-windows-gnu` and a cross build with MinGW (never run
//! there); the Windows runner of CI builds it and checks the examples.

pub(crate) fn process_is_running(pid: u32) -> bool {
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
            return std::io::Error::last_os_error().raw_os_error() != Some(87);
        }
        let mut code = 0u32;
        let asked = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        asked == 0 || code == STILL_ACTIVE as u32
    }
}
