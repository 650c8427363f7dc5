//! Keys and the mouse, mapped to actions. What a key means depends only on the open dialog.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::Position;

use super::action::Action;
use super::app::{App, Overlay, Pending};
use super::layout::{self, Pane};

pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(*key, &app.overlay),
        Event::Mouse(mouse) => mouse_action(mouse, app),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

fn key_action(key: KeyEvent, overlay: &Overlay) -> Option<Action> {
    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
    match overlay {
        Overlay::None => {}
        Overlay::Help(_) | Overlay::Explain(_) | Overlay::Warnings => {
            return match key.code {
                _ if ctrl_c => Some(Action::Quit),
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?' | 'e' | 'w') => {
                    Some(Action::Cancel)
                }
                KeyCode::Up | KeyCode::Char('k') => Some(Action::Select(-1)),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::Select(1)),
                KeyCode::PageUp => Some(Action::Select(-10)),
                KeyCode::PageDown => Some(Action::Select(10)),
                _ => None,
            };
        }
        Overlay::Range(_) => {
            return match key.code {
                _ if ctrl_c => Some(Action::Cancel),
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('~' | 'q') => Some(Action::Cancel),
                KeyCode::Left | KeyCode::Char('h') => Some(Action::Widen(-1)),
                KeyCode::Right | KeyCode::Char('l') => Some(Action::Widen(1)),
                KeyCode::Delete | KeyCode::Backspace | KeyCode::Char('x') => {
                    Some(Action::ClearRange)
                }
                _ => None,
            };
        }
        Overlay::Drivers(_) => {
            return match key.code {
                _ if ctrl_c => Some(Action::Cancel),
                KeyCode::Esc | KeyCode::Char('q' | 'D') => Some(Action::Cancel),
                KeyCode::Enter => Some(Action::Submit),
                KeyCode::Up | KeyCode::Char('k') => Some(Action::Select(-1)),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::Select(1)),
                KeyCode::PageUp => Some(Action::Select(-10)),
                KeyCode::PageDown => Some(Action::Select(10)),
                KeyCode::Left | KeyCode::Char('h') => Some(Action::Swing(-1)),
                KeyCode::Right | KeyCode::Char('l') => Some(Action::Swing(1)),
                KeyCode::Char('e') => Some(Action::Explain),
                _ => None,
            };
        }
        Overlay::Edit(_) | Overlay::Save(_) | Overlay::Export(_) | Overlay::Filter(_) => {
            return match key.code {
                _ if ctrl_c => Some(Action::Cancel),
                KeyCode::Enter => Some(Action::Submit),
                KeyCode::Esc => Some(Action::Cancel),
                _ => Some(Action::Type(key)),
            };
        }
        Overlay::Picker(_) | Overlay::Open(_) => {
            return match key.code {
                _ if ctrl_c => Some(Action::Cancel),
                KeyCode::Enter => Some(Action::Submit),
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Up => Some(Action::Select(-1)),
                KeyCode::Down => Some(Action::Select(1)),
                KeyCode::PageUp => Some(Action::Select(-10)),
                KeyCode::PageDown => Some(Action::Select(10)),
                _ => Some(Action::Type(key)),
            };
        }
        Overlay::Confirm(confirm) => {
            return match key.code {
                // A second Ctrl-C at "quit with unsaved changes?" still force-quits; in every other
                // question it cancels: a reflex must never delete or replace a file.
                _ if ctrl_c => Some(Action::Answer(matches!(confirm.then, Pending::Quit))),
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => Some(Action::Answer(true)),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Action::Answer(false)),
                _ => None,
            };
        }
    }
    super::keymap::action(key)
}

fn mouse_action(mouse: &crossterm::event::MouseEvent, app: &App) -> Option<Action> {
    if !matches!(app.overlay, Overlay::None) {
        return None;
    }
    let pane = layout::areas(app.size, app.focus, app.plan.node_pools.len()).pane(Pane::Inputs)?;
    let inner = layout::inner(pane);
    if !inner.contains(Position::new(mouse.column, mouse.row)) {
        return None;
    }
    let row = mouse.row - inner.y;
    let col = mouse.column - inner.x;
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { row, at: Some(col) }),
        MouseEventKind::ScrollUp => Some(Action::Scroll { row, direction: 1 }),
        MouseEventKind::ScrollDown => Some(Action::Scroll { row, direction: -1 }),
        _ => None,
    }
}
