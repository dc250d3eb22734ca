//! The requests `dfr serve` answers: each route by method and path, the security checks
//! before any of them, and the replies with their headers.
//!
//! | request | answer |
//! |---|---|
//! | `GET /` (token in the address or cookie) | the form (one file) or the workspace's list; sets the cookie |
//! | `GET /app.css`, `/hanuman.ttf` | the style and the Khmer font (no token: the restart page uses them) |
//! | `GET /app.js` and its modules (`/form/state.js`, `words`, `schema`, `fields`, `dates`, `places`, `summary`, `progress`, `compare`), `/home.js`, `/print.js`, `/form` | the scripts, and the form of a workspace's file |
//! | `GET /api/form?file=NAME` | the schema, labels, data and problems the form is built from |
//! | `GET /api/places?q=TEXT` or `?under=CODE` | places of the gazetteer, for the address picker |
//! | `GET /api/declarations` | the workspace's declarations and their copies |
//! | `GET /read/NAME.txt`, `/files/NAME` | a review copy as a page; a produced copy as it is |
//! | `POST /api/check`, `/api/preview` | the problems; the preview's pages and where each part starts |
//! | `POST /api/save`, `/api/produce`, `/api/diff`, `/api/recovery` | write the file, write a copy (of the contract or of a kit's document), compare with the saved file, restore or discard unsaved changes |
//! | `POST /api/kit` | the copies of the kit's documents the form's data calls for |
//! | `POST /api/duplicate`, `/api/remove`, `/api/put-back` | the workspace's file actions |
//! | `GET /api/workspace` | whether the workspace is encrypted, locked, empty |
//! | `POST /api/unlock`, `/api/lock`, `/api/setup`, `/api/passphrase` | open or lock an encrypted workspace; encrypt a plain one; a new passphrase |
//!
//! While an encrypted workspace is locked, every request that would read or write a
//! declaration is answered `423` with the reason `locked`.

use super::http::{Method, Request, Response};
use super::{Reply, Shared, Working, api, files, kit, listing, lock, reading, requests, workspace};

/// A request the server knows, by method and path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route<'a> {
    /// `GET /`: the form or the workspace's list, opened with the token.
    Page,
    /// `GET /app.css`: the style.
    Style,
    /// `GET /hanuman.ttf`: the Khmer font the pages are shown in.
    Font,
    /// `GET /app.js`: the form's script.
    Script,
    /// `GET /form/state.js`, …: the modules the form's script imports.
    Module(&'static str),
    /// `GET /print.js`: the review page's print button.
    PrintScript,
    /// `GET /home.js`: the workspace list's script.
    HomeScript,
    /// `GET /form`: the form page, for a file of the workspace.
    FormPage,
    /// `GET /api/form`: what the form is built from.
    Form,
    /// `GET /api/places`: the place search.
    Places,
    /// `GET /api/declarations`: the workspace's list.
    Declarations,
    /// `GET /api/workspace`: whether the workspace is encrypted and locked.
    Workspace,
    /// `GET /read/NAME.txt`: a review copy, as a page to read side by side.
    Read(&'a str),
    /// `GET /files/NAME`: a produced copy.
    File(&'a str),
    /// `GET /print/NAME`: the copy last made to print and not kept, from memory.
    Printed(&'a str),
    /// `POST /api/…`: a request with a JSON body.
    Post(PostRoute),
}

/// A request with a JSON body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PostRoute {
    /// `/api/check`: the problems of the form's data.
    Check,
    /// `/api/preview`: the pages of the form's data.
    Preview,
    /// `/api/save`: write the declaration's file.
    Save,
    /// `/api/produce`: write a final, draft, redacted or review copy.
    Produce,
    /// `/api/diff`: compare with the saved file.
    Diff,
    /// `/api/kit`: the copies of the kit's documents the data calls for.
    Kit,
    /// `/api/recovery`: restore or discard unsaved changes.
    Recovery,
    /// `/api/duplicate`: copy a declaration of the workspace.
    Duplicate,
    /// `/api/remove`: move a declaration to the workspace's bin.
    Remove,
    /// `/api/put-back`: take a declaration back out of the bin.
    PutBack,
    /// `/api/unlock`: open the encrypted workspace with its passphrase or recovery key.
    Unlock,
    /// `/api/lock`: lock the encrypted workspace now.
    Lock,
    /// `/api/setup`: encrypt the workspace with a new passphrase.
    Setup,
    /// `/api/passphrase`: a new passphrase for the open workspace.
    NewPassphrase,
}

impl<'a> Route<'a> {
    /// The route of `method` and `path`, if the server has one.
    fn of(method: Method, path: &'a str) -> Option<Route<'a>> {
        use PostRoute::*;
        if method == Method::Get
            && let Some((_, text)) = MODULES.iter().find(|(served, _)| *served == path)
        {
            return Some(Route::Module(text));
        }
        Some(match (method, path) {
            (Method::Get, "/") => Route::Page,
            (Method::Get, "/app.css") => Route::Style,
            (Method::Get, "/hanuman.ttf") => Route::Font,
            (Method::Get, "/app.js") => Route::Script,
            (Method::Get, "/print.js") => Route::PrintScript,
            (Method::Get, "/home.js") => Route::HomeScript,
            (Method::Get, "/form") => Route::FormPage,
            (Method::Get, "/api/form") => Route::Form,
            (Method::Get, "/api/places") => Route::Places,
            (Method::Get, "/api/declarations") => Route::Declarations,
            (Method::Get, "/api/workspace") => Route::Workspace,
            (Method::Get, p) if p.starts_with("/read/") => Route::Read(&p["/read/".len()..]),
            (Method::Get, p) if p.starts_with("/files/") => Route::File(&p["/files/".len()..]),
            (Method::Get, p) if p.starts_with("/print/") => Route::Printed(&p["/print/".len()..]),
            (Method::Post, p) => Route::Post(match p {
                "/api/check" => Check,
                "/api/preview" => Preview,
                "/api/save" => Save,
                "/api/produce" => Produce,
                "/api/diff" => Diff,
                "/api/kit" => Kit,
                "/api/recovery" => Recovery,
                "/api/duplicate" => Duplicate,
                "/api/remove" => Remove,
                "/api/put-back" => PutBack,
                "/api/unlock" => Unlock,
                "/api/lock" => Lock,
                "/api/setup" => Setup,
                "/api/passphrase" => NewPassphrase,
                _ => return None,
            }),
            _ => return None,
        })
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

const INDEX: &str = include_str!("index.html");
const SCRIPT: &str = include_str!("app.js");
/// The modules `app.js` imports (`./state.js`, …), by the path they are served at.
const MODULES: [(&str, &str); 9] = [
    ("/form/state.js", include_str!("form/state.js")),
    ("/form/words.js", include_str!("form/words.js")),
    ("/form/schema.js", include_str!("form/schema.js")),
    ("/form/fields.js", include_str!("form/fields.js")),
    ("/form/dates.js", include_str!("form/dates.js")),
    ("/form/places.js", include_str!("form/places.js")),
    ("/form/compare.js", include_str!("form/compare.js")),
    ("/form/summary.js", include_str!("form/summary.js")),
    ("/form/progress.js", include_str!("form/progress.js")),
];
const STYLE: &str = include_str!("app.css");
const RESTARTED: &str = include_str!("restarted.html");
const HOME: &str = include_str!("home.html");
const HOME_SCRIPT: &str = include_str!("home.js");

/// Answers one request: the security checks first, then the route.
pub(super) fn handle(shared: &Shared, working: &Working, request: &mut Request) -> Response {
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
    let Some(route) = Route::of(request.method(), path) else {
        return match (request.method(), authorised) {
            (_, false) => missing_token(),
            (Method::Post, true) => Reply::error(404, "no such request"),
            _ => Reply::error(404, "no such page"),
        };
    };
    match route {
        // The page itself may be opened with the token in the address; it then sets
        // the cookie, which every other request must carry.
        Route::Page if given.as_deref() == Some(shared.token.as_str()) || authorised => {
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
        Route::Page => {
            return Reply {
                status: 403,
                ..Reply::file("text/html; charset=utf-8", RESTARTED.as_bytes())
            };
        }
        // The page's style and Khmer font hold no data: the restart page uses them too.
        Route::Style => return Reply::file("text/css; charset=utf-8", STYLE.as_bytes()),
        Route::Font => return Reply::file("font/ttf", hanuman()),
        _ if !authorised => return missing_token(),
        _ => {}
    }
    // The form is in use: an encrypted workspace locks only after a pause (asking
    // whether it is locked is not a use).
    let store = shared.states.store();
    if route != Route::Workspace {
        store.touch();
    }
    match route {
        Route::Page | Route::Style | Route::Font => Reply::error(404, "no such page"),
        Route::Script => Reply::file("text/javascript; charset=utf-8", SCRIPT.as_bytes()),
        Route::Module(text) => Reply::file("text/javascript; charset=utf-8", text.as_bytes()),
        Route::PrintScript => Reply::file(
            "text/javascript; charset=utf-8",
            b"document.getElementById(\"print\").addEventListener(\"click\", () => print());\n",
        ),
        Route::HomeScript => Reply::file("text/javascript; charset=utf-8", HOME_SCRIPT.as_bytes()),
        Route::FormPage => Reply::file("text/html; charset=utf-8", INDEX.as_bytes()),
        Route::Form => match shared.states.get(query) {
            Ok(state) => working.run(|| api::form(&state, shared.states.is_workspace())),
            Err(reply) => reply,
        },
        Route::Places => api::places(query),
        Route::Declarations => working.run(|| listing::list(store)),
        Route::Workspace => lock::status(store),
        Route::Read(name) => {
            let name = workspace::param(&format!("n={name}"), "n").unwrap_or_default();
            match name.ends_with(".txt") {
                true => workspace::file(store, &shared.folder, &name).map_body(
                    |text| reading::page(&name, &String::from_utf8_lossy(&text)).into_bytes(),
                    "text/html; charset=utf-8",
                ),
                false => Reply::error(404, "no such file"),
            }
        }
        Route::File(name) => {
            let name = workspace::param(&format!("n={name}"), "n").unwrap_or_default();
            workspace::file(store, &shared.folder, &name)
        }
        Route::Printed(name) => {
            let name = workspace::param(&format!("n={name}"), "n").unwrap_or_default();
            match shared.states.get(query) {
                Ok(state) => files::printed(&state, &name),
                Err(reply) => reply,
            }
        }
        Route::Post(route) => {
            let body = match requests::read_body(request) {
                Ok(body) => body,
                Err(reply) => return reply,
            };
            post(shared, working, route, query, &body)
        }
    }
}

/// Answers a request with a JSON body, once its body is read.
fn post(
    shared: &Shared,
    working: &Working,
    route: PostRoute,
    query: &str,
    body: &serde_json::Value,
) -> Reply {
    // The body as the route's request, or the `400` answer.
    macro_rules! parsed {
        ($body:expr) => {
            match requests::parse($body) {
                Ok(request) => request,
                Err(reply) => return reply,
            }
        };
    }
    let store = shared.states.store();
    let workspace_only = |answer: fn(&super::store::Store, &requests::FileAction) -> Reply| match (
        shared.states.is_workspace(),
        requests::parse(body),
    ) {
        (false, _) => Reply::error(404, "no such request: dfr serve was given one file"),
        (true, Ok(request)) => working.run(|| answer(store, &request)),
        (true, Err(reply)) => reply,
    };
    match route {
        PostRoute::Duplicate => return workspace_only(workspace::duplicate),
        PostRoute::Remove => return workspace_only(workspace::remove),
        PostRoute::PutBack => return workspace_only(workspace::put_back),
        PostRoute::Unlock | PostRoute::Lock | PostRoute::Setup | PostRoute::NewPassphrase
            if !shared.states.is_workspace() =>
        {
            return Reply::error(404, "no such request: dfr serve was given one file");
        }
        PostRoute::Unlock => return working.run(|| lock::unlock(store, &parsed!(body))),
        PostRoute::Lock => return lock::lock(&shared.states),
        PostRoute::Setup => return working.run(|| lock::setup(store, &parsed!(body))),
        PostRoute::NewPassphrase => {
            return working.run(|| lock::new_passphrase(store, &parsed!(body)));
        }
        _ => {}
    }
    let state = match shared.states.get(query) {
        Ok(state) => state,
        Err(reply) => return reply,
    };
    working.run(|| match route {
        PostRoute::Check => api::check(&state, &parsed!(body)),
        PostRoute::Preview => api::preview(&state, &parsed!(body)),
        PostRoute::Save => {
            let reply = files::save(&state, &parsed!(body));
            if reply.status == 200 {
                shared.states.saved_new(&state);
            }
            reply
        }
        PostRoute::Produce => files::produce(&state, &parsed!(body)),
        PostRoute::Diff => api::diff(&state, &parsed!(body)),
        PostRoute::Kit => kit::copies(&state, &parsed!(body)),
        PostRoute::Recovery => files::recovery(&state, &parsed!(body)),
        PostRoute::Duplicate
        | PostRoute::Remove
        | PostRoute::PutBack
        | PostRoute::Unlock
        | PostRoute::Lock
        | PostRoute::Setup
        | PostRoute::NewPassphrase => Reply::error(404, "no such request"),
    })
}

/// The answer to a request without this run's token.
fn missing_token() -> Reply {
    Reply::error(
        403,
        "missing or wrong token: open the address that `dfr serve` printed",
    )
}

/// The bundled Hanuman, so that Khmer shows on a browser with no Khmer font.
fn hanuman() -> &'static [u8] {
    dfr::locale::fonts::FONT_FILES
        .iter()
        .find(|(name, _)| *name == "Hanuman-Regular.ttf")
        .map_or(&[], |(_, data)| *data)
}
