"""One log line per request, for the people who run Hearth."""

import logging
import time

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("hearth.requests")


def request_line(request: HttpRequest, response: HttpResponse, duration_ms: float) -> dict:
    """What a request's log line holds: never its query string, nor a path no route matched (either may
    carry a child's name), only the route's template, the status, the time taken and the user's id."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    line = {
        "method": request.method,
        "route": f"/{match.route}" if match is not None and match.route is not None else None,
        "view": match.view_name if match is not None else None,
        "status": response.status_code,
        "duration_ms": round(duration_ms, 1),
        "user_id": user.pk if user is not None and user.is_authenticated else None,
    }
    refused = getattr(request, "hearth_refused", None)
    if refused:
        line["refused"] = refused
    return line


class RequestLogMiddleware:
    """Log each request as it leaves, with how long Hearth took over it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            line = request_line(request, response, (time.perf_counter() - started) * 1000)
            logger.info("%s %s %s", line["method"], line["route"] or "(no route)", line["status"],
                        extra={"request_line": line})
        return response
