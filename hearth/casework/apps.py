from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "hearth.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        # Registers its chronology entries, clocks, decision kinds, menu items, and what is due on a child's record.
        from hearth.casework import chronology, clocks, decision_sources, navigation, sections  # noqa: F401
