//! The young person's sheet, in words: the reference line that keeps printed sheets apart,
//! brothers and sisters, the child's own wish, and who the sheet speaks to (a child too young
//! to read gets a sheet for their carers and social worker). Short sentences and short words:
//! the sheets are tested to read at or below Flesch-Kincaid grade 5.

use crate::model::{Dataset, SiblingPlan};

/// Children younger than this are not expected to read their sheet: it is addressed to the
/// adults who will read it with them (years; an assumption, most children read simple text
/// by 7 or 8).
pub const READING_AGE: u32 = 8;

/// Today's date as `2 December 2026` (UTC), or the one `SOURCE_DATE_EPOCH` gives, so that a
/// rerun can reproduce a sheet byte for byte.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{d} {} {y}", MONTHS[(m - 1) as usize])
}

/// Howard Hinnant's civil_from_days: (year, month 1-12, day 1-31) of a day number.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// What the sheet says about brothers and sisters (None for a child without any in the
/// referral): together, apart as planned, or still looking for a home for all of them.
pub fn siblings_line(
    dataset: &Dataset,
    placements: &[Option<usize>],
    child: usize,
) -> Option<String> {
    let c = &dataset.children[child];
    let g = c.sibling_group.as_ref()?;
    let others: Vec<usize> = (0..dataset.children.len())
        .filter(|&o| o != child && dataset.children[o].sibling_group.as_ref() == Some(g))
        .collect();
    if others.is_empty() {
        return None;
    }
    let one = others.len() == 1;
    let them = if one {
        "your brother or sister"
    } else {
        "your brothers and sisters"
    };
    let mine = placements[child];
    let with_me = others
        .iter()
        .filter(|&&o| mine.is_some() && placements[o] == mine)
        .count();
    Some(match (mine, c.sibling_plan) {
        (Some(_), _) if with_me == others.len() => {
            format!("The suggested home has room for you and {them}, so you can stay together.")
        }
        (_, SiblingPlan::ApartAssessed) => format!(
            "The plan made for you is that you and {them} can live in different homes. Your social worker will talk with you about how you will see each other."
        ),
        (None, SiblingPlan::Together) => format!(
            "We want you and {them} to live together. We are still looking for a home with room for all of you."
        ),
        (Some(_), SiblingPlan::Together) => format!(
            "We want you and {them} to live together. Your social worker will talk with you about it."
        ),
    })
}

/// The child's wish (a preferred area), said back to them, and whether the suggested home
/// meets it.
pub fn wish_line(dataset: &Dataset, placements: &[Option<usize>], child: usize) -> Option<String> {
    let c = &dataset.children[child];
    let wish = c.preferred_district.as_ref()?;
    let area = crate::io::postcodes::area_name(&wish.0)
        .map_or_else(|| format!("near {wish}"), |a| format!("in the {a} area"));
    let asked = format!("You told us you would like to live {area}.");
    Some(match placements[child] {
        Some(h) if crate::options::same_area(&wish.0, &dataset.homes[h].location.district.0) => {
            format!("{asked} The suggested home is there.")
        }
        Some(_) => format!(
            "{asked} We could not find a home there that is right for you today. Your social worker will tell you why."
        ),
        None => format!("{asked} We will look there first."),
    })
}

/// The sheet's title and the words under it: to the child, or to the adults of a child too
/// young to read.
pub fn heading(age: u32) -> (&'static str, &'static str) {
    if age < READING_AGE {
        (
            "Options for a new home: for the carers and social worker",
            "This child is too young to read this sheet. Please share it with them in a way that suits their age. Where it says \"you\", it means the child.",
        )
    } else {
        (
            "Your options for a new home",
            "These are the homes that could be right for you. Your social worker will talk them through with you. Where it is possible, you can visit a home before you choose. What you think matters.",
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn day_numbers_are_calendar_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_789), (2026, 12, 2));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
