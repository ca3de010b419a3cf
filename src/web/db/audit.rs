//! The append-only audit log: appending a row and reading rows back for the history page;
//! apart because every other kind of write also leaves a row here.

use super::{Db, NOW, db_err};
use crate::web::WebError;
use rusqlite::params;

/// One audit row.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditRow {
    /// Row id (the order things happened in).
    pub id: i64,
    /// When (UTC, ISO 8601).
    pub at: String,
    /// Who (the account name, or the name tried for a failed sign-in).
    pub by_user: String,
    /// What: `login`, `login_failed`, `match`, `decide`, `withdraw`, `approve`, ...
    pub action: String,
    /// The child concerned, by id.
    pub child_id: Option<String>,
    /// The home concerned, by id.
    pub home_id: Option<String>,
    /// The note or reason given.
    pub note: Option<String>,
}

/// Filters for the history page (each blank = any).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this account.
    pub user: String,
    /// Only this action.
    pub action: String,
    /// Only this child.
    pub child: String,
}

impl Db {
    /// Append to the audit log.
    pub fn audit(
        &self,
        by: &str,
        action: &str,
        child: Option<&str>,
        home: Option<&str>,
        note: Option<&str>,
    ) -> Result<(), WebError> {
        self.conn
            .execute(
                &format!(
                    "INSERT INTO audit (at, by_user, action, child_id, home_id, note) VALUES ({NOW}, ?1, ?2, ?3, ?4, ?5)"
                ),
                params![by, action, child, home, note],
            )
            .map_err(db_err)?;
        Ok(())
    }

    /// The audit log, oldest first, filtered.
    pub fn audit_rows(&self, filter: &AuditFilter) -> Result<Vec<AuditRow>, WebError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, at, by_user, action, child_id, home_id, note FROM audit \
                 WHERE (?1 = '' OR by_user = ?1) AND (?2 = '' OR action = ?2) AND (?3 = '' OR child_id = ?3) \
                 ORDER BY id",
            )
            .map_err(db_err)?;
        st.query_map(params![filter.user, filter.action, filter.child], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                by_user: r.get(2)?,
                action: r.get(3)?,
                child_id: r.get(4)?,
                home_id: r.get(5)?,
                note: r.get(6)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(db_err)
    }
}
