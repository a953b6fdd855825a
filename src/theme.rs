//! The styles of every pane in one place, with a monochrome set for `NO_COLOR` terminals that
//! says the same things with bold, italic, underline and reverse video.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub header: Style,
    pub title: Style,
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

impl Theme {
    pub fn new(color: bool) -> Theme {
        if color {
            Theme::colored()
        } else {
            Theme::monochrome()
        }
    }

    fn colored() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            header: Style::new().bg(Color::Blue).fg(Color::White),
            title: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(bold),
            dim: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
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
}
