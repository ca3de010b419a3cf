//! Culture, faith and language: due consideration of the child's religious persuasion and
//! cultural and linguistic background (Children Act 1989 s22(5)(c)). Rule: a child whose main
//! language is British Sign Language goes only to a home where BSL is used, since a child who
//! cannot be understood at home cannot be kept safe or heard. Score: the child's main language
//! spoken in the home; the same faith as the child's where they have one. Languages and faiths
//! are compared case-insensitively, ignoring surrounding spaces (trimmed on loading); blank
//! columns mean "not known" and neither rule out nor score.

use super::{ComponentSpec, Criterion, Pair, Points, Reason, ReasonColumn, Rejection, Said, Spec};

pub struct Culture;

pub static BSL: Rejection = Rejection {
    code: "bsl",
    column: ReasonColumn::Needs,
    words: "the child's main language is British Sign Language and nobody in the home signs",
};

static SPEC: Spec = Spec {
    name: "culture",
    rule: "a child whose main language is `BSL` goes only to a home whose languages include \
           `BSL`: a child must be able to communicate with the people caring for them",
    rejections: &[&BSL],
    components: &[
        ComponentSpec {
            key: "language",
            weight_key: "language",
            default_weight: 1.0,
            rewards: "the child's main language spoken in the home",
            young_person: |p| {
                let language = language_words(main_language(p).unwrap_or_default());
                if p.home.kind.is_family() {
                    format!("The family speaks {language}, like you.")
                } else {
                    format!("People there speak {language}, like you.")
                }
            },
            manager: |p| {
                format!(
                    "Speaks the child's main language ({}).",
                    language_words(main_language(p).unwrap_or_default())
                )
            },
            said: Said::AsReason,
        },
        ComponentSpec {
            key: "faith",
            weight_key: "faith",
            default_weight: 1.0,
            rewards: "the same faith as the child's, where the child has one",
            young_person: |p| {
                let faith = p.child.faith.as_deref().unwrap_or_default();
                if p.home.kind.is_family() {
                    format!("The family shares your faith ({faith}).")
                } else {
                    format!("The home shares your faith ({faith}).")
                }
            },
            manager: |p| {
                format!(
                    "Same faith as the child ({}).",
                    p.child.faith.as_deref().unwrap_or_default()
                )
            },
            said: Said::AsReason,
        },
    ],
    reads: &[
        "children.languages",
        "children.faith",
        "homes.languages",
        "homes.faith",
    ],
};

/// The code for British Sign Language in the `languages` columns.
const BSL_CODE: &str = "BSL";

/// Equal ignoring case (the columns are trimmed on loading).
fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
}

fn main_language<'a>(pair: &Pair<'a>) -> Option<&'a str> {
    pair.child.languages.first().map(String::as_str)
}

fn home_speaks(pair: &Pair, language: &str) -> bool {
    pair.home.languages.iter().any(|l| same(l, language))
}

/// A language in words: `BSL` spelt out.
fn language_words(language: &str) -> &str {
    if same(language, BSL_CODE) {
        "British Sign Language"
    } else {
        language
    }
}

impl Criterion for Culture {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        match main_language(pair) {
            Some(main) if same(main, BSL_CODE) && !home_speaks(pair, BSL_CODE) => Err(&BSL),
            _ => Ok(()),
        }
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        if let Some(main) = main_language(pair) {
            points.set(0, if home_speaks(pair, main) { 1.0 } else { 0.0 });
        }
        if let (Some(child), Some(home)) = (&pair.child.faith, &pair.home.faith) {
            points.set(1, if same(child, home) { 1.0 } else { 0.0 });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy, scored};
    use crate::model::HomeKind;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_child_who_signs_goes_only_to_a_home_that_signs() {
        let p = policy();
        let (mut c, mut h) = (child(), home());
        c.languages = words(&["bsl", "English"]);
        h.languages = words(&["English"]);
        assert_eq!(Culture.rule(&Pair::new(&c, &h, &p, 1)), Err(&BSL));
        assert_eq!(
            crate::criteria::evaluate_single(&c, &h, &p),
            Err(&BSL),
            "the registry checks it"
        );
        h.languages = words(&["English", "Bsl"]);
        assert_eq!(Culture.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
        // BSL as a second language does not restrict the child.
        c.languages = words(&["English", "BSL"]);
        h.languages = words(&["English"]);
        assert_eq!(Culture.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
        // Not known: no restriction.
        c.languages.clear();
        h.languages.clear();
        assert_eq!(Culture.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }

    #[test]
    fn main_language_and_faith_score_their_weights_by_hand() {
        let p = policy();
        let (mut c, mut h) = (child(), home());
        let w = |key| p.weights.get(key).expect("registered");
        // Urdu is the main language; the home speaks it (written differently).
        c.languages = words(&["Urdu", "English"]);
        h.languages = words(&["English", "URDU"]);
        c.faith = Some("Muslim".into());
        h.faith = Some("muslim".into());
        let s = scored(&c, &h, &p);
        assert_eq!(s.get("language"), w("language"));
        assert_eq!(s.get("faith"), w("faith"));
        // The second language spoken is not the main one: no language points.
        h.languages = words(&["English"]);
        h.faith = Some("Catholic".into());
        let s = scored(&c, &h, &p);
        assert_eq!((s.get("language"), s.get("faith")), (0.0, 0.0));
        // No faith recorded for the child: no faith points, whatever the home's.
        c.faith = None;
        h.faith = Some("Muslim".into());
        assert_eq!(scored(&c, &h, &p).get("faith"), 0.0);
    }

    #[test]
    fn the_words_name_the_language_for_both_readers() {
        let p = policy();
        let (mut c, mut h) = (child(), home());
        c.languages = words(&["Urdu"]);
        h.languages = words(&["urdu"]);
        let pair = Pair::new(&c, &h, &p, 1);
        let [language, _] = SPEC.components else {
            panic!("two components")
        };
        assert_eq!(
            (language.young_person)(&pair),
            "The family speaks Urdu, like you."
        );
        assert_eq!(
            (language.manager)(&pair),
            "Speaks the child's main language (Urdu)."
        );
        h.kind = HomeKind::ChildrensHome;
        c.languages = words(&["BSL"]);
        let pair = Pair::new(&c, &h, &p, 1);
        assert_eq!(
            (language.young_person)(&pair),
            "People there speak British Sign Language, like you."
        );
    }

    #[test]
    fn non_ascii_names_compare_without_case() {
        assert!(same("Português", "PORTUGUÊS"));
        assert!(!same("Polish", "Punjabi"));
    }
}
