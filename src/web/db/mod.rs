//! The app's database: one SQLite file in WAL mode (a kill mid-write loses nothing that was
//! committed), its schema in `migrations/` applied in order when opened, holding accounts,
//! runs, decisions, approvals and the append-only audit log.
//!
//! This file holds the connection and the schema; what is stored is in one file per idea
//! (roles, accounts, runs, decisions, approvals, audit), each adding its methods to [`Db`].

mod accounts;
mod approvals;
mod audit;
mod decisions;
mod roles;
mod runs;

pub use accounts::User;
pub use audit::{AuditFilter, AuditRow};
pub use decisions::Decision;
pub use roles::Role;

use super::WebError;
use rusqlite::Connection;
use std::path::Path;

/// The migrations, in order: the schema's version is how many have been applied.
const MIGRATIONS: &[&str] = &[include_str!("../../../migrations/0001_init.sql")];

/// Now, as the database writes times.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// The open database.
pub struct Db {
    conn: Connection,
}

fn db_err(e: rusqlite::Error) -> WebError {
    WebError::Database(e.to_string())
}

impl Db {
    /// Open (creating if missing) and bring the schema up to date.
    pub fn open(path: &Path) -> Result<Db, WebError> {
        let conn = Connection::open(path).map_err(|e| WebError::Open {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let mut db = Db { conn };
        db.setup().map_err(|e| WebError::Open {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Ok(db)
    }

    fn setup(&mut self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
        // FULL: a committed write is on disk before the request is answered.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (n + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// `PRAGMA integrity_check`: `ok` when the file is sound.
    pub fn integrity_check(&self) -> Result<String, WebError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(db_err)
    }

    /// The schema version (migrations applied).
    pub fn schema_version(&self) -> Result<i64, WebError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(db_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = Db::open(&dir.path().join("t.db")).expect("open");
        (dir, db)
    }

    #[test]
    fn migrations_apply_once_and_the_file_is_sound() {
        let (dir, db) = db();
        assert_eq!(
            db.schema_version().expect("version"),
            MIGRATIONS.len() as i64
        );
        drop(db);
        let again = Db::open(&dir.path().join("t.db")).expect("reopen");
        assert_eq!(
            again.schema_version().expect("version"),
            MIGRATIONS.len() as i64
        );
        assert_eq!(again.integrity_check().expect("check"), "ok");
    }

    #[test]
    fn the_audit_log_refuses_updates_and_deletes() {
        let (_dir, db) = db();
        db.audit("a", "login", None, None, None).expect("append");
        assert!(
            db.conn
                .execute("UPDATE audit SET action = 'x'", [])
                .is_err()
        );
        assert!(db.conn.execute("DELETE FROM audit", []).is_err());
        assert_eq!(
            db.audit_rows(&AuditFilter::default()).expect("rows").len(),
            1
        );
    }

    #[test]
    fn one_standing_decision_per_child_and_withdraw_frees_it() {
        let (_dir, db) = db();
        let run = db.add_run("a", "runs/1", 2, 2).expect("run");
        db.decide(
            "C1",
            "H1",
            2,
            run,
            "near school",
            "a",
            "not the recommended home",
        )
        .expect("decide");
        let e = db
            .decide("C1", "H2", 1, run, "", "a", "")
            .expect_err("second");
        assert!(e.to_string().contains("withdraw it"), "{e}");
        db.withdraw("C1", "a").expect("withdraw");
        assert!(db.withdraw("C1", "a").is_err());
        db.decide("C1", "H2", 1, run, "", "a", "").expect("again");
        assert_eq!(db.standing().expect("standing").len(), 1);
        assert_eq!(db.decisions_for("C1").expect("all").len(), 2);
    }

    #[test]
    fn approvals_settle_once_and_duplicate_names_are_refused() {
        let (_dir, db) = db();
        db.add_user("m", Role::Manager, "x").expect("add");
        assert!(db.add_user("m", Role::Art, "x").is_err());
        let run = db.add_run("a", "runs/1", 1, 1).expect("run");
        db.decide("C1", "H1", 2, run, "why", "a", "not rank 1")
            .expect("decide");
        let id = db.approvals().expect("list")[0]
            .approval_id
            .expect("approval");
        db.settle(id, true, "fine", "m").expect("approve");
        assert!(db.settle(id, false, "no", "m").is_err());
        assert_eq!(
            db.approvals().expect("list")[0].approval.as_deref(),
            Some("approved")
        );
    }
}
