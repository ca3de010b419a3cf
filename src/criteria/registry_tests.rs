//! The registry's promises: every criterion describes itself fully, and the policy file, the
//! docs and the input columns agree with what the criteria declare.

use super::test_support::{child, home, policy};
use super::{CRITERIA, MAX_COMPONENTS, Pair, components};
use crate::model::Weights;
use std::collections::BTreeSet;

fn policy_toml_weights() -> toml::Table {
    let text = std::fs::read_to_string("data/lancashire/policy.toml").expect("bundled policy");
    let doc: toml::Table = text.parse().expect("bundled policy is TOML");
    doc["weights"]
        .as_table()
        .expect("a [weights] table")
        .clone()
}

#[test]
fn every_component_has_a_unique_weight_key_a_default_and_words_for_both_readers() {
    let (p, c, h) = (policy(), child(), home());
    let pair = Pair::new(&c, &h, &p, 1);
    let listed = policy_toml_weights();
    let defaults = Weights::default();
    let mut keys = BTreeSet::new();
    let mut weight_keys = BTreeSet::new();
    assert!(components().len() <= MAX_COMPONENTS);
    for component in components() {
        assert!(keys.insert(component.key), "{} twice", component.key);
        assert!(
            weight_keys.insert(component.weight_key),
            "{} twice",
            component.weight_key
        );
        let w = component.default_weight;
        assert!(w.is_finite() && w >= 0.0, "{}: default {w}", component.key);
        assert_eq!(defaults.get(component.weight_key), Some(w));
        assert_eq!(
            listed
                .get(component.weight_key)
                .and_then(toml::Value::as_float),
            Some(w),
            "{} in data/lancashire/policy.toml with its default",
            component.weight_key
        );
        assert!(!component.rewards.is_empty(), "{}", component.key);
        let young = (component.young_person)(&pair);
        let manager = (component.manager)(&pair);
        assert!(
            young.ends_with('.') && manager.ends_with('.'),
            "{young} / {manager}"
        );
        assert!(
            !young.contains('£'),
            "no money on the young person's sheet: {young}"
        );
    }
    // Nothing in [weights] that no component (or the split penalty) declares.
    for key in listed.keys() {
        assert!(Weights::keys().contains(&key.as_str()), "{key}");
    }
}

#[test]
fn every_criterion_is_documented_and_reads_real_columns() {
    let docs = std::fs::read_to_string("docs/matching.md").expect("docs/matching.md");
    let mut names = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for criterion in CRITERIA {
        let spec = criterion.spec();
        assert!(names.insert(spec.name), "{} twice", spec.name);
        assert!(
            docs.contains(&format!("| `{}` |", spec.name)),
            "docs/matching.md has no row for `{}`",
            spec.name
        );
        assert!(
            !spec.components.is_empty() || !spec.rejections.is_empty(),
            "{} neither rules nor scores",
            spec.name
        );
        assert_eq!(
            spec.rule.is_empty(),
            spec.rejections.is_empty(),
            "{}",
            spec.name
        );
        for rejection in spec.rejections {
            assert!(codes.insert(rejection.code), "{} twice", rejection.code);
            assert!(!rejection.words.is_empty());
        }
        assert!(!spec.reads.is_empty(), "{}", spec.name);
        for column in spec.reads {
            let known = match column.split_once('.') {
                Some(("children", c)) => crate::io::CHILD_COLUMNS.iter().any(|s| s.name == c),
                Some(("homes", c)) => crate::io::HOME_COLUMNS.iter().any(|s| s.name == c),
                Some(("residents", c)) => crate::io::RESIDENT_COLUMNS.iter().any(|s| s.name == c),
                _ => false,
            };
            assert!(known, "{}: {column} is not an input column", spec.name);
        }
    }
}
