//! Escaping every output for its reader: spreadsheet cells that would run as formulas, control
//! characters that would drive a terminal, and negative zeros that would puzzle a reader.
//! (HTML and SVG are escaped by the template engine, see `html::environment`.)

use std::borrow::Cow;

/// A CSV text cell made safe to open in a spreadsheet, as OWASP recommends for CSV injection:
/// a cell beginning with `=`, `+`, `-`, `@`, tab or carriage return gets a leading single
/// quote (`'`) so that Excel, LibreOffice and Sheets show it as text instead of evaluating it.
/// Numbers stay numbers: `-0.5` or `+3` is written as it is.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if !is_plain_number(text) => {
            Cow::Owned(format!("'{text}"))
        }
        _ => Cow::Borrowed(text),
    }
}

/// A decimal number as a spreadsheet reads one: optional sign, digits with an optional
/// point, optional exponent (no `inf`, `nan` or hex, which a spreadsheet would not take).
fn is_plain_number(text: &str) -> bool {
    let s = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// `x` to `places` decimals, never as a negative zero (`-0.00` is written `0.00`): a tiny
/// negative rounding error or an empty sum must not read as a loss.
pub fn fixed(x: f64, places: usize) -> String {
    let text = format!("{x:.places$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => text,
    }
}

/// `x` with a negative zero made positive (for JSON, which would print `-0.0`).
pub fn no_negative_zero(x: f64) -> f64 {
    // -0.0 + 0.0 is +0.0; every other value is unchanged.
    x + 0.0
}

/// How [`terminal_safe`] spells a character it will not print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// Rust's `\u{1b}`, for tables and messages meant for people.
    Rust,
    /// JSON's `\u001b`, so that escaped JSON still parses to the same text.
    Json,
}

/// Text made safe to print on a terminal: control characters (C0 apart from newline and tab,
/// DEL, C1) and the bidirectional overrides that reorder what is shown (U+202A-U+202E,
/// U+2066-U+2069, U+200E, U+200F, U+061C) are shown as visible escapes instead of being
/// obeyed. Text without them comes back unchanged.
pub fn terminal_safe(text: &str, spelling: Spelling) -> Cow<'_, str> {
    if !text.chars().any(unsafe_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        if unsafe_on_terminal(ch) {
            match spelling {
                Spelling::Rust => out.push_str(&format!("\\u{{{:x}}}", ch as u32)),
                Spelling::Json => out.push_str(&format!("\\u{:04x}", ch as u32)),
            }
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

fn unsafe_on_terminal(ch: char) -> bool {
    (ch.is_control() && ch != '\n' && ch != '\t')
        || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// A CSV file being written in memory, every cell passed through [`csv_cell`].
pub(crate) struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvOut {
    pub(crate) fn new() -> Self {
        CsvOut {
            writer: csv::Writer::from_writer(Vec::new()),
        }
    }

    /// One row; text cells that would run as formulas are neutralised.
    pub(crate) fn row<I, S>(&mut self, cells: I) -> crate::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| csv_cell(c.as_ref()).into_owned())
            .collect();
        self.writer
            .write_record(&cells)
            .map_err(|e| crate::Error::Solver(format!("formatting CSV: {e}")))
    }

    /// The file's bytes.
    pub(crate) fn finish(self) -> crate::Result<Vec<u8>> {
        self.writer
            .into_inner()
            .map_err(|e| crate::Error::Solver(format!("formatting CSV: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for hostile in [
            "=HYPERLINK(\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-",
            "-inf",
            "+nan",
        ] {
            assert_eq!(csv_cell(hostile), format!("'{hostile}"), "{hostile:?}");
        }
        for number in ["-0.5", "+3", "-1e-5", "-12.", "-.5", "0.25"] {
            assert_eq!(csv_cell(number), number);
        }
        for plain in ["C0001", "", "a=b", "x-1"] {
            assert_eq!(csv_cell(plain), plain);
        }
    }

    #[test]
    fn no_negative_zero_is_written() {
        assert_eq!(fixed(-0.0, 2), "0.00");
        assert_eq!(fixed(-0.0001, 2), "0.00");
        assert_eq!(fixed(-0.5, 2), "-0.50");
        assert_eq!(fixed(2.71239, 4), "2.7124");
        assert_eq!(no_negative_zero(-0.0).to_string(), "0");
        assert_eq!(no_negative_zero(-2.5), -2.5);
    }

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(terminal_safe("a\u{1b}[2Jb", Spelling::Rust), "a\\u{1b}[2Jb");
        assert_eq!(terminal_safe("x\u{202e}y", Spelling::Json), "x\\u202ey");
        assert_eq!(
            terminal_safe("line\n\tnext", Spelling::Rust),
            "line\n\tnext"
        );
        assert_eq!(
            terminal_safe("\u{7f}\u{85}\r", Spelling::Rust),
            "\\u{7f}\\u{85}\\u{d}"
        );
    }
}
