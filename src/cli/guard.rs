//! Bounds on one `dfr` process: a memory ceiling for the whole heap and a deadline for each render.
//!
//! Typst evaluates a template set's code with no limit of its own: `range(1000000000)`
//! or a string doubled forty times in an edited `main.typ` would allocate until the
//! system refuses, and nested loops could run for hours. The library cannot stop a
//! compilation once it has started, so the binary does: [`Capped`] counts the bytes
//! allocated and ends the process with a clear error past [`MEMORY_LIMIT`], and
//! [`Deadline`] ends it when a render takes longer than [`RENDER_TIME`]. Both name the
//! file being rendered and the template set, and exit with status 2; no output file
//! is left behind, since outputs are written only once a render has finished.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The most heap a `dfr` process may use: the large example's render peaks under
/// 100 MB and 200 declarations rendered at once under 120 MB.
pub const MEMORY_LIMIT: usize = 1024 * 1024 * 1024;

/// The longest one render may take: the large example takes 0.3 s in a release build
/// and a few seconds in a debug build. `DFR_RENDER_SECONDS` sets another limit (the
/// tests use it).
pub const RENDER_TIME: Duration = Duration::from_secs(60);

/// [`RENDER_TIME`], or the seconds `DFR_RENDER_SECONDS` gives.
fn render_time() -> Duration {
    std::env::var("DFR_RENDER_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(RENDER_TIME, Duration::from_secs)
}

/// The system allocator, counting the bytes in use and stopping the process past
/// [`MEMORY_LIMIT`].
pub struct Capped;

/// The bytes in use, as counted so far (each thread adds its own in batches, so it may
/// lag by up to [`BATCH`] bytes a thread; it may dip below zero while one thread frees
/// what another allocated and has not yet counted).
static IN_USE: AtomicIsize = AtomicIsize::new(0);
static TRIPPED: AtomicBool = AtomicBool::new(false);

/// How many bytes a thread allocates or frees before it adds them to [`IN_USE`]: an
/// atomic add on every allocation cost about 3 % of a render (the example: 200 ms, 194
/// with no counting at all, 195 counted in batches; `bench --compare`, 21 rounds).
const BATCH: isize = 256 * 1024;

thread_local! {
    /// This thread's bytes not yet added to [`IN_USE`]. Constant-initialised and
    /// without a destructor, so the allocator may use it at any time, without allocating.
    static PENDING: Cell<isize> = const { Cell::new(0) };
}

impl Capped {
    /// Counts `delta` more bytes in use (fewer when negative), and stops the process
    /// when the count passes the limit.
    fn count(delta: isize) {
        let due = PENDING
            .try_with(|pending| {
                let now = pending.get() + delta;
                match now.abs() < BATCH {
                    true => {
                        pending.set(now);
                        0
                    }
                    false => {
                        pending.set(0);
                        now
                    }
                }
            })
            // A thread being torn down counts straight away.
            .unwrap_or(delta);
        if due == 0 {
            return;
        }
        let before = IN_USE.fetch_add(due, Ordering::Relaxed);
        if due > 0
            && before.saturating_add(due) > MEMORY_LIMIT as isize
            && !TRIPPED.swap(true, Ordering::SeqCst)
        {
            stop(&format!(
                "the layout needed more than {} MB of memory and was stopped",
                MEMORY_LIMIT / 1024 / 1024
            ));
        }
    }
}

/// A size as a count of bytes (no allocation is larger than `isize::MAX`).
fn signed(size: usize) -> isize {
    size as isize
}

// SAFETY: every call is passed on to the system allocator unchanged; only a count is
// kept beside it.
unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Capped::count(signed(layout.size()));
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Capped::count(signed(layout.size()));
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Capped::count(-signed(layout.size()));
        // SAFETY: the caller's pointer and layout, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Capped::count(signed(new_size) - signed(layout.size()));
        // SAFETY: the caller's pointer, layout and size, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// What is being rendered, by registration number: the message a stop prints.
fn watched() -> &'static Mutex<BTreeMap<u64, (Instant, String)>> {
    static WATCHED: OnceLock<Mutex<BTreeMap<u64, (Instant, String)>>> = OnceLock::new();
    WATCHED.get_or_init(|| {
        std::thread::spawn(watch);
        Mutex::new(BTreeMap::new())
    })
}

/// A render under way; dropping it ends the watch.
pub struct Deadline(u64);

impl Deadline {
    /// Watches a render of `what` (the file, and the template set when it is not the
    /// built-in one), ending the process if it passes [`RENDER_TIME`].
    pub fn start(what: String) -> Deadline {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut map = watched().lock().unwrap_or_else(|e| e.into_inner());
        map.insert(id, (Instant::now() + render_time(), what));
        Deadline(id)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let mut map = watched().lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&self.0);
    }
}

/// The watching thread: ends the process when a render passes its deadline.
fn watch() {
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let map = watched().lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, what)) = map.values().find(|(due, _)| Instant::now() > *due) {
            let what = what.clone();
            drop(map);
            TRIPPED.store(true, Ordering::SeqCst);
            stop_for(
                &what,
                &format!(
                    "the layout took longer than {} s and was stopped",
                    render_time().as_secs()
                ),
            );
        }
    }
}

/// Ends the process with `message` about whatever is being rendered.
fn stop(message: &str) -> ! {
    let what = watched()
        .try_lock()
        .ok()
        .and_then(|map| map.values().next().map(|(_, what)| what.clone()))
        .unwrap_or_default();
    stop_for(&what, message)
}

fn stop_for(what: &str, message: &str) -> ! {
    let mut err = std::io::stderr().lock();
    let place = if what.is_empty() {
        String::new()
    } else {
        format!("{what}: ")
    };
    let _ = writeln!(
        err,
        "error: {place}{message}\n  hint: the template set's code builds something enormous or runs without end; \
         the built-in templates never do (leave out --templates to use them)"
    );
    let _ = err.flush();
    std::process::exit(2)
}
