"""Every typed text has a limit, named in the error when it is exceeded; nothing is written."""

import importlib
import pkgutil

from django import forms
from django.test import Client

import hearth
from hearth.casework.models import CaseNote
from hearth.core.forms import TEXT_LIMIT, LimitedText


def _every_form_class() -> list[type]:
    for module in pkgutil.walk_packages(hearth.__path__, "hearth."):
        if ".tests" not in module.name and ".migrations" not in module.name and ".loadtest" not in module.name:
            importlib.import_module(module.name)
    found, stack = [], [forms.BaseForm]
    while stack:
        for subclass in stack.pop().__subclasses__():
            stack.append(subclass)
            if subclass.__module__.startswith("hearth.") and ".tests" not in subclass.__module__:
                found.append(subclass)
    return found


def test_every_form_limits_its_text_fields():
    classes = _every_form_class()
    assert len(classes) > 20
    unlimited = [f"{cls.__module__}.{cls.__name__}" for cls in classes if not issubclass(cls, LimitedText)
                 and any(isinstance(field, forms.CharField) and field.max_length is None
                         for field in cls.base_fields.values())]
    assert unlimited == []


def test_a_case_note_longer_than_the_limit_is_refused_with_the_limit_named_and_nothing_saved(council):
    client = Client()
    client.force_login(council.worker)
    response = client.post(f"/children/{council.allocated.pk}/case-notes/new", {
        "kind": "visit", "occurred_at-day": "2", "occurred_at-month": "5", "occurred_at-year": "2025",
        "occurred_at-time": "14:30", "title": "Home visit", "body": "x" * (TEXT_LIMIT + 1)})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"at most {TEXT_LIMIT} characters (it has {TEXT_LIMIT + 1})" in page
    assert not CaseNote.objects.exists()
