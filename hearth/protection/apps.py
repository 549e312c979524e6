from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "hearth.protection"
    label = "protection"
    verbose_name = "Protection"

    def ready(self) -> None:
        from hearth.protection import chronology, clocks, decisions, due, outcomes, sections  # noqa: F401  (registrations)
        from hearth.protection.proceedings import registrations  # noqa: F401  (pre-proceedings and proceedings)
