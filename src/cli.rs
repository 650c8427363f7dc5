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

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// A built-in or saved preset by name (see the list below and `headroom preset list`)
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub preset: Option<String>,

    /// A preset file (RON), such as one a teammate sent
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Change one input, e.g. --set users=5000 or --set `node_type.general=m5.4xlarge` (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Also print how every figure is computed, with this plan's numbers substituted
    #[arg(long)]
    pub explain: bool,
}
