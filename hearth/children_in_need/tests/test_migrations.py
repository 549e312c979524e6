"""The data migration fills the facts fixed at a referral's opening for referrals recorded before them."""

import importlib
from datetime import date

from django.apps import apps

from hearth.children_in_need.models import Referral
from hearth.timescales.calendar import calendar_for

episode = importlib.import_module("hearth.children_in_need.migrations.0003_episode_assessment_plan")


def test_existing_referrals_get_their_assessment_due_day_and_re_referral_flag(council):
    rows = [Referral.objects.create(child=council.allocated, referral_date=day, source="2A",
                                    recorded_by=council.manager)
            for day in (date(2023, 3, 1), date(2024, 2, 1), date(2025, 6, 2))]
    episode.fill_existing_referrals(apps, None)
    first, within, after = (Referral.objects.get(pk=row.pk) for row in rows)
    assert (first.re_referral, within.re_referral, after.re_referral) == (False, True, False)
    assert after.assessment_due_on == calendar_for().add_working_days(date(2025, 6, 2), 45)
