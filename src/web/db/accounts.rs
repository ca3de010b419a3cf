//! Accounts as stored: adding, disabling and reading them, and the failed sign-in count that
//! locks one; apart because signing in touches nothing else in the database.

use super::{Db, NOW, Role, db_err};
use crate::web::WebError;
use rusqlite::{OptionalExtension, params};

/// An account as stored.
#[derive(Debug, Clone)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Sign-in name.
    pub name: String,
    /// What the account may do.
    pub role: Role,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// A disabled account cannot sign in.
    pub disabled: bool,
    /// Consecutive failed sign-ins.
    pub failed_logins: i64,
    /// Unix seconds until which sign-in is refused (0: not locked).
    pub locked_until: i64,
}

impl Db {
    /// Add an account; refused if the name is taken.
    pub fn add_user(&self, name: &str, role: Role, password_hash: &str) -> Result<(), WebError> {
        let n = self
            .conn
            .execute(
                &format!(
                    "INSERT INTO users (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, {NOW}) ON CONFLICT(name) DO NOTHING"
                ),
                params![name, role.as_str(), password_hash],
            )
            .map_err(db_err)?;
        if n == 0 {
            return Err(WebError::Account(format!(
                "an account named '{name}' already exists: choose another name, or disable it first"
            )));
        }
        self.audit(
            "righthome user",
            "user_add",
            None,
            None,
            Some(&format!("{name} as {}", role.as_str())),
        )
    }

    /// Disable an account (its sign-ins are refused from now on).
    pub fn disable_user(&self, name: &str, by: &str) -> Result<(), WebError> {
        let n = self
            .conn
            .execute("UPDATE users SET disabled = 1 WHERE name = ?1", [name])
            .map_err(db_err)?;
        if n == 0 {
            return Err(WebError::Account(format!(
                "no account named '{name}': `righthome user add` makes one"
            )));
        }
        self.audit(by, "user_disable", None, None, Some(name))
    }

    /// The account named `name`.
    pub fn user(&self, name: &str) -> Result<Option<User>, WebError> {
        self.conn
            .query_row(
                "SELECT id, name, role, password_hash, disabled, failed_logins, locked_until FROM users WHERE name = ?1",
                [name],
                |r| {
                    Ok(User {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Planner),
                        password_hash: r.get(3)?,
                        disabled: r.get::<_, i64>(4)? != 0,
                        failed_logins: r.get(5)?,
                        locked_until: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(db_err)
    }

    /// Every account, by name: (name, role, disabled).
    pub fn users(&self) -> Result<Vec<(String, String, bool)>, WebError> {
        let mut st = self
            .conn
            .prepare("SELECT name, role, disabled FROM users ORDER BY name")
            .map_err(db_err)?;
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0)))
            .and_then(|rows| rows.collect())
            .map_err(db_err)
    }

    /// Record a failed sign-in; after `limit` in a row the account is locked until `until`.
    pub fn login_failed(&self, name: &str, limit: i64, until: i64) -> Result<(), WebError> {
        self.conn
            .execute(
                "UPDATE users SET failed_logins = failed_logins + 1, \
                 locked_until = CASE WHEN failed_logins + 1 >= ?2 THEN ?3 ELSE locked_until END \
                 WHERE name = ?1",
                params![name, limit, until],
            )
            .map_err(db_err)?;
        Ok(())
    }

    /// A successful sign-in clears the failures.
    pub fn login_ok(&self, name: &str) -> Result<(), WebError> {
        self.conn
            .execute(
                "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE name = ?1",
                [name],
            )
            .map_err(db_err)?;
        Ok(())
    }
}
