"""Change history for domain models, recorded by django-auditlog.

Every domain model registers itself with `track(...)`; the object's page shows the log through
`history_for(obj)`. Actors come from the request (AuditlogMiddleware) or from `acting_as` in
commands and services that run outside a request.
"""

from contextlib import contextmanager

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog

_IGNORED = ["created_at", "updated_at", "created_by", "updated_by", "search_name"]


def track(model=None, *, m2m_fields=None, exclude_fields=None):
    """Class decorator registering a model for change history."""

    def register(cls):
        auditlog.register(
            cls,
            exclude_fields=[*_IGNORED, *(exclude_fields or [])],
            m2m_fields=set(m2m_fields or ()),
        )
        return cls

    return register(model) if model is not None else register


@contextmanager
def acting_as(user):
    """Attribute the changes made inside the block to `user` (None for the system)."""
    if user is None:
        yield
        return
    with set_actor(user):
        yield


def history_for(obj, *, limit: int = 50):
    return (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )


def history_for_objects(objects, *, limit: int = 100):
    """History of several related objects, newest first (a committee and its memberships)."""
    entries = LogEntry.objects.none()
    for model, pks in _group_by_model(objects).items():
        entries = entries | LogEntry.objects.get_for_objects(model.objects.filter(pk__in=pks))
    return entries.select_related("actor", "content_type").order_by("-timestamp")[:limit]


def _group_by_model(objects):
    grouped: dict = {}
    for obj in objects:
        grouped.setdefault(type(obj), []).append(obj.pk)
    return grouped
