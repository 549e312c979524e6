from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """The statutory returns, derived from the journey apps' records (CIN census first; SSDA903, Annex A and the DfE
    daily feed to follow). Derived: it reads the journey apps, which know nothing of it."""

    name = "hearth.returns"
    label = "returns"
    verbose_name = "Statutory returns"
