"""Abstract models every case record shares: who recorded it and when."""

from django.conf import settings
from django.db import models


class Recorded(models.Model):
    """Stamps of when a row was typed and by whom, kept apart from when its event happened."""

    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
