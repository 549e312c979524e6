"""Local closure days: the days, beyond bank holidays, on which the council is closed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class LocalClosureDay(models.Model):
    day = models.DateField(unique=True)
    reason = models.CharField(max_length=120)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # With the number of rows, the stamp every process compares to know its cached calendar is still current.
    changed_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d %B %Y}: {self.reason}"
