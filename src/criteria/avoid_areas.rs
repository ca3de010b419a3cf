//! Avoid areas: postcode districts where the child must not live (for example where they are
//! at risk of exploitation). A home is in the district it was given, or the nearest one.

use super::{Criterion, Pair, Reason, ReasonColumn, Rejection, Spec};

pub struct AvoidAreas;

pub static AVOID_AREA: Rejection = Rejection {
    code: "avoid_area",
    column: ReasonColumn::AvoidArea,
    words: "in an area the child must keep away from",
};

static SPEC: Spec = Spec {
    name: "avoid_areas",
    rule: "the home is not in a district the child must keep away from: where they are at risk \
           of exploitation or harm",
    rejections: &[&AVOID_AREA],
    components: &[],
    reads: &[
        "children.avoid_districts",
        "homes.postcode_district",
        "homes.lat",
        "homes.lon",
    ],
};

impl Criterion for AvoidAreas {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        if pair
            .child
            .avoid_districts
            .contains(&pair.home.location.district)
        {
            Err(&AVOID_AREA)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy};
    use crate::model::PostcodeDistrict;

    #[test]
    fn home_in_an_avoided_district_is_rejected() {
        let p = policy();
        let mut c = child();
        let h = home();
        assert!(AvoidAreas.rule(&Pair::new(&c, &h, &p, 1)).is_ok());
        c.avoid_districts
            .insert(PostcodeDistrict(h.location.district.0.clone()));
        assert_eq!(AvoidAreas.rule(&Pair::new(&c, &h, &p, 1)), Err(&AVOID_AREA));
    }
}
