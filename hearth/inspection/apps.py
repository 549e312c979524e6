from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "hearth.inspection"
    label = "inspection"
    verbose_name = "Inspection"

    def ready(self) -> None:
        from hearth.inspection import (  # noqa: F401  (registrations)
            access,
            clocks,
            home_panel,
            navigation,
        )
