"""Writing a previewed plan import in one transaction.

Tasks and their units are written with `bulk_create`, which django-auditlog does not see; their
creation entries are written right after, in bulk too (`_log_created`), so every imported task
and unit has a "created" line in its history, attributed to the importing user.
"""

import datetime as dt

from auditlog.cid import get_cid
from auditlog.diff import get_field_value, get_fields_in_model
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.encoding import smart_str

from ansinh.core.history import acting_as
from ansinh.org.models import Agency
from ansinh.org.services import agency_save
from ansinh.org.text import search_key
from ansinh.plans.models import Plan, Task, TaskGroup, TaskUnit


def plan_import(*, draft: dict, user=None) -> Plan:
    """Write a previewed draft in one transaction: the plan, its groups in order, its tasks and
    their units (with the mappings the user chose for unrecognised names), and the names the user
    asked to remember as aliases of the agencies they were mapped to."""
    fields = dict(draft["plan"])
    committee_id = fields.pop("committee")
    fields["date"] = dt.date.fromisoformat(fields["date"]) if fields["date"] else None
    mapping = draft.get("mapping") or {}
    with transaction.atomic(), acting_as(user):
        plan = Plan(committee_id=committee_id, created_by=user, updated_by=user, **fields)
        plan.full_clean()
        plan.save()
        groups: list[TaskGroup] = []
        for position, group in enumerate(draft["groups"], start=1):
            parent = groups[group["parent"]] if group["parent"] is not None else None
            groups.append(
                TaskGroup.objects.create(
                    plan=plan,
                    parent=parent,
                    number=group["number"],
                    title=group["title"],
                    position=position,
                    created_by=user,
                )
            )
        tasks = Task.objects.bulk_create(
            Task(
                plan=plan,
                group=groups[t["group"]] if t["group"] is not None else None,
                number=t["number"],
                position=position,
                content=t["content"],
                lead_text=t["lead_text"],
                coordinators_text=t["coordinators_text"],
                timeframe=t["timeframe"],
                recurring=t["recurring"],
                due_date=dt.date.fromisoformat(t["due_date"]) if t["due_date"] else None,
                legal_refs=t["legal_refs"],
                created_by=user,
            )
            for position, t in enumerate(draft["tasks"], start=1)
        )
        units = []
        for task, data in zip(tasks, draft["tasks"], strict=True):
            for position, unit in enumerate(data["units"]):
                agency_id, group_id = unit["agency"], unit["group"]
                if not agency_id and not group_id and mapping.get(unit["name"]):
                    agency_id = mapping[unit["name"]]
                units.append(
                    TaskUnit(
                        task=task,
                        role=unit["role"],
                        name=unit["name"][:300],
                        agency_id=agency_id,
                        agency_group_id=group_id,
                        position=position,
                        created_by=user,
                    )
                )
        TaskUnit.objects.bulk_create(units)
        _log_created([*tasks, *units], user=user)
        _remember_aliases(draft=draft, province_id=plan.committee.province_id, user=user)
    return plan


def _log_created(objects: list, *, user) -> None:
    """The creation entries django-auditlog writes for an object saved on its own, for objects
    written with `bulk_create`, in one bulk insert: the same changes (every initial value, as
    `auditlog.diff.model_instance_diff(None, obj)` gives them), actor and correlation id. The
    tracked fields are worked out once per model rather than once per object."""
    if not objects:
        return
    types = ContentType.objects.get_for_models(*{type(o) for o in objects})
    fields = {model: _tracked_fields(model, objects) for model in types}
    actor = user if user is not None and user.is_authenticated else None
    cid = get_cid()
    entries = []
    for obj in objects:
        changes = {}
        for field, before in fields[type(obj)]:
            value = get_field_value(obj, field)
            if value != before:
                changes[field.name] = [smart_str(before), smart_str(value)]
        additional = getattr(obj, "get_additional_data", None)
        entries.append(
            LogEntry(
                content_type=types[type(obj)],
                object_pk=smart_str(obj.pk),
                object_id=obj.pk,
                object_repr=smart_str(obj),
                action=LogEntry.Action.CREATE,
                changes=changes or None,
                actor=actor,
                actor_email=getattr(actor, "email", None) or None,
                cid=cid,
                additional_data=additional() if callable(additional) else None,
            )
        )
    LogEntry.objects.bulk_create(entries, batch_size=1000)


def _tracked_fields(model, objects) -> list:
    """(field, the value a new object is compared with) for each field auditlog tracks."""
    sample = next(o for o in objects if type(o) is model)
    excluded = set(auditlog.get_model_fields(model)["exclude_fields"])
    return [
        (field, get_field_value(None, field))
        for field in get_fields_in_model(sample)
        if field.name not in excluded
    ]


def _remember_aliases(*, draft: dict, province_id: int, user) -> None:
    """Add each name the user ticked "remember" for to the aliases of the agency it was mapped to
    (through `agency_save`, so the change is in the agency's history)."""
    mapping = draft.get("mapping") or {}
    wanted: dict[int, list[str]] = {}
    for name in draft.get("remember") or []:
        if mapping.get(name):
            wanted.setdefault(mapping[name], []).append(name)
    for agency in Agency.objects.filter(pk__in=wanted, province_id=province_id):
        known = {search_key(n) for n in [agency.name, agency.short_name, *(agency.aliases or [])]}
        new = [n for n in wanted[agency.pk] if search_key(n) not in known]
        if new:
            agency.aliases = [*(agency.aliases or []), *new]
            agency_save(agency=agency, user=user)
