use std::process::ExitCode;

use clap::Parser;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let cli = match headroom::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version go to standard output with success, as clap prints them.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            eprintln!("headroom: {}", headroom::cli::one_sentence(&e.to_string()));
            return Ok(ExitCode::from(2));
        }
    };
    Ok(headroom::run(cli))
}
