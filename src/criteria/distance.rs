//! Distance from the child's family and community. Rule: no further than the policy's maximum.
//! Score: nearer is better (linear to zero at the maximum), plus a bonus inside the national
//! 20-mile line.

use super::{ComponentSpec, Criterion, Pair, Points, Reason, ReasonColumn, Rejection, Said, Spec};
use crate::model::location::TWENTY_MILES_KM;

pub struct Distance;

pub static DISTANCE: Rejection = Rejection {
    code: "distance",
    column: ReasonColumn::Distance,
    words: "too far from the child's family",
};

static SPEC: Spec = Spec {
    name: "distance",
    rule: "within `max_distance_km` of the child's family (straight line): a child should live \
           near their family, friends and community unless that is unsafe",
    rejections: &[&DISTANCE],
    components: &[
        ComponentSpec {
            key: "distance",
            weight_key: "distance",
            default_weight: 3.0,
            rewards: "nearer the child's family and community",
            young_person: |p| {
                format!(
                    "It is about {:.0} km from your family home.",
                    p.distance_km()
                )
            },
            manager: |p| format!("About {:.0} km from the family home.", p.distance_km()),
            said: Said::InDescription,
        },
        ComponentSpec {
            key: "within_20_miles",
            weight_key: "within_20_miles",
            default_weight: 2.0,
            rewards: "inside the national 20-mile line",
            young_person: |_| "It is less than 20 miles from your family home.".to_string(),
            manager: |_| "Within 20 miles of the family home.".to_string(),
            said: Said::InDescription,
        },
    ],
    reads: &[
        "children.home_postcode_district",
        "children.home_lat",
        "children.home_lon",
        "homes.postcode_district",
        "homes.lat",
        "homes.lon",
    ],
};

impl Criterion for Distance {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        if pair.distance_km() <= pair.policy.limits.max_distance_km {
            Ok(())
        } else {
            Err(&DISTANCE)
        }
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        points.set(
            0,
            1.0 - pair.distance_km() / pair.policy.limits.max_distance_km,
        );
        let within = if pair.distance_km() <= TWENTY_MILES_KM {
            1.0
        } else {
            0.0
        };
        points.set(1, within);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home_at, policy, scored};

    #[test]
    fn preston_to_burnley_is_inside_20_miles_and_preston_to_carlisle_is_not_allowed() {
        let p = policy();
        let c = child(); // family in PR1
        let burnley = home_at("BB11");
        let pair = Pair::new(&c, &burnley, &p, 1);
        assert!(Distance.rule(&pair).is_ok());
        let s = scored(&c, &burnley, &p);
        let w = |key| p.weights.get(key).expect("registered");
        assert!((s.get("within_20_miles") - w("within_20_miles")).abs() < 1e-12);
        let expected = w("distance") * (1.0 - pair.distance_km() / p.limits.max_distance_km);
        assert!((s.get("distance") - expected).abs() < 1e-12);
        let carlisle = home_at("CA1");
        assert_eq!(
            Distance.rule(&Pair::new(&c, &carlisle, &p, 1)),
            Err(&DISTANCE)
        );
    }
}
