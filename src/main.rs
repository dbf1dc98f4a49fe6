//! The `presetlint` binary: everything lives in the library; this only maps its result to an exit code.

/// mimalloc: checking a preset allocates many small strings (a 5 MB preset holds 178,000 of
/// them), and the system allocator spent about 40% of such a run in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its position in `mi_option_e`, mimalloc.h of v3; the
/// crate's bindings predate the name). The test below checks the position by its default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays committed before mimalloc gives it back, in milliseconds.
/// mimalloc 3 waits 1,000 ms, longer than a whole check of 10,000 presets, so every file's
/// parse stays resident: peak memory on that run was 66 MiB, and 62 MiB with v2's 10 ms,
/// at the same speed (scripts/bench.sh; 0 ms saved more and cost a quarter of the time).
const PURGE_DELAY_MS: std::ffi::c_long = 10;

fn main() -> std::process::ExitCode {
    // mimalloc's own variable, when set, wins (to measure, or to tune a machine).
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option; mimalloc reads it at each purge, from any
        // thread.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
    presetlint::cli::main()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_where_mimalloc_3_has_it() {
        // SAFETY: reads an option.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000, "mimalloc 3's default purge delay");
    }
}
