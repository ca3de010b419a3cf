//! Cleaning a return's episodes after several years' files are merged: the same episode in two
//! years counts once, overlapping episodes of one child are cut at the next start, and episodes
//! that change only the legal status (same PLACE and PLACE_PROVIDER, starting the day the
//! previous one ends) are joined into one placement. Each step counts the rows it touched.

use super::date::Date;
use super::read::EpisodeRow;
use serde::Serialize;

/// One child's time in one placement, after cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Episode {
    /// CHILD: the child's pseudonymous id.
    pub child: String,
    /// DECOM: the day the episode began.
    pub start: Date,
    /// The day the episode ended (the child is no longer in it on that day); open if `None`.
    pub end: Option<Date>,
    /// RNE: why the episode began (S started care, L legal status only, P/T/U/B a move).
    pub rne: String,
    /// PLACE: the placement type code.
    pub place: String,
    /// PLACE_PROVIDER (PR0-PR5; blank where the DfE allows).
    pub provider: String,
    /// REC: why it ended (X1: a new episode began the same day); blank while open.
    pub reason_ceased: String,
    /// HOME_POST: the postcode the child came from.
    pub home_post: String,
    /// PL_POST: the placement's postcode.
    pub placement_post: String,
}

/// How many rows each cleaning step touched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cleaning {
    /// Rows read from every file.
    pub rows_read: usize,
    /// Rows dropped as the same episode (child and start date) in another year's file.
    pub duplicates_dropped: usize,
    /// Episodes whose end was moved back to the next episode's start (or that were open).
    pub overlaps_cut: usize,
    /// Episodes joined into the one before them (legal status changed, placement the same).
    pub legal_status_joined: usize,
    /// Episodes left.
    pub episodes: usize,
}

/// Clean `rows` (any order). The result is sorted by child, then start.
pub fn clean(mut rows: Vec<EpisodeRow>) -> (Vec<Episode>, Cleaning) {
    let mut report = Cleaning {
        rows_read: rows.len(),
        ..Cleaning::default()
    };
    // Same child and start: one episode. The latest year's file wins (it may have closed an
    // episode that was open a year before); within a file, the last row wins.
    rows.sort_by(|a, b| {
        (&a.child, a.start, a.file_order, a.line).cmp(&(&b.child, b.start, b.file_order, b.line))
    });
    let mut unique: Vec<EpisodeRow> = Vec::with_capacity(rows.len());
    for row in rows {
        match unique.last_mut() {
            Some(last) if last.child == row.child && last.start == row.start => {
                report.duplicates_dropped += 1;
                *last = row;
            }
            _ => unique.push(row),
        }
    }
    let mut episodes: Vec<Episode> = unique
        .into_iter()
        .map(|r| Episode {
            child: r.child,
            start: r.start,
            end: r.end,
            rne: r.rne,
            place: r.place,
            provider: r.provider,
            reason_ceased: r.reason_ceased,
            home_post: r.home_post,
            placement_post: r.placement_post,
        })
        .collect();
    // Overlaps: an episode still open (or ending later) when the child's next one starts is
    // cut at that start. Starts are distinct per child after the step above.
    for i in 1..episodes.len() {
        let (head, tail) = episodes.split_at_mut(i);
        let (prev, next) = (&mut head[i - 1], &tail[0]);
        if prev.child == next.child && prev.end.is_none_or(|end| end > next.start) {
            prev.end = Some(next.start);
            if prev.reason_ceased.is_empty() {
                prev.reason_ceased = "X1".to_string();
            }
            report.overlaps_cut += 1;
        }
    }
    // Legal status only: the next episode starts the day this one ends, in the same placement.
    let mut joined: Vec<Episode> = Vec::with_capacity(episodes.len());
    for e in episodes {
        match joined.last_mut() {
            Some(last)
                if last.child == e.child
                    && last.end == Some(e.start)
                    && last.place == e.place
                    && last.provider == e.provider
                    && last.placement_post == e.placement_post =>
            {
                last.end = e.end;
                last.reason_ceased = e.reason_ceased;
                report.legal_status_joined += 1;
            }
            _ => joined.push(e),
        }
    }
    report.episodes = joined.len();
    (joined, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("test date")
    }

    fn row(
        child: &str,
        start: &str,
        end: Option<&str>,
        place: &str,
        file_order: usize,
    ) -> EpisodeRow {
        EpisodeRow {
            child: child.to_string(),
            start: d(start),
            end: end.map(d),
            rne: "P".to_string(),
            legal_status: "C2".to_string(),
            place: place.to_string(),
            provider: "PR1".to_string(),
            reason_ceased: if end.is_some() {
                "X1".to_string()
            } else {
                String::new()
            },
            home_post: String::new(),
            placement_post: String::new(),
            file_order,
            line: 2,
        }
    }

    #[test]
    fn the_same_episode_in_two_years_counts_once_and_the_later_year_wins() {
        let rows = vec![
            row("A", "2023-01-10", None, "U4", 0),
            row("A", "2023-01-10", Some("2024-02-01"), "U4", 1),
        ];
        let (eps, report) = clean(rows);
        assert_eq!(report.duplicates_dropped, 1);
        assert_eq!(eps.len(), 1);
        assert_eq!(eps[0].end, Some(d("2024-02-01")));
    }

    #[test]
    fn an_overlapping_episode_is_cut_at_the_next_start() {
        let rows = vec![
            row("A", "2023-01-10", Some("2023-06-01"), "U4", 0),
            row("A", "2023-05-01", None, "K2", 0),
            row("B", "2023-01-10", None, "U4", 0),
        ];
        let (eps, report) = clean(rows);
        assert_eq!(report.overlaps_cut, 1);
        assert_eq!(eps[0].end, Some(d("2023-05-01")));
        // Another child's episode is not the next one: B stays open.
        assert_eq!(eps[2].end, None);
    }

    #[test]
    fn an_open_episode_followed_by_another_is_closed_at_its_start() {
        let rows = vec![
            row("A", "2023-01-10", None, "U4", 0),
            row("A", "2023-03-01", None, "K2", 0),
        ];
        let (eps, report) = clean(rows);
        assert_eq!(report.overlaps_cut, 1);
        assert_eq!(eps[0].end, Some(d("2023-03-01")));
    }

    #[test]
    fn legal_status_changes_in_one_placement_are_joined() {
        let mut second = row("A", "2023-03-01", None, "U4", 0);
        second.legal_status = "C1".to_string();
        second.rne = "L".to_string();
        let rows = vec![row("A", "2023-01-10", Some("2023-03-01"), "U4", 0), second];
        let (eps, report) = clean(rows);
        assert_eq!(report.legal_status_joined, 1);
        assert_eq!(eps.len(), 1);
        assert_eq!((eps[0].start, eps[0].end), (d("2023-01-10"), None));
    }

    #[test]
    fn a_move_or_a_gap_is_not_joined() {
        let rows = vec![
            row("A", "2023-01-10", Some("2023-03-01"), "U4", 0),
            row("A", "2023-03-01", Some("2023-04-01"), "K2", 0),
            // Back in care after a gap, in the same kind of placement: a new placement.
            row("A", "2023-05-01", None, "K2", 0),
        ];
        let (eps, report) = clean(rows);
        assert_eq!(report.legal_status_joined, 0);
        assert_eq!(eps.len(), 3);
        assert_eq!(report.rows_read, 3);
        assert_eq!(report.episodes, 3);
    }
}
