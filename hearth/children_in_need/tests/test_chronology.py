"""Each dated step of the episode is in the child's chronology, as a day, linking to its page."""

from django.utils import timezone

from hearth.casework.chronology import at_start_of, chronology_for
from hearth.children_in_need import services
from hearth.children_in_need.models import Visit
from hearth.reference.codes import ReasonForClosure


def test_every_step_of_an_episode_is_in_the_chronology_on_its_day(council, plan):
    services.visit_record(acting_user=council.worker, referral=plan.referral,
                          visit=Visit(visited_on=timezone.localdate(), seen=True, seen_alone=True))
    services.referral_close(acting_user=council.manager, referral=plan.referral, closure_date=timezone.localdate(),
                            reason=ReasonForClosure.SERVICES_CEASED, rationale="Managing well.")
    entries = {entry.kind: entry for entry in chronology_for(council.allocated)}
    for kind in ("referral", "cin_assessment", "cin_assessment_authorised", "cin_plan", "cin_plan_ended",
                 "cin_visit", "cin_closure"):
        assert kind in entries, kind
    referral = entries["referral"]
    assert referral.occurred_at == at_start_of(plan.referral.referral_date)
    assert referral.url == f"/children/{council.allocated.pk}/children-in-need/{plan.referral.pk}/"
    assert entries["cin_visit"].title == "Visit: the child was seen alone"
    assert entries["cin_plan"].url.endswith(f"/plans/{plan.pk}/")
