//! Colours, with a monochrome fallback when `NO_COLOR` is set (no-color.org).

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub focus_border: Style,
    pub selected: Style,
    pub changed: Style,
    pub bar: Style,
    pub bar_empty: Style,
    pub warning: Style,
    pub good: Style,
    pub bad: Style,
    pub key: Style,
}

impl Theme {
    pub fn from_env() -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Theme::mono()
        } else {
            Theme::color()
        }
    }

    pub fn color() -> Theme {
        Theme {
            base: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            focus_border: Style::new().fg(Color::Cyan),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            changed: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::Cyan),
            bar_empty: Style::new().fg(Color::DarkGray),
            warning: Style::new().fg(Color::Yellow),
            good: Style::new().fg(Color::Green),
            bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            base: plain,
            dim: plain,
            title: plain.add_modifier(Modifier::BOLD),
            border: plain,
            focus_border: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            changed: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bar: plain,
            bar_empty: plain,
            warning: plain.add_modifier(Modifier::BOLD),
            good: plain,
            bad: plain.add_modifier(Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_theme_uses_no_colours() {
        let t = Theme::mono();
        for style in [
            t.base, t.dim, t.title, t.border, t.selected, t.changed, t.bar, t.warning, t.good,
            t.bad, t.key,
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        assert_ne!(Theme::color().changed.fg, None);
    }
}
