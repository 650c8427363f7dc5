//! Everything the planner can be asked to do. Keys and the mouse become these; `App::update` is the
//! only place they change state.

use crossterm::event::KeyEvent;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the selection within the focused pane.
    Select(i32),
    /// Step the selected input: direction ±1, `big` for Shift (×10).
    Adjust {
        direction: i32,
        big: bool,
    },
    /// Home (min) or End (max).
    Bound {
        max: bool,
    },
    /// Cycle focus between panes.
    NextPane,
    PrevPane,
    /// Open the exact-value field for the selected input.
    StartEdit,
    /// A key typed into an open field (value editor or picker filter).
    Type(KeyEvent),
    /// Enter in a dialog.
    Submit,
    /// Esc in a dialog.
    Cancel,
    Explain,
    Help,
    /// Pin the current plan as the baseline every figure is compared with (`b`).
    PinBaseline,
    /// Forget the baseline (`B`).
    ClearBaseline,
    /// Open the Drivers overlay (`D`).
    Drivers,
    /// In the Drivers overlay: widen (+1) or narrow (−1) the swing by 5 points.
    Swing(i32),
    /// Open the range of the selected input (`~`).
    OpenRange,
    /// In the range box: widen (+1) or narrow (−1) the range by 10 points around the value.
    Widen(i32),
    /// In the range box: remove the range (the input is certain again).
    ClearRange,
    Warnings,
    CycleProvider,
    OpenNodePicker,
    /// Save the scenario as a preset (asks for a name).
    OpenSave,
    /// Open a built-in or saved preset.
    OpenPresets,
    /// Export the preset or the plan to a file.
    OpenExport,
    /// Delete the current preset if it is a saved one (asks first).
    Delete,
    Undo,
    Reset,
    /// Filter the assumptions by name or key (`/`).
    Filter,
    /// Copy a Markdown summary of the plan and its inputs to the clipboard (OSC 52).
    Copy,
    /// Quit, asking first when there are unsaved changes.
    Quit,
    /// An answer to a yes/no question.
    Answer(bool),
    /// A click on input row `row` (0 = first visible); `at` is the position on its bar, if on it.
    Click {
        row: u16,
        at: Option<u16>,
    },
    /// Mouse wheel over input row `row`.
    Scroll {
        row: u16,
        direction: i32,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// The highlight of changed figures has been shown long enough.
    ClearHighlight,
}
