"""Referrals in the child's chronology."""

from hearth.casework.chronology import ChronologyEntry, at_start_of, register
from hearth.children_in_need.models import Referral


@register("referral", "Referral")
def referral_entries(child):
    for referral in Referral.objects.filter(child=child):
        yield ChronologyEntry(
            occurred_at=at_start_of(referral.referral_date), kind="referral",
            title="Referral to children's social care"
            + (": strategy discussion now" if referral.strategy_discussion_now else ""),
            summary=f"Source: {referral.get_source_display()}",
        )
