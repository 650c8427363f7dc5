//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::report::Format;

/// headroom: a capacity planner for the terminal.
///
/// Run without a command to open the interactive planner. It chains users → requests → workers → nodes → cost: app workers with queueing latency,
/// database and connection pools, media processing, Kubernetes node pools and monthly cost on
/// AWS, GCP and Azure, month by month to a growth horizon.
#[derive(Debug, Parser)]
#[command(
    name = "headroom",
    version,
    after_help = "Examples:\n  \
    headroom                                   open the planner (on the preset used last)\n  \
    headroom --preset coder-10k                open the planner on a preset\n  \
    headroom plan --preset falcon-inference    print a plan\n  \
    headroom plan --preset diffgram --set users=250 --format markdown\n  \
    headroom preset export mine -o mine.ron    share a saved preset\n  \
    headroom keys                              every input key, its range and meaning"
)]
pub struct Cli {
    /// Use this price catalog instead of the built-in one (same RON format as assets/catalog.ron)
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Open the planner on this preset (built-in or saved); default: the last one used
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub preset: Option<String>,

    /// Open the planner on this preset file (RON)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the full plan for a preset or file, with optional changes
    #[command(
        after_help = "Built-in presets: default, diffgram, falcon-inference, falcon-ha, web-article, coder-10k, cocalc\n\n\
        Examples:\n  \
        headroom plan --preset falcon-inference\n  \
        headroom plan --preset web-article --set users=2_000_000 --set cache_hit=0.8\n  \
        headroom plan --file team.ron --format json > plan.json\n  \
        headroom plan --preset coder-10k --explain"
    )]
    Plan(PlanArgs),
    /// How many users today's plan carries before each tier runs out, and what a budget buys
    #[command(after_help = "Examples:\n  \
        headroom limits --preset default\n  \
        headroom limits --preset coder-10k --budget 250000\n  \
        headroom limits --file team.ron --format json")]
    Limits(LimitsArgs),
    /// Which inputs move the monthly bill most: each re-planned at ±20 % (a tornado chart)
    #[command(after_help = "Examples:\n  \
        headroom drivers --preset diffgram\n  \
        headroom drivers --preset coder-10k --swing 0.5 --top 5")]
    Drivers(DriversArgs),
    /// Two scenarios side by side with the change of every figure
    #[command(
        after_help = "BASE and OTHER are preset names (built-in or saved) or .ron files.\n\n\
        Examples:\n  \
        headroom compare coder-10k coder-10k --set users=6000\n  \
        headroom compare falcon-inference falcon-ha --format markdown\n  \
        headroom compare default team.ron --format json"
    )]
    Compare(CompareArgs),
    /// List every input key with its range, default and meaning
    Keys,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// List, show, export, import or delete presets
    #[command(
        subcommand,
        after_help = "Saved presets live in the platform data directory, or in $HEADROOM_DATA_DIR."
    )]
    Preset(PresetCommand),
}

#[derive(Debug, Subcommand)]
pub enum PresetCommand {
    /// List built-in and saved presets with their descriptions
    List,
    /// Print a preset's RON
    Show {
        /// Preset name (built-in or saved)
        name: String,
    },
    /// Write a preset's RON to a file (or to standard output), to send to a teammate
    #[command(after_help = "Example:\n  headroom preset export mine -o mine.ron")]
    Export {
        /// Preset name (built-in or saved)
        name: String,
        /// The file to write; standard output when absent
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Save a preset file into your presets
    #[command(after_help = "Example:\n  headroom preset import mine.ron --name team-baseline")]
    Import {
        /// A preset file (RON)
        file: PathBuf,
        /// Save under this name instead of the one in the file
        #[arg(long, value_name = "NEW")]
        name: Option<String>,
        /// Replace a saved preset of the same name
        #[arg(long)]
        force: bool,
    },
    /// Delete a saved preset
    Delete {
        /// Saved preset name
        name: String,
    },
}

/// Which scenario a command describes: a preset or a file, then changes.
#[derive(Debug, Default, Args)]
pub struct ScenarioArgs {
    /// A built-in preset (default, diffgram, falcon-inference, falcon-ha, web-article, coder-10k, cocalc) or a saved one (`headroom preset list`)
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub preset: Option<String>,

    /// A preset file (RON), such as one a teammate sent
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Change one input, e.g. --set users=5000 or --set `node_type.general=m5.4xlarge` (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Also print how every figure is computed, with this plan's numbers substituted
    #[arg(long)]
    pub explain: bool,

    /// Samples drawn for the bands when inputs are ranged (e.g. --set users=30k..60k)
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = clap::value_parser!(u32).range(10..=1_000_000))]
    pub samples: u32,
}

#[derive(Debug, Args)]
pub struct LimitsArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// Also find the most users this monthly budget (USD) buys, re-planned at each count
    #[arg(long, value_name = "USD", value_parser = parse_usd, allow_negative_numbers = true)]
    pub budget: Option<f64>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Also print how the limits are found
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct DriversArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// How far each input moves down and up, as a fraction (0.2 = ±20 %) or a percentage (20%)
    #[arg(long, value_name = "FRACTION", default_value = "0.2", value_parser = parse_swing, allow_negative_numbers = true)]
    pub swing: f64,

    /// Show only the N inputs that move the bill most
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub top: Option<u16>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Also print how the drivers are found
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The baseline: a preset name or a `.ron` file
    pub base: String,

    /// The other scenario: a preset name or a `.ron` file; `--set` changes it
    pub other: String,

    /// Change one input of OTHER, e.g. --set users=6000 (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// A budget in US dollars: `5000`, `$5,000`, `5k`.
fn parse_usd(raw: &str) -> Result<f64, String> {
    let cleaned = raw.trim().trim_start_matches('$').replace([',', '_'], "");
    crate::engine::params::quantity::parse(&cleaned, crate::engine::params::Unit::Count)
        .filter(|v| v.is_finite() && (0.0..=1e12).contains(v))
        .ok_or_else(|| format!("`{raw}` is not an amount of dollars (e.g. 5000, $5,000 or 5k)"))
}

/// A swing in 0 ..= 1: `0.2` or `20%`.
fn parse_swing(raw: &str) -> Result<f64, String> {
    crate::engine::params::quantity::parse(raw.trim(), crate::engine::params::Unit::Fraction)
        .filter(|v| (0.01..=1.0).contains(v))
        .ok_or_else(|| format!("`{raw}` is not a swing between 0.01 and 1 (e.g. 0.2 or 20%)"))
}

/// A command-line mistake as one sentence: clap's message with its hint (possible values, a similar name)
/// folded in, and without the usage and `--help` lines that follow it.
pub fn one_sentence(message: &str) -> String {
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut out = lines
        .next()
        .unwrap_or("the command line could not be read")
        .trim_start_matches("error: ")
        .to_string();
    let listing = out.ends_with(':');
    let mut listed = Vec::new();
    for line in lines {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            continue;
        }
        if listing && !line.starts_with("tip: ") && !line.starts_with('[') {
            // "the following required arguments were not provided:" then one per line.
            listed.push(line);
        } else if let Some(values) = line.strip_prefix("[possible values: ") {
            out.push_str(" (one of: ");
            out.push_str(values.trim_end_matches(']'));
            out.push(')');
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            out.push_str("; ");
            out.push_str(tip);
        }
    }
    if listing {
        out = format!("{} {}", out, listed.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_errors_become_one_sentence() {
        let e = Cli::try_parse_from(["headroom", "plan", "--sett", "x"]).unwrap_err();
        assert_eq!(
            one_sentence(&e.to_string()),
            "unexpected argument '--sett' found; a similar argument exists: '--set'"
        );
        let e = Cli::try_parse_from(["headroom", "plan", "--format", "xml"]).unwrap_err();
        assert_eq!(
            one_sentence(&e.to_string()),
            "invalid value 'xml' for '--format <FORMAT>' (one of: table, markdown, json, csv)"
        );
        let e = Cli::try_parse_from(["headroom", "compare"]).unwrap_err();
        assert_eq!(
            one_sentence(&e.to_string()),
            "the following required arguments were not provided: <BASE>, <OTHER>"
        );
    }
}
