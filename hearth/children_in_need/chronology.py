"""Referrals in the child's chronology."""

from hearth.casework.chronology import ChronologyEntry, Row, at_start_of, choice_label, register, shape
from hearth.children_in_need.models import Referral
from hearth.reference.codes import ReferralSource


def _referral_entries(row: Row):
    referral = row.fields
    yield ChronologyEntry(
        occurred_at=at_start_of(row.day), kind="referral",
        title="Referral to children's social care" + (": strategy discussion now" if referral["now"] else ""),
        summary=f"Source: {choice_label(ReferralSource, referral['source'])}",
    )


register("referral", "Referral", entries=_referral_entries, rows=lambda child: [shape(
    Referral.objects.filter(child=child), day="referral_date", source="source", now="strategy_discussion_now")])
