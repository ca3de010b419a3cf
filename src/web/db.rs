//! The app's database: one SQLite file in WAL mode (a kill mid-write loses nothing that was
//! committed), its schema in `migrations/` applied in order when opened, holding accounts,
//! runs, decisions, approvals and the append-only audit log.

use super::WebError;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// The migrations, in order: the schema's version is how many have been applied.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/0001_init.sql")];

/// The roles, each with what it may do (checked on the server for every action).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Access to Resources Team: matches and records decisions.
    Art,
    /// Matches, records decisions and approves them.
    Manager,
    /// Runs scenarios.
    Planner,
    /// Manages accounts.
    Admin,
}

impl Role {
    /// Every role, in the order the command line lists them.
    pub const ALL: [Role; 4] = [Role::Art, Role::Manager, Role::Planner, Role::Admin];

    /// The role's name as stored and typed (`art`, `manager`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Art => "art",
            Role::Manager => "manager",
            Role::Planner => "planner",
            Role::Admin => "admin",
        }
    }

    /// The role named `text`, if any.
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// May run the match and record or withdraw decisions.
    pub fn can_decide(self) -> bool {
        matches!(self, Role::Art | Role::Manager)
    }

    /// May approve or decline decisions.
    pub fn can_approve(self) -> bool {
        self == Role::Manager
    }

    /// May run scenarios.
    pub fn can_plan(self) -> bool {
        self == Role::Planner
    }

    /// May disable accounts.
    pub fn can_admin(self) -> bool {
        self == Role::Admin
    }
}

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

    fn decisions_where(&self, clause: &str, arg: &str) -> Result<Vec<Decision>, WebError> {
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

    /// Every standing decision that needs an approval, waiting ones first.
    pub fn approvals(&self) -> Result<Vec<Decision>, WebError> {
        let mut all = self.decisions_where("d.withdrawn_at IS NULL AND a.id IS NOT NULL", "")?;
        all.sort_by_key(|d| (d.approval.as_deref() != Some("pending"), d.id));
        Ok(all)
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
