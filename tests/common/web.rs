//! A `righthome serve` started on a free loopback port over a copy of the bundled data, with
//! an account per role, and a small HTTP/1.1 client (one connection per request) that keeps
//! cookies and the page's CSRF token.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Every account the tests sign in with: (name, role, password).
pub const ACCOUNTS: [(&str, &str, &str); 4] = [
    ("ann", "art", "ann-password-1"),
    ("mary", "manager", "mary-password-1"),
    ("pat", "planner", "pat-password-1"),
    ("ada", "admin", "ada-password-1"),
];

/// A running server and its files.
pub struct Server {
    /// The child process.
    pub process: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The temporary directory holding data/ and righthome.db (None once taken by `stop`).
    dir: Option<tempfile::TempDir>,
}

impl Server {
    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.path().join("righthome.db")
    }

    /// The live inputs' directory.
    pub fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    /// The server's directory.
    pub fn path(&self) -> &Path {
        self.dir.as_ref().expect("not stopped").path()
    }

    /// Kill the server and keep its directory (to restart on it, or to inspect).
    pub fn stop(mut self) -> tempfile::TempDir {
        self.kill();
        self.dir.take().expect("not stopped")
    }

    /// Stop the server (SIGKILL).
    pub fn kill(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The binary built for the tests.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_righthome"))
}

/// Add an account with the command line (password on standard input).
pub fn add_user(db: &Path, name: &str, role: &str, password: &str) {
    let mut p = Command::new(binary())
        .args(["user", "add", name, "--role", role, "--db"])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("user add");
    p.stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("password");
    let out = p.wait_with_output().expect("user add ran");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh directory with the bundled inputs and every account, and a server on it.
pub fn start() -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data");
    for name in ["children.csv", "homes.csv", "residents.csv", "policy.toml"] {
        std::fs::copy(Path::new("data/lancashire").join(name), data.join(name)).expect("copy");
    }
    let db = dir.path().join("righthome.db");
    for (name, role, password) in ACCOUNTS {
        add_user(&db, name, role, password);
    }
    restart(dir)
}

/// Start a server on an existing directory (after a kill).
pub fn restart(dir: tempfile::TempDir) -> Server {
    let mut process = Command::new(binary())
        .arg("serve")
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--db")
        .arg(dir.path().join("righthome.db"))
        .args(["--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(process.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server {
        process,
        addr,
        dir: Some(dir),
    }
}

/// A response.
#[derive(Debug)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Header names lower-cased; repeated ones joined with "\n".
    pub headers: HashMap<String, String>,
    /// The body as text.
    pub body: String,
}

impl Reply {
    /// A header, or "".
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// A browser-like client: cookies and the last CSRF token seen.
#[derive(Debug, Clone)]
pub struct Client {
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Cookies by name.
    pub cookies: HashMap<String, String>,
    /// The last `name="csrf" value="..."` seen in a page.
    pub csrf: String,
}

/// `application/x-www-form-urlencoded` of the pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    let enc = |t: &str| -> String {
        t.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl Client {
    /// A client with no cookies.
    pub fn new(addr: &str) -> Client {
        Client {
            addr: addr.to_string(),
            cookies: HashMap::new(),
            csrf: String::new(),
        }
    }

    /// Send one request; None if the connection failed.
    pub fn try_send(
        &mut self,
        method: &str,
        path: &str,
        content_type: &str,
        body: &[u8],
    ) -> Option<Reply> {
        let mut s = TcpStream::connect(&self.addr).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(60))).ok()?;
        let cookies: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        if !content_type.is_empty() {
            head.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        if !cookies.is_empty() {
            head.push_str(&format!("Cookie: {}\r\n", cookies.join("; ")));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).ok()?;
        s.write_all(body).ok()?;
        // Read to the end of the body (Content-Length), or to the close without one: some
        // servers (chromedriver) keep the connection open whatever the request asked.
        let mut raw = Vec::new();
        let mut buf = [0u8; 16384];
        loop {
            let n = s.read(&mut buf).ok()?;
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
            if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok());
                if length.is_some_and(|len| raw.len() >= end + 4 + len) {
                    break;
                }
            }
        }
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n")?;
        let mut lines = head.lines();
        let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
        let mut headers: HashMap<String, String> = HashMap::new();
        for l in lines {
            if let Some((k, v)) = l.split_once(':') {
                let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_string());
                if k == "set-cookie"
                    && let Some((name, rest)) = v.split_once('=')
                {
                    let value = rest.split(';').next().unwrap_or("");
                    if value.is_empty() {
                        self.cookies.remove(name);
                    } else {
                        self.cookies.insert(name.to_string(), value.to_string());
                    }
                }
                headers
                    .entry(k)
                    .and_modify(|e| {
                        e.push('\n');
                        e.push_str(&v);
                    })
                    .or_insert(v);
            }
        }
        if let Some(i) = body.find("name=\"csrf\" value=\"") {
            let rest = &body[i + 19..];
            self.csrf = rest.split('"').next().unwrap_or("").to_string();
        }
        Some(Reply {
            status,
            headers,
            body: body.to_string(),
        })
    }

    /// Send one request (panics if the connection fails).
    pub fn send(&mut self, method: &str, path: &str, content_type: &str, body: &[u8]) -> Reply {
        self.try_send(method, path, content_type, body)
            .unwrap_or_else(|| panic!("{method} {path}: no reply"))
    }

    /// GET.
    pub fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, "", b"")
    }

    /// POST a form, adding this client's CSRF token.
    pub fn post(&mut self, path: &str, pairs: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf.clone();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(pairs);
        self.send(
            "POST",
            path,
            "application/x-www-form-urlencoded",
            form(&all).as_bytes(),
        )
    }

    /// Sign in (the login page first, for its CSRF cookie); returns the POST's reply.
    pub fn login(&mut self, name: &str, password: &str) -> Reply {
        self.get("/login");
        let r = self.post("/login", &[("username", name), ("password", password)]);
        if r.status == 303 {
            self.get("/");
        }
        r
    }
}

/// A client signed in as one of [`ACCOUNTS`] (by role).
pub fn signed_in(addr: &str, role: &str) -> Client {
    let (name, _, password) = ACCOUNTS
        .iter()
        .find(|a| a.1 == role)
        .expect("an account with that role");
    let mut c = Client::new(addr);
    let r = c.login(name, password);
    assert_eq!(r.status, 303, "sign-in as {name}: {}", r.body);
    c
}
