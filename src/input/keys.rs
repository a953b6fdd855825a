//! Keys written as people write them ("F2", "Alt-q", "Ctrl-C", "Shift-Right", "PgUp", "?"):
//! parsed into something a key event can be matched against, and shown back in the same
//! spelling in the help, the footer and the README. The key table and a user's keymap file use
//! this one spelling.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, as a binding expects it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeySpec {
    code: KeyCode,
    modifiers: KeyModifiers,
}

/// Named keys and how they are written.
const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Space", KeyCode::Char(' ')),
];

impl KeySpec {
    /// Parses `[Ctrl-][Alt-][Shift-]KEY`, where KEY is a named key, `F1`…`F24` or one
    /// character.
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") && rest.len() > 5 {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= flag;
            rest = &rest[len..];
        }
        let code = if let Some((_, code)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(rest))
        {
            *code
        } else if let Some(n) = rest
            .strip_prefix(['F', 'f'])
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=24).contains(n))
        {
            KeyCode::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => {
                    return Err(format!(
                        "'{text}' is not a key (write e.g. F2, Alt-q, Ctrl-C, PgUp, ?)"
                    ));
                }
            }
        };
        Ok(KeySpec { code, modifiers })
    }

    /// Does a key event press this key? A character is matched as typed (an upper-case letter
    /// already says Shift, and terminals disagree on reporting Shift with symbols), letters
    /// with Ctrl or Alt without regard to case.
    pub fn matches(&self, key: &KeyEvent) -> bool {
        match (self.code, key.code) {
            (KeyCode::Char(want), KeyCode::Char(got)) => {
                let strip = |m: KeyModifiers| m - KeyModifiers::SHIFT;
                if strip(self.modifiers) != strip(key.modifiers) {
                    return false;
                }
                if self
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    want.eq_ignore_ascii_case(&got)
                } else {
                    want == got
                }
            }
            (want, got) => want == got && self.modifiers == key.modifiers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn spellings_parse_and_match() {
        let f2 = KeySpec::parse("F2").unwrap();
        assert!(f2.matches(&key(KeyCode::F(2), KeyModifiers::NONE)));
        assert!(!f2.matches(&key(KeyCode::F(2), KeyModifiers::SHIFT)));
        let alt_q = KeySpec::parse("Alt-q").unwrap();
        assert!(alt_q.matches(&key(KeyCode::Char('q'), KeyModifiers::ALT)));
        assert!(!alt_q.matches(&key(KeyCode::Char('q'), KeyModifiers::NONE)));
        let ctrl_q = KeySpec::parse("Ctrl-Q").unwrap();
        assert!(ctrl_q.matches(&key(KeyCode::Char('q'), KeyModifiers::CONTROL)));
        let question = KeySpec::parse("?").unwrap();
        assert!(question.matches(&key(KeyCode::Char('?'), KeyModifiers::SHIFT)));
        let big_l = KeySpec::parse("L").unwrap();
        assert!(big_l.matches(&key(KeyCode::Char('L'), KeyModifiers::SHIFT)));
        assert!(!big_l.matches(&key(KeyCode::Char('l'), KeyModifiers::NONE)));
        let shift_right = KeySpec::parse("Shift-Right").unwrap();
        assert!(shift_right.matches(&key(KeyCode::Right, KeyModifiers::SHIFT)));
        assert!(!shift_right.matches(&key(KeyCode::Right, KeyModifiers::NONE)));
        assert!(
            KeySpec::parse("Space")
                .unwrap()
                .matches(&key(KeyCode::Char(' '), KeyModifiers::NONE))
        );
        assert!(
            KeySpec::parse("pgdn")
                .unwrap()
                .matches(&key(KeyCode::PageDown, KeyModifiers::NONE))
        );
    }

    #[test]
    fn nonsense_is_refused_with_the_spelling_that_works() {
        for bad in ["", "Ctrl-", "F99", "Hyper-x", "qq"] {
            let error = KeySpec::parse(bad).expect_err(bad);
            assert!(error.contains("Alt-q"), "{bad}: {error}");
        }
    }
}
