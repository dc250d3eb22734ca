//! Started with no arguments from Explorer (Windows): explain what to do instead of flashing a window.
//!
//! A double-clicked `dfr.exe` gets a console window of its own, which closes the
//! moment the program ends; without arguments `dfr` would print its usage and vanish
//! before anyone could read it. So when the console belongs to `dfr` alone and no
//! command was given, it explains how to use it and waits for Enter.

/// What a double-clicked `dfr.exe` says.
pub const GREETING: &str = "\
dfr makes the Declaration of Family Relationship (DFR) contract, in Khmer and English.

It is used from a command window. To open one in this folder, click the folder's
address bar, type cmd and press Enter. Then, for example:

  dfr new couple.toml        a starter file to fill in (open it with Notepad)
  dfr check couple.toml      every problem in the file, with its line
  dfr render couple.toml     the contract, couple.pdf, ready to print
  dfr --help                 every command

Press Enter to close this window.";

/// Whether this process was started from Explorer with no command: no arguments, and
/// a console window that no other process shares.
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
    false
}

/// Prints the greeting and waits for Enter.
pub fn greet() {
    println!("{GREETING}");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}
