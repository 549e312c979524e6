"""Abstract models every case record shares (who recorded it and when), and the mark the synthetic seed leaves."""

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


class Versioned(models.Model):
    """An editable record. Its version rises by one with every saved change, so an edit made to the version someone
    read is refused once another change has been saved (`hearth.core.concurrency`): no edit is silently lost."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class SeedRun(models.Model):
    """The synthetic seed made this database: its scale and seed, and the last row of each kind it wrote.

    A database without one of these that holds users, people or contacts was not made by the
    seed, and the seed refuses to touch it (`hearth.seed.generator.run_seed`). Rows past the
    recorded keys were added since, by someone using it.
    """

    scale = models.CharField(max_length=20)
    years = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    today = models.DateField(help_text="The date the synthetic history runs up to.")
    seeded_at = models.DateTimeField(auto_now_add=True)
    last_user_id = models.BigIntegerField(default=0)
    last_person_id = models.BigIntegerField(default=0)
    last_contact_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Seeded at scale {self.scale}, seed {self.seed}, to {self.today:%d/%m/%Y}"
