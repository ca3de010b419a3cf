//! Approvals: a manager approving or declining a decision that needs it, and the list of
//! them; apart from the decisions because settling one is a second person's act.

use super::{Db, Decision, NOW, db_err};
use crate::web::WebError;
use rusqlite::{OptionalExtension, params};

impl Db {
    /// Approve or decline a pending approval, with its audit row.
    pub fn settle(
        &self,
        approval: i64,
        approve: bool,
        note: &str,
        by: &str,
    ) -> Result<(), WebError> {
        let tx = self.conn.unchecked_transaction().map_err(db_err)?;
        let row: Option<(String, String)> = tx
            .query_row(
                "SELECT d.child_id, d.home_id FROM approvals a JOIN decisions d ON d.id = a.decision_id \
                 WHERE a.id = ?1 AND a.state = 'pending' AND d.withdrawn_at IS NULL",
                [approval],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(db_err)?;
        let Some((child, home)) = row else {
            return Err(WebError::Conflict(format!(
                "approval {approval} is not waiting (already settled, withdrawn or unknown)"
            )));
        };
        let state = if approve { "approved" } else { "declined" };
        tx.execute(
            &format!(
                "UPDATE approvals SET state = ?2, note = ?3, by_user = ?4, at = {NOW} WHERE id = ?1"
            ),
            params![approval, state, note, by],
        )
        .map_err(db_err)?;
        tx.execute(
            &format!("INSERT INTO audit (at, by_user, action, child_id, home_id, note) VALUES ({NOW}, ?1, ?2, ?3, ?4, ?5)"),
            params![by, if approve { "approve" } else { "decline" }, child, home, note],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)
    }

    /// Every standing decision that needs an approval, waiting ones first.
    pub fn approvals(&self) -> Result<Vec<Decision>, WebError> {
        let mut all = self.decisions_where("d.withdrawn_at IS NULL AND a.id IS NOT NULL", "")?;
        all.sort_by_key(|d| (d.approval.as_deref() != Some("pending"), d.id));
        Ok(all)
    }
}
