//! headroom: a capacity planner for the terminal. The engine (`engine::plan`) is pure; the command
//! line and the reports call it.

pub mod catalog;
pub mod cli;
pub mod engine;
pub mod figure;
pub mod format;
pub mod fsio;
pub mod presets;
pub mod report;
pub mod tui;

pub mod commands;

use std::process::ExitCode;

use catalog::Catalog;
use cli::{Cli, Command};

/// Exit code for a user's mistake: bad flags, keys, values or files.
pub const EXIT_USAGE: u8 = 2;

/// Why a command failed, which decides its exit status: a mistake the user can fix (2) or a failure of
/// the machine they are on (1). Each library error says which it is by its `From` below; there is no
/// blanket conversion, so a new error type has to be placed on purpose.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    User(String),
    #[error("{context}: {source}")]
    Environment {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::User(_) => EXIT_USAGE,
            CliError::Environment { .. } => EXIT_ENVIRONMENT,
        }
    }
}

impl From<engine::params::ParamError> for CliError {
    fn from(e: engine::params::ParamError) -> Self {
        CliError::User(e.to_string())
    }
}

impl From<presets::PresetError> for CliError {
    fn from(e: presets::PresetError) -> Self {
        CliError::User(e.to_string())
    }
}

impl From<presets::store::SaveError> for CliError {
    fn from(e: presets::store::SaveError) -> Self {
        CliError::User(e.to_string())
    }
}

impl From<catalog::CatalogError> for CliError {
    fn from(e: catalog::CatalogError) -> Self {
        CliError::User(e.to_string())
    }
}

/// Writing the report into memory or the terminal failing is the machine's, not the user's.
impl From<std::io::Error> for CliError {
    fn from(source: std::io::Error) -> Self {
        CliError::Environment {
            context: "cannot write the output".into(),
            source,
        }
    }
}

/// Runs the command line; user mistakes print one sentence and exit 2. Output is gathered first and
/// written once: a reader that stops early (`| head`) is a quiet success, and a failed write (a full disk)
/// is one sentence and exit 1, never a panic.
pub fn run(cli: Cli) -> ExitCode {
    let mut out = Vec::new();
    let result = dispatch(cli, &mut out);
    let written = {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&out).and_then(|()| stdout.flush())
    };
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("headroom: cannot write the output: {e}");
            return ExitCode::from(EXIT_ENVIRONMENT);
        }
        Ok(()) => {}
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("headroom: {}", format::printable(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Exit status for a failure of the machine rather than of the input (a write that cannot be done).
pub const EXIT_ENVIRONMENT: u8 = 1;

fn dispatch(cli: Cli, out: &mut Vec<u8>) -> Result<(), CliError> {
    let loaded;
    let catalog = match &cli.catalog {
        Some(path) => {
            loaded = Catalog::from_file(path)?;
            &loaded
        }
        None => Catalog::builtin(),
    };
    // Without a place for saved presets, built-in ones and files still work.
    let store = presets::store::Store::open();
    match cli.command {
        Some(Command::Plan(args)) => commands::plan(&args, catalog, store.as_ref().ok(), out),
        Some(Command::Limits(args)) => commands::limits(&args, catalog, store.as_ref().ok(), out),
        Some(Command::Drivers(args)) => commands::drivers(&args, catalog, store.as_ref().ok(), out),
        Some(Command::Compare(args)) => commands::compare(&args, catalog, store.as_ref().ok(), out),
        Some(Command::Keys) => commands::keys(out),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "headroom", out);
            Ok(())
        }
        Some(Command::Preset(command)) => commands::preset(command, catalog, store?, out),
        None => commands::planner(cli.preset, cli.file, catalog, store.ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistake_exits_2_and_a_failing_machine_exits_1() {
        let mistake: CliError = presets::PresetError::new("no such preset").into();
        assert_eq!(mistake.exit_code(), 2);
        let machine: CliError = std::io::Error::other("disk full").into();
        assert_eq!(machine.exit_code(), 1);
        // The cause is kept for whoever reports it.
        assert!(std::error::Error::source(&machine).is_some());
        assert_eq!(machine.to_string(), "cannot write the output: disk full");
    }
}
