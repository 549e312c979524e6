"""Logs a machine reads: one JSON object a line, and no tracebacks for refused requests."""

import json
import logging
from datetime import UTC, datetime

# Loggers through which Django reports a refused request (404, 403, 400, a CSRF failure, a disallowed host).
_REFUSAL_LOGGERS = ("django.request", "django.security")


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger and message, the request's fields if it has them."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "request_line", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class DropRefusals(logging.Filter):
    """Drop Django's own report of a request refused with a 4xx status: the request's line already says it.

    Django logs each 404, 403 and SuspiciousOperation with its traceback; a partner guessing addresses
    would fill the log with them. A server error (5xx) still logs in full.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(_REFUSAL_LOGGERS):
            return True
        status = getattr(record, "status_code", None)
        return status is None or status >= 500
