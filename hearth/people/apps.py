from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "hearth.people"
    label = "people"
    verbose_name = "People and families"

    def ready(self) -> None:
        from hearth.people import chronology  # noqa: F401  (registers its entries)
