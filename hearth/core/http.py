"""Small helpers the views share."""

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

# The largest id a database column holds (a signed 64-bit integer): a longer number is no record's id.
LARGEST_ID = 2**63 - 1


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Put a service's validation errors beside the fields they concern, so nothing typed is lost."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def safe_next(request: HttpRequest, target: str | None, fallback: str) -> str:
    """Where to go on to: `target` if it is a page of this site, otherwise `fallback` (a URL or a URL name).

    A `next` parameter comes from whoever wrote the link, so a link could send someone, just signed in, to a
    look-alike site; only this host (and, over HTTPS, only HTTPS) is followed.
    """
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url(fallback)


def parse_id(value: object) -> int | None:
    """A record id typed or sent in a form or query: ASCII digits within a database id's range, else None.

    `str.isdigit` accepts "²" and other digits `int` refuses, and `int` accepts "٣" and " 3", so neither
    alone says whether a value is an id.
    """
    text = str(value) if value is not None else ""
    if not (text.isascii() and text.isdecimal()):
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_ID else None
