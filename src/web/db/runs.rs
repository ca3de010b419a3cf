//! Match runs as recorded: each with its audit row, and the id the next one will have; apart
//! because a run is recorded before and apart from any decision taken on it.

use super::{Db, NOW, db_err};
use crate::web::WebError;
use rusqlite::params;

impl Db {
    /// Record a run; returns its id.
    pub fn add_run(
        &self,
        by: &str,
        input_dir: &str,
        children: usize,
        placed: usize,
    ) -> Result<i64, WebError> {
        let tx = self.conn.unchecked_transaction().map_err(db_err)?;
        tx.execute(
            &format!(
                "INSERT INTO runs (started_at, by_user, input_dir, children, placed) VALUES ({NOW}, ?1, ?2, ?3, ?4)"
            ),
            params![by, input_dir, children as i64, placed as i64],
        )
        .map_err(db_err)?;
        let id = tx.last_insert_rowid();
        tx.execute(
            &format!(
                "INSERT INTO audit (at, by_user, action, note) VALUES ({NOW}, ?1, 'match', ?2)"
            ),
            params![by, format!("run {id}: {placed} of {children} placed")],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
        Ok(id)
    }

    /// The id of the newest run reserved: a run's input directory is named before it is solved.
    pub fn next_run_id(&self) -> Result<i64, WebError> {
        self.conn
            .query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM runs", [], |r| {
                r.get(0)
            })
            .map_err(db_err)
    }
}
