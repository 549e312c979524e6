from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "hearth.oversight"
    label = "oversight"
    verbose_name = "Oversight"

    def ready(self) -> None:
        from hearth.oversight import navigation, supervision  # noqa: F401  (registrations)
