"""Writes of the plans capability: importing a plan, editing plans, groups and tasks, recording
progress, copying a plan to the next year."""

from ansinh.plans.services.imports import plan_import
from ansinh.plans.services.plans import (
    group_add,
    group_delete,
    plan_copy,
    plan_create,
    plan_update,
)
from ansinh.plans.services.tasks import (
    progress_record,
    task_delete,
    task_save,
    task_unit_assign,
    task_units_sync,
)

__all__ = [
    "group_add",
    "group_delete",
    "plan_copy",
    "plan_create",
    "plan_import",
    "plan_update",
    "progress_record",
    "task_delete",
    "task_save",
    "task_unit_assign",
    "task_units_sync",
]
