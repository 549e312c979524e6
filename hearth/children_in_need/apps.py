from django.apps import AppConfig


class ChildrenInNeedConfig(AppConfig):
    name = "hearth.children_in_need"
    label = "children_in_need"
    verbose_name = "Children in need"

    def ready(self) -> None:
        from hearth.children_in_need import (  # noqa: F401  (registrations)
            chronology,
            clocks,
            decisions,
            due,
            navigation,
            outcomes,
            policy,
            sections,
        )
