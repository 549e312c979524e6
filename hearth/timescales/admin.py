"""Local closure days, which the working-day calendar counts as non-working."""

from django.contrib import admin

from hearth.timescales.models import LocalClosureDay


@admin.register(LocalClosureDay)
class LocalClosureDayAdmin(admin.ModelAdmin):
    list_display = ("day", "reason")
    date_hierarchy = "day"
