//! Avoid areas: postcode districts where the child must not live (for example where they are
//! at risk of exploitation). A home is in the district it was given, or the nearest one.

use super::{Criterion, Pair, Reason};

pub struct AvoidAreas;

impl Criterion for AvoidAreas {
    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        if pair
            .child
            .avoid_districts
            .contains(&pair.home.location.district)
        {
            Err(Reason::AvoidArea)
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
        assert_eq!(
            AvoidAreas.rule(&Pair::new(&c, &h, &p, 1)),
            Err(Reason::AvoidArea)
        );
    }
}
