//! Passwords (argon2id), session and CSRF tokens (random, from the operating system's
//! generator), sessions that expire, and the sign-in rate limit per address.

use super::WebError;
use super::db::Role;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Failed sign-ins in a row that lock an account.
pub const LOCK_AFTER: i64 = 5;
/// How long a locked account stays locked, seconds.
pub const LOCK_SECONDS: i64 = 15 * 60;
/// Failed sign-ins one address may make per window before it is refused.
pub const ADDRESS_LIMIT: u32 = 20;
/// The address window.
pub const ADDRESS_WINDOW: Duration = Duration::from_secs(15 * 60);
/// A session lasts at most this long from sign-in.
pub const SESSION_MAX: Duration = Duration::from_secs(8 * 3600);
/// A session unused this long has expired.
pub const SESSION_IDLE: Duration = Duration::from_secs(3600);

/// Hash a password with argon2id (the crate's defaults: 19 MiB, 2 passes) and a fresh salt.
pub fn hash_password(password: &str) -> Result<String, WebError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(WebError::Account(format!(
            "the password must be at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| WebError::Account(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| WebError::Account(e.to_string()))
}

/// Whether `password` matches the stored PHC string (false for a malformed one).
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// 32 random bytes as hex: a session id or CSRF token.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compare two tokens in time independent of where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A signed-in user's session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The account name.
    pub user: String,
    /// Its role when it signed in (rechecked against the database on each request).
    pub role: Role,
    /// The token every form of this session carries.
    pub csrf: String,
    created: Instant,
    last_seen: Instant,
}

/// Sessions by id, in memory: a restart signs everyone out.
#[derive(Default)]
pub struct Sessions {
    by_id: HashMap<String, Session>,
}

impl Sessions {
    /// Start a session; returns its id.
    pub fn start(&mut self, user: &str, role: Role) -> String {
        let now = Instant::now();
        self.by_id
            .retain(|_, s| now - s.created < SESSION_MAX && now - s.last_seen < SESSION_IDLE);
        let id = token();
        self.by_id.insert(
            id.clone(),
            Session {
                user: user.to_string(),
                role,
                csrf: token(),
                created: now,
                last_seen: now,
            },
        );
        id
    }

    /// The live session with this id (touching it), or None if unknown or expired.
    pub fn get(&mut self, id: &str) -> Option<Session> {
        let now = Instant::now();
        let live = self
            .by_id
            .get(id)
            .is_some_and(|s| now - s.created < SESSION_MAX && now - s.last_seen < SESSION_IDLE);
        if !live {
            self.by_id.remove(id);
            return None;
        }
        let s = self.by_id.get_mut(id)?;
        s.last_seen = now;
        Some(s.clone())
    }

    /// End a session.
    pub fn end(&mut self, id: &str) {
        self.by_id.remove(id);
    }

    /// End every session of one account (it was disabled).
    pub fn end_user(&mut self, user: &str) {
        self.by_id.retain(|_, s| s.user != user);
    }
}

/// Failed sign-ins per address in the current window.
#[derive(Default)]
pub struct AddressLimit {
    failures: HashMap<IpAddr, (Instant, u32)>,
}

impl AddressLimit {
    /// Whether this address has used up its failures for now.
    pub fn blocked(&mut self, ip: IpAddr) -> bool {
        let now = Instant::now();
        self.failures
            .retain(|_, (start, _)| now - *start < ADDRESS_WINDOW);
        self.failures
            .get(&ip)
            .is_some_and(|&(_, n)| n >= ADDRESS_LIMIT)
    }

    /// Count a failure from this address.
    pub fn failed(&mut self, ip: IpAddr) {
        let entry = self.failures.entry(ip).or_insert((Instant::now(), 0));
        entry.1 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_to_argon2id_and_verify() {
        let h = hash_password("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong horse battery", &h));
        assert!(!verify_password("x", "not a hash"));
        assert!(hash_password("short").is_err());
    }

    #[test]
    fn tokens_are_random_hex_and_compared_whole() {
        let (a, b) = (token(), token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same_token(&a, &a.clone()));
        assert!(!same_token(&a, &b));
        assert!(!same_token(&a, &a[..63]));
    }

    #[test]
    fn sessions_end_and_addresses_are_limited() {
        let mut s = Sessions::default();
        let id = s.start("ann", Role::Art);
        assert_eq!(s.get(&id).expect("live").user, "ann");
        s.end_user("ann");
        assert!(s.get(&id).is_none());
        let mut l = AddressLimit::default();
        let ip: IpAddr = "127.0.0.1".parse().expect("ip");
        for _ in 0..ADDRESS_LIMIT {
            assert!(!l.blocked(ip));
            l.failed(ip);
        }
        assert!(l.blocked(ip));
    }
}
