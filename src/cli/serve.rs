//! `dfr serve`: the staff's bilingual form, with the contract previewed live, on the loopback interface only.
//!
//! One small synchronous HTTP server (`serve/http.rs`) for one user: the page, its script, style
//! and Khmer font are compiled into the binary; the form is built in the browser from
//! the input format's own schema (`input/model.rs`, through schemars) and the labels of the
//! wording templates; every check, preview and file goes through the library, as the
//! command line's do. `serve/routes.rs` lists the requests; `api` and `files` answer them
//! (each answer a `reply`), `state` and `workspace` hold the declarations, `convert` turns
//! JSON into TOML and back.

mod api;
mod convert;
mod files;
mod http;
mod kit;
mod listing;
mod lock;
mod reading;
mod replies;
mod reply;
mod requests;
mod routes;
mod state;
mod store;
mod workspace;

use super::Status;
use super::report::Report;
use http::Server;
pub use reply::Reply;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
pub use workspace::REMOVED;

const AFTER_HELP: &str = "\
Examples:
  dfr serve                        every declaration in Documents/DFR (made if missing)
  dfr serve FOLDER                 every declaration in FOLDER
  dfr serve couple.toml            edit couple.toml only (created from the starter if new)
  dfr serve couple.toml --no-open --port 8080

The home page lists the declarations of the folder: search them by name or reference
in either script, open one, start a new one, duplicate or remove one (removed files
go to the folder's `removed` folder and can be put back).

A workspace can be encrypted: on first start the home page asks for a passphrase
(or press Not now), and an existing one is encrypted from its home page. Every
declaration, unsaved change and kept copy is then stored encrypted (age, to a key
of the workspace's own, which the passphrase and a recovery key printed once both
open); the form asks for the passphrase when it opens, and locks itself after
--lock-after unused and when dfr stops.

The form opens in your browser at an address on this computer only
(http://127.0.0.1:PORT/?token=…); nothing is sent anywhere else. The token in the
address is new every run: only a browser given the address can use the form. Stop
the server with Ctrl-C.

Exit status: 0 stopped, 2 the server could not start.";

/// Edit a declaration in a bilingual form in the browser, with a live preview.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// A folder of declarations (default: the folder DFR in your Documents folder), or
    /// one declaration to edit (created from the starter when it does not exist).
    #[arg(value_name = "FOLDER|FILE.toml")]
    pub file: Option<PathBuf>,
    /// The port to listen on (default: a free one).
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub port: u16,
    /// Do not open the browser; only print the address.
    #[arg(long)]
    pub no_open: bool,
    /// Print with the template set in DIR instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Lock an encrypted workspace after this long unused: minutes, or a number with
    /// s, m or h (`90s`, `15m`, `1h`).
    #[arg(long, value_name = "TIME", default_value = "15m", value_parser = pause)]
    pub lock_after: std::time::Duration,
}

/// A pause as `--lock-after` takes it: `15` or `15m` minutes, `90s`, `1h`; at least a
/// second and at most a day.
fn pause(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, "m"),
    };
    let seconds_per = match unit.trim() {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        other => return Err(format!("`{other}` is not s, m or h (e.g. 15m, 90s, 1h)")),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| "give a number of minutes, or one with s, m or h (15m, 90s, 1h)".to_owned())?;
    let seconds = n.saturating_mul(seconds_per);
    if !(1..=86_400).contains(&seconds) {
        return Err("give a pause between 1s and 24h".to_owned());
    }
    Ok(std::time::Duration::from_secs(seconds))
}

/// The largest request body accepted: a declaration is a few kilobytes.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// Everything the server knows, shared by the request threads.
pub struct Shared {
    /// The random token of this run, in the printed address and then a cookie.
    token: String,
    /// The `Host` values a request may carry: the loopback address and port.
    hosts: Vec<String>,
    /// The `Origin` values a request may carry.
    origins: Vec<String>,
    /// The declarations being edited.
    states: workspace::States,
    /// The folder produced copies are served from.
    folder: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let renderer = match super::renderer(args.templates.as_deref()) {
        Ok(renderer) => std::sync::Arc::new(renderer),
        Err(status) => return status,
    };
    // The form's view of the set is read now, so that a mistake in it stops the start.
    if let Err(e) = dfr::wording::form::FormView::of(renderer.templates()) {
        return Report::error(e).fail(Status::Failure);
    }
    let server = match Server::bind(args.port) {
        Ok(s) => s,
        Err(e) => {
            return Report::error(format!("cannot listen on 127.0.0.1:{}: {e}", args.port))
                .hint("another program may use that port; leave out --port to take a free one")
                .fail(Status::Failure);
        }
    };
    let port = server.port();
    // A folder (or nothing: the default workspace) is a workspace; the server works
    // inside it, so that every file it writes is one of the folder's.
    let folder = match &args.file {
        Some(path) if path.is_dir() => Some(path.clone()),
        Some(_) => None,
        None => match workspace::default_dir() {
            Ok(dir) => Some(dir),
            Err(message) => return Report::error(message).fail(Status::Failure),
        },
    };
    // A declaration of an encrypted workspace is opened through its workspace, never
    // as a plain file beside the encrypted ones.
    if let (None, Some(file)) = (&folder, &args.file)
        && let Some(workspace) = crate::cli::keys::workspace_of(file)
    {
        return Report::error(format!(
            "{} is in an encrypted workspace; the form opens its declarations from the \
             workspace's home page",
            file.display()
        ))
        .hint(format!("dfr serve {}", workspace.display()))
        .fail(Status::Failure);
    }
    let opened = match &folder {
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| std::env::set_current_dir(dir))
            .map_err(|e| format!("cannot use the folder {}: {e}", dir.display()))
            .and_then(|()| {
                let store = store::Store::in_folder(PathBuf::from("."), args.lock_after);
                workspace::States::workspace(renderer, Arc::new(store))
            }),
        None => state::State::open(
            args.file.clone(),
            std::sync::Arc::clone(&renderer),
            Arc::new(store::Store::plain()),
        )
        .map_err(Option::unwrap_or_default)
        .and_then(|state| workspace::States::single(state, renderer)),
    };
    let states = match opened {
        Ok(s) => s,
        Err(message) => return Report::error(message).fail(Status::Failure),
    };
    let served_folder = match (&folder, &args.file) {
        (Some(_), _) => PathBuf::from("."),
        (None, Some(file)) => file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), PathBuf::from),
        (None, None) => PathBuf::from("."),
    };
    let token = match new_token() {
        Some(t) => t,
        None => {
            return Report::error("the system gave no random numbers for the access token")
                .fail(Status::Failure);
        }
    };
    let shared = Arc::new(Shared {
        hosts: vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")],
        origins: vec![
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
        ],
        token,
        states,
        folder: served_folder,
    });
    let url = format!("http://127.0.0.1:{port}/?token={}", shared.token);
    if let Some(dir) = &folder {
        let shown = std::env::current_dir().unwrap_or_else(|_| dir.clone());
        println!("dfr serve: the declarations in {}", shown.display());
        if let Some(service) = crate::cli::synced::service(&shown) {
            super::report::note(format!(
                "warning: {} is inside a {service} folder, which copies every declaration \
                 to {service}'s servers and other devices; keep the declarations in a folder \
                 that is not synced, e.g. `dfr serve C:\\DFR`",
                shown.display()
            ));
        }
    }
    println!("dfr serve: the form is at {url}");
    println!("(this computer only; stop with Ctrl-C)");
    if !args.no_open {
        open_browser(&url);
    }
    // Ctrl-C (or closing the console) stops taking connections; those in hand are
    // answered first.
    let stopper = server.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        Report::error(format!(
            "cannot catch Ctrl-C ({e}); close the console to stop"
        ))
        .print();
    }
    // An encrypted workspace locks itself after a pause: the key and what was opened
    // with it are dropped.
    if shared.states.is_workspace() {
        let watched = Arc::clone(&shared);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(std::time::Duration::from_millis(500));
                if watched.states.store().lock_if_idle() {
                    watched.states.forget();
                    println!("dfr serve: the workspace locked itself after a pause");
                }
            }
        });
    }
    // Each connection has a thread of its own (a few idle sockets cannot hold up the
    // form); at most WORKERS requests are worked on at once, so that a preview being
    // rendered does not hold up a check but many cannot exhaust the memory.
    let shared_for_server = Arc::clone(&shared);
    let working = Arc::new(Working::new(WORKERS));
    server.run(move |request| routes::handle(&shared_for_server, &working, request));
    // Stopped (Ctrl-C): the workspace key and every copy held to print go first.
    shared.states.store().lock();
    shared.states.forget();
    println!("dfr serve: stopped");
    for recovery in shared.states.unsaved() {
        println!(
            "unsaved changes are kept in {}; dfr serve offers them again next time",
            recovery.display()
        );
    }
    Status::Success
}

/// How many requests are worked on at once.
const WORKERS: usize = 4;

/// A count of requests being worked on, at most its limit (a semaphore).
struct Working {
    count: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

impl Working {
    fn new(limit: usize) -> Working {
        Working {
            count: Mutex::new(0),
            freed: Condvar::new(),
            limit,
        }
    }

    /// Runs `work` once fewer than the limit are running.
    fn run<T>(&self, work: impl FnOnce() -> T) -> T {
        {
            let mut count = self.count.lock().unwrap_or_else(|e| e.into_inner());
            while *count >= self.limit {
                count = self.freed.wait(count).unwrap_or_else(|e| e.into_inner());
            }
            *count += 1;
        }
        let result = work();
        *self.count.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
        self.freed.notify_one();
        result
    }
}

/// 32 random bytes as hex.
fn new_token() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Opens `url` in the default browser, if the system has a way to.
fn open_browser(url: &str) {
    let mut command = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        println!("(open the address above in your browser)");
    }
}
