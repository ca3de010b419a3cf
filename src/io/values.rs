//! Rules for the text of id-like and money values, shared by the CSV loaders and the
//! scenario loader.

/// Longest id accepted, characters.
pub const MAX_ID_CHARS: usize = 64;

/// What is wrong with an id, if anything. Ids become file names (`child-{id}.html`) and
/// cells in other systems, so only letters, digits, `-`, `_` and `.` are allowed, `.` not
/// first (no hidden files, no `..`), at most [`MAX_ID_CHARS`] characters.
pub fn id_problem(id: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if id.chars().count() > MAX_ID_CHARS {
        Some(format!(
            "an id of at most {MAX_ID_CHARS} characters (this one has {})",
            id.chars().count()
        ))
    } else if let Some(bad) = id.chars().find(|&c| !allowed(c)) {
        let shown = if bad.is_control() || bad == ' ' || !bad.is_ascii() {
            format!("U+{:04X}", u32::from(bad))
        } else {
            format!("'{bad}'")
        };
        Some(format!(
            "an id of letters, digits, '-', '_' and '.' only (found {shown})"
        ))
    } else if id.starts_with('.') {
        Some("an id that does not begin with '.'".to_string())
    } else {
        None
    }
}

/// A money text with its `£` and thousands separators taken out, or None when they are
/// misplaced: at most one leading `£` (after an optional minus sign), and commas only
/// between groups of three digits before any decimal point.
pub(super) fn plain_money(text: &str) -> Option<String> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let rest = rest.strip_prefix('£').unwrap_or(rest).trim_start();
    if rest.contains('£') {
        return None;
    }
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if fraction.is_some_and(|f| f.contains(',')) {
        return None;
    }
    if whole.contains(',') {
        let groups: Vec<&str> = whole.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return None;
        }
    }
    let mut out = format!("{sign}{}", whole.replace(',', ""));
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        for good in ["C1", "child-0001", "S.12_b", &"x".repeat(64)] {
            assert_eq!(id_problem(good), None, "{good}");
        }
        for bad in [
            "x/../y",
            ".hidden",
            "a b",
            "a\u{1b}[31m",
            "\u{202e}cba",
            "a\0",
            &"x".repeat(65),
            "=1+2",
            "é",
        ] {
            assert!(id_problem(bad).is_some(), "{bad:?}");
        }
    }
}
