//! headroom: a capacity planner for the terminal. The engine (`engine::plan`) is pure; the command
//! line and the reports call it.

pub mod catalog;
pub mod cli;
pub mod engine;
pub mod format;
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

/// Runs the command line; user mistakes print one sentence and exit 2.
pub fn run(cli: Cli) -> ExitCode {
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("headroom: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn dispatch(cli: Cli) -> Result<(), UserError> {
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
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Some(Command::Plan(args)) => commands::plan(&args, catalog, store.as_ref().ok(), &mut out),
        Some(Command::Keys) => commands::keys(&mut out),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "headroom", &mut out);
            Ok(())
        }
        Some(Command::Preset(command)) => commands::preset(command, catalog, store?, &mut out),
        None => {
            drop(out);
            commands::planner(cli.preset, cli.file, catalog, store.ok())
        }
    }
}
