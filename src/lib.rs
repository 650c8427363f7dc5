//! headroom: a capacity planner for the terminal. The engine (`engine::plan`) is pure; the command
//! line and the reports call it.

pub mod catalog;
pub mod cli;
pub mod engine;
pub mod format;
pub mod presets;
pub mod report;
pub mod tui;

use std::io::Write;
use std::process::ExitCode;

use catalog::Catalog;
use cli::{Cli, Command, PlanArgs};
use engine::params::{self, Kind, PARAMS};
use engine::scenario::Scenario;
use report::{Format, Report};

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
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Some(Command::Plan(args)) => plan(&args, catalog, &mut out),
        Some(Command::Keys) => keys(&mut out),
        None => {
            use std::io::IsTerminal;
            let args = PlanArgs {
                preset: cli.preset,
                file: cli.file,
                set: Vec::new(),
                format: Format::Table,
                explain: false,
            };
            let (name, scenario) = scenario_for(&args, catalog)?;
            if !std::io::stdin().is_terminal() || !out.is_terminal() {
                return Err(UserError(
                    "the planner needs a terminal; for text output use `headroom plan` (see `headroom --help`)"
                        .into(),
                ));
            }
            drop(out);
            tui::run(&name, scenario, catalog)
                .map_err(|e| UserError(format!("terminal error: {e}")))
        }
    }
}

/// The scenario a `plan` command describes: preset or file, then each `--set`, validated.
pub fn scenario_for(args: &PlanArgs, catalog: &Catalog) -> Result<(String, Scenario), UserError> {
    let preset = match (&args.preset, &args.file) {
        (_, Some(path)) => presets::read_file(path)?,
        (Some(name), None) => presets::builtin(name).ok_or_else(|| {
            let known: Vec<&str> = presets::builtin_names().collect();
            UserError(format!(
                "there is no preset `{name}`: choose one of {}",
                known.join(", ")
            ))
        })?,
        (None, None) => presets::builtin("default")
            .ok_or_else(|| UserError("the default preset is missing".into()))?,
    };
    let mut scenario = preset.scenario;
    for item in &args.set {
        params::apply_assignment(&mut scenario, item)?;
    }
    if let Some(e) = params::validate(&scenario, catalog).into_iter().next() {
        return Err(e.into());
    }
    Ok((preset.name, scenario))
}

fn plan(args: &PlanArgs, catalog: &Catalog, out: &mut dyn Write) -> Result<(), UserError> {
    let (name, scenario) = scenario_for(args, catalog)?;
    let plan = engine::plan(&scenario, catalog);
    let report = Report {
        preset: &name,
        scenario: &scenario,
        plan: &plan,
        explain: args.explain,
    };
    report::write(args.format, &report, out).or_else(ignore_broken_pipe)
}

/// `headroom plan | head` closes the pipe early; that is not an error.
fn ignore_broken_pipe(e: std::io::Error) -> Result<(), UserError> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e.into())
    }
}

fn keys(out: &mut dyn Write) -> Result<(), UserError> {
    let defaults = Scenario::default();
    let mut group = None;
    for p in PARAMS {
        if group != Some(p.group) {
            writeln!(out, "\n[{}]", p.group.title())?;
            group = Some(p.group);
        }
        let (range, default) = match p.kind {
            Kind::Number { min, max, get, .. } => (
                params::range_text(min, max),
                params::plain_number(get(&defaults)),
            ),
            Kind::Choice { options, get, .. } => (options.join(" | "), get(&defaults).to_string()),
            Kind::Flag { get, .. } => ("true | false".into(), get(&defaults).to_string()),
            Kind::Text { get, .. } => (
                "text".into(),
                get(&defaults).unwrap_or_else(|| "(none)".into()),
            ),
        };
        writeln!(out, "  {:<28} {range}  [default {default}]", p.key)?;
        writeln!(out, "  {:<28} {}", "", p.help)?;
    }
    writeln!(
        out,
        "\n  {:<28} a node type from the catalog for pool NAME, e.g. node_type.general=m5.2xlarge",
        "node_type.NAME"
    )
    .map_err(UserError::from)
}
