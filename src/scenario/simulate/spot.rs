//! Emergency and spot placements: the real-world outcome of unmet need. A child who waits
//! past their urgency plus `emergency_after_weeks`, or who is stuck in a home of a kind their
//! plan no longer asks for, goes to a spot placement costed from `[spot]` (see `account`):
//! they stay in care and in every measure, so unmet need is never hidden by leaving it out.

use super::state::{SimChild, SimHome, release};
use crate::criteria::placement_type;
use crate::scenario::LoadedScenario;

/// After the week's match: children waiting too long past their urgency go to emergency
/// placements, and so do children whose plan moved them to another kind of home and who are
/// still in the old one (their old bed freed).
pub(super) fn send_to_spot(
    s: &LoadedScenario,
    week: u32,
    homes: &mut [SimHome],
    children: &mut [SimChild],
) {
    let limit = 7 * s.scenario.demand.emergency_after_weeks;
    for c in children.iter_mut().filter(|c| c.waiting()) {
        if 7 * (week - c.arrived + 1) > c.urgency_at_arrival + limit {
            c.emergency = true;
        }
    }
    // A foster child now needing a children's home cannot stay in the old one for ever at its
    // fee (28 days' urgency, as for any move, plus the same limit). The placement-type rule
    // of the match, without the step-down exception: a child ready to step down is never sent
    // to a spot placement for it.
    for c in children.iter_mut().filter(|c| c.in_care() && !c.emergency) {
        if let Some(since) = c.moving_since
            && 7 * (week - since + 1) > 28 + limit
            && let Some(old) = c.home
            && !placement_type::fits(c.child.placement_need, homes[old].home.kind, false)
        {
            release(homes, old, c.resident_of.take());
            (c.home, c.seeking, c.moving_since, c.emergency) = (None, false, None, true);
        }
    }
}
