//! Every key the scenario loader accepts (the serde fields of the scenario structs, read from
//! the derived code itself) has a row in scenarios/README.md's table of keys.

use righthome::scenario::*;
use serde::de::{self, Deserializer, Visitor};

/// A deserializer that records the field names a derived struct asks for, then stops.
struct Fields(Vec<&'static str>);

impl<'de> Deserializer<'de> for &mut Fields {
    type Error = de::value::Error;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.extend(fields);
        Err(de::Error::custom("recorded"))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

fn fields<T: for<'de> serde::Deserialize<'de>>() -> Vec<&'static str> {
    let mut f = Fields(Vec::new());
    let _ = T::deserialize(&mut f);
    f.0
}

#[test]
fn every_scenario_key_is_in_the_readme_table() {
    let readme = std::fs::read_to_string("scenarios/README.md").expect("README");
    let blocks: Vec<(&str, Vec<&str>)> = vec![
        ("(top)", fields::<Scenario>()),
        ("demand", fields::<Demand>()),
        ("demand.age_band", fields::<AgeBandMultiplier>()),
        ("demand.district", fields::<DistrictMultiplier>()),
        ("supply", fields::<Supply>()),
        ("supply.add", fields::<AddHomes>()),
        ("supply.remove", fields::<RemoveHomes>()),
        ("supply.change", fields::<ChangeHomes>()),
        ("spot", fields::<Spot>()),
        ("run", fields::<Run>()),
        ("population", fields::<PopulationBase>()),
    ];
    let mut missing = Vec::new();
    for (block, keys) in &blocks {
        assert!(!keys.is_empty(), "{block}: no fields recorded");
        for key in keys {
            let row = format!("| `{block}` | `{key}` |");
            if !readme.lines().any(|l| l.starts_with(&row)) {
                missing.push(row);
            }
        }
    }
    // [policy]'s own key, beside policy.toml's.
    if !readme.contains("| `policy` | `step_down_drive` |") {
        missing.push("| `policy` | `step_down_drive` |".into());
    }
    assert!(
        missing.is_empty(),
        "not in scenarios/README.md:\n{}",
        missing.join("\n")
    );
}
