//! What each command does. User mistakes come back as `CliError`: one sentence, exit 2.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::CliError;
use crate::catalog::Catalog;
use crate::cli::{CompareArgs, DriversArgs, LimitsArgs, PlanArgs, PresetCommand, ScenarioArgs};
use crate::engine::params::{self, Kind, PARAMS};
use crate::engine::scenario::Scenario;
use crate::presets::store::{SaveError, Store, write_atomic};
use crate::presets::{self, Preset};
use crate::report::{self, Report};

/// A preset by name: built-in first, then saved.
pub fn find_preset(name: &str, store: Option<&Store>) -> Result<Preset, CliError> {
    if let Some(p) = presets::builtin(name) {
        return Ok(p);
    }
    match store {
        Some(store) if store.path_for(name).is_ok_and(|p| p.exists()) => Ok(store.load(name)?),
        _ => {
            let known: Vec<&str> = presets::builtin_names().collect();
            Err(CliError::User(format!(
                "there is no preset `{name}`: built-in ones are {}; `headroom preset list` shows saved ones too",
                known.join(", ")
            )))
        }
    }
}

/// `FILE line N` for an error about one input of a preset file, or `FILE` when the file does not name it.
fn where_in(path: &std::path::Path, e: &params::ParamError) -> String {
    let line = e.key().and_then(|key| {
        let bytes = crate::fsio::read_capped(path, presets::MAX_BYTES).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        presets::line_of(&text, key, e.in_ranges())
    });
    match line {
        Some(n) => format!("{} line {n}", path.display()),
        None => path.display().to_string(),
    }
}

/// The scenario a `plan` command describes: preset or file, then each `--set`, validated.
pub fn scenario_for(
    args: &ScenarioArgs,
    catalog: &Catalog,
    store: Option<&Store>,
) -> Result<(String, Scenario), CliError> {
    let preset = match (&args.preset, &args.file) {
        (_, Some(path)) => presets::read_file(path)?,
        (Some(name), None) => find_preset(name, store)?,
        (None, None) => find_preset("default", None)?,
    };
    // A value the file itself got wrong names the file; one that `--set` got wrong names the key alone.
    if let Some(e) = params::validate(&preset.scenario, catalog)
        .into_iter()
        .next()
    {
        let origin = match &args.file {
            Some(path) => where_in(path, &e),
            None => format!("preset {}", preset.name),
        };
        return Err(CliError::User(format!("{origin}: {e}")));
    }
    let mut scenario = preset.scenario;
    for item in &args.set {
        params::apply_assignment(&mut scenario, item)?;
    }
    if let Some(e) = params::validate(&scenario, catalog).into_iter().next() {
        return Err(e.into());
    }
    Ok((preset.name, scenario))
}

pub fn plan(
    args: &PlanArgs,
    catalog: &Catalog,
    store: Option<&Store>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (name, scenario) = scenario_for(&args.scenario, catalog, store)?;
    let mut plan = if args.explain {
        crate::engine::plan_explained(&scenario, catalog)
    } else {
        crate::engine::plan(&scenario, catalog)
    };
    let samples = args.samples as usize;
    if plan.bands.is_some() && samples != crate::engine::bands::DEFAULT_SAMPLES {
        plan.bands =
            crate::engine::bands::bands(&scenario, catalog, samples, crate::engine::bands::SEED);
    }
    let report = Report {
        preset: &name,
        scenario: &scenario,
        plan: &plan,
        explain: args.explain,
        prices_as_of: &catalog.prices_as_of,
    };
    report::write(args.format, &report, out).or_else(ignore_broken_pipe)
}

/// Opens the interactive planner on a preset, a file, or the last preset used.
pub fn planner(
    preset: Option<String>,
    file: Option<PathBuf>,
    catalog: &Catalog,
    store: Option<Store>,
) -> Result<(), CliError> {
    if let Some(s) = &store {
        s.clean_stale_temps();
    }
    let last = store
        .as_ref()
        .and_then(Store::last_used)
        .filter(|_| preset.is_none() && file.is_none());
    let preset = preset.or(last.clone());
    let args = ScenarioArgs {
        preset,
        file,
        set: Vec::new(),
    };
    let (name, scenario) = match scenario_for(&args, catalog, store.as_ref()) {
        // A last-used preset that has since gone away is no reason to refuse to start.
        Err(_) if last.is_some() => scenario_for(
            &ScenarioArgs {
                preset: None,
                ..args
            },
            catalog,
            None,
        )?,
        other => other?,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::User(
            "the planner needs a terminal; for text output use `headroom plan` (see `headroom --help`)".into(),
        ));
    }
    crate::tui::run(&name, scenario, catalog, store).map_err(|source| CliError::Environment {
        context: "terminal error".into(),
        source,
    })
}

pub fn preset(
    command: PresetCommand,
    catalog: &Catalog,
    store: Store,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        PresetCommand::List => {
            writeln!(out, "Built-in presets:")?;
            for name in presets::builtin_names() {
                let p = find_preset(name, None)?;
                writeln!(out, "  {name:<20} {}", p.description)?;
            }
            let (saved, problems) = store.list();
            writeln!(out, "\nSaved presets ({}):", store.dir().display())?;
            if saved.is_empty() {
                writeln!(
                    out,
                    "  (none yet: save one in the planner with s, or `headroom preset import FILE`)"
                )?;
            }
            for s in saved {
                writeln!(out, "  {:<20} {}", s.name, s.description)?;
            }
            for p in problems {
                eprintln!(
                    "headroom: skipped {}",
                    crate::format::printable(&p.to_string())
                );
            }
            Ok(())
        }
        PresetCommand::Show { name } => {
            let text = match presets::builtin_text(&name) {
                Some(t) => t.to_string(),
                None => presets::to_ron(&find_preset(&name, Some(&store))?),
            };
            out.write_all(text.as_bytes())?;
            Ok(())
        }
        PresetCommand::Export {
            name,
            output,
            force,
        } => {
            let text = match presets::builtin_text(&name) {
                Some(t) => t.to_string(),
                None => presets::to_ron(&find_preset(&name, Some(&store))?),
            };
            match output {
                None => out.write_all(text.as_bytes()).map_err(CliError::from),
                Some(path) => {
                    write_atomic(&path, &text, force).map_err(|e| CliError::User(e.to_string()))?;
                    writeln!(out, "exported {name} to {}", path.display())?;
                    Ok(())
                }
            }
        }
        PresetCommand::Import { file, name, force } => {
            let mut preset = presets::read_file(&file)?;
            if let Some(e) = params::validate(&preset.scenario, catalog)
                .into_iter()
                .next()
            {
                return Err(CliError::User(format!("{}: {e}", where_in(&file, &e))));
            }
            if let Some(n) = name {
                preset.name = n;
            }
            let path = store.save(&preset, force).map_err(|e| match e {
                SaveError::Exists(p) => CliError::User(format!(
                    "a preset `{}` is already saved ({}): use --force to replace it or --name to save under another name",
                    preset.name,
                    p.display()
                )),
                SaveError::Refused(e) => e.into(),
            })?;
            writeln!(out, "imported {} as {}", file.display(), path.display())?;
            Ok(())
        }
        PresetCommand::Delete { name } => {
            let path = store.delete(&name)?;
            writeln!(out, "deleted {}", path.display())?;
            Ok(())
        }
    }
}

/// `headroom plan | head` closes the pipe early; that is not an error.
fn ignore_broken_pipe(e: std::io::Error) -> Result<(), CliError> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e.into())
    }
}

pub fn keys(out: &mut dyn Write) -> Result<(), CliError> {
    let defaults = Scenario::default();
    let mut group = None;
    for p in PARAMS {
        if group != Some(p.group) {
            writeln!(out, "\n[{}]", p.group.title())?;
            group = Some(p.group);
        }
        let (range, default) = match p.kind {
            Kind::Number { .. } if p.key == "commit_share" => {
                ("0 … 1 | floor".into(), "floor".into())
            }
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
    .map_err(CliError::from)
}

/// A `plan`-like header for the analysis commands: the scenario's full plan, for the inputs and provider.
fn report<'a>(
    name: &'a str,
    scenario: &'a crate::engine::scenario::Scenario,
    plan: &'a crate::engine::plan::Plan,
    catalog: &'a Catalog,
) -> Report<'a> {
    Report {
        preset: name,
        scenario,
        plan,
        explain: false,
        prices_as_of: &catalog.prices_as_of,
    }
}

fn explanation_text(
    e: &crate::engine::explain::Explanation,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(out, "\nHow this is found")?;
    for line in e.text().lines().flat_map(|l| crate::format::wrap(l, 76)) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

pub fn limits(
    args: &LimitsArgs,
    catalog: &Catalog,
    store: Option<&Store>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (name, scenario) = scenario_for(&args.scenario, catalog, store)?;
    let plan = crate::engine::plan(&scenario, catalog);
    let limits = crate::engine::limits::limits(&scenario, catalog, args.budget);
    let r = report(&name, &scenario, &plan, catalog);
    report::limits::write(args.format, &r, &limits, out).or_else(ignore_broken_pipe)?;
    if args.explain {
        explanation_text(&crate::engine::limits::explain(&limits), out)?;
    }
    Ok(())
}

pub fn drivers(
    args: &DriversArgs,
    catalog: &Catalog,
    store: Option<&Store>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (name, scenario) = scenario_for(&args.scenario, catalog, store)?;
    let plan = crate::engine::plan(&scenario, catalog);
    let drivers = crate::engine::drivers::drivers(&scenario, catalog, args.swing);
    let r = report(&name, &scenario, &plan, catalog);
    report::drivers::write(args.format, &r, &drivers, args.top.map(usize::from), out)
        .or_else(ignore_broken_pipe)?;
    if args.explain {
        explanation_text(&crate::engine::drivers::explain(&drivers), out)?;
    }
    Ok(())
}

/// A preset name, or a file when it names one (`.ron`, or a path).
fn source(raw: &str, set: &[String]) -> ScenarioArgs {
    let is_file =
        raw.ends_with(".ron") || raw.contains(std::path::MAIN_SEPARATOR) || raw.contains('/');
    ScenarioArgs {
        preset: (!is_file).then(|| raw.to_string()),
        file: is_file.then(|| PathBuf::from(raw)),
        set: set.to_vec(),
    }
}

pub fn compare(
    args: &CompareArgs,
    catalog: &Catalog,
    store: Option<&Store>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (base_name, base) = scenario_for(&source(&args.base, &[]), catalog, store)?;
    let (other_name, other) = scenario_for(&source(&args.other, &args.set), catalog, store)?;
    let other_name = if args.set.is_empty() {
        other_name
    } else {
        format!("{other_name} with {}", args.set.join(", "))
    };
    let (bp, op) = (
        crate::engine::plan(&base, catalog),
        crate::engine::plan(&other, catalog),
    );
    let b = report(&base_name, &base, &bp, catalog);
    let o = report(&other_name, &other, &op, catalog);
    report::compare::write(args.format, &b, &o, out).or_else(ignore_broken_pipe)
}
