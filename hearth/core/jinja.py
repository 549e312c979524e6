"""The Jinja2 environment for every page: GOV.UK Frontend macros, URLs, dates shown in London."""

from datetime import date, datetime
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from hearth.core import navigation


def url(name: str, *args, **kwargs) -> str:
    """The path of a named URL.

    A URL whose arguments are all whole numbers (a child's id, a record's) is written from its pattern, reversed once
    per process: a list of a few hundred children reversed each link, at a tenth of a millisecond each, a tenth of
    the pre-proceedings tracker's time.
    """
    if not kwargs and all(type(arg) is int for arg in args):
        pattern = _pattern(settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), name, len(args))
        if pattern is not None:
            return pattern.format(*args)
    return reverse(name, args=args or None, kwargs=kwargs or None)


# Stand-in ids of different lengths: a pattern is kept only if both give what `reverse` gives.
_LONG_IDS = tuple(9_176_043_201 + 1_000 * place for place in range(8))
_SHORT_IDS = tuple(3 + place for place in range(8))


@lru_cache(maxsize=2048)
def _pattern(root: str, urlconf: str | None, prefix: str, name: str, count: int) -> str | None:
    """The path of `name` with `count` whole-number arguments, as a format string ("/children/{0}/"); None where the
    URL cannot be written that way (no such URL with whole numbers, or a pattern that depends on the numbers)."""
    if count > len(_LONG_IDS):
        return None
    try:
        long_path = reverse(name, args=_LONG_IDS[:count])
        short_path = reverse(name, args=_SHORT_IDS[:count])
    except NoReverseMatch:
        return None
    pattern = long_path.replace("{", "{{").replace("}", "}}")
    for place, stand_in in enumerate(_LONG_IDS[:count]):
        if pattern.count(str(stand_in)) != 1:
            return None
        pattern = pattern.replace(str(stand_in), f"{{{place}}}")
    return pattern if pattern.format(*_SHORT_IDS[:count]) == short_path else None


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
    # Written with `escape`, not `Markup.format`, whose formatter cost a tenth of a long list's page.
    if hidden:
        return Markup(f'<a class="govuk-link" href="{escape(href)}">{escape(text)}'
                      f'<span class="govuk-visually-hidden"> {escape(hidden)}</span></a>')
    return Markup(f'<a class="govuk-link" href="{escape(href)}">{escape(text)}</a>')


def tag(text: str, colour: str = "grey") -> Markup:
    """A GOV.UK tag."""
    return Markup(f'<strong class="govuk-tag govuk-tag--{escape(colour)}">{escape(text)}</strong>')


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
