from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "hearth.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from hearth.casework import chronology, clocks, decision_sources  # noqa: F401  (registers its entries, clocks and decisions)
        from hearth.casework import navigation, sections  # noqa: F401  (its menu items, and what is due on a child's record)
