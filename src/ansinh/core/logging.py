"""Log lines for people (the default) or for a log collector (ANSINH_LOG_FORMAT=json): one JSON
object per line with the time, level, logger, message and, inside a request, its method, path
and the user's id. Standard library only, so the format costs no dependency.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

from django.utils.functional import empty

FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

_current_request = contextvars.ContextVar("ansinh_current_request", default=None)


def logging_config(log_format: str = "text", level: str = "INFO") -> dict:
    """The LOGGING setting for the chosen format."""
    if log_format not in FORMATS:
        raise ValueError(
            f"ANSINH_LOG_FORMAT must be one of {', '.join(FORMATS)}, got {log_format!r}"
        )
    formatter = (
        {"()": "ansinh.core.logging.JsonFormatter"}
        if log_format == "json"
        else {"format": TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"ansinh": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "ansinh"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"axes": {"level": "WARNING"}},
    }


class RequestContextMiddleware:
    """Makes the request being served known to the log lines written while serving it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _user_id(request) -> int | None:
    user = getattr(request, "user", None)
    # Never load the user just to log: only a user the request already looked up is named.
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Django's request loggers pass the request; elsewhere it is the one being served, if any.
        request = getattr(record, "request", None)
        if not hasattr(request, "path"):
            request = _current_request.get()
        if request is not None:
            entry["method"] = request.method
            entry["path"] = request.path
            user_id = _user_id(request)
            if user_id is not None:
                entry["user_id"] = user_id
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            entry["status_code"] = status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
