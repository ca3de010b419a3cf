//! Age: the home is registered or approved for the child's age (inclusive range).

use super::{Criterion, Pair, Reason, ReasonColumn, Rejection, Spec};

pub struct Age;

pub static AGE: Rejection = Rejection {
    code: "age",
    column: ReasonColumn::Age,
    words: "the home does not take children of this age",
};

static SPEC: Spec = Spec {
    name: "age",
    rule: "the child's age is within the home's registered or approved range (inclusive): \
           a home is set up and inspected for the ages it takes",
    rejections: &[&AGE],
    components: &[],
    reads: &["children.age", "homes.age_min", "homes.age_max"],
};

impl Criterion for Age {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        let age = pair.child.age;
        if (pair.home.age_min..=pair.home.age_max).contains(&age) {
            Ok(())
        } else {
            Err(&AGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy};

    #[test]
    fn bounds_are_inclusive() {
        let p = policy();
        let mut h = home();
        (h.age_min, h.age_max) = (10, 15);
        for (age, ok) in [(9, false), (10, true), (15, true), (16, false)] {
            let mut c = child();
            c.age = age;
            assert_eq!(Age.rule(&Pair::new(&c, &h, &p, 1)).is_ok(), ok, "age {age}");
        }
    }
}
