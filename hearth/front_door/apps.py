from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "hearth.front_door"
    label = "front_door"
    verbose_name = "Front door"

    def ready(self) -> None:
        from hearth.front_door import (  # noqa: F401  (registrations)
            chronology,
            clocks,
            decision_source,
            home_panel,
            navigation,
            navigation_partner,
            navigation_performance,
            outcomes,
            policy,
        )
