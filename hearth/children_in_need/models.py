"""Referrals to children's social care: the start of a child in need episode."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.reference.codes import ReferralSource


class Referral(models.Model):
    """A contact accepted for a statutory response (CIN census: the referral date and source).

    The referral date is the date the council first received the information: the first
    receipt of the contact's chain, so re-recording never moves it.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField()
    source = models.CharField(max_length=3, choices=ReferralSource.choices)
    contact_child = models.OneToOneField("front_door.ContactChild", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="referral")
    strategy_discussion_now = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-referral_date"]
        indexes = [models.Index(fields=["child", "-referral_date"]), models.Index(fields=["referral_date"])]

    def __str__(self) -> str:
        return f"Referral of {self.child} on {self.referral_date}"
