//! `righthome serve`: the web app (see [`crate::web`]).

use super::{CommandError, Output, Result};
use crate::web::{self, ServeArgs};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The database file `serve` and `user` use unless told otherwise.
pub const DEFAULT_DB: &str = "righthome.db";

/// The arguments of `righthome serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeCommand {
    /// Directory holding the live children.csv, homes.csv and (optional) policy.toml.
    #[arg(long, default_value = "data/lancashire")]
    pub data: PathBuf,
    /// The database of accounts, decisions, approvals and the audit log (made if missing).
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Address and port to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Allow --bind beyond loopback (only behind the council's TLS reverse proxy).
    #[arg(long)]
    pub allow_remote: bool,
    /// The app is reached through a TLS proxy: session cookies are marked Secure.
    #[arg(long)]
    pub behind_tls: bool,
    /// Directory of the scenarios planners may run.
    #[arg(long, default_value = "scenarios")]
    pub scenarios: PathBuf,
}

/// Serve until stopped; returns only on an error.
pub fn run_serve(args: &ServeCommand) -> Result<Output> {
    web::serve(&ServeArgs {
        data: args.data.clone(),
        db: args.db.clone(),
        bind: args.bind,
        allow_remote: args.allow_remote,
        behind_tls: args.behind_tls,
        scenarios: args.scenarios.clone(),
    })
    .map_err(|e| CommandError::Argument(e.to_string()))?;
    Ok(Output::default())
}
