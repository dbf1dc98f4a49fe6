//! The `presetlint` binary: everything lives in the library; this only maps its result to an exit code.

/// mimalloc: checking a preset allocates many small strings (a 5 MB preset holds 178,000 of
/// them), and the system allocator spent about 40% of such a run in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    presetlint::cli::main()
}
