/* A stand-in for Windows' bcryptprimitives.dll, for running dfr.exe under Wine 8 only.
 *
 * Rust's standard library takes random bytes from ProcessPrng in bcryptprimitives.dll,
 * which Windows 10 and 11 have and Wine 8 lacks. This forwards ProcessPrng to
 * SystemFunction036 (RtlGenRandom) in advapi32. scripts/check-windows builds it with
 * mingw and puts it beside dfr.exe in its test folder; it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
