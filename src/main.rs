use std::process::ExitCode;

use clap::Parser;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let cli = headroom::cli::Cli::parse();
    Ok(headroom::run(cli))
}
