//! The form's HTTP/1.1 server: one request per connection on loopback, every read bounded in size and time.
//!
//! Written here rather than taken from tiny_http 0.12, which allocated an unread body's
//! whole announced length when a request was dropped (one request with
//! `Content-Length: 99999999999` aborted the process) and let four idle sockets hold all
//! of its workers. Here a connection gets a thread of its own up to [`MAX_CONNECTIONS`];
//! its head must arrive within [`HEAD_TIME`], whole, in at most [`MAX_HEAD`] bytes; a body
//! is read only when the handler asks for it, only up to the handler's limit and within
//! [`BODY_TIME`]; an unread body is never drained past [`DRAIN`] bytes. Every answer
//! closes its connection, so no idle connection is kept.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The most connections served at once; one more is answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 64;
/// The largest request line and headers together.
pub const MAX_HEAD: usize = 32 * 1024;
/// The time a client has to send the request line and headers.
pub const HEAD_TIME: Duration = Duration::from_secs(10);
/// The time a client has to send a body it announced.
pub const BODY_TIME: Duration = Duration::from_secs(30);
/// The time an answer may take to be taken by the client.
const WRITE_TIME: Duration = Duration::from_secs(30);
/// The most bytes of an unread body read (and dropped) before closing, so that a
/// client sending a small refused request still reads its answer.
const DRAIN: u64 = 64 * 1024;

/// A request's method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    /// Any other method (answered 404 or 405 by the routes).
    Other,
}

/// One request: its line and headers read, its body not yet.
pub struct Request {
    method: Method,
    url: String,
    headers: Vec<(String, String)>,
    /// The announced body length (0 when none was announced).
    length: u64,
    /// Whether the body has been read.
    body_read: bool,
    reader: BufReader<TcpStream>,
}

/// Why a body was not read.
pub enum BodyError {
    /// Longer than the limit (nothing of it was read).
    TooLarge,
    /// The client did not send it in time, or the connection failed.
    Unreadable,
}

impl Request {
    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The request target: the path and the query string.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Reads the body, refusing one announced longer than `max` without reading any of it.
    pub fn read_body(&mut self, max: usize) -> Result<Vec<u8>, BodyError> {
        if self.length > max as u64 {
            return Err(BodyError::TooLarge);
        }
        self.body_read = true;
        let deadline = Instant::now() + BODY_TIME;
        let mut body = vec![0; self.length as usize];
        let mut filled = 0;
        while filled < body.len() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(BodyError::Unreadable);
            }
            let _ = self.reader.get_ref().set_read_timeout(Some(left));
            match self.reader.read(&mut body[filled..]) {
                Ok(0) | Err(_) => return Err(BodyError::Unreadable),
                Ok(n) => filled += n,
            }
        }
        Ok(body)
    }
}

/// An answer: status, headers and body.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// A listening server and the switch that stops it.
pub struct Server {
    listener: TcpListener,
    stopping: Arc<AtomicBool>,
    active: Arc<(Mutex<usize>, Condvar)>,
}

/// Stops a [`Server`] from another thread (Ctrl-C).
#[derive(Clone)]
pub struct Stopper {
    stopping: Arc<AtomicBool>,
    address: SocketAddr,
}

impl Stopper {
    /// Stops accepting connections; those in hand are answered first.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accepting thread.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_secs(1));
    }
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0 for any free port).
    pub fn bind(port: u16) -> io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(("127.0.0.1", port))?,
            stopping: Arc::new(AtomicBool::new(false)),
            active: Arc::new((Mutex::new(0), Condvar::new())),
        })
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map_or(0, |a| a.port())
    }

    /// A handle that stops this server.
    pub fn stopper(&self) -> Stopper {
        Stopper {
            stopping: Arc::clone(&self.stopping),
            address: self
                .listener
                .local_addr()
                .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], self.port()))),
        }
    }

    /// Answers connections with `handle` until stopped, then waits for those in hand.
    pub fn run<H>(&self, handle: H)
    where
        H: Fn(&mut Request) -> Response + Send + Sync + 'static,
    {
        let handle = Arc::new(handle);
        for stream in self.listener.incoming() {
            if self.stopping.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let (count, _) = &*self.active;
            {
                let mut count = count.lock().unwrap_or_else(|e| e.into_inner());
                if *count >= MAX_CONNECTIONS {
                    drop(count);
                    busy(stream);
                    continue;
                }
                *count += 1;
            }
            let (active, handle) = (Arc::clone(&self.active), Arc::clone(&handle));
            let spawned = std::thread::Builder::new().spawn(move || {
                serve_connection(stream, &*handle);
                let (count, done) = &*active;
                *count.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
                done.notify_all();
            });
            if spawned.is_err() {
                *count.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
            }
        }
        let (count, done) = &*self.active;
        let mut count = count.lock().unwrap_or_else(|e| e.into_inner());
        while *count > 0 {
            count = done.wait(count).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Answers 503 to a connection over the limit, without reading from it.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    let _ = stream.shutdown(Shutdown::Both);
}

/// Reads one request from `stream`, answers it and closes the connection.
fn serve_connection(stream: TcpStream, handle: &dyn Fn(&mut Request) -> Response) {
    let _ = stream.set_write_timeout(Some(WRITE_TIME));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let (response, mut reader, unread) = match read_head(BufReader::new(stream)) {
        Ok(mut request) => {
            let response = handle(&mut request);
            let unread = if request.body_read { 0 } else { request.length };
            (response, request.reader, unread)
        }
        Err((Some(status), reader)) => (plain(status), reader, 0),
        Err((None, _)) => return,
    };
    let _ = write_response(&mut writer, &response);
    let _ = writer.flush();
    let _ = writer.shutdown(Shutdown::Write);
    // A client that sent a little more than was read (a small refused body, the rest of
    // an oversized head) still gets its answer: closing with unread data would reset
    // the connection. A large announced body is never read.
    if unread <= DRAIN {
        let _ = reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(1)));
        let _ = io::copy(&mut (&mut reader).take(DRAIN), &mut io::sink());
    }
}

/// An answer with no body but its status.
fn plain(status: u16) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8".to_owned())],
        body: reason(status).as_bytes().to_vec(),
    }
}

/// Reads the request line and headers within [`HEAD_TIME`] and [`MAX_HEAD`] bytes.
/// A malformed request is answered with the status given (`Some`); a silent one is
/// dropped (`None`).
fn read_head(
    mut reader: BufReader<TcpStream>,
) -> Result<Request, (Option<u16>, BufReader<TcpStream>)> {
    match read_head_into(&mut reader) {
        Ok((method, url, headers)) => {
            let mut request = Request {
                method,
                url,
                headers,
                length: 0,
                body_read: false,
                reader,
            };
            if request.header("Transfer-Encoding").is_some() {
                // Chunked bodies are not sent by the form's page.
                return Err((Some(411), request.reader));
            }
            request.length = match request.header("Content-Length").map(str::parse::<u64>) {
                None => 0,
                Some(Ok(n)) => n,
                Some(Err(_)) => return Err((Some(400), request.reader)),
            };
            Ok(request)
        }
        Err(status) => Err((status, reader)),
    }
}

/// The request line and headers: method, target and `(name, value)` pairs.
type Head = (Method, String, Vec<(String, String)>);

fn read_head_into(reader: &mut BufReader<TcpStream>) -> Result<Head, Option<u16>> {
    let deadline = Instant::now() + HEAD_TIME;
    let mut used = 0;
    let mut line = |reader: &mut BufReader<TcpStream>| -> Result<String, Option<u16>> {
        let mut bytes = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(if used == 0 { None } else { Some(408) });
            }
            let _ = reader.get_ref().set_read_timeout(Some(left));
            let room = (MAX_HEAD - used) as u64 + 1;
            let read = reader.by_ref().take(room).read_until(b'\n', &mut bytes);
            match read {
                Ok(0) => return Err(None),
                Ok(n) => {
                    used += n;
                    if used > MAX_HEAD {
                        return Err(Some(431));
                    }
                    if bytes.ends_with(b"\n") {
                        break;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return Err(if used == 0 { None } else { Some(408) }),
            }
        }
        let text = String::from_utf8(bytes).map_err(|_| Some(400))?;
        Ok(text.trim_end_matches(['\r', '\n']).to_owned())
    };
    let first = line(reader)?;
    let mut parts = first.split(' ');
    let (Some(method), Some(url), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Some(400));
    };
    if !version.starts_with("HTTP/1.") || !url.starts_with('/') {
        return Err(Some(400));
    }
    let method = match method {
        "GET" => Method::Get,
        "POST" => Method::Post,
        _ => Method::Other,
    };
    let mut headers = Vec::new();
    loop {
        let header = line(reader)?;
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').ok_or(Some(400))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    Ok((method, url.to_owned(), headers))
}

/// Writes `response` with its status line, length and `Connection: close`.
fn write_response(writer: &mut TcpStream, response: &Response) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.body.len()
    );
    for (name, value) in &response.headers {
        // A value is never allowed to end the head early.
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("\r\n");
    writer.write_all(head.as_bytes())?;
    writer.write_all(&response.body)
}

/// The reason phrase of the statuses this server gives.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}
