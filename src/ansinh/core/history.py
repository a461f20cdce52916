"""Change history for domain models, recorded by django-auditlog.

Every domain model registers itself with `track(...)`; the object's page shows the log through
`history_for(obj)`. Actors come from the request (AuditlogMiddleware) or from `acting_as` in
commands and services that run outside a request.
"""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType

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
    return history_rows(
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )


def history_for_objects(objects, *, children=(), limit: int = 100):
    """History of several related objects, newest first (a committee and its memberships).

    `children` are (model, key, value) triples naming objects by the parent their
    `get_additional_data()` records, so that deleted children (a removed attachment) still show.
    """
    entries = LogEntry.objects.none()
    for model, pks in _group_by_model(objects).items():
        entries = entries | LogEntry.objects.get_for_objects(model.objects.filter(pk__in=pks))
    for model, key, value in children:
        entries = (
            entries
            | LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                **{f"additional_data__{key}": value},
            ).distinct()
        )
    return history_rows(
        entries.select_related("actor", "content_type").order_by("-timestamp")[:limit]
    )


def _group_by_model(objects):
    grouped: dict = {}
    for obj in objects:
        grouped.setdefault(type(obj), []).append(obj.pk)
    return grouped


@dataclass
class Change:
    field: str
    old: str
    new: str


_ACTIONS = {
    LogEntry.Action.CREATE: "Tạo",
    LogEntry.Action.UPDATE: "Sửa",
    LogEntry.Action.DELETE: "Xóa",
}


@dataclass
class HistoryRow:
    entry: LogEntry
    changes: list[Change]

    @property
    def action(self) -> str:
        return _ACTIONS.get(self.entry.action, self.entry.get_action_display())


def history_rows(entries) -> list[HistoryRow]:
    """Entries with readable old → new values: choice labels, and the names of related objects
    fetched in one query per related model (not one per value)."""
    entries = list(entries)
    wanted: dict = defaultdict(set)
    for entry in entries:
        for field, (old, new) in _field_changes(entry):
            if getattr(field, "many_to_one", False) and field.concrete:
                wanted[field.related_model].update(v for v in (old, new) if _is_pk(v))
    names = {
        model: {str(pk): str(obj) for pk, obj in _named(model).in_bulk(pks).items()}
        for model, pks in wanted.items()
    }
    rows = []
    for entry in entries:
        changes = []
        for field, (old, new) in _field_changes(entry):
            label = str(getattr(field, "verbose_name", getattr(field, "name", "?")))
            old_text, new_text = _display(field, old, names), _display(field, new, names)
            if old_text != new_text:  # "(trống) → (trống)" tells the reader nothing
                changes.append(Change(label, old_text, new_text))
        rows.append(HistoryRow(entry, changes))
    return rows


def _named(model):
    # A model whose name needs its relations (a clause's "Điều 7, khoản 8") says which.
    return model._default_manager.select_related(*getattr(model, "history_select_related", ()))


def _field_changes(entry):
    model = entry.content_type.model_class()
    for name, values in (entry.changes_dict or {}).items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # a field removed since the change was logged
            field = None
        if field is not None and (field.auto_created or field.primary_key or not field.concrete):
            continue  # ids and reverse relations are bookkeeping, not changes a reader wants
        if isinstance(values, dict):  # many-to-many: {"operation", "objects"}
            verb = {"add": "thêm", "delete": "bỏ"}.get(values.get("operation"), "đổi")
            yield field, ("", f"{verb}: {', '.join(values.get('objects', []))}")
        else:
            yield field, tuple(values)


def _is_pk(value) -> bool:
    return isinstance(value, str) and value.isdigit()


def _display(field, value, names) -> str:
    if value in (None, "None", "", "[]"):
        return ""
    if getattr(field, "many_to_one", False) and field.concrete:
        return names.get(field.related_model, {}).get(str(value), str(value))
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if value == "True":
        return "có"
    if value == "False":
        return "không"
    return str(value)
