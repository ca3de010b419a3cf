//! The line of a key in a TOML text, from the parser's own spans: `weights.cost` is found on
//! its own line under `[weights]`, never at `cost_ceiling_gbp` (a key with the same prefix)
//! or at a `cost` key of another table.

use super::read::line_of_offset;
use toml::de::{DeTable, DeValue};

/// One step of a key path such as `supply.add[1].kind`.
enum Step<'k> {
    Key(&'k str),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            out.push(Step::Key(name));
        }
        while let Some(close) = rest.find(']') {
            if let Ok(i) = rest[1..close].parse() {
                out.push(Step::Index(i));
            }
            rest = &rest[close + 1..];
        }
    }
    out
}

/// The 1-based line of `path` (`a.b[2].c`) in `text`: the line of the deepest part of the
/// path that is written in the text (a key, or an array element), or None when not even
/// its first part is (a default value, or a text that is not TOML).
pub fn key_line(text: &str, path: &str) -> Option<u64> {
    let root = DeTable::parse(text).ok()?;
    let mut current: &DeValue = &DeValue::Table(root.into_inner());
    // The owned root above lives only in this frame; walk it by reference.
    let mut line = None;
    for step in steps(path) {
        let next = match (step, current) {
            (Step::Key(key), DeValue::Table(table)) => table
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == key)
                .map(|(k, v)| (k.span().start, v.get_ref())),
            (Step::Index(i), DeValue::Array(items)) => {
                items.get(i).map(|v| (v.span().start, v.get_ref()))
            }
            _ => None,
        };
        match next {
            Some((offset, value)) => {
                line = Some(line_of_offset(text.as_bytes(), offset));
                current = value;
            }
            None => break,
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_key_is_found() {
        let text = "[limits]\ncost_ceiling_gbp = 5\n\n[weights]\ncost_x = 1\ncost = -1\n";
        assert_eq!(key_line(text, "weights.cost"), Some(6));
        assert_eq!(key_line(text, "limits.cost_ceiling_gbp"), Some(2));
        assert_eq!(key_line(text, "weights.distance"), Some(4));
        assert_eq!(key_line(text, "urgency.later"), None);
    }

    #[test]
    fn arrays_and_arrays_of_tables() {
        let text = "[demand]\ncomplexity = [1,\n 2, 3,\n 4]\n\n[[supply.add]]\nkind = 'a'\n\n[[supply.add]]\nkind = 'b'\r\n";
        assert_eq!(key_line(text, "demand.complexity[2]"), Some(3));
        assert_eq!(key_line(text, "supply.add[1].kind"), Some(10));
        assert_eq!(key_line(text, "supply.add[0].kind"), Some(7));
        let dotted = "demand.referrals_per_week = 5\n";
        assert_eq!(key_line(dotted, "demand.referrals_per_week"), Some(1));
    }
}
