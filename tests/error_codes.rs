//! docs/errors.md lists every problem code the program can emit, and no other; and
//! `validate --format json` gives every problem with its documented fields.

use assert_cmd::Command;
use righthome::error::Code;
use std::collections::BTreeSet;

#[test]
fn docs_errors_md_lists_exactly_the_codes() {
    let docs = std::fs::read_to_string("docs/errors.md").expect("docs/errors.md");
    let documented: Vec<String> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("| E"))
        .map(|rest| format!("E{}", rest.split(' ').next().unwrap_or("")))
        .collect();
    let unique: BTreeSet<&String> = documented.iter().collect();
    assert_eq!(unique.len(), documented.len(), "a code documented twice");
    let emitted: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
    let emitted_set: BTreeSet<&String> = emitted.iter().collect();
    assert_eq!(
        emitted_set.len(),
        emitted.len(),
        "a code in Code::ALL twice"
    );
    assert_eq!(
        documented, emitted,
        "docs/errors.md against Code::ALL, in order"
    );
    for code in Code::ALL {
        assert!(!code.action().is_empty(), "{code:?} has an action");
    }
}

/// Every variant is in `Code::ALL`: this match is exhaustive, so a new variant fails to
/// compile here until it is added below and (the assertion) to `ALL`.
#[test]
fn code_all_holds_every_variant() {
    let position = |c: Code| Code::ALL.iter().position(|&a| a == c);
    for c in [
        Code::FileUnreadable,
        Code::NotUtf8,
        Code::FieldCount,
        Code::MissingColumn,
        Code::UnknownColumn,
        Code::DuplicateColumn,
        Code::EmptyFile,
        Code::NotRegularFile,
        Code::FileTooLarge,
        Code::MissingValue,
        Code::WrongType,
        Code::OutOfRange,
        Code::UnknownValue,
        Code::UnknownNeedTag,
        Code::UnknownPostcode,
        Code::OutsideUk,
        Code::MissingLocation,
        Code::AgeRangeInverted,
        Code::SchoolIncomplete,
        Code::DuplicateId,
        Code::SiblingPlanMismatch,
        Code::SiblingGroupTooLarge,
        Code::InvalidId,
        Code::PolicySyntax,
        Code::PolicyValue,
        Code::Ssda903Layout,
        Code::Ssda903NoHeader,
        Code::Ssda903EndsBeforeStart,
        Code::ResidentHomeUnknown,
        Code::ConnectedChildUnknown,
        Code::DecidedHomeUnknown,
        Code::HouseholdTag,
        Code::UnknownCouncil,
        Code::PopulationStart,
        Code::UnknownArea,
    ] {
        match c {
            Code::FileUnreadable
            | Code::NotUtf8
            | Code::FieldCount
            | Code::MissingColumn
            | Code::UnknownColumn
            | Code::DuplicateColumn
            | Code::EmptyFile
            | Code::NotRegularFile
            | Code::FileTooLarge
            | Code::MissingValue
            | Code::WrongType
            | Code::OutOfRange
            | Code::UnknownValue
            | Code::UnknownNeedTag
            | Code::UnknownPostcode
            | Code::OutsideUk
            | Code::MissingLocation
            | Code::AgeRangeInverted
            | Code::SchoolIncomplete
            | Code::DuplicateId
            | Code::SiblingPlanMismatch
            | Code::SiblingGroupTooLarge
            | Code::InvalidId
            | Code::PolicySyntax
            | Code::PolicyValue
            | Code::Ssda903Layout
            | Code::Ssda903NoHeader
            | Code::Ssda903EndsBeforeStart
            | Code::ResidentHomeUnknown
            | Code::ConnectedChildUnknown
            | Code::DecidedHomeUnknown
            | Code::HouseholdTag
            | Code::UnknownCouncil
            | Code::PopulationStart
            | Code::UnknownArea => {
                assert!(position(c).is_some(), "{c:?} missing from Code::ALL")
            }
        }
    }
}

fn validate_json(dir: &std::path::Path) -> (i32, serde_json::Value) {
    let out = Command::cargo_bin("righthome")
        .expect("binary")
        .args(["validate", "--format", "json", "--data"])
        .arg(dir)
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn validate_json_lists_every_problem_with_its_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["children.csv", "homes.csv"] {
        std::fs::copy(
            std::path::Path::new("tests/fixtures/small").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let (code, json) = validate_json(dir.path());
    assert_eq!((code, json), (0, serde_json::json!([])));

    let text = std::fs::read_to_string(dir.path().join("children.csv")).expect("read");
    let text = text.replacen("C1,7,", "C\u{1b}1,27,", 1);
    std::fs::write(dir.path().join("children.csv"), text).expect("write");
    std::fs::write(dir.path().join("policy.toml"), "[weights]\ncost = -1.0\n").expect("write");
    let (code, json) = validate_json(dir.path());
    assert_eq!(code, 1);
    let items = json.as_array().expect("an array");
    assert_eq!(items.len(), 3, "{json:#}");
    let fields = [
        "code", "file", "line", "column", "value", "expected", "action",
    ];
    for item in items {
        let object = item.as_object().expect("an object");
        assert_eq!(
            object.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            fields.into_iter().collect::<BTreeSet<_>>()
        );
        assert!(!item["action"].as_str().unwrap_or("").is_empty());
    }
    assert_eq!(items[0]["code"], "E023");
    assert_eq!(items[0]["line"], 2);
    assert_eq!(items[0]["column"], "child_id");
    assert_eq!(items[0]["value"], "C\\u{1b}1");
    assert_eq!(items[1]["code"], "E012");
    assert_eq!(items[1]["value"], "27");
    assert_eq!(items[2]["code"], "E031");
    assert_eq!(items[2]["column"], "weights.cost");
    assert_eq!(items[2]["line"], 2);
}
