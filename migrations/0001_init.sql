-- righthome web app, version 1: accounts, runs, decisions, approvals and the audit log.
-- Applied once, in order, when the database is opened (see src/web/db.rs).

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('art', 'manager', 'planner', 'admin')),
    -- argon2id PHC string (salt and parameters inside).
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    -- Unix seconds; the account refuses sign-in until then.
    locked_until INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    by_user TEXT NOT NULL,
    -- The run's own copy of its inputs (children.csv with decided_home, homes.csv, policy.toml).
    input_dir TEXT NOT NULL,
    children INTEGER NOT NULL,
    placed INTEGER NOT NULL
);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    child_id TEXT NOT NULL,
    home_id TEXT NOT NULL,
    -- The option's rank in the run it was chosen from (1 = recommended).
    rank INTEGER NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    reason TEXT NOT NULL,
    by_user TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT
);
-- At most one standing decision per child.
CREATE UNIQUE INDEX one_standing_decision ON decisions(child_id) WHERE withdrawn_at IS NULL;

CREATE TABLE approvals (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    -- What needs approving, in words (not rank 1; out of area; ...).
    needs TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined')),
    note TEXT,
    by_user TEXT,
    at TEXT
);

-- Who did what and when: ids, actions and notes only (never sheets or needs).
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    by_user TEXT NOT NULL,
    action TEXT NOT NULL,
    child_id TEXT,
    home_id TEXT,
    note TEXT
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
