//! Decisions: recording one (with its approval request when it needs one), withdrawing it,
//! and reading them back; apart from the approvals, which a manager settles later.

use super::{Db, NOW, db_err};
use crate::web::WebError;
use rusqlite::{OptionalExtension, params};

/// A recorded decision (standing or withdrawn).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Decision {
    /// Row id.
    pub id: i64,
    /// The child's id.
    pub child_id: String,
    /// The home chosen.
    pub home_id: String,
    /// The option's rank when chosen (1 = recommended).
    pub rank: i64,
    /// Why (required when not rank 1).
    pub reason: String,
    /// Who recorded it.
    pub by_user: String,
    /// When (UTC, ISO 8601).
    pub decided_at: String,
    /// When it was withdrawn, if it was.
    pub withdrawn_at: Option<String>,
    /// The approval's state, if one is needed: `pending`, `approved` or `declined`.
    pub approval: Option<String>,
    /// What needs approving, in words.
    pub needs: Option<String>,
    /// The approval's id.
    pub approval_id: Option<i64>,
    /// The manager's note.
    pub approval_note: Option<String>,
}

impl Db {
    /// Record a decision (and its approval request when `needs` is not empty) with its audit
    /// row, all in one transaction; refused when the child already has a standing decision.
    #[allow(clippy::too_many_arguments)]
    pub fn decide(
        &self,
        child: &str,
        home: &str,
        rank: i64,
        run: i64,
        reason: &str,
        by: &str,
        needs: &str,
    ) -> Result<i64, WebError> {
        let tx = self.conn.unchecked_transaction().map_err(db_err)?;
        let inserted = tx.execute(
            &format!(
                "INSERT INTO decisions (child_id, home_id, rank, run_id, reason, by_user, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, {NOW})"
            ),
            params![child, home, rank, run, reason, by],
        );
        match inserted {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Err(WebError::Conflict(format!(
                    "{child} already has a recorded decision: withdraw it before recording another"
                )));
            }
            Err(e) => return Err(db_err(e)),
        }
        let id = tx.last_insert_rowid();
        if !needs.is_empty() {
            tx.execute(
                "INSERT INTO approvals (decision_id, needs, state) VALUES (?1, ?2, 'pending')",
                params![id, needs],
            )
            .map_err(db_err)?;
        }
        tx.execute(
            &format!("INSERT INTO audit (at, by_user, action, child_id, home_id, note) VALUES ({NOW}, ?1, 'decide', ?2, ?3, ?4)"),
            params![by, child, home, reason],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
        Ok(id)
    }

    /// Withdraw the child's standing decision, with its audit row.
    pub fn withdraw(&self, child: &str, by: &str) -> Result<(), WebError> {
        let tx = self.conn.unchecked_transaction().map_err(db_err)?;
        let home: Option<String> = tx
            .query_row(
                "SELECT home_id FROM decisions WHERE child_id = ?1 AND withdrawn_at IS NULL",
                [child],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err)?;
        let Some(home) = home else {
            return Err(WebError::Conflict(format!(
                "{child} has no recorded decision to withdraw"
            )));
        };
        tx.execute(
            &format!("UPDATE decisions SET withdrawn_by = ?2, withdrawn_at = {NOW} WHERE child_id = ?1 AND withdrawn_at IS NULL"),
            params![child, by],
        )
        .map_err(db_err)?;
        tx.execute(
            &format!("INSERT INTO audit (at, by_user, action, child_id, home_id) VALUES ({NOW}, ?1, 'withdraw', ?2, ?3)"),
            params![by, child, home],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)
    }

    pub(super) fn decisions_where(
        &self,
        clause: &str,
        arg: &str,
    ) -> Result<Vec<Decision>, WebError> {
        let sql = format!(
            "SELECT d.id, d.child_id, d.home_id, d.rank, d.reason, d.by_user, d.decided_at, d.withdrawn_at, \
             a.state, a.needs, a.id, a.note FROM decisions d LEFT JOIN approvals a ON a.decision_id = d.id \
             WHERE {clause} ORDER BY d.id"
        );
        let mut st = self.conn.prepare(&sql).map_err(db_err)?;
        let map = |r: &rusqlite::Row| {
            Ok(Decision {
                id: r.get(0)?,
                child_id: r.get(1)?,
                home_id: r.get(2)?,
                rank: r.get(3)?,
                reason: r.get(4)?,
                by_user: r.get(5)?,
                decided_at: r.get(6)?,
                withdrawn_at: r.get(7)?,
                approval: r.get(8)?,
                needs: r.get(9)?,
                approval_id: r.get(10)?,
                approval_note: r.get(11)?,
            })
        };
        let rows = if clause.contains("?1") {
            st.query_map([arg], map).and_then(|r| r.collect())
        } else {
            st.query_map([], map).and_then(|r| r.collect())
        };
        rows.map_err(db_err)
    }

    /// Every standing decision, by decision id.
    pub fn standing(&self) -> Result<Vec<Decision>, WebError> {
        self.decisions_where("d.withdrawn_at IS NULL", "")
    }

    /// Every decision ever recorded for one child, oldest first.
    pub fn decisions_for(&self, child: &str) -> Result<Vec<Decision>, WebError> {
        self.decisions_where("d.child_id = ?1", child)
    }
}
