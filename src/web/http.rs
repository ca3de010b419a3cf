//! Requests read (size-capped) into plain values, and responses with the security headers
//! every page carries.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, Ipv4Addr};

/// Largest request body read, bytes (an upload of the three input files fits well within).
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// The headers on every response: no framing, no inline scripts or styles, nothing from
/// elsewhere, no sniffing, no referrer, nothing cached.
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    (
        "Content-Security-Policy",
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// A request, read whole.
#[derive(Debug, Default)]
pub struct Req {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path without the query.
    pub path: String,
    /// Query parameters.
    pub query: HashMap<String, String>,
    /// Cookies by name.
    pub cookies: HashMap<String, String>,
    /// Form fields (urlencoded or multipart).
    pub form: HashMap<String, String>,
    /// Uploaded files by field name (multipart only; empty parts left out).
    pub files: HashMap<String, Vec<u8>>,
    /// The peer's address.
    pub ip: Option<IpAddr>,
    /// The body was larger than [`MAX_BODY`] (and was not read).
    pub too_large: bool,
}

impl Req {
    /// Read a tiny_http request.
    pub fn read(request: &mut tiny_http::Request) -> Req {
        let mut req = Req {
            method: request.method().as_str().to_ascii_uppercase(),
            ip: request.remote_addr().map(|a| a.ip()),
            ..Req::default()
        };
        let url = request.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        req.path = percent_decode(path);
        req.query = parse_urlencoded(query);
        let mut content_type = String::new();
        for h in request.headers() {
            if h.field.equiv("Cookie") {
                for part in h.value.as_str().split(';') {
                    if let Some((k, v)) = part.trim().split_once('=') {
                        req.cookies.insert(k.to_string(), v.to_string());
                    }
                }
            } else if h.field.equiv("Content-Type") {
                content_type = h.value.as_str().to_string();
            }
        }
        if request.body_length().is_some_and(|n| n > MAX_BODY) {
            req.too_large = true;
            return req;
        }
        let mut body = Vec::new();
        let read = request
            .as_reader()
            .take(MAX_BODY as u64 + 1)
            .read_to_end(&mut body);
        if read.is_err() || body.len() > MAX_BODY {
            req.too_large = body.len() > MAX_BODY;
            return req;
        }
        if content_type.starts_with("application/x-www-form-urlencoded") {
            req.form = parse_urlencoded(&String::from_utf8_lossy(&body));
        } else if let Some(boundary) = content_type
            .split(';')
            .find_map(|p| p.trim().strip_prefix("boundary="))
        {
            parse_multipart(&body, boundary.trim_matches('"'), &mut req);
        }
        req
    }

    /// A form field, or "".
    pub fn field(&self, name: &str) -> &str {
        self.form.get(name).map_or("", String::as_str)
    }

    /// A query parameter, or "".
    pub fn param(&self, name: &str) -> &str {
        self.query.get(name).map_or("", String::as_str)
    }

    /// The peer's address (loopback when unknown).
    pub fn addr(&self) -> IpAddr {
        self.ip.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// `%41` and `+` decoded (invalid UTF-8 replaced).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a=1&b=2` into a map (the first of a repeated name kept).
pub fn parse_urlencoded(text: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        map.entry(percent_decode(k))
            .or_insert_with(|| percent_decode(v));
    }
    map
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    (from..=haystack.len() - needle.len()).find(|&i| &haystack[i..i + needle.len()] == needle)
}

/// multipart/form-data: text fields into `form`, files (with a filename) into `files`.
fn parse_multipart(body: &[u8], boundary: &str, req: &mut Req) {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut at = match find(body, &delimiter, 0) {
        Some(i) => i + delimiter.len(),
        None => return,
    };
    while let Some(next) = find(body, &delimiter, at) {
        let part = &body[at..next];
        at = next + delimiter.len();
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let Some(split) = find(part, b"\r\n\r\n", 0) else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..split]);
        let content = &part[split + 4..];
        let mut name = None;
        let mut filename = None;
        for line in head.lines() {
            if !line
                .to_ascii_lowercase()
                .starts_with("content-disposition:")
            {
                continue;
            }
            for item in line.split(';').map(str::trim) {
                if let Some(v) = item.strip_prefix("name=") {
                    name = Some(v.trim_matches('"').to_string());
                } else if let Some(v) = item.strip_prefix("filename=") {
                    filename = Some(v.trim_matches('"').to_string());
                }
            }
        }
        let Some(name) = name else { continue };
        match filename {
            Some(_) if !content.is_empty() => {
                req.files.insert(name, content.to_vec());
            }
            Some(_) => {}
            None => {
                req.form
                    .entry(name)
                    .or_insert_with(|| String::from_utf8_lossy(content).into_owned());
            }
        }
    }
}

/// A response before it is sent.
#[derive(Debug)]
pub struct Resp {
    /// HTTP status.
    pub status: u16,
    /// Content-Type.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// Extra headers (Location, Set-Cookie, ...).
    pub headers: Vec<(String, String)>,
}

impl Resp {
    /// An HTML page.
    pub fn html(status: u16, body: String) -> Resp {
        Resp {
            status,
            content_type: "text/html; charset=utf-8".into(),
            body: body.into_bytes(),
            headers: Vec::new(),
        }
    }

    /// Plain text.
    pub fn text(status: u16, body: &str) -> Resp {
        Resp {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body: body.as_bytes().to_vec(),
            headers: Vec::new(),
        }
    }

    /// Bytes of a given type.
    pub fn bytes(content_type: &str, body: Vec<u8>) -> Resp {
        Resp {
            status: 200,
            content_type: content_type.into(),
            body,
            headers: Vec::new(),
        }
    }

    /// 303 See Other to `to` (after a POST, and to /login).
    pub fn redirect(to: &str) -> Resp {
        let mut r = Resp::text(303, "");
        r.headers.push(("Location".into(), to.into()));
        r
    }

    /// Add a header.
    pub fn with(mut self, name: &str, value: String) -> Resp {
        self.headers.push((name.into(), value));
        self
    }

    /// Into tiny_http's response, with the security headers.
    pub fn into_tiny(self) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
        let mut r = tiny_http::Response::from_data(self.body)
            .with_status_code(tiny_http::StatusCode(self.status));
        let mut add = |k: &str, v: &str| {
            if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                r.add_header(h);
            }
        };
        add("Content-Type", &self.content_type);
        for (k, v) in SECURITY_HEADERS {
            add(k, v);
        }
        for (k, v) in &self.headers {
            add(k, v);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_forms_decode() {
        let f = parse_urlencoded("a=1+2&b=%3Cx%3E&c=%zz&a=again&d");
        assert_eq!(f["a"], "1 2");
        assert_eq!(f["b"], "<x>");
        assert_eq!(f["c"], "%zz");
        assert_eq!(f["d"], "");
        assert_eq!(percent_decode("%4"), "%4");
    }

    #[test]
    fn multipart_fields_and_files_are_split() {
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n--XX\r\nContent-Disposition: form-data; name=\"homes\"; filename=\"homes.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n1,2\r\n--XX\r\nContent-Disposition: form-data; name=\"policy\"; filename=\"\"\r\n\r\n\r\n--XX--\r\n";
        let mut req = Req::default();
        parse_multipart(body, "XX", &mut req);
        assert_eq!(req.form["csrf"], "tok");
        assert_eq!(req.files["homes"], b"a,b\r\n1,2");
        assert!(!req.files.contains_key("policy"));
    }
}
