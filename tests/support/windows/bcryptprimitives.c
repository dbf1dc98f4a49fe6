/* Test support only, never shipped: Wine 8 lacks bcryptprimitives.dll, whose ProcessPrng
 * Rust's standard library imports for its random numbers (HashMap keys). This stands in for
 * it beside a test binary run under Wine, with the same contract: fill the buffer from the
 * system's generator, return TRUE. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
            return FALSE;
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
