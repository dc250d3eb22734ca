//! The main thread's heap on huge pages, where Linux gives them to a program that asks.
//!
//! A render allocates some 360,000 times and walks its pages of layout again and again;
//! on 4 KiB pages the processor spends a good part of a render finding where they are
//! (and the kernel filling them in, 4 KiB at a time). Asked for huge pages (2 MiB), the
//! example renders 3–4 % faster; its peak memory stays within a few MB (`bench`).
//! `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` does the same for a whole process; this asks
//! for the heap the main thread renders in, once, at start.

/// The heap set aside at start and advised for huge pages: the example's render uses
/// about 25 MB of it, the large example's about 55 MB.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const ROOM: usize = 64 << 20;

/// Sets [`ROOM`] of heap aside and asks Linux to back it with huge pages; only memory
/// written to is taken, 2 MiB at a time. Elsewhere, and if anything fails, nothing
/// changes: the heap stays on ordinary pages.
pub fn use_huge_pages() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: called first in main, before any other thread exists. mallopt and sbrk(0)
    // only set or read glibc's and the kernel's bookkeeping; the block allocated is freed
    // at once, untouched; madvise only advises on the heap's own pages.
    unsafe {
        let set = |option, value: usize| libc::mallopt(option, value as libc::c_int) == 1;
        // The heap grows by ROOM at once, for a block too large for the room at its top
        // yet served by the heap (kept from the optimiser, which drops an unused one).
        if !(set(libc::M_TOP_PAD, ROOM) && set(libc::M_MMAP_THRESHOLD, 4 << 20)) {
            return;
        }
        let start = libc::sbrk(0) as usize;
        libc::free(std::hint::black_box(libc::malloc(2 << 20)));
        let end = libc::sbrk(0) as usize;
        let huge = 2 << 20;
        let from = start.next_multiple_of(huge);
        if end > from + huge {
            libc::madvise(from as *mut libc::c_void, end - from, libc::MADV_HUGEPAGE);
        }
        // Then glibc's own sizes again, but that the heap is never given back: grown
        // again, it would be on ordinary pages. Blocks from 256 KiB get pages of their
        // own, returned when freed (the large example peaks 4 MB lower than with 4 MiB).
        set(libc::M_TOP_PAD, 128 << 10);
        set(libc::M_TRIM_THRESHOLD, 1 << 30);
        set(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}
