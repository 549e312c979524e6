"""Strategy discussions: the multi-agency decision on whether to start a section 47 enquiry."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class StrategyDiscussion(models.Model):
    """A strategy discussion, requested when a child may be at immediate risk and held with police and health."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="strategy_discussions")
    referral = models.ForeignKey("children_in_need.Referral", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="strategy_discussions")
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Strategy discussion for {self.child}"
from hearth.protection.proceedings.models import *  # noqa: E402,F401,F403
