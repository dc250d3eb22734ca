//! `dfr serve`: the staff's bilingual form, with the contract previewed live, on the loopback interface only.
//!
//! One small synchronous HTTP server (`serve/http.rs`) for one user: the page, its script, style
//! and Khmer font are compiled into the binary; the form is built in the browser from
//! the input format's own schema (`model.rs`, through schemars) and the labels of the
//! wording templates; every check, preview and file goes through the library, as the
//! command line's do. See `serve/api.rs` for the requests.

mod api;
mod http;
mod reading;
mod workspace;

use super::Status;
use super::report::Report;
use http::{BodyError, Method, Request, Response, Server};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

const AFTER_HELP: &str = "\
Examples:
  dfr serve                        every declaration in Documents/DFR (made if missing)
  dfr serve FOLDER                 every declaration in FOLDER
  dfr serve couple.toml            edit couple.toml only (created from the starter if new)
  dfr serve couple.toml --no-open --port 8080

The home page lists the declarations of the folder: search them by name or reference
in either script, open one, start a new one, duplicate or remove one (removed files
go to the folder's `removed` folder and can be put back).

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
    let opened = match &folder {
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| std::env::set_current_dir(dir))
            .map_err(|e| format!("cannot use the folder {}: {e}", dir.display()))
            .and_then(|()| workspace::States::workspace(renderer)),
        None => api::State::open(args.file.clone(), std::sync::Arc::clone(&renderer))
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
    // Each connection has a thread of its own (a few idle sockets cannot hold up the
    // form); at most WORKERS requests are worked on at once, so that a preview being
    // rendered does not hold up a check but many cannot exhaust the memory.
    let shared_for_server = Arc::clone(&shared);
    let working = Arc::new(Working::new(WORKERS));
    server.run(move |request| handle(&shared_for_server, &working, request));
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

/// A header of the request, by name.
fn header<'r>(request: &'r Request, name: &'static str) -> Option<&'r str> {
    request.header(name)
}

/// The token the request carries in its cookie.
fn cookie_token(request: &Request) -> Option<&str> {
    header(request, "Cookie")?
        .split(';')
        .filter_map(|c| c.trim().strip_prefix("dfr-token="))
        .next()
}

/// What the server answers: status, content type and body.
pub struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    /// A cookie to set.
    cookie: Option<String>,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, value: &serde_json::Value) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body: serde_json::to_vec(value).unwrap_or_default(),
            cookie: None,
        }
    }

    /// An error as JSON: `{ "error": message }`.
    pub fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply::json(status, &serde_json::json!({ "error": message.into() }))
    }

    /// The same answer with its body made into another of `content_type`, when it is
    /// a success.
    fn map_body(self, f: impl FnOnce(Vec<u8>) -> Vec<u8>, content_type: &'static str) -> Reply {
        match self.status {
            200 => Reply {
                body: f(self.body),
                content_type,
                ..self
            },
            _ => self,
        }
    }

    /// Bytes of a file, as they are.
    fn bytes(content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body,
            cookie: None,
        }
    }

    fn file(content_type: &'static str, body: &[u8]) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.to_vec(),
            cookie: None,
        }
    }
}

const INDEX: &str = include_str!("serve/index.html");
const SCRIPT: &str = include_str!("serve/app.js");
const STYLE: &str = include_str!("serve/app.css");
const RESTARTED: &str = include_str!("serve/restarted.html");
const HOME: &str = include_str!("serve/home.html");
const HOME_SCRIPT: &str = include_str!("serve/home.js");

/// Answers one request: the security checks first, then the route.
fn handle(shared: &Shared, working: &Working, request: &mut Request) -> Response {
    let reply = answer(shared, working, request);
    let mut headers = vec![
        ("Content-Type", reply.content_type.to_owned()),
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             font-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; \
             base-uri 'none'"
                .to_owned(),
        ),
        ("X-Content-Type-Options", "nosniff".to_owned()),
        ("Referrer-Policy", "no-referrer".to_owned()),
        ("Cache-Control", "no-store".to_owned()),
        ("X-Frame-Options", "DENY".to_owned()),
    ];
    if let Some(cookie) = reply.cookie {
        headers.push(("Set-Cookie", cookie));
    }
    Response {
        status: reply.status,
        headers,
        body: reply.body,
    }
}

fn answer(shared: &Shared, working: &Working, request: &mut Request) -> Reply {
    // DNS rebinding: a page of another site that resolves its name to 127.0.0.1 still
    // sends its own name as Host.
    if !header(request, "Host").is_some_and(|h| shared.hosts.iter().any(|ok| ok == h)) {
        return Reply::error(403, "this server answers only to 127.0.0.1 and localhost");
    }
    if let Some(origin) = header(request, "Origin")
        && !shared.origins.iter().any(|ok| ok == origin)
    {
        return Reply::error(403, "requests from other sites are refused");
    }
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let given = query
        .split('&')
        .find_map(|p| p.strip_prefix("token="))
        .map(str::to_owned);
    let authorised = cookie_token(request) == Some(shared.token.as_str())
        || header(request, "X-DFR-Token") == Some(shared.token.as_str());
    // The page itself may be opened with the token in the address; it then sets the
    // cookie, which every other request must carry.
    if path == "/" && request.method() == Method::Get {
        if given.as_deref() == Some(shared.token.as_str()) || authorised {
            let page = match shared.states.is_workspace() {
                true => HOME,
                false => INDEX,
            };
            return Reply {
                cookie: Some(format!(
                    "dfr-token={}; HttpOnly; SameSite=Strict; Path=/",
                    shared.token
                )),
                ..Reply::file("text/html; charset=utf-8", page.as_bytes())
            };
        }
        // An old tab or bookmark (a token of an earlier run): a page that says what
        // happened and what to do, in both languages.
        return Reply {
            status: 403,
            ..Reply::file("text/html; charset=utf-8", RESTARTED.as_bytes())
        };
    }
    // The page's style and Khmer font hold no data: the restart page uses them too.
    match (request.method(), path) {
        (Method::Get, "/app.css") => {
            return Reply::file("text/css; charset=utf-8", STYLE.as_bytes());
        }
        (Method::Get, "/hanuman.ttf") => return Reply::file("font/ttf", hanuman()),
        _ => {}
    }
    if !authorised {
        return Reply::error(
            403,
            "missing or wrong token: open the address that `dfr serve` printed",
        );
    }
    match (request.method(), path) {
        (Method::Get, "/app.js") => {
            Reply::file("text/javascript; charset=utf-8", SCRIPT.as_bytes())
        }
        (Method::Get, "/print.js") => Reply::file(
            "text/javascript; charset=utf-8",
            b"document.getElementById(\"print\").addEventListener(\"click\", () => print());\n",
        ),
        (Method::Get, "/home.js") => {
            Reply::file("text/javascript; charset=utf-8", HOME_SCRIPT.as_bytes())
        }
        (Method::Get, "/form") => Reply::file("text/html; charset=utf-8", INDEX.as_bytes()),
        (Method::Get, "/api/form") => match shared.states.get(query) {
            Ok(state) => working.run(|| api::form(&state, shared.states.is_workspace())),
            Err(reply) => reply,
        },
        (Method::Get, "/api/places") => api::places(query),
        (Method::Get, "/api/declarations") => working.run(workspace::list),
        (Method::Get, file) if file.starts_with("/read/") => {
            let name = workspace::param(&format!("n={}", &file["/read/".len()..]), "n")
                .unwrap_or_default();
            match name.ends_with(".txt") {
                true => workspace::file(&shared.folder, &name).map_body(
                    |text| reading::page(&name, &String::from_utf8_lossy(&text)).into_bytes(),
                    "text/html; charset=utf-8",
                ),
                false => Reply::error(404, "no such file"),
            }
        }
        (Method::Get, file) if file.starts_with("/files/") => {
            let name = workspace::param(&format!("n={}", &file["/files/".len()..]), "n")
                .unwrap_or_default();
            workspace::file(&shared.folder, &name)
        }
        (Method::Post, route) => {
            let body = match read_body(request) {
                Ok(body) => body,
                Err(reply) => return reply,
            };
            let workspace_only =
                |answer: fn(&serde_json::Value) -> Reply| match shared.states.is_workspace() {
                    true => working.run(|| answer(&body)),
                    false => Reply::error(404, "no such request: dfr serve was given one file"),
                };
            match route {
                "/api/duplicate" => return workspace_only(workspace::duplicate),
                "/api/remove" => return workspace_only(workspace::remove),
                "/api/put-back" => return workspace_only(workspace::put_back),
                _ => {}
            }
            let state = match shared.states.get(query) {
                Ok(state) => state,
                Err(reply) => return reply,
            };
            working.run(|| match route {
                "/api/check" => api::check(&state, &body),
                "/api/preview" => api::preview(&state, &body),
                "/api/save" => {
                    let reply = api::save(&state, &body);
                    if reply.status == 200 {
                        shared.states.saved_new(&state);
                    }
                    reply
                }
                "/api/produce" => api::produce(&state, &body),
                "/api/diff" => api::diff(&state, &body),
                "/api/recovery" => api::recovery(&state, &body),
                _ => Reply::error(404, "no such request"),
            })
        }
        _ => Reply::error(404, "no such page"),
    }
}

/// The bundled Hanuman, so that Khmer shows on a browser with no Khmer font.
fn hanuman() -> &'static [u8] {
    dfr::locale::fonts::FONT_FILES
        .iter()
        .find(|(name, _)| *name == "Hanuman-Regular.ttf")
        .map_or(&[], |(_, data)| *data)
}

/// The request's body as JSON, at most [`MAX_BODY`] bytes: a longer one is refused
/// before any of it is read.
fn read_body(request: &mut Request) -> Result<serde_json::Value, Reply> {
    let body = request.read_body(MAX_BODY).map_err(|e| match e {
        BodyError::TooLarge => {
            Reply::error(413, format!("the request is larger than {MAX_BODY} bytes"))
        }
        BodyError::Unreadable => Reply::error(400, "the request could not be read"),
    })?;
    serde_json::from_slice(&body)
        .map_err(|e| Reply::error(400, format!("the request is not JSON: {e}")))
}
