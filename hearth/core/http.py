"""Small helpers the views share."""

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


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

