//! headroom: a capacity planner for the terminal. The engine (`engine::plan`) is pure; the command
//! line and the reports call it.

pub mod catalog;
pub mod cli;
pub mod engine;
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

/// A mistake the user can fix, as one sentence.
#[derive(Debug)]
pub struct UserError(pub String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error> From<E> for UserError {
    fn from(e: E) -> Self {
        UserError(e.to_string())
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
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Exit status for a failure of the machine rather than of the input (a write that cannot be done).
pub const EXIT_ENVIRONMENT: u8 = 1;

fn dispatch(cli: Cli, out: &mut Vec<u8>) -> Result<(), UserError> {
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
