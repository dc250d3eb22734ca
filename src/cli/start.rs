//! Started with no arguments and no terminal (a double-clicked `dfr.exe`, or `dfr` from a desktop launcher): open the workspace's home page in the browser.
//!
//! A double-clicked `dfr.exe` gets a console window of its own. Staff who have never
//! used a command window should not need one: so when the console belongs to `dfr`
//! alone (Windows), or neither standard input nor output is a terminal (elsewhere),
//! and no command was given, `dfr` serves the workspace (`Documents/DFR`) and opens
//! the browser on its home page; the window says, in Khmer and English, that closing
//! it stops `dfr`. `DFR_NO_OPEN=1` keeps the browser closed (the tests use it).

/// What the console window says while `dfr` runs.
pub const RUNNING: &str = "\
dfr កំពុងដំណើរការ៖ ទម្រង់បែបបទបើកក្នុងកម្មវិធីរុករករបស់អ្នក។
ទុកផ្ទាំងនេះឱ្យនៅបើក។ ការបិទផ្ទាំងនេះ នឹងបញ្ឈប់ dfr (ទិន្នន័យដែលបានវាយ មិនបាត់ទេ)។

dfr is running: the form opens in your browser.
Keep this window open. Closing it stops dfr (nothing typed is lost).

(For the commands, open a command window and type: dfr --help)";

/// Whether this process was started with no command and no terminal: from Explorer
/// or a desktop launcher.
pub fn double_clicked() -> bool {
    std::env::args_os().len() == 1 && console_is_ours_alone()
}

#[cfg(windows)]
fn console_is_ours_alone() -> bool {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut ids = [0u32; 2];
    // SAFETY: the buffer holds `ids.len()` process IDs, as the call is told.
    let count = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    count == 1
}

#[cfg(not(windows))]
fn console_is_ours_alone() -> bool {
    use std::io::IsTerminal;
    !std::io::stdin().is_terminal() && !std::io::stdout().is_terminal()
}

/// Serves the workspace's home page, saying so in the window; when it cannot start, the
/// error stays readable until Enter is pressed.
pub fn serve_workspace() -> super::Status {
    println!("{RUNNING}\n");
    let args = super::serve::Args {
        file: None,
        port: 0,
        no_open: std::env::var_os("DFR_NO_OPEN").is_some(),
        templates: None,
        lock_after: std::time::Duration::from_secs(15 * 60),
    };
    let status = super::serve::run(args);
    if status != super::Status::Success && cfg!(windows) {
        println!("\nPress Enter to close this window. / ចុច Enter ដើម្បីបិទផ្ទាំងនេះ។");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
    status
}
