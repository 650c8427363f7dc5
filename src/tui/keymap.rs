//! The one key table: it drives key handling on the main screen, the footer, the `?` help and the README's
//! key table (a test keeps the README equal to [`markdown_table`]).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// One row of the table: the keys, what they do in the footer and in help, and the actions they send.
pub struct Binding {
    /// How the keys are written in help and in the README: "← → or h l".
    pub keys: &'static str,
    /// Footer key and label with the inputs list focused, and with an output pane focused.
    pub footer: Option<(&'static str, Option<&'static str>, Option<&'static str>)>,
    pub help: &'static str,
    /// Key codes and the action each sends on the main screen; empty for rows that only document.
    pub codes: &'static [(KeyCode, Action)],
}

const fn adjust(direction: i32, big: bool) -> Action {
    Action::Adjust { direction, big }
}

pub const KEYS: &[Binding] = &[
    Binding {
        keys: "← → or h l",
        footer: Some(("←→", Some("adjust"), None)),
        help: "adjust the selected input (~10 % log steps for users and sizes, hundredths for fractions); in an output pane, move between its figures",
        codes: &[
            (KeyCode::Left, adjust(-1, false)),
            (KeyCode::Char('h'), adjust(-1, false)),
            (KeyCode::Right, adjust(1, false)),
            (KeyCode::Char('l'), adjust(1, false)),
        ],
    },
    Binding {
        keys: "↑ ↓ or k j",
        footer: Some(("↑↓", Some("select"), Some("figure"))),
        help: "select an input, or a figure in an output pane (PageUp/PageDown by ten)",
        codes: &[
            (KeyCode::Up, Action::Select(-1)),
            (KeyCode::Char('k'), Action::Select(-1)),
            (KeyCode::Down, Action::Select(1)),
            (KeyCode::Char('j'), Action::Select(1)),
            (KeyCode::PageUp, Action::Select(-10)),
            (KeyCode::PageDown, Action::Select(10)),
        ],
    },
    Binding {
        keys: "Tab, Shift+Tab",
        footer: Some(("Tab", Some("panes"), Some("panes"))),
        help: "move focus between panes (at 80×24, open one pane in full)",
        codes: &[
            (KeyCode::Tab, Action::NextPane),
            (KeyCode::BackTab, Action::PrevPane),
        ],
    },
    Binding {
        keys: "e",
        footer: Some(("e", Some("explain"), Some("explain"))),
        help: "explain: the selected figure's formula with this plan's numbers, or the input's meaning and range",
        codes: &[(KeyCode::Char('e'), Action::Explain)],
    },
    Binding {
        keys: "?",
        footer: Some(("?", Some("help"), Some("help"))),
        help: "all keys (↑↓ scroll)",
        codes: &[(KeyCode::Char('?'), Action::Help)],
    },
    Binding {
        keys: "q",
        footer: Some(("q", Some("quit"), Some("quit"))),
        help: "quit; asks first when the scenario differs from the preset",
        codes: &[(KeyCode::Char('q'), Action::Quit)],
    },
    Binding {
        keys: "b",
        footer: Some(("b", Some("baseline"), Some("baseline"))),
        help: "pin this plan as the baseline: every figure then shows its change from it, the header the total's; it stays when you open another preset (o), so two presets compare side by side",
        codes: &[(KeyCode::Char('b'), Action::PinBaseline)],
    },
    Binding {
        keys: "B",
        footer: None,
        help: "clear the baseline",
        codes: &[(KeyCode::Char('B'), Action::ClearBaseline)],
    },
    Binding {
        keys: "D",
        footer: Some(("D", Some("drivers"), Some("drivers"))),
        help: "drivers: which inputs move the bill most, each re-planned at ±20 % (a tornado chart); ←→ change the swing, Enter jumps to the input",
        codes: &[(KeyCode::Char('D'), Action::Drivers)],
    },
    Binding {
        keys: "= or Enter",
        footer: Some(("=", Some("type"), None)),
        help: "type an exact value: the old one is selected, so typing replaces it; units are understood (85%, 40k, 1.5M, 8MB, 2GiB, 500ms); checked as you type; in an output pane, explain",
        codes: &[
            (KeyCode::Char('='), Action::StartEdit),
            (KeyCode::Enter, Action::StartEdit),
        ],
    },
    Binding {
        keys: "Shift+← →, H L",
        footer: Some(("⇧", Some("×10"), None)),
        help: "×10 steps",
        codes: &[
            (KeyCode::Char('H'), adjust(-1, true)),
            (KeyCode::Char('L'), adjust(1, true)),
        ],
    },
    Binding {
        keys: "Home End",
        footer: None,
        help: "the input's minimum or maximum; in an output pane, the first or last figure",
        codes: &[
            (KeyCode::Home, Action::Bound { max: false }),
            (KeyCode::End, Action::Bound { max: true }),
        ],
    },
    Binding {
        keys: "/",
        footer: Some(("/", Some("find"), None)),
        help: "find an assumption: type part of its name or key (upl finds Uploads/user/h); Enter keeps the filter, Esc clears it",
        codes: &[(KeyCode::Char('/'), Action::Filter)],
    },
    Binding {
        keys: "s",
        footer: Some(("s", Some("save"), Some("save"))),
        help: "save the scenario as a preset: a name (checked as you type) and, after Tab, a description; replacing a saved one asks first",
        codes: &[(KeyCode::Char('s'), Action::OpenSave)],
    },
    Binding {
        keys: "o",
        footer: Some(("o", Some("open"), Some("open"))),
        help: "open a built-in or saved preset; type to filter by name or description; asks first when the scenario has unsaved changes",
        codes: &[(KeyCode::Char('o'), Action::OpenPresets)],
    },
    Binding {
        keys: "~",
        footer: Some(("~", Some("range"), None)),
        help: "give the selected input a range (it is uncertain): ←→ widen or narrow it around the value, Del removes it; or type 30k..60k (uniform) or 30k..40k..60k (triangular) after =. Ranged inputs are sampled together and the Cost pane shows p10–p90",
        codes: &[(KeyCode::Char('~'), Action::OpenRange)],
    },
    Binding {
        keys: "x",
        footer: Some(("x", Some("export"), Some("export"))),
        help: "export to a path: .ron writes the preset, .md, .json or .csv the plan; an existing file asks first",
        codes: &[(KeyCode::Char('x'), Action::OpenExport)],
    },
    Binding {
        keys: "y",
        footer: Some(("y", Some("copy"), Some("copy"))),
        help: "copy a Markdown summary of the plan and its inputs to the clipboard, for the meeting notes (through the terminal: OSC 52 works over ssh and tmux)",
        codes: &[(KeyCode::Char('y'), Action::Copy)],
    },
    Binding {
        keys: "w",
        footer: Some(("w", None, Some("warnings"))),
        help: "every warning, with the input key that addresses it",
        codes: &[(KeyCode::Char('w'), Action::Warnings)],
    },
    Binding {
        keys: "p",
        footer: Some(("p", Some("provider"), Some("provider"))),
        help: "price on the next provider: AWS → GCP → Azure (the other two stay visible in Cost)",
        codes: &[(KeyCode::Char('p'), Action::CycleProvider)],
    },
    Binding {
        keys: "n",
        footer: Some(("n", Some("node type"), Some("node type"))),
        help: "choose the node type of a pool (the selected pool in Node pools, else the app pool); type to filter; auto lets headroom pick the cheapest type the pods fit",
        codes: &[(KeyCode::Char('n'), Action::OpenNodePicker)],
    },
    Binding {
        keys: "u",
        footer: Some(("u", Some("undo"), Some("undo"))),
        help: "undo the last change (opening or resetting a preset is a boundary)",
        codes: &[(KeyCode::Char('u'), Action::Undo)],
    },
    Binding {
        keys: "r",
        footer: Some(("r", Some("reset"), Some("reset"))),
        help: "reset to the preset as opened",
        codes: &[(KeyCode::Char('r'), Action::Reset)],
    },
    Binding {
        keys: "d",
        footer: Some(("d", Some("delete"), None)),
        help: "delete the current preset, if it is a saved one (asks first)",
        codes: &[(KeyCode::Char('d'), Action::Delete)],
    },
    Binding {
        keys: "Esc",
        footer: None,
        help: "close a dialog or box; on the main screen it does nothing (it never quits)",
        codes: &[],
    },
    Binding {
        keys: "Ctrl-C",
        footer: None,
        help: "quit from the main screen (asks when there are unsaved changes; a second Ctrl-C quits); inside a dialog it cancels",
        codes: &[],
    },
    Binding {
        keys: "in a yes/no question",
        footer: None,
        help: "y or Enter says yes; n, Esc and Ctrl-C say no — Ctrl-C never deletes, replaces or overwrites anything",
        codes: &[],
    },
    Binding {
        keys: "mouse",
        footer: None,
        help: "click a slider to set it; scroll over one to adjust it",
        codes: &[],
    },
];

/// The action a key sends on the main screen. Shift with ←/→ makes the step ×10.
pub fn action(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    KEYS.iter()
        .flat_map(|b| b.codes.iter())
        .find(|(code, _)| *code == key.code)
        .map(|(_, a)| match a {
            Action::Adjust { direction, big } => Action::Adjust {
                direction: *direction,
                big: *big || shift,
            },
            other => other.clone(),
        })
}

/// (key, label) for the footer, most useful first.
pub fn footer(inputs_focused: bool) -> impl Iterator<Item = (&'static str, &'static str)> {
    KEYS.iter().filter_map(move |b| {
        let (key, inputs, outputs) = b.footer?;
        let label = if inputs_focused { inputs } else { outputs };
        label.map(|l| (key, l))
    })
}

/// The README's key table, generated from [`KEYS`].
pub fn markdown_table() -> String {
    let mut out = String::from("| key | what it does |\n|---|---|\n");
    for b in KEYS {
        for part in ["| ", b.keys, " | ", b.help, " |\n"] {
            out.push_str(part);
        }
    }
    out
}
