//! `righthome user add|disable`: the web app's accounts, in the same database as `serve`.

use super::serve::DEFAULT_DB;
use super::{CommandError, Output, Result};
use crate::web::auth::hash_password;
use crate::web::db::{Db, Role};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

/// The arguments of `righthome user`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum UserCommand {
    /// Add an account; the password is read from standard input (prompted on a terminal).
    Add {
        /// The sign-in name: letters, digits, '.', '-' and '_', at most 64.
        name: String,
        /// art: matches and records decisions; manager: also approves; planner: scenarios;
        /// admin: accounts.
        #[arg(long, value_parser = ["art", "manager", "planner", "admin"])]
        role: String,
        /// The database file.
        #[arg(long, default_value = DEFAULT_DB)]
        db: PathBuf,
    },
    /// Disable an account: it can no longer sign in, and its sessions end.
    Disable {
        /// The sign-in name.
        name: String,
        /// The database file.
        #[arg(long, default_value = DEFAULT_DB)]
        db: PathBuf,
    },
}

fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// Read the password: one line of standard input; on a terminal, prompted with echo off
/// (by `stty`, where it exists).
fn read_password() -> Result<String> {
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let stty = |arg: &str| {
        let _ = std::process::Command::new("stty")
            .arg(arg)
            .stdin(std::process::Stdio::inherit())
            .status();
    };
    if terminal {
        eprint!("Password (at least 12 characters): ");
        stty("-echo");
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if terminal {
        stty("echo");
        eprintln!();
    }
    read.map_err(|e| CommandError::Argument(format!("cannot read the password: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Add or disable an account.
pub fn run_user(args: &UserCommand) -> Result<Output> {
    let web = |e: crate::web::WebError| CommandError::Argument(e.to_string());
    match args {
        UserCommand::Add { name, role, db } => {
            if !plain_name(name) {
                return Err(CommandError::Argument(format!(
                    "cannot name an account '{}': expected letters, digits, '.', '-' and '_', at most 64",
                    crate::error::printable(name, 64)
                )));
            }
            let role = Role::parse(role).ok_or_else(|| {
                CommandError::Argument(format!(
                    "--role {role}: expected art, manager, planner or admin"
                ))
            })?;
            let hash = hash_password(&read_password()?).map_err(web)?;
            Db::open(db)
                .and_then(|d| d.add_user(name, role, &hash))
                .map_err(web)?;
            let mut out = Output::default();
            out.note(format!("righthome: added {name} as {}", role.as_str()));
            Ok(out)
        }
        UserCommand::Disable { name, db } => {
            Db::open(db)
                .and_then(|d| d.disable_user(name, "righthome user"))
                .map_err(web)?;
            let mut out = Output::default();
            out.note(format!("righthome: disabled {name}"));
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn account_names_are_plain() {
        assert!(super::plain_name("ann.smith-2"));
        assert!(!super::plain_name("a b"));
        assert!(!super::plain_name("<x>"));
        assert!(!super::plain_name(""));
    }
}
