//! Gender: a home for girls or boys takes only children of that gender; a child recorded as
//! `other` goes to homes for any gender.

use super::{Criterion, Pair, Reason, ReasonColumn, Rejection, Spec};
use crate::model::{Gender as ChildGender, GenderAccepted};

pub struct Gender;

pub static GENDER: Rejection = Rejection {
    code: "gender",
    column: ReasonColumn::Gender,
    words: "the home is for boys only or girls only",
};

static SPEC: Spec = Spec {
    name: "gender",
    rule: "a single-gender home takes that gender only, and a child recorded as `other` goes to \
           homes for any gender: the home's registration says whom it may look after",
    rejections: &[&GENDER],
    components: &[],
    reads: &["children.gender", "homes.gender"],
};

impl Criterion for Gender {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        let ok = match pair.home.gender {
            GenderAccepted::Any => true,
            GenderAccepted::Female => pair.child.gender == ChildGender::Female,
            GenderAccepted::Male => pair.child.gender == ChildGender::Male,
        };
        if ok { Ok(()) } else { Err(&GENDER) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy};

    #[test]
    fn other_goes_only_to_homes_for_any() {
        let p = policy();
        let mut c = child();
        c.gender = ChildGender::Other;
        let mut h = home();
        for (accepted, ok) in [
            (GenderAccepted::Any, true),
            (GenderAccepted::Female, false),
            (GenderAccepted::Male, false),
        ] {
            h.gender = accepted;
            assert_eq!(Gender.rule(&Pair::new(&c, &h, &p, 1)).is_ok(), ok);
        }
        c.gender = ChildGender::Female;
        h.gender = GenderAccepted::Female;
        assert!(Gender.rule(&Pair::new(&c, &h, &p, 1)).is_ok());
    }
}
