//! The habits W3C scribes bring from Zakim and scribe.perl: lines typed without the slash that
//! are unmistakably commands — `q+ NAME`, `q- NAME`, `q?`, `ack NAME`, `topic: TEXT`,
//! `RESOLUTION: TEXT` (or `RESOLVED:`), `ACTION: NAME to TEXT`, `scribe: NAME`,
//! `present+ NAME`. Each is read as the slash command it stands for, so the footer can say how
//! it was understood. A setting turns this off.

/// The slash command a line stands for, when it is one of the habits.
pub fn as_command(line: &str) -> Option<String> {
    let line = line.trim();
    if line.contains('\n') {
        return None;
    }
    let (head, rest) = match line.split_once(char::is_whitespace) {
        Some((head, rest)) => (head, rest.trim()),
        None => (line, ""),
    };
    let with_name = |command: &str| (!rest.is_empty()).then(|| format!("/{command} {rest}"));
    match head {
        "q+" | "q-" | "ack" | "present+" | "present-" => with_name(head),
        "q?" if rest.is_empty() => Some("/q?".to_string()),
        _ => labelled(line),
    }
}

/// `topic:`, `scribe:`, `RESOLUTION:`, `RESOLVED:`, `ACTION:` — the label before the colon.
fn labelled(line: &str) -> Option<String> {
    let (label, text) = line.split_once(':')?;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match label.trim() {
        "topic" | "Topic" => Some(format!("/topic {text}")),
        "scribe" | "Scribe" | "scribenick" => Some(format!("/scribe {text}")),
        "RESOLUTION" | "RESOLVED" => Some(format!("/decision {text}")),
        "ACTION" => {
            // `ACTION: NAME to TEXT`.
            let lower = text.to_lowercase();
            let at = lower.find(" to ")?;
            if lower.len() != text.len() {
                return None;
            }
            let (name, task) = (text[..at].trim(), text[at + 4..].trim());
            (!name.is_empty() && !task.is_empty()).then(|| format!("/action {name}: {task}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_habit_reads_as_its_command() {
        for (typed, command) in [
            ("q+ Germany", "/q+ Germany"),
            (
                "q+ Germany to say the letters",
                "/q+ Germany to say the letters",
            ),
            ("q- mexico", "/q- mexico"),
            ("q?", "/q?"),
            ("ack Croatia", "/ack Croatia"),
            ("topic: Budget for 2027", "/topic Budget for 2027"),
            (
                "RESOLUTION: The report is adopted.",
                "/decision The report is adopted.",
            ),
            (
                "RESOLVED: The report is adopted.",
                "/decision The report is adopted.",
            ),
            (
                "ACTION: Norway to circulate the draft",
                "/action Norway: circulate the draft",
            ),
            ("scribe: Ana Ferreira", "/scribe Ana Ferreira"),
            ("present+ Malta", "/present+ Malta"),
        ] {
            assert_eq!(as_command(typed).as_deref(), Some(command), "{typed}");
        }
    }

    #[test]
    fn ordinary_lines_are_not_commands() {
        for typed in [
            "Thanked the Presidency.",
            "q+",
            "ack",
            "Acknowledged the work of the secretariat.",
            "Resolution: the delegation will consider it.",
            "Action: none needed.",
            "ACTION: Norway circulates the draft",
            "Topic:",
            "q? Germany",
        ] {
            assert_eq!(as_command(typed), None, "{typed}");
        }
    }
}
