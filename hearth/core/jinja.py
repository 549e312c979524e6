"""The Jinja2 environment for every page: GOV.UK Frontend macros, URLs, dates shown in London."""

from datetime import date, datetime

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup

from hearth.core import navigation


def url(name: str, *args, **kwargs) -> str:
    """The path of a named URL."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def govuk_date(value: date | datetime | None, empty: str = "") -> str:
    """A date as GOV.UK writes it: 3 March 2025."""
    if value is None:
        return empty
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def govuk_datetime(value: datetime | None, empty: str = "") -> str:
    """A moment in London time: 3 March 2025 at 2:05pm."""
    if value is None:
        return empty
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def link(href: str, text: str, hidden: str = "") -> Markup:
    """A GOV.UK link, its text escaped; `hidden` adds words only screen readers hear."""
    if hidden:
        return Markup('<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>').format(
            href, text, hidden)
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


def tag(text: str, colour: str = "grey") -> Markup:
    """A GOV.UK tag."""
    return Markup('<strong class="govuk-tag govuk-tag--{}">{}</strong>').format(colour, text)


def environment(**options) -> Environment:
    """Build the environment Django's Jinja2 backend renders with."""
    loader = options.pop("loader", None) or ChoiceLoader([])
    env = Environment(
        loader=ChoiceLoader([
            loader,
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]),
        **options,
    )
    from hearth.accounts import policy  # the access policy answers every "may this user ..." a page asks

    env.globals.update({
        "policy": policy,
        "url": url,
        "static": static,
        "get_messages": messages.get_messages,
        "council_name": settings.HEARTH_COUNCIL_NAME,
        "today": timezone.localdate,
        "link": link,
        "nav_items": navigation.items_for,
        "tag": tag,
    })
    env.filters.update({"govuk_date": govuk_date, "govuk_datetime": govuk_datetime})
    return env
