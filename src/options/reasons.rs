//! Why an option is offered, from its score breakdown: the components that count most for it
//! and its drawbacks (over 20 miles, a school change, away from the child's wish, brothers and
//! sisters apart). The breakdown is not kept per pair (a county has millions), so it is worked
//! out again here for the options shown. And why the recommended home is not the child's own
//! best, from the re-solve that gave that home to the child.

use super::{Audience, WhyNotBest};
use crate::criteria::{self, Pair, ScoreBreakdown, components};
use crate::model::location::TWENTY_MILES_KM;
use crate::model::{Child, Dataset, Home, Policy, SiblingPlan};

/// The child's own score breakdown at `home`, as the match scored it: with the whole group
/// for a `together` plan, alone otherwise. None if the home cannot take them.
pub fn breakdown(
    dataset: &Dataset,
    policy: &Policy,
    child: usize,
    home: usize,
) -> Option<ScoreBreakdown> {
    let c = &dataset.children[child];
    let h = &dataset.homes[home];
    match (&c.sibling_group, c.sibling_plan) {
        (Some(_), SiblingPlan::Together) => {
            let members = super::siblings_of(dataset, child);
            let at = members.iter().position(|&m| m == child)?;
            let refs: Vec<&Child> = members.iter().map(|&m| &dataset.children[m]).collect();
            criteria::evaluate(&refs, h, policy).ok()?.get(at).copied()
        }
        _ => criteria::evaluate_single(c, h, policy).ok(),
    }
}

/// The (up to) `n` components that count most in a breakdown: (breakdown index, points),
/// most points first (ties in registry order), only those above 0.
pub fn top_components(score: &ScoreBreakdown, n: usize) -> Vec<(usize, f64)> {
    let mut all: Vec<(usize, f64)> = (0..components().len())
        .map(|i| (i, score.at(i)))
        .filter(|&(_, p)| p > 0.0)
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(n);
    all
}

/// Something about an option the child and the manager should know before choosing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawback {
    /// More than 20 miles (32.19 km) from the family home: the national indicator.
    Over20Miles,
    /// The school is beyond the policy's school travel limit: probably a change of school.
    SchoolChange,
    /// Not in the district the child asked for.
    NotTheirWish,
    /// Not all the brothers and sisters would live there.
    SiblingsApart,
}

impl Drawback {
    /// A short stable name (options.json).
    pub fn code(self) -> &'static str {
        match self {
            Drawback::Over20Miles => "over_20_miles",
            Drawback::SchoolChange => "school_change",
            Drawback::NotTheirWish => "not_their_wish",
            Drawback::SiblingsApart => "siblings_apart",
        }
    }

    /// Words for the young person (no codes, no costs).
    pub fn young_person(self, planned: bool) -> &'static str {
        match self {
            Drawback::Over20Miles => "It is more than 20 miles from your family home.",
            Drawback::SchoolChange => {
                "It is too far to get to your school each day, so you would probably change school."
            }
            Drawback::NotTheirWish => "It is not in the area you asked for.",
            Drawback::SiblingsApart if planned => {
                "Your brothers or sisters would live in another home. This is the plan made for you."
            }
            Drawback::SiblingsApart => "Your brothers or sisters would live in another home.",
        }
    }

    /// Words with figures for managers and social workers.
    pub fn manager(self, child: &Child, home: &Home, policy: &Policy) -> String {
        match self {
            Drawback::Over20Miles => format!(
                "Over 20 miles: {:.0} km from the family home.",
                child.home.distance_km(&home.location)
            ),
            Drawback::SchoolChange => format!(
                "School change likely: {:.0} km from the current school (limit {:.0} km).",
                child
                    .school
                    .as_ref()
                    .map_or(0.0, |s| s.location.distance_km(&home.location)),
                policy.limits.school_travel_limit_km
            ),
            Drawback::NotTheirWish => format!(
                "Not the child's wish: in {}, the child asked for the {} area.",
                home.location.district,
                child
                    .preferred_district
                    .as_ref()
                    .map_or(String::new(), |d| d.to_string())
            ),
            Drawback::SiblingsApart => match child.sibling_plan {
                SiblingPlan::ApartAssessed => {
                    "Siblings apart: the group's assessed plan allows it.".to_string()
                }
                SiblingPlan::Together => "Siblings apart.".to_string(),
            },
        }
    }
}

/// The drawbacks of `home` for `child`; `siblings_with` is how many brothers and sisters
/// would live there too.
pub fn drawbacks(
    dataset: &Dataset,
    policy: &Policy,
    child: usize,
    home: usize,
    siblings_with: usize,
) -> Vec<Drawback> {
    let c = &dataset.children[child];
    let h = &dataset.homes[home];
    let pair = Pair::new(c, h, policy, 1);
    let mut out = Vec::new();
    if pair.distance_km() > TWENTY_MILES_KM {
        out.push(Drawback::Over20Miles);
    }
    if pair
        .school_km()
        .is_some_and(|km| km > policy.limits.school_travel_limit_km)
    {
        out.push(Drawback::SchoolChange);
    }
    if c.preferred_district
        .as_ref()
        .is_some_and(|d| !same_area(&d.0, &h.location.district.0))
    {
        out.push(Drawback::NotTheirWish);
    }
    if let Some(g) = &c.sibling_group {
        let group = dataset
            .children
            .iter()
            .filter(|o| o.sibling_group.as_ref() == Some(g))
            .count();
        if siblings_with + 1 < group {
            out.push(Drawback::SiblingsApart);
        }
    }
    out
}

/// The same district, or two districts of one named area (LA1 and LA2 are both Lancaster):
/// what a child asking for "Lancaster" means.
pub fn same_area(a: &str, b: &str) -> bool {
    let name = crate::io::postcodes::area_name;
    a == b || name(a).is_some_and(|x| name(b) == Some(x))
}

/// Ids of children, with their sibling group where they have one: `C0041 (sibling group S004)`.
fn named(dataset: &Dataset, children: &[usize]) -> String {
    let names: Vec<String> = children
        .iter()
        .map(|&d| {
            let c = &dataset.children[d];
            match &c.sibling_group {
                Some(g) => format!("{} (sibling group {g})", c.id),
                None => c.id.to_string(),
            }
        })
        .collect();
    names.join(", ")
}

/// Why the recommended home is not the child's best, for managers (ids and figures) and
/// for the young person (no ids), as (manager, young person).
pub fn why_not_best_words(
    dataset: &Dataset,
    child: usize,
    why: &WhyNotBest,
    recommended_score: f64,
) -> (String, String) {
    let home = &dataset.homes[why.home];
    let head = format!(
        "Not the child's top-scoring home: {} scores {:.2} against {:.2} here",
        home.id, why.score, recommended_score
    );
    if !why.possible {
        return (
            format!("{head}, but no match within the weekly budget can give it."),
            "There is a home that might suit you a little better, but the council cannot pay for it as well as the homes other children need.".to_string(),
        );
    }
    let moved: Vec<usize> = why
        .protects
        .iter()
        .copied()
        .filter(|d| !why.left_waiting.contains(d))
        .collect();
    let mut parts = Vec::new();
    if !moved.is_empty() {
        parts.push(format!(
            "choosing it would move {} from their recommended home",
            named(dataset, &moved)
        ));
    }
    if !why.left_waiting.is_empty() {
        parts.push(format!(
            "choosing it would leave {} with no home today",
            named(dataset, &why.left_waiting)
        ));
    }
    if parts.is_empty() {
        // Nobody else moves: what it protects is the child's own sibling group together
        // (an assessed group may live apart, at a split penalty), or the match's score.
        parts.push(match &dataset.children[child].sibling_group {
            Some(g) => format!("choosing it would split sibling group {g}"),
            None => "the rest of the match would score lower".to_string(),
        });
    }
    (
        format!(
            "{head}, but {} (system cost {:.2}).",
            parts.join(", and "),
            why.system_cost
        ),
        "There is a home that might suit you a little better, but another child needs it more."
            .to_string(),
    )
}

/// The reasons for one option, for one reader: the (up to) three components that count most
/// for it, in their criterion's words (managers also get the points), then its drawbacks.
pub fn option_reasons(
    dataset: &Dataset,
    policy: &Policy,
    child: usize,
    home: usize,
    siblings_with: usize,
    audience: Audience,
) -> Vec<String> {
    let c = &dataset.children[child];
    let h = &dataset.homes[home];
    let pair = Pair::new(c, h, policy, 1);
    let mut out = Vec::new();
    if let Some(score) = breakdown(dataset, policy, child, home) {
        for (i, points) in top_components(&score, 3) {
            let component = components()[i];
            out.push(match audience {
                Audience::YoungPerson => (component.young_person)(&pair),
                Audience::Manager => format!(
                    "{} (+{points:.2} for {})",
                    (component.manager)(&pair),
                    component.key
                ),
            });
        }
    }
    let planned = c.sibling_plan == SiblingPlan::ApartAssessed;
    for d in drawbacks(dataset, policy, child, home, siblings_with) {
        out.push(match audience {
            Audience::YoungPerson => d.young_person(planned).to_string(),
            Audience::Manager => d.manager(c, h, policy),
        });
    }
    out
}
