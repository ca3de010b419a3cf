//! The headline measures of a set of placements, defined once for both the daily match's
//! summary (`summary.json`, the table) and each replication of a simulation: placed within 20
//! miles, brothers and sisters together, able to keep their school. Each is a count over a
//! count, so that each caller rounds or reports "nothing to divide by" its own way.

use super::location::TWENTY_MILES_KM;
use super::{Child, Location, SiblingGroupId};
use std::collections::BTreeMap;

/// `part` of `whole` children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ratio {
    /// Children who meet the measure.
    pub part: usize,
    /// Children the measure is taken over (the ones it applies to).
    pub whole: usize,
}

impl Ratio {
    /// 100 x part / whole, unrounded; None with nothing to divide by.
    pub fn percent(self) -> Option<f64> {
        (self.whole > 0).then(|| 100.0 * self.part as f64 / self.whole as f64)
    }
}

/// One child's outcome, as the measures see it.
pub struct Placement<'a> {
    /// The child, for its family home, school and sibling group.
    pub child: &'a Child,
    /// Counted as placed (the simulation counts a child placed this run even after the
    /// placement ends).
    pub placed: bool,
    /// The home (an index, to tell homes apart) and where it is, if the child has one.
    pub home: Option<(usize, &'a Location)>,
}

/// The three headline measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Headline {
    /// Of children placed: within 20 miles (32.19 km) of their family home.
    pub within_20_miles: Ratio,
    /// Of placed children in a sibling group of two or more: those whose whole group is placed
    /// in one home.
    pub siblings_together: Ratio,
    /// Of placed children in school: the school within `school_limit_km` of the new home.
    pub kept_school: Ratio,
}

/// The headline measures of `placements` (every child considered, placed or not).
pub fn headline(placements: &[Placement], school_limit_km: f64) -> Headline {
    let mut h = Headline::default();
    // Per sibling group: (members, placed members, the placed members' homes).
    let mut groups: BTreeMap<&SiblingGroupId, (usize, usize, Vec<Option<usize>>)> = BTreeMap::new();
    for p in placements {
        let group = p
            .child
            .sibling_group
            .as_ref()
            .map(|g| groups.entry(g).or_default());
        if let Some(g) = group {
            g.0 += 1;
            if p.placed {
                g.1 += 1;
                g.2.push(p.home.map(|(i, _)| i));
            }
        }
        if !p.placed {
            continue;
        }
        h.within_20_miles.whole += 1;
        let km = |l: &Location| p.home.map(|(_, at)| l.distance_km(at));
        if km(&p.child.home).is_some_and(|d| d <= TWENTY_MILES_KM) {
            h.within_20_miles.part += 1;
        }
        if let Some(school) = &p.child.school {
            h.kept_school.whole += 1;
            if km(&school.location).is_some_and(|d| d <= school_limit_km) {
                h.kept_school.part += 1;
            }
        }
    }
    for (members, placed, homes) in groups.into_values().filter(|g| g.0 > 1) {
        h.siblings_together.whole += placed;
        if placed == members && homes.windows(2).all(|w| w[0] == w[1]) {
            h.siblings_together.part += placed;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, location};
    use crate::model::School;

    #[test]
    fn the_three_measures_by_hand() {
        let near = location("PR2");
        let far = location("CA1");
        let group = |id: &str| {
            let mut c = child();
            c.sibling_group = Some(SiblingGroupId(id.into()));
            c
        };
        let (a1, a2, b1, b2) = (group("A"), group("A"), group("B"), group("B"));
        let mut alone = child();
        alone.school = Some(School {
            location: near.clone(),
            year: 7,
        });
        let placements = [
            // Group A together at home 0, near; group B split (one waits); `alone` far.
            Placement {
                child: &a1,
                placed: true,
                home: Some((0, &near)),
            },
            Placement {
                child: &a2,
                placed: true,
                home: Some((0, &near)),
            },
            Placement {
                child: &b1,
                placed: true,
                home: Some((1, &near)),
            },
            Placement {
                child: &b2,
                placed: false,
                home: None,
            },
            Placement {
                child: &alone,
                placed: true,
                home: Some((2, &far)),
            },
        ];
        let h = headline(&placements, 20.0);
        assert_eq!(h.within_20_miles, Ratio { part: 3, whole: 4 });
        assert_eq!(h.siblings_together, Ratio { part: 2, whole: 3 });
        assert_eq!(h.kept_school, Ratio { part: 0, whole: 1 });
        assert_eq!(Ratio::default().percent(), None);
        assert_eq!(h.within_20_miles.percent(), Some(75.0));
    }
}
