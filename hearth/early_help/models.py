"""Requests for early help (Family Hubs, Strengthening Families) from the front door."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class EarlyHelpRequest(models.Model):
    """A child stepped to early help: waiting for a Family Hub to take them on."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="early_help_requests")
    requested_on = models.DateField()
    contact_child = models.OneToOneField("front_door.ContactChild", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="early_help_request")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on"]

    def __str__(self) -> str:
        return f"Early help for {self.child} from {self.requested_on}"
