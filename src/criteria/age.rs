//! Age: the home is registered or approved for the child's age (inclusive range).

use super::{Criterion, Pair, Reason};

pub struct Age;

impl Criterion for Age {
    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        let age = pair.child.age;
        if (pair.home.age_min..=pair.home.age_max).contains(&age) {
            Ok(())
        } else {
            Err(Reason::Age)
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
