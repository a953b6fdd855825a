//! The styles of every pane in one place: a dark and a light set, both in the 16 basic colours
//! every terminal palette has (nothing that carries meaning is in dark grey, colour 8, which
//! common palettes make unreadable), and a monochrome set for `NO_COLOR` terminals that says
//! the same things with bold, italic, underline and reverse video. Everything that matters is
//! marked in text too (`NOTE`, `ACTION`, `▶`, `OVER`), so colour only adds to it.

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub header: Style,
    pub title: Style,
    /// Secondary text (times, hints): plain, never dark grey.
    pub dim: Style,
    pub border: Style,
    pub pane_title: Style,
    pub speaker: Style,
    pub note: Style,
    pub action: Style,
    pub decision: Style,
    pub heading: Style,
    pub current: Style,
    pub floor: Style,
    pub selected: Style,
    pub info: Style,
    pub error: Style,
    pub warn: Style,
    pub key: Style,
    /// A struck entry (after its marker).
    pub struck: Style,
    /// A speaker past their limit: reverse video, so it shows without colour too.
    pub alarm: Style,
}

/// Which set of colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// For a dark background (the default).
    #[default]
    Dark,
    /// For a light background.
    Light,
}

impl Theme {
    /// The colours for a dark background, or the monochrome set without colour.
    pub fn new(color: bool) -> Theme {
        if color {
            Theme::dark()
        } else {
            Theme::monochrome()
        }
    }

    /// The set named, or monochrome without colour.
    pub fn named(name: ThemeName, color: bool) -> Theme {
        match (name, color) {
            (_, false) => Theme::monochrome(),
            (ThemeName::Dark, true) => Theme::dark(),
            (ThemeName::Light, true) => Theme::light(),
        }
    }

    fn dark() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            header: Style::new().bg(Color::Blue).fg(Color::White),
            title: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(bold),
            dim: Style::new(),
            border: Style::new(),
            pane_title: Style::new().fg(Color::Cyan).add_modifier(bold),
            speaker: Style::new().fg(Color::Yellow).add_modifier(bold),
            note: Style::new().add_modifier(Modifier::ITALIC),
            action: Style::new().fg(Color::Magenta).add_modifier(bold),
            decision: Style::new().fg(Color::Green).add_modifier(bold),
            heading: Style::new().fg(Color::Cyan).add_modifier(bold),
            current: Style::new().fg(Color::Cyan).add_modifier(bold),
            floor: Style::new().fg(Color::Green).add_modifier(bold),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            info: Style::new().fg(Color::Green),
            error: Style::new().fg(Color::Red).add_modifier(bold),
            warn: Style::new().fg(Color::Yellow).add_modifier(bold),
            key: Style::new().fg(Color::Cyan),
            struck: Style::new().add_modifier(Modifier::CROSSED_OUT),
            alarm: Style::new()
                .fg(Color::Red)
                .add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    /// Darker colours that read on a white background (no yellow or cyan text).
    fn light() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            header: Style::new().bg(Color::Blue).fg(Color::White),
            title: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(bold),
            pane_title: Style::new().fg(Color::Blue).add_modifier(bold),
            speaker: Style::new().fg(Color::Blue).add_modifier(bold),
            action: Style::new().fg(Color::Magenta).add_modifier(bold),
            decision: Style::new().fg(Color::Green).add_modifier(bold),
            heading: Style::new().fg(Color::Blue).add_modifier(bold),
            current: Style::new().fg(Color::Blue).add_modifier(bold),
            floor: Style::new().fg(Color::Green).add_modifier(bold),
            info: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Red).add_modifier(bold),
            key: Style::new().fg(Color::Blue),
            ..Theme::dark()
        }
    }

    fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            header: Style::new().add_modifier(Modifier::REVERSED),
            title: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            dim: Style::new(),
            border: Style::new(),
            pane_title: bold,
            speaker: bold,
            note: Style::new().add_modifier(Modifier::ITALIC),
            action: bold,
            decision: bold,
            heading: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            current: bold,
            floor: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            info: Style::new(),
            error: bold,
            warn: bold,
            key: bold,
            struck: Style::new().add_modifier(Modifier::CROSSED_OUT),
            alarm: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    /// The theme with some styles' colours replaced (`"speaker": "blue"`), as the settings
    /// give them; what could not be taken (an unknown style or colour).
    pub fn with_colors(mut self, colors: &BTreeMap<String, String>) -> (Theme, Vec<String>) {
        let mut problems = Vec::new();
        for (name, color) in colors {
            let Some(color) = basic_color(color) else {
                problems.push(format!(
                    "'{color}' is not a colour: use black, red, green, yellow, blue, magenta, \
                     cyan, white or their light- forms"
                ));
                continue;
            };
            let style = match name.as_str() {
                "header" => &mut self.header,
                "title" => &mut self.title,
                "pane_title" => &mut self.pane_title,
                "speaker" => &mut self.speaker,
                "action" => &mut self.action,
                "decision" => &mut self.decision,
                "heading" => &mut self.heading,
                "current" => &mut self.current,
                "floor" => &mut self.floor,
                "info" => &mut self.info,
                "error" => &mut self.error,
                "warn" => &mut self.warn,
                "key" => &mut self.key,
                "alarm" => &mut self.alarm,
                other => {
                    problems.push(format!("there is no style '{other}' to colour"));
                    continue;
                }
            };
            *style = style.fg(color);
        }
        (self, problems)
    }
}

/// One of the 16 colours every palette has, by name.
fn basic_color(name: &str) -> Option<Color> {
    Some(
        match name.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
            "black" => Color::Black,
            "red" => Color::Red,
            "green" => Color::Green,
            "yellow" => Color::Yellow,
            "blue" => Color::Blue,
            "magenta" => Color::Magenta,
            "cyan" => Color::Cyan,
            "white" | "light-gray" | "gray" => Color::Gray,
            "bright-black" | "dark-gray" => Color::DarkGray,
            "light-red" => Color::LightRed,
            "light-green" => Color::LightGreen,
            "light-yellow" => Color::LightYellow,
            "light-blue" => Color::LightBlue,
            "light-magenta" => Color::LightMagenta,
            "light-cyan" => Color::LightCyan,
            "bright-white" => Color::White,
            _ => return None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_that_carries_meaning_is_dark_grey() {
        for theme in [Theme::dark(), Theme::light()] {
            let styles = [
                theme.dim,
                theme.border,
                theme.speaker,
                theme.note,
                theme.action,
                theme.decision,
                theme.heading,
                theme.warn,
                theme.key,
            ];
            for style in styles {
                assert_ne!(style.fg, Some(Color::DarkGray), "{style:?}");
            }
        }
    }

    #[test]
    fn colours_are_replaced_by_name_and_nonsense_is_reported() {
        let colors = BTreeMap::from([
            ("speaker".to_string(), "blue".to_string()),
            ("shade".to_string(), "red".to_string()),
            ("warn".to_string(), "puce".to_string()),
        ]);
        let (theme, problems) = Theme::dark().with_colors(&colors);
        assert_eq!(theme.speaker.fg, Some(Color::Blue));
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
