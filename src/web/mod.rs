//! `righthome serve`: the Access to Resources Team's web app over the same library as the
//! commands. Accounts, runs, decisions, approvals and an append-only audit log live in one
//! SQLite file ([`db`]); the input CSVs stay the source of referrals and vacancies
//! ([`inputs`]); every request passes the session, role and CSRF checks in [`app`].
//!
//! The server is tiny_http with a fixed pool of worker threads (no async runtime): a few
//! people use it at once, and a match takes well under a second on a day's referrals.

pub mod app;
pub mod auth;
pub mod db;
pub mod http;
pub mod inputs;
mod pages;
pub mod scenarios;

use crate::error::Problem;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// Worker threads answering requests.
pub const WORKERS: usize = 8;

/// Why a request, or the server, failed.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The database could not be opened or brought up to date.
    #[error("cannot open the database {}: {reason}: check the path (--db) and that no other program holds it", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// SQLite's reason.
        reason: String,
    },
    /// A query failed.
    #[error("the database refused the change: {0}")]
    Database(String),
    /// An account could not be added or changed.
    #[error("{0}")]
    Account(String),
    /// The inputs have problems, each located (file, line, column, value, expected).
    #[error("the inputs have {} problem(s); nothing was changed", .0.len())]
    Invalid(Vec<Problem>),
    /// An input or run file could not be read or written.
    #[error("{0}")]
    Input(String),
    /// A form field is missing or wrong.
    #[error("{0}")]
    Form(String),
    /// The change conflicts with what is recorded.
    #[error("{0}")]
    Conflict(String),
    /// A POST without this session's CSRF token.
    #[error(
        "the form is out of date or came from another site (no valid CSRF token): reload the page and try again"
    )]
    Csrf,
    /// The role may not do this.
    #[error("your role may not {0}: ask a colleague whose role may")]
    Forbidden(String),
    /// Too many failed sign-ins from this address.
    #[error("too many failed sign-ins from this address: wait 15 minutes and try again")]
    TooManyAttempts,
    /// The request body is over the cap.
    #[error("the upload is larger than {} MiB: upload smaller files", http::MAX_BODY / (1024 * 1024))]
    TooLarge,
    /// No match has been run since the app started.
    #[error("no match has been run yet: press \"Match now\" on the Today page")]
    NoMatch,
    /// No such page or record.
    #[error("no such page or record")]
    NotFound,
    /// The address cannot be served.
    #[error("{0}")]
    Bind(String),
}

impl WebError {
    /// The HTTP status for this error.
    pub fn status(&self) -> u16 {
        match self {
            WebError::Invalid(_)
            | WebError::Form(_)
            | WebError::Input(_)
            | WebError::Account(_) => 400,
            WebError::Csrf | WebError::Forbidden(_) => 403,
            WebError::NotFound => 404,
            WebError::Conflict(_) | WebError::NoMatch => 409,
            WebError::TooLarge => 413,
            WebError::TooManyAttempts => 429,
            _ => 500,
        }
    }
}

/// What `righthome serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// The live inputs' directory.
    pub data: PathBuf,
    /// The database file.
    pub db: PathBuf,
    /// Where to listen.
    pub bind: SocketAddr,
    /// Listening beyond loopback was asked for explicitly.
    pub allow_remote: bool,
    /// Cookies carry `Secure`: the app sits behind a TLS proxy.
    pub behind_tls: bool,
    /// The bundled scenarios' directory.
    pub scenarios: PathBuf,
}

/// The warning printed when listening beyond loopback.
pub const REMOTE_WARNING: &str = "righthome: warning: listening beyond this machine. The app speaks plain HTTP: it must sit behind the council's TLS reverse proxy (see README, 'The web app'), with --behind-tls so cookies are Secure.";

/// Open the database, bind, print the address (first line of standard output) and answer
/// requests until the process is stopped.
pub fn serve(args: &ServeArgs) -> Result<(), WebError> {
    if !args.bind.ip().is_loopback() && !args.allow_remote {
        return Err(WebError::Bind(format!(
            "--bind {} is not a loopback address: add --allow-remote to listen beyond this machine (behind a TLS proxy only)",
            args.bind
        )));
    }
    if !args.data.is_dir() {
        return Err(WebError::Bind(format!(
            "--data {} is not a directory: give the directory holding children.csv and homes.csv",
            args.data.display()
        )));
    }
    let db = db::Db::open(&args.db)?;
    let runs = args
        .db
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                p
            }
        })
        .unwrap_or(std::path::Path::new("."))
        .join("righthome-runs");
    let app = Arc::new(app::App {
        db: Mutex::new(db),
        sessions: Mutex::default(),
        limit: Mutex::default(),
        data: args.data.clone(),
        runs,
        latest: RwLock::new(None),
        matching: Mutex::new(()),
        secure: args.behind_tls,
        scenarios: args.scenarios.clone(),
        jobs: Arc::default(),
    });
    let server = tiny_http::Server::http(args.bind)
        .map_err(|e| WebError::Bind(format!("cannot listen on {}: {e}", args.bind)))?;
    let server = Arc::new(server);
    let addr = server
        .server_addr()
        .to_ip()
        .map_or(args.bind.to_string(), |a| a.to_string());
    if args.allow_remote && !args.bind.ip().is_loopback() {
        eprintln!("{REMOTE_WARNING}");
    }
    println!("righthome: serving on http://{addr}/ (sign in at /login)");
    let mut workers = Vec::new();
    for _ in 0..WORKERS {
        let (server, app) = (Arc::clone(&server), Arc::clone(&app));
        workers.push(std::thread::spawn(move || {
            while let Ok(mut request) = server.recv() {
                let req = http::Req::read(&mut request);
                let resp = app.handle(&req);
                // Only ids and paths in the log line: never a field's value.
                if resp.status >= 500 {
                    eprintln!("righthome: {} {} -> {}", req.method, req.path, resp.status);
                }
                let _ = request.respond(resp.into_tiny());
            }
        }));
    }
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}
