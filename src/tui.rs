//! The interactive planner: event → `Action` → `App::update` → draw. Redraws only after an event;
//! while changed figures are highlighted it waits at most 1.2 s for the next one, then clears them.

pub mod action;
pub mod app;
pub mod chrome;

pub mod fit;
pub mod inputs;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod panes;
pub mod popups;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io;
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Terminal, backend::Backend};

use crate::catalog::Catalog;
use crate::engine::scenario::Scenario;
use crate::presets::store::Store;
use action::Action;
use app::App;

const HIGHLIGHT: Duration = Duration::from_millis(1200);

/// Runs the planner in the terminal until the user quits. The terminal is restored on return, on
/// error and on panic (ratatui's hook; mouse reporting is switched off by ours, chained before it).
pub fn run(
    preset: &str,
    scenario: Scenario,
    catalog: &Catalog,
    store: Option<Store>,
) -> io::Result<()> {
    if let Some(store) = &store {
        store.set_last_used(preset);
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    restore_on_signals()?;
    ratatui::run(|terminal: &mut DefaultTerminal| {
        execute!(io::stdout(), EnableMouseCapture)?;
        let result = event_loop(
            terminal,
            App::new(preset, scenario, catalog).with_store(store),
        );
        execute!(io::stdout(), DisableMouseCapture)?;
        result
    })
}

/// SIGTERM, SIGHUP and SIGINT (`kill`, a closed terminal window, Ctrl-C from another shell) end the
/// planner with the terminal as it was: mouse reporting off, alternate screen left, cursor shown. The
/// event loop blocks in `read` (idle is idle), so a thread waits for the signal and restores from there.
fn restore_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            ratatui::restore();
            let _ = execute!(io::stdout(), crossterm::cursor::Show);
            // The conventional status of a process ended by a signal.
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

fn event_loop(terminal: &mut DefaultTerminal, mut app: App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    loop {
        terminal.draw(|frame| view::draw(frame, &app))?;
        if app.previous.is_some() && !event::poll(HIGHLIGHT)? {
            app.update(Action::ClearHighlight);
            continue;
        }
        let event = event::read()?;
        if let Some(action) = keys::action_for(&event, &app) {
            app.update(action);
            app.perform();
        }
        if let Some(text) = app.clipboard.take() {
            let out = terminal.backend_mut();
            std::io::Write::write_all(out, osc52(&text).as_bytes())?;
            std::io::Write::flush(out)?;
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// The escape sequence that asks the terminal to put `text` on the clipboard (OSC 52; tmux passes it on
/// with its default `set-clipboard`).
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

/// One frame of the planner on any backend: what tests and benchmarks draw.
pub fn draw_once<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> Result<(), B::Error> {
    let area = terminal.size()?;
    if app.size != Rect::new(0, 0, area.width, area.height) {
        app.update(Action::Resize {
            width: area.width,
            height: area.height,
        });
    }
    terminal.draw(|frame| view::draw(frame, app))?;
    Ok(())
}
