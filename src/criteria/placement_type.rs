//! Placement type: the kind of home the child's plan asks for. A child ready to step down may
//! also go to an enhanced foster family whatever the plan says (that is the point of the drive).

use super::{Criterion, Pair, Reason, ReasonColumn, Rejection, Spec};
use crate::model::{HomeKind, PlacementNeed};

pub struct PlacementType;

pub static PLACEMENT_TYPE: Rejection = Rejection {
    code: "placement_type",
    column: ReasonColumn::Other,
    words: "not the kind of home the child's plan asks for",
};

static SPEC: Spec = Spec {
    name: "placement_type",
    rule: "the kind of home fits the placement need in the child's care plan (a child ready to \
           step down may also go to enhanced fostering): the plan is the assessed decision",
    rejections: &[&PLACEMENT_TYPE],
    components: &[],
    reads: &[
        "children.placement_need",
        "children.step_down_ready",
        "homes.kind",
    ],
};

/// Whether a kind of home fits a placement need.
pub fn fits(need: PlacementNeed, kind: HomeKind, step_down_ready: bool) -> bool {
    if step_down_ready && kind == HomeKind::FosterEnhanced {
        return true;
    }
    match need {
        PlacementNeed::Family => kind.is_family(),
        PlacementNeed::Residential => kind == HomeKind::ChildrensHome,
        PlacementNeed::Either => kind.is_family() || kind == HomeKind::ChildrensHome,
        PlacementNeed::Supported => kind.is_family() || kind == HomeKind::Supported16Plus,
    }
}

impl Criterion for PlacementType {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        let c = pair.child;
        if fits(c.placement_need, pair.home.kind, c.step_down_ready) {
            Ok(())
        } else {
            Err(&PLACEMENT_TYPE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_need_table() {
        use HomeKind::*;
        use PlacementNeed::*;
        let table = [
            (Family, [true, true, true, false, false]),
            (Residential, [false, false, false, true, false]),
            (Either, [true, true, true, true, false]),
            (Supported, [true, true, true, false, true]),
        ];
        for (need, row) in table {
            for (kind, want) in HomeKind::ALL.into_iter().zip(row) {
                assert_eq!(fits(need, kind, false), want, "{need:?} {kind:?}");
            }
        }
        assert!(fits(Residential, FosterEnhanced, true));
        assert!(!fits(Residential, FosterAgency, true));
    }
}
