//! The app's state and its front door: every request is routed here, the session and role
//! checked on the server, a CSRF token required on every POST, and sign-in rate-limited.

use super::auth::{self, AddressLimit, LOCK_AFTER, LOCK_SECONDS, Session, Sessions};
use super::db::Db;
use super::http::{Req, Resp};
use super::inputs::Solved;
use super::{WebError, pages};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "rh_session";
/// The sign-in form's CSRF cookie (before there is a session).
pub const LOGIN_COOKIE: &str = "rh_login";

/// Everything the handlers share.
pub struct App {
    /// The database (one connection: SQLite serialises writes anyway).
    pub db: Mutex<Db>,
    /// Live sessions.
    pub sessions: Mutex<Sessions>,
    /// Failed sign-ins per address.
    pub limit: Mutex<AddressLimit>,
    /// The live inputs' directory.
    pub data: PathBuf,
    /// Where each run's copy of its inputs is kept.
    pub runs: PathBuf,
    /// The newest run, solved.
    pub latest: RwLock<Option<Arc<Solved>>>,
    /// One match at a time.
    pub matching: Mutex<()>,
    /// Cookies carry `Secure` (the app sits behind a TLS proxy).
    pub secure: bool,
    /// The bundled scenarios' directory.
    pub scenarios: PathBuf,
    /// Scenario runs started since the app started.
    pub jobs: Arc<Mutex<Vec<super::scenarios::Job>>>,
}

/// Lock a mutex, carrying on after a panicked holder (the data are plain values).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl App {
    /// A cookie with the app's attributes.
    pub fn cookie(&self, name: &str, value: &str, max_age: u64) -> String {
        format!(
            "{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// Answer one request.
    pub fn handle(&self, req: &Req) -> Resp {
        match self.route(req) {
            Ok(r) => r,
            Err(e) => pages::error_page(&e),
        }
    }

    fn route(&self, req: &Req) -> Result<Resp, WebError> {
        if req.too_large {
            return Err(WebError::TooLarge);
        }
        let path = req.path.as_str();
        match (req.method.as_str(), path) {
            ("GET", "/healthz") => return Ok(Resp::text(200, "ok")),
            ("GET", "/static/app.css") => {
                return Ok(Resp::bytes(
                    "text/css; charset=utf-8",
                    include_bytes!("../../templates/web/app.css").to_vec(),
                ));
            }
            ("GET", "/login") => return Ok(self.login_form(req, "")),
            // Browsers ask for it on their own: no redirect to /login (which would start a
            // new sign-in form under the one being filled in).
            ("GET", "/favicon.ico") => return Err(WebError::NotFound),
            ("POST", "/login") => return self.login(req),
            ("GET" | "POST", _) => {}
            _ => return Err(WebError::NotFound),
        }
        let Some(session) = self.session(req)? else {
            return Ok(Resp::redirect("/login"));
        };
        if req.method == "POST" {
            let given = req.field("csrf");
            if given.is_empty() || !auth::same_token(given, &session.csrf) {
                return Err(WebError::Csrf);
            }
        }
        pages::route(self, req, &session)
    }

    /// The session the request's cookie names, with its role rechecked against the account
    /// (a disabled account's sessions end at once).
    fn session(&self, req: &Req) -> Result<Option<Session>, WebError> {
        let Some(id) = req.cookies.get(SESSION_COOKIE) else {
            return Ok(None);
        };
        let Some(mut session) = lock(&self.sessions).get(id) else {
            return Ok(None);
        };
        match lock(&self.db).user(&session.user)? {
            Some(user) if !user.disabled => {
                session.role = user.role;
                Ok(Some(session))
            }
            _ => {
                lock(&self.sessions).end(id);
                Ok(None)
            }
        }
    }

    /// The sign-in form, with its CSRF token in a cookie too (the one the browser already
    /// holds, if any: a second tab or a background request must not spoil the first form).
    fn login_form(&self, req: &Req, message: &str) -> Resp {
        let token = req
            .cookies
            .get(LOGIN_COOKIE)
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
            .cloned()
            .unwrap_or_else(auth::token);
        let mut r = pages::login_page(&token, message);
        r.headers
            .push(("Set-Cookie".into(), self.cookie(LOGIN_COOKIE, &token, 3600)));
        r
    }

    fn login(&self, req: &Req) -> Result<Resp, WebError> {
        let cookie = req.cookies.get(LOGIN_COOKIE).map_or("", String::as_str);
        let given = req.field("csrf");
        if cookie.is_empty() || !auth::same_token(cookie, given) {
            return Err(WebError::Csrf);
        }
        let ip = req.addr();
        if lock(&self.limit).blocked(ip) {
            return Err(WebError::TooManyAttempts);
        }
        let name = req.field("username").trim();
        let password = req.field("password");
        let user = lock(&self.db).user(name)?;
        let refused = |app: &App, why: &str| -> Result<Resp, WebError> {
            lock(&app.limit).failed(ip);
            let db = lock(&app.db);
            db.login_failed(name, LOCK_AFTER, now_secs() + LOCK_SECONDS)?;
            db.audit(name, "login_failed", None, None, Some(why))?;
            let mut r = app.login_form(
                req,
                "The name or password is wrong, or the account is locked or disabled.",
            );
            r.status = 401;
            Ok(r)
        };
        let Some(user) = user else {
            return refused(self, "unknown account");
        };
        if user.locked_until > now_secs() {
            return refused(self, "locked");
        }
        if user.disabled {
            return refused(self, "disabled");
        }
        if !auth::verify_password(password, &user.password_hash) {
            return refused(self, "wrong password");
        }
        {
            let db = lock(&self.db);
            db.login_ok(&user.name)?;
            db.audit(&user.name, "login", None, None, None)?;
        }
        let id = lock(&self.sessions).start(&user.name, user.role);
        Ok(Resp::redirect("/")
            .with(
                "Set-Cookie",
                self.cookie(SESSION_COOKIE, &id, auth::SESSION_MAX.as_secs()),
            )
            .with("Set-Cookie", self.cookie(LOGIN_COOKIE, "", 0)))
    }
}
