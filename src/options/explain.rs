//! Plain words for an option: what the home is like, how far it is from family and school,
//! and why it is suggested. The young person's version speaks to them ("you"), has no costs,
//! codes or abbreviations; the manager's adds the cost and the inspection grade's code.

use crate::criteria::{Pair, Said, components, evaluate_single};
use crate::model::{Child, Home, HomeKind, Ofsted, Policy};

/// Whom an option's words are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The child or young person: speaks to them, no costs, codes or abbreviations.
    YoungPerson,
    /// Managers and social workers: adds the weekly cost and the Ofsted grade's code.
    Manager,
}

fn distance_words(km: f64) -> String {
    if km < 1.0 {
        "less than 1 km".to_string()
    } else {
        format!("about {km:.0} km")
    }
}

/// What kind of home it is, in words a 12-year-old can read.
pub fn kind_words(kind: HomeKind) -> &'static str {
    match kind {
        HomeKind::FosterInhouse | HomeKind::FosterAgency => "a foster family",
        HomeKind::FosterEnhanced => "a foster family with extra support",
        HomeKind::ChildrensHome => {
            "a children's home, with staff who look after a few young people"
        }
        HomeKind::Supported16Plus => {
            "a home for young people aged 16 and over, with staff to help you"
        }
    }
}

fn ofsted_words(ofsted: Ofsted) -> &'static str {
    match ofsted {
        Ofsted::Outstanding => "inspectors rated it outstanding",
        Ofsted::Good => "inspectors rated it good",
        Ofsted::RequiresImprovement => "inspectors said it needs to improve",
        Ofsted::Inadequate => "inspectors rated it inadequate",
        Ofsted::NotInspected => "it has not been inspected yet",
    }
}

/// Sentences describing `home` for `child`. `siblings_with` is how many brothers and sisters
/// would live there too.
pub fn explain(
    child: &Child,
    home: &Home,
    policy: &Policy,
    siblings_with: usize,
    audience: Audience,
) -> Vec<String> {
    let you = audience == Audience::YoungPerson;
    let mut out = Vec::new();
    out.push(if you {
        format!("It is {}.", kind_words(home.kind))
    } else {
        format!("{}.", capitalise(kind_words(home.kind)))
    });
    if let Some(area) = crate::io::postcodes::area_name(&home.location.district.0) {
        out.push(format!(
            "{} the {area} area.",
            if you { "It is in" } else { "In" }
        ));
    }
    let family_km = child.home.distance_km(&home.location);
    out.push(if you {
        format!("It is {} from your family home.", distance_words(family_km))
    } else {
        format!(
            "{} from the family home.",
            capitalise(&distance_words(family_km))
        )
    });
    if let Some(school) = &child.school {
        let km = school.location.distance_km(&home.location);
        let limit = policy.limits.school_travel_limit_km;
        let stay = km <= limit;
        // One threshold, and figures that never cross it: a school within the limit is
        // rounded down, one beyond it up, so "about 20 km" is never both.
        let shown = if stay { km.floor() } else { km.ceil() };
        let words = if stay && km < 1.0 {
            distance_words(km)
        } else {
            format!("about {shown:.0} km")
        };
        out.push(match (you, stay) {
            (true, true) => {
                format!("It is {words} from your school, so you could stay at your school.")
            }
            (true, false) => format!("It is {words} from your school."),
            (false, true) => format!(
                "{} from the current school: within the {limit:.0} km school travel limit.",
                capitalise(&words)
            ),
            (false, false) => format!(
                "{} from the current school: beyond the {limit:.0} km school travel limit.",
                capitalise(&words)
            ),
        });
    }
    if siblings_with > 0 {
        out.push(match (you, siblings_with) {
            (true, 1) => "You would live with your brother or sister.".to_string(),
            (true, _) => "You would live with your brothers and sisters.".to_string(),
            (false, n) => format!("Keeps the sibling group together ({} children).", n + 1),
        });
    }
    // Why it is suggested: each scoring component whose words are said as a reason, in
    // the registry's order, in the words its criterion declares.
    if let Ok(score) = evaluate_single(child, home, policy) {
        let pair = Pair::new(child, home, policy, 1);
        for (i, component) in components().iter().enumerate() {
            if component.said == Said::AsReason && score.at(i) > 0.0 {
                out.push(if you {
                    (component.young_person)(&pair)
                } else {
                    (component.manager)(&pair)
                });
            }
        }
    }
    out.push(format!("{}.", capitalise(ofsted_words(home.ofsted))));
    if !you {
        out.push(format!(
            "{}; weekly cost £{:.0}.",
            if home.in_house {
                "Council's own"
            } else {
                "External provider"
            },
            home.weekly_cost
        ));
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + chars.as_str()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, location, policy};
    use crate::model::School;

    #[test]
    fn the_young_persons_words_have_no_cost_and_speak_to_them() {
        let p = policy();
        let mut c = child();
        c.school = Some(School {
            location: location("PR2"),
            year: 7,
        });
        let h = home();
        let words = explain(&c, &h, &p, 1, Audience::YoungPerson).join(" ");
        assert!(words.contains("your family home"), "{words}");
        assert!(words.contains("you could stay at your school"), "{words}");
        assert!(words.contains("brother or sister"), "{words}");
        assert!(!words.contains('£') && !words.contains("cost"), "{words}");
        let manager = explain(&c, &h, &p, 1, Audience::Manager).join(" ");
        assert!(manager.contains("£600"), "{manager}");
    }

    #[test]
    fn a_new_criterions_words_are_said_from_its_declaration() {
        let p = policy();
        let (mut c, mut h) = (child(), home());
        c.languages = vec!["Urdu".into(), "English".into()];
        h.languages = vec!["English".into(), "Urdu".into()];
        c.faith = Some("Muslim".into());
        h.faith = Some("Muslim".into());
        let words = explain(&c, &h, &p, 0, Audience::YoungPerson);
        assert!(
            words.contains(&"The family speaks Urdu, like you.".to_string()),
            "{words:?}"
        );
        assert!(
            words.contains(&"The family shares your faith (Muslim).".to_string()),
            "{words:?}"
        );
        let manager = explain(&c, &h, &p, 0, Audience::Manager);
        assert!(
            manager.contains(&"Speaks the child's main language (Urdu).".to_string()),
            "{manager:?}"
        );
        // At weight 0 the component does not score, so it is not given as a reason.
        let mut quiet = p.clone();
        quiet.weights.set("language", 0.0);
        let words = explain(&c, &h, &quiet, 0, Audience::YoungPerson).join(" ");
        assert!(!words.contains("speaks Urdu"), "{words}");
    }
}
